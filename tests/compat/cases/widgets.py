"""Input widgets: values, defaults, interactions, callbacks."""

from __future__ import annotations

from tests.compat.harness import Case

CASES = [
    Case(
        "button_trigger",
        """
        import streamlit as st
        st.session_state.setdefault("clicks", 0)
        clicked = st.button("Go")
        if clicked:
            st.session_state.clicks += 1
        st.write(f"clicked={clicked} clicks={st.session_state.clicks}")
        st.button("Keyed", key="kb")
        st.write(f"kb={st.session_state.kb}")
        """,
        steps=[
            ("button", 0, "click"),
            ("run",),
            ("button", 0, "click"),
            ("button", "kb", "click"),
            ("run",),
        ],
    ),
    Case(
        "button_on_click_args",
        """
        import streamlit as st
        st.session_state.setdefault("log", [])
        def clicked(name, times=1, *, suffix=""):
            st.session_state.log.append(f"{name}x{times}{suffix} run={st.session_state.get('runs', 0)}")
        st.session_state.runs = st.session_state.get("runs", 0) + 1
        st.button("A", on_click=clicked, args=("a",), kwargs={"times": 2, "suffix": "!"})
        st.button("B", key="b", on_click=clicked, args=["b"])
        st.write(st.session_state.log)
        st.write(f"b={st.session_state.b}")
        """,
        steps=[("button", 0, "click"), ("button", "b", "click"), ("run",), ("button", 0, "click")],
    ),
    Case(
        "checkbox_and_toggle",
        """
        import streamlit as st
        a = st.checkbox("Agree")
        b = st.checkbox("Pre-ticked", value=True, key="pre")
        t = st.toggle("Switch")
        st.write(f"a={a} b={b} t={t}")
        if a:
            st.success("agreed")
        """,
        steps=[
            ("checkbox", 0, "check"),
            ("checkbox", "pre", "uncheck"),
            ("toggle", 0, "set_value", True),
            [("checkbox", 0, "uncheck"), ("toggle", 0, "set_value", False)],
        ],
    ),
    Case(
        "radio",
        """
        import streamlit as st
        r = st.radio("Pick", [1, 2, 3], format_func=lambda n: f"#{n}")
        st.write(f"r={r!r}")
        n = st.radio("None yet", ["x", "y"], index=None, key="none")
        st.write(f"n={n!r}")
        h = st.radio("Third", ("a", "b", "c"), index=2, horizontal=True)
        st.write(f"h={h}")
        """,
        steps=[
            ("radio", 0, "set_value", 3),
            ("radio", "none", "set_value", "y"),
            ("radio", 2, "set_value", "a"),
            ("radio", "none", "set_value", None),
        ],
    ),
    Case(
        "selectbox",
        """
        import streamlit as st
        s = st.selectbox("Colour", ["red", "green", "blue"])
        st.write(f"s={s}")
        n = st.selectbox("Maybe", [10, 20, 30], index=None, format_func=lambda v: f"{v} units", key="maybe")
        st.write(f"n={n!r}")
        d = st.selectbox("From dict keys", {"k1": "one", "k2": "two"}, index=1)
        st.write(f"d={d}")
        """,
        steps=[
            ("selectbox", 0, "select", "blue"),
            ("selectbox", "maybe", "select", 20),
            ("selectbox", 0, "select_index", 0),
            ("selectbox", "maybe", "select_index", None),
        ],
    ),
    Case(
        "multiselect",
        """
        import streamlit as st
        m = st.multiselect("Fruit", ["apple", "banana", "cherry"], default=["banana"])
        st.write(f"m={m}")
        lim = st.multiselect("Up to two", [1, 2, 3, 4], max_selections=2, key="lim",
                             format_func=lambda v: f"n{v}")
        st.write(f"lim={lim}")
        """,
        steps=[
            ("multiselect", 0, "select", "cherry"),
            ("multiselect", 0, "unselect", "banana"),
            ("multiselect", "lim", "select", 3),
            ("multiselect", "lim", "select", 1),
            ("multiselect", "lim", "unselect", 3),
        ],
    ),
    Case(
        "slider_int_float",
        """
        import streamlit as st
        a = st.slider("Int")
        b = st.slider("Bounded", 10, 20, 12, key="b")
        c = st.slider("Float", 0.0, 1.0, 0.5, step=0.1)
        d = st.slider("Float default")
        e = st.slider("Stepped", 0, 100, 50, step=5)
        st.write(f"a={a} b={b} c={c} d={d} e={e}")
        """,
        steps=[
            ("slider", 0, "set_value", 42),
            ("slider", "b", "set_value", 20),
            ("slider", 2, "set_value", 0.25),
            ("slider", 4, "set_value", 95),
        ],
    ),
    Case(
        "slider_range",
        """
        import streamlit as st
        lo, hi = st.slider("Range", 0, 100, (20, 80))
        st.write(f"lo={lo} hi={hi}")
        r = st.slider("Float range", 0.0, 10.0, [2.5, 7.5], key="fr")
        st.write(f"r={r}")
        """,
        steps=[("slider", 0, "set_range", 30, 40), ("slider", "fr", "set_range", 1.0, 9.0)],
    ),
    Case(
        "slider_value_outside_range",
        """
        import streamlit as st
        a = st.slider("Above", 0, 10, 15)
        b = st.slider("Below", 5, 10, 1)
        c = st.slider("Range beyond", 0, 10, (-5, 20))
        st.write(f"a={a} b={b} c={c}")
        """,
        steps=[("slider", 0, "set_value", 12)],
    ),
    Case(
        "text_input",
        """
        import streamlit as st
        name = st.text_input("Name")
        st.write(f"name={name!r}")
        none = st.text_input("Optional", value=None, key="opt")
        st.write(f"none={none!r}")
        short = st.text_input("Short", "ab", max_chars=5)
        st.write(f"short={short!r}")
        cut = st.text_input("Default too long", "abcdefgh", max_chars=3)
        st.write(f"cut={cut!r}")
        """,
        steps=[
            ("text_input", 0, "input", "Ada"),
            ("text_input", "opt", "input", "given"),
            ("text_input", 2, "input", "abcde"),
            ("text_input", 0, "input", ""),
        ],
    ),
    Case(
        "text_area",
        """
        import streamlit as st
        body = st.text_area("Body", "first line")
        st.write(f"lines={len(body.splitlines())}")
        st.text(body)
        keyed = st.text_area("Keyed", key="ta", max_chars=100)
        st.write(f"keyed={keyed!r}")
        """,
        steps=[("text_area", 0, "input", "one\ntwo\nthree"), ("text_area", "ta", "input", "x")],
    ),
    Case(
        "number_input",
        """
        import streamlit as st
        i = st.number_input("Int")
        f = st.number_input("Float", value=1.5)
        m = st.number_input("From min", min_value=3, max_value=9)
        s = st.number_input("Stepped", 0.0, 1.0, step=0.25, key="s")
        n = st.number_input("Empty", value=None, min_value=0)
        st.write(f"i={i!r} f={f!r} m={m!r} s={s!r} n={n!r}")
        """,
        steps=[
            ("number_input", 0, "set_value", 7),
            ("number_input", 1, "increment"),
            ("number_input", 2, "increment"),
            ("number_input", 2, "set_value", 9),
            ("number_input", 2, "increment"),
            ("number_input", "s", "decrement"),
            ("number_input", "s", "increment"),
            ("number_input", 4, "set_value", 5),
        ],
    ),
    Case(
        "on_change_callbacks",
        """
        import streamlit as st
        st.session_state.setdefault("log", [])
        st.session_state.log.append("body")
        def changed(tag, *, extra=""):
            st.session_state.log.append(f"cb {tag}{extra} value={st.session_state[tag]!r}")
        st.checkbox("C", key="c", on_change=changed, args=("c",), kwargs={"extra": "!"})
        st.slider("S", key="s", on_change=changed, args=("s",))
        st.text_input("T", key="t", on_change=changed, kwargs={"tag": "t"})
        st.selectbox("Sel", ["a", "b"], key="sel", on_change=changed, args=["sel"])
        st.write(st.session_state.log)
        """,
        steps=[
            ("checkbox", "c", "check"),
            ("slider", "s", "set_value", 7),
            ("run",),
            ("text_input", "t", "input", "hi"),
            ("selectbox", "sel", "select", "a"),
            ("selectbox", "sel", "select", "b"),
        ],
    ),
    Case(
        "widget_identity",
        """
        import streamlit as st
        big = st.checkbox("Bigger range")
        relabel = st.checkbox("Relabel")
        label = "Renamed" if relabel else "Value"
        unkeyed = st.slider(label, 0, 10, 1)
        keyed = st.slider(label + " (keyed)", 0, 20 if big else 10, 1, key="k")
        st.write(f"unkeyed={unkeyed} keyed={keyed}")
        """,
        steps=[
            [("slider", 0, "set_value", 7), ("slider", "k", "set_value", 8)],
            # A new label: the unkeyed slider is a new widget (default again), the keyed one
            # keeps its value.
            ("checkbox", 1, "check"),
            [("slider", 0, "set_value", 4), ("slider", "k", "set_value", 6)],
            # A new max_value is part of a keyed slider's identity: it resets too.
            ("checkbox", 0, "check"),
        ],
    ),
    Case(
        "options_change",
        """
        import streamlit as st
        more = st.checkbox("More options")
        opts = ["a", "b", "c", "d"] if more else ["a", "b"]
        plain = st.selectbox("Plain", opts)
        keyed = st.selectbox("Keyed", opts, key="keyed")
        multi = st.multiselect("Multi", opts, key="multi")
        st.write(f"plain={plain} keyed={keyed} multi={multi}")
        """,
        steps=[
            [("selectbox", 0, "select", "b"), ("selectbox", "keyed", "select", "b"), ("multiselect", "multi", "select", "b")],
            ("checkbox", 0, "check"),
            [("selectbox", "keyed", "select", "d"), ("multiselect", "multi", "select", "d")],
            ("checkbox", 0, "uncheck"),
        ],
    ),
    Case(
        "optional_text_cleared",
        """
        import streamlit as st
        v = st.text_input("Optional", value=None)
        a = st.text_area("Optional area", value=None, key="area")
        st.write(f"v={v!r} a={a!r}")
        """,
        steps=[
            [("text_input", 0, "input", "x"), ("text_area", "area", "input", "y")],
            [("text_input", 0, "input", ""), ("text_area", "area", "input", "")],
        ],
    ),
    Case(
        "callback_exception",
        """
        import streamlit as st
        st.session_state.setdefault("runs", 0)
        st.session_state.runs += 1
        def bad():
            raise ValueError("callback failed")
        st.button("Bad", on_click=bad)
        st.write(f"runs={st.session_state.runs}")
        """,
        steps=[("button", 0, "click"), ("run",)],
    ),
    Case(
        "callback_rerun",
        """
        import streamlit as st
        st.session_state.setdefault("runs", 0)
        st.session_state.runs += 1
        def again():
            st.session_state.flag = True
            st.rerun()
        st.button("Again", on_click=again)
        st.write(f"runs={st.session_state.runs} flag={st.session_state.get('flag')}")
        """,
        steps=[("button", 0, "click"), ("run",)],
    ),
    Case(
        "widget_default_edge_cases",
        """
        import pandas as pd
        import streamlit as st
        df = pd.DataFrame({"c": ["x", "y"], "d": [1, 2]})
        st.write(st.selectbox("first column of a frame", df))
        st.write(st.radio("series", pd.Series([3, 4])))
        st.write(st.multiselect("tuple", ("p", "q"), default=("q",)))
        st.write(st.multiselect("single default", ["a", "b"], default="b"))
        st.write(st.selectbox("empty", []))
        st.write(st.radio("empty radio", []))
        st.write(st.multiselect("empty multiselect", []))
        st.write(st.selectbox("None option", [None, 1], format_func=lambda v: "nothing" if v is None else str(v)))
        st.write(st.selectbox("bools", [True, False], index=1))
        st.write(st.number_input("a", value=5, min_value=0, max_value=10, step=2))
        st.write(st.number_input("b", min_value=1.5))
        st.write(st.number_input("c", value=None))
        st.write(st.number_input("d", 0, 100))
        st.write(st.number_input("e", 0.0, 1.0, 0.5, 0.1, format="%.3f"))
        st.write(st.slider("f", max_value=5))
        st.write(st.slider("g", min_value=-5))
        st.write(st.slider("h", 0.0, 10.0))
        st.write(st.slider("i", value=[]))
        st.write(st.slider("j", 10, 0, 3))
        st.write(st.slider("k", value=0.5))
        st.write(st.slider("l", 0, 100, (80, 20)))
        st.write(st.checkbox("m", value=1))
        st.write(st.toggle("n", True, disabled=True))
        st.write(st.checkbox(5))
        st.write(st.text_input(7, 8))
        st.write(st.text_area("o", 123))
        """,
        steps=[("number_input", 0, "increment"), ("number_input", 3, "decrement")],
    ),
    Case(
        "disabled_and_none_values",
        """
        import streamlit as st
        st.write(st.text_input("T", "dflt", key="t", disabled=True))
        st.write(st.session_state.t)
        st.write(st.checkbox("C", value=None))
        st.write(st.button("Disabled", disabled=True))
        """,
    ),
    Case(
        "two_clicks_one_run",
        """
        import streamlit as st
        a = st.button("A")
        b = st.button("B")
        st.write(f"a={a} b={b}")
        """,
        steps=[[("button", 0, "click"), ("button", 1, "click")]],
    ),
]
