"""Reading a legacy binary frame's header (jupyst/voila/kernel_frames.py) from frames that
jupyter_server itself lays out, and refusing frames of another layout or forged offsets."""

from __future__ import annotations

import struct

from jupyter_client.session import Session
from jupyter_server.services.kernels.connection.base import (
    serialize_binary_message,
    serialize_msg_to_ws_v1,
)

from jupyst.voila.kernel_frames import legacy_frame_header


def message(msg_type: str, buffers: list[bytes]) -> dict:
    header = {"msg_id": "m1", "msg_type": msg_type, "session": "s", "username": "", "date": "", "version": "5.3"}
    return {"header": header, "parent_header": {}, "metadata": {}, "content": {"comm_id": "c", "data": {}},
            "channel": "iopub", "buffers": buffers}


def test_reads_the_header_of_a_legacy_frame() -> None:
    frame = serialize_binary_message(message("comm_msg", [b"\x00\x01\x02", b"abc"]))
    assert legacy_frame_header(frame) == message("comm_msg", [])["header"]
    frame = serialize_binary_message(message("execute_input", [b"x"]))
    assert (legacy_frame_header(frame) or {})["msg_type"] == "execute_input"


def test_a_v1_frame_or_a_forged_one_has_no_legacy_header() -> None:
    session = Session()
    msg = session.msg("comm_msg", {"comm_id": "c", "data": {}})
    parts = session.serialize(msg)[1:]  # without the delimiter's signature part
    v1 = serialize_msg_to_ws_v1([*parts, b"buffer"], "iopub")
    assert legacy_frame_header(v1) is None
    assert legacy_frame_header(b"") is None
    assert legacy_frame_header(struct.pack("!I", 0xFFFFFFFF) + b"\0" * 8) is None  # a count past the frame
    assert legacy_frame_header(struct.pack("!III", 2, 12, 4000) + b"{}") is None  # an offset past the frame
    assert legacy_frame_header(struct.pack("!III", 2, 12, 14) + b"[]xx") is None  # not a message
