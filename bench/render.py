"""First render of a published page: `jupyst run` shared and isolated mode (Voilà's page front
end), shared mode with jupyst's lean page front end (`--frontend lean`), against `streamlit
run`: the same one-slider app, one run, headless Chromium (Debian's, through playwright).

Each load is timed from navigation to three moments: the app's first element on screen
(`.jupyst-element`; Streamlit's title), the slider drawn, and the slider usable (an ArrowRight
on it has come back as the new value in the dependent text). "Cold" loads each use a fresh
browser context (empty cache); "warm" loads are the second visit in a context whose first
visit filled the cache, as a returning visitor's. Bytes on the wire and requests are read
from Chromium's network events (CDP): what crossed the socket, compressed or not, and how
many requests the cache answered. The page's main-thread time (scripts, style, layout) comes
from CDP's Performance metrics.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
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

LOADS = 5
#: per server kind: the first element of the app
FIRST_ELEMENT = {"jupyst": ".jupyst-app .jupyst-main .jupyst-element", "streamlit": "[data-testid='stHeading']"}
#: the value the slider shows once moved, in the dependent text
MOVED = "value=51"


def _log(text: str) -> None:
    print(f"bench/render: {text}", file=sys.stderr, flush=True)


def _timed_load(context: Any, url: str, kind: str) -> dict[str, float]:
    """One visit in ``context``: the three times (ms) and what the network carried."""
    sel = voila_bench.SELECTORS[kind]
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Performance.enable")
    wire = {"bytes": 0, "requests": 0, "cached": 0}

    def finished(params: dict[str, Any]) -> None:
        wire["bytes"] += int(params.get("encodedDataLength", 0))

    def received(params: dict[str, Any]) -> None:
        wire["requests"] += 1
        response = params.get("response", {})
        if response.get("fromDiskCache") or response.get("fromMemoryCache"):
            wire["cached"] += 1

    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.responseReceived", received)
    began = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_selector(FIRST_ELEMENT[kind], state="visible", timeout=120_000)
    first = (time.perf_counter() - began) * 1000
    page.wait_for_selector(sel["shown"], state="visible", timeout=120_000)
    slider = (time.perf_counter() - began) * 1000
    handle = page.locator(sel["handle"]).first
    handle.focus()
    handle.press("ArrowRight")
    page.wait_for_function(
        "([s, want]) => Array.prototype.some.call(document.querySelectorAll(s), (el) => el.textContent.trim() === want)",
        arg=[sel["text"], MOVED], timeout=120_000, polling="raf",
    )
    usable = (time.perf_counter() - began) * 1000
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    page.close(run_before_unload=True)
    return {
        "first": first, "slider": slider, "usable": usable, "mb": wire["bytes"] / 1e6,
        "requests": wire["requests"], "cached": wire["cached"], "main_thread": metrics.get("TaskDuration", 0.0) * 1000,
    }


def _close(context: Any) -> None:
    """Close a context whose pages closed as tabs do (their unload beacons sent)."""
    time.sleep(0.3)  # the beacon leaves before the context goes
    context.close()


def _loads(browser: Any, url: str, kind: str, between: Any) -> dict[str, list[dict[str, float]]]:
    out: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []}
    warmup = browser.new_context()
    _timed_load(warmup, url, kind)  # the server's imports and first compile
    _close(warmup)
    for _ in range(LOADS):
        between()
        context = browser.new_context()
        try:
            out["cold"].append(_timed_load(context, url, kind))
            between()
            out["warm"].append(_timed_load(context, url, kind))
        finally:
            _close(context)
    for phase in ("cold", "warm"):
        runs = out[phase]
        _log(f"{kind} {phase}: usable {[round(r['usable']) for r in runs]} ms, "
             f"{statistics.median(r['mb'] for r in runs):.2f} MB, {runs[-1]['requests']} requests, {runs[-1]['cached']} cached")
    return out


def _measure(browser: Any, app: Path, env: dict[str, str], root: Path) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name, mode, frontend in (("shared", "shared", "voila"), ("lean", "shared", "lean"), ("isolated", "isolated", "voila")):
        server = JupystServer(
            ["run", str(app), f"--{mode}", "--cull-idle", "0", "--frontend", frontend], env, app.parent, root / f"{name}.log",
        )
        try:
            server.start(timeout=180)
            assert server._proc is not None
            pid = server._proc.pid
            results[name] = _loads(browser, server.url, "jupyst", lambda pid=pid: voila_bench._wait_for_kernels(pid, 0))
        finally:
            server.stop()
    streamlit = voila_bench.StreamlitServer(app, env, root / "streamlit.log")
    try:
        streamlit.start()
        results["streamlit"] = _loads(browser, streamlit.url, "streamlit", lambda: None)
    finally:
        streamlit.stop()
    return results


def run() -> list[dict[str, Any]]:
    with voila_bench.browser_and_app() as ready:
        if ready is None:
            return voila_bench.NO_BROWSER
        results = _measure(*ready)
    return _rows(results)


def _med(runs: list[dict[str, float]], key: str) -> float:
    return float(statistics.median(r[key] for r in runs))


def _rows(r: dict[str, Any]) -> list[dict[str, Any]]:
    sh, lean, iso, st = r["shared"], r["lean"], r["isolated"], r["streamlit"]
    rows = []
    for phase, what in (("cold", "empty cache"), ("warm", "second visit, cache filled")):
        for key, label in (("first", "first element shown"), ("slider", "slider drawn"), ("usable", "slider usable")):
            ratio = _med(sh[phase], key) / _med(st[phase], key)
            rows.append({
                "name": f"navigation → {label}, {what}, shared mode", "jupyst": _med(sh[phase], key),
                "streamlit": _med(st[phase], key), "unit": "ms",
                "note": f"isolated mode {_med(iso[phase], key):.0f} ms; shared/streamlit {ratio:.2f}× (target ≤ 0.6×)",
            })
            lean_ratio = _med(lean[phase], key) / _med(st[phase], key)
            rows.append({
                "name": f"navigation → {label}, {what}, shared mode, lean front end", "jupyst": _med(lean[phase], key),
                "streamlit": _med(st[phase], key), "unit": "ms",
                "note": f"--frontend lean; lean/streamlit {lean_ratio:.2f}× (target ≤ 0.6×)",
            })
        rows.append({
            "name": f"bytes on the wire per load, {what}", "jupyst": _med(sh[phase], "mb"), "streamlit": _med(st[phase], "mb"),
            "unit": "MB",
            "note": f"requests: jupyst {sh[phase][-1]['requests']} ({sh[phase][-1]['cached']} from cache), "
                    f"streamlit {st[phase][-1]['requests']} ({st[phase][-1]['cached']} from cache); "
                    f"lean front end {_med(lean[phase], 'mb'):.2f} MB, {lean[phase][-1]['requests']} requests",
        })
        rows.append({
            "name": f"page main-thread time per load, {what}", "jupyst": _med(sh[phase], "main_thread"),
            "streamlit": _med(st[phase], "main_thread"), "unit": "ms",
            "note": f"CDP TaskDuration until the slider is usable; isolated mode {_med(iso[phase], 'main_thread'):.0f} ms, "
                    f"lean front end {_med(lean[phase], 'main_thread'):.0f} ms",
        })
    return rows


if __name__ == "__main__":
    began = time.perf_counter()
    for row in run():
        print(row)
    print(f"{time.perf_counter() - began:.0f} s")
