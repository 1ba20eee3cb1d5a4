"""``format=`` on sliders and number inputs: values, refusals and their messages.

Streamlit checks only number_input's format in Python (``float(fmt % 2)``); a slider's format
is never checked there, whatever the browser later makes of it."""

from __future__ import annotations

from typing import Any

from tests.compat.harness import Case


def _six_refusals_then_the_uncaught_one(snaps: list[dict[str, Any]]) -> None:
    main = snaps[0]["main"]
    assert [leaf[0] for leaf in main] == ["markdown"] * 6 + ["exception"]
    assert all("StreamlitInvalidNumberFormatError" in leaf[1] for leaf in main[:6])

CASES = [
    Case(
        "format_slider_text_around",
        """
        import streamlit as st
        a = st.slider("Width", 0, 100, 5, format="%d px", key="w")
        b = st.slider("Budget", 0.0, 5000.0, 1234.5, format="$%,.2f")
        c = st.slider("Range", 0, 10, (2, 7), format="%02d h")
        d = st.slider("Share", 0.0, 1.0, 0.25, format="percent")
        e = st.slider("Odd", 0, 10, 3, format="% d is refused by sprintf-js only")
        st.write(f"a={a} b={b} c={c} d={d} e={e}")
        """,
        steps=[("slider", "w", "set_value", 42), ("slider", 2, "set_range", 1, 9)],
    ),
    Case(
        "format_number_input_accepted",
        """
        import streamlit as st
        a = st.number_input("A", value=2.5, format="%.0f", key="a")
        b = st.number_input("B", value=1234.5678, format="%.2e")
        c = st.number_input("C", value=7, format="% d")
        d = st.number_input("D", value=7, format="%x")
        e = st.number_input("E", value=1.5, format="%d")
        st.write(f"a={a} b={b} c={c} d={d} e={e}")
        """,
        steps=[("number_input", "a", "set_value", 3.5), ("number_input", 3, "increment")],
    ),
    Case(
        "format_number_input_refused",
        """
        import streamlit as st
        for fmt in ["%,d", "$%.2f", "%d px", "%s %s", "%.2f%%", "abc"]:
            try:
                st.number_input(f"N {fmt}", value=1, format=fmt)
            except Exception as e:
                st.write(type(e).__name__, str(e))
        st.number_input("Last", value=1, format="%,d")
        """,
        expect=_six_refusals_then_the_uncaught_one,
    ),
]
