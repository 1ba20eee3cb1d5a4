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


#: an app with a Material icon in a button's caption and in markdown, and text of every kind
ICON_APP = """%%jupyst
import streamlit as st
st.title("Station log")
st.button("Go home", icon=":material/home:")
st.markdown("Back :material/home: again")
st.header("Readings")
st.markdown("Plain paragraph")
st.caption("A quiet caption")
st.checkbox("Keep the lights on")
st.text_input("Your call sign")
st.metric("Visitors", "1,204", "+3")
"""
#: texts whose colour must read against the background they are drawn on (none of them is also a
#: token of the cell's code, which CodeMirror draws with quotes around strings)
THEMED_TEXTS = ["Station log", "Go home", "Readings", "Plain paragraph", "A quiet caption",
                "Keep the lights on", "Your call sign", "Visitors", "1,204"]


def _use_theme(page: Any, name: str) -> None:
    """Switch JupyterLab's theme from its Settings menu (a user setting, so restore it after)."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Settings").first.click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Theme$")).first.hover()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{name}$")).first.click()
    light = "false" if "Dark" in name else "true"
    page.wait_for_function(f"() => document.body.dataset.jpThemeLight === '{light}'", timeout=30_000)


def test_an_app_in_a_notebook_draws_material_icons_and_reads_in_the_dark_theme(lab: str, page: Any, e2e_root: Path) -> None:
    from jupyst.labserver.icon_font import FONT_FILE, STATIC_DIR
    from tests.visual.measure import first_char, material_icons, measure

    notebook = {
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "cells": [
            {"cell_type": "code", "id": f"i{i}", "metadata": {}, "execution_count": None, "outputs": [], "source": src}
            for i, src in enumerate(["%load_ext jupyst", ICON_APP])
        ],
    }
    (e2e_root / "lab" / "icons.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    _open_alone(page, lab, "icons.ipynb")
    page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| Idle")).wait_for(timeout=LOAD_TIMEOUT_MS)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.locator(".jupyst-app .jupyst-metric").wait_for(timeout=LOAD_TIMEOUT_MS)
    page.evaluate("document.fonts.ready")

    # markdown's icon: a ligature span drawn with the icon font, one glyph about as wide as high
    icons = material_icons(page, "jupyst")
    assert [i["name"] for i in icons] == ["home"]
    assert icons[0]["font"].strip('"') == "Material Symbols Rounded"
    assert icons[0]["loaded"], icons[0]
    assert icons[0]["width"] < 1.5 * icons[0]["height"], icons[0]  # the name in letters is far wider
    # the button's icon: a private-use character in its caption, 1 em wide in the icon font
    # (a fallback font draws it as a box of another width, or nothing)
    char = first_char(page, "Go home", ".jupyst-app")
    assert char is not None
    assert 0xE000 <= char["char"] <= 0xF8FF, char
    assert abs(char["em"] - 1) < 0.1, char
    # the font comes from this Jupyter server (jupyst's server extension), not from the network
    served = page.evaluate("""async () => {
      const r = await fetch('/jupyst/static/material-symbols-rounded.woff2');
      return [r.status, r.headers.get('content-type'), (await r.arrayBuffer()).byteLength];
    }""")
    assert served[:2] == [200, "font/woff2"]
    assert served[2] == (STATIC_DIR / FONT_FILE).stat().st_size
    save_screenshot(page, "lab_icons_light")

    _use_theme(page, "JupyterLab Dark")
    try:
        found = measure(page, "jupyst", THEMED_TEXTS)
        assert [t for t in THEMED_TEXTS if not found[t]["visible"]] == []
        # WCAG AA for normal text: every text reads against what it is drawn on
        low = {t: round(m["contrast"], 2) for t, m in found.items() if m["contrast"] < 4.5}
        assert low == {}
        save_screenshot(page, "lab_icons_dark")
    finally:
        _use_theme(page, "JupyterLab Light")
