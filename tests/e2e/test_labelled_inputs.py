"""Input widgets as a Streamlit user and a screen reader meet them, in Chromium against
`jupyst run`: the multiselect's dropdown (type to filter, Enter picks, Backspace and the
chip's x remove, the limit's message), every input found by its label (``get_by_label``):
slider handles named and bounded, radio groups and select sliders too; the slider's min and
max under the track; Enter committing a field outside a form and submitting a form (unless
the form says ``enter_to_submit=False``), with Streamlit's hint of what Enter does.

The multiselect and form tests take turns on one loaded page (tests/e2e/shared_page.py); the
label test, which changes the count the form test reads back, loads one of its own.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import open_app
from tests.e2e.server import JupystServer
from tests.e2e.shared_page import SharedPage

pytestmark = pytest.mark.e2e

UPDATE_MS = 15_000

APP = """
import streamlit as st
fruits = st.multiselect("Fruits", ["Apple", "Banana", "Cherry", "Date", "Elderberry"], default=["Banana"], max_selections=3)
st.markdown(f"picked: {fruits}")
count = st.number_input("Count", 0, 10, 3)
level = st.slider("Level", 0, 100, 20)
st.file_uploader("Upload")
st.radio("Choice", ["x", "y"])
st.select_slider("Size", ["S", "M", "L"])
name = st.text_input("Name")
st.markdown(f"values: {count} {level} {name!r}")
with st.form("loud"):
    text = st.text_input("Form text")
    number = st.number_input("Form number", value=1)
    sent = st.form_submit_button("Send")
st.markdown(f"form: {text!r} {number} {sent}")
with st.form("quiet", enter_to_submit=False):
    quiet = st.text_input("Quiet text")
    quiet_sent = st.form_submit_button("Send quietly")
st.markdown(f"quiet: {quiet!r} {quiet_sent}")
"""


@pytest.fixture(scope="module")
def server(start_server: Callable[..., JupystServer], tmp_path_factory: pytest.TempPathFactory) -> JupystServer:
    folder: Path = tmp_path_factory.mktemp("labelled-inputs")
    (folder / "app.py").write_text(textwrap.dedent(APP), encoding="utf-8")
    return start_server("run", str(folder / "app.py"), name="labelled")


def shows(page: Any, text: str) -> None:
    page.get_by_text(text, exact=True).wait_for(timeout=UPDATE_MS)


def listed(page: Any) -> list[str]:
    return [t.strip() for t in page.locator('.jupyst-ms-menu [role="option"]').all_inner_texts()]


@pytest.fixture
def app_page(shared_page: SharedPage, server: JupystServer, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The app, loaded, for the tests that leave the inputs outside the forms as they found them
    (the multiselect aside): the page the module's earlier test used when there is one."""
    with shared_page.turn(server.url, request) as loaded:
        yield loaded


def test_multiselect_filters_picks_and_removes(app_page: Any) -> None:
    page = app_page
    shows(page, "picked: ['Banana']")
    assert page.get_by_text("Fruits", exact=True).is_visible()
    box = page.get_by_label("Fruits", exact=True)
    assert box.get_attribute("role") == "combobox"
    box.click()
    # The chosen one is not offered; Streamlit's "Select all" row leads.
    assert listed(page) == ["Select all", "Apple", "Cherry", "Date", "Elderberry"]
    box.press_sequentially("ERR")  # the letters in order, case aside
    assert listed(page) == ["Select 2 matches", "Cherry", "Elderberry"]
    box.press("ArrowDown")
    box.press("Enter")  # picks the highlighted option
    shows(page, "picked: ['Banana', 'Cherry']")
    assert box.input_value() == ""
    box.press("Backspace")  # on an empty box: the last chip goes
    shows(page, "picked: ['Banana']")
    page.get_by_role("button", name="Remove Banana").click()
    shows(page, "picked: []")
    assert box.get_attribute("placeholder") == "Choose options"
    box.click()
    box.press_sequentially("a")
    # Streamlit's fuzzy ranking: a match at the start first, then the shorter label
    assert listed(page) == ["Select 3 matches", "Apple", "Date", "Banana"]
    box.press("Enter")  # the first row, as in Streamlit: every match, within max_selections
    shows(page, "picked: ['Apple', 'Date', 'Banana']")
    page.get_by_text("You can only select up to 3 options. Remove an option first.").wait_for(timeout=UPDATE_MS)
    assert listed(page) == []
    page.locator('.jupyst-ms-chip', has_text="Banana").get_by_role("button").click()
    shows(page, "picked: ['Apple', 'Date']")
    assert not page.recorder.errors


def test_every_input_is_found_by_its_label(page: Any, server: JupystServer) -> None:
    """A page of its own: it changes the count, which the form test reads back."""
    open_app(page, server)
    shows(page, "values: 3 20 ''")
    named = {label: page.get_by_label(label, exact=True) for label in ("Count", "Level", "Upload", "Choice", "Size", "Name", "Fruits", "Form text", "Form number")}
    assert {label: found.count() for label, found in named.items()} == dict.fromkeys(named, 1)
    handle = named["Level"]
    assert handle.get_attribute("role") == "slider"
    assert [handle.get_attribute(f"aria-value{k}") for k in ("min", "max", "now")] == ["0.0", "100.0", "20.0"]
    assert named["Choice"].get_attribute("role") == "radiogroup"
    assert named["Size"].get_attribute("role") == "slider"
    bounds = page.locator(".jupyst-slider-bounds span").all_inner_texts()
    assert bounds == ["0", "100"]
    # Outside a form, Enter commits what was typed.
    named["Count"].fill("7")
    named["Count"].press("Enter")
    shows(page, "values: 7 20 ''")
    named["Name"].fill("Ada")
    assert page.locator(".jupyst-input-hint").inner_text() == "Press Enter to apply"
    named["Name"].press("Enter")
    shows(page, "values: 7 20 'Ada'")


def test_enter_submits_a_form_unless_it_says_not_to(app_page: Any) -> None:
    page = app_page
    shows(page, "form: '' 1 False")
    page.get_by_label("Form text", exact=True).fill("hello")
    hint = page.locator(".jupyst-input-hint")
    assert hint.inner_text() == "Press Enter to submit form"  # Streamlit's input instructions
    page.get_by_label("Form text", exact=True).press("Enter")
    shows(page, "form: 'hello' 1 True")
    assert hint.count() == 0
    page.get_by_label("Form number", exact=True).fill("5")
    page.get_by_label("Form number", exact=True).press("Enter")
    shows(page, "form: 'hello' 5 True")
    page.get_by_label("Quiet text", exact=True).fill("psst")
    assert hint.count() == 0  # Enter does not submit this form: no hint says it would
    page.get_by_label("Quiet text", exact=True).press("Enter")
    # A rerun from outside the forms: Enter in the quiet form submitted nothing before it.
    page.get_by_label("Name", exact=True).fill("Bo")
    page.get_by_label("Name", exact=True).press("Enter")
    shows(page, "values: 3 20 'Bo'")
    shows(page, "quiet: '' False")
    page.get_by_role("button", name="Send quietly").click()
    shows(page, "quiet: 'psst' True")
