"""`jupyst run notebooks/hello.ipynb`: a notebook with a `%%jupyst` cell, served as is."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.conftest import HELLO_NOTEBOOK, heading_text, only_isolated, open_app
from tests.e2e.server import JupystServer

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
