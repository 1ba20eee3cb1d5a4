"""st.fragment and st.dialog in Chromium against `jupyst run`.

A click inside a fragment redraws only the fragment: a DOM node outside it keeps its identity
(a JS property set on it before the click is still there after) and the full-run counter on
the page stays. ``run_every`` ticks on screen with no visitor action. A dialog opens, takes
input and closes by its button, its close button, the backdrop and Esc.

The tests take turns on one loaded page per serving mode (tests/e2e/shared_page.py), in the
order of this file: the dismissals come before the save, so that they still find nothing saved.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import save_screenshot
from tests.e2e.server import JupystServer
from tests.e2e.shared_page import SharedPage

pytestmark = [pytest.mark.e2e, pytest.mark.isolated_too]

APP = """
import streamlit as st
st.session_state.full = st.session_state.get("full", 0) + 1
st.markdown(f"full runs: {st.session_state.full}")

@st.fragment
def panel():
    st.session_state.frag = st.session_state.get("frag", 0) + 1
    st.button("Inside")
    st.markdown(f"fragment runs: {st.session_state.frag}")

panel()

@st.fragment(run_every=0.5)
def clock():
    st.session_state.ticks = st.session_state.get("ticks", 0) + 1
    st.markdown(f"ticks: {st.session_state.ticks}")

clock()

@st.dialog("Your name")
def ask():
    name = st.text_input("Name")
    if st.button("Save"):
        st.session_state.saved = name
        st.rerun()

if st.button("Open dialog"):
    ask()
st.markdown(f"saved: {st.session_state.get('saved')}")
"""


@pytest.fixture(scope="module")
def server(start_server: Callable[..., JupystServer], tmp_path_factory: pytest.TempPathFactory) -> JupystServer:
    folder: Path = tmp_path_factory.mktemp("fragments-app")
    (folder / "app.py").write_text(textwrap.dedent(APP), encoding="utf-8")
    return start_server("run", str(folder / "app.py"), name="fragments")


@pytest.fixture
def page(shared_page: SharedPage, server: JupystServer, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The app, loaded: the page the module's earlier tests used when there is one."""
    with shared_page.turn(server.url, request) as loaded:
        yield loaded


def text_of(page: Any, prefix: str) -> str:
    return str(page.locator(".jupyst-markdown", has_text=prefix).first.inner_text()).strip()


def test_a_click_in_a_fragment_redraws_only_the_fragment(page: Any) -> None:
    assert text_of(page, "full runs") == "full runs: 1"
    page.evaluate("document.querySelector('.jupyst-markdown').dataset.mark = 'kept'")
    page.locator("button", has_text="Inside").click()
    page.wait_for_function("() => [...document.querySelectorAll('.jupyst-markdown')].some(e => e.innerText.includes('fragment runs: 2'))")
    assert text_of(page, "full runs") == "full runs: 1"
    assert page.evaluate("document.querySelector('.jupyst-markdown').dataset.mark") == "kept"


def test_run_every_ticks_on_screen(page: Any) -> None:
    # three more ticks than when the test began (the page may have been open a while)
    ticks = int(re.sub(r"\D", "", text_of(page, "ticks")))
    page.wait_for_function(
        """(least) => [...document.querySelectorAll('.jupyst-markdown')].some(e => {
          const m = /ticks: (\\d+)/.exec(e.innerText); return m && Number(m[1]) >= least; })""",
        arg=ticks + 3, timeout=30_000,
    )
    assert text_of(page, "full runs") == "full runs: 1"


def open_dialog(page: Any) -> Any:
    page.locator("button", has_text="Open dialog").click()
    dialog = page.locator(".jupyst-dialog")
    dialog.locator(".jupyst-dialog-panel").wait_for(state="visible")
    return dialog


@pytest.mark.parametrize("how", ["close button", "backdrop", "escape"])
def test_a_dialog_is_dismissed(page: Any, how: str) -> None:
    dialog = open_dialog(page)
    if how == "close button":
        dialog.locator(".jupyst-dialog-close").click()
    elif how == "backdrop":
        page.mouse.click(20, 600)  # outside the panel
    else:
        page.keyboard.press("Escape")
    dialog.locator(".jupyst-dialog-panel").wait_for(state="hidden")
    assert text_of(page, "saved") == "saved: None"


def test_a_dialog_opens_takes_input_and_closes(page: Any) -> None:
    dialog = open_dialog(page)
    assert "Your name" in dialog.locator(".jupyst-dialog-title").inner_text()
    page.wait_for_timeout(500)  # let the opening animation end before the picture
    save_screenshot(page, "dialog_open_light")
    field = dialog.locator("input[type=text]")
    field.fill("Ada")
    field.press("Enter")
    dialog.locator("button", has_text="Save").click()
    page.wait_for_function("() => [...document.querySelectorAll('.jupyst-markdown')].some(e => e.innerText.includes('saved: Ada'))")
    page.locator(".jupyst-dialog").wait_for(state="detached")
