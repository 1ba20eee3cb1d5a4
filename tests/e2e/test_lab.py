"""The README's example in real JupyterLab: run the %%jupyst cell, move the slider, click.

This is the notebook path a data scientist takes: JupyterLab's own widget manager renders
the app, the kernel reruns the script on each change, and the app's DOM is updated in
place (the title element is the same node before and after, so nothing is rebuilt).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import LOAD_TIMEOUT_MS, save_screenshot
from tests.e2e.lab_server import TOKEN, jupyterlab

pytestmark = pytest.mark.e2e

README = Path(__file__).resolve().parents[2] / "README.md"


def _notebook() -> dict[str, Any]:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    cells = [b for b in blocks if b.startswith(("%load_ext", "%%jupyst"))]
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "cells": [
            {"cell_type": "code", "id": f"c{i}", "metadata": {}, "execution_count": None, "outputs": [], "source": src}
            for i, src in enumerate(cells)
        ],
    }


@pytest.fixture(scope="module")
def lab(e2e_root: Path, server_env: dict[str, str]) -> Iterator[str]:
    pytest.importorskip("jupyterlab")
    root = e2e_root / "lab"
    root.mkdir(exist_ok=True)
    (root / "readme.ipynb").write_text(json.dumps(_notebook()), encoding="utf-8")
    with jupyterlab(root, server_env, e2e_root / "lab.log") as url:
        yield url


def _open_alone(page: Any, lab: str, notebook: str) -> None:
    """Open one notebook in a workspace of its own, reset: JupyterLab otherwise restores the tabs an
    earlier test left open, and "Run All Cells" may then run whichever of them ends up active."""
    workspace = notebook.removesuffix(".ipynb")
    page.goto(f"{lab}/lab/workspaces/{workspace}/tree/{notebook}?reset&token={TOKEN}", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=LOAD_TIMEOUT_MS)
    # the run commands act on the active notebook: make it this one
    page.locator(".jp-Notebook .jp-Cell").first.click()


def test_readme_example_runs_live_in_jupyterlab(lab: str, page: Any) -> None:
    _open_alone(page, lab, "readme.ipynb")
    # the kernel is connected and idle before anything runs
    page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| Idle")).wait_for(timeout=LOAD_TIMEOUT_MS)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    title = page.locator(".jupyst-app .jupyst-title")
    title.wait_for(timeout=LOAD_TIMEOUT_MS)
    assert "Counter" in title.inner_text()
    page.evaluate("window.__jupystTitle = document.querySelector('.jupyst-app .jupyst-title')")
    count = page.locator(".jupyst-app .jupyst-markdown").last
    assert count.inner_text().strip() == "Count: 0"

    page.locator(".jupyst-app .jupyst-slider .noUi-handle").focus()
    page.keyboard.press("ArrowRight")  # step 1 -> 2
    page.wait_for_function(
        "() => document.querySelector('.jupyst-app .jupyst-slider .jupyst-slider-readout').innerText.trim() === '2'",
        timeout=10_000,
    )
    button = page.locator(".jupyst-app .jupyst-button")
    button.click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jupyst-app .jupyst-markdown')].some(e => e.innerText.trim() === 'Count: 2')",
        timeout=20_000,
    )
    button.click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jupyst-app .jupyst-markdown')].some(e => e.innerText.trim() === 'Count: 4')",
        timeout=20_000,
    )
    # updated in place: the title's DOM node survived every rerun (no rebuild, no flicker)
    assert page.evaluate("document.querySelector('.jupyst-app .jupyst-title') === window.__jupystTitle")
    save_screenshot(page, "lab_readme_example")


def test_an_app_whose_kernel_restarted_says_to_run_the_cell_again(lab: str, page: Any, e2e_root: Path) -> None:
    cells = ["%load_ext jupyst", "%%jupyst\nimport streamlit as st\nst.checkbox('still here?')\nst.text('alive')\n"]
    notebook = {
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "cells": [
            {"cell_type": "code", "id": f"r{i}", "metadata": {}, "execution_count": None, "outputs": [], "source": src}
            for i, src in enumerate(cells)
        ],
    }
    (e2e_root / "lab" / "restart.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    _open_alone(page, lab, "restart.ipynb")
    page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| Idle")).wait_for(timeout=LOAD_TIMEOUT_MS)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.locator(".jupyst-app .jupyst-text").wait_for(timeout=LOAD_TIMEOUT_MS)
    notice = "() => getComputedStyle(document.querySelector('.jupyst-app'), '::before').content"
    assert "kernel restarted" not in page.evaluate(notice)

    page.locator(".lm-MenuBar-itemLabel", has_text="Kernel").first.click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Restart Kernel…$")).first.click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.wait_for_function(f"() => ({notice})().includes('kernel restarted: run the cell again')", timeout=30_000)
    # and it stays once the new kernel is up (it has none of the app's models)
    page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| Idle")).wait_for(timeout=LOAD_TIMEOUT_MS)
    page.wait_for_timeout(1000)
    assert "kernel restarted: run the cell again" in page.evaluate(notice)
    # the dead widgets take no input: the notice covers them
    assert page.evaluate("getComputedStyle(document.querySelector('.jupyst-app .jupyst-main-column')).pointerEvents") == "none"
    save_screenshot(page, "lab_kernel_restarted")
