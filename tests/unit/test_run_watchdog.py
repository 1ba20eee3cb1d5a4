"""The run limit in a live session: a run spinning without st.* calls is stopped, the
visitor reads why, and the session takes the next event; closing a session stops its run."""

from __future__ import annotations

import textwrap
import threading
import time
from collections.abc import Iterator

import pytest

from jupyst.app import run_watchdog
from jupyst.app.session import AppSession
from jupyst.elements.lib.node import Node
from jupyst.runtime.script_source import ScriptSource

SPIN = """
import streamlit as st
st.text("before the loop")
if st.session_state.get("spin", True):
    while True:
        pass
st.text("after the loop")
"""


#: the run limit of these tests: short, yet above a first run's time on a busy machine
LIMIT = 2.0


@pytest.fixture
def short_limit() -> Iterator[float]:
    run_watchdog.set_run_timeout(LIMIT)
    try:
        yield LIMIT
    finally:
        run_watchdog.set_run_timeout(0)


def nodes(session: AppSession) -> list[Node]:
    assert session.last_ctx is not None
    return [n for root in session.last_ctx.roots.values() for n in root.walk()]


def test_a_spinning_run_is_stopped_and_says_so(short_limit: float) -> None:
    session = AppSession(ScriptSource(text=textwrap.dedent(SPIN), name="<spin>"))
    try:
        assert session.wait_idle(20)
        shown = nodes(session)
        assert [n.props["body"] for n in shown if n.kind == "text"] == ["before the loop"]
        errors = [n.props["body"] for n in shown if n.kind == "error"]
        assert errors == [run_watchdog.timeout_message(short_limit)]
        assert "longer than 2 seconds" in errors[0]
        # The session is free: the next run goes through.
        session.state["spin"] = False
        session.request_rerun()
        assert session.wait_idle(20)
        texts = [n.props["body"] for n in nodes(session) if n.kind == "text"]
        assert texts == ["before the loop", "after the loop"]
        assert not [n for n in nodes(session) if n.kind == "error"]
    finally:
        session.close()


def test_a_script_catching_everything_is_stopped_all_the_same(short_limit: float) -> None:
    script = """
    import streamlit as st
    try:
        while True:
            pass
    except BaseException:
        pass
    while True:
        pass
    """
    session = AppSession(ScriptSource(text=textwrap.dedent(script), name="<stubborn>"))
    try:
        # It swallows the first one; the watchdog raises again until the run ends.
        assert session.wait_idle(20)
        assert [n.kind for n in nodes(session)].count("error") == 1
    finally:
        session.close()


def test_closing_a_session_stops_its_stuck_run_without_a_limit() -> None:
    assert run_watchdog.run_timeout() == 0
    session = AppSession(ScriptSource(text="while True:\n    pass\n", name="<stuck>"))
    time.sleep(0.3)
    assert session._thread in threading.enumerate()
    session.close()
    assert not session._thread.is_alive()


def test_a_spinning_fragment_run_is_stopped_inside_its_fragment(short_limit: float) -> None:
    script = """
    import streamlit as st

    @st.fragment
    def part():
        if st.button("spin"):
            while True:
                pass
        st.text("fragment drawn")

    st.text("outside")
    part()
    """
    session = AppSession(ScriptSource(text=textwrap.dedent(script), name="<fragment>"))
    try:
        assert session.wait_idle(20)
        assert session.fragment_runs == 0
        button = next(n for n in nodes(session) if n.props.get("label") == "spin")
        session.reconciler.widget_for(button).click()
        assert session.wait_idle(20)
        assert session.fragment_runs == 1  # a fragment run, not a full one
        errors = [n.props["body"] for n in nodes(session) if n.kind == "error"]
        assert errors == [run_watchdog.timeout_message(short_limit)]
        assert [n.props["body"] for n in nodes(session) if n.kind == "text"] == ["outside"]
    finally:
        session.close()
