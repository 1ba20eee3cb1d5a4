"""Twenty visitors moving sliders at once: `jupyst run` shared mode, one process, protocol clients.

The app is the reliability suite's load app (tests/reliability/test_load_and_soak.py: a slider,
a button on odd values, a few rows, a text naming the visitor, its value and its run count).
Each visitor is a protocol client (tests/e2e/widget_client.py: the page's own requests on its
websocket, no browser), in CLIENT_PROCESSES worker processes (20 browsers do not share one
GIL; 20 client threads in one process would add their own queueing to the tail), which share
the machine's cores with the server. All 20 open the page together (first load: page GET to the first run's text on the
websocket; the first pass is on a fresh server), then each moves its slider MOVES times and
times each move from the update it sends to its text showing the new value and run count.

- back to back: the next move as soon as the last one shows (saturation: 20 reruns always
  queued on one GIL);
- human pace: a pause of PAUSE_S between a move showing and the next (a visitor dragging and
  looking), all 20 at once.

- capacity: growing crowds at human pace (CAPACITY_STEPS), one pass each, until the p95 passes
  TARGET_P95_MS: the largest crowd under it is the machine's capacity figure.

Each scenario is PASSES passes of 20 fresh visitors (the previous ones leave as a closed tab
does); the figures are over every move of every pass. `python bench/load.py [--url URL]`
measures a server already running (for comparing two builds side by side).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.e2e.server import JupystServer, private_env  # noqa: E402
from tests.e2e.widget_client import PageClient  # noqa: E402
from tests.reliability.live_app import leave, model, percentile  # noqa: E402
from tests.reliability.test_load_and_soak import APP  # noqa: E402

VISITORS = 20
MOVES = 12
PASSES = 3
PAUSE_S = 0.25
CLIENT_PROCESSES = 4
TARGET_P95_MS = 200.0
#: crowd sizes tried for the capacity figure (multiples of CLIENT_PROCESSES)
CAPACITY_STEPS = (20, 40, 60, 80, 100, 140, 200)


def _log(text: str) -> None:
    print(f"bench/load: {text}", file=sys.stderr, flush=True)


def _leave(url: str, client: PageClient) -> None:
    try:
        leave(url, client)
    except OSError:  # the server went first: nothing to end
        client.close()


def one_pass(url: str, pause: float, tag: str, visitors: int = VISITORS) -> tuple[list[float], list[float]]:
    """``visitors`` arriving together, each moving its slider MOVES times: (loads s, trips ms).

    The visitors are shared out among CLIENT_PROCESSES processes that start at one instant.
    """
    start_at = time.time() + 3.0  # every worker process is up by then
    each = visitors // CLIENT_PROCESSES
    workers = [
        subprocess.Popen(
            [sys.executable, __file__, "--worker", url, str(each), str(pause), f"{tag}p{k}", str(start_at)],
            stdout=subprocess.PIPE, text=True,
        )
        for k in range(CLIENT_PROCESSES)
    ]
    loads: list[float] = []
    trips: list[float] = []
    for worker in workers:
        out, _ = worker.communicate(timeout=600)
        if worker.returncode != 0:
            raise RuntimeError(f"a load worker failed ({worker.returncode})")
        figures = json.loads(out.strip().splitlines()[-1])
        loads += figures["loads"]
        trips += figures["trips"]
    return loads, trips


def _visitors(url: str, count: int, pause: float, tag: str, start_at: float) -> tuple[list[float], list[float]]:
    """``count`` visitors of one worker process, arriving at ``start_at``: (loads s, trips ms)."""
    start_line = threading.Barrier(count, timeout=120)
    loads: list[float] = []
    trips: list[float] = []
    lock = threading.Lock()

    def visitor(i: int) -> PageClient:
        name = f"{tag}{i:02d}"
        client = PageClient(url, f"?who={name}")
        start_line.wait()
        time.sleep(max(0.0, start_at - time.time()))  # every process's visitors arrive together
        began = time.perf_counter()
        client.open()
        client.wait_shows(f"{name} n=5 runs=1", 120)
        load = time.perf_counter() - began
        slider = model(client, "jupyst-slider-input")
        own = []
        for step in range(MOVES):
            value = 10 + step
            began = time.perf_counter()
            client.set_value(slider, value)
            # runs = step + 2: this move was the app's next run, none lost, none doubled
            client.wait_shows(f"{name} n={value} runs={step + 2}", 120)
            own.append(1000 * (time.perf_counter() - began))
            # Only the latest frames matter here; keeping them all would slow the client.
            client.frames.clear()
            client.messages.clear()
            if pause:
                time.sleep(pause)
        with lock:
            loads.append(load)
            trips.extend(own)
        return client

    with ThreadPoolExecutor(count) as pool:
        clients = list(pool.map(visitor, range(count)))
    for client in clients:
        _leave(url, client)
    return loads, trips


def measure(url: str, passes: int = PASSES) -> dict[str, Any]:
    """Both scenarios, interleaved pass by pass (the machine's load drifts alike for both)."""
    out: dict[str, Any] = {"back_to_back": [], "human_pace": [], "first_load": []}
    for k in range(passes):
        loads, trips = one_pass(url, 0.0, f"b{k}")
        if k == 0:
            out["first_load"] = loads
        out["back_to_back"] += trips
        _log(f"back to back, pass {k + 1}: p50 {percentile(trips, .5):.0f} ms, p95 {percentile(trips, .95):.0f} ms; "
             f"first loads max {max(loads):.2f} s")
        time.sleep(1)
        _, trips = one_pass(url, PAUSE_S, f"h{k}")
        out["human_pace"] += trips
        _log(f"human pace, pass {k + 1}: p50 {percentile(trips, .5):.0f} ms, p95 {percentile(trips, .95):.0f} ms")
        time.sleep(1)
    return out


def capacity(url: str) -> list[tuple[int, float]]:
    """(visitors, p95 ms) at human pace for growing crowds, until p95 passes the target: the
    largest crowd under it is how many visitors this machine serves with a sub-200 ms p95."""
    tried: list[tuple[int, float]] = []
    for count in CAPACITY_STEPS:
        _, trips = one_pass(url, PAUSE_S, f"c{count}x", count)
        tried.append((count, percentile(trips, 0.95)))
        _log(f"capacity: {count} visitors at human pace, p95 {tried[-1][1]:.0f} ms")
        time.sleep(1)
        if tried[-1][1] >= TARGET_P95_MS:
            break
    return tried


def _load_average() -> str:
    try:
        with open("/proc/loadavg", encoding="utf-8") as fh:
            return " ".join(fh.read().split()[:3])
    except OSError:
        return "n/a"


def run() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="jupyst-bench-load-") as tmp:
        root = Path(tmp)
        (root / "app.py").write_text(APP, encoding="utf-8")
        server = JupystServer(
            ["run", str(root / "app.py"), "--shared", "--max-sessions", str(max(CAPACITY_STEPS) + 10)],
            private_env(root / "env"), root, root / "server.log",
        )
        server.start()
        try:
            before = _load_average()
            figures = measure(server.url)
            figures["capacity"] = capacity(server.url)
            after = _load_average()
        finally:
            server.stop()
    return _rows(figures, before, after)


def _rows(f: dict[str, Any], before: str, after: str) -> list[dict[str, Any]]:
    rows = []
    note = (f"{VISITORS} protocol clients in {CLIENT_PROCESSES} processes, {MOVES} moves each, {PASSES} passes; "
            f"load average {before} → {after} (shared machine)")
    for key, label in (("back_to_back", "back to back"), ("human_pace", f"human pace ({PAUSE_S * 1000:.0f} ms between moves)")):
        trips = f[key]
        for share, name in ((0.5, "p50"), (0.95, "p95")):
            target = f" (target < {TARGET_P95_MS:.0f} ms)" if name == "p95" else ""
            rows.append({"name": f"slider round trip {name}, {VISITORS} visitors moving at once, {label}",
                         "jupyst": percentile(trips, share), "unit": "ms", "note": note + target})
        rows.append({"name": f"slider round trip max, {VISITORS} visitors moving at once, {label}",
                     "jupyst": max(trips), "unit": "ms", "note": note})
    tried = f.get("capacity")
    if tried:
        under = [count for count, p95 in tried if p95 < TARGET_P95_MS]
        rows.append({"name": f"most visitors at once with slider round trip p95 < {TARGET_P95_MS:.0f} ms, human pace",
                     "jupyst": max(under, default=0), "unit": "visitors",
                     "note": "tried (visitors: p95 ms) " + ", ".join(f"{c}: {p:.0f}" for c, p in tried)
                     + f"; one server process, {CLIENT_PROCESSES} client processes on the same 2 cores"})
    loads = f["first_load"]
    for share, name in ((0.5, "p50"), (1.0, "max")):
        rows.append({"name": f"first load {name}, {VISITORS} visitors arriving together on a fresh server",
                     "jupyst": percentile(loads, share), "unit": "s",
                     "note": "page GET to the first run's text on the websocket (target < 5 s)"})
    return rows


def main() -> None:
    if sys.argv[1:2] == ["--worker"]:  # one client process of one_pass
        url, count, pause, tag, start_at = sys.argv[2:7]
        loads, trips = _visitors(url, int(count), float(pause), tag, float(start_at))
        print(json.dumps({"loads": loads, "trips": trips}))  # noqa: T201 - read by one_pass
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a shared-mode server already serving the load app")
    parser.add_argument("--passes", type=int, default=PASSES)
    parser.add_argument("--capacity", action="store_true", help="also find the largest crowd under the p95 target")
    args = parser.parse_args()
    if args.url is None:
        rows = run()
    else:
        before = _load_average()
        figures = measure(args.url, args.passes)
        if args.capacity:
            figures["capacity"] = capacity(args.url)
        rows = _rows(figures, before, _load_average())
    for row in rows:
        print(f"{row['name']}: {row['jupyst']:.2f} {row['unit']}")  # noqa: T201


if __name__ == "__main__":
    main()
