"""jupyst's lean page front end (`jupyst run --frontend lean`), in shared mode: the app loads
without Voilà's JupyterLab application (from the widget states the server wrote into the
page, without asking for them on the socket), a slider change goes to the server and its
rerun comes back, a bqplot chart and an anywidget-based widget (the data grid) draw, and the
page logs no error. What the app changes between sending the page and the page's socket
connecting reaches the page (read on the socket, without a browser)."""

from __future__ import annotations

import contextlib
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import open_app
from tests.e2e.server import JupystServer
from tests.e2e.widget_client import PageClient, http_get

pytestmark = pytest.mark.e2e

APP = """import pandas as pd
import streamlit as st

st.title("Lean")
n = st.slider("n", 0, 10, 3)
st.text(f"n is {n}")
st.line_chart(pd.DataFrame({"a": [1, 3, 2, 4], "b": [2, 1, 4, 3]}))
st.dataframe(pd.DataFrame({"city": ["Oslo", "Lima"], "people": [709000, 10000000]}))
"""


@contextlib.contextmanager
def lean_app_server(e2e_root: Path, server_env: dict[str, str], name: str, source: str) -> Iterator[JupystServer]:
    """``jupyst run NAME.py --shared --frontend lean`` serving ``source``, in a folder of its own."""
    folder = e2e_root / name
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.py").write_text(source, encoding="utf-8")
    server = JupystServer(["run", f"{name}.py", "--shared", "--frontend", "lean"], server_env, folder, e2e_root / f"{name}.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def lean_server(e2e_root: Path, server_env: dict[str, str]) -> Iterator[JupystServer]:
    with lean_app_server(e2e_root, server_env, "lean_page", APP) as server:
        yield server


def test_lean_page_runs_the_app_without_voila_front_end(lean_server: JupystServer, page: Any) -> None:
    messages: list[str] = []
    page.on("console", lambda msg: messages.append(f"{msg.type}: {msg.text}") if msg.type == "error" else None)
    scripts: list[str] = []
    page.on("request", lambda request: scripts.append(request.url) if request.resource_type == "script" else None)
    sent: list[str] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(str(payload))))
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
    # The widgets came from the states in the page, read by boot.js once the page was whole
    # (the marks the front end leaves in the performance timeline; page.js evaluates as soon
    # as it has arrived, before or after); the page never asked for them on its socket.
    marks = dict(page.evaluate("() => performance.getEntriesByType('mark').map(m => [m.name, m.startTime])"))
    assert marks["jupyst:boot"] <= marks["jupyst:states"] <= marks["jupyst:widgets"] <= marks["jupyst:drawn"], marks
    assert marks["jupyst:widget-code"] <= marks["jupyst:widgets"], marks
    assert sent, "the page sent nothing on its socket"
    assert not [frame for frame in sent if "request_states" in frame], sent
    assert page.recorder.errors == []
    assert messages == []


TICKING_APP = """import streamlit as st

st.session_state.setdefault("ticks", 0)


@st.fragment(run_every=0.2)
def ticking():
    st.session_state.ticks += 1
    st.text(f"tick={st.session_state.ticks}")


ticking()
"""
PAGE_STATES = re.compile(r'<script id="jupyst-widget-states" type="application/vnd.jupyst.widget-states\+json">(.*?)</script>', re.S)
TICK = re.compile(r"tick=(\d+)")


@pytest.fixture(scope="module")
def ticking_server(e2e_root: Path, server_env: dict[str, str]) -> Iterator[JupystServer]:
    with lean_app_server(e2e_root, server_env, "lean_page_ticking", TICKING_APP) as server:
        yield server


def ticks_in(states: dict[str, Any]) -> list[int]:
    return [int(m.group(1)) for state in states.values() if isinstance(state.get("value"), str) for m in TICK.finditer(state["value"])]


def test_page_states_then_every_change_since_on_the_socket(ticking_server: JupystServer) -> None:
    """The page's HTML holds the widget states of its first run; what the app changed before the
    page's socket connected arrives on it, every change in order, without asking for states."""
    status, _, body = http_get(ticking_server.url)
    assert status == 200
    match = PAGE_STATES.search(body.decode("utf-8"))
    assert match, "no widget states in the page"
    written = json.loads(match.group(1))
    assert written["method"] == "update_states"
    (first,) = ticks_in({mid: entry["state"] for mid, entry in written["states"].items()})

    client = PageClient(ticking_server.url)
    client.kernel_id = PageClient.kernel_id_of(body)
    time.sleep(1.5)  # the fragment reruns every 0.2 s meanwhile, with no socket to send to
    try:
        client.connect()
        client.drain(1.0)
    finally:
        client.close()
    seen = [
        int(m.group(1))
        for msg in client.messages
        if msg["msg_type"] == "comm_msg" and msg["content"]["data"].get("method") == "update"
        for m in TICK.finditer(str(msg["content"]["data"].get("state", {}).get("value", "")))
    ]
    assert len(seen) >= 5, seen  # about 12 runs in 2.5 s
    assert seen == list(range(first + 1, first + 1 + len(seen))), (first, seen)
    assert not [m for m in client.messages if "request_states" in json.dumps(m["content"])]
