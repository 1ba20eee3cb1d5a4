"""The ``format`` a slider or number input hands to the front end is Streamlit's, defaults
included: the same string then reads the same way (see tests/unit/elements/test_formatting.py)."""

from __future__ import annotations

import textwrap
from typing import Any

SCRIPT = textwrap.dedent(
    """
    import datetime as dt
    import streamlit as st
    st.slider("int")
    st.slider("float", 0.0, 1.0)
    st.slider("px", 0, 9, format="%d px")
    st.slider("date", value=dt.date(2024, 1, 1))
    st.slider("time", value=dt.time(8, 0))
    st.slider("named", 0.0, 1.0, format="percent")
    st.number_input("int")
    st.number_input("float", value=0.5)
    st.number_input("e", value=0.5, format="%.3e")
    """
)


def _formats(app_test_cls: Any) -> list[tuple[str, str, str]]:
    at = app_test_cls.from_string(SCRIPT, default_timeout=10)
    try:
        at.run()
        return [(kind, el.label, el.proto.format) for kind in ("slider", "number_input") for el in getattr(at, kind)]
    finally:
        close = getattr(at, "close", None)
        if close is not None:
            close()


def test_slider_and_number_input_formats_match(streamlit_app_test: Any, jupyst_app_test: Any) -> None:
    want = _formats(streamlit_app_test)
    assert ("slider", "px", "%d px") in want
    assert ("slider", "date", "YYYY-MM-DD") in want
    assert _formats(jupyst_app_test) == want
