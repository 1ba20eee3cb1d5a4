"""Dataframes, tables, JSON, metrics and the built-in charts: jupyst against Streamlit.

Tables are compared with the compat harness (the DataFrame AppTest reads back from each).
Charts are compared on what they show: Streamlit's AppTest gives the Vega-Lite spec and the
Arrow dataset of each chart; the series (one per colour value) with their x and y values
that spec draws must be the series jupyst draws, and the axis types and titles must agree.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import pytest

from tests.compat.harness import Case, compare, run_snapshots

TIMEOUT = 30

HEADER = """
import datetime
import numpy as np
import pandas as pd
import streamlit as st
df = pd.DataFrame({
    "a": [1, 2, 3, 4],
    "b": [4.5, 5.25, None, 1.0],
    "c": ["x", "y", "x", "z"],
    "d": [True, False, True, False],
})
"""

TABLE_CASES = [
    Case("dataframe_inputs", HEADER + """
st.dataframe(df)
st.dataframe(df["b"])
st.dataframe(pd.Series([1, 2, 3]))
st.dataframe(np.arange(6).reshape(3, 2))
st.dataframe(np.array([1.5, 2.5]))
st.dataframe([{"x": 1, "y": "a"}, {"x": 2, "y": "b"}])
st.dataframe({"col1": [1, 2], "col2": [3, 4]})
st.dataframe({"k1": 1, "k2": 2})
st.dataframe([1, 2, 3])
st.dataframe(df.style.highlight_max(axis=0))
st.dataframe(df.set_index("c"))
st.dataframe(None)
"""),
    Case("dataframe_arrow_and_write", HEADER + """
import pyarrow as pa
st.dataframe(pa.Table.from_pandas(df[["a", "c"]]))
st.write(df[["a"]])
st.table(df)
"""),
    Case("dataframe_selection_state", HEADER + """
event = st.dataframe(df, key="grid", on_select="rerun", selection_mode=["multi-row", "multi-column"])
st.write(event.selection.rows, event.selection.columns)
""", steps=[("session_state", "grid", {"selection": {"rows": [1, 3], "columns": ["b"]}})]),
    Case("dataframe_selection_default", HEADER + """
event = st.dataframe(df, on_select="rerun", selection_mode="single-row-required")
st.write(event.selection.rows)
"""),
    Case("dataframe_errors", HEADER + """
try:
    st.dataframe(df, selection_mode="bogus", on_select="rerun")
except Exception as exc:
    st.exception(exc)
try:
    st.dataframe(df, height=-3)
except Exception as exc:
    st.exception(exc)
try:
    st.dataframe(df, selection_mode=["single-row", "multi-row"], on_select="rerun")
except Exception as exc:
    st.exception(exc)
st.dataframe(df, selection_default={"selection": {"rows": [0]}})
"""),
    Case("data_editor_returns_input_type", HEADER + """
out = st.data_editor(df, key="ed")
st.write(type(out).__name__, len(out))
out = st.data_editor([{"x": 1}, {"x": 2}])
st.write(type(out).__name__, out)
out = st.data_editor({"col": [1, 2]})
st.write(type(out).__name__, out)
out = st.data_editor(np.array([1, 2, 3]))
st.write(type(out).__name__, out.tolist())
out = st.data_editor(df["a"], key="series")
st.write(type(out).__name__, out.tolist())
"""),
    Case("data_editor_session_edits", HEADER + """
out = st.data_editor(df, key="ed", num_rows="dynamic")
st.write(out.to_dict(orient="split"))
""", steps=[("session_state", "ed", {"edited_rows": {0: {"a": 10}}, "added_rows": [{"c": "new"}], "deleted_rows": [2]})]),
    Case("button_columns", HEADER + """
from streamlit.typing import ButtonColumnClickState
def clicked():
    st.session_state.calls = st.session_state.get("calls", 0) + 1
df["go"] = [":material/visibility: View", "View", None, ""]
df["menu"] = ["Edit", "Delete", "Edit", None]
st.dataframe(df, column_config={
    "go": st.column_config.ButtonColumn("Open", type="primary", on_click=clicked, key="go_click"),
    "menu": st.column_config.ButtonColumn("Actions", alignment="left", key="menu_click"),
    "c": st.column_config.ButtonColumn(),
}, hide_index=True)
edited = st.data_editor(df[["a", "go"]], column_config={"go": st.column_config.ButtonColumn(key="ed_click")}, key="ed")
st.write(st.session_state.go_click, st.session_state.menu_click, st.session_state.ed_click, len(edited))
st.write(ButtonColumnClickState.__name__, "calls" in st.session_state)
""", steps=[("session_state", "calls", 0)]),
    Case("button_column_errors", HEADER + """
try:
    st.column_config.ButtonColumn("Go", on_click=print)
except Exception as exc:
    st.exception(exc)
try:
    st.column_config.ButtonColumn(args=(1,))
except Exception as exc:
    st.exception(exc)
st.session_state.taken = "mine"
try:
    st.dataframe(df, column_config={"c": st.column_config.ButtonColumn(key="taken")})
except Exception as exc:
    st.exception(exc)
with st.form("f"):
    try:
        st.dataframe(df, column_config={"c": st.column_config.ButtonColumn(key="in_form", on_click=print)})
    except Exception as exc:
        st.exception(exc)
    st.dataframe(df, column_config={"c": st.column_config.ButtonColumn(key="in_form_quiet")})
    st.form_submit_button()
st.write(st.session_state.in_form_quiet)
""", expect=lambda snaps: _exceptions_named(snaps[0], [
        "StreamlitMissingRequiredParameterError", "StreamlitMissingRequiredParameterError",
        "StreamlitValueAssignmentNotAllowedError", "StreamlitInvalidFormCallbackError",
    ])),
    Case("media_and_charts", HEADER + """
import altair as alt
img = np.zeros((4, 6, 3), dtype="uint8")
st.image(img, caption="one")
st.image([img, img], caption=["a", "b"], width=40)
st.audio(np.zeros(80), sample_rate=8000)
st.video("https://example.com/clip.mp4", start_time=2)
st.help(len)
st.map(pd.DataFrame({"lat": [1.0, 2.0], "lon": [3.0, 4.0]}))
st.altair_chart(alt.Chart(df).mark_line().encode(x="a", y="b"))
st.vega_lite_chart(df, {"mark": "bar", "encoding": {"x": {"field": "c"}, "y": {"field": "a"}}})
st.logo(img)
try:
    st.image(img, width=-5)
except Exception as exc:
    st.exception(exc)
"""),
    Case("json_expanded", """
import streamlit as st
st.json({"a": [1, 2, {"b": None}], "c": "text"})
st.json('{"x": 1}', expanded=False)
st.json([1, 2], expanded=2)
"""),
]


def _exceptions_named(snap: dict[str, Any], names: list[str]) -> None:
    """The run showed these exceptions, in this order (forms included)."""
    found = re.findall(r"Streamlit[A-Za-z]*Error", json.dumps(snap["main"], default=str))
    assert found == names, found


@pytest.mark.parametrize("case", TABLE_CASES, ids=[c.name for c in TABLE_CASES])
def test_tables_match(case: Case, streamlit_app_test: Any, jupyst_app_test: Any) -> None:
    want = run_snapshots(streamlit_app_test, case)
    got = run_snapshots(jupyst_app_test, case)
    compare(case, want, got)


def _run_both(src: str, streamlit_app_test: Any, jupyst_app_test: Any) -> tuple[Any, Any]:
    st_at = streamlit_app_test.from_string(src, default_timeout=TIMEOUT).run()
    jp_at = jupyst_app_test.from_string(src, default_timeout=TIMEOUT).run()
    return st_at, jp_at


def test_metric_and_json_fields(streamlit_app_test: Any, jupyst_app_test: Any) -> None:
    src = """
import numpy as np
import streamlit as st
st.metric("Temp", 70, -1.2, help="h", border=True)
st.metric("Wind", "9 mph", "8%", delta_color="inverse")
st.metric("Flat", None, 0)
st.metric("Numpy", np.int64(5), np.float64(0.5), delta_color="off")
st.json({"a": 1}, expanded=1)
st.json([1], expanded=False)
"""
    st_at, jp_at = _run_both(src, streamlit_app_test, jupyst_app_test)
    color_names = {0: "red", 1: "green", 2: "gray"}
    for want, got in zip(st_at.metric, jp_at.metric):
        assert (got.label, got.value, got.delta, got.help or "") == (want.label, want.value, want.delta, want.help)
        if want.proto.color in color_names:
            assert got.color == color_names[want.proto.color], (want.label, want.proto.color, got.color)
    assert len(jp_at.metric) == len(st_at.metric) == 4
    assert [m.show_border for m in jp_at.metric] == [m.proto.show_border for m in st_at.metric]
    for want, got in zip(st_at.json, jp_at.json):
        assert json.loads(got.value) == json.loads(want.value)
        assert got.expanded == want.proto.expanded
        assert (got.max_expand_depth or 0) == want.proto.max_expand_depth


# ----- charts ---------------------------------------------------------------------------------
def _vega_series(el: Any) -> dict[str, Any]:
    """Series, x/y types and titles that Streamlit's Vega-Lite spec and data draw."""
    import pyarrow as pa

    proto = el.proto
    spec = json.loads(proto.spec)
    enc = (spec["layer"][0] if "layer" in spec else spec)["encoding"]
    table = pa.ipc.open_stream(proto.datasets[0].data.data).read_all().to_pandas() if proto.datasets else None
    horizontal = enc["y"]["type"] == "ordinal" and enc["x"]["type"] != "ordinal"
    cat, val = ("y", "x") if horizontal else ("x", "y")
    x_field, y_field = enc[cat]["field"], enc[val]["field"]
    color = enc.get("color", {})
    out: dict[str, list[tuple[Any, Any]]] = {}
    if table is not None and x_field in table.columns and y_field in table.columns:
        if "field" in color and not (color.get("legend", 1) is None and "scale" in color):
            for name, part in table.groupby(color["field"], sort=False):
                out[str(name)] = _points(part[x_field], part[y_field])
        elif "field" in color:
            for value, part in table.groupby(color["field"], sort=False):
                out[f"literal:{value}"] = _points(part[x_field], part[y_field])
        else:
            out["None"] = _points(table[x_field], table[y_field])
    return {
        "series": {k: v for k, v in out.items() if v},
        "x_type": enc[cat]["type"],
        "y_type": enc[val]["type"],
        "x_title": enc[cat].get("title", ""),
        "y_title": enc[val].get("title", ""),
    }


def _plain(v: Any) -> Any:
    if hasattr(v, "isoformat"):
        return str(v)[:19]
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return None
    if hasattr(v, "item"):
        return _plain(v.item())
    return v


def _points(xs: Any, ys: Any) -> list[tuple[Any, Any]]:
    return sorted(((_plain(x), _plain(y)) for x, y in zip(list(xs), list(ys))), key=repr)


def _jupyst_series(el: Any) -> dict[str, Any]:
    from jupyst.elements.charts import drawn_series

    props = el.node.props
    enc = props["encoding"]
    out = {}
    for s in drawn_series(props):
        name = s["name"] if not enc["color_literal"] else f"literal:{s['color']}"
        out[str(name)] = _points(s["x"], s["y"])
    return {"series": out, "x_type": enc["x_type"], "y_type": enc["y_type"], "x_title": enc["x_title"], "y_title": enc["y_title"]}


CHART_CALLS = [
    "st.line_chart(df[['a', 'b']])",
    "st.line_chart(df, x='a', y='b')",
    "st.line_chart(df, x='a', y=['b', 'a'])",
    "st.line_chart(df, x='a', y='b', color='c')",
    "st.line_chart(df, x='a', y='b', x_label='X', y_label='Y')",
    "st.line_chart(df.set_index('a')[['b']])",
    "st.line_chart(pd.DataFrame({'t': pd.date_range('2024-01-01', periods=4), 'v': [1, 3, 2, 4]}), x='t', y='v')",
    "st.line_chart(np.arange(12).reshape(4, 3))",
    "st.line_chart([3, 1, 2])",
    "st.line_chart({'u': [1, 2], 'w': [3, 4]})",
    "st.line_chart(df, x='a', y=['b'], color=['#ff0000'])",
    "st.line_chart(df, x='a', y=['b', 'a'], color=['#ff0000', (0, 0, 255)])",
    "st.area_chart(df[['a', 'b']])",
    "st.area_chart(df, x='a', y='b', color='c', stack='normalize')",
    "st.bar_chart(df, x='c', y='b')",
    "st.bar_chart(df, x='c', y=['a', 'b'], stack=False)",
    "st.bar_chart(df, x='c', y='a', color='d', horizontal=True)",
    "st.bar_chart(df, x='c', y='a', sort='-b')",
    "st.bar_chart(df[['a']])",
    "st.scatter_chart(df, x='a', y='b')",
    "st.scatter_chart(df, x='a', y='b', size='a', color='c')",
    "st.scatter_chart(df, x='a', y=['b', 'a'], size=40)",
    "st.scatter_chart(pd.DataFrame({'x': [1, 2], 'y': [3, 4], 'col': ['#ff0000', '#00ff00']}), x='x', y='y', color='col')",
    "st.line_chart(pd.DataFrame({'x': [1, 2, 3], 'y': [1.0, float('nan'), float('inf')]}), x='x', y='y')",
    "st.line_chart(pd.DataFrame({'x': [], 'y': []}), x='x', y='y')",
    "st.line_chart(pd.DataFrame({'x': [1, 2], 'y': ['p', 'q']}), x='x', y='y')",
]


@pytest.mark.parametrize("call", CHART_CALLS)
def test_chart_series_match_vega_lite(call: str, streamlit_app_test: Any, jupyst_app_test: Any) -> None:
    st_at, jp_at = _run_both(HEADER + call, streamlit_app_test, jupyst_app_test)
    assert not st_at.exception, st_at.exception[0].value
    assert not jp_at.exception, jp_at.exception[0].value
    want = [_vega_series(el) for el in st_at.get("vega_lite_chart")]
    got = [_jupyst_series(el) for el in jp_at.get("vega_lite_chart")]
    assert len(want) == len(got) == 1
    assert got == want


ERROR_CALLS = [
    "st.line_chart(df, x='nope')",
    "st.line_chart(df, y=['a', 'nope'])",
    "st.bar_chart(df, x='c', y='a', sort='missing')",
    "st.line_chart(df, x=3)",
    "st.line_chart(df, x='a', y=['b', 'c'], color='#ff0000')",
    "st.line_chart(df, x='a', y='b', color=['#ff0000', '#00ff00'])",
    "st.line_chart(df, x='a', y='b', color='not a colour')",
    "st.area_chart(df, stack='sideways')",
    "st.scatter_chart(df, x='a', y='b', size=[1])",
    "st.line_chart(df, width=0)",
    "st.line_chart(object())",
]


@pytest.mark.parametrize("call", ERROR_CALLS)
def test_chart_errors_match(call: str, streamlit_app_test: Any, jupyst_app_test: Any) -> None:
    st_at, jp_at = _run_both(HEADER + call, streamlit_app_test, jupyst_app_test)
    assert len(st_at.exception) == len(jp_at.exception) == 1
    want, got = st_at.exception[0], jp_at.exception[0]
    assert got.proto.type.rsplit(".", 1)[-1] == want.proto.type.rsplit(".", 1)[-1]
    def text(el: Any) -> str:
        return re.sub(r" at 0x[0-9a-f]+", " at 0x", el.value.strip())

    assert text(got) == text(want)
