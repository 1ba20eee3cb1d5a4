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
    from tests.conftest import CountingComm

    session = start(APP)
    slider = widget(session, "slider")
    text = widget(session, "text")
    before = len(messages)
    slider.value = 20  # as a browser would: the observer path
    settle(session)
    assert text.value.endswith("n is 20</pre>")
    updates = [cid for (kind, _), cid in zip(messages[before:], CountingComm.senders[before:]) if kind == "comm_msg"]
    # the text's one update, and nothing for any widget the change did not touch (the
    # slider is a box: its inner slider and its readout are part of it)
    assert updates.count(text.comm.comm_id) == 1
    slider_parts = {part.comm.comm_id for part in [slider, *slider.parts(), slider._readout]}
    assert set(updates) <= {text.comm.comm_id, *slider_parts}, messages[before:]
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


def test_removing_an_element_closes_only_its_own_widgets():
    import ipywidgets as w

    bystander = w.IntSlider()  # a widget of the notebook, outside any app
    session = start("""
        import jupyst as st
        if not st.checkbox("hide"):
            st.slider("s", 0, 10, 1)
            st.select_slider("t", ["a", "b"])
            st.line_chart({"y": [1, 2, 3]})
        st.text("kept")
    """)
    other = start("import jupyst as st\nst.slider('other app', 0, 5, 1)")
    removed = [widget(session, kind) for kind in ("slider", "select_slider", "vega_lite_chart")]
    widget(session, "checkbox").value = True
    settle(session)
    assert [w.comm for w in removed] == [None, None, None]  # closed
    assert bystander.comm is not None
    assert widget(other, "slider").comm is not None
    assert widget(session, "text").comm is not None
    session.close()
    other.close()
    bystander.close()
