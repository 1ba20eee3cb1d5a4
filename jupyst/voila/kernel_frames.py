"""The kernel websocket's outgoing frames in the framing the page's socket speaks (isolated mode).

jupyter_server speaks two framings on a kernel websocket: ``v1.kernel.websocket.jupyter.org``
(asked for as a subprotocol; Voilà's and JupyterLab's front ends ask for it) and the "legacy"
one (no subprotocol; jupyst's lean page speaks it, as does the shared-mode server). A message
with buffers goes out as a binary frame in either, but the two layouts differ:

- v1: a little-endian 64-bit count of offsets, then the offsets (64-bit), then the channel,
  header, parent header, metadata, content and buffers;
- legacy: a big-endian 32-bit count of parts, then 32-bit offsets, then the whole message as
  JSON and the buffers.

Voilà's kernel websocket handler reads every binary frame it sends as v1 to drop
``execute_input`` messages. On a legacy frame the first eight bytes read as a count in the
quintillions, and the list of offsets it builds never ends: the server's main thread spins and
its memory grows by gigabytes while the page waits for the reply forever (the first widget
message with buffers, e.g. a chart's, is enough). :class:`FramingAwareWrites` reads a legacy
frame's header as legacy, and leaves v1 frames and text frames to Voilà's handler.
"""

from __future__ import annotations

import json
import struct
from typing import Any

V1_SUBPROTOCOL = "v1.kernel.websocket.jupyter.org"


def legacy_frame_header(frame: bytes) -> dict[str, Any] | None:
    """The ``header`` of a legacy binary frame's message, or None when the frame is not one.

    Every offset is checked against the frame's length before it is used, so that no frame,
    however it is laid out, makes this read more than the frame holds.
    """
    if len(frame) < 8:
        return None
    (count,) = struct.unpack_from("!I", frame, 0)
    if count < 1 or 4 * (count + 1) > len(frame):
        return None
    offsets = struct.unpack_from(f"!{count}I", frame, 4)
    start = offsets[0]
    end = offsets[1] if count > 1 else len(frame)
    if not 4 * (count + 1) <= start <= end <= len(frame):
        return None
    try:
        msg = json.loads(frame[start:end].decode("utf-8"))
    except ValueError:
        return None
    header = msg.get("header") if isinstance(msg, dict) else None
    return header if isinstance(header, dict) else None


class FramingAwareWrites:
    """Put before Voilà's ``VoilaKernelWebsocketHandler`` in a handler's bases.

    Binary frames on a socket without the v1 subprotocol are legacy frames: their header is
    read as such (``execute_input`` is still dropped, as Voilà drops it) and the frame goes out
    past Voilà's v1 reading. Everything else goes through Voilà's handler unchanged.
    """

    selected_subprotocol: str | None

    def write_message(self, message: Any, binary: bool = False) -> Any:
        from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

        if isinstance(message, bytes) and self.selected_subprotocol != V1_SUBPROTOCOL:
            header = legacy_frame_header(message)
            if header and header.get("msg_type") == "execute_input":
                return None
            return super(VoilaKernelWebsocketHandler, self).write_message(message, binary)  # type: ignore[misc]
        return super().write_message(message, binary)  # type: ignore[misc]
