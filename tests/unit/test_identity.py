"""Element ids follow Streamlit's rules: the arguments that define a widget, not its position."""

from __future__ import annotations

from tests.unit.helpers import find, settle, start, widget


def test_same_widget_keeps_its_value_when_it_moves():
    session = start("""
        import jupyst as st
        if st.checkbox("above"):
            st.text("inserted before the slider")
        st.slider("moving", 0, 10, 1)
    """)
    widget(session, "slider").value = 8
    settle(session)
    slider_id = find(session, "slider").widget_id
    widget(session, "checkbox").value = True
    settle(session)
    assert find(session, "slider").widget_id == slider_id
    assert find(session, "slider").props["value"] == 8
    session.close()


def test_unkeyed_widget_resets_when_its_label_changes_keyed_one_does_not():
    session = start("""
        import jupyst as st
        suffix = "!" if st.checkbox("change labels") else ""
        st.slider("plain" + suffix, 0, 10, 1)
        st.slider("keyed" + suffix, 0, 10, 1, key="k")
    """)
    widget(session, "slider", 0).value = 5
    settle(session)
    widget(session, "slider", 1).value = 6
    settle(session)
    widget(session, "checkbox").value = True
    settle(session)
    assert find(session, "slider", 0).props["value"] == 1
    assert find(session, "slider", 1).props["value"] == 6
    session.close()


def test_keyed_slider_resets_when_its_bounds_change():
    session = start("""
        import jupyst as st
        top = 20 if st.checkbox("wider") else 10
        st.slider("s", 0, top, 1, key="s")
    """)
    widget(session, "slider").value = 7
    settle(session)
    widget(session, "checkbox").value = True
    settle(session)
    assert find(session, "slider").props["value"] == 1
    session.close()


def test_same_unkeyed_widget_in_sidebar_and_main_do_not_collide():
    session = start("""
        import jupyst as st
        st.button("go")
        st.sidebar.button("go")
    """)
    assert find(session, "button", 0).widget_id != find(session, "button", 1).widget_id
    session.close()
