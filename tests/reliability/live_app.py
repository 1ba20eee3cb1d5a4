"""A real `jupyst run` of a reliability app in either serving mode, and what the tests read off it.

Both modes serve the same page and speak the same widget protocol; they differ in where a
visitor's session lives: a Jupyter kernel process of its own (``--isolated``) or a session
inside the server process (``--shared``). :func:`session_process` names the process whose
memory a visitor's messages can grow, and :func:`open_comms` asks that visitor's kernel how
many comms it holds (``comm_info_request``, as a Jupyter front end asks), so the tests measure
the same two things in either mode.

Measurements a test only reports (timings, memory) go to ``artifacts/reliability/``.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psutil

from tests.e2e.server import JupystServer, private_env
from tests.e2e.widget_client import PageClient

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts" / "reliability"
MODES = ("shared", "isolated")
MB = 1024 * 1024


@contextmanager
def served(mode: str, app_source: str, root: Path, *extra: str) -> Iterator[JupystServer]:
    """``jupyst run app.py --<mode> *extra`` on a free 127.0.0.1 port, stopped at the end."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "app.py").write_text(app_source, encoding="utf-8")
    args = ["run", str(root / "app.py"), f"--{mode}", *extra]
    server = JupystServer(args, private_env(root / "env"), root, root / f"server-{mode}.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()


def server_process(server: JupystServer) -> psutil.Process:
    proc = server._proc
    assert proc is not None, "the server is not running"
    return psutil.Process(proc.pid)


def kernel_processes(server: JupystServer) -> list[psutil.Process]:
    """The server's Jupyter kernel processes (isolated mode's visitors; none in shared mode)."""
    found = []
    for child in server_process(server).children(recursive=True):
        try:
            if "ipykernel_launcher" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.Error:
            pass
    return found


def session_process(server: JupystServer, mode: str, client: PageClient) -> psutil.Process:
    """The process a visitor's session runs in: its kernel (isolated) or the server (shared)."""
    if mode == "shared":
        return server_process(server)
    for kernel in kernel_processes(server):
        try:
            if any(client.kernel_id in part for part in kernel.cmdline()):
                return kernel
        except psutil.Error:
            pass
    raise AssertionError(f"no kernel process for {client.kernel_id}")


def rss_mb(proc: psutil.Process) -> float:
    return proc.memory_info().rss / MB


def tree_memory_mb(server: JupystServer) -> float:
    """Memory of the server and every process it started (its kernels), in MB."""
    root = server_process(server)
    total = rss_mb(root)
    for child in root.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            total += rss_mb(child)
    return total


def leave(server_url: str, client: PageClient) -> None:
    """What a page sends when its tab closes (Voilà's unload beacon): its session ends now."""
    client.close()
    request = urllib.request.Request(
        f"{server_url}voila/api/shutdown/{client.kernel_id}", data=b"_xsrf=abc", method="POST",
        headers={"Cookie": "_xsrf=abc", "Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=30):
        pass


def open_comms(client: PageClient) -> int:
    """How many comms (widget models and control channels) the visitor's kernel holds now."""
    reply = client.request("comm_info_request", {})
    assert reply["content"].get("status") == "ok", reply["content"]
    return len(reply["content"]["comms"])


def model(client: PageClient, dom_class: str) -> str:
    """The one widget model of the visitor's page carrying ``dom_class``."""
    (model_id,) = client.models(dom_class)
    return model_id


def app_texts(client: PageClient) -> list[str]:
    """Every ``st.text`` the visitor's page shows now, as its text."""
    texts = []
    for state in client.states.values():
        value = state.get("value")
        if "jupyst-text" in (state.get("_dom_classes") or ()) and isinstance(value, str):
            texts.append(re.sub(r"<[^>]+>", "", value))
    return texts


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def report(name: str, figures: dict[str, Any]) -> None:
    """Print figures a test measured and keep them as ``artifacts/reliability/<name>.json``."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.json").write_text(json.dumps(figures, indent=2, sort_keys=True), encoding="utf-8")
    print(f"\n{name}: {json.dumps(figures, sort_keys=True)}")  # noqa: T201 - the figures are the test's report


def wait_until(condition: Any, timeout: float, what: str, step: float = 0.25) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what} not within {timeout} s"
        time.sleep(step)
