"""The reconciler reuses widgets, sends only what changed and closes what disappears."""

from __future__ import annotations

from tests.unit.helpers import find, leaves, settle, start, widget

APP = """
import jupyst as st
st.title("Report")
n = st.slider("n", 0, 100, 10)
for i in range(20):
    st.markdown(f"row {i}")
st.text(f"n is {n}")
c1, c2 = st.columns(2)
c1.checkbox("a")
c2.selectbox("b", ["x", "y"])
if n > 50:
    st.warning("big")
"""


def test_noop_rerun_sends_no_widget_message(messages):
    session = start(APP)
    first = len(messages)
    assert first > 0
    session.request_rerun()
    settle(session)
    assert session.run_count == 2
    assert messages[first:] == []
    session.close()


def test_changing_one_value_sends_one_update_per_changed_widget(messages):
    session = start(APP)
    slider = widget(session, "slider")
    text = widget(session, "text")
    before = len(messages)
    slider.value = 20  # as a browser would: the observer path
    settle(session)
    assert text.value.endswith("n is 20</pre>")
    sent = messages[before:]
    # the slider's own state echo plus the one text update
    updates = [data for kind, data in sent if kind == "comm_msg"]
    assert len(updates) == 2, sent
    session.close()


def test_widgets_are_reused_by_identity():
    session = start(APP)
    slider = widget(session, "slider")
    rows = [session.reconciler.pool[find(session, "markdown", i).key] for i in range(20)]
    slider.value = 30
    settle(session)
    assert widget(session, "slider") is slider
    assert [session.reconciler.pool[find(session, "markdown", i).key] for i in range(20)] == rows
    session.close()


def test_removed_element_is_closed_and_removed_from_its_parent():
    session = start(APP)
    widget(session, "slider").value = 60
    settle(session)
    warning = widget(session, "warning")
    main = session.reconciler.layout.roots["main"]
    assert warning in main.children
    widget(session, "slider").value = 5
    settle(session)
    assert warning not in main.children
    assert warning.comm is None  # closed: no leaked comm
    assert ("warning", "big") not in leaves(session)
    session.close()


def test_children_are_not_reassigned_when_unchanged(messages):
    session = start(APP)
    main = session.reconciler.layout.roots["main"]
    children = main.children
    widget(session, "slider").value = 11
    settle(session)
    assert main.children is children
    session.close()


def test_closing_a_session_closes_every_widget():
    session = start(APP)
    pooled = list(session.reconciler.pool.values())
    session.close()
    assert all(w.comm is None for w in pooled)
    assert session.widget.comm is None
