"""st.session_state, st.stop, st.rerun and the clean-up of unrendered widgets."""

from __future__ import annotations

from tests.compat.harness import Case

CASES = [
    Case(
        "session_state_access",
        """
        import streamlit as st
        ss = st.session_state
        if "a" not in ss:
            ss["a"] = 1
            ss.b = "bee"
            ss[3] = "int key"
        ss.a += 1
        st.write(f"a={ss.a} b={ss['b']} int={ss['3']!r} in={'b' in ss} len={len(ss)}")
        st.write(f"get={ss.get('zzz', 'dflt')} keys={sorted(ss.keys())}")
        if ss.a == 3:
            del ss["b"]
        if ss.a == 4:
            del ss.a
        st.write(f"has_b={'b' in ss} has_a={'a' in ss}")
        """,
        steps=[("run",), ("run",), ("run",), ("session_state", "b", "from test")],
    ),
    Case(
        "state_sets_widget_value",
        """
        import streamlit as st
        if "init" not in st.session_state:
            st.session_state.init = True
            st.session_state.name = "preset"
            st.session_state.level = 7
            st.session_state.pick = "c"
        name = st.text_input("Name", key="name")
        level = st.slider("Level", 0, 10, key="level")
        pick = st.radio("Pick", ["a", "b", "c"], key="pick")
        st.write(f"name={name} level={level} pick={pick}")
        """,
        steps=[
            ("slider", "level", "set_value", 2),
            # A plain run between: writing right after a widget change hits the runtime bug
            # that "state_write_wins_over_last_widget_value" below covers.
            ("run",),
            ("session_state", "level", 9),
            ("session_state", "name", "from test"),
            ("text_input", "name", "input", "typed"),
        ],
    ),
    Case(
        "callback_clamps_own_widget",
        """
        import streamlit as st
        def clamp():
            if st.session_state.level > 5:
                st.session_state.level = 5
        st.slider("Level", 0, 10, 1, key="level", on_change=clamp)
        st.write(f"level={st.session_state.level}")
        """,
        steps=[("slider", "level", "set_value", 9), ("run",), ("run",)],
    ),
    Case(
        "state_write_wins_over_last_widget_value",
        """
        import streamlit as st
        level = st.slider("Level", 0, 10, key="level")
        st.write(f"level={level}")
        """,
        steps=[("slider", "level", "set_value", 2), ("session_state", "level", 9), ("run",)],
    ),
    Case(
        "state_set_after_widget",
        """
        import streamlit as st
        v = st.checkbox("Box", key="box")
        st.write(f"v={v}")
        if st.button("Break"):
            st.session_state.box = True
        st.write("after")
        """,
        steps=[("button", 0, "click"), ("run",)],
    ),
    Case(
        "keyed_widgets_in_state",
        """
        import streamlit as st
        st.checkbox("c", key="c")
        st.toggle("t", key="t", value=True)
        st.radio("r", ["x", "y"], key="r")
        st.selectbox("s", [1, 2], key="s")
        st.multiselect("m", ["p", "q"], key="m")
        st.slider("sl", key="sl")
        st.slider("range", 0, 10, (2, 4), key="rng")
        st.text_input("ti", key="ti")
        st.text_area("ta", key="ta")
        st.number_input("ni", key="ni")
        st.button("b", key="b")
        st.checkbox("unkeyed is hidden")
        st.write(sorted(st.session_state.keys()))
        """,
        steps=[
            [
                ("checkbox", "c", "check"),
                ("toggle", "t", "set_value", False),
                ("radio", "r", "set_value", "y"),
                ("selectbox", "s", "select", 2),
                ("multiselect", "m", "select", "q"),
                ("slider", "sl", "set_value", 3),
                ("slider", "rng", "set_range", 1, 9),
                ("text_input", "ti", "input", "x"),
                ("text_area", "ta", "input", "y"),
                ("number_input", "ni", "set_value", 4),
                ("button", "b", "click"),
            ],
            ("run",),
        ],
    ),
    Case(
        "missing_key_item",
        """
        import streamlit as st
        st.write("before")
        st.write(st.session_state["nope"])
        """,
    ),
    Case(
        "missing_key_attribute",
        """
        import streamlit as st
        st.write("before")
        st.write(st.session_state.nope)
        """,
    ),
    Case(
        "stop",
        """
        import streamlit as st
        show = st.checkbox("Show more")
        st.write("top")
        if not show:
            st.warning("stopped")
            st.stop()
            st.write("never")
        name = st.text_input("Hidden after stop", key="name")
        st.write(f"name={name!r}")
        """,
        steps=[
            ("checkbox", 0, "check"),
            ("text_input", "name", "input", "Zed"),
            ("checkbox", 0, "uncheck"),
            ("run",),
            ("checkbox", 0, "check"),
        ],
    ),
    Case(
        "rerun_loop",
        """
        import streamlit as st
        st.session_state.setdefault("n", 0)
        st.write(f"run n={st.session_state.n}")
        if st.session_state.n < 3:
            st.session_state.n += 1
            st.rerun()
        st.write(f"final n={st.session_state.n}")
        if st.button("again"):
            st.session_state.n = 0
            st.rerun()
        """,
        steps=[("button", 0, "click"), ("run",)],
    ),
    Case(
        "unrendered_widget_state_dropped",
        """
        import streamlit as st
        show = st.checkbox("Show", value=True)
        if show:
            name = st.text_input("Name", key="name")
            level = st.slider("Unkeyed", 0, 10, 1)
            st.write(f"name={name!r} level={level}")
        st.write(f"in state={'name' in st.session_state}")
        """,
        steps=[
            [("text_input", "name", "input", "Zed"), ("slider", 0, "set_value", 6)],
            ("checkbox", 0, "uncheck"),
            ("run",),
            ("checkbox", 0, "check"),
        ],
    ),
    Case(
        "exception_keeps_hidden_widget_state",
        """
        import streamlit as st
        fail = st.checkbox("Fail")
        st.write("top")
        if fail:
            raise RuntimeError("failing on purpose")
        name = st.text_input("Name", key="name")
        st.write(f"name={name!r}")
        """,
        steps=[
            ("text_input", "name", "input", "Zed"),
            ("checkbox", 0, "check"),
            ("run",),
            ("checkbox", 0, "uncheck"),
        ],
    ),
    Case(
        "callback_sets_other_widget",
        """
        import streamlit as st
        def reset():
            st.session_state.text = "reset by callback"
            st.session_state.level = 0
        st.text_input("Text", key="text")
        st.slider("Level", 0, 10, 5, key="level")
        st.button("Reset", on_click=reset)
        st.write(f"text={st.session_state.text!r} level={st.session_state.level}")
        """,
        steps=[
            [("text_input", "text", "input", "typed"), ("slider", "level", "set_value", 9)],
            ("button", 0, "click"),
        ],
    ),
    Case(
        "state_preset_values",
        """
        import streamlit as st
        if "init" not in st.session_state:
            st.session_state.init = True
            st.session_state.rng = (3, 7)
            st.session_state.n = None
            st.session_state.t = None
            st.session_state.r = "b"
            st.session_state.bad = "zzz"
        st.write(st.slider("Range from state", 0, 10, key="rng"))
        st.write(st.number_input("None from state", key="n"))
        st.write(repr(st.text_input("None text from state", key="t")))
        st.write(st.radio("Radio from state", ["a", "b", "c"], key="r"))
        st.write(st.selectbox("Not an option", ["a", "b"], key="bad"))
        """,
        steps=[
            ("slider", "rng", "set_range", 1, 2),
            ("number_input", "n", "set_value", 3),
            ("text_input", "t", "input", "a"),
            ("radio", "r", "set_value", "c"),
        ],
    ),
    Case(
        "stop_inside_containers",
        """
        import streamlit as st
        st.write("top")
        where = st.session_state.get("where", "sidebar")
        if where == "sidebar":
            with st.sidebar:
                st.write("side")
                st.stop()
        else:
            left, right = st.columns(2)
            with right:
                st.write("right")
                st.stop()
        st.write("never")
        """,
        steps=[("session_state", "where", "column")],
    ),
]
