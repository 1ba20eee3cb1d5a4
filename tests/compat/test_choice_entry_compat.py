"""New options typed into ``st.multiselect`` and ``st.selectbox`` (``accept_new_options``) and
``filter_mode``: jupyst's AppTest against Streamlit's, values and errors alike.

Streamlit's own AppTest cannot give a selectbox a new option (with options, its ``index``
looks the text up among them and raises ``ValueError``; without, the text is dropped and the
app gets None), so the selectbox case here picks options only; jupyst's AppTest passes new
text on, as the browser does (tests/unit/test_choice_entry.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.compat.harness import Case, compare, run_snapshots


def _shows(text: str, stage: int = -1) -> Any:
    """Streamlit's run must show ``text`` at ``stage``: the case cannot pass by missing it."""

    def check(snaps: list[dict[str, Any]]) -> None:
        assert text in repr(snaps[stage]["main"]), snaps[stage]["main"]

    return check


def _raises(name: str) -> Any:
    def check(snaps: list[dict[str, Any]]) -> None:
        assert any(n[0] == "exception" and n[1] == name for n in snaps[0]["main"]), snaps[0]["main"]

    return check


CASES = [
    Case(
        "multiselect_adds_new_options",
        """
        import streamlit as st
        m = st.multiselect("Colours", ["Red", "Blue"], accept_new_options=True, max_selections=3, key="m")
        st.write(f"m={m!r} types={[type(v).__name__ for v in m]}")
        n = st.multiselect("Numbers", [1, 2], accept_new_options=True, format_func=lambda v: f"#{v}")
        st.write(f"n={n!r}")
        """,
        steps=[
            ("multiselect", "m", "select", "Green"),
            ("multiselect", "m", "select", "Red"),
            ("multiselect", "m", "unselect", "Green"),
            [("multiselect", 1, "select", 2), ("multiselect", 1, "select", "seven")],
            ("multiselect", 1, "unselect", 2),
        ],
        expect=_shows("m=['Green', 'Red']", 2),
    ),
    Case(
        "multiselect_new_options_keep_their_case",
        """
        import streamlit as st
        st.write(st.multiselect("Tags", ["alpha"], accept_new_options=True, filter_mode="prefix"))
        """,
        steps=[("multiselect", 0, "set_value", ["ALPHA", "alpha", "beta"])],
        expect=_shows("ALPHA"),
    ),
    Case(
        "selectbox_accepting_new_options",
        """
        import streamlit as st
        s = st.selectbox("City", ["Oslo", "Bergen"], accept_new_options=True, key="s")
        st.write(f"s={s!r}")
        t = st.selectbox("Town", [], accept_new_options=True, index=None, filter_mode="contains")
        st.write(f"t={t!r}")
        """,
        steps=[("selectbox", "s", "select", "Bergen"), ("selectbox", "s", "select_index", 0)],
        expect=_shows("s='Bergen'", 1),
    ),
    Case(
        "choice_filter_modes_keep_values",
        """
        import streamlit as st
        for mode in ("fuzzy", "contains", "prefix", None):
            st.write(mode, st.selectbox(f"S {mode}", ["a", "b"], filter_mode=mode), st.multiselect(f"M {mode}", ["a", "b"], default=["b"], filter_mode=mode))
        """,
        steps=[("selectbox", 2, "select", "b"), ("multiselect", 3, "select", "a")],
    ),
    Case("filter_mode_unknown", 'import streamlit as st\nst.selectbox("S", ["a"], filter_mode="startswith")', expect=_raises("StreamlitValueError")),
    Case("filter_mode_unhashable", 'import streamlit as st\nst.multiselect("M", ["a"], filter_mode=["fuzzy"])', expect=_raises("StreamlitValueError")),
    Case(
        "filter_mode_none_refuses_new_options",
        'import streamlit as st\nst.multiselect("M", ["a"], filter_mode=None, accept_new_options=True)',
        expect=_raises("StreamlitIncompatibleParametersError"),
    ),
    Case(
        "selectbox_filter_mode_none_refuses_new_options",
        'import streamlit as st\nst.selectbox("S", ["a"], filter_mode=None, accept_new_options=True)',
        expect=_raises("StreamlitIncompatibleParametersError"),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_choice_entry_matches_streamlit(case: Case, streamlit_app_test: Any, jupyst_app_test: Any) -> None:
    want = run_snapshots(streamlit_app_test, case)
    if case.expect is not None:
        case.expect(want)
    got = run_snapshots(jupyst_app_test, case)
    compare(case, want, got)
