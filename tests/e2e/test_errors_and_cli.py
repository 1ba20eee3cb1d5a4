"""`jupyst run` as a Streamlit user runs it: Streamlit's flags, script arguments, errors in the
terminal and the page, and a quiet log.

Servers bind 127.0.0.1 only; the hidden-details case is configured with Streamlit's own flag
(``--client.showErrorDetails none``) rather than by listening on another address.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import LOAD_TIMEOUT_MS, save_text
from tests.e2e.server import JupystServer

pytestmark = pytest.mark.e2e

HELPER = "def explode(n):\n    return n / 0\n"
APP = """\
import sys

import streamlit as st
from helper import explode

st.text("argv " + " ".join(sys.argv[1:]))
explode(2)
"""
BROKEN = "import streamlit as st\n\nst.text('never')\nvalue = (1 +\nst.text(value)\n"


@pytest.fixture(scope="module")
def servers(e2e_root: Path, server_env: dict[str, str]) -> Iterator[dict[str, JupystServer]]:
    folder = e2e_root / "errors"
    folder.mkdir(exist_ok=True)
    (folder / "helper.py").write_text(HELPER, encoding="utf-8")
    (folder / "app.py").write_text(APP, encoding="utf-8")
    (folder / "broken.py").write_text(BROKEN, encoding="utf-8")
    started: dict[str, JupystServer] = {}
    try:
        # Streamlit's habits: config flags, then the script's own arguments after --
        runtime = JupystServer([], server_env, folder, e2e_root / "errors-runtime.log")
        runtime.args = [
            "run", "app.py", "--server.port", str(runtime.port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--", "--rows", "3",
        ]
        started["runtime"] = runtime.start()
        syntax = JupystServer(["run", "broken.py", "--client.showErrorDetails", "none"], server_env, folder, e2e_root / "errors-syntax.log")
        started["syntax"] = syntax.start()
        yield started
    finally:
        for server in started.values():
            server.request_stop()
        for server in started.values():
            server.stop()


def _wait_for_log(server: JupystServer, text: str, page: Any) -> str:
    """The server's log once it holds ``text`` (kernels write it a moment after the page shows)."""
    for _ in range(100):
        log = server.log()
        if text in log:
            return log
        page.wait_for_timeout(100)
    return server.log()


def test_a_script_error_shows_in_the_page_and_the_terminal(servers: dict[str, JupystServer], page: Any, request) -> None:
    server = servers["runtime"]
    page.goto(server.url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
    error = page.locator(".jupyst-app .jupyst-exception")
    error.wait_for(timeout=LOAD_TIMEOUT_MS)
    shown = error.inner_text()
    # on a loopback address the page has the details: type, message, the user's frames
    assert "ZeroDivisionError" in shown
    assert "division by zero" in shown
    assert 'helper.py", line 2, in explode' in shown
    # the script got its arguments as with `streamlit run app.py -- --rows 3`
    assert page.locator(".jupyst-app .jupyst-text").first.inner_text().strip() == "argv --rows 3"
    log = _wait_for_log(server, "ZeroDivisionError: division by zero", page)
    save_text(request.node.name, log)
    folder = Path(server.cwd)
    assert "jupyst: error details shown in the page (serving on a loopback address)" in log
    assert f'File "{folder / "app.py"}", line 7, in <module>' in log
    assert f'File "{folder / "helper.py"}", line 2, in explode' in log
    assert "ZeroDivisionError: division by zero" in log


def test_a_syntax_error_points_at_the_users_line_and_hidden_details_stay_hidden(
    servers: dict[str, JupystServer], page: Any, request
) -> None:
    server = servers["syntax"]
    page.goto(server.url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
    error = page.locator(".jupyst-app .jupyst-exception")
    error.wait_for(timeout=LOAD_TIMEOUT_MS)
    shown = error.inner_text()
    assert "This app has encountered an error" in shown
    assert "SyntaxError" not in shown
    assert "broken.py" not in shown
    log = _wait_for_log(server, "SyntaxError", page)
    save_text(request.node.name, log)
    assert "jupyst: error details hidden from the page (client.showErrorDetails)" in log
    assert f'File "{Path(server.cwd) / "broken.py"}", line 4' in log
    assert "value = (1 +" in log
    assert "^" in log
    assert "ast.py" not in log


def test_no_warning_at_start_or_at_a_visit(servers: dict[str, JupystServer], page: Any) -> None:
    server = servers["runtime"]
    page.goto(server.url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
    page.locator(".jupyst-app .jupyst-exception").wait_for(timeout=LOAD_TIMEOUT_MS)
    page.wait_for_timeout(1000)  # the kernel websocket is open and has been used
    for name in ("runtime", "syntax"):
        log = servers[name].log()
        assert "WARNING" not in log, log
        assert "websocket_ping_timeout" not in log, log
        assert "not trusted" not in log, log
