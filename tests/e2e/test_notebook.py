"""`jupyst run notebooks/hello.ipynb`: a notebook with a `%%jupyst` cell, served as is."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import HELLO_NOTEBOOK, heading_text, only_isolated, open_app
from tests.e2e.server import JupystServer
from tests.e2e.widget_client import PageClient, http_get

pytestmark = [pytest.mark.e2e, pytest.mark.isolated_too]


@pytest.fixture(scope="module")
def notebook_server(start_server: Callable[..., JupystServer], serving_mode: str) -> JupystServer:
    only_isolated(serving_mode, "a notebook's other cells hold state, so notebooks get a kernel per visitor")
    return start_server("run", str(HELLO_NOTEBOOK), name="notebook")


def test_notebook_app_runs_and_its_file_is_not_served(page: Any, notebook_server: JupystServer) -> None:
    open_app(page, notebook_server)
    main = page.locator(".jupyst-main")
    assert heading_text(main.locator(".jupyst-title")) == "Hello from a notebook"
    assert page.title() == "hello"
    assert page.locator(".jp-InputArea:visible").count() == 0
    # The %%jupyst cell's app is live: a slider press reruns it.
    main.get_by_text("Hello notebook ***", exact=True).wait_for(timeout=15_000)
    handle = main.locator(".jupyst-slider .noUi-handle").first
    handle.focus()
    handle.press("ArrowRight")
    main.get_by_text("Hello notebook ****", exact=True).wait_for(timeout=15_000)
    # The notebook (its source) is not downloadable.
    assert notebook_server.status("/voila/files/hello.ipynb") == 403
    assert notebook_server.status("/hello.ipynb") in (403, 404)


def test_what_a_notebooks_setup_cells_print_stays_in_the_server_log(
    start_server: Callable[..., JupystServer], serving_mode: str, tmp_path: Path
) -> None:
    only_isolated(serving_mode, "notebooks get a kernel per visitor")
    cells = [
        "%load_ext jupyst\nimport sys\nprint('SETUP-SECRET postgres://user:hunter2@db')\nprint('SETUP-ERR-SECRET', file=sys.stderr)",
        "%%jupyst\nimport streamlit as st\nst.title('3 rows')",
    ]
    notebook = {
        "cells": [{"cell_type": "code", "source": source, "metadata": {}, "outputs": [], "execution_count": None} for source in cells],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    (tmp_path / "setup.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    server = start_server("run", str(tmp_path / "setup.ipynb"), cwd=tmp_path, name="notebook-prints")
    status, _, html = http_get(server.url)
    assert status == 200
    assert b"SECRET" not in html
    visitor = PageClient(server.url)
    visitor.kernel_id = PageClient.kernel_id_of(html)
    try:
        visitor.connect().request("kernel_info_request", {})
        visitor.load_states()
        visitor.wait_shows("3 rows", 60)  # the app ran after the setup cell
        assert not any(b"SECRET" in (f if isinstance(f, bytes) else f.encode()) for f in visitor.frames)
    finally:
        visitor.close()
    log = server.log()
    assert "SETUP-SECRET postgres://user:hunter2@db" in log
    assert "SETUP-ERR-SECRET" in log
