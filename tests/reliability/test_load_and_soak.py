"""Many visitors at once, and one visitor for a long time, against a real `jupyst run`.

- Twenty protocol clients (a page's websocket each, no browser) open the app together and each
  moves its slider many times, waiting for every value to come back: each one sees only its
  own values, every change is one rerun (the app counts them), nothing is lost. The round
  trips and the first loads are measured and saved, never asserted.
- One visitor makes 2,000 widget changes: the memory of the process its session lives in
  (its kernel in isolated mode, the server in shared mode) and the comms its kernel holds
  are flat between change 200 and change 2,000.

Both run in both serving modes, a server per mode for the module, stopped at its end.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.e2e.server import JupystServer
from tests.e2e.widget_client import PageClient
from tests.reliability.live_app import (
    MODES,
    leave,
    model,
    open_comms,
    percentile,
    report,
    rss_mb,
    served,
    session_process,
)

pytestmark = pytest.mark.reliability

# Every odd value shows a button named after it: each such change drops a widget and makes
# another, the path where a leak of widgets or comms would show.
APP = """import streamlit as st

st.session_state.setdefault("runs", 0)
st.session_state.runs += 1
who = st.query_params.get("who", "nobody")
n = st.slider("n", 0, 100, 5)
if n % 2:
    st.button(f"odd {n}")
for i in range(n % 4):
    st.text(f"row {i}")
st.text(f"{who} n={n} runs={st.session_state.runs}")
"""
VISITORS = 20
MOVES = 6
CHANGES = 2000
#: changes sent back to back before waiting for the app to show the last one (a dragged slider)
BURST = 20
#: memory the visitor's process may gain between change 200 and change 2,000 (MB)
SOAK_MEMORY_BOUND = 25.0
NAME = re.compile(r"\b(v\d\d) n=")


@pytest.fixture(scope="module", params=MODES)
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def server(mode: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupystServer]:
    with served(mode, APP, tmp_path_factory.mktemp(f"load-{mode}"), "--max-sessions", str(VISITORS + 2)) as srv:
        yield srv


def frame_text(frame: str | bytes) -> str:
    return frame if isinstance(frame, str) else frame.decode("utf-8", errors="replace")


def move(client: PageClient, slider: str, value: int, shows: str, timeout: float = 120) -> None:
    client.set_value(slider, value)
    client.wait_shows(shows, timeout)


def test_twenty_visitors_moving_sliders_see_only_their_own_values(server: JupystServer, mode: str) -> None:
    names = [f"v{i:02d}" for i in range(VISITORS)]
    start_line = threading.Barrier(VISITORS, timeout=60)
    loads: dict[str, float] = {}
    trips: dict[str, list[float]] = {name: [] for name in names}

    def visitor(name: str) -> PageClient:
        client = PageClient(server.url, f"?who={name}")
        start_line.wait()  # every visitor arrives together
        began = time.perf_counter()
        client.open()
        client.wait_shows(f"{name} n=5 runs=1", 120)
        loads[name] = time.perf_counter() - began
        slider = model(client, "jupyst-slider-input")
        for step in range(MOVES):
            value = 10 + step
            began = time.perf_counter()
            # runs = step + 2: this change was the app's next run, none lost, none doubled
            move(client, slider, value, f"{name} n={value} runs={step + 2}")
            trips[name].append(time.perf_counter() - began)
        return client

    with ThreadPoolExecutor(VISITORS) as pool:
        clients = list(pool.map(visitor, names))
    try:
        # Frames still on their way (another visitor's, were there cross-talk): 0.2 s for all
        # sockets at once, not one after another.
        with ThreadPoolExecutor(VISITORS) as pool:
            list(pool.map(lambda client: client.drain(0.2), clients))
        for name, client in zip(names, clients):
            seen = {match for frame in client.frames for match in NAME.findall(frame_text(frame))}
            assert seen == {name}, f"{name}'s page received {sorted(seen - {name})}'s values"
        ids = [set(client.states) for client in clients]
        assert all(a.isdisjoint(b) for i, a in enumerate(ids) for b in ids[i + 1 :])
        all_trips = [t for name in names for t in trips[name]]
        first_loads = list(loads.values())
        report(f"load-{VISITORS}-visitors-{mode}", {
            "mode": mode, "visitors": VISITORS, "moves_each": MOVES, "round_trips": len(all_trips),
            "round_trip_p50_ms": round(1000 * percentile(all_trips, 0.5), 1),
            "round_trip_p95_ms": round(1000 * percentile(all_trips, 0.95), 1),
            "round_trip_max_ms": round(1000 * max(all_trips), 1),
            "first_load_p50_s": round(percentile(first_loads, 0.5), 2), "first_load_max_s": round(max(first_loads), 2),
        })
    finally:
        for client in clients:
            leave(server.url, client)


def test_two_thousand_changes_leave_memory_and_comms_flat(server: JupystServer, mode: str) -> None:
    client = PageClient(server.url, "?who=soak").open()
    try:
        slider = model(client, "jupyst-slider-input")
        process = session_process(server, mode, client)
        figures: dict[str, Any] = {"mode": mode, "changes": CHANGES, "burst": BURST}
        began = time.perf_counter()
        # The values at change 200 and 2,000 (49 and 89) show the same elements (an odd button,
        # one row): the two measurements compare like with like.
        for done in range(BURST, CHANGES + 1, BURST):
            for k in range(done - BURST, done):
                client.set_value(slider, 10 + k % 80)
            last = 10 + (done - 1) % 80
            client.wait_shows(f"soak n={last} runs=", 120)
            if done in (200, CHANGES):
                client.drain(0.3)  # the last run's messages are all in
                figures[f"rss_at_{done}_mb"] = round(rss_mb(process), 1)
                figures[f"comms_at_{done}"] = open_comms(client)
                figures[f"widgets_at_{done}"] = len(client.states)
            # Only this socket's latest frames matter; the older ones would only fill the test's memory.
            client.frames.clear()
            client.messages.clear()
        figures["seconds"] = round(time.perf_counter() - began, 1)
        report(f"soak-{CHANGES}-changes-{mode}", figures)
        assert figures[f"widgets_at_{CHANGES}"] == figures["widgets_at_200"]
        assert figures[f"comms_at_{CHANGES}"] <= figures["comms_at_200"] + 2
        assert figures[f"rss_at_{CHANGES}_mb"] - figures["rss_at_200_mb"] < SOAK_MEMORY_BOUND
        assert process.is_running()
        # The app is still the app: one more change is one more run.
        runs = int(re.findall(r"soak n=\d+ runs=(\d+)", " ".join(str(s.get("value")) for s in client.states.values()))[-1])
        move(client, slider, 99, f"soak n=99 runs={runs + 1}")
    finally:
        leave(server.url, client)
