"""The Jupyter messages a page's kernel websocket carries, as frames and back.

The page speaks the websocket protocol that jupyter_server calls "legacy" (no subprotocol):
a message without buffers is one JSON text frame; a message with buffers is one binary
frame: a count, the offsets, the JSON, then the buffers (``jupyter_server``'s
``serialize_binary_message`` layout). JSON is packed as jupyter_client packs it (NaN and
other values JSON cannot hold are cleaned, not sent as invalid JSON).

Everything that arrives is untrusted: :func:`parse_frame` raises :class:`ProtocolError` for a
frame that is not a well-formed message, and the caller closes that socket only.
"""

from __future__ import annotations

import itertools
import json
import os
import struct
import uuid
from datetime import datetime, timezone
from typing import Any

from jupyter_client.session import json_default, json_packer

PROTOCOL_VERSION = "5.3"
#: a binary frame may carry at most this many buffers (a widget update carries a few)
MAX_BUFFERS = 1024


class ProtocolError(ValueError):
    """A frame from a page that is not a Jupyter message."""


def new_header(msg_type: str, session: str, msg_id: str | None = None) -> dict[str, Any]:
    return {
        "msg_id": msg_id or uuid.uuid4().hex,
        "msg_type": msg_type,
        "username": "jupyst",
        "session": session,
        "date": datetime.now(timezone.utc).isoformat().replace("+00:00", "Z"),
        "version": PROTOCOL_VERSION,
    }


def new_message(
    msg_type: str, content: dict[str, Any], *, session: str, channel: str, parent: dict[str, Any] | None = None,
    metadata: dict[str, Any] | None = None, msg_id: str | None = None,
) -> dict[str, Any]:
    header = new_header(msg_type, session, msg_id)
    return {
        "header": header,
        "msg_id": header["msg_id"],
        "msg_type": msg_type,
        "parent_header": parent or {},
        "metadata": metadata or {},
        "content": content,
        "channel": channel,
    }


class CountedIds:
    """Ids made of a prefix chosen once and a count: unique for as long as the prefix is.

    A count rather than a fresh uuid4 per id: ``uuid4`` reads the OS's random source, a
    system call that lets go of the GIL, and the thread then queues to take it back behind
    every busy session's script thread (many times per rerun with many visitors).
    """

    def __init__(self, prefix: str, count_format: str = "d") -> None:
        self._prefix = prefix
        self._format = count_format
        self._count = itertools.count()

    def next(self) -> str:
        return f"{self._prefix}{next(self._count):{self._format}}"  # itertools.count is atomic under the GIL


def message_ids(session: str) -> CountedIds:
    """Message ids for one sender: ``<session>_<pid>_<n>``, as jupyter_client's Session makes them."""
    return CountedIds(f"{session}_{os.getpid()}_")


#: jupyter_client's json_packer settings, built once (json.dumps builds an encoder per call)
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, default=json_default)


def pack_text(msg: dict[str, Any]) -> str:
    """``msg`` as JSON text, exactly as ``json_packer`` packs it (then decoded)."""
    try:
        text = _ENCODER.encode(msg)
        if not text.isascii():
            text.encode("utf-8", errors="surrogateescape")  # what json_packer's encoding refuses
        return text
    except (TypeError, ValueError):  # json_packer's own fallback: clean the values, warn (or raise)
        return json_packer(msg).decode("utf-8", errors="surrogateescape")


def to_frame(msg: dict[str, Any], buffers: list[Any] | None = None) -> tuple[str | bytes, bool]:
    """The frame for ``msg`` and whether it is binary."""
    if not buffers:
        return pack_text({**msg, "buffers": []}), False
    packed = json_packer(msg)
    parts = [packed, *(bytes(b) if not isinstance(b, bytes) else b for b in buffers)]
    count = len(parts)
    offsets = [4 * (count + 1)]
    for part in parts[:-1]:
        offsets.append(offsets[-1] + len(part))
    return struct.pack("!" + "I" * (count + 1), count, *offsets) + b"".join(parts), True


def parse_frame(frame: str | bytes) -> dict[str, Any]:
    """A page's frame as a message dict with ``buffers``; ProtocolError if malformed."""
    buffers: list[bytes] = []
    if isinstance(frame, bytes):
        try:
            (count,) = struct.unpack("!I", frame[:4])
            if not 1 <= count <= MAX_BUFFERS + 1 or len(frame) < 4 * (count + 1):
                raise ProtocolError("bad buffer count")
            offsets = list(struct.unpack("!" + "I" * count, frame[4 : 4 * (count + 1)]))
        except struct.error:
            raise ProtocolError("truncated binary frame") from None
        bounds = [*offsets, len(frame)]
        if any(not (4 * (count + 1) <= a <= b <= len(frame)) for a, b in zip(bounds, bounds[1:])):
            raise ProtocolError("bad buffer offsets")
        parts = [frame[a:b] for a, b in zip(bounds, bounds[1:])]
        text: str | bytes = parts[0]
        buffers = parts[1:]
    else:
        text = frame
    try:
        msg = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        raise ProtocolError("not JSON") from None
    if not isinstance(msg, dict):
        raise ProtocolError("not a JSON object")
    header = msg.get("header")
    if not isinstance(header, dict) or not isinstance(header.get("msg_type"), str) or not isinstance(header.get("msg_id"), str):
        raise ProtocolError("no message header")
    for key in ("content", "metadata", "parent_header"):
        value = msg.setdefault(key, {})
        if value is None:
            msg[key] = {}
        elif not isinstance(value, dict):
            raise ProtocolError(f"{key} is not an object")
    msg["msg_type"] = header["msg_type"]
    msg["msg_id"] = header["msg_id"]
    msg["buffers"] = buffers
    return msg
