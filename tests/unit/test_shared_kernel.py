"""Virtual kernels in one process, without a server: comm routing, framing, and no leaks.

Sessions here are real (a script thread each, real ipywidgets); the "socket" of a kernel is
a list its frames are written to.
"""

from __future__ import annotations

import gc
import json
import struct
import threading
from pathlib import Path
from typing import Any

import ipywidgets as w
import pytest
from ipywidgets.widgets.widget import _instances

from jupyst.runtime.script_source import ScriptSource
from jupyst.server.comms import NowhereComm, VirtualComm, install, kernel_scope
from jupyst.server.kernel import VirtualKernel
from jupyst.server.protocol import ProtocolError, parse_frame, to_frame
from jupyst.server.session import SharedSession, VisitorRequest
from jupyst.widgets.shared_models import shared

APP = '''import streamlit as st

who = st.query_params.get("who", "nobody")
n = st.slider("n", 0, 10, 3)
st.text(f"{who} n={n}")
with st.sidebar:
    st.checkbox("more")
'''


@pytest.fixture(autouse=True)
def routed_comms() -> None:
    # Per test: importing ipykernel (as other tests of the run may, at any point) puts its own
    # comm factories in place, and the server would do this at start anyway.
    install()


def run_now(fn: Any, *args: Any) -> None:
    fn(*args)


class Socket:
    """What a page's socket would have received from a kernel."""

    def __init__(self, kernel: VirtualKernel) -> None:
        self.frames: list[Any] = []
        kernel.attach(lambda frame, binary: self.frames.append(frame))

    def messages(self) -> list[dict[str, Any]]:
        return [json.loads(f) if isinstance(f, str) else parse_frame(f) for f in self.frames]


@pytest.fixture
def app_file(tmp_path: Path) -> Path:
    path = tmp_path / "app.py"
    path.write_text(APP, encoding="utf-8")
    return path


def start(app_file: Path, kernel: VirtualKernel, who: str) -> SharedSession:
    session = SharedSession(ScriptSource(path=str(app_file)), kernel, VisitorRequest(query_string=f"who={who}"))
    kernel.session = session
    assert session.first_run_done.wait(30)
    return session


def test_widgets_belong_to_the_kernel_current_on_their_thread() -> None:
    one, two = VirtualKernel(run_now), VirtualKernel(run_now)
    sock_one, sock_two = Socket(one), Socket(two)
    with kernel_scope(one):
        a = w.IntSlider(value=1)
    with kernel_scope(two):
        b = w.IntSlider(value=2)
    stray = w.IntSlider(value=3)
    assert isinstance(a.comm, VirtualComm)
    assert a.comm.kernel is one
    assert isinstance(b.comm, VirtualComm)
    assert b.comm.kernel is two
    assert isinstance(stray.comm, NowhereComm)
    # A trait change later, from any thread, reaches its own kernel's socket only.
    thread = threading.Thread(target=lambda: setattr(a, "value", 10))
    thread.start()
    thread.join()
    one_ids = {m["content"].get("comm_id") for m in sock_one.messages()}
    two_ids = {m["content"].get("comm_id") for m in sock_two.messages()}
    assert a.model_id in one_ids
    assert b.model_id not in one_ids
    assert stray.model_id not in one_ids
    assert b.model_id in two_ids
    assert a.model_id not in two_ids
    assert any(m["content"].get("data", {}).get("state", {}).get("value") == 10 for m in sock_one.messages())
    a_id = a.model_id
    for widget in (a, b, stray):
        widget.close()
    assert a_id not in one.comms.comms
    assert any(m["msg_type"] == "comm_close" and m["content"]["comm_id"] == a_id for m in sock_one.messages())


def test_shared_layouts_are_per_kernel() -> None:
    one, two = VirtualKernel(run_now), VirtualKernel(run_now)
    with kernel_scope(one):
        layout_one = shared(w.Layout)
        assert shared(w.Layout) is layout_one
    with kernel_scope(two):
        layout_two = shared(w.Layout)
    assert layout_one is not layout_two
    assert layout_one.comm.kernel is one
    assert layout_two.comm.kernel is two
    one.close()
    two.close()
    assert layout_one.comm is None
    assert layout_two.comm is None


def test_sessions_see_their_own_request_and_widgets(app_file: Path) -> None:
    alice_kernel, bob_kernel = VirtualKernel(run_now), VirtualKernel(run_now)
    alice, bob = start(app_file, alice_kernel, "alice"), start(app_file, bob_kernel, "bob")
    try:
        assert alice.query_params.to_dict() == {"who": "alice"}
        assert bob.query_params.to_dict() == {"who": "bob"}
        texts = {k: [x.value for x in _instances.values() if isinstance(x, w.HTML) and getattr(x.comm, "kernel", None) is k]
                 for k in (alice_kernel, bob_kernel)}
        assert any("alice n=3" in t for t in texts[alice_kernel])
        assert not any("bob" in t for t in texts[alice_kernel])
        assert any("bob n=3" in t for t in texts[bob_kernel])
        # Every widget of a session is one of its kernel's comms.
        for kernel in (alice_kernel, bob_kernel):
            owned = {cid for cid, c in kernel.comms.comms.items() if c.target_name == "jupyter.widget"}
            assert kernel.session.widget.model_id in owned
    finally:
        alice_kernel.close()
        bob_kernel.close()


def test_many_sessions_opened_and_closed_leave_no_widgets_behind(app_file: Path) -> None:
    def cycle() -> None:
        kernel = VirtualKernel(run_now)
        start(app_file, kernel, "visitor")
        kernel.close()

    for _ in range(5):  # imports, caches and the first compile happen here
        cycle()
    gc.collect()
    baseline = len(_instances)
    threads = threading.active_count()
    for _ in range(200):
        cycle()
    gc.collect()
    assert len(_instances) == baseline
    assert threading.active_count() <= threads + 1


def test_frames_round_trip_and_malformed_frames_are_refused() -> None:
    msg = {"header": {"msg_id": "1", "msg_type": "comm_msg"}, "parent_header": {}, "metadata": {}, "content": {"x": 1}}
    text, binary = to_frame(msg)
    assert not binary
    assert parse_frame(text)["content"] == {"x": 1}
    frame, binary = to_frame(msg, [b"abc", memoryview(b"de")])
    assert binary
    assert parse_frame(frame)["buffers"] == [b"abc", b"de"]
    # NaN cannot be JSON: it is cleaned, not sent as invalid JSON.
    text, _ = to_frame({**msg, "content": {"x": float("nan")}})
    json.loads(text)
    for bad in ("{not json", "[1, 2]", json.dumps({"header": "x"}), json.dumps({"header": {"msg_type": "a"}}),
                json.dumps({"header": {"msg_type": "a", "msg_id": "1"}, "content": [1]}),
                b"\x00", struct.pack("!II", 1, 99) + b"{}", struct.pack("!I", 10**6)):
        with pytest.raises(ProtocolError):
            parse_frame(bad)


def test_a_page_holds_at_most_two_widget_control_comms() -> None:
    # A page opens one control comm to fetch the widgets' states, then closes it; a page that
    # opens thousands and never closes them must not grow its kernel.
    kernel = VirtualKernel(run_now)
    socket = Socket(kernel)
    opened = [f"control-{i}" for i in range(50)]
    for comm_id in opened:
        kernel._handle({"msg_type": "comm_open", "header": {},
                        "content": {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}}})
    assert list(kernel.comms.comms) == opened[-2:]
    closed = {m["content"]["comm_id"] for m in socket.messages() if m["msg_type"] == "comm_close"}
    assert closed == set(opened[:-2])
    kernel.close()
