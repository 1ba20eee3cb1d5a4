"""st.chat_input against untrusted front-end messages, and st.write_stream's message rate.

Messages are forged the way a browser's arrive: an ipywidgets comm "update" message handed to
the widget (``_handle_msg``), so the widget's own checks run exactly as in a kernel.
"""

from __future__ import annotations

import contextlib
from typing import Any

from tests.unit.helpers import leaves, settle, start, widget

CHAT = """
import contextlib
import jupyst as st
if "log" not in st.session_state:
    st.session_state.log = []
a = st.chat_input("a", max_chars=5, key="a")
b = st.chat_input("b", disabled=True, key="b")
if a:
    st.session_state.log.append(a)
st.text(f"a={a!r} b={b!r} log={st.session_state.log!r}")
"""


def _send(box: Any, state: dict[str, Any], buffers: list[bytes] | None = None, paths: list[Any] | None = None) -> None:
    box._handle_msg({"content": {"data": {"method": "update", "state": state, "buffer_paths": paths or []}}, "buffers": buffers or []})


def _boxes(session: Any) -> tuple[Any, Any]:
    return widget(session, "chat_input", 0), widget(session, "chat_input", 1)


def test_a_send_is_seen_in_one_run_only() -> None:
    session = start(CHAT)
    a, _ = _boxes(session)
    _send(a, {"submission": {"seq": 1, "text": "hi", "files": []}})
    settle(session)
    assert leaves(session)[-1] == ("text", "a='hi' b=None log=['hi']")
    assert a.submission is None  # handed over, then reset by the runtime
    session.request_rerun()
    settle(session)
    assert leaves(session)[-1] == ("text", "a=None b=None log=['hi']")
    session.close()


def test_a_forged_message_longer_than_max_chars_is_refused_and_given_back() -> None:
    session = start(CHAT)
    a, _ = _boxes(session)
    runs = session.run_count
    _send(a, {"submission": {"seq": 7, "text": "far too long", "files": []}})
    settle(session)
    assert session.run_count == runs  # no run, the script never saw it
    assert a.restore == {"seq": 7, "text": "far too long"}  # nothing typed is lost
    assert leaves(session)[-1] == ("text", "a=None b=None log=[]")
    # The kernel lives and the box still works.
    _send(a, {"submission": {"seq": 8, "text": "short", "files": []}})
    settle(session)
    assert leaves(session)[-1] == ("text", "a='short' b=None log=['short']")
    session.close()


def test_a_disabled_chat_input_ignores_sends() -> None:
    session = start(CHAT)
    _, b = _boxes(session)
    runs = session.run_count
    _send(b, {"submission": {"seq": 1, "text": "let me in", "files": []}})
    settle(session)
    assert session.run_count == runs
    assert b.restore == {"seq": 1, "text": "let me in"}
    assert leaves(session)[-1] == ("text", "a=None b=None log=[]")
    session.close()


def test_malformed_submissions_and_unwanted_files_are_refused() -> None:
    session = start(CHAT)
    a, _ = _boxes(session)
    runs = session.run_count
    for bad in ({"seq": 1, "text": 5}, {"text": "x"}, "just text", {"seq": 2, "text": "x", "files": "nope"}):
        # The trait's own type check may refuse it first: either way nothing runs.
        with contextlib.suppress(Exception):
            _send(a, {"submission": bad})
    _send(a, {"submission": {"seq": 3, "text": "doc", "files": [{"name": "a.txt", "type": "text/plain", "size": 3}]}},
          buffers=[b"abc"], paths=[["submission", "files", 0, "content"]])
    settle(session)
    assert session.run_count == runs
    assert a.restore == {"seq": 3, "text": "doc"}
    session.close()


FILES = """
import jupyst as st
v = st.chat_input("f", accept_file="multiple", file_type=["txt"])
if v:
    st.text(f"{v.text!r} {[(f.name, f.read()) for f in v.files]!r}")
"""


def test_files_arrive_as_uploaded_files() -> None:
    session = start(FILES)
    box = widget(session, "chat_input")
    assert box.accept_file == "multiple"
    assert box.file_type == [".txt"]
    _send(box, {"submission": {"seq": 1, "text": "", "files": [{"name": "a.txt", "type": "text/plain", "size": 3}]}},
          buffers=[b"abc"], paths=[["submission", "files", 0, "content"]])
    settle(session)
    assert leaves(session)[-1] == ("text", "'' [('a.txt', b'abc')]")
    session.close()


def test_a_chat_input_in_the_main_area_goes_to_the_bottom() -> None:
    session = start("import jupyst as st\nst.chat_input('x')\nwith st.sidebar:\n    st.chat_input('y')\n")
    assert [k for k, _ in leaves(session, "bottom")] == ["chat_input"]
    assert [k for k, _ in leaves(session, "sidebar")] == ["chat_input"]
    bottom = session.last_ctx.roots["bottom"].children[0]
    assert "jupyst-chat-input-bottom" in session.reconciler.pool[bottom.key]._dom_classes
    session.close()
