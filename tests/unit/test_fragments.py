"""Fragment runs in a live session: what runs, what is redrawn and which widgets get messages.

Streamlit's AppTest never makes a fragment run (every interaction is a full run there, see
tests/compat/cases/fragments.py), so these tests drive a session the way a browser does:
they set a widget's trait or click it and wait for the runs that causes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from typing import Any

import comm
import ipywidgets as w
import pytest
from comm import DummyComm

from jupyst.app.session import AppSession
from jupyst.elements.lib.node import Node
from jupyst.runtime.script_source import ScriptSource

sent: list[tuple[str, str]] = []


class CountingComm(DummyComm):
    def publish_msg(self, msg_type: str, *args: Any, **kwargs: Any) -> None:
        sent.append((self.comm_id, msg_type))


@pytest.fixture(autouse=True)
def counting_comm() -> Iterator[None]:
    original = comm.create_comm
    comm.create_comm = lambda *a, **k: CountingComm(*a, **k)
    try:
        yield
    finally:
        comm.create_comm = original


def start(script: str, *, wait: bool = True) -> AppSession:
    """A session running ``script``; ``wait``: once its first run is over and nothing is queued
    (never, for an app whose timer queues a run as soon as the last ends)."""
    session = AppSession(ScriptSource(text=textwrap.dedent(script), name="<test>"))
    if wait:
        assert session.wait_idle(30)
    return session


def nodes(session: AppSession) -> list[Node]:
    assert session.last_ctx is not None
    return [n for root in session.last_ctx.roots.values() for n in root.walk()]


def node(session: AppSession, label: str) -> Node:
    found = [n for n in nodes(session) if n.props.get("label") == label]
    assert len(found) == 1, [n.props.get("label") for n in nodes(session)]
    return found[0]


def texts(session: AppSession) -> list[str]:
    return [n.props["body"] for n in nodes(session) if n.kind == "markdown"]


def click(session: AppSession, label: str) -> None:
    session.reconciler.widget_for(node(session, label)).click()
    assert session.wait_idle(30)


def set_value(session: AppSession, label: str, value: Any) -> None:
    target = node(session, label)
    widget = session.reconciler.widget_for(target)
    widget.value = value
    assert session.wait_idle(30)


def comm_ids(widget: w.Widget) -> set[str]:
    out = {widget.comm.comm_id} if widget.comm is not None else set()
    for attr in ("layout", "style"):
        sub = getattr(widget, attr, None)
        if isinstance(sub, w.Widget) and sub.comm is not None:
            out.add(sub.comm.comm_id)
    for child in getattr(widget, "children", ()) or ():
        out |= comm_ids(child)
    return out


COUNTER_APP = """
import streamlit as st
st.session_state.full = st.session_state.get("full", 0) + 1
st.text_input("Name", key="name")
st.slider("Outside", 0, 10, key="outside")

@st.fragment
def panel():
    st.session_state.frag = st.session_state.get("frag", 0) + 1
    if st.button("Inside"):
        st.write("clicked")
    st.checkbox("Tick", key="tick")
    st.write(f"fragment run {st.session_state.frag}")

st.write("above")
panel()
st.write(f"full run {st.session_state.full}")
"""


def test_a_widget_in_a_fragment_reruns_only_the_fragment() -> None:
    session = start(COUNTER_APP)
    try:
        click(session, "Inside")
        state = session.state.to_dict()
        assert (state["full"], state["frag"]) == (1, 2)
        assert texts(session) == ["above", "clicked", "fragment run 2", "full run 1"]
        set_value(session, "Tick", True)
        state = session.state.to_dict()
        assert (state["full"], state["frag"], state["tick"]) == (1, 3, True)
        assert "clicked" not in texts(session)  # the button is a trigger: False again
        # A widget outside the fragment still reruns everything.
        set_value(session, "Outside", 4)
        state = session.state.to_dict()
        assert (state["full"], state["frag"], state["outside"]) == (2, 4, 4)
        assert session.fragment_runs == 2
    finally:
        session.close()


def test_a_fragment_run_sends_no_message_to_widgets_outside_it() -> None:
    session = start(COUNTER_APP)
    try:
        fragment_block = next(n for n in nodes(session) if n.kind == "container")
        inside = comm_ids(session.reconciler.pool[fragment_block.key])
        sent.clear()
        click(session, "Inside")
        assert sent, "the fragment's new text must reach the page"
        # New widgets ("clicked") are opened inside the fragment's container too.
        inside |= comm_ids(session.reconciler.pool[fragment_block.key])
        outside = [(cid, kind) for cid, kind in sent if cid not in inside]
        assert outside == []
        # What the fragment drew is on screen, in the fragment's container widget.
        box = session.reconciler.pool[fragment_block.key]
        shown = [c.value for c in box.children if isinstance(c, w.HTML)]
        assert any("fragment run 2" in v for v in shown)
    finally:
        session.close()


def test_a_fragment_run_keeps_what_the_visitor_typed_outside_it() -> None:
    session = start(COUNTER_APP)
    try:
        set_value(session, "Name", "Ada")
        click(session, "Inside")
        click(session, "Inside")
        assert session.state["name"] == "Ada"
        assert session.reconciler.widget_for(node(session, "Name")).value == "Ada"
        set_value(session, "Outside", 2)
        assert session.state["name"] == "Ada"
    finally:
        session.close()


def test_widget_state_cleanup_after_a_fragment_run_is_limited_to_the_fragment() -> None:
    session = start(
        """
        import streamlit as st
        st.text_input("Outer", key="outer")

        @st.fragment
        def f():
            if not st.toggle("Hide", key="hide"):
                st.text_input("Inner", key="inner")

        f()
        """
    )
    try:
        set_value(session, "Outer", "kept")
        set_value(session, "Inner", "dropped")
        set_value(session, "Hide", True)  # a fragment run that no longer draws "Inner"
        keys = session.state.to_dict()
        assert keys["outer"] == "kept"
        assert "inner" not in keys
    finally:
        session.close()


def test_rerun_scopes_inside_a_fragment_run() -> None:
    session = start(
        """
        import streamlit as st
        st.session_state.full = st.session_state.get("full", 0) + 1

        @st.fragment
        def f():
            st.session_state.frag = st.session_state.get("frag", 0) + 1
            if st.button("Again") and st.session_state.frag < 5:
                st.rerun(scope="fragment")
            if st.button("App"):
                st.rerun()

        f()
        """
    )
    try:
        click(session, "Again")
        state = session.state.to_dict()
        assert (state["full"], state["frag"]) == (1, 3)  # its run, then one more of itself
        click(session, "App")
        state = session.state.to_dict()
        assert (state["full"], state["frag"]) == (2, 5)
    finally:
        session.close()


def test_an_error_in_a_fragment_run_shows_inside_it_and_the_app_lives() -> None:
    session = start(
        """
        import streamlit as st
        st.write("outside")

        @st.fragment
        def f():
            st.checkbox("Calm")
            if st.button("Boom"):
                raise ValueError("bad fragment")
            st.write("fine")

        f()
        st.write("end")
        """
    )
    try:
        click(session, "Boom")
        block = next(n for n in nodes(session) if n.kind == "container")
        assert [c.kind for c in block.children or ()][-1] == "exception"
        assert "bad fragment" in block.children[-1].props["message"]
        assert texts(session) == ["outside", "end"]
        set_value(session, "Calm", True)  # still live: the next fragment run draws again
        assert texts(session) == ["outside", "fine", "end"]
    finally:
        session.close()


def test_writes_to_outside_containers_are_redrawn_in_place() -> None:
    session = start(
        """
        import streamlit as st
        box = st.container()
        box.write("box head")

        @st.fragment
        def f():
            n = st.session_state.get("n", 0) + 1
            st.session_state.n = n
            st.button("Go")
            box.write(f"box {n}")
            st.sidebar.write(f"side {n}")

        f()
        st.write("tail")
        """
    )
    try:
        click(session, "Go")
        click(session, "Go")
        assert texts(session) == ["box head", "box 3", "tail", "side 3"]
    finally:
        session.close()


def test_a_fragment_writing_somewhere_new_outside_it_gets_streamlits_error() -> None:
    session = start(
        """
        import streamlit as st
        box = st.container()
        box.write("head")

        @st.fragment
        def f():
            if st.button("Go"):
                box.write("new")

        f()
        """
    )
    try:
        click(session, "Go")
        errors = [n for n in nodes(session) if n.kind == "exception"]
        assert len(errors) == 1
        assert "did not write to that container during the last full app run" in errors[0].props["message"]
    finally:
        session.close()


def test_full_runs_drop_fragments_no_longer_called() -> None:
    session = start(
        """
        import streamlit as st
        show = st.checkbox("Show")

        @st.fragment(run_every=60)
        def f():
            st.write("fragment")

        if show:
            f()
        """
    )
    try:
        assert session.fragments.ids() == []
        set_value(session, "Show", True)
        assert len(session.fragments.ids()) == 1
        assert session.timers.active()
        set_value(session, "Show", False)
        assert session.fragments.ids() == []
        assert session.timers.active() == {}
    finally:
        session.close()


def test_a_callback_reruns_a_named_fragment_only() -> None:
    # Streamlit 1.67 (its AppTest, same script): after the click, frag == 2 and full == 1.
    session = start(
        """
        import streamlit as st
        st.session_state.full = st.session_state.get("full", 0) + 1

        @st.fragment(key="charts")
        def charts():
            st.session_state.frag = st.session_state.get("frag", 0) + 1
            st.write(f"charts {st.session_state.frag}")

        charts()
        st.button("Refresh", on_click=lambda: st.rerun("charts"))
        """
    )
    try:
        click(session, "Refresh")
        state = session.state.to_dict()
        assert (state["full"], state["frag"]) == (1, 2)
        assert texts(session) == ["charts 2"]
    finally:
        session.close()


def shown_texts(session: AppSession) -> list[str]:
    """The text of every HTML widget on screen, in page order (what the browser shows)."""
    out: list[str] = []

    def walk(widget: w.Widget) -> None:
        if isinstance(widget, w.HTML) and widget.value and not widget.value.startswith("<style>"):
            out.append(widget.value)
        for child in getattr(widget, "children", ()) or ():
            walk(child)

    walk(session.reconciler.app)
    return out


def test_a_fragment_run_redraws_an_empty_slot_made_outside_it() -> None:
    session = start(
        """
        import streamlit as st
        slot = st.empty()
        box = st.container()
        inner = box.empty()
        st.write("middle")

        @st.fragment
        def f():
            n = st.session_state.get("n", 0) + 1
            st.session_state.n = n
            st.button("Go")
            slot.write(f"slot {n}")
            if n < 3:
                inner.text(f"inner {n}")
            else:
                inner.empty()

        f()
        """
    )
    try:
        assert shown_texts(session) == ["<p>slot 1</p>", "<pre class='jupyst-plain'>inner 1</pre>", "<p>middle</p>"]
        middle = next(n for n in nodes(session) if n.props.get("body") == "middle")
        middle_widget = session.reconciler.pool[middle.key]
        click(session, "Go")
        assert shown_texts(session) == ["<p>slot 2</p>", "<pre class='jupyst-plain'>inner 2</pre>", "<p>middle</p>"]
        click(session, "Go")
        assert shown_texts(session) == ["<p>slot 3</p>", "<p>middle</p>"]  # inner emptied by the run
        assert (session.state.to_dict()["n"], session.fragment_runs) == (3, 2)
        # The rest of the page kept its widgets; the replaced texts' widgets were closed.
        assert session.reconciler.pool[middle.key] is middle_widget
        assert not [k for k in session.reconciler.pool if k.endswith(".text")]
    finally:
        session.close()


def test_a_fragment_run_refills_an_outside_slot_through_a_container() -> None:
    session = start(
        """
        import streamlit as st
        placeholder = st.empty()

        @st.fragment
        def f():
            n = st.session_state.get("n", 0) + 1
            st.session_state.n = n
            st.button("Go")
            with placeholder.container():
                st.write(f"first {n}")
                st.write(f"second {n}")

        f()
        """
    )
    try:
        click(session, "Go")
        assert shown_texts(session) == ["<p>first 2</p>", "<p>second 2</p>"]
    finally:
        session.close()
