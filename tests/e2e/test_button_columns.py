"""Button columns of st.dataframe in a real browser: a click reruns the app with the clicked row
(its position in the script's data, whatever the grid's sort) and label in session state, after
the column's callback, for that run only; a cell holding several labels opens a menu of them;
a column without a key draws its buttons and sends nothing.

The tests take turns on one loaded page (tests/e2e/shared_page.py)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.server import JupystServer
from tests.e2e.shared_page import SharedPage

pytestmark = pytest.mark.e2e

UPDATE_MS = 20_000

APP = '''
import pandas as pd
import streamlit as st

people = pd.DataFrame({
    "name": ["Ada", "Bob", "Cy"],
    "open": [":material/visibility: View", "View", None],
    "more": [["Edit", "Delete"], ["Edit"], ["Edit", "Archive", "Delete"]],
    "plain": ["Look", "Look", "Look"],
})

def opened():
    click = st.session_state.open_click
    st.session_state.callbacks = st.session_state.get("callbacks", []) + [click.row]

st.dataframe(people, hide_index=True, column_config={
    "open": st.column_config.ButtonColumn("Open", type="primary", on_click=opened, key="open_click"),
    "more": st.column_config.ButtonColumn("More", key="more_click"),
    "plain": st.column_config.ButtonColumn("Plain", type="tertiary"),
})
click = st.session_state.open_click
st.text(f"open: {None if click is None else (click.row, click.label)}")
more = st.session_state.more_click
st.text(f"more: {None if more is None else (more['row'], more['label'])}")
st.text(f"callbacks: {st.session_state.get('callbacks', [])}")
st.session_state.runs = st.session_state.get("runs", 0) + 1
st.text(f"runs: {st.session_state.runs}")
st.button("Something else")
'''


@pytest.fixture(scope="module")
def button_server(start_server: Callable[..., JupystServer], e2e_root: Path) -> JupystServer:
    app = e2e_root / "button_columns_app.py"
    app.write_text(textwrap.dedent(APP), encoding="utf-8")
    return start_server("run", str(app), name="button-columns")


@pytest.fixture
def page(shared_page: SharedPage, button_server: JupystServer, request: pytest.FixtureRequest) -> Iterator[Any]:
    with shared_page.turn(button_server.url, request) as loaded:
        yield loaded


def shown(page: Any, prefix: str) -> str:
    return str(page.locator(".jupyst-main .jupyst-text", has_text=prefix).first.inner_text())


def wait_shown(page: Any, text: str) -> None:
    page.locator(".jupyst-main .jupyst-text", has_text=text).first.wait_for(timeout=UPDATE_MS)


def row_of(page: Any, name: str) -> Any:
    return page.locator(".jupyst-dataframe .jg-body .jg-row", has=page.locator(".jg-cell", has_text=name))


def runs(page: Any) -> int:
    return int(shown(page, "runs:").split(":")[1])


def test_a_click_gives_the_row_of_the_data_and_resets_after_one_run(page: Any) -> None:
    grid = page.locator(".jupyst-main .jupyst-dataframe").first
    grid.locator(".jg-body .jg-row").first.wait_for(timeout=UPDATE_MS)
    # Sort by name, descending: Bob is drawn second, and is still row 1 of the data.
    grid.locator(".jg-hcell", has_text="name").click()
    grid.locator(".jg-hcell", has_text="name").click()
    page.wait_for_function(
        "() => { const c = document.querySelector('.jupyst-dataframe .jg-body .jg-row:not(.jg-loading) .jg-cell');"
        " return c && c.textContent === 'Cy'; }",
        timeout=UPDATE_MS,
    )
    # A row whose cell is empty has no button.
    assert row_of(page, "Cy").locator(".jg-action-primary").count() == 0
    view = row_of(page, "Bob").locator(".jg-action-primary")
    assert view.inner_text().strip() == "View"
    view.click()
    wait_shown(page, "open: (1, 'View')")
    assert shown(page, "callbacks:") == "callbacks: [1]"
    # An icon label: the icon is drawn by the icon font, the label sent whole.
    ada = row_of(page, "Ada").locator(".jg-action-primary")
    assert ada.locator(".jupyst-material").inner_text() == "visibility"
    ada.click()
    wait_shown(page, "open: (0, ':material/visibility: View')")
    assert shown(page, "callbacks:") == "callbacks: [1, 0]"
    # The same button twice is two clicks.
    before = runs(page)
    ada.click()
    page.wait_for_function(
        f"() => [...document.querySelectorAll('.jupyst-main .jupyst-text')].some(e => e.textContent.trim() === 'runs: {before + 1}')",
        timeout=UPDATE_MS,
    )
    assert shown(page, "callbacks:") == "callbacks: [1, 0, 0]"
    # The next run of something else sees no click.
    page.get_by_role("button", name="Something else").click()
    wait_shown(page, "open: None")
    assert shown(page, "callbacks:") == "callbacks: [1, 0, 0]"
    assert page.recorder.errors == []


def test_a_cell_of_several_labels_opens_a_menu_of_them(page: Any) -> None:
    row_of(page, "Ada").first.wait_for(timeout=UPDATE_MS)
    # One label: a plain button; several: a menu button.
    single = row_of(page, "Bob").locator(".jg-kind-button .jg-action-secondary")
    assert single.inner_text().strip() == "Edit"
    opener = row_of(page, "Cy").locator(".jg-action[aria-haspopup='menu']")
    opener.click()
    items = page.get_by_role("menuitem")
    items.first.wait_for(timeout=UPDATE_MS)
    assert [t.strip() for t in items.all_inner_texts()] == ["Edit", "Archive", "Delete"]
    # Escape closes the menu and sends nothing.
    before = runs(page)
    page.keyboard.press("Escape")
    page.get_by_role("menu").wait_for(state="detached", timeout=UPDATE_MS)
    opener.click()
    page.get_by_role("menuitem", name="Archive").click()
    wait_shown(page, "more: (2, 'Archive')")
    assert runs(page) == before + 1
    assert page.get_by_role("menu").count() == 0
    single.click()
    wait_shown(page, "more: (1, 'Edit')")
    assert page.recorder.errors == []


def test_a_column_without_a_key_sends_nothing(page: Any) -> None:
    row_of(page, "Ada").first.wait_for(timeout=UPDATE_MS)
    before = runs(page)
    plain = row_of(page, "Ada").locator(".jg-action-tertiary")
    assert plain.inner_text().strip() == "Look"
    plain.click()
    # A click the kernel took would rerun the app before the keyed click that follows: that
    # click's run would then be the second.
    row_of(page, "Bob").locator(".jg-action-primary").click()
    wait_shown(page, "open: (1, 'View')")
    assert runs(page) == before + 1
    assert page.recorder.errors == []
