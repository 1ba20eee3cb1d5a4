"""`jupyst run --isolated` behind a proxy: everything under ``--base-url``, a trusted proxy's
``X-Forwarded-*`` headers in ``st.context``, keep-alive pings on an idle socket.

One server: ``--base-url /team/app --trust-proxy 127.0.0.1`` and a ping every second
(``--server.websocketPingInterval 1``) so that a test sees pings without waiting 30 s. Shared
mode gets the same checks on its replicas in test_load_balancer.py (started with the same
flags), which saves starting a server for them here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import open_url
from tests.e2e.load_balancer import (
    PREFIX,
    PROXY_FLAGS,
    PrefixedServer,
    check_forwarded_headers,
    check_keepalive_pings,
    check_prefix_routes,
)

pytestmark = pytest.mark.e2e

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
    e2e_root: Path, server_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PrefixedServer]:
    folder = tmp_path_factory.mktemp("behind-proxy")
    (folder / "app.py").write_text(APP, encoding="utf-8")
    args = ["run", "app.py", "--isolated", *PROXY_FLAGS]
    server = PrefixedServer(args, server_env, folder, e2e_root / "behind-proxy-isolated.log", prefix=PREFIX)
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
    # requests to the server (a blob: URL holds the server's origin but is the page's own object)
    mine = [url for url in requests if url.startswith(f"http://{root}")]
    assert len(mine) > 10  # the page, its scripts, styles, widget extensions, kernel model
    outside = [url for url in mine if not url.split(root, 1)[1].startswith(PREFIX)]
    assert outside == []
    # The websocket too (the click above went through it).
    assert [url for url in sockets if url.startswith(f"ws://{root}{PREFIX}api/kernels/")]
    assert page.recorder.errors == []


def test_the_bare_prefix_redirects_and_nothing_answers_outside_it(proxied_server: PrefixedServer) -> None:
    check_prefix_routes(proxied_server)


def test_a_trusted_proxys_forwarded_headers_reach_st_context(proxied_server: PrefixedServer) -> None:
    check_forwarded_headers(proxied_server.url)


def test_the_server_pings_a_quiet_socket_and_it_stays_usable(proxied_server: PrefixedServer) -> None:
    check_keepalive_pings(proxied_server.url)
