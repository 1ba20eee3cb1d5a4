"""Threads an app starts itself: add_script_run_ctx, as Streamlit supports them.

A thread with the run's context draws into the app during the run, after it (a placeholder
updated in a loop) and after a rerun (at the same place of the newest run); a thread without
one logs Streamlit's warning and draws nothing; in the shared server, what a thread draws
reaches its own visitor's kernel only.
"""

from __future__ import annotations

import logging
import queue
import textwrap
from pathlib import Path
from typing import Any

import ipywidgets as w
import pytest

from jupyst.app.session import AppSession
from jupyst.runtime.script_source import ScriptSource
from jupyst.server.comms import VirtualComm, install
from jupyst.server.kernel import VirtualKernel
from jupyst.server.session import SharedSession, VisitorRequest
from tests.unit.helpers import find, leaves, on_screen, settle, wait_for, widget

TIMEOUT = 10


def start(src: str, **extra: Any) -> AppSession:
    source = ScriptSource(text=textwrap.dedent(src), name="<unit>", extra_globals=extra)
    session = AppSession(source)
    settle(session, 30)
    return session


def test_a_thread_with_the_context_draws_into_the_run_that_started_it() -> None:
    session = start("""
        import threading
        import streamlit as st
        from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

        box = st.container()
        def work():
            box.text("in the box")
            st.text("bare, from the thread")
        thread = threading.Thread(target=work)
        add_script_run_ctx(thread, get_script_run_ctx())
        thread.start()
        thread.join()
        st.text("after")
    """)
    try:
        assert leaves(session) == [("text", "in the box"), ("text", "bare, from the thread"), ("text", "after")]
        assert on_screen(session, "in the box")
        assert on_screen(session, "bare, from the thread")
    finally:
        session.close()


PLACEHOLDER_APP = """
    import threading
    import streamlit as st
    from streamlit.runtime.scriptrunner_utils.script_run_context import add_script_run_ctx

    slot = st.empty()
    slot.text("waiting")
    if "thread" not in st.session_state:
        def tick():
            for text in iter(ticks.get, None):
                slot.text(text)
                written.put(text)
        st.session_state.thread = add_script_run_ctx(threading.Thread(target=tick, daemon=True))
        st.session_state.thread.start()
    st.text("end")
"""


def test_a_thread_updates_a_placeholder_after_the_run_ended_and_after_a_rerun() -> None:
    ticks: queue.Queue[str | None] = queue.Queue()
    written: queue.Queue[str] = queue.Queue()
    session = start(PLACEHOLDER_APP, ticks=ticks, written=written)
    try:
        assert leaves(session) == [("text", "waiting"), ("text", "end")]
        shown = widget(session, "text", 0)
        ticks.put("tick 1")
        assert written.get(timeout=TIMEOUT) == "tick 1"
        wait_for(lambda: "tick 1" in shown.value, TIMEOUT)
        # The finished run's tree holds the new text; the same widget was updated in place.
        assert leaves(session) == [("text", "tick 1"), ("text", "end")]
        assert widget(session, "text", 0) is shown
        runs = session.run_count

        # A rerun draws its own placeholder; the thread (kept in session state) goes on
        # writing at the same place of the newest run, as Streamlit's delta path would.
        session.request_rerun()
        wait_for(lambda: session.run_count > runs, TIMEOUT)
        settle(session)
        assert leaves(session) == [("text", "waiting"), ("text", "end")]
        ticks.put("tick 2")
        assert written.get(timeout=TIMEOUT) == "tick 2"
        wait_for(lambda: on_screen(session, "tick 2"), TIMEOUT)
        assert leaves(session) == [("text", "tick 2"), ("text", "end")]
        assert find(session, "text", 1).props["body"] == "end"
    finally:
        ticks.put(None)
        session.close()


def test_a_thread_without_the_context_warns_and_draws_nothing(caplog: pytest.LogCaptureFixture) -> None:
    outcome: list[str] = []
    with caplog.at_level(logging.WARNING):
        session = start("""
            import threading
            import streamlit as st

            def work():
                st.text("lost")
                with st.container():
                    st.text("lost too")
                st.empty().text("and this")
                outcome.append("finished")
            thread = threading.Thread(target=work, name="worker")
            thread.start()
            thread.join()
            st.text("end")
        """, outcome=outcome)
    try:
        assert outcome == ["finished"]  # no exception in the thread
        assert leaves(session) == [("text", "end")]
        assert not on_screen(session, "lost")
        assert "Thread 'worker': missing ScriptRunContext!" in caplog.text
        # The app lives on: the next run is normal.
        runs = session.run_count
        session.request_rerun()
        wait_for(lambda: session.run_count > runs, TIMEOUT)
        assert outcome == ["finished", "finished"]
    finally:
        session.close()


SHARED_APP = """
import threading
import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx

who = st.query_params.get("who", "nobody")
box = st.container()
st.text(f"{who} ready")
if "thread" not in st.session_state:
    def late():
        go[who].wait()
        box.text(f"late for {who}")
        box.button(f"button for {who}")
        done[who].set()
    st.session_state.thread = add_script_run_ctx(threading.Thread(target=late, daemon=True))
    st.session_state.thread.start()
"""


def test_in_the_shared_server_a_threads_widgets_reach_only_its_visitors_kernel(tmp_path: Path) -> None:
    import threading

    install()
    app = tmp_path / "app.py"
    app.write_text(SHARED_APP, encoding="utf-8")
    go = {"alice": threading.Event(), "bob": threading.Event()}
    done = {"alice": threading.Event(), "bob": threading.Event()}
    frames: dict[str, list[Any]] = {"alice": [], "bob": []}
    kernels, sessions = {}, {}
    try:
        for who in ("alice", "bob"):
            kernel = VirtualKernel(lambda fn, *args: fn(*args))
            kernel.attach(lambda frame, binary, who=who: frames[who].append(frame))
            session = SharedSession(
                ScriptSource(path=str(app), extra_globals={"go": go, "done": done}), kernel,
                VisitorRequest(query_string=f"who={who}"),
            )
            kernel.session = session
            assert session.first_run_done.wait(30)
            kernels[who], sessions[who] = kernel, session
        go["alice"].set()  # only alice's thread draws, after her run ended
        assert done["alice"].wait(TIMEOUT)
        alice = sessions["alice"]

        def made() -> list[w.Widget]:
            return [x for x in list(alice.reconciler.pool.values())
                    if "for alice" in str(getattr(x, "value", "")) + str(getattr(x, "description", ""))]

        wait_for(lambda: len(made()) == 2, TIMEOUT)  # the text and the button
        for made_widget in made():
            assert isinstance(made_widget.comm, VirtualComm)
            assert made_widget.comm.kernel is kernels["alice"]
        alice_text = "".join(str(f) for f in frames["alice"])
        bob_text = "".join(str(f) for f in frames["bob"])
        assert "late for alice" in alice_text
        assert "late for alice" not in bob_text
        assert all(x.model_id in alice_text and x.model_id not in bob_text for x in made())
        assert not on_screen(sessions["bob"], "late for")
    finally:
        for who in go:
            go[who].set()
        for kernel in kernels.values():
            kernel.close()


def test_the_functions_have_streamlits_names_and_defaults() -> None:
    from jupyst.runtime import scriptrunner
    from jupyst.runtime.scriptrunner_utils import script_run_context

    assert script_run_context.add_script_run_ctx is scriptrunner.add_script_run_ctx
    assert scriptrunner.get_script_run_ctx(suppress_warning=True) is None
    # Nothing to attach outside a run: the thread comes back as it was.
    import threading

    thread = threading.Thread(target=lambda: None)
    assert scriptrunner.add_script_run_ctx(thread) is thread
    assert not hasattr(thread, "jupyst_script_run_ctx")
