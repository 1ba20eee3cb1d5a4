"""``run_every`` timers and ``st.dialog`` in a live session (no AppTest: it has neither)."""

from __future__ import annotations

import time
from typing import Any, Callable

from jupyst.app.session import AppSession
from tests.unit.test_fragments import click, node, nodes, set_value, start, texts


def wait_for(check: Callable[[], Any], timeout: float = 10) -> Any:
    """Poll until ``check()`` is truthy (a timer's effect shows up when the machine gets to it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.01)
    raise AssertionError("timed out waiting for the session")


def counts(session: AppSession) -> tuple[int, int]:
    state = session.state
    return state["full"] if "full" in state else 0, state["frag"] if "frag" in state else 0  # noqa: SIM401 - SessionState has no get()


TICKING = """
import streamlit as st
import time
st.session_state.full = st.session_state.get("full", 0) + 1
on = st.toggle("On", value=True)

@st.fragment(run_every={every!r})
def clock():
    st.session_state.frag = st.session_state.get("frag", 0) + 1
    time.sleep({slow})
    st.write(f"tick {{st.session_state.frag}}")

if on:
    clock()
"""


def test_run_every_ticks_without_any_visitor_action() -> None:
    session = start(TICKING.format(every=0.05, slow=0))
    try:
        wait_for(lambda: counts(session)[1] >= 4)
        assert counts(session)[0] == 1  # only the fragment reran
        assert session.wait_idle(30)
        assert texts(session) == [f"tick {counts(session)[1]}"]
    finally:
        session.close()


def test_run_every_takes_strings_and_timedeltas() -> None:
    for every in ("50ms", "0.05s"):
        session = start(TICKING.format(every=every, slow=0))
        try:
            wait_for(lambda s=session: counts(s)[1] >= 3)
        finally:
            session.close()
    session = start(TICKING.replace("run_every={every!r}", "run_every=__import__('datetime').timedelta(milliseconds=50)").format(slow=0))
    try:
        wait_for(lambda: counts(session)[1] >= 3)
    finally:
        session.close()


def test_run_every_stops_when_the_fragment_is_gone() -> None:
    session = start(TICKING.format(every=0.05, slow=0))
    try:
        wait_for(lambda: counts(session)[1] >= 2)
        set_value(session, "On", False)  # a full run that no longer calls the fragment
        assert session.timers.active() == {}
        ticks = session.timers.ticks
        frag = counts(session)[1]
        time.sleep(0.5)  # ten intervals: a live timer would have ticked
        assert session.wait_idle(30)
        assert (session.timers.ticks, counts(session)[1]) == (ticks, frag)
        assert texts(session) == []
    finally:
        session.close()


def test_a_fragment_slower_than_its_interval_never_piles_up_runs() -> None:
    # Busy for good: each run ends after its next tick is due, so the session is idle only
    # between two runs (a loaded machine's waiter can miss that): wait for the ticks instead.
    session = start(TICKING.format(every=0.01, slow=0.15), wait=False)
    try:
        wait_for(lambda: counts(session)[1] >= 4)
        session.timers.close()  # no more ticks: only what is queued now may still run
        at_stop = counts(session)[1]
        assert session.wait_idle(30)
        # At most the run going on and one waiting; stacked ticks would be about 15 per run.
        assert counts(session)[1] - at_stop <= 2
        assert counts(session)[0] == 1
    finally:
        session.close()


DIALOG_APP = """
import streamlit as st
st.session_state.full = st.session_state.get("full", 0) + 1

def dismissed():
    st.session_state.dismissed = st.session_state.get("dismissed", 0) + 1

@st.dialog("Your name", on_dismiss={on_dismiss})
def ask():
    st.session_state.frag = st.session_state.get("frag", 0) + 1
    name = st.text_input("Name")
    if st.button("Save"):
        st.session_state.saved = name
        st.rerun()

if st.button("Open"):
    ask()
st.write(f"saved {{st.session_state.get('saved')}}")
"""


def dialog_widget(session: AppSession) -> Any:
    found = [n for n in nodes(session) if n.kind == "dialog"]
    return session.reconciler.widget_for(found[0]) if found else None


def test_a_dialog_opens_takes_input_and_closes_with_st_rerun() -> None:
    session = start(DIALOG_APP.format(on_dismiss='"ignore"'))
    try:
        assert dialog_widget(session) is None
        click(session, "Open")
        box = dialog_widget(session)
        assert box is not None
        assert box.is_open
        assert box in session.reconciler.layout.roots["event"].children
        set_value(session, "Name", "Ada")  # a dialog run: the app below does not run
        assert counts(session) == (2, 2)
        assert dialog_widget(session) is box
        assert box.is_open
        click(session, "Save")  # st.rerun(): the next full run does not call ask()
        assert session.state["saved"] == "Ada"
        assert dialog_widget(session) is None
        assert box.comm is None
        assert texts(session) == ["saved Ada"]
    finally:
        session.close()


def test_dismissing_closes_at_once_and_ignore_does_not_rerun() -> None:
    session = start(DIALOG_APP.format(on_dismiss='"ignore"'))
    try:
        click(session, "Open")
        box = dialog_widget(session)
        runs = session.run_count
        box._backdrop.click()  # a click outside the panel
        assert session.wait_idle(30)
        assert not box.is_open
        assert session.run_count == runs
        click(session, "Open")  # opening again shows it again
        assert dialog_widget(session).is_open
    finally:
        session.close()


def test_on_dismiss_rerun_and_callback() -> None:
    session = start(DIALOG_APP.format(on_dismiss='"rerun"'))
    try:
        click(session, "Open")
        full = counts(session)[0]
        dialog_widget(session)._close.click()
        assert session.wait_idle(30)
        assert counts(session)[0] == full + 1
        assert dialog_widget(session) is None
    finally:
        session.close()
    session = start(DIALOG_APP.format(on_dismiss="dismissed"))
    try:
        click(session, "Open")
        dialog_widget(session).click()
        assert session.wait_idle(30)
        assert session.state["dismissed"] == 1
        assert dialog_widget(session) is None
    finally:
        session.close()


def test_a_dialog_that_cannot_be_dismissed_stays_open() -> None:
    session = start(DIALOG_APP.format(on_dismiss='"ignore"').replace('"Your name",', '"Your name", dismissible=False,'))
    try:
        click(session, "Open")
        box = dialog_widget(session)
        box._backdrop.click()
        box.click()
        assert session.wait_idle(30)
        assert box.is_open
        assert box._close.layout.display == "none"
        assert node(session, "Name") is not None
    finally:
        session.close()
