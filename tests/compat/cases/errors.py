"""Wrong arguments and script errors: the same exception type and message in at.exception."""

from __future__ import annotations

from typing import Any

from tests.compat.harness import Case


def _raises(name: str) -> Any:
    """Streamlit must show an exception of this type: the case exercises what it says."""

    def check(snaps: list[dict[str, Any]]) -> None:
        found = [n for s in snaps for n in s["main"] + s["sidebar"] if n[0] == "exception"]
        assert any(n[1] == name for n in found), found

    return check


def _every_stage_ends_in_exception(snaps: list[dict[str, Any]]) -> None:
    for snap in snaps:
        assert snap["main"][-1][0] == "exception", snap["main"]


def _bad(name: str, body: str, exc: str) -> Case:
    script = "import streamlit as st\nst.write('before')\n" + body + "\nst.write('never')\n"
    return Case(name, script, expect=_raises(exc))


CASES = [
    Case(
        "duplicate_widget_id",
        """
        import streamlit as st
        st.button("Same")
        st.button("Same")
        """,
        expect=_raises("StreamlitDuplicateElementId"),
    ),
    Case(
        "duplicate_key",
        """
        import streamlit as st
        st.text_input("One", key="k")
        st.checkbox("Two", key="k")
        """,
        expect=_raises("StreamlitDuplicateElementKey"),
    ),
    Case(
        "duplicate_form_key",
        """
        import streamlit as st
        with st.form("f"):
            st.form_submit_button()
        with st.form("f"):
            st.form_submit_button()
        """,
        expect=_raises("StreamlitDuplicateElementKey"),
    ),
    _bad("selectbox_index_out_of_range", 'st.selectbox("S", ["a", "b"], index=5)', "StreamlitValueOutOfRangeError"),
    _bad("radio_index_out_of_range", 'st.radio("R", ["a"], index=-1)', "StreamlitValueOutOfRangeError"),
    _bad("label_visibility_unknown", 'st.checkbox("C", label_visibility="invisible")', "StreamlitValueError"),
    _bad("multiselect_default_not_in_options", 'st.multiselect("M", ["a", "b"], default=["c"])', "StreamlitDefaultNotInOptionsError"),
    _bad("multiselect_too_many_defaults", 'st.multiselect("M", ["a", "b", "c"], default=["a", "b"], max_selections=1)', "StreamlitSelectionCountExceedsMaxError"),
    _bad("columns_spec_zero", "st.columns(0)", "StreamlitInvalidColumnSpecError"),
    _bad("columns_weight_zero", "st.columns([1, 0])", "StreamlitInvalidColumnSpecError"),
    _bad("slider_mixed_types", 'st.slider("S", 0, 10.0, 5)', "StreamlitInvalidParameterTypeError"),
    _bad("slider_mixed_range", 'st.slider("S", 0, 10, (1, 2.5))', "StreamlitInvalidParameterTypeError"),
    _bad("number_input_mixed_types", 'st.number_input("N", min_value=0, max_value=1.5)', "StreamlitMixedNumericTypesError"),
    _bad("number_input_below_min", 'st.number_input("N", min_value=5, value=1)', "StreamlitValueBelowMinError"),
    _bad("empty_write_multiple", 'ph = st.empty()\nph.write("a", "b")', "StreamlitAPIException"),
    _bad("button_in_form", 'with st.form("f"):\n    st.button("B")', "StreamlitInvalidLayoutContextError"),
    _bad("submit_outside_form", 'st.form_submit_button("S")', "StreamlitInvalidLayoutContextError"),
    _bad("nested_forms", 'with st.form("outer"):\n    with st.form("inner"):\n        pass', "StreamlitInvalidLayoutContextError"),
    _bad("callback_in_form", 'with st.form("f"):\n    st.checkbox("C", on_change=print)\n    st.form_submit_button()', "StreamlitInvalidFormCallbackError"),
    _bad("button_state_assignment", 'st.session_state.b = True\nst.button("B", key="b")', "StreamlitValueAssignmentNotAllowedError"),
    Case(
        "uncaught_exception_then_recovery",
        """
        import streamlit as st
        boom = st.checkbox("Boom")
        st.write("before")
        if boom:
            1 / 0
        st.write("after")
        """,
        steps=[("checkbox", 0, "check"), ("run",), ("checkbox", 0, "uncheck")],
    ),
    Case(
        "exception_inside_container",
        """
        import streamlit as st
        col1, col2 = st.columns(2)
        col1.write("left")
        with col2:
            st.write("right")
            raise ValueError("inside a column")
        """,
        expect=_raises("ValueError"),
    ),
    Case(
        "argument_errors",
        # One bad call per run, chosen through session_state: each stage shows one exception.
        """
        import streamlit as st
        bad = [
            lambda: st.number_input("N", format="%z"),
            lambda: st.number_input("N", min_value=5, max_value=1),
            lambda: st.number_input("N", max_value=1, value=3),
            lambda: st.columns(2, gap="huge"),
            lambda: st.columns(2, vertical_alignment="middle"),
            lambda: st.columns("x"),
            lambda: st.tabs([]),
            lambda: st.tabs(["a"], default="b"),
            lambda: st.tabs([1, 2]),
            lambda: st.expander(None),
            lambda: st.button("B", type="big"),
            lambda: st.button("B", on_click="rerun"),
            lambda: st.text_input("T", type="weird"),
            lambda: st.progress(150),
            lambda: st.progress(1.5),
            lambda: st.progress("x"),
            lambda: st.header("H", divider="pink"),
            lambda: st.header("H", anchor=True),
            lambda: st.checkbox("C", key=""),
            lambda: st.checkbox("C", key="$$ID-x"),
            lambda: st.checkbox("C", on_change=5),
            lambda: st.multiselect("M", ["a"], max_selections=0),
            lambda: st.slider("S", 5, 5),
            lambda: st.slider("S", step=0),
            lambda: st.slider("S", value="x"),
            lambda: st.slider("S", value=(1, 2, 3)),
            lambda: st.selectbox("S", ["a"], index="0"),
            lambda: st.radio("R", ["a", "b"], index=2),
        ]
        i = st.session_state.get("which", 0)
        st.write(f"bad call {i}")
        bad[i]()
        st.write("never")
        """,
        steps=[("session_state", "which", i) for i in range(1, 28)],
        expect=_every_stage_ends_in_exception,
    ),
]
