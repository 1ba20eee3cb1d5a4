"""Shared mode's sessions over time: reconnection, the end of a session, capacity, bad input.

Each server here runs with short timers (``--reconnect-grace``, ``--connect-timeout``,
``--cull-idle``) so that what takes a minute in production takes seconds. Visitors are raw
protocol clients (tests/e2e/widget_client.py): a page's websocket without a browser.
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import websocket

from tests.e2e.server import JupystServer
from tests.e2e.widget_client import PageClient, http_get

pytestmark = pytest.mark.e2e

APP = '''import streamlit as st

st.session_state.setdefault("clicks", 0)
if st.button("Count"):
    st.session_state.clicks += 1
st.text(f"clicks={st.session_state.clicks}")
n = st.slider("n", 0, 100, 5)
st.text(f"n={n}")
'''
#: how long a test waits for the server to end a session whose timer is a few seconds
END_WAIT = 30.0


@pytest.fixture(scope="module")
def app_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lifecycle-app") / "app.py"
    path.write_text(APP, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def shared(app_path: Path, server_env: dict[str, str], e2e_root: Path) -> Iterator[Callable[..., JupystServer]]:
    servers: list[JupystServer] = []

    def start(*args: str) -> JupystServer:
        server = JupystServer(
            ["run", str(app_path), "--shared", *args], server_env, app_path.parent,
            e2e_root / f"lifecycle-{len(servers)}.log",
        )
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.request_stop()
    for server in servers:
        server.stop()


@pytest.fixture(scope="module")
def short_timers(shared: Callable[..., JupystServer]) -> JupystServer:
    return shared("--reconnect-grace", "3", "--connect-timeout", "3", "--cull-idle", "0", "--max-message-size", "1")


def click(client: PageClient, label: str) -> None:
    for model_id, state in client.states.items():
        if "jupyst-button" in (state.get("_dom_classes") or ()) and state.get("description") == label:
            client.send("comm_msg", {"comm_id": model_id, "data": {"method": "custom", "content": {"event": "click"}}})
            return
    raise AssertionError(f"no button {label!r}")


def slider(client: PageClient) -> str:
    (model_id,) = client.models("jupyst-slider-input")
    return model_id


def session_alive(server: JupystServer, kernel_id: str) -> bool:
    return server.status(f"/api/kernels/{kernel_id}") == 200


def wait_ended(server: JupystServer, kernel_id: str) -> None:
    deadline = time.monotonic() + END_WAIT
    while session_alive(server, kernel_id):
        assert time.monotonic() < deadline, f"session {kernel_id} still alive after {END_WAIT} s"
        time.sleep(0.2)


def test_reconnect_within_grace_finds_the_session_as_it_left_it(short_timers: JupystServer) -> None:
    first = PageClient(short_timers.url).open()
    click(first, "Count")
    first.wait_shows("clicks=1")
    click(first, "Count")
    first.wait_shows("clicks=2")
    first.close()  # the connection drops: no unload beacon
    again = PageClient(short_timers.url)
    again.connect(first.kernel_id)
    again.load_states()
    assert again.shows("clicks=2")
    click(again, "Count")
    again.wait_shows("clicks=3")
    again.close()


def test_dropped_page_ends_after_the_grace_period(short_timers: JupystServer) -> None:
    client = PageClient(short_timers.url).open()
    assert session_alive(short_timers, client.kernel_id)
    client.close()
    wait_ended(short_timers, client.kernel_id)
    with pytest.raises(websocket.WebSocketBadStatusException):
        PageClient(short_timers.url).connect(client.kernel_id)


def test_page_that_never_connects_is_reclaimed(short_timers: JupystServer) -> None:
    client = PageClient(short_timers.url)
    assert client.load_page() == 200
    assert session_alive(short_timers, client.kernel_id)
    wait_ended(short_timers, client.kernel_id)


def test_unload_beacon_ends_the_session_at_once(short_timers: JupystServer) -> None:
    client = PageClient(short_timers.url).open()
    # What Voilà's page sends on unload: the _xsrf cookie and the same value as a form field.
    request = urllib.request.Request(
        f"{short_timers.url}voila/api/shutdown/{client.kernel_id}", data=b"_xsrf=abc", method="POST",
        headers={"Cookie": "_xsrf=abc", "Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 204
    assert not session_alive(short_timers, client.kernel_id)
    client.close()


def test_idle_unconnected_session_is_culled(shared: Callable[..., JupystServer]) -> None:
    server = shared("--reconnect-grace", "600", "--cull-idle", "2")
    client = PageClient(server.url).open()
    client.close()
    wait_ended(server, client.kernel_id)
    assert "culling it" in server.log()


def test_at_capacity_the_next_visitor_gets_a_busy_page(shared: Callable[..., JupystServer]) -> None:
    server = shared("--max-sessions", "2", "--reconnect-grace", "2")
    assert http_get(server.url + "readyz")[0] == 200
    first, second = PageClient(server.url).open(), PageClient(server.url).open()
    status, headers, body = http_get(server.url + "readyz")
    assert status == 503
    assert headers.get("Retry-After")
    status, headers, body = http_get(server.url)
    assert status == 503
    assert int(headers["Retry-After"]) > 0
    assert b"This app is busy, try again shortly." in body
    # A burst of visitors is refused too, and creates nothing.
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda _: http_get(server.url)[0], range(40)))
    assert statuses == [503] * 40
    # The visitors already in are served as before.
    first.set_value(slider(first), 42)
    first.wait_shows("n=42")
    second.set_value(slider(second), 43)
    second.wait_shows("n=43")
    # One leaves: the next visitor gets in.
    second.close()
    wait_ended(server, second.kernel_id)
    assert http_get(server.url + "readyz")[0] == 200
    third = PageClient(server.url).open()
    third.set_value(slider(third), 44)
    third.wait_shows("n=44")
    first.close()
    third.close()


def test_oversized_message_is_refused_and_the_session_lives(short_timers: JupystServer) -> None:
    client = PageClient(short_timers.url).open()
    client.set_value(slider(client), 7)
    client.wait_shows("n=7")
    big = client.message("comm_msg", {"comm_id": slider(client), "data": {"method": "update", "state": {"x": "y" * 2_000_000}}})
    assert client.ws is not None
    client.ws.send(json.dumps(big))
    with pytest.raises((websocket.WebSocketConnectionClosedException, ConnectionError, TimeoutError)):
        client.wait_for(lambda m: False, timeout=10)
    deadline = time.monotonic() + 10
    while "refused a message over" not in short_timers.log():
        assert time.monotonic() < deadline, short_timers.log()[-2000:]
        time.sleep(0.2)
    again = PageClient(short_timers.url)
    again.connect(client.kernel_id)
    again.load_states()
    assert again.shows("n=7")
    again.set_value(slider(again), 8)
    again.wait_shows("n=8")
    again.close()


def test_malformed_message_closes_only_its_own_socket(short_timers: JupystServer) -> None:
    bad, good = PageClient(short_timers.url).open(), PageClient(short_timers.url).open()
    assert bad.ws is not None
    bad.ws.send("{this is not json")
    with pytest.raises((websocket.WebSocketConnectionClosedException, ConnectionError, TimeoutError)):
        bad.wait_for(lambda m: False, timeout=10)
    assert "malformed message" in short_timers.log()
    good.set_value(slider(good), 31)
    good.wait_shows("n=31")
    # The page whose socket closed reconnects to its session, as after any dropped connection.
    again = PageClient(short_timers.url)
    again.connect(bad.kernel_id)
    again.load_states()
    again.set_value(slider(again), 32)
    again.wait_shows("n=32")
    for client in (again, good):
        client.close()
