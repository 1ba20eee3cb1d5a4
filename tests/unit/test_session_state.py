"""Session state: Streamlit's access rules, errors and widget bindings."""

from __future__ import annotations

import pytest

from jupyst.errors import StreamlitAPIException
from jupyst.runtime.session_state import SessionState, SessionStateProxy
from tests.unit.helpers import find, leaves, settle, start, widget


def test_item_attribute_membership_iteration_and_delete():
    session = start("""
        import jupyst as st
        st.session_state["a"] = 1
        st.session_state.b = 2
        st.text(f"{st.session_state.a} {st.session_state['b']} {'a' in st.session_state} {len(st.session_state)} {sorted(st.session_state)}")
        del st.session_state.a
        st.text(f"{'a' in st.session_state}")
    """)
    assert leaves(session) == [("text", "1 2 True 2 ['a', 'b']"), ("text", "False")]
    session.close()


def test_missing_key_uses_streamlits_wording():
    state = SessionState()
    with pytest.raises(KeyError) as info:
        state["nope"]
    assert 'st.session_state has no key "nope". Did you forget to initialize it?' in str(info.value)
    proxy = SessionStateProxy()
    with pytest.raises(AttributeError) as attr_info:
        proxy.nope  # noqa: B018
    assert 'st.session_state has no attribute "nope". Did you forget to initialize it?' in str(attr_info.value)


def test_value_set_before_the_widget_is_its_value():
    session = start("""
        import jupyst as st
        if "v" not in st.session_state:
            st.session_state.v = 7
        st.text(str(st.slider("v", 0, 10, key="v")))
    """)
    assert leaves(session)[-1] == ("text", "7")
    assert widget(session, "slider").value == 7
    session.close()


def test_writing_a_widget_key_after_the_widget_raises():
    session = start("""
        import jupyst as st
        st.text_input("t", key="t")
        st.session_state.t = "x"
    """)
    exc = find(session, "exception")
    assert exc.props["type"] == "StreamlitWidgetAlreadyInstantiatedError"
    assert exc.props["message"].startswith("`st.session_state['t']` cannot be modified after the widget with that key is instantiated.")
    session.close()


def test_button_is_true_for_exactly_one_run_and_mirrored_in_state():
    session = start("""
        import jupyst as st
        b = st.button("b", key="b")
        st.text(f"{b} {st.session_state.b}")
    """)
    widget(session, "button").click()
    settle(session)
    assert leaves(session)[-1] == ("text", "True True")
    session.request_rerun()
    settle(session)
    assert leaves(session)[-1] == ("text", "False False")
    session.close()


def test_state_of_an_unrendered_widget_is_dropped_but_not_after_stop():
    session = start("""
        import jupyst as st
        mode = st.radio("mode", ["show", "hide", "stop"])
        if mode == "stop":
            st.stop()
        if mode == "show":
            st.text_input("name", key="name")
        st.text(f"keys={sorted(k for k in st.session_state.keys() if k == 'name')}")
    """)
    widget(session, "text_input").value = "Zed"
    settle(session)
    radio = widget(session, "radio")
    radio.index = 2  # st.stop(): no cleanup
    settle(session)
    radio.index = 0
    settle(session)
    assert widget(session, "text_input").value == "Zed"
    radio.index = 1  # plain if: dropped at the end of this run
    settle(session)
    assert leaves(session)[-1] == ("text", "keys=['name']")
    session.request_rerun()
    settle(session)
    assert leaves(session)[-1] == ("text", "keys=[]")
    radio.index = 0
    settle(session)
    assert widget(session, "text_input").value == ""
    session.close()


def test_read_only_button_key_cannot_be_assigned():
    session = start("""
        import jupyst as st
        st.session_state.b = True
        st.button("b", key="b")
    """)
    exc = find(session, "exception")
    assert exc.props["type"] == "StreamlitValueAssignmentNotAllowedError"
    session.close()


def test_duplicate_widget_ids_raise_streamlits_errors():
    session = start("""
        import jupyst as st
        st.button("same")
        st.button("same")
    """)
    exc = find(session, "exception")
    assert exc.props["type"] == "StreamlitDuplicateElementId"
    assert exc.props["message"].startswith("There are multiple `button` elements with the same auto-generated ID.")
    session.close()
    session = start("""
        import jupyst as st
        st.checkbox("a", key="k")
        st.slider("b", key="k")
    """)
    assert find(session, "exception").props["message"].startswith("There are multiple elements with the same `key='k'`.")
    session.close()


def test_bad_arguments_raise_and_the_app_lives_on():
    session = start("""
        import jupyst as st
        st.selectbox("s", ["a", "b"], index=5)
    """)
    exc = find(session, "exception")
    assert isinstance(exc.props, dict)
    assert exc.props["message"] == "The `index` parameter, set to 5, is outside the required range [0, 1]."
    session.close()


def test_api_exception_types_subclass_streamlit_api_exception():
    from jupyst import errors

    assert issubclass(errors.StreamlitDuplicateElementKey, errors.DuplicateWidgetID)
    assert issubclass(errors.DuplicateWidgetID, StreamlitAPIException)
    assert not issubclass(errors.StopException, Exception)
