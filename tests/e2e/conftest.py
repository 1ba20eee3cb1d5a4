"""Fixtures for the browser tests: `jupyst` servers, headless Chromium, a page per test.

Chromium is Debian's (``shutil.which("chromium")``), driven by Python playwright, which never
downloads a browser of its own. The machine has no internet: every host except 127.0.0.1
fails to resolve at once, inside the browser (``--host-resolver-rules``), not through
``page.route()``, which would drop Voilà's unload beacon. Each test leaves a screenshot of
its page in ``artifacts/e2e/``.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import threading
import time
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.binder_build import STEP_TIMEOUT, start_build, wait_for_cleanups
from tests.e2e.server import JupystServer
from tests.e2e.shared_page import FAILED, SharedPage

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts" / "e2e"
HELLO_NOTEBOOK = REPO / "notebooks" / "hello.ipynb"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    # a capture device for st.audio_input's recorder (a tone); a page still needs the
    # microphone permission, which a test grants its context
    "--use-fake-device-for-media-stream",
]
VIEWPORT = {"width": 1280, "height": 900}
#: the app is on screen: jupyst's main column has been rendered with its first element
APP_READY = ".jupyst-app .jupyst-main .jupyst-element"
LOAD_TIMEOUT_MS = 90_000


BINDER_THREAD = pytest.StashKey[threading.Thread]()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start building the Binder environment as soon as a Binder test is going to run: the build
    is minutes of installing, done meanwhile instead of in the test. Under pytest-xdist every
    worker collects every test; the first one builds (tests/e2e/binder_build.py)."""
    worker = getattr(session.config, "workerinput", {}).get("workerid", "gw0")
    if worker == "gw0" and any(item.get_closest_marker("binder") for item in session.items):
        session.config.stash[BINDER_THREAD] = start_build()


def pytest_sessionfinish(session: pytest.Session) -> None:
    thread = session.config.stash.get(BINDER_THREAD, None)
    if thread is not None:  # a worker that started the build stays until it is over
        thread.join(STEP_TIMEOUT)
    wait_for_cleanups()


#: the two ways `jupyst run` serves a script: one process for every visitor, a kernel each
SERVING_MODES = ("isolated", "shared")


@pytest.fixture(scope="session", params=SERVING_MODES)
def serving_mode(request: pytest.FixtureRequest) -> str:
    """A test that starts a script's server runs in shared mode, and in isolated mode too when its
    module is marked ``isolated_too`` (see pytest_collection_modifyitems)."""
    return str(request.param)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Both modes render with the same page and widget code; they differ in how a visitor's session
    lives (a kernel and its transport, or a session in the server). Modules that exercise that
    difference (loading, publishing, security, timers, streaming, errors) are marked
    ``isolated_too``; the others, which test what an element shows, run in shared mode only (the
    default for scripts), which keeps the suite within CI's time budget."""
    shared_only = [
        item for item in items
        if getattr(getattr(item, "callspec", None), "params", {}).get("serving_mode") == "isolated"
        and item.get_closest_marker("isolated_too") is None
    ]
    if shared_only:
        dropped = set(map(id, shared_only))
        items[:] = [item for item in items if id(item) not in dropped]
        config.hook.pytest_deselected(items=shared_only)


def mode_args(args: tuple[str, ...], mode: str) -> list[str]:
    """``args`` with the serving mode's flag, for a script app or `jupyst hello`."""
    serves_script = args[:1] == ("hello",) or (args[:1] == ("run",) and len(args) > 1 and args[1].endswith(".py"))
    if not serves_script or "--shared" in args or "--isolated" in args:
        return list(args)
    return [*args, f"--{mode}"]


def only_isolated(serving_mode: str, why: str) -> None:
    """Skip a test in shared mode, saying why it does not apply there."""
    if serving_mode == "shared":
        pytest.skip(f"isolated mode only: {why}")


@pytest.fixture(scope="session")
def start_server(
    e2e_root: Path, server_env: dict[str, str], serving_mode: str
) -> Iterator[Callable[..., JupystServer]]:
    """Start ``jupyst <args>`` in the session's serving mode; every server started is stopped
    when the mode's tests are done."""
    servers: list[JupystServer] = []

    def start(*args: str, cwd: Path = REPO, name: str = "server") -> JupystServer:
        log = e2e_root / f"{name}-{serving_mode}-{len(servers)}.log"
        server = JupystServer(mode_args(args, serving_mode), server_env, cwd, log)
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.request_stop()
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def hello_server(start_server: Callable[..., JupystServer]) -> JupystServer:
    return start_server("hello", name="hello")


@contextlib.contextmanager
def chromium_browser(env: dict[str, str]) -> Iterator[Any]:
    """Debian's Chromium, headless, driven by playwright's sync API. Start it once per test
    process (the ``browser`` fixture of tests/conftest.py): the sync API allows one playwright
    per thread, and a second one fails or breaks the first."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (make chromium)")
    with playwright_api.sync_playwright() as playwright:
        # launch() gives the browser a fresh temporary profile; HOME and XDG folders point
        # into the test's temporary directory as well.
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS, env=env)
        yield browser
        browser.close()


class PageRecorder:
    """What a page did that a test may want to check: errors and requests leaving 127.0.0.1."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        self.external: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("request", self._request)

    def _request(self, request: Any) -> None:
        url = request.url
        if not re.match(r"^(https?|wss?)://127\.0\.0\.1[:/]", url) and not url.startswith(("data:", "blob:", "about:")):
            self.external.append(url)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Mark a test whose setup or call failed, so that a page it shared is not handed on."""
    report = yield
    if report.failed:
        item.stash[FAILED] = True
    return report


@pytest.fixture(scope="module")
def shared_page(browser: Any) -> Iterator[SharedPage]:
    """One app page for a module's tests to take turns on (tests/e2e/shared_page.py)."""
    shared = SharedPage(browser)
    yield shared
    shared.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.recorder = PageRecorder(page)
    yield page
    if not page.is_closed():
        save_screenshot(page, request.node.name)
    context.close()


def save_screenshot(page: Any, name: str) -> Path:
    """The whole app, not just the window: the page scrolls inside Voilà's #rendered_cells."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"
    try:
        height = page.evaluate("(document.getElementById('rendered_cells') || document.body).scrollHeight")
        if isinstance(height, (int, float)) and height > VIEWPORT["height"]:
            page.set_viewport_size({"width": VIEWPORT["width"], "height": min(int(height), 4000)})
            time.sleep(0.2)  # let the layout settle at the new size
        page.screenshot(path=str(path))
    except Exception:  # a screenshot must never turn a result into an error
        pass
    return path


def save_text(name: str, text: str) -> Path:
    """The artifact of a test without a page: what it saw, as text."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return path


def open_app(page: Any, server: JupystServer) -> float:
    """Load the app and wait until it is on screen; returns the seconds that took."""
    return open_url(page, server.url)


def open_url(page: Any, url: str) -> float:
    """Load one URL of an app (a page, a query string) and wait until the app is on screen."""
    began = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector(APP_READY, timeout=LOAD_TIMEOUT_MS)
    return time.perf_counter() - began


def wait_for_socket(page: Any) -> None:
    """Until the page's kernel socket has opened. jupyst's lean page draws the app from the
    widget states in its HTML, before its socket is open (its `jupyst:socket-open` mark says
    when it is); Voilà's front end draws only after, so it has nothing to wait for."""
    page.wait_for_function(
        "() => !performance.getEntriesByName('jupyst:boot').length"
        " || performance.getEntriesByName('jupyst:socket-open').length > 0",
        timeout=LOAD_TIMEOUT_MS,
    )


def heading_text(locator: Any) -> str:
    """A heading's own text, without the "#" link to it that titles and headers carry."""
    return str(locator.evaluate(
        "el => { const copy = el.cloneNode(true);"
        " copy.querySelectorAll('.jupyst-anchor').forEach((a) => a.remove());"
        " return copy.textContent.trim(); }"
    ))


def kernel_id(page: Any) -> str:
    """The id of the page's kernel, from the config Voilà writes into the page."""
    return str(page.evaluate("JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"))
