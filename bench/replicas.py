"""Replicas behind a load balancer: page loads per second that `jupyst run` (shared mode)
sustains with one replica and with two, behind Debian's HAProxy configured from
deploy/haproxy.cfg (cookie affinity, /readyz checks), all on 127.0.0.1.

A page load is what a new visitor's page does before it can draw: the page GET (the server
runs the app's first run for it), the websocket, kernel info and every widget's state
(tests/e2e/widget_client.py's protocol client, no browser), then the socket closes. Eight
clients load pages back to back, a fixed number each (bounded: 8 × 12 loads a setup, after a
warm-up), in threads of one process on the same cores as the servers. "One replica, direct"
is the same without the balancer. Streamlit has no balancer setup to compare with here.
"""

from __future__ import annotations

import concurrent.futures
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.e2e.load_balancer import HAProxy, PrefixedServer, ProxiedClient  # noqa: E402
from tests.e2e.server import private_env  # noqa: E402

CLIENTS = 8
LOADS_PER_CLIENT = 12
WARM_UP = 4
APP = """\
import streamlit as st

st.title("Replica benchmark")
n = st.slider("n", 0, 100, 40)
st.write(f"n squared is {n * n}")
st.dataframe({"x": list(range(20)), "y": [i * i for i in range(20)]})
"""


def _log(text: str) -> None:
    print(f"bench/replicas: {text}", file=sys.stderr, flush=True)


def _one_load(url: str) -> None:
    client = ProxiedClient(url)
    try:
        client.open()
        assert client.shows("n squared is 1600"), "the page came without its app"
    finally:
        client.close()


def _loads_per_second(url: str) -> float:
    for _ in range(WARM_UP):
        _one_load(url)

    def client_loop(_: int) -> None:
        for _ in range(LOADS_PER_CLIENT):
            _one_load(url)

    began = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(client_loop, range(CLIENTS)))
    return CLIENTS * LOADS_PER_CLIENT / (time.perf_counter() - began)


def _replica(folder: Path, name: str) -> PrefixedServer:
    # A short reconnect grace: a closed page's session goes at once, as a closed tab's would.
    return PrefixedServer(
        ["run", "app.py", "--shared", "--reconnect-grace", "1"], private_env(folder / f"env-{name}"), folder,
        folder / f"{name}.log",
    )


def run() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="jupyst-bench-replicas-") as tmp:
        folder = Path(tmp)
        (folder / "app.py").write_text(APP, encoding="utf-8")
        replicas = [_replica(folder, name) for name in ("r1", "r2")]
        balancers: list[HAProxy] = []
        try:
            with concurrent.futures.ThreadPoolExecutor(2) as pool:
                list(pool.map(lambda server: server.start(), replicas))
            direct = _loads_per_second(replicas[0].url)
            _log(f"one replica, direct: {direct:.1f} loads/s")
            one_dir, two_dir = folder / "lb1", folder / "lb2"
            one_dir.mkdir()
            two_dir.mkdir()
            balancers.append(HAProxy(one_dir, [("r1", replicas[0].port)]).start())
            one = _loads_per_second(balancers[-1].url())
            _log(f"one replica behind haproxy: {one:.1f} loads/s")
            balancers[-1].stop()
            balancers.append(HAProxy(two_dir, [("r1", replicas[0].port), ("r2", replicas[1].port)]).start())
            two = _loads_per_second(balancers[-1].url())
            _log(f"two replicas behind haproxy: {two:.1f} loads/s")
        finally:
            for balancer in balancers:
                balancer.stop()
            for server in replicas:
                server.request_stop()
            for server in replicas:
                server.stop()
    note = f"{CLIENTS} protocol clients × {LOADS_PER_CLIENT} loads, shared mode"
    return [
        {"name": "page loads per second, one replica, direct", "jupyst": direct, "unit": "loads/s", "note": note},
        {"name": "page loads per second, one replica behind HAProxy", "jupyst": one, "unit": "loads/s", "note": note},
        {
            "name": "page loads per second, two replicas behind HAProxy", "jupyst": two, "unit": "loads/s",
            "note": f"{note}; {two / one:.2f}× one replica behind HAProxy",
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
