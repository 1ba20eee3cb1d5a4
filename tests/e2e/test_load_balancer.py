"""Two `jupyst run` replicas behind a real HAProxy (the configuration of deploy/haproxy.cfg),
sharing one real Redis as the second tier of ``st.cache_data``, the way a user runs N hosts.

The replicas serve the app under ``--base-url /team/app``, believe 127.0.0.1's forwarded
headers and ping every second (tests.e2e.load_balancer.PROXY_FLAGS); each has its own disk
cache.
The tests, in this order (the last one kills a replica):

- two visitors who land on different replicas at the same moment: the cached function runs
  once between them (a counter in Redis, written by the function itself, says so);
- a browser visiting through the balancer under the prefix: page, assets, websocket;
- a replica on its own, as test_behind_proxy.py checks the isolated mode: its routes under the
  prefix, a trusted proxy's headers in st.context, keep-alive pings on a quiet socket;
- a visitor whose replica is full (its /readyz says 503, so the balancer sends new visitors
  elsewhere) keeps reaching their own session;
- a browser whose replica is SIGKILLed: a reload lands on the surviving replica, works, and
  finds the cached value in Redis instead of computing it again.

Shared mode only: it is how `jupyst run` serves a script (test_behind_proxy.py covers the
isolated mode).
"""

from __future__ import annotations

import concurrent.futures
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import open_url
from tests.e2e.load_balancer import (
    AFFINITY_COOKIE,
    PREFIX,
    PROXY_FLAGS,
    HAProxy,
    PrefixedServer,
    ProxiedClient,
    check_forwarded_headers,
    check_keepalive_pings,
    check_prefix_routes,
)
from tests.e2e.server import private_env
from tests.unit.caching.redis_server import RedisServer

pytestmark = pytest.mark.e2e

COUNTER = "lbtest:computed"
SECRET = "replicas-share-this-signing-key"
APP = f"""\
import os
import time

import redis
import streamlit as st

counter = redis.Redis.from_url(os.environ["JUPYST_CACHE_REDIS_URL"])


@st.cache_data
def expensive(n):
    counter.incr({COUNTER!r})  # how many times, across every replica, this really ran
    time.sleep(1.5)  # long enough for the other replica to ask meanwhile
    return n * 7


st.title("Replicas")
st.write(f"replica={{os.environ['JUPYST_TEST_REPLICA']}}")
st.write(f"answer={{expensive(6)}}")
if st.button("Count"):
    st.session_state.n = st.session_state.get("n", 0) + 1
st.write(f"clicks={{st.session_state.get('n', 0)}}")
st.write(f"ip={{st.context.ip_address}} url={{st.context.url}}")
"""


class Deployment:
    def __init__(
        self, redis: RedisServer, replicas: dict[str, PrefixedServer], balancer: HAProxy, full_balancer: HAProxy
    ) -> None:
        self.redis = redis
        self.replicas = replicas
        self.balancer = balancer
        #: a balancer in front of r3 alone, a replica with room for one visitor
        self.full_balancer = full_balancer

    @property
    def url(self) -> str:
        return self.balancer.url(PREFIX)

    def computed(self) -> int:
        return int(self.redis.client().get(COUNTER) or 0)


@pytest.fixture(scope="module")
def deployment(e2e_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    folder = tmp_path_factory.mktemp("replicas")
    (folder / "app.py").write_text(APP, encoding="utf-8")
    redis = RedisServer()
    redis.start()
    replicas: dict[str, PrefixedServer] = {}
    balancers: list[HAProxy] = []
    try:
        for name in ("r1", "r2", "r3"):
            env = private_env(folder / f"env-{name}")
            env.update(
                JUPYST_CACHE_REDIS_URL=redis.url, JUPYST_CACHE_SECRET=SECRET,
                JUPYST_CACHE_DIR=str(folder / f"disk-cache-{name}"), JUPYST_TEST_REPLICA=name,
            )
            room = ["--max-sessions", "1"] if name == "r3" else []
            replicas[name] = PrefixedServer(
                ["run", "app.py", "--shared", *PROXY_FLAGS, *room],
                env, folder, e2e_root / f"replica-{name}.log", prefix=PREFIX,
            )
        # All start at once: each takes seconds to import its stack.
        with concurrent.futures.ThreadPoolExecutor(3) as pool:
            list(pool.map(lambda server: server.start(), replicas.values()))
        for name, members in (("pair", ("r1", "r2")), ("single", ("r3",))):
            (folder / name).mkdir()
            balancers.append(HAProxy(folder / name, [(m, replicas[m].port) for m in members]).start())
        yield Deployment(redis, replicas, *balancers)
    finally:
        for balancer in balancers:
            balancer.stop()
        for server in replicas.values():
            server.request_stop()
        for server in replicas.values():
            server.stop()
        redis.stop()


def fetch(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return bytes(response.read())
    except urllib.error.HTTPError as exc:
        return bytes(exc.read())


def replica_shown(client: ProxiedClient) -> str:
    for state in client.states.values():
        found = re.search(r"replica=(r\d)", str(state.get("value", "")))
        if found:
            return found.group(1)
    raise AssertionError("the page names no replica")


def test_two_replicas_behind_the_balancer_compute_a_cached_value_once(deployment: Deployment) -> None:
    deployment.redis.client().delete(COUNTER)
    # Two new visitors at the same moment: round robin sends them to different replicas, and
    # both miss their own (empty) disk cache while the other computes.
    clients = [ProxiedClient(deployment.url) for _ in range(2)]
    try:
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda client: client.open(), clients))
        for client in clients:
            client.wait_shows("answer=42")
            assert client.cookies.get(AFFINITY_COOKIE) in ("r1", "r2")
        assert {replica_shown(client) for client in clients} == {"r1", "r2"}
        assert deployment.computed() == 1
    finally:
        for client in clients:
            client.close()


def test_the_app_works_under_its_base_url_through_the_balancer(deployment: Deployment, page: Any) -> None:
    requests: list[str] = []
    sockets: list[str] = []
    # what went over the network (a blob: URL is the page's own object, e.g. a widget's module)
    page.on("request", lambda request: request.url.startswith("blob:") or requests.append(request.url))
    page.on("websocket", lambda socket: sockets.append(socket.url))
    open_url(page, deployment.url)
    page.get_by_role("button", name="Count").click()
    page.wait_for_function("document.body.innerText.includes('clicks=1')", timeout=30_000)
    balancer = f"127.0.0.1:{deployment.balancer.port}"
    assert requests
    assert [url for url in requests if not url.split(balancer, 1)[-1].startswith(PREFIX)] == []
    assert [url for url in requests if balancer not in url] == []
    assert [url for url in sockets if url.startswith(f"ws://{balancer}{PREFIX}api/kernels/")]
    assert page.recorder.errors == []


def test_a_replica_answers_under_its_prefix_only(deployment: Deployment) -> None:
    check_prefix_routes(deployment.replicas["r1"])


def test_a_replica_believes_its_trusted_proxys_forwarded_headers(deployment: Deployment) -> None:
    check_forwarded_headers(deployment.replicas["r1"].url)


def test_a_replica_pings_a_quiet_socket_and_it_stays_usable(deployment: Deployment) -> None:
    check_keepalive_pings(deployment.replicas["r1"].url)


def test_a_visitor_stays_on_their_replica_while_its_readiness_check_says_busy(deployment: Deployment) -> None:
    balancer = deployment.full_balancer
    client = ProxiedClient(balancer.url(PREFIX))
    try:
        client.open()  # the replica's only place: its /readyz now answers 503
        client.wait_shows("answer=42")
        deadline = time.monotonic() + 30
        # HAProxy takes it out of rotation: a request without the cookie gets HAProxy's own 503.
        while b"No server is available" not in fetch(balancer.url("/readyz")):
            assert time.monotonic() < deadline, "haproxy never marked the full replica down"
            time.sleep(0.2)
        # The visitor's page drops its socket and reconnects (a network blip): their cookie
        # still takes them to their session, which answers and still has its widgets.
        client.close()
        client.connect()
        assert client.request("kernel_info_request", {})["msg_type"] == "kernel_info_reply"
        client.states.clear()
        client.load_states()
        assert client.shows("answer=42")
    finally:
        client.close()


def test_a_visitor_whose_replica_dies_reloads_onto_the_survivor_with_the_cached_value(
    deployment: Deployment, page: Any
) -> None:
    open_url(page, deployment.url)
    page.wait_for_function("document.body.innerText.includes('answer=42')", timeout=30_000)
    first = re.search(r"replica=(r\d)", page.inner_text("body"))
    assert first is not None
    computed = deployment.computed()
    assert computed >= 1
    deployment.replicas[first.group(1)].kill()
    survivor = ({"r1", "r2"} - {first.group(1)}).pop()

    # The open page says its app stopped and offers a reload, in place of the dead app.
    notice = page.locator("#jupyst-stopped")
    notice.wait_for(timeout=30_000)
    assert "This app stopped" in notice.inner_text()
    # The visitor's cookie still names the dead replica: the balancer sends the reload to the other.
    notice.get_by_role("button").click()
    page.wait_for_load_state("commit")
    page.wait_for_function(
        f"document.body.innerText.includes('replica={survivor}') && document.body.innerText.includes('answer=42')",
        timeout=60_000,
    )
    page.get_by_role("button", name="Count").click()
    page.wait_for_function("document.body.innerText.includes('clicks=1')", timeout=30_000)
    # The value came back from Redis: nothing ran the function again.
    assert deployment.computed() == computed
