"""Containers that track their state, in Chromium against `jupyst run`: opening a keyed
expander with ``on_change`` and switching a tracked tab rerun the app, which shows ``.open``
and the selected tab; a deferred download makes its file on click.

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

UPDATE_MS = 15_000

APP = """
import streamlit as st
ex = st.expander("Details", key="ex", on_change="rerun")
ex.write("hidden text")
a, b = st.tabs(["Alpha", "Beta"], key="t", on_change="rerun")
b.write("beta body")
st.markdown(f"expander open: {ex.open}; tab: {st.session_state.t}")
st.download_button("Get report", lambda: "made on click", file_name="report.txt")
"""


@pytest.fixture(scope="module")
def server(start_server: Callable[..., JupystServer], tmp_path_factory: pytest.TempPathFactory) -> JupystServer:
    folder: Path = tmp_path_factory.mktemp("state-app")
    (folder / "app.py").write_text(textwrap.dedent(APP), encoding="utf-8")
    return start_server("run", str(folder / "app.py"), name="state")


@pytest.fixture
def page(shared_page: SharedPage, server: JupystServer, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The app, loaded: the page the module's earlier tests used when there is one."""
    with shared_page.turn(server.url, request) as loaded:
        yield loaded


def test_opening_and_switching_rerun_the_app(page: Any) -> None:
    page.get_by_text("expander open: False; tab: Alpha").wait_for(timeout=UPDATE_MS)
    page.get_by_text("Details").click()
    page.get_by_text("expander open: True; tab: Alpha").wait_for(timeout=UPDATE_MS)
    assert page.get_by_text("hidden text").is_visible()
    page.get_by_text("Beta", exact=True).click()
    page.get_by_text("expander open: True; tab: Beta").wait_for(timeout=UPDATE_MS)
    assert page.get_by_text("beta body").is_visible()
    assert not page.recorder.errors


def test_a_callable_download_is_made_on_click(page: Any) -> None:
    link = page.get_by_text("Get report")
    link.wait_for(timeout=UPDATE_MS)
    with page.expect_download(timeout=UPDATE_MS) as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "report.txt"
    assert Path(download.path()).read_text(encoding="utf-8") == "made on click"
