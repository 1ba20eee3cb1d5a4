"""Containers that track their state: expander, popover and tabs with ``on_change``/``key``."""

from __future__ import annotations

from tests.compat.harness import Case

CASES = [
    Case(
        "expander_open_state_in_session_state",
        """
        import streamlit as st
        def changed():
            st.session_state.log = st.session_state.get("log", []) + ["cb"]
        ex = st.expander("Details", key="ex", on_change=changed)
        ex.write("inside")
        st.write(f"open={ex.open} state={st.session_state.get('ex')}")
        plain = st.expander("Plain")
        st.write(f"plain={plain.open}")
        rerun = st.expander("Rerun", expanded=True, on_change="rerun")
        st.write(f"rerun={rerun.open}")
        """,
        steps=[("session_state", "ex", True), ("run",), ("session_state", "ex", False)],
    ),
    Case(
        "popover_and_tabs_state",
        """
        import streamlit as st
        pop = st.popover("Menu", key="pop", on_change="rerun")
        pop.write("in popover")
        st.write(f"pop={pop.open}")
        a, b, c = st.tabs(["A", "B", "C"], key="t", on_change="rerun", default="B")
        a.write("tab a")
        st.write(f"tabs={[a.open, b.open, c.open]} state={st.session_state.get('t')}")
        x, y = st.tabs(["X", "Y"])
        st.write(f"plain={[x.open, y.open]}")
        """,
        steps=[("session_state", "t", "C"), ("session_state", "pop", True), ("session_state", "t", "nope")],
    ),
    Case(
        "stateful_container_errors",
        """
        import streamlit as st
        for call in (
            lambda: st.expander("E", on_change=None),
            lambda: st.expander("E", on_change="sometimes"),
            lambda: st.tabs(["A"], on_change=3),
            lambda: st.tabs(["A"], bind="url"),
            lambda: (st.expander("K", key="same", on_change="rerun"), st.expander("K2", key="same", on_change="rerun")),
            lambda: (st.tabs(["T"], key="tk"), st.tabs(["T"], key="tk")),
        ):
            try:
                call()
            except Exception as exc:
                st.text(f"{type(exc).__name__}: {exc}")
        with st.form("f"):
            try:
                st.expander("In form", on_change=lambda: None)
            except Exception as exc:
                st.text(f"{type(exc).__name__}")
            st.form_submit_button()
        """,
    ),
]

CASES += [
    Case(
        "tabs_keys_and_styled_frame_ids",
        """
        import pandas as pd
        import streamlit as st
        df = pd.DataFrame({"a": [1, 2, 3]})
        bold = st.session_state.get("bold", False)
        styled = df.style.highlight_max(color="yellow") if bold else df.style
        # The styles are not part of a styled frame's identity: the selection survives them.
        event = st.dataframe(styled, key="frame", on_select="rerun", selection_mode="multi-row")
        st.write(f"rows={event.selection.rows}")
        st.checkbox("bold", key="bold")
        t = st.tabs(["One", "Two"], key="tk")
        for call in (lambda: st.tabs(["Other"], key="tk"), lambda: st.button("b", key="tk"),
                     lambda: st.dataframe(df, key="f2", on_select="rerun") and st.dataframe(df.style, key="f2", on_select="rerun")):
            try:
                call()
            except Exception as exc:
                st.text(f"{type(exc).__name__}: {exc}")
        try:
            st.dataframe(df, on_select="rerun")
            st.dataframe(df.style, on_select="rerun")
        except Exception as exc:
            st.text(f"{type(exc).__name__}")
        """,
        steps=[("session_state", "frame", {"selection": {"rows": [1], "columns": [], "cells": []}}), ("checkbox", "bold", "check")],
    ),
]
