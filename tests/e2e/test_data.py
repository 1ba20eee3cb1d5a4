"""Data elements in a real browser: the grid sorts on a header click and scrolls through rows
that the kernel sends as they come into view; a chart draws its series and points; an image
shows; a data editor edit reaches the script.

The tests take turns on one loaded page (tests/e2e/shared_page.py): each acts on elements
the others leave alone."""

from __future__ import annotations

import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.server import JupystServer
from tests.e2e.shared_page import SharedPage

pytestmark = pytest.mark.e2e

UPDATE_MS = 20_000

APP = '''
import numpy as np
import pandas as pd
import streamlit as st

st.title("Data")
n = 200_000
rng = np.random.default_rng(0)
big = pd.DataFrame({"value": rng.permutation(n), "label": [f"row {i}" for i in range(n)]})
st.dataframe(big, key="big_grid", height=300)

points = pd.DataFrame({"x": np.arange(30), "a": np.arange(30) ** 0.5, "b": np.arange(30) * 0.1, "c": np.ones(30)})
st.line_chart(points, x="x", y=["a", "b", "c"])

image = np.zeros((40, 60, 3), dtype="uint8")
image[:, :30] = (255, 75, 75)
st.image(image, caption="two colours")

import altair as alt
st.altair_chart(alt.Chart(points).mark_circle().encode(x="x", y="a"))
st.map(pd.DataFrame({"lat": [48.85, 48.86, 48.87], "lon": [2.35, 2.34, 2.36]}))

edited = st.data_editor(pd.DataFrame({"name": ["a", "b"], "score": [1, 2]}), key="editor")
st.text(f"total score = {int(edited['score'].sum())}")
'''


@pytest.fixture(scope="module")
def data_server(start_server: Callable[..., JupystServer], e2e_root: Path) -> JupystServer:
    app = e2e_root / "data_app.py"
    app.write_text(textwrap.dedent(APP), encoding="utf-8")
    return start_server("run", str(app), name="data")


def _first_values(page: Any) -> list[str]:
    """The 'value' column of the rows currently drawn in the big grid, top to bottom."""
    return page.evaluate(
        """() => {
            const grid = document.querySelector('.jupyst-main .jupyst-dataframe .jg-root');
            const rows = [...grid.querySelectorAll('.jg-body .jg-row')].filter(r => !r.classList.contains('jg-loading'));
            rows.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
            return rows.map(r => r.querySelectorAll('.jg-cell')[1].textContent);
        }"""
    )


@pytest.fixture
def page(shared_page: SharedPage, data_server: JupystServer, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The app, loaded: the page the module's earlier tests used when there is one."""
    with shared_page.turn(data_server.url, request) as loaded:
        yield loaded


def test_grid_sorts_on_header_click_and_scrolls(page: Any) -> None:
    grid = page.locator(".jupyst-main .jupyst-dataframe").first
    grid.locator(".jg-body .jg-row").first.wait_for(timeout=UPDATE_MS)
    before = _first_values(page)
    assert before
    assert len(before) < 20
    # Sort ascending by "value": the first row becomes 0, then 1, 2, ...
    grid.locator(".jg-hcell", has_text="value").click()
    page.wait_for_function(
        "() => { const c = document.querySelector('.jupyst-dataframe .jg-body .jg-row:not(.jg-loading) .jg-cell:nth-child(2)');"
        " return c && c.textContent === '0'; }",
        timeout=UPDATE_MS,
    )
    assert _first_values(page)[:3] == ["0", "1", "2"]
    assert "▲" in grid.locator(".jg-hcell", has_text="value").inner_text()
    # Click again: descending.
    grid.locator(".jg-hcell", has_text="value").click()
    page.wait_for_function(
        "() => { const c = document.querySelector('.jupyst-dataframe .jg-body .jg-row:not(.jg-loading) .jg-cell:nth-child(2)');"
        " return c && c.textContent === '199999'; }",
        timeout=UPDATE_MS,
    )
    # Scroll far down: rows the browser never had arrive from the kernel.
    scroller = grid.locator(".jg-scroll")
    scroller.evaluate("el => { el.scrollTop = el.scrollHeight / 2; el.dispatchEvent(new Event('scroll')); }")
    page.wait_for_function(
        "() => { const rows = [...document.querySelectorAll('.jupyst-dataframe .jg-body .jg-row')];"
        " return rows.length && rows.every(r => !r.classList.contains('jg-loading'))"
        " && rows.some(r => { const v = Number(r.querySelectorAll('.jg-cell')[1].textContent); return v > 90000 && v < 110000; }); }",
        timeout=UPDATE_MS,
    )
    values = [int(v) for v in _first_values(page)]
    assert values == sorted(values, reverse=True)
    assert page.recorder.errors == []


def test_line_chart_draws_each_series(page: Any) -> None:
    chart = page.locator(".jupyst-main .jupyst-line_chart").first
    chart.wait_for(timeout=UPDATE_MS)
    page.wait_for_function(
        "() => document.querySelectorAll('.jupyst-line_chart g.curve path.line').length >= 3", timeout=UPDATE_MS
    )
    lines = chart.locator("g.curve path.line")
    assert lines.count() == 3
    # Each line has one vertex per point: 30 points -> 29 segments after the first "M".
    for i in range(3):
        d = lines.nth(i).get_attribute("d") or ""
        assert d.count("L") == 29, d[:80]
    legend = chart.locator("text.legendtext").all_text_contents()
    assert sorted(t.strip() for t in legend if t.strip()) == ["a", "b", "c"]


def test_image_is_shown(page: Any) -> None:
    img = page.locator(".jupyst-main .jupyst-image img").first
    img.wait_for(timeout=UPDATE_MS)
    page.wait_for_function("() => { const i = document.querySelector('.jupyst-image img'); return i && i.naturalWidth === 60; }", timeout=UPDATE_MS)
    assert "two colours" in page.locator(".jupyst-main .jupyst-image").inner_text()


def test_altair_chart_and_map_render_offline(page: Any) -> None:
    chart = page.locator(".jupyst-main .jupyst-altair_chart").first
    chart.wait_for(timeout=UPDATE_MS)
    # The page's own Vega-Lite renderer draws it: one mark per point, nothing from a CDN.
    page.wait_for_function("() => document.querySelectorAll('.jupyst-altair_chart .mark-symbol path, .jupyst-altair_chart canvas').length > 0", timeout=UPDATE_MS)
    page.wait_for_function("() => document.querySelectorAll('.jupyst-map .leaflet-interactive').length === 3", timeout=UPDATE_MS)
    assert not [u for u in page.recorder.external if "jsdelivr" in u or "unpkg" in u]


def test_data_editor_edit_reaches_the_script(page: Any) -> None:
    page.locator(".jupyst-main").get_by_text("total score = 3", exact=True).wait_for(timeout=UPDATE_MS)
    editor = page.locator(".jupyst-main .jupyst-data-editor").first
    cell = editor.locator(".jg-body .jg-row").first.locator(".jg-cell.jg-editable").nth(1)
    cell.dblclick()
    field = editor.locator("input.jg-input")
    field.fill("10")
    field.press("Enter")
    page.locator(".jupyst-main").get_by_text("total score = 12", exact=True).wait_for(timeout=UPDATE_MS)
    # A wrong-type edit sent over the comm is refused: the total stays.
    time.sleep(0.2)
    assert page.recorder.errors == []
