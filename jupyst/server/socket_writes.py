"""Writing a batch of messages to a page's websocket in one send.

A rerun sends a page a dozen messages at once (the kernel's busy/idle statuses, the echo of
the moved value, the updated and new widgets). Written one by one through tornado's
``write_message``, each is a ``send`` system call on the event loop thread (which lets go
of the GIL and then waits its turn to take it back behind every visitor's running script)
and an asyncio task. :func:`write_frames` frames them as RFC 6455 server frames (final,
unmasked: a server never masks) and hands them to the connection's stream as one write; the
page receives the same messages, in the same order. A connection that negotiated
compression (permessage-deflate), or that is not tornado's RFC 6455 protocol, gets them one
by one through ``write_message`` as before.
"""

from __future__ import annotations

import contextlib
import struct
from collections.abc import Iterable
from typing import Any

from tornado.iostream import StreamClosedError
from tornado.websocket import WebSocketClosedError, WebSocketHandler

Frame = tuple[Any, bool]

TEXT = 0x1
BINARY = 0x2
FIN = 0x80


def frame_header(opcode: int, length: int) -> bytes:
    """The header of a final, unmasked frame with a payload of ``length`` bytes."""
    if length < 126:
        return struct.pack("!BB", FIN | opcode, length)
    if length <= 0xFFFF:
        return struct.pack("!BBH", FIN | opcode, 126, length)
    return struct.pack("!BBQ", FIN | opcode, 127, length)


def encode_frames(frames: Iterable[Frame]) -> bytes:
    """The wire bytes of ``frames`` (text frames are str, binary ones bytes)."""
    parts: list[bytes] = []
    for frame, binary in frames:
        payload = frame if isinstance(frame, bytes) else frame.encode("utf-8")
        parts.append(frame_header(BINARY if binary else TEXT, len(payload)))
        parts.append(payload)
    return b"".join(parts)


def write_frames(handler: WebSocketHandler, frames: list[Frame]) -> None:
    """Send ``frames`` on the handler's open websocket, in order; nothing once it is closing."""
    conn = handler.ws_connection
    if conn is None or conn.is_closing():
        return
    stream = getattr(conn, "stream", None)
    compressed = getattr(conn, "_compressor", True) is not None
    plain = not compressed and not getattr(conn, "mask_outgoing", True)
    if len(frames) > 1 and plain and stream is not None:
        try:
            data = encode_frames(frames)
        except UnicodeEncodeError:  # refused below, frame by frame, as write_message refuses it
            pass
        else:
            with contextlib.suppress(StreamClosedError):  # the page went: nothing to send
                stream.write(data)
            return
    for frame, binary in frames:
        try:
            handler.write_message(frame, binary=binary)
        except WebSocketClosedError:
            return
