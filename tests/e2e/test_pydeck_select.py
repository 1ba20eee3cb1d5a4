"""A pydeck chart's selections in Chromium against `jupyst run`: clicks on the objects of a
layer select them as Streamlit's chart does (multi-object: add, remove, clear by a click on no
object) and the script gets the PydeckState. The chart is pydeck's own page; its basemap and
CDN stylesheets are not needed (no map provider), so their failed requests change nothing."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any, Callable

import pytest

from tests.e2e.conftest import open_app
from tests.e2e.server import JupystServer

pytestmark = pytest.mark.e2e

UPDATE_MS = 20_000

APP = """
import streamlit as st
import pydeck as pdk
# Two dots 150 px left and right of the chart's centre (an orthographic view: a unit is a pixel).
dots = [{"x": -150, "y": 0, "name": "west"}, {"x": 150, "y": 0, "name": "east"}]
layer = pdk.Layer("ScatterplotLayer", data=dots, id="dots", get_position="[x, y]", get_radius=40, radius_units="pixels", get_fill_color=[255, 0, 0])
view = pdk.View(type="OrthographicView", controller=False)
deck = pdk.Deck(layers=[layer], views=[view], initial_view_state=pdk.ViewState(target=[0, 0, 0], zoom=0), map_provider=None, map_style=None)
event = st.pydeck_chart(deck, on_select="rerun", selection_mode="multi-object", height=400, key="deck")
st.markdown(f"deck: {event.selection.indices} {[o['name'] for o in event.selection.objects.get('dots', [])]}")
"""


@pytest.fixture(scope="module")
def server(start_server: Callable[..., JupystServer], tmp_path_factory: pytest.TempPathFactory) -> JupystServer:
    folder: Path = tmp_path_factory.mktemp("pydeck-app")
    (folder / "app.py").write_text(textwrap.dedent(APP), encoding="utf-8")
    return start_server("run", str(folder / "app.py"), name="pydeck")


def _click_dot(page: Any, dx: int, expected: str) -> None:
    """Click the chart ``dx`` px right of its centre until the page's own record of the
    selection (set by the chart's frame before any rerun) is ``expected``: the page's deck
    may not pick on its first frames, and the record's first value ("{}") comes from the
    kernel's render message, not from a click."""
    frame = page.frame_locator(".jupyst-pydeck_chart iframe")
    record = "document.documentElement.dataset.jupystSelection || null"
    for _ in range(5):
        box = page.locator(".jupyst-pydeck_chart iframe").bounding_box()  # where it is now
        assert box is not None
        page.mouse.click(box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2)
        try:
            frame.locator("html").evaluate(f"(el, expected) => new Promise((ok, no) => {{ const t0 = Date.now(); (function poll() {{ if (({record}) === expected) ok(); else if (Date.now() - t0 > 3000) no(new Error('missed')); else setTimeout(poll, 50); }})(); }})", expected)
            return
        except Exception:  # the click did not reach an object yet: the page is still starting
            continue
    raise AssertionError("the chart never took the click")


def _deck_text(page: Any, text: str) -> None:
    page.locator(".jupyst-markdown", has_text=text).wait_for(timeout=UPDATE_MS)


def test_a_click_on_a_pydeck_object_selects_it(page: Any, server: JupystServer) -> None:
    open_app(page, server)
    _deck_text(page, "deck: {} []")
    frame = page.frame_locator(".jupyst-pydeck_chart iframe")
    frame.locator("canvas").first.wait_for(timeout=UPDATE_MS)
    _click_dot(page, 150, '{"dots":[1]}')
    _deck_text(page, "deck: {'dots': [1]} ['east']")
    _click_dot(page, -150, '{"dots":[1,0]}')  # multi-object: the west dot joins
    _deck_text(page, "deck: {'dots': [1, 0]} ['east', 'west']")
    _click_dot(page, 150, '{"dots":[0]}')  # a second click on the east dot removes it
    _deck_text(page, "deck: {'dots': [0]} ['west']")
    _click_dot(page, 0, '{}')  # a click on no object clears the selection
    _deck_text(page, "deck: {} []")
