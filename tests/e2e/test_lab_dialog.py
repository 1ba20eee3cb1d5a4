"""``st.dialog`` inside real JupyterLab: Esc, the close button and the backdrop dismiss it.

JupyterLab handles keys itself (its command registry sees a keydown on its way up), so the
page template's Esc handler, which a published app has, is absent here: the dialog's own
front end has to take Esc. Checked in a notebook's output, where ``on_dismiss`` counts each
dismissal, a ``dismissible=False`` dialog stays open, and in the app preview beside a script.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import LOAD_TIMEOUT_MS
from tests.e2e.lab_server import TOKEN, jupyterlab

pytestmark = pytest.mark.e2e

APP = """\
import streamlit as st

st.session_state.setdefault("dismissed", 0)

def count():
    st.session_state.dismissed += 1

@st.dialog("Settings", on_dismiss=count)
def settings():
    st.text_input("Name")

@st.dialog("Locked", dismissible=False)
def locked():
    if st.button("Done"):
        st.rerun()

if st.button("Open settings"):
    settings()
if st.button("Open locked"):
    locked()
st.markdown(f"dismissed: {st.session_state.dismissed}")
"""


@pytest.fixture(scope="module")
def lab(e2e_root: Path, server_env: dict[str, str]) -> Iterator[str]:
    pytest.importorskip("jupyterlab")
    root = e2e_root / "lab-dialog"
    root.mkdir(exist_ok=True)
    cells = ["%load_ext jupyst", "%%jupyst\n" + APP]
    notebook = {
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "cells": [
            {"cell_type": "code", "id": f"d{i}", "metadata": {}, "execution_count": None, "outputs": [], "source": src}
            for i, src in enumerate(cells)
        ],
    }
    (root / "dialog.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    (root / "dialog_app.py").write_text(APP, encoding="utf-8")
    with jupyterlab(root, server_env, e2e_root / "lab-dialog.log") as url:
        yield url


def _dismissed(scope: Any, n: int) -> None:
    scope.locator(".jupyst-app .jupyst-markdown", has_text=f"dismissed: {n}").wait_for(timeout=20_000)


def _open(scope: Any, label: str) -> Any:
    scope.locator(".jupyst-app button", has_text=label).click()
    panel = scope.locator(".jupyst-app .jupyst-dialog .jupyst-dialog-panel")
    panel.wait_for(state="visible", timeout=20_000)
    return panel


def _closed(scope: Any) -> None:
    scope.locator(".jupyst-app .jupyst-dialog .jupyst-dialog-panel").wait_for(state="hidden", timeout=20_000)


def _click_backdrop(page: Any) -> None:
    """Click the backdrop near its lower left corner, away from the panel. In a notebook the
    backdrop covers the notebook's panel (JupyterLab's panels contain fixed boxes), not Lab's
    side bars: a click there is outside the document."""
    box = page.locator(".jupyst-app .jupyst-dialog .jupyst-dialog-backdrop").bounding_box()
    assert box is not None
    assert box["width"] > 600
    page.mouse.click(box["x"] + 10, box["y"] + box["height"] - 20)


def _dismiss_each_way(page: Any, scope: Any) -> None:
    """Esc, the close button, the backdrop; each counted by ``on_dismiss``. Then a locked one."""
    _open(scope, "Open settings")
    page.keyboard.press("Escape")
    _closed(scope)
    _dismissed(scope, 1)
    panel = _open(scope, "Open settings")
    # Esc while typing in the dialog's own field closes it as well
    panel.locator("input[type=text]").click()
    page.keyboard.press("Escape")
    _closed(scope)
    _dismissed(scope, 2)
    panel = _open(scope, "Open settings")
    panel.locator(".jupyst-dialog-close").click()
    _closed(scope)
    _dismissed(scope, 3)
    _open(scope, "Open settings")
    _click_backdrop(page)
    _closed(scope)
    _dismissed(scope, 4)

    panel = _open(scope, "Open locked")
    assert not panel.locator(".jupyst-dialog-close").is_visible()
    page.keyboard.press("Escape")
    _click_backdrop(page)
    page.wait_for_timeout(500)  # a dismissal would hide it within a round trip
    assert panel.is_visible()
    panel.locator("button", has_text="Done").click()
    _closed(scope)
    _dismissed(scope, 4)


def test_a_dialog_in_a_notebook_closes_with_esc_close_button_and_backdrop(lab: str, page: Any) -> None:
    page.goto(f"{lab}/lab/workspaces/dialog/tree/dialog.ipynb?reset&token={TOKEN}", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=LOAD_TIMEOUT_MS)
    page.locator(".jp-Notebook .jp-Cell").first.click()
    page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| Idle")).wait_for(timeout=LOAD_TIMEOUT_MS)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    _dismissed(page, 0)
    _dismiss_each_way(page, page)


def test_a_dialog_in_the_app_preview_closes_the_same_ways(lab: str, page: Any) -> None:
    page.goto(f"{lab}/lab/workspaces/dialog-preview/tree/dialog_app.py?reset&token={TOKEN}", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector(".jp-FileEditor .cm-content", timeout=LOAD_TIMEOUT_MS)
    page.locator(".jp-Toolbar .jupyst-PreviewButton").first.click()
    page.wait_for_selector(".jupyst-Preview iframe", timeout=LOAD_TIMEOUT_MS)
    frame = page.frame_locator(".jupyst-Preview iframe")
    _dismissed(frame, 0)
    # the backdrop click lands inside the preview: its left edge
    box = page.locator(".jupyst-Preview iframe").bounding_box()
    assert box is not None
    _open(frame, "Open settings")
    page.keyboard.press("Escape")
    _closed(frame)
    _dismissed(frame, 1)
    panel = _open(frame, "Open settings")
    panel.locator(".jupyst-dialog-close").click()
    _closed(frame)
    _dismissed(frame, 2)
    _open(frame, "Open settings")
    page.mouse.click(box["x"] + 10, box["y"] + box["height"] - 20)
    _closed(frame)
    _dismissed(frame, 3)
