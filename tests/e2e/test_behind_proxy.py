"""`jupyst run` behind a proxy, in both serving modes: everything under ``--base-url``, a
trusted proxy's ``X-Forwarded-*`` headers in ``st.context``, keep-alive pings on an idle socket.

One server per serving mode: ``--base-url /team/app --trust-proxy 127.0.0.1`` and a ping every
second (``--server.websocketPingInterval 1``) so that a test sees pings without waiting 30 s.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import websocket

from tests.e2e.conftest import mode_args, open_url
from tests.e2e.load_balancer import PrefixedServer, ProxiedClient, status

pytestmark = [pytest.mark.e2e, pytest.mark.isolated_too]  # the proxy wrapper is wired into each mode

PREFIX = "/team/app/"
APP = """\
import streamlit as st

st.title("Behind a proxy")
if st.button("Count"):
    st.session_state.n = st.session_state.get("n", 0) + 1
st.write(f"clicks={st.session_state.get('n', 0)}")
st.write(f"ip={st.context.ip_address} url={st.context.url}")
"""


@pytest.fixture(scope="module")
def proxied_server(
    serving_mode: str, e2e_root: Path, server_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PrefixedServer]:
    folder = tmp_path_factory.mktemp("behind-proxy")
    (folder / "app.py").write_text(APP, encoding="utf-8")
    args = mode_args(
        ("run", "app.py", "--base-url", "team/app", "--trust-proxy", "127.0.0.1", "--server.websocketPingInterval", "1"),
        serving_mode,
    )
    server = PrefixedServer(args, server_env, folder, e2e_root / f"behind-proxy-{serving_mode}.log", prefix=PREFIX)
    server.start()
    yield server
    server.stop()


def test_the_app_and_every_request_of_its_page_live_under_the_base_url(proxied_server: PrefixedServer, page: Any) -> None:
    requests: list[str] = []
    sockets: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("websocket", lambda socket: sockets.append(socket.url))
    open_url(page, proxied_server.url)
    page.get_by_role("button", name="Count").click()
    page.wait_for_function("document.body.innerText.includes('clicks=1')", timeout=30_000)
    root = f"127.0.0.1:{proxied_server.port}"
    mine = [url for url in requests if root in url]
    assert len(mine) > 10  # the page, its scripts, styles, widget extensions, kernel model
    outside = [url for url in mine if not url.split(root, 1)[1].startswith(PREFIX)]
    assert outside == []
    # The websocket too (the click above went through it).
    assert [url for url in sockets if url.startswith(f"ws://{root}{PREFIX}api/kernels/")]
    assert page.recorder.errors == []


def test_the_bare_prefix_redirects_and_nothing_answers_outside_it(proxied_server: PrefixedServer) -> None:
    bare = f"http://127.0.0.1:{proxied_server.port}{PREFIX.rstrip('/')}"

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as refused:
        opener.open(bare + "?x=1", timeout=10)
    assert refused.value.code == 302
    assert refused.value.headers["Location"] == PREFIX + "?x=1"
    assert status(f"http://127.0.0.1:{proxied_server.port}/voila/static/voila.js") == 404
    assert status(proxied_server.url + "voila/static/voila.js") == 200
    # Health checks answer under the prefix and at the root, for probes that skip the proxy.
    assert status(proxied_server.url + "readyz") == 200
    assert status(f"http://127.0.0.1:{proxied_server.port}/healthz") == 200


def test_a_trusted_proxys_forwarded_headers_reach_st_context(proxied_server: PrefixedServer) -> None:
    client = ProxiedClient(proxied_server.url, headers={
        "X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "apps.example.org",
    })
    try:
        client.open()
        client.wait_shows("ip=203.0.113.9 url=https://apps.example.org/team/app/")
    finally:
        client.close()


def test_the_server_pings_a_quiet_socket_and_it_stays_usable(proxied_server: PrefixedServer) -> None:
    client = ProxiedClient(proxied_server.url)
    try:
        assert client.load_page() == 200
        client.connect()
        assert client.ws is not None
        pings = 0
        deadline = time.monotonic() + 20
        # The page says nothing: every frame that comes is the server's.
        while pings < 2 and time.monotonic() < deadline:
            client.ws.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                opcode, _frame = client.ws.recv_data_frame(control_frame=True)  # answers each ping with a pong
            except websocket.WebSocketTimeoutException:
                break
            if opcode == websocket.ABNF.OPCODE_PING:
                pings += 1
        assert pings == 2
        reply = client.request("kernel_info_request", {})
        assert reply["msg_type"] == "kernel_info_reply"
    finally:
        client.close()
