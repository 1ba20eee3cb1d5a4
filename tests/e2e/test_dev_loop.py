"""`jupyst run app.py --dev`: saving the script reruns the open page in place.

No reload (a marker on ``window`` survives), session state kept, a script that no longer
compiles shows its error in the page, and the save that fixes it brings the app back. A
module the app imports from its folder counts as part of the app.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import open_app
from tests.e2e.server import JupystServer

pytestmark = [pytest.mark.e2e, pytest.mark.isolated_too]

UPDATE_MS = 15_000

APP = '''import streamlit as st
from helper import GREETING

st.session_state.setdefault("count", 0)
if st.button("Add"):
    st.session_state.count += 1
st.text(f"count={st.session_state.count}")
st.text("{version}")
st.text(GREETING)
'''


def write_app(folder: Path, version: str) -> None:
    (folder / "app.py").write_text(APP.replace("{version}", version), encoding="utf-8")


@pytest.fixture
def dev_app(tmp_path: Path) -> Path:
    """A folder of its own for each run: the test edits the app, so a second serving mode
    must not start from the first one's last edit."""
    folder = tmp_path / "dev-app"
    folder.mkdir()
    write_app(folder, "version 1")
    (folder / "helper.py").write_text('GREETING = "hello from helper"\n', encoding="utf-8")
    return folder


def text(page: Any, value: str) -> Any:
    return page.locator(".jupyst-main").get_by_text(value, exact=True)


def test_saving_the_script_reruns_the_page_in_place(
    page: Any, start_server: Callable[..., JupystServer], dev_app: Path
) -> None:
    server = start_server("run", str(dev_app / "app.py"), "--dev", name="dev")
    open_app(page, server)
    add = page.locator(".jupyst-main .jupyst-button", has_text="Add")
    text(page, "version 1").wait_for(timeout=UPDATE_MS)
    add.click()
    text(page, "count=1").wait_for(timeout=UPDATE_MS)
    add.click()
    text(page, "count=2").wait_for(timeout=UPDATE_MS)
    page.evaluate("window.__jupystMarker = 'same page'")

    write_app(dev_app, "version 2")
    text(page, "version 2").wait_for(timeout=UPDATE_MS)
    assert text(page, "count=2").is_visible()

    # A syntax error shows in the page; the last good elements stay until it is fixed.
    (dev_app / "app.py").write_text("import streamlit as st\nst.text('oops'\n", encoding="utf-8")
    error = page.locator(".jupyst-main .jupyst-exception")
    error.wait_for(timeout=UPDATE_MS)
    assert "SyntaxError" in error.inner_text()

    write_app(dev_app, "version 3")
    text(page, "version 3").wait_for(timeout=UPDATE_MS)
    assert page.locator(".jupyst-main .jupyst-exception").count() == 0
    assert text(page, "count=2").is_visible()

    # A module imported from the app's folder is reloaded when it changes.
    (dev_app / "helper.py").write_text('GREETING = "helper changed"\n', encoding="utf-8")
    text(page, "helper changed").wait_for(timeout=UPDATE_MS)
    assert page.evaluate("window.__jupystMarker") == "same page"
    assert page.recorder.errors == []
