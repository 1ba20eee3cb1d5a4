"""Containers: columns, sidebar, container, empty, expander, tabs."""

from __future__ import annotations

from tests.compat.harness import Case

CASES = [
    Case(
        "columns",
        """
        import streamlit as st
        a, b, c = st.columns(3)
        c.write("third")
        a.write("first")
        with b:
            st.write("second")
            a.write("into a from inside b")
            st.checkbox("in b")
        left, right = st.columns([1, 3])
        left.write("left")
        with right:
            inner1, inner2 = st.columns(2)
            inner2.write("nested right")
            inner1.button("nested button")
        st.write("below")
        """,
        steps=[("checkbox", 0, "check"), ("button", 0, "click")],
    ),
    Case(
        "sidebar",
        """
        import streamlit as st
        st.sidebar.title("Side")
        st.sidebar.write("via attribute")
        with st.sidebar:
            s = st.slider("Level", 0, 5, 1)
            st.write(f"level={s}")
            c = st.checkbox("Same label")
        m = st.checkbox("Same label")
        st.write(f"side={c} main={m}")
        st.sidebar.button("Side button")
        """,
        steps=[
            ("sidebar.slider", 0, "set_value", 4),
            ("sidebar.checkbox", 0, "check"),
            ("main.checkbox", 0, "check"),
            ("sidebar.button", 0, "click"),
        ],
    ),
    Case(
        "container_write_later",
        """
        import streamlit as st
        top = st.container()
        st.write("after the container")
        box = st.container(border=True)
        top.write("written later, shown first")
        with box:
            st.write("in box")
            inner = st.container()
        inner.write("inner later")
        st.write("end")
        top.checkbox("late checkbox")
        """,
        steps=[("checkbox", 0, "check")],
    ),
    Case(
        "empty_placeholder",
        """
        import streamlit as st
        ph = st.empty()
        ph.text("one")
        ph.markdown("two")
        st.write("after ph")
        multi = st.empty()
        with multi.container():
            st.write("a")
            st.write("b")
        cleared = st.empty()
        cleared.write("will go")
        cleared.empty()
        unused = st.empty()
        w = st.empty()
        v = w.checkbox("in slot")
        w.write(f"slot value={v}")
        swap = st.empty()
        if st.session_state.get("swap"):
            swap.info("swapped")
        else:
            swap.warning("original")
        """,
        steps=[("session_state", "swap", True)],
    ),
    Case(
        "expander",
        """
        import streamlit as st
        with st.expander("Details", expanded=True):
            st.write("inside")
            x = st.slider("inner", 0, 10, 3)
        e = st.expander("Closed")
        e.write("written via object")
        clicked = e.button("hidden button")
        st.write(f"x={x} clicked={clicked}")
        """,
        steps=[("slider", 0, "set_value", 8), ("button", 0, "click")],
    ),
    Case(
        "tabs",
        """
        import streamlit as st
        st.session_state.setdefault("ran", [])
        t1, t2, t3 = st.tabs(["One", "Two", "Three"])
        with t1:
            st.write("tab one")
            a = st.text_input("in one")
        with t2:
            st.session_state.ran.append("two")
            b = st.checkbox("in two")
        t3.write("three via object")
        st.write(f"a={a!r} b={b} ran={len(st.session_state.ran)}")
        st.write(f"tabs={len(st.session_state.ran)}")
        """,
        steps=[("text_input", 0, "input", "x"), ("checkbox", 0, "check")],
    ),
    Case(
        "nested_blocks",
        """
        import streamlit as st
        with st.sidebar:
            with st.expander("E"):
                c1, c2 = st.columns(2)
                with c2:
                    t1, t2 = st.tabs(["x", "y"])
                    t2.write("deep")
                    with st.form("deepform"):
                        v = st.text_input("in form")
                        st.form_submit_button()
                c1.write(f"v={v!r}")
        """,
        steps=[[("sidebar.text_input", 0, "input", "typed"), ("sidebar.button", 0, "click")]],
    ),
]
