"""200 visitors come and go in shared mode: the server's memory returns near its baseline.

Each cycle is a whole visit over the real protocol (the page GET, the websocket, the widget
states, one slider round trip) ended by the unload beacon. The widgets themselves are
counted in tests/unit/test_shared_kernel.py (same cycles, in process); here it is the
server process's resident memory and thread count.
"""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from tests.e2e.server import JupystServer
from tests.e2e.widget_client import PageClient

pytestmark = pytest.mark.e2e

APP = '''import streamlit as st

st.title("Leak check")
n = st.slider("n", 0, 100, 5)
st.text(f"n={n}")
with st.sidebar:
    st.selectbox("pick", ["a", "b", "c"])
st.dataframe({"x": list(range(50))})
'''
CYCLES = 200
#: RSS a server may keep after CYCLES visits (allocator pools, caches): far below a visitor each
ALLOWED_GROWTH_MIB = 20.0


@pytest.fixture(scope="module")
def leak_server(tmp_path_factory: pytest.TempPathFactory, server_env: dict[str, str], e2e_root: Path) -> Iterator[JupystServer]:
    app = tmp_path_factory.mktemp("leak-app") / "app.py"
    app.write_text(APP, encoding="utf-8")
    server = JupystServer(["run", str(app), "--shared"], server_env, app.parent, e2e_root / "leak.log")
    server.start()
    yield server
    server.stop()


def visit(url: str) -> None:
    client = PageClient(url).open()
    (slider,) = client.models("jupyst-slider-input")
    client.set_value(slider, 6)
    client.wait_shows("n=6")
    beacon = urllib.request.Request(
        f"{url}voila/api/shutdown/{client.kernel_id}", data=b"_xsrf=t", method="POST",
        headers={"Cookie": "_xsrf=t", "Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(beacon, timeout=30) as response:
        assert response.status == 204
    client.close()


def settle(server: JupystServer) -> None:
    """Let the last sessions' closing finish (it runs on worker threads, after the beacon)."""
    time.sleep(2.0)


def test_memory_returns_near_baseline_after_many_visits(leak_server: JupystServer) -> None:
    assert leak_server._proc is not None
    process = psutil.Process(leak_server._proc.pid)
    for _ in range(10):  # imports, the first compile, allocator warm-up
        visit(leak_server.url)
    settle(leak_server)
    baseline = process.memory_info().rss / 2**20
    threads = process.num_threads()
    for _ in range(CYCLES):
        visit(leak_server.url)
    settle(leak_server)
    after = process.memory_info().rss / 2**20
    assert after - baseline < ALLOWED_GROWTH_MIB
    assert process.num_threads() <= threads + 2
