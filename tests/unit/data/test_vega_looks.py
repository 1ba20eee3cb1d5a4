"""Altair and Vega-Lite charts: stretched to their container and drawn on the page's colours."""

from __future__ import annotations

import json

from jupyst.elements.charts.vega import prepare_spec, vega_config
from tests.unit.helpers import find, start


def test_a_single_view_chart_stretches_to_the_container() -> None:
    spec = prepare_spec({"mark": "line", "encoding": {}}, "stretch", "content")
    assert spec["width"] == "container"
    assert prepare_spec({"mark": "line", "width": 300}, "stretch", "content")["width"] == 300
    assert prepare_spec({"mark": "line"}, 250, "content")["width"] == 250
    assert "width" not in prepare_spec({"mark": "line"}, "content", "content")
    # Compound charts keep their own sizing ("container" applies to one view only).
    assert "width" not in prepare_spec({"hconcat": [{"mark": "line"}]}, "stretch", "content")


def test_altair_chart_defaults_to_container_width() -> None:
    session = start(
        "import altair as alt, pandas as pd\nimport jupyst as st\n"
        "st.altair_chart(alt.Chart(pd.DataFrame({'a': [1, 2]})).mark_line().encode(x='a', y='a'))\n",
        timeout=60,  # altair's first import is slow on a busy machine
    )
    spec = json.loads(find(session, "vega_lite_chart").props["spec"])
    assert spec["width"] == "container"
    # The page's background shows through in light and dark themes.
    assert spec["config"]["background"] == "transparent"
    session.close()


def test_theme_colours_reach_axes_and_legend_without_overriding_the_spec() -> None:
    config = vega_config({"text": "#fafafa", "font": "serif"})
    assert config["axis"]["labelColor"] == "#fafafa"
    assert config["legend"]["labelColor"] == "#fafafa"
    assert config["font"] == "serif"
    spec = prepare_spec({"mark": "bar", "config": {"axis": {"labelColor": "red"}}}, "stretch", "content", {"text": "#fafafa"})
    assert spec["config"]["axis"]["labelColor"] == "red"
    assert spec["config"]["axis"]["titleColor"] == "#fafafa"
