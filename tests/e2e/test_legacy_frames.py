"""Isolated mode with a page that speaks the kernel websocket's legacy framing (no subprotocol;
jupyst's lean page and the protocol client of tests/e2e/widget_client.py do): a widget state
with binary buffers (a chart's arrays) reaches the page as one legacy binary frame, and the
server goes on answering. Voilà's handler read such frames as v1 ones and spun on them, its
memory growing by gigabytes, while the page waited forever (jupyst/voila/kernel_frames.py)."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.server import JupystServer
from tests.e2e.widget_client import PageClient, http_get

pytestmark = pytest.mark.e2e

APP = """import streamlit as st

st.title("Frames")
n = st.slider("n", 0, 10, 3)
st.line_chart({"a": [1, 3, 2, n]})
st.text(f"n is {n}")
"""


@pytest.fixture(scope="module")
def isolated_server(e2e_root: Path, server_env: dict[str, str]) -> Iterator[JupystServer]:
    folder = e2e_root / "legacy_frames"
    folder.mkdir(exist_ok=True)
    (folder / "frames_app.py").write_text(APP, encoding="utf-8")
    server = JupystServer(["run", "frames_app.py", "--isolated"], server_env, folder, e2e_root / "legacy-frames.log")
    server.start()
    yield server
    server.stop()


def test_buffers_reach_a_legacy_socket_as_legacy_frames(isolated_server: JupystServer) -> None:
    client = PageClient(isolated_server.url)
    try:
        client.open()  # kernel_info, then every widget's state: the reply carries the chart's buffers
        binary = [frame for frame in client.frames if isinstance(frame, bytes)]
        assert binary, "no widget state with buffers came"
        for frame in binary:
            (count,) = struct.unpack("!I", frame[:4])
            assert 2 <= count < 1000  # a legacy layout: a small big-endian part count
        assert any(m["buffers"] for m in client.messages if m["msg_type"] == "comm_msg")
        # The server still answers: a slider change reruns the app and its text comes back.
        (slider,) = client.models("jupyst-slider-input")
        client.set_value(slider, 7)
        client.wait_shows("n is 7")
        assert http_get(isolated_server.url + "healthz", timeout=10)[0] == 200
    finally:
        client.close()
