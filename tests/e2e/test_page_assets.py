"""The page's front end reaches the browser gzipped, and a returning visitor's browser serves
it from its cache (jupyst/voila/static_assets.py), in both serving modes, for the front end
the page runs (jupyst/voila/frontend.py: jupyst's lean page, or Voilà's).

Read from what Chromium received: the headers of every script the page loaded, the bytes of
the front end's main file in both encodings, and, on a second visit in the same browser
context, whether the responses for the front end's files came from the cache. The app still
draws and answers. The second visit follows the first test's visit in the same context
(tests/e2e/shared_page.py) when that test ran, rather than loading the app once more first.
"""

from __future__ import annotations

import gzip
import re
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from jupyst.voila.frontend import chosen_frontend
from jupyst.voila.static_assets import MIN_GZIP_SIZE
from tests.e2e.conftest import open_app
from tests.e2e.server import JupystServer
from tests.e2e.shared_page import SharedPage

pytestmark = pytest.mark.e2e

#: Voilà's own files, under the versioned prefix that the page config points its loader at
VERSIONED = re.compile(r"/voila/static-[0-9a-f]+/")
#: the lean page's files: boot.js and page.js (``?v=<hash>``) and their chunks (``<name>.<hash>.js``)
LEAN_FILES = re.compile(r"/voila/templates/jupyst/static/page/")
LEAN_ENTRIES = ("/page/boot.js", "/page/page.js")
LEAN_CHUNK = re.compile(r"/page/[A-Za-z0-9_-]+\.[0-9a-f]{8,}\.js$")
WIDGET_MODULE = re.compile(r"/jupyst/modules/[a-z_]+\.js\?v=[0-9a-f]{16}$")


@dataclass(frozen=True)
class FrontEnd:
    """Where the page's front end comes from and which of its files is the main one."""

    files: re.Pattern[str]
    main: str
    #: at least this many of its scripts on a first visit (Voilà's loader fetches about a hundred)
    least: int


FRONT_ENDS = {
    "voila": FrontEnd(VERSIONED, "/voila.js", 21),
    "lean": FrontEnd(LEAN_FILES, "/page/page.js", 3),
}


def front_end() -> FrontEnd:
    """The front end the servers of this run draw pages with (the test process's environment
    is the servers')."""
    return FRONT_ENDS[chosen_frontend()]


def _fetch(url: str, encoding: str | None) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


@pytest.fixture
def first_visit(shared_page: SharedPage, hello_server: JupystServer, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A new page in a new context, for the test to load: its context is the next test's."""
    with shared_page.turn(hello_server.url, request, blank=True) as page:
        yield page


@pytest.fixture
def visited(shared_page: SharedPage, hello_server: JupystServer, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The app, loaded once in this context: by the test before when it ran."""
    with shared_page.turn(hello_server.url, request) as page:
        yield page


@pytest.mark.isolated_too  # each mode builds the page config its own way
def test_front_end_is_gzipped_and_cached_for_a_year(first_visit: Any, hello_server: JupystServer) -> None:
    page = first_visit
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    open_app(page, hello_server)
    ours = front_end()

    def scripts_now() -> list[Any]:
        return [r for r in responses if r.request.resource_type == "script" and r.url.startswith(hello_server.url)]

    # The app shows before the front end has fetched every chunk and extension it loads lazily.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (
        sum(bool(ours.files.search(r.url)) for r in scripts_now()) >= max(ours.least, 2)
        and any("/remoteEntry." in r.url for r in scripts_now())
    ):
        page.wait_for_timeout(100)
    scripts = scripts_now()
    front = [r for r in scripts if ours.files.search(r.url)]
    assert len(front) >= ours.least, [r.url for r in scripts][:10]  # the front end's loader fetched its chunks there
    assert not [r.url for r in scripts if "/voila/static/" in r.url]
    if ours is FRONT_ENDS["lean"]:
        # Nothing of Voilà's front end; boot.js and page.js carry their version, every chunk its hash.
        assert not [r.url for r in scripts if VERSIONED.search(r.url)]
        entries_of_page = [r.url for r in front if r.url.split("?")[0].endswith(LEAN_ENTRIES)]
        assert sorted(url.split("?")[0].rsplit("/", 1)[1] for url in entries_of_page) == ["boot.js", "page.js"]
        assert all(re.search(r"\?v=[0-9a-f]{16,}", url) for url in entries_of_page), entries_of_page
        chunks = [r.url for r in front if r.url not in entries_of_page]
        assert chunks
        assert all(LEAN_CHUNK.search(url.split("?")[0]) for url in chunks), chunks
        # jupyst's widget modules came from their versioned URLs, each once for all the
        # widgets it draws (the app has several labelled inputs), gzipped and immutable.
        modules = [r for r in scripts if "/jupyst/modules/" in r.url]
        names = sorted(r.url.split("/jupyst/modules/")[1].split("?")[0] for r in modules)
        assert "field_label.js" in names, names
        assert len(names) == len(set(names)), names
        for response in modules:
            assert WIDGET_MODULE.search(response.url), response.url
            headers = response.all_headers()
            assert "immutable" in headers.get("cache-control", ""), (response.url, headers)
            assert headers.get("content-encoding") == "gzip", (response.url, headers)
    entries = [r for r in scripts if "/voila/labextensions/" in r.url and "/remoteEntry." in r.url]
    assert entries  # the widget extensions' entry points
    for response in front + entries:
        headers = response.all_headers()
        assert "immutable" in headers.get("cache-control", ""), (response.url, headers)
        # Files under a kilobyte go as they are: gzip would save nothing worth its header.
        if headers.get("content-encoding") != "gzip":
            assert int(headers["content-length"]) < MIN_GZIP_SIZE, (response.url, headers)
    assert sum(r.all_headers().get("content-encoding") == "gzip" for r in front) >= ours.least

    # The gzipped bytes are the file's: the same script, asked for in both encodings.
    main_js = next(r.url for r in front if r.url.split("?")[0].endswith(ours.main))
    zipped_headers, zipped = _fetch(main_js, "gzip")
    plain_headers, plain = _fetch(main_js, None)
    assert zipped_headers.get("content-encoding") == "gzip"
    assert "content-encoding" not in plain_headers
    assert gzip.decompress(zipped) == plain
    assert len(zipped) < len(plain) / 2

    # An extension's file without a content hash in its name is still revalidated.
    package_headers, _ = _fetch(hello_server.url + "voila/labextensions/anywidget/package.json", "gzip")
    assert package_headers.get("cache-control") == "no-cache"


@pytest.mark.isolated_too
def test_the_page_itself_is_gzipped_for_a_browser_that_accepts_it(hello_server: JupystServer) -> None:
    zipped_headers, zipped = _fetch(hello_server.url, "gzip")
    assert zipped_headers.get("content-encoding") == "gzip"
    page = gzip.decompress(zipped).decode("utf-8")
    assert 'id="jupyter-config-data"' in page
    assert page.rstrip().endswith("</html>")
    plain_headers, plain = _fetch(hello_server.url, None)
    assert "content-encoding" not in plain_headers
    assert b'id="jupyter-config-data"' in plain
    assert len(zipped) < len(plain) / 2


def test_a_second_visit_loads_the_front_end_from_the_cache(visited: Any, hello_server: JupystServer) -> None:
    page = visited
    page.close(run_before_unload=True)
    second = page.context.new_page()
    cdp = page.context.new_cdp_session(second)
    cdp.send("Network.enable")
    seen: dict[str, bool] = {}
    ours = front_end()

    def received(params: dict[str, Any]) -> None:
        response = params["response"]
        if ours.files.search(response["url"]) or "/remoteEntry." in response["url"]:
            seen[response["url"]] = bool(response.get("fromDiskCache") or response.get("fromMemoryCache"))

    cdp.on("Network.responseReceived", received)
    open_app(second, hello_server)
    assert [url for url in seen if ours.files.search(url) and url.split("?")[0].endswith(ours.main)]
    assert [url for url, cached in seen.items() if not cached] == []
    # The app is whole and live: its slider answers a key press.
    square = second.locator(".jupyst-main .jupyst-text").filter(has_text="square = ").first
    before = square.inner_text().strip()
    handle = second.locator(".jupyst-main .jupyst-slider").filter(has_text="Pick a number").locator(".noUi-handle").first
    handle.focus()
    handle.press("ArrowRight")
    second.wait_for_function(
        "(before) => Array.prototype.some.call(document.querySelectorAll('.jupyst-main .jupyst-text'),"
        " (el) => el.textContent.includes('square = ') && el.textContent.trim() !== before)",
        arg=before, timeout=30_000,
    )
