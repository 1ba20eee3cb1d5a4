"""Health endpoints and the visitor cap in both serving modes (`jupyst hello`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.e2e.server import JupystServer
from tests.e2e.widget_client import http_get

pytestmark = [pytest.mark.e2e, pytest.mark.isolated_too]


def test_health_endpoints_answer(hello_server: JupystServer) -> None:
    for path in ("healthz", "readyz", "_stcore/health"):
        status, headers, body = http_get(hello_server.url + path)
        assert (status, body) == (200, b"ok"), path
        assert "no-store" in headers.get("Cache-Control", "")


def test_max_sessions_turns_the_next_visitor_away(start_server: Callable[..., JupystServer]) -> None:
    server = start_server("hello", "--max-sessions", "1", name="capped")
    status, _, body = http_get(server.url)
    assert status == 200
    assert b"jupyter-config-data" in body
    # That page holds the only place (a kernel, or a session): the next visitor is refused.
    status, headers, body = http_get(server.url + "readyz")
    assert (status, body) == (503, b"busy")
    assert int(headers["Retry-After"]) > 0
    status, headers, body = http_get(server.url)
    assert status == 503
    assert int(headers["Retry-After"]) > 0
    assert b"This app is busy, try again shortly." in body
    assert http_get(server.url + "healthz")[0] == 200
