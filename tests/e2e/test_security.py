"""What a visitor must not be able to do to a published app.

The app here is a script in a folder of its own, next to a "secret" module, a notebook and a
data file: the app may read them (its kernel runs in that folder), visitors may not. The
attack over the websocket comes from the page the first test loaded (tests/e2e/shared_page.py)
when that test ran.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import kernel_id, open_app, save_text, wait_for_socket
from tests.e2e.server import JupystServer
from tests.e2e.shared_page import SharedPage

pytestmark = [pytest.mark.e2e, pytest.mark.isolated_too]

SECRET = "token-d41d8cd98f00"
APP = '''import streamlit as st
from pathlib import Path

st.title("Files app")
st.text("data: " + Path("data.txt").read_text().strip())
'''

# The browser sends the messages itself, as any visitor's page could.
SEND_EXECUTE_REQUEST = """async ({kernel, code}) => {
  const ws = new WebSocket(`ws://${location.host}/api/kernels/${kernel}/channels?session_id=e2e-attacker`);
  await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = () => fail(new Error("websocket failed")); });
  const seen = [];
  const replied = new Promise((ok) => {
    ws.onmessage = (event) => {
      const msg = JSON.parse(event.data);
      seen.push(msg.header.msg_type);
      if (msg.header.msg_type === "kernel_info_reply") { ok(); }
    };
  });
  const message = (type, content) => ({
    header: { msg_id: "e2e-" + Math.random().toString(16).slice(2), username: "e2e", session: "e2e-attacker",
              msg_type: type, version: "5.3", date: new Date().toISOString() },
    parent_header: {}, metadata: {}, content, channel: "shell", buffers: [],
  });
  ws.send(JSON.stringify(message("execute_request", {
    code, silent: false, store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: true })));
  // The shell channel answers in order: once this reply is here, the kernel would have run
  // the code above had it received it.
  ws.send(JSON.stringify(message("kernel_info_request", {})));
  const timeout = new Promise((_, fail) => setTimeout(() => fail(new Error("no kernel_info_reply")), 20000));
  await Promise.race([replied, timeout]);
  ws.close();
  return seen;
}"""


@pytest.fixture(scope="module")
def app_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("files-app")
    (folder / "app.py").write_text(APP, encoding="utf-8")
    (folder / "data.txt").write_text("42\n", encoding="utf-8")
    (folder / "secret.py").write_text(f"SECRET = {SECRET!r}\n", encoding="utf-8")
    notebook = {"cells": [], "metadata": {"secret": SECRET}, "nbformat": 4, "nbformat_minor": 5}
    (folder / "notes.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def files_server(start_server: Callable[..., JupystServer], app_folder: Path) -> JupystServer:
    # Started from another folder: the app's folder must become the kernel's working dir.
    return start_server("run", str(app_folder / "app.py"), cwd=app_folder.parent, name="files")


@pytest.fixture
def first_visit(shared_page: SharedPage, files_server: JupystServer, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A new page for the test to load (it looks at the folder first); the next test's page."""
    with shared_page.turn(files_server.url, request, blank=True) as page:
        yield page


@pytest.fixture
def visited(shared_page: SharedPage, files_server: JupystServer, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The app, loaded: by the test before when it ran."""
    with shared_page.turn(files_server.url, request) as page:
        yield page


def test_script_app_reads_relative_files_and_writes_nothing_next_to_it(
    first_visit: Any, files_server: JupystServer, app_folder: Path
) -> None:
    page = first_visit
    before = sorted(p.name for p in app_folder.iterdir())
    open_app(page, files_server)
    page.locator(".jupyst-main").get_by_text("data: 42", exact=True).wait_for(timeout=15_000)
    assert page.title() == "app"  # no set_page_config: the script's name, as Streamlit does
    assert sorted(p.name for p in app_folder.iterdir() if p.name != "__pycache__") == before


def test_execute_request_over_websocket_is_refused(
    visited: Any, files_server: JupystServer, tmp_path: Path
) -> None:
    page = visited
    target = tmp_path / "pwned"
    code = f"open({str(target)!r}, 'w').write('owned')"
    # The second socket below takes the kernel from the page's own, which reconnects at once and
    # takes it back: the mark the page sets when its app has stopped keeps it from reconnecting
    # (the page is not used after this test); its first socket must be open before.
    wait_for_socket(page)
    page.evaluate("() => document.body.appendChild(Object.assign(document.createElement('div'), {id: 'jupyst-stopped', hidden: true}))")
    seen = page.evaluate(SEND_EXECUTE_REQUEST, {"kernel": kernel_id(page), "code": code})
    assert "kernel_info_reply" in seen  # the channel works ...
    assert "execute_reply" not in seen
    assert "execute_input" not in seen
    time.sleep(0.5)
    assert not target.exists()
    assert 'Received message of type "execute_request", which is not allowed' in files_server.log()
    # The app itself still works after the attempt.
    page.locator(".jupyst-main").get_by_text("data: 42", exact=True).wait_for(timeout=15_000)


#: every route a visitor might try for the app's files; each must answer 403 or 404
PROBES = [
    "/voila/files/app.py",
    "/voila/files/secret.py",
    "/voila/files/notes.ipynb",
    "/voila/files/data.txt",
    "/voila/files/app.ipynb",  # the generated notebook, in the server's private folder
    "/app.py",
    "/secret.py",
    "/notes.ipynb",
    "/voila/static/app.py",
    "/voila/static/..%2F..%2Fapp.py",
    "/voila/files/..%2Fsecret.py",
    "/api/contents/secret.py",
    "/voila/api/contents/secret.py",
    "/voila/render/notes.ipynb",
]
#: path tricks Voilà answers with an error of its own (its template static handler fails an
#: assertion: 500); they must not serve anything either
TRICKS = ["/voila/templates/jupyst/static/..%2F..%2F..%2Fapp.py", "/voila/templates/lab/static/..%2F..%2Fsecret.py"]


def test_sources_and_notebooks_are_not_served(files_server: JupystServer, request: pytest.FixtureRequest) -> None:
    answers = {path: files_server.get(path) for path in PROBES + TRICKS}
    save_text(request.node.name, "\n".join(f"{status} {path}" for path, (status, _) in answers.items()))
    assert {path: status for path, (status, _) in answers.items() if path in PROBES and status not in (403, 404)} == {}
    assert {path: status for path, (status, _) in answers.items() if status < 400} == {}
    for path, (_, body) in answers.items():
        assert SECRET.encode() not in body, path
        assert b"read_text" not in body, path  # the app's own source
