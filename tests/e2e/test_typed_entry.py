"""Typing into inputs as a Streamlit user does, in Chromium against `jupyst run` (one server):
the multiselect's fuzzy filter ranks as Streamlit's does, Enter adds a new option where
``accept_new_options`` allows it, a selectbox that takes new options is a combobox, Ctrl+Enter
commits a text area (and submits its form), pills are named by their label, and the grid's
index header shows the ``column_config`` label.

The tests take turns on one loaded page (tests/e2e/shared_page.py): each acts on elements
the others leave alone.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.server import JupystServer
from tests.e2e.shared_page import SharedPage

pytestmark = pytest.mark.e2e

UPDATE_MS = 15_000

APP = """
import pandas as pd
import streamlit as st
langs = st.multiselect("Languages", ["Go", "Haskell", "Python", "Pascal", "TypeScript", "Prolog"],
                       accept_new_options=True, max_selections=4)
st.markdown(f"langs: {langs}")
prefixed = st.multiselect("Prefixed", ["Apple", "Pineapple", "Grape"], filter_mode="prefix")
city = st.selectbox("City", ["Oslo", "Bergen"], accept_new_options=True)
st.markdown(f"city: {city!r}")
note = st.text_area("Note")
st.markdown(f"note: {note!r}")
with st.form("letter"):
    body = st.text_area("Body")
    sent = st.form_submit_button("Post")
st.markdown(f"letter: {body!r} {sent}")
size = st.pills("Size", ["S", "M", "L"])
mode = st.segmented_control("Mode", ["Day", "Night"], selection_mode="multi")
st.markdown(f"pills: {size!r} {mode!r}")
df = pd.DataFrame({"price": [3, 4]}, index=pd.Index(["a", "b"], name="sku"))
st.dataframe(df, column_config={"_index": "Product"})
st.dataframe(df, column_config={"sku": st.column_config.TextColumn("Item code")}, key="named")
"""


@pytest.fixture(scope="module")
def server(start_server: Callable[..., JupystServer], tmp_path_factory: pytest.TempPathFactory) -> JupystServer:
    folder: Path = tmp_path_factory.mktemp("typed-entry")
    (folder / "app.py").write_text(textwrap.dedent(APP), encoding="utf-8")
    return start_server("run", str(folder / "app.py"), name="typed")


def shows(page: Any, text: str) -> None:
    page.get_by_text(text, exact=True).wait_for(timeout=UPDATE_MS)


def listed(page: Any) -> list[str]:
    return [t.strip() for t in page.locator('.jupyst-ms-menu:visible [role="option"]').all_inner_texts()]


@pytest.fixture
def page(shared_page: SharedPage, server: JupystServer, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The app, loaded: the page the module's earlier tests used when there is one."""
    with shared_page.turn(server.url, request) as loaded:
        yield loaded


def test_fuzzy_filter_and_new_options(page: Any) -> None:
    shows(page, "langs: []")
    box = page.get_by_label("Languages", exact=True)
    assert box.get_attribute("placeholder") == "Choose or add options"
    box.click()
    box.press_sequentially("pl")
    # In-order letters, best first: "P" then "l" right after it in Prolog beats the gap in
    # Pascal's "P...l"; Python and Haskell have no "l" after a "p".
    assert listed(page) == ["Select 2 matches", "Prolog", "Pascal", "Add: pl"]
    box.fill("")
    box.press_sequentially("ts")
    assert listed(page)[0] == "TypeScript"  # a word start ("S" after lower case) ranks first
    box.fill("")
    box.press_sequentially("Rust")  # matches nothing: Enter adds it
    assert listed(page) == ["Add: Rust"]
    box.press("Enter")
    shows(page, "langs: ['Rust']")
    box.press_sequentially("rust")  # the same text, case aside: nothing to add
    assert listed(page) == []
    box.fill("")
    box.press_sequentially("go")
    box.press("Enter")  # an option matches: Enter takes it rather than adding "go"
    shows(page, "langs: ['Rust', 'Go']")
    box.press("Escape")  # nothing typed: Escape closes the dropdown
    assert listed(page) == []
    prefixed = page.get_by_label("Prefixed", exact=True)
    prefixed.click()
    prefixed.press_sequentially("ap")
    assert listed(page) == ["Apple"]  # prefix mode: Pineapple and Grape hold "ap" but do not start with it
    assert not page.recorder.errors


def test_selectbox_takes_a_typed_option(page: Any) -> None:
    shows(page, "city: 'Oslo'")
    box = page.get_by_label("City", exact=True)
    assert box.get_attribute("role") == "combobox"
    assert box.input_value() == "Oslo"
    box.click()
    assert listed(page) == ["Oslo", "Bergen"]
    box.press_sequentially("Trondheim")
    assert listed(page) == ["Add: Trondheim"]
    box.press("Enter")
    shows(page, "city: 'Trondheim'")
    assert box.input_value() == "Trondheim"
    box.click()
    box.press_sequentially("berg")
    box.press("ArrowDown")  # the arrows pick the match instead of the typed text
    box.press("Enter")
    shows(page, "city: 'Bergen'")
    assert not page.recorder.errors


def test_ctrl_enter_commits_a_text_area_and_submits_its_form(page: Any) -> None:
    shows(page, "note: ''")
    note = page.get_by_label("Note", exact=True)
    note.fill("first line")
    note.press("Enter")  # a plain Enter is a new line, nothing is sent
    note.press_sequentially("second")
    hint = page.locator(".jupyst-input-hint")
    assert hint.inner_text() == "Press Ctrl+Enter to apply"
    note.press("Control+Enter")
    shows(page, "note: 'first line\\nsecond'")
    assert hint.count() == 0
    assert note.input_value() == "first line\nsecond"
    body = page.get_by_label("Body", exact=True)
    body.fill("Dear all")
    assert hint.inner_text() == "Press Ctrl+Enter to submit form"
    body.press("Meta+Enter")  # the Mac's Cmd+Enter does the same
    shows(page, "letter: 'Dear all' True")
    assert not page.recorder.errors


def test_pills_are_a_group_named_by_their_label(page: Any) -> None:
    shows(page, "pills: None []")
    for label in ("Size", "Mode"):
        group = page.get_by_role("group", name=label, exact=True)
        assert group.count() == 1
        assert page.get_by_label(label, exact=True).get_attribute("role") == "group"
    page.get_by_role("group", name="Size").get_by_role("button", name="M").click()
    shows(page, "pills: 'M' []")


def test_the_index_header_shows_its_column_config_label(page: Any) -> None:
    grids = page.locator(".jg-head")
    grids.nth(1).wait_for(timeout=UPDATE_MS)
    headers = [[t.strip() for t in grids.nth(i).locator(".jg-label").all_inner_texts()] for i in range(2)]
    # "_index" names the index column; so does the index's own name ("sku"), as in Streamlit
    assert headers == [["Product", "price"], ["Item code", "price"]]
