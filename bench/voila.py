"""A published app in a real browser: `jupyst run` (Voilà) against `streamlit run`.

The same one-slider app is served by both, on 127.0.0.1 and free ports, and driven by
headless Chromium (Debian's, through playwright). Time to first render is from navigation to
the slider being visible, each load in a fresh browser context. The round trip is a slider
ArrowRight key press to the dependent text showing the new value, presses back to back (the
next one as soon as the text is updated), timed inside the page from the key event to the DOM
mutation. Memory is what visitors cost: for jupyst the RSS of the kernels (one per open page),
for Streamlit the growth of its one server process, per open page. Every process started here
is stopped at the end.
"""

from __future__ import annotations

import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.e2e.server import JupystServer, free_port, private_env  # noqa: E402

APP = '''import streamlit as st

st.title("Bench")
x = st.slider("x", 0, 100, 50)
st.text(f"value={x}")
'''

FIRST_RENDER_LOADS = 5
PRESSES = 20
PAGE_COUNTS = (1, 5, 20)
#: seconds from "pool filled" (the kernel process is up) to its first cell waiting for a visitor
PREHEAT_READY = 3.0
#: pages loading at the same time while the memory phase opens its pages
OPEN_AT_ONCE = 2
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
#: what a browser benchmark reports on a machine without Debian's chromium
NO_BROWSER = [{"name": "browser benchmark", "jupyst": None, "streamlit": None, "unit": "", "note": "chromium not installed"}]


@contextmanager
def browser_and_app() -> Iterator[tuple[Any, Path, dict[str, str], Path] | None]:
    """Headless Chromium and the benchmark app in a fresh folder: ``(browser, app, env, root)``,
    or None where chromium is not installed. Everything is stopped and removed on leaving."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="jupyst-bench-") as tmp:
        root = Path(tmp)
        env = private_env(root / "env")
        app = root / "app" / "bench_app.py"
        app.parent.mkdir()
        app.write_text(APP, encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS, env=env)
            try:
                yield browser, app, env, root
            finally:
                browser.close()

#: per server kind: the slider as drawn (a load waits for it), its keyboard handle, the texts
SELECTORS = {
    "jupyst": {
        "shown": ".jupyst-main .jupyst-slider .noUi-handle",
        "handle": ".jupyst-main .jupyst-slider .noUi-handle",
        "text": ".jupyst-main .jupyst-text",
    },
    "streamlit": {
        "shown": "[data-testid='stSliderThumbValue']",
        "handle": "[data-testid='stSlider'] input[type='range']",
        "text": "[data-testid='stText']",
    },
}

# Times a key press to the moment the expected text is in the DOM, inside the page.
INSTALL_TIMER = """(textSelector) => {
  const state = window.__bench = { t0: 0, t1: 0, expected: null };
  document.addEventListener("keydown", () => { state.t0 = performance.now(); state.t1 = 0; }, true);
  const seen = () => Array.prototype.some.call(document.querySelectorAll(textSelector),
    (el) => el.textContent.trim() === state.expected);
  new MutationObserver(() => {
    if (state.expected !== null && !state.t1 && seen()) { state.t1 = performance.now(); }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
}"""


# ----- servers ---------------------------------------------------------------------------------------
class StreamlitServer:
    """``streamlit run`` headless on a free 127.0.0.1 port, stopped like the jupyst server."""

    def __init__(self, app: Path, env: dict[str, str], log_path: Path) -> None:
        self.port = free_port()
        self.app = app
        self.env = env
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self, timeout: float = 60) -> StreamlitServer:
        command = [
            sys.executable, "-m", "streamlit", "run", str(self.app), "--server.port", str(self.port),
            "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none", "--global.developmentMode", "false",
        ]
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                command, cwd=self.app.parent, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(self.url + "_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("streamlit did not get ready")

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(5)


# ----- measurements ----------------------------------------------------------------------------------
def _close(context: Any) -> None:
    """Close a context's pages as a visitor closes tabs (the unload beacon runs), then it."""
    for page in list(context.pages):
        page.close(run_before_unload=True)
    time.sleep(0.3)  # the beacon leaves before the context goes
    context.close()


def _log(text: str) -> None:
    print(f"bench/voila: {text}", file=sys.stderr, flush=True)


def _first_render(browser: Any, url: str, handle: str) -> float:
    context = browser.new_context()
    try:
        page = context.new_page()
        began = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=60_000)
        page.wait_for_selector(handle, state="visible", timeout=60_000)
        return (time.perf_counter() - began) * 1000
    finally:
        _close(context)


def _round_trips(browser: Any, url: str, kind: str) -> list[float]:
    sel = SELECTORS[kind]
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url, wait_until="commit", timeout=60_000)
        page.wait_for_selector(sel["shown"], state="visible", timeout=60_000)
        handle = page.locator(sel["handle"]).first
        page.wait_for_function(
            "(s) => Array.prototype.some.call(document.querySelectorAll(s), (el) => el.textContent.trim() === 'value=50')",
            arg=sel["text"], timeout=60_000,
        )
        page.evaluate(INSTALL_TIMER, sel["text"])
        handle.focus()
        times = []
        for i in range(PRESSES + 2):
            page.evaluate(f"window.__bench.expected = 'value={51 + i}'")
            handle.press("ArrowRight")
            page.wait_for_function("window.__bench.t1 > 0", timeout=30_000, polling="raf")
            elapsed = page.evaluate("window.__bench.t1 - window.__bench.t0")
            if i >= 2:  # the first presses warm up both sides
                times.append(float(elapsed))
        return times
    finally:
        _close(context)


def _rss_mib(pids: list[int]) -> float:
    import psutil

    total = 0
    for pid in pids:
        with suppress(psutil.Error):
            total += psutil.Process(pid).memory_info().rss
    return total / 2**20


def _kernel_pids(server_pid: int) -> list[int]:
    import psutil

    try:
        children = psutil.Process(server_pid).children(recursive=True)
    except psutil.Error:
        return []
    out = []
    for child in children:
        try:
            if "ipykernel_launcher" in " ".join(child.cmdline()):
                out.append(child.pid)
        except psutil.Error:
            pass
    return out


@contextmanager
def _open_pages(browser: Any, url: str, handle: str, count: int) -> Iterator[list[Any]]:
    """``count`` pages open at once, loaded a few at a time (2 cores start kernels slowly)."""
    contexts = []
    try:
        pages = []
        for start in range(0, count, OPEN_AT_ONCE):
            batch = []
            for _ in range(min(OPEN_AT_ONCE, count - start)):
                context = browser.new_context()
                contexts.append(context)
                page = context.new_page()
                page.goto(url, wait_until="commit", timeout=120_000)
                batch.append(page)
            for page in batch:
                page.wait_for_selector(handle, state="visible", timeout=120_000)
            pages += batch
        time.sleep(1.0)  # let the last runs settle
        yield pages
    finally:
        for context in contexts:
            _close(context)


def _wait_for_kernels(server_pid: int, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while len(_kernel_pids(server_pid)) > count and time.monotonic() < deadline:
        time.sleep(0.5)


def _memory(browser: Any, server: Any, kind: str, server_pid: int) -> dict[int, float]:
    handle = SELECTORS[kind]["shown"]
    out: dict[int, float] = {}
    idle = _rss_mib([server_pid])
    for count in PAGE_COUNTS:
        with _open_pages(browser, server.url, handle, count):
            if kind == "jupyst":
                kernels = _kernel_pids(server_pid)
                out[count] = _rss_mib(kernels) / max(len(kernels), 1)
            else:
                out[count] = (_rss_mib([server_pid]) - idle) / count
        if kind == "jupyst":
            _wait_for_kernels(server_pid, 0)  # closed tabs shut their kernels down
        _log(f"{kind}: {count} pages, {out[count]:.1f} MiB per page")
    return out


def _measure(browser: Any, server: Any, kind: str, server_pid: int) -> dict[str, Any]:
    handle = SELECTORS[kind]["shown"]
    began = time.perf_counter()
    _first_render(browser, server.url, handle)  # warm up: imports, caches
    renders = []
    for _ in range(FIRST_RENDER_LOADS):
        if kind == "jupyst":
            _wait_for_kernels(server_pid, 0)  # each load on an otherwise idle server
        renders.append(_first_render(browser, server.url, handle))
    _log(f"{kind}: first renders {[round(r) for r in renders]} ms ({time.perf_counter() - began:.0f} s)")
    if kind == "jupyst":
        _wait_for_kernels(server_pid, 0)
    trips = _round_trips(browser, server.url, kind)
    _log(f"{kind}: round trips median {statistics.median(trips):.1f} ms ({time.perf_counter() - began:.0f} s)")
    if kind == "jupyst":
        _wait_for_kernels(server_pid, 0)
    memory = _memory(browser, server, kind, server_pid)
    _log(f"{kind}: memory {memory} ({time.perf_counter() - began:.0f} s)")
    return {"render": renders, "trips": trips, "memory": memory}


def _preheated_renders(browser: Any, server: JupystServer) -> list[float]:
    """First renders with ``--preheat 1``: each load once the pool has a kernel ready again."""
    filled = "is filled with"
    renders = []
    for i in range(FIRST_RENDER_LOADS + 1):
        deadline = time.monotonic() + 60
        while server.log().count(filled) <= i and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(PREHEAT_READY)  # the kernel is up; let its first cell reach the wait for a visitor
        seconds = _first_render(browser, server.url, SELECTORS["jupyst"]["shown"])
        if i:  # the first load warms the server up
            renders.append(seconds)
    _log(f"jupyst --preheat 1: first renders {[round(r) for r in renders]} ms")
    return renders


def run() -> list[dict[str, Any]]:
    with browser_and_app() as ready:
        if ready is None:
            return NO_BROWSER
        browser, app, env, root = ready
        results: dict[str, dict[str, Any]] = {}
        # Voilà's unload beacon needs the _xsrf cookie the jupyst template sets; closed
        # contexts then shut their kernels down, as real tabs do.
        jupyst = JupystServer(["run", str(app), "--isolated", "--cull-idle", "0"], env, app.parent, root / "jupyst.log")
        try:
            jupyst.start()
            assert jupyst._proc is not None
            results["jupyst"] = _measure(browser, jupyst, "jupyst", jupyst._proc.pid)
        finally:
            jupyst.stop()
        preheated = JupystServer(["run", str(app), "--isolated", "--preheat", "1", "--cull-idle", "0"], env, app.parent, root / "preheat.log")
        try:
            preheated.start()
            results["jupyst"]["preheat"] = _preheated_renders(browser, preheated)
        finally:
            preheated.stop()
        streamlit = StreamlitServer(app, env, root / "streamlit.log")
        try:
            streamlit.start()
            results["streamlit"] = _measure(browser, streamlit, "streamlit", streamlit.pid)
        finally:
            streamlit.stop()
    return _rows(results)


def _rows(results: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    j, s = results["jupyst"], results["streamlit"]
    rows = [
        {
            "name": "first render (navigation → slider visible)",
            "jupyst": statistics.median(j["render"]), "streamlit": statistics.median(s["render"]), "unit": "ms",
            "note": f"median of {FIRST_RENDER_LOADS} loads, fresh browser context each; jupyst starts a kernel per load",
        },
        {
            "name": "first render, `jupyst run --preheat 1`",
            "jupyst": statistics.median(j["preheat"]), "streamlit": None, "unit": "ms",
            "note": "a kernel started and jupyst imported ahead of the visitor; the app's first run waits for the visitor's URL",
        },
        {
            "name": "slider round trip (ArrowRight → text updated)",
            "jupyst": statistics.median(j["trips"]), "streamlit": statistics.median(s["trips"]), "unit": "ms",
            "note": (
                f"median of {PRESSES} back-to-back presses; jupyst min {min(j['trips']):.0f} max {max(j['trips']):.0f}, "
                f"streamlit min {min(s['trips']):.0f} max {max(s['trips']):.0f}"
            ),
        },
    ]
    for count in PAGE_COUNTS:
        rows.append({
            "name": f"memory per visitor, {count} page{'s' if count > 1 else ''} open",
            "jupyst": j["memory"][count], "streamlit": s["memory"][count], "unit": "MiB",
            "note": "jupyst: RSS of one kernel (a kernel per page); streamlit: server RSS growth per page",
        })
    return rows


if __name__ == "__main__":
    began = time.perf_counter()
    for row in run():
        print(row)
    print(f"{time.perf_counter() - began:.0f} s")
