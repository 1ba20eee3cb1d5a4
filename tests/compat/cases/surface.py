"""The rest of 1.67's surface: grid, space, skeleton, frames, custom components, typing."""

from __future__ import annotations

from pathlib import Path

from tests.compat.harness import Case

ECHO = Path(__file__).resolve().parents[2] / "fixtures" / "echo_component"

CASES = [
    Case(
        "grid_cells_and_spans",
        """
        import streamlit as st
        g = st.grid(3, border=True, gap=("small", "large"))
        g.markdown("one")
        with g.cell(column_span=2):
            st.markdown("wide")
            st.button("in cell")
        with g:
            st.text("three")
        g.cell(column_span="all").caption("row")
        auto = st.grid(min_column_width=200, key="g")
        auto.text("a")
        for args in ({"columns": 0}, {"columns": "x"}, {"columns": "auto", "wrap": False}, {"gap": ("small",)}, {"row_height": 0}):
            try:
                st.grid(**args)
            except Exception as exc:
                st.text(f"{type(exc).__name__}: {exc}")
        try:
            g.cell(column_span=4)
        except Exception as exc:
            st.text(f"{type(exc).__name__}: {exc}")
        """,
        steps=[("button", 0, "click")],
    ),
    Case(
        "space_sizes",
        """
        import streamlit as st
        st.text("above")
        st.space()
        st.space("large")
        st.space(40)
        with st.container(horizontal=True):
            st.text("left")
            st.space("stretch")
            st.text("right")
        for size in ("huge", 0, -3):
            try:
                st.space(size)
            except Exception as exc:
                st.text(f"{type(exc).__name__}: {exc}")
        """,
    ),
    Case(
        "skeleton_replaced_by_content",
        """
        import streamlit as st
        s = st.skeleton(height=120)
        st.text("after")
        s.text("loaded")
        st.skeleton()
        try:
            st.skeleton(height="content")
        except Exception as exc:
            st.text(f"{type(exc).__name__}: {exc}")
        """,
    ),
    Case(
        "iframes_and_html_frames",
        """
        import streamlit as st
        import streamlit.components.v1 as components
        st.iframe("https://example.org", height=300)
        st.iframe("<p>inline</p>")
        components.html("<b>x</b>", height=50)
        components.iframe("https://example.org/x")
        st.components.v1.html("<i>y</i>")
        for bad in (-2, "1", 1.5):
            try:
                st.iframe("https://example.org", tab_index=bad)
            except Exception as exc:
                st.text(f"{type(exc).__name__}: {exc}")
        try:
            st.iframe("https://example.org", width=0)
        except Exception as exc:
            st.text(f"{type(exc).__name__}: {exc}")
        """,
    ),
    Case(
        "custom_component_default_and_errors",
        f"""
        import streamlit as st
        import streamlit.components.v1 as components
        echo = components.declare_component("echo", path={str(ECHO)!r})
        st.write(echo(name="Ada", default={{"clicks": 0}}, key="e"))
        st.write(echo(name="Bob"))
        st.text(repr(type(echo).__name__))
        for call in (lambda: echo("pos"), lambda: echo(x=object()), lambda: components.declare_component("n"),
                     lambda: echo(on_change="rerun"), lambda: echo(key="e")):
            try:
                call()
            except Exception as exc:
                st.text(f"{{type(exc).__name__}}: {{exc}}")
        """,
        steps=[("run",)],
    ),
    Case(
        "typing_namespace",
        """
        import streamlit as st
        from streamlit.typing import UploadedFile, ChatInputValue, DataframeState
        st.text(sorted(n for n in dir(st.typing) if n[0].isupper()))
        st.text(UploadedFile.__name__)
        f = st.file_uploader("f")
        st.text(str(f is None or isinstance(f, st.typing.UploadedFile)))
        """,
    ),
]

CASES += [
    Case(
        "library_charts",
        """
        import streamlit as st
        st.mermaid_chart("graph LR\\n  A --> B")
        st.mermaid_chart("graph TD\\n  X[```] --> Y", width=300)
        st.echarts_chart({"xAxis": {"type": "category", "data": ["a", "b"]}, "yAxis": {}, "series": [{"type": "bar", "data": [1, 2]}]})
        st.graphviz_chart("digraph { a -> b }")
        for call in (lambda: st.graphviz_chart(3), lambda: st.echarts_chart([1]), lambda: st.echarts_chart({}, renderer="webgl"),
                     lambda: st.mermaid_chart("graph LR", width=0)):
            try:
                call()
            except Exception as exc:
                st.text(f"{type(exc).__name__}: {exc}")
        """,
    ),
    Case(
        "pydeck_chart_empty_and_deck",
        """
        import pydeck as pdk
        import streamlit as st
        st.pydeck_chart()
        st.pydeck_chart(pdk.Deck(initial_view_state=pdk.ViewState(latitude=1, longitude=2, zoom=3)), height=300)
        try:
            st.pydeck_chart(selection_mode="three")
        except Exception as exc:
            st.text(f"{type(exc).__name__}: {exc}")
        """,
    ),
]

CASES += [
    Case(
        "menu_button_pick_is_one_run",
        """
        import streamlit as st
        st.session_state.setdefault("log", [])
        def picked():
            st.session_state.log.append(st.session_state.get("m"))
        choice = st.menu_button("Export", ["CSV", "JSON"], key="m", on_click=picked)
        st.write(f"choice={choice} log={st.session_state.log}")
        other = st.menu_button("Other", [1, 2], format_func=lambda n: f"#{n}", type="primary")
        st.write(f"other={other}")
        for call in (lambda: st.menu_button("x", ["a"], type="big"),):
            try:
                call()
            except Exception as exc:
                st.text(f"{type(exc).__name__}: {exc}")
        """,
        steps=[("menu_button", "m", "click", "JSON"), ("run",), ("menu_button", 1, "click", 2)],
    ),
    Case(
        "pagination_pages_and_errors",
        """
        import streamlit as st
        page = st.pagination(10, default=2, key="p")
        st.write(f"page={page} state={st.session_state.p}")
        second = st.pagination(3, max_visible_pages=None)
        st.write(f"second={second}")
        for kwargs in ({"num_pages": 0}, {"num_pages": 3, "default": 4}, {"num_pages": 3, "default": "1"}, {"num_pages": 3, "max_visible_pages": -1}):
            try:
                st.pagination(**kwargs)
            except Exception as exc:
                st.text(f"{type(exc).__name__}: {exc}")
        """,
        steps=[("pagination", "p", "select", 7), ("run",), ("session_state", "p", 99), ("pagination", 1, "select", 3)],
    ),
    Case(
        "audio_input_recording",
        """
        import streamlit as st
        rec = st.audio_input("Say something", key="a")
        st.write("none" if rec is None else f"{rec.name} {rec.type} {len(rec.getvalue())}")
        try:
            st.audio_input("Bad", sample_rate=12345)
        except Exception as exc:
            st.text(f"{type(exc).__name__}: {exc}")
        """,
        steps=[("audio_input", "a", "upload", "clip.wav", b"RIFF0000WAVE", "audio/wav"), ("run",), ("audio_input", "a", "clear")],
    ),
]

CASES += [
    Case(
        "components_v2_result_state_and_errors",
        """
        import streamlit as st
        import streamlit.components.v2 as v2
        comp = v2.component("demo", html="<b>hi</b>", css="b { color: red; }", js="export default function(c) {}")
        r = comp(key="k", data={"a": 1}, default={"value": 5}, on_value_change=lambda: None, on_clicked_change=lambda: None)
        st.text(repr(dict(r)))
        st.text(f"{type(r).__name__} {r.value!r} {r.clicked!r} {r['value']!r}")
        st.text(repr(dict(st.session_state.k)))
        st.text(repr(dict(comp(data=[1, 2], on_x_change=None))))
        st.text(repr(dict(st.components.v2.component("empty")(key="e"))))
        for call in (lambda: r.nothing, lambda: comp(key="z", default={"x": 1}), lambda: comp(key="y", on__change=lambda: None),
                     lambda: comp(key="w", data=object()), lambda: v2.component("bad", js=3), lambda: v2.component("bad", css=b"x"),
                     lambda: v2.component("bad2", js="x.js"), lambda: v2.component("bad3", css="styles/*.css"),
                     lambda: comp(key="q", width=0), lambda: comp(key="k"), lambda: comp(key="q3", width="x"),
                     lambda: comp(key="a__b")):
            try:
                call()
            except Exception as exc:
                st.text(f"{type(exc).__name__}: {exc}")
        """,
        steps=[("session_state", "k", {"value": 7}), ("run",)],
    ),
    Case(
        "pydeck_chart_selection_state",
        """
        import pydeck as pdk
        import streamlit as st
        layer = pdk.Layer("ScatterplotLayer", data=[{"lon": 0, "lat": 0}], id="points", get_position="[lon, lat]")
        event = st.pydeck_chart(pdk.Deck(layers=[layer]), on_select="rerun", key="deck")
        st.write(f"{type(event).__name__} {dict(event)} {event.selection.indices} {event['selection']['objects']}")
        st.write(f"state={dict(st.session_state.deck)}")
        multi = st.pydeck_chart(pdk.Deck(layers=[layer]), on_select=lambda: None, selection_mode="multi-object")
        st.write(f"multi={dict(multi.selection)}")
        for kwargs in ({"selection_mode": "three"}, {"selection_mode": ["single-object"]}, {"on_select": None}, {"on_select": "yes"}):
            try:
                st.pydeck_chart(pdk.Deck(layers=[layer]), **{"on_select": "rerun", **kwargs})
            except Exception as exc:
                st.text(f"{type(exc).__name__}: {exc}")
        """,
        steps=[("session_state", "deck", {"selection": {}})],
    ),
]
