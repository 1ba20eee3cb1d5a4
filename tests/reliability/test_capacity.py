"""A published app under requests that will not become visitors, and under more visitors
than it takes: kernels are started only for the app's routes, reclaimed when their page never
connects, and a full server answers 503 with ``Retry-After`` instead of starting another.

Each scenario is bounded (a fixed number of requests, a deadline on every wait) and stops
its server at the end.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import psutil
import pytest

from tests.e2e.server import JupystServer, private_env

pytestmark = pytest.mark.reliability

APP = """import streamlit as st
n = st.slider("n", 0, 10, 2)
st.text(f"n squared is {n * n}")
"""
MAX_KERNELS = 2
#: longest any scenario waits for the server to settle
SETTLE = 90.0


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupystServer]:
    root = tmp_path_factory.mktemp("capacity")
    (root / "app.py").write_text(APP, encoding="utf-8")
    # Kernel processes are isolated mode's cost (shared mode's capacity is tested in tests/e2e).
    args = ["run", str(root / "app.py"), "--isolated", "--max-kernels", str(MAX_KERNELS)]
    srv = JupystServer(args, private_env(root / "env"), root, root / "server.log")
    srv.start()
    yield srv
    srv.stop()


def kernels(server: JupystServer) -> int:
    """The server's kernel processes right now."""
    proc = server._proc
    assert proc is not None
    try:
        children = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return 0
    count = 0
    for child in children:
        try:
            if "ipykernel_launcher" in " ".join(child.cmdline()):
                count += 1
        except psutil.Error:
            pass
    return count


def wait_kernels(server: JupystServer, wanted: int) -> int:
    deadline = time.monotonic() + SETTLE
    while (count := kernels(server)) != wanted and time.monotonic() < deadline:
        time.sleep(0.5)
    return count


def get(server: JupystServer, path: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(server.url.rstrip("/") + path, timeout=SETTLE) as response:
            return int(response.status), dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return int(exc.code), dict(exc.headers), exc.read()


def test_paths_that_are_not_the_app_are_404_and_start_nothing(server: JupystServer) -> None:
    assert wait_kernels(server, 0) == 0
    for path in ("/lab", "/tree", "/login", "/metrics", "/api/kernels", "/logout", "/notebooks"):
        status, _, body = get(server, path)
        assert status in (403, 404), path
        assert b"Traceback" not in body, path
    assert kernels(server) == 0
    assert "Uncaught exception" not in server.log()


def test_a_flood_of_gets_holds_at_most_the_limit_and_every_kernel_is_reclaimed(server: JupystServer) -> None:
    assert wait_kernels(server, 0) == 0
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: get(server, "/"), range(8)))
    statuses = sorted(status for status, _, _ in answers)
    assert statuses.count(200) <= MAX_KERNELS
    busy = [(headers, body) for status, headers, body in answers if status == 503]
    assert len(busy) >= 8 - MAX_KERNELS
    for headers, body in busy:
        assert headers.get("Retry-After") == "10"
        assert b"is busy" in body
    assert kernels(server) <= MAX_KERNELS
    # None of those pages ever connected a websocket: their kernels go within seconds, long
    # before the idle cull (600 s), and the server takes visitors again.
    assert wait_kernels(server, 0) == 0
    assert "its page never connected" in server.log()
    status, _, _ = get(server, "/")
    assert status == 200
