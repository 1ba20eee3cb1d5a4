"""Charts drawn by their own library, in Chromium against `jupyst run`: a Mermaid diagram and an
ECharts chart from the bundles jupyst ships (no network), a Graphviz graph as SVG from dot,
and st.grid laying its cells out in columns.

The tests take turns on one loaded page (tests/e2e/shared_page.py): each acts on elements
the others leave alone."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.server import JupystServer
from tests.e2e.shared_page import SharedPage

pytestmark = pytest.mark.e2e

UPDATE_MS = 20_000

APP = """
import streamlit as st
st.markdown("charts app")
st.mermaid_chart("graph LR\\n  Start --> Finish", alt="two steps")
st.echarts_chart({"xAxis": {"type": "category", "data": ["a", "b", "c"]}, "yAxis": {}, "series": [{"type": "bar", "data": [3, 1, 2]}]}, height=300, renderer="svg")
st.mermaid_chart("graph TD\\n  Only --> Once")
st.graphviz_chart("digraph { kettle -> tea }")
g = st.grid(3)
for name in ("one", "two", "three", "four"):
    g.markdown(f"cell {name}")
"""


@pytest.fixture(scope="module")
def server(start_server: Callable[..., JupystServer], tmp_path_factory: pytest.TempPathFactory) -> JupystServer:
    folder: Path = tmp_path_factory.mktemp("charts-app")
    (folder / "app.py").write_text(textwrap.dedent(APP), encoding="utf-8")
    return start_server("run", str(folder / "app.py"), name="charts")


@pytest.fixture
def page(shared_page: SharedPage, server: JupystServer, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The app, loaded: the page the module's earlier tests used when there is one."""
    with shared_page.turn(server.url, request) as loaded:
        yield loaded


def test_mermaid_and_echarts_draw_from_the_shipped_bundles(page: Any) -> None:
    diagrams = page.locator(".jupyst-mermaid_chart")
    diagrams.nth(1).locator("svg").wait_for(timeout=UPDATE_MS)
    # Each diagram drew its own graph, in its own place.
    first, second = diagrams.nth(0).inner_text(), diagrams.nth(1).inner_text()
    assert "Start" in first
    assert "Finish" in first
    assert "Only" not in first
    assert "Only" in second
    assert "Once" in second
    assert page.locator(".jupyst-mermaid_chart [role=img]").first.get_attribute("aria-label") == "two steps"
    # ECharts drew the three bars as SVG paths, with the category labels.
    chart = page.locator(".jupyst-echarts_chart svg")
    chart.wait_for(timeout=UPDATE_MS)
    assert "b" in (chart.text_content() or "")
    box = page.locator(".jupyst-echarts_chart .jupyst-library-chart-body").bounding_box()
    assert box is not None
    assert round(box["height"]) == 300
    # Everything came from the app's server: no CDN.
    assert not page.recorder.external, page.recorder.external
    assert not page.recorder.errors


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed (make debian)")
def test_graphviz_draws_svg_and_the_grid_has_three_columns(page: Any) -> None:
    graph = page.locator(".jupyst-graphviz_chart svg")
    graph.wait_for(timeout=UPDATE_MS)
    assert "kettle" in (graph.text_content() or "")
    # The diagrams above the grid draw late and push it down: read the four cells' places in one
    # step, once the page has stopped moving, or the cells can be measured across a layout change.
    page.locator(".jupyst-mermaid_chart svg").nth(1).wait_for(timeout=UPDATE_MS)
    page.locator(".jupyst-echarts_chart svg").wait_for(timeout=UPDATE_MS)
    places = page.evaluate(
        """() => ['one', 'two', 'three', 'four'].map((n) => {
            const cell = [...document.querySelectorAll('.jupyst-markdown')].find((e) => e.innerText.trim() === 'cell ' + n);
            const box = cell.getBoundingClientRect();
            return [Math.round(box.x), Math.round(box.y)];
        })"""
    )
    lefts = [x for x, _ in places]
    tops = [y for _, y in places]
    assert tops[0] == tops[1] == tops[2] < tops[3]
    assert lefts[0] < lefts[1] < lefts[2]
    assert lefts[3] == lefts[0]
