"""Layout options: columns and container options, expander icons, popover, empty slots,
the sidebar and nesting."""

from __future__ import annotations

import datetime as dt

from tests.compat.harness import Case

CASES = [
    Case(
        "columns_options",
        """
        import streamlit as st
        a, b, c = st.columns([3, 1, 1], gap="large", vertical_alignment="bottom", border=True)
        a.write("wide")
        with b:
            inner1, inner2 = st.columns(2, gap=None)
            inner1.write("nested 1")
            inner2.checkbox("nested box")
        c.metric if False else c.write("third")
        x, y = st.columns((0.5, 0.5), gap=8)
        y.write("pixels gap")
        for spec, kwargs in ((0, {}), ([1, -1], {}), ("ab", {}), (2, {"gap": "huge"}), (2, {"vertical_alignment": "middle"}), (2, {"width": "content"})):
            try:
                st.columns(spec, **kwargs)
            except Exception as e:
                st.write(type(e).__name__, str(e))
        """,
        steps=[("checkbox", 0, "check")],
    ),
    Case(
        "container_options",
        """
        import streamlit as st
        box = st.container(border=True, key="box")
        tall = st.container(height=150)
        row = st.container(horizontal=True, horizontal_alignment="right", vertical_alignment="center", gap="medium")
        st.write("after the containers")
        tall.write("scrolls")
        box.write("bordered")
        row.button("One")
        row.button("Two")
        for kwargs in ({"height": 0}, {"height": "tall"}, {"width": -3}, {"wrap": False}, {"horizontal_alignment": "middle"}, {"gap": "wide"}):
            try:
                st.container(**kwargs)
            except Exception as e:
                st.write(type(e).__name__, str(e))
        """,
        steps=[("button", 1, "click")],
    ),
    Case(
        "expander_options",
        """
        import streamlit as st
        with st.expander("Plain"):
            st.write("a")
        with st.expander("Emoji", icon="🚨", expanded=True):
            st.write("b")
        e = st.expander("Material", icon=":material/info:", type="compact")
        e.write("c")
        for kwargs in ({"icon": "nope"}, {"type": "huge"}, {"label": None}):
            try:
                st.expander(**{"label": "Bad", **kwargs})
            except Exception as e:
                st.write(type(e).__name__, str(e))
        """,
    ),
    Case(
        "popover",
        """
        import streamlit as st
        with st.popover("Settings"):
            name = st.text_input("Name", key="name")
            st.write("inside the popover")
        p = st.popover("Other", icon="⚙️", type="primary", help="more")
        v = p.slider("Level", 0, 5, 1)
        st.write(f"name={name!r} v={v}")
        for kwargs in ({"type": "big"}, {"label": None}):
            try:
                st.popover(**{"label": "Bad", **kwargs})
            except Exception as e:
                st.write(type(e).__name__, str(e))
        """,
        steps=[("text_input", "name", "input", "Ada"), ("slider", 0, "set_value", 4)],
    ),
    Case(
        "empty_slots",
        """
        import streamlit as st
        slot = st.empty()
        slot.write("first")
        slot.info("replaced by info")
        multi = st.empty()
        with multi.container():
            st.write("one")
            st.write("two")
        gone = st.empty()
        gone.write("temporary")
        gone.empty()
        later = st.empty()
        st.write("below the slots")
        later.success("filled later")
        cleared = st.empty()
        with cleared.container():
            st.write("x")
        cleared.empty()
        try:
            st.empty().write("a", "b")
        except Exception as e:
            st.write(type(e).__name__, str(e))
        """,
    ),
    Case(
        "sidebar_everything",
        """
        import datetime as dt
        import streamlit as st
        st.sidebar.title("Side")
        st.sidebar.date_input("Day", dt.date(2024, 1, 1), key="day")
        st.sidebar.pills("P", ["a", "b"], key="p")
        st.sidebar.color_picker("C", key="c")
        st.sidebar.select_slider("S", ["x", "y"], key="s")
        with st.sidebar:
            st.badge("side badge")
            with st.expander("Side exp"):
                st.latex("y")
            st.download_button("Side dl", "data")
            st.progress(50)
        st.write(st.session_state.day, st.session_state.p, st.session_state.c, st.session_state.s)
        """,
        steps=[
            ("sidebar.pills", "p", "select", "b"),
            ("sidebar.select_slider", "s", "set_value", "y"),
            ("sidebar.date_input", "day", "set_value", dt.date(2024, 2, 2)),
        ],
    ),
    Case(
        "nested_layout",
        """
        import streamlit as st
        with st.sidebar:
            with st.popover("Pop"):
                t1, t2 = st.tabs(["a", "b"])
                t2.toggle("in tab", key="tog")
        with st.expander("Outer"):
            with st.expander("Inner"):
                c1, c2 = st.columns(2)
                with c2:
                    with st.container(border=True):
                        v = st.feedback("faces", key="face")
        with st.status("Job"):
            with st.popover("In status"):
                st.write("deep")
        st.write(f"tog={st.session_state.tog} face={v}")
        """,
        steps=[("toggle", "tog", "set_value", True), ("feedback", "face", "set_value", 4)],
    ),
    Case(
        "columns_write_later",
        """
        import streamlit as st
        left, right = st.columns(2)
        holder = left.empty()
        right.write("right first")
        st.write("after columns")
        holder.write("left later")
        box = right.container()
        right.write("right second")
        box.write("in right box, before 'right second'")
        """,
    ),
]

CASES += [
    Case(
        "bottom_and_cache",
        """
        import streamlit as st
        st.session_state.setdefault("calls", 0)
        @st.cache_data
        def square(x):
            st.session_state.calls += 1
            return x * x
        @st.cache_resource
        def shared():
            return {"n": 1}
        st.write(square(3), square(3), shared()["n"])
        st.write(f"calls={st.session_state.calls}")
        st.bottom.write("pinned to the bottom")
        with st.bottom:
            v = st.text_input("Message", key="msg")
        st.write(f"v={v!r}")
        """,
        steps=[("text_input", "msg", "input", "hi"), ("run",)],
    ),
]
