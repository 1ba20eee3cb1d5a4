"""jupyst's lean page front end (`jupyst run --frontend lean`), in shared mode: the app loads
without Voilà's JupyterLab application (its first script asking for the widgets before the
widget code has evaluated), a slider change goes to the server and its rerun comes
back, a bqplot chart and an anywidget-based widget (the data grid) draw, and the page logs no
error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import open_app
from tests.e2e.server import JupystServer

pytestmark = pytest.mark.e2e

APP = """import pandas as pd
import streamlit as st

st.title("Lean")
n = st.slider("n", 0, 10, 3)
st.text(f"n is {n}")
st.line_chart(pd.DataFrame({"a": [1, 3, 2, 4], "b": [2, 1, 4, 3]}))
st.dataframe(pd.DataFrame({"city": ["Oslo", "Lima"], "people": [709000, 10000000]}))
"""


@pytest.fixture(scope="module")
def lean_server(e2e_root: Path, server_env: dict[str, str]) -> Iterator[JupystServer]:
    folder = e2e_root / "lean_page"
    folder.mkdir(exist_ok=True)
    (folder / "lean_app.py").write_text(APP, encoding="utf-8")
    server = JupystServer(
        ["run", "lean_app.py", "--shared", "--frontend", "lean"], server_env, folder, e2e_root / "lean-page.log",
    )
    server.start()
    yield server
    server.stop()


def test_lean_page_runs_the_app_without_voila_front_end(lean_server: JupystServer, page: Any) -> None:
    messages: list[str] = []
    page.on("console", lambda msg: messages.append(f"{msg.type}: {msg.text}") if msg.type == "error" else None)
    scripts: list[str] = []
    page.on("request", lambda request: scripts.append(request.url) if request.resource_type == "script" else None)
    open_app(page, lean_server)

    # the slider's change reaches the app and its rerun comes back
    text = page.locator(".jupyst-main .jupyst-text")
    assert text.inner_text().strip() == "n is 3"
    handle = page.locator(".jupyst-main .jupyst-slider .noUi-handle").first
    handle.focus()
    handle.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.jupyst-main .jupyst-text').textContent.trim() === 'n is 4'", timeout=30_000,
    )

    # bqplot (a federated extension) draws one line per column
    page.wait_for_function("() => document.querySelectorAll('.jupyst-line_chart path.line').length >= 2", timeout=60_000)
    # the grid is an anywidget ES module widget
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.jupyst-dataframe .jg-cell')).some(c => c.textContent.trim() === 'Lima')",
        timeout=60_000,
    )

    assert not any("/voila.js" in url or "voila/static" in url for url in scripts), scripts
    assert any(url.split("?")[0].endswith("/static/page/page.js") for url in scripts), scripts
    # boot.js asked for the widget states before the widget code (page.js) had evaluated, and the
    # widgets came from that answer (the marks the front end leaves in the performance timeline).
    marks = dict(page.evaluate("() => performance.getEntriesByType('mark').map(m => [m.name, m.startTime])"))
    assert marks["jupyst:boot"] <= marks["jupyst:widget-code"] <= marks["jupyst:widgets"] <= marks["jupyst:drawn"], marks
    assert marks["jupyst:states"] <= marks["jupyst:widgets"], marks
    assert page.recorder.errors == []
    assert messages == []
