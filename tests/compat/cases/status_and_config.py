"""Status elements and config: progress, toast, balloons, snow, st.status, spinner,
set_page_config, get_option/set_option and removed names."""

from __future__ import annotations

from tests.compat.harness import Case

CASES = [
    Case(
        "progress_values",
        """
        import streamlit as st
        bar = st.progress(0)
        for pct in (10, 55, 100):
            bar.progress(pct, text=f"{pct}%")
        st.progress(0.5, text="half")
        st.progress(1.0000000001)
        for value, text in ((101, None), (-0.5, None), ("x", None), (50, 5)):
            try:
                st.progress(value, text=text)
            except Exception as e:
                st.write(type(e).__name__, str(e))
        """,
    ),
    Case(
        "toasts",
        """
        import streamlit as st
        st.toast("Saved", icon="✅")
        st.toast("Long one", duration="long")
        st.toast("Sticky", duration="infinite", icon=":material/info:")
        st.toast(12)
        if st.button("Again"):
            st.toast("Clicked!")
        for kwargs in ({"body": ""}, {"body": "x", "duration": 0}, {"body": "x", "icon": "no"}):
            try:
                st.toast(**kwargs)
            except Exception as e:
                st.write(type(e).__name__, str(e))
        """,
        steps=[("button", 0, "click"), ("run",)],
    ),
    Case(
        "balloons_and_snow",
        """
        import streamlit as st
        st.write("party")
        st.balloons()
        if st.checkbox("Winter"):
            st.snow()
        st.write("end")
        """,
        steps=[("checkbox", 0, "check")],
    ),
    Case(
        "status_container",
        """
        import streamlit as st
        with st.status("Downloading...", expanded=True) as s:
            st.write("step one")
            st.write("step two")
        with st.status("Plain"):
            pass
        manual = st.status("Manual", state="complete")
        manual.update(label="Manual, updated", state="error", expanded=True)
        try:
            with st.status("Failing"):
                raise ValueError("inside")
        except ValueError:
            st.write("caught")
        kept = st.status("Kept", state="error")
        with kept:
            st.write("state stays error")
        for kwargs in ({"state": "done"}, {"type": "x"}):
            try:
                st.status("Bad", **kwargs)
            except Exception as e:
                st.write(type(e).__name__, str(e))
        try:
            manual.update(state="bad")
        except Exception as e:
            st.write(type(e).__name__, str(e))
        """,
    ),
    Case(
        "spinner_leaves_nothing",
        """
        import streamlit as st
        with st.spinner("Working..."):
            x = sum(range(10))
        with st.spinner():
            st.write("inside the spinner")
        with st.spinner("Timed", show_time=True):
            pass
        st.write(f"x={x}")
        """,
    ),
    Case(
        "set_page_config_repeated",
        """
        import streamlit as st
        st.set_page_config(page_title="One")
        st.write("between")
        st.set_page_config(layout="wide", page_icon="🎈")
        st.set_page_config(initial_sidebar_state=300, menu_items={"About": "# Hi", "Get help": None})
        st.set_page_config(page_icon=":material/home:", initial_sidebar_state="collapsed")
        for kwargs in (
            {"layout": "full"},
            {"initial_sidebar_state": "open"},
            {"initial_sidebar_state": 0},
            {"menu_items": {"Contact": "https://x.y"}},
            {"menu_items": {"Get help": "not a url"}},
        ):
            try:
                st.set_page_config(**kwargs)
            except Exception as e:
                st.write(type(e).__name__, str(e))
        st.write("done")
        """,
    ),
    Case(
        "get_and_set_option",
        """
        import streamlit as st
        st.write(st.get_option("client.showErrorDetails"))
        st.write(st.get_option("server.maxUploadSize"))
        st.write(st.get_option("theme.primaryColor"))
        st.write(st.get_option("runner.magicEnabled"))
        st.set_option("client.showErrorDetails", "full")
        st.write(st.get_option("client.showErrorDetails"))
        for call in (
            lambda: st.set_option("server.port", 1),
            lambda: st.set_option("no.such", 1),
            lambda: st.get_option("no.such"),
        ):
            try:
                call()
            except Exception as e:
                st.write(type(e).__name__, str(e))
        """,
    ),
    Case(
        "removed_and_misspelled_names",
        """
        import streamlit as st
        for name in ("experimental_rerun", "experimental_get_query_params", "cache", "beta_columns",
                     "beta_expander", "experimental_singleton", "bokeh_chart", "buton", "titel", "nothing_like_it"):
            try:
                getattr(st, name)
            except AttributeError as e:
                st.write(name, str(e))
        st.write(hasattr(st, "experimental_memo"), hasattr(st, "write"))
        """,
    ),
]
