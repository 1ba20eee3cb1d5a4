"""Failures a visitor can meet, in both serving modes, against a real `jupyst run` and
headless Chromium: what the page shows and whether the server let go of what it held.

- a visitor's kernel killed (isolated: SIGKILL; shared: the session ended by a browser-sent
  shutdown): "This app stopped. Reload to start again" in place of the app, the kernel not
  restarted blank, and a reload gives a fresh app;
- a run spinning without st.* calls (first run and rerun): stopped at ``--run-timeout``
  with a message on the page; the loader stays while the first run goes; the next
  interaction works;
- a tab closed while its run is stuck (and ignores the run limit): its kernel or session
  ends, and with it the CPU it burnt;
- a script that ends its kernel process during the first run (isolated mode);
- the server killed: the notice, then a reload against a new server works (light and dark
  themes, screenshots in artifacts/e2e/).

Each wait is bounded; the module's servers are stopped at the end.
"""

from __future__ import annotations

import os
import signal
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest

from tests.e2e.conftest import APP_READY, kernel_id, save_screenshot
from tests.e2e.server import JupystServer, private_env

pytestmark = pytest.mark.reliability

APP = """import os
import streamlit as st

mode = st.query_params.get("mode", "")
if mode == "exit":
    os._exit(1)
st.title("Failure drill")
n = st.slider("n", 0, 10, 2)
st.text(f"n squared is {n * n}")
if mode == "stubborn":
    # Stuck for good: swallows the run limit (but not the end of its session).
    while True:
        try:
            while True:
                pass
        except BaseException as exc:
            if type(exc).__name__ != "RunTimedOut":
                raise
if mode == "spin" or st.checkbox("spin"):
    while True:
        pass
st.text("done")
"""
#: --run-timeout of the module's servers (short: each timeout test waits for it)
RUN_TIMEOUT = 3
STOPPED = "#jupyst-stopped"
#: longest the page may take to show what a test waits for
SHOW_MS = 45_000
SETTLE = 30.0


@pytest.fixture(scope="module", params=["shared", "isolated"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("failures")
    (root / "app.py").write_text(APP, encoding="utf-8")
    return root


def server_args(root: Path, mode: str, *extra: str) -> list[str]:
    return ["run", str(root / "app.py"), f"--{mode}", "--run-timeout", str(RUN_TIMEOUT), *extra]


@pytest.fixture(scope="module")
def server(root: Path, mode: str) -> Iterator[JupystServer]:
    srv = JupystServer(server_args(root, mode), private_env(root / f"env-{mode}"), root, root / f"{mode}.log")
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    yield context.new_page()
    context.close()


# ----- what the server holds ------------------------------------------------------------------
def kernel_processes(server: JupystServer) -> dict[str, psutil.Process]:
    """Kernel id -> process, of the server's kernels (isolated mode)."""
    proc = server._proc
    assert proc is not None
    out = {}
    for child in psutil.Process(proc.pid).children(recursive=True):
        try:
            cmdline = " ".join(child.cmdline())
        except psutil.Error:
            continue
        if "ipykernel_launcher" in cmdline and "kernel-" in cmdline:
            kid = cmdline.split("kernel-", 1)[1].split(".json", 1)[0]
            out[kid] = child
    return out


def kernel_status(server: JupystServer, kid: str) -> int:
    return server.status(f"/api/kernels/{kid}")


def wait_until(check: Callable[[], bool], timeout: float = SETTLE) -> bool:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.25)
    return True


def cpu_seconds(server: JupystServer, over: float = 2.0) -> float:
    """CPU time the server and its kernels used during ``over`` seconds."""
    proc = server._proc
    assert proc is not None

    def total() -> float:
        procs = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
        used = 0.0
        for p in procs:
            try:
                times = p.cpu_times()
                used += times.user + times.system
            except psutil.Error:
                pass
        return used

    before = total()
    time.sleep(over)
    return total() - before


# ----- the page -------------------------------------------------------------------------------
def open_app(page: Any, server: JupystServer, query: str = "") -> str:
    page.goto(server.url + query, wait_until="commit")
    page.wait_for_selector(APP_READY, timeout=60_000)
    return kernel_id(page)


def shown_text(page: Any) -> str:
    return str(page.inner_text(".jupyst-app .jupyst-main"))


def assert_stopped_notice(page: Any, name: str, timeout_ms: int = SHOW_MS) -> None:
    notice = page.wait_for_selector(STOPPED, state="visible", timeout=timeout_ms)
    text = " ".join(notice.inner_text().split())
    assert "This app stopped." in text
    assert "Reload to start again" in text
    assert page.is_visible(f"{STOPPED} button:has-text('Reload')")
    # In place of the app: the app's widgets are hidden, the notice covers the window.
    assert not page.is_visible(".jupyst-app .jupyst-main")
    save_screenshot(page, name)


def reload_gives_a_fresh_app(page: Any, old_kernel: str) -> None:
    page.click(f"{STOPPED} button")
    page.wait_for_selector(APP_READY, timeout=60_000)
    assert "n squared is 4" in shown_text(page)
    assert not page.is_visible(STOPPED)
    assert kernel_id(page) != old_kernel


# ----- the scenarios --------------------------------------------------------------------------
def test_a_dead_kernel_shows_the_stopped_notice_and_a_reload_starts_afresh(
    server: JupystServer, page: Any, mode: str
) -> None:
    kid = open_app(page, server)
    assert "n squared is 4" in shown_text(page)
    assert not page.is_visible(STOPPED)
    if mode == "isolated":
        process = kernel_processes(server)[kid]
        process.send_signal(signal.SIGKILL)
    else:
        # A shutdown sent as a browser sends it (what a closing tab of the same page sends).
        page.evaluate(
            """(kid) => fetch(`/voila/api/shutdown/${kid}`, {method: 'POST',
                 body: new URLSearchParams({_xsrf: document.cookie.match(/_xsrf=([^;]+)/)[1]})})""",
            kid,
        )
    assert_stopped_notice(page, f"failures_stopped_kernel_{mode}")
    # The kernel is gone, not restarted blank under the same id.
    assert wait_until(lambda: kernel_status(server, kid) == 404)
    if mode == "isolated":
        assert kid not in kernel_processes(server)
    reload_gives_a_fresh_app(page, kid)


def test_a_spinning_rerun_is_stopped_with_a_message_and_the_app_goes_on(
    server: JupystServer, page: Any, mode: str
) -> None:
    open_app(page, server)
    page.click(".jupyst-main .jupyst-checkbox input")
    error = page.wait_for_selector(".jupyst-main .jupyst-alert-error", timeout=SHOW_MS)
    message = error.inner_text()
    assert f"took longer than {RUN_TIMEOUT} seconds to run and was stopped" in message
    assert "done" not in shown_text(page)
    save_screenshot(page, f"failures_run_timeout_{mode}")
    # Freed: the next interaction runs the app again, to its end.
    page.click(".jupyst-main .jupyst-checkbox input")
    page.wait_for_selector(".jupyst-main .jupyst-text:has-text('done')", timeout=SHOW_MS)
    assert not page.is_visible(".jupyst-main .jupyst-alert-error")


def test_a_spinning_first_run_keeps_the_loader_then_shows_the_timeout(server: JupystServer, page: Any) -> None:
    page.goto(server.url + "?mode=spin", wait_until="commit")
    loader = page.wait_for_selector("#jupyst-loading", state="visible", timeout=SHOW_MS)
    assert "Loading" in loader.inner_text()
    error = page.wait_for_selector(".jupyst-main .jupyst-alert-error", timeout=120_000)  # a kernel starting on a busy machine
    assert "was stopped" in error.inner_text()
    assert "n squared is 4" in shown_text(page)
    # the loader gives way to the app once it is drawn (it hides on the next frame, not at once)
    page.wait_for_selector("#jupyst-loading", state="hidden", timeout=SHOW_MS)


def test_closing_the_tab_ends_a_stuck_run(server: JupystServer, browser: Any, mode: str) -> None:
    before = set(kernel_processes(server)) if mode == "isolated" else set()
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + "?mode=stubborn", wait_until="commit")
    page.wait_for_selector("#jupyst-loading", state="visible", timeout=SHOW_MS)
    # Stuck past the run limit: the run swallows it.
    time.sleep(RUN_TIMEOUT + 1)
    # It burns a core (a share of one on a busy machine).
    assert cpu_seconds(server, 2.0) > 0.25
    context.close()
    if mode == "isolated":
        assert wait_until(lambda: set(kernel_processes(server)) <= before, 45)
    # Nothing spins any more.
    assert wait_until(lambda: cpu_seconds(server, 1.0) < 0.1, 45)


def test_a_script_ending_its_kernel_gets_the_stopped_notice(server: JupystServer, page: Any, mode: str) -> None:
    if mode == "shared":
        pytest.skip("shared mode: os._exit ends the server itself (the server-gone test)")
    page.goto(server.url + "?mode=exit", wait_until="commit")
    # The kernel starts, runs the script and dies; the server notices (its restarter polls
    # every few seconds) and the page, once whole, finds its kernel gone. A loaded machine
    # stretches all of it: a generous bound (a blank page would never pass).
    assert_stopped_notice(page, "failures_stopped_exit_isolated", timeout_ms=150_000)


def restart_on_same_port(old: JupystServer, root: Path, mode: str, *extra: str) -> JupystServer:
    new = JupystServer(server_args(root, mode, *extra), old.env, old.cwd, root / f"{mode}-again.log")
    new.port = old.port
    new.args = [*server_args(root, mode, *extra), "--port", str(old.port), "--host", "127.0.0.1"]
    return new.start()


def kill_server(server: JupystServer) -> None:
    proc = server._proc
    assert proc is not None
    os.killpg(proc.pid, signal.SIGKILL)  # the server and its kernels, with no chance to say goodbye
    proc.wait(10)


def test_a_killed_server_shows_the_notice_and_a_reload_reaches_the_new_one(
    server: JupystServer, page: Any, root: Path, mode: str
) -> None:
    kid = open_app(page, server)
    kill_server(server)
    assert_stopped_notice(page, f"failures_stopped_server_{mode}_light")
    # The server comes back (dark theme this time); Reload starts a fresh app there.
    again = restart_on_same_port(server, root, mode, "--theme.base", "dark")
    try:
        reload_gives_a_fresh_app(page, kid)
        kill_server(again)
        assert_stopped_notice(page, f"failures_stopped_server_{mode}_dark")
        background = page.evaluate("getComputedStyle(document.getElementById('jupyst-stopped')).backgroundColor")
        assert background != "rgb(255, 255, 255)"
    finally:
        again.stop()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(server.url + "healthz", timeout=5)
