"""Many visitors: `jupyst run` shared mode (one process) against isolated mode (a kernel per
visitor, Voilà) and `streamlit run`, the same one-slider app, one run, headless Chromium.

First render and the single-visitor round trip are measured as in the voila section. "20
visitors at once": 20 pages open in one browser; each round presses ArrowRight on every page
before waiting for any, so 20 reruns are in flight together; each page times its own press to
its text updating. Memory per visitor in shared mode is the server's RSS growth per open page;
at 100 pages the pages are protocol clients (tests/e2e/widget_client.py: the page's own
requests — kernel info, every widget's state — on a websocket, no browser), since 100
Chromium pages do not fit this machine beside the servers. The largest number of concurrent
visitors with a p95 round trip under 200 ms is found the same way, with protocol clients each
moving its slider in turn, doubling the number of visitors until the p95 goes over.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _load_voila_bench() -> Any:
    """bench/voila.py (servers, timers, browser helpers), by path: "voila" is also Voilà's name."""
    spec = importlib.util.spec_from_file_location("jupyst_bench_voila", HERE / "voila.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


voila_bench = _load_voila_bench()

from tests.e2e.server import JupystServer  # noqa: E402
from tests.e2e.widget_client import PageClient  # noqa: E402

CONCURRENT = 20
ROUNDS = 10
SHARED_PAGE_COUNTS = (1, 20, 100)
MAX_CLIENTS = 320
TARGET_P95_MS = 200.0


def _log(text: str) -> None:
    print(f"bench/shared: {text}", file=sys.stderr, flush=True)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _concurrent_browser_trips(browser: Any, url: str, kind: str) -> list[float]:
    """ROUNDS rounds of one press on each of CONCURRENT pages, all in flight together."""
    sel = voila_bench.SELECTORS[kind]
    contexts, pages = [], []
    try:
        for _ in range(CONCURRENT):  # loaded a few at a time, as bench/voila.py does
            context = browser.new_context()
            contexts.append(context)
            page = context.new_page()
            page.goto(url, wait_until="commit", timeout=180_000)
            pages.append(page)
            if len(pages) % voila_bench.OPEN_AT_ONCE == 0:
                page.wait_for_selector(sel["shown"], state="visible", timeout=180_000)
        for page in pages:
            page.wait_for_function(
                "(s) => Array.prototype.some.call(document.querySelectorAll(s), (el) => el.textContent.trim() === 'value=50')",
                arg=sel["text"], timeout=180_000,
            )
            page.evaluate(voila_bench.INSTALL_TIMER, sel["text"])
        times: list[float] = []
        for i in range(ROUNDS + 1):
            for page in pages:
                page.evaluate(f"window.__bench.expected = 'value={51 + i}'")
                handle = page.locator(sel["handle"]).first
                handle.focus()
                handle.press("ArrowRight")
            for page in pages:
                page.wait_for_function("window.__bench.t1 > 0", timeout=60_000, polling="raf")
                if i:  # the first round warms up
                    times.append(float(page.evaluate("window.__bench.t1 - window.__bench.t0")))
        return times
    finally:
        for context in contexts:
            voila_bench._close(context)


def _client_trip(client: PageClient, slider: str, value: int) -> float:
    began = time.perf_counter()
    client.set_value(slider, value)
    client.wait_shows(f"value={value}", timeout=60)
    return (time.perf_counter() - began) * 1000


def _clients_at_once(url: str, count: int, clients: list[PageClient]) -> list[float]:
    """``count`` protocol visitors, each moving its slider ROUNDS times, all at the same time."""
    while len(clients) < count:
        clients.append(PageClient(url).open())
    times: list[float] = []
    lock = threading.Lock()

    def visitor(client: PageClient) -> None:
        (slider,) = client.models("jupyst-slider-input")  # the input inside the labelled box
        current = int(client.states[slider]["value"])
        own = []
        for _ in range(ROUNDS):
            current = 1 + (current + 1) % 99
            own.append(_client_trip(client, slider, current))
        with lock:
            times.extend(own)

    threads = [threading.Thread(target=visitor, args=(c,)) for c in clients[:count]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times


def _shared_capacity(url: str, pid: int) -> dict[str, Any]:
    clients: list[PageClient] = []
    out: dict[str, Any] = {"memory": {}}
    try:
        for _ in range(3):  # warm up: imports, first compile
            PageClient(url).open().close()
        time.sleep(3)
        idle = voila_bench._rss_mib([pid])
        for count in SHARED_PAGE_COUNTS:
            while len(clients) < count:
                clients.append(PageClient(url).open())
            time.sleep(2)
            out["memory"][count] = (voila_bench._rss_mib([pid]) - idle) / count
            _log(f"shared: {count} protocol pages, {out['memory'][count]:.2f} MiB per visitor")
        for client in clients[1:]:
            client.close()
        clients = clients[:1]
        best = 0
        count = 10
        while count <= MAX_CLIENTS:
            times = _clients_at_once(url, count, clients)
            p95 = _p95(times)
            _log(f"shared: {count} protocol visitors at once, p95 {p95:.0f} ms, median {statistics.median(times):.0f} ms")
            if p95 >= TARGET_P95_MS:
                break
            best = count
            count *= 2
        out["capacity"] = best
    finally:
        for client in clients:
            client.close()
    return out


def _modes(browser: Any, app: Path, env: dict[str, str], root: Path) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    for mode in ("shared", "isolated"):
        # Chromium loads 20 pages' bundles on the cores the servers use: give pages time to connect.
        server = JupystServer(
            ["run", str(app), f"--{mode}", "--cull-idle", "0", "--connect-timeout", "600"], env, app.parent,
            root / f"{mode}.log",
        )
        try:
            server.start(timeout=180)
            assert server._proc is not None
            pid = server._proc.pid
            handle = voila_bench.SELECTORS["jupyst"]["shown"]
            voila_bench._first_render(browser, server.url, handle)
            renders = []
            for _ in range(voila_bench.FIRST_RENDER_LOADS):
                voila_bench._wait_for_kernels(pid, 0)
                renders.append(voila_bench._first_render(browser, server.url, handle))
            _log(f"{mode}: first renders {[round(r) for r in renders]} ms")
            voila_bench._wait_for_kernels(pid, 0)
            trips = voila_bench._round_trips(browser, server.url, "jupyst")
            voila_bench._wait_for_kernels(pid, 0)
            many = _concurrent_browser_trips(browser, server.url, "jupyst")
            _log(f"{mode}: {CONCURRENT} at once, median {statistics.median(many):.0f} ms, p95 {_p95(many):.0f} ms")
            results[mode] = {"render": renders, "trips": trips, "many": many}
            if mode == "shared":
                results[mode].update(_shared_capacity(server.url, pid))
        finally:
            server.stop()
    streamlit = voila_bench.StreamlitServer(app, env, root / "streamlit.log")
    try:
        streamlit.start()
        handle = voila_bench.SELECTORS["streamlit"]["shown"]
        voila_bench._first_render(browser, streamlit.url, handle)
        renders = [voila_bench._first_render(browser, streamlit.url, handle) for _ in range(voila_bench.FIRST_RENDER_LOADS)]
        trips = voila_bench._round_trips(browser, streamlit.url, "streamlit")
        many = _concurrent_browser_trips(browser, streamlit.url, "streamlit")
        _log(f"streamlit: renders {[round(r) for r in renders]}, {CONCURRENT} at once median {statistics.median(many):.0f} ms")
        results["streamlit"] = {"render": renders, "trips": trips, "many": many}
    finally:
        streamlit.stop()
    return results


def run() -> list[dict[str, Any]]:
    with voila_bench.browser_and_app() as ready:
        if ready is None:
            return voila_bench.NO_BROWSER
        results = _modes(*ready)
    return _rows(results)


def _rows(r: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    sh, iso, st = r["shared"], r["isolated"], r["streamlit"]
    med = statistics.median
    rows = [
        {"name": "first render, shared mode (navigation → slider visible)", "jupyst": med(sh["render"]),
         "streamlit": med(st["render"]), "unit": "ms",
         "note": f"isolated mode {med(iso['render']):.0f} ms; shared/streamlit {med(sh['render']) / med(st['render']):.2f}× (target ≤ 0.6×)"},
        {"name": "slider round trip, one visitor, shared mode", "jupyst": med(sh["trips"]), "streamlit": med(st["trips"]),
         "unit": "ms", "note": f"isolated mode {med(iso['trips']):.0f} ms; {voila_bench.PRESSES} back-to-back presses"},
        {"name": f"slider round trip median, {CONCURRENT} visitors at once, shared mode", "jupyst": med(sh["many"]),
         "streamlit": med(st["many"]), "unit": "ms",
         "note": f"isolated mode {med(iso['many']):.0f} ms; {ROUNDS} rounds of a press on every page (target ≤ 20 ms)"},
        {"name": f"slider round trip p95, {CONCURRENT} visitors at once, shared mode", "jupyst": _p95(sh["many"]),
         "streamlit": _p95(st["many"]), "unit": "ms",
         "note": f"isolated mode {_p95(iso['many']):.0f} ms (target ≤ half of streamlit's)"},
    ]
    for count in SHARED_PAGE_COUNTS:
        rows.append({"name": f"memory per visitor, shared mode, {count} page{'s' if count > 1 else ''} open",
                     "jupyst": sh["memory"][count], "streamlit": None, "unit": "MiB",
                     "note": "server RSS growth per page; protocol clients, not Chromium (target ≤ 1 MiB at 100); "
                     "isolated mode and streamlit: see the voila section"})
    rows.append({"name": f"concurrent visitors with round trip p95 < {TARGET_P95_MS:.0f} ms, shared mode",
                 "jupyst": sh["capacity"], "streamlit": None, "unit": "visitors",
                 "note": f"protocol clients, each moving its slider {ROUNDS} times, all at once; doubled from 10 (up to {MAX_CLIENTS})"})
    return rows


if __name__ == "__main__":
    began = time.perf_counter()
    for row in run():
        print(row)
    print(f"{time.perf_counter() - began:.0f} s")
