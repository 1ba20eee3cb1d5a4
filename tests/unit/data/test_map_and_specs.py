"""st.map on ipyleaflet, and charts given as specs (Altair, Vega-Lite, plotly) in Output widgets."""

from __future__ import annotations

import json

import pytest

from jupyst.elements.map import zoom_for
from tests.unit.helpers import find, settle, start, widget


def test_map_centres_zooms_and_updates_points_in_place() -> None:
    session = start(
        """
        import jupyst as st, pandas as pd
        k = st.session_state.get("k", 0.0)
        df = pd.DataFrame({"LATITUDE": [10.0, 12.0 + k], "lon": [20.0, 21.0], "r": [10, 2000], "c": ["#ff0000", "#00ff00"]})
        st.map(df, size="r", color="c", height=320)
        """
    )
    m = widget(session, "deck_gl_json_chart")
    assert list(m.center) == [11.0, 20.5]
    assert m.zoom == zoom_for(2.0) == 7
    assert m.layout.height == "320px"
    assert "jupyst-map" in m._dom_classes
    features = m.points.data["features"]
    assert features[0]["geometry"]["coordinates"] == [20.0, 10.0]
    assert [f["properties"]["style"]["fillColor"] for f in features] == ["#ff0000", "#00ff00"]
    assert features[0]["properties"]["style"]["radius"] == 3.0  # at least 3 pixels
    layer = m.points
    session.state["k"] = 1.0
    session.request_rerun()
    settle(session)
    assert widget(session, "deck_gl_json_chart") is m
    assert m.points is layer
    assert m.points.data["features"][1]["geometry"]["coordinates"] == [21.0, 13.0]
    session.close()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.map(pd.DataFrame({'x': [1], 'lon': [2]}))", "Map data must contain a latitude column named: 'LAT', 'LATITUDE', 'lat', 'latitude'. Existing columns: 'x', 'lon'"),
        ("st.map(pd.DataFrame({'lat': [None], 'lon': [2]}))", "Column lat is not allowed to contain null values"),
        ("st.map(pd.DataFrame({'lat': [1], 'lon': [2], 'c': ['red']}), color='c')", 'Column "c" does not appear to contain valid colors.'),
    ],
)
def test_map_errors(call: str, message: str) -> None:
    session = start(f"import jupyst as st, pandas as pd\n{call}\n")
    assert message in find(session, "exception").props["message"]
    session.close()


def test_empty_map_draws_a_world_view() -> None:
    session = start("import jupyst as st\nst.map()\n")
    m = widget(session, "deck_gl_json_chart")
    assert m.points.data["features"] == []
    assert m.zoom == 1
    session.close()


def test_altair_and_vega_lite_specs_go_to_the_pages_renderer() -> None:
    session = start(
        """
        import jupyst as st, pandas as pd, altair as alt
        df = pd.DataFrame({"x": [1, 2], "y": [3, 4]})
        st.altair_chart(alt.Chart(df).mark_line().encode(x="x", y="y"), width=400)
        st.vega_lite_chart(df, {"mark": "bar", "encoding": {"x": {"field": "x"}, "y": {"field": "y"}}}, height=200)
        event = st.vega_lite_chart({"mark": "point"}, on_select="rerun")
        st.text(repr(dict(event)))
        """
    )
    altair_out, vega_out = widget(session, "vega_lite_chart", 0), widget(session, "vega_lite_chart", 1)
    bundle = altair_out.outputs[0]["data"]
    spec = bundle["application/vnd.vegalite.v5+json"]
    assert spec["$schema"].endswith("vega-lite/v5.json")
    assert spec["width"] == 400
    assert spec["mark"]["type"] == "line"
    assert "jupyst-altair_chart" in altair_out._dom_classes
    vega = vega_out.outputs[0]["data"]["application/vnd.vegalite.v5+json"]
    assert vega["data"] == {"values": [{"x": 1, "y": 3}, {"x": 2, "y": 4}]}
    assert vega["height"] == 200
    assert json.loads(find(session, "vega_lite_chart", 1).props["spec"])["mark"] == "bar"
    assert find(session, "text").props["body"] == "{'selection': {}}"
    session.close()


def test_empty_vega_lite_spec_raises_streamlits_error() -> None:
    session = start("import jupyst as st\nst.vega_lite_chart(None, {})\n")
    assert "Vega-Lite charts require a non-empty spec dict." in find(session, "exception").props["message"]
    session.close()


def test_plotly_dict_figure() -> None:
    session = start("import jupyst as st\nst.plotly_chart({'data': [{'type': 'bar', 'y': [1, 2]}]}, height=250)\n")
    out = widget(session, "plotly_chart")
    fig = out.outputs[0]["data"]["application/vnd.plotly.v1+json"]
    assert fig["data"][0]["y"] == [1, 2]
    assert fig["layout"]["height"] == 250
    session.close()
