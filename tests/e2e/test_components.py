"""``st.components.v1`` in Chromium against `jupyst run`: the script of ``components.html``
runs in its own frame, and a declared component (a hand-written ``index.html`` speaking
streamlit-component-lib's messages, no npm build) gets its args and sends a value back that
the app shows.

The tests take turns on one loaded page (tests/e2e/shared_page.py): each acts on elements
the others leave alone."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.server import JupystServer
from tests.e2e.shared_page import SharedPage

pytestmark = pytest.mark.e2e

ECHO = Path(__file__).resolve().parents[1] / "fixtures" / "echo_component"
UPDATE_MS = 15_000

APP = f"""
import streamlit as st
import streamlit.components.v1 as components

st.markdown("components app")
components.html(
    "<div id='out'>not run</div>"
    "<script>document.getElementById('out').textContent = 'script ran: ' + (2 + 3);</script>",
    height=60,
)
echo = components.declare_component("echo", path={str(ECHO)!r})
name = st.text_input("Name", "Ada")
value = echo(name=name, default=None, key="echo")
st.markdown(f"component value: {{value}}")
"""


@pytest.fixture(scope="module")
def server(start_server: Callable[..., JupystServer], tmp_path_factory: pytest.TempPathFactory) -> JupystServer:
    folder: Path = tmp_path_factory.mktemp("components-app")
    (folder / "app.py").write_text(textwrap.dedent(APP), encoding="utf-8")
    return start_server("run", str(folder / "app.py"), name="components")


@pytest.fixture
def page(shared_page: SharedPage, server: JupystServer, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The app, loaded: the page the module's earlier tests used when there is one."""
    with shared_page.turn(server.url, request) as loaded:
        yield loaded


def test_components_html_runs_its_script_in_its_own_frame(page: Any) -> None:
    frame = page.frame_locator(".jupyst-iframe iframe").first
    frame.get_by_text("script ran: 5").wait_for(timeout=UPDATE_MS)
    # The script wrote into the frame's document, not the app's.
    assert page.locator(".jupyst-main").get_by_text("script ran: 5").count() == 0
    assert page.locator(".jupyst-iframe iframe").first.get_attribute("sandbox") is not None
    assert not page.recorder.errors


def test_declared_component_gets_args_and_sends_its_value_back(page: Any) -> None:
    page.get_by_text("component value: None").wait_for(timeout=UPDATE_MS)
    component = page.frame_locator(".jupyst-component iframe").first
    component.get_by_text("Hello, Ada!").wait_for(timeout=UPDATE_MS)
    # Its stylesheet came along with the inlined build.
    color = component.locator("#greeting").evaluate("el => getComputedStyle(el).color")
    assert color == "rgb(0, 128, 0)"
    # setFrameHeight sized the frame to the component's document.
    height = page.locator(".jupyst-component iframe").first.evaluate("el => el.getBoundingClientRect().height")
    assert height > 20
    component.locator("#send").click()
    page.get_by_text("component value: {'clicks': 1, 'name': 'Ada'}").wait_for(timeout=UPDATE_MS)
    # New args reach the running component as a render event.
    box = page.get_by_label("Name")
    box.fill("Grace")
    box.press("Enter")
    component.get_by_text("Hello, Grace!").wait_for(timeout=UPDATE_MS)
    component.locator("#send").click()
    page.get_by_text("component value: {'clicks': 2, 'name': 'Grace'}").wait_for(timeout=UPDATE_MS)
    assert not page.recorder.errors
