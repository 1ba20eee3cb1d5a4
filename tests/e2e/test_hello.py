"""`jupyst hello` in a real browser: the page loads as an app and every kind of widget
round-trips through the kernel (key press or click → rerun → new text on screen).

The tests take turns on one loaded page per serving mode (tests/e2e/shared_page.py): each acts
on widgets the others leave alone, and the last one closes the tab."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.conftest import heading_text, kernel_id, save_screenshot
from tests.e2e.server import JupystServer
from tests.e2e.shared_page import SharedPage

pytestmark = [pytest.mark.e2e, pytest.mark.isolated_too]

#: how long a rerun may take to show (generous: 2 shared cores, a browser and kernels)
UPDATE_MS = 15_000


@pytest.fixture
def page(shared_page: SharedPage, hello_server: JupystServer, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The hello app, loaded: the page the module's earlier tests used when there is one."""
    with shared_page.turn(hello_server.url, request) as loaded:
        yield loaded


def main_text(page: Any, text: str) -> Any:
    """An element of the main column whose whole text is ``text`` ("1" must not match "10")."""
    return page.locator(".jupyst-main").get_by_text(text, exact=True)


def test_hello_loads_as_an_app(page: Any) -> None:
    title = page.locator(".jupyst-main .jupyst-title")
    assert heading_text(title) == "Hello, jupyst!"
    # st.set_page_config(page_title=..., layout="wide") reached the page.
    page.wait_for_function("document.title === 'jupyst hello'", timeout=UPDATE_MS)
    icon = page.evaluate("document.querySelector(\"link[rel='icon']\").href")
    assert icon.startswith("data:image/svg+xml")
    assert "%F0%9F%91%8B" in icon
    assert "jupyst-layout-wide" in (page.locator(".jupyst-app").get_attribute("class") or "")
    # No notebook chrome and no source code on the page.
    assert page.locator(".jp-InputArea:visible, .jp-InputPrompt:visible, .jp-OutputPrompt:visible").count() == 0
    assert "run_path" not in page.content()
    # The loader is gone once the app is on screen.
    page.wait_for_selector("#jupyst-loading", state="detached", timeout=UPDATE_MS)
    # A published app makes the browser call nobody but its own server.
    assert page.recorder.external == []
    assert page.recorder.errors == []


def test_slider_arrow_key_updates_dependent_text(page: Any) -> None:
    handle = page.locator(".jupyst-main .jupyst-slider .noUi-handle").first
    main_text(page, "square = 625").wait_for(timeout=UPDATE_MS)
    handle.focus()
    handle.press("ArrowRight")
    main_text(page, "square = 676").wait_for(timeout=UPDATE_MS)
    assert handle.get_attribute("aria-valuenow") in ("26", "26.0")
    # Presses in a row: the last value wins, whatever reruns were cut short on the way.
    for _ in range(4):
        handle.press("ArrowRight")
    main_text(page, "square = 900").wait_for(timeout=UPDATE_MS)


def test_button_click_increments_counter(page: Any) -> None:
    button = page.locator(".jupyst-main .jupyst-button", has_text="Click me")
    main_text(page, "Clicked 0 times").wait_for(timeout=UPDATE_MS)
    button.click()
    main_text(page, "Clicked 1 times").wait_for(timeout=UPDATE_MS)
    button.click()
    main_text(page, "Clicked 2 times").wait_for(timeout=UPDATE_MS)


def test_text_input_enter_updates_text(page: Any) -> None:
    box = page.locator(".jupyst-main .jupyst-text_input", has_text="Type a word").locator("input")
    main_text(page, "reversed: tsypuj").wait_for(timeout=UPDATE_MS)
    box.fill("voila")
    box.press("Enter")
    main_text(page, "reversed: aliov").wait_for(timeout=UPDATE_MS)


def test_sidebar_shows_its_widgets(page: Any) -> None:
    sidebar = page.locator(".jupyst-app .jupyst-sidebar")
    sidebar.wait_for(state="visible", timeout=UPDATE_MS)
    assert heading_text(sidebar.locator(".jupyst-header")) == "Settings"
    for kind in ("text_input", "radio", "checkbox"):
        assert sidebar.locator(f".jupyst-{kind}").is_visible(), kind
    box = sidebar.bounding_box()
    main = page.locator(".jupyst-main").bounding_box()
    assert box is not None
    assert main is not None
    assert box["x"] + box["width"] <= main["x"]
    # A sidebar widget reruns the app too: the greeting in the main column follows the name.
    name = sidebar.locator(".jupyst-text_input input")
    name.fill("Ada")
    name.press("Enter")
    page.locator(".jupyst-main .jupyst-markdown strong", has_text="Ada").wait_for(timeout=UPDATE_MS)


def test_closed_tab_shuts_its_kernel_down(page: Any, hello_server: JupystServer) -> None:
    """voila#1458: the template sets the `_xsrf` cookie Voilà's unload beacon needs."""
    kernel = kernel_id(page)
    assert hello_server.status(f"/api/kernels/{kernel}") == 200
    cookie_names = [c["name"] for c in page.context.cookies()]
    assert "_xsrf" in cookie_names
    save_screenshot(page, "test_closed_tab_shuts_its_kernel_down")  # the fixture cannot: closed
    page.close(run_before_unload=True)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and hello_server.status(f"/api/kernels/{kernel}") != 404:
        time.sleep(0.2)
    assert hello_server.status(f"/api/kernels/{kernel}") == 404
