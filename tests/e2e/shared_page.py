"""One loaded app page that the tests of a module take turns on, instead of a page load each.

A page load costs seconds (in isolated mode a kernel start, an import of jupyst and the app's
first run), and most tests of a module open the same app to act on widgets the others do not
touch. ``SharedPage.turn`` hands out the open page, loading it first when there is none (the
first turn, or the last test closed it or failed, so that no test starts from a broken page).
After each turn it keeps the test's screenshot, as the per-test ``page`` fixture does, and
puts the window back to its size. A module opts in with a fixture of its own; the tests keep
their names and assertions, and each still passes when run alone.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest

#: set on a test item whose setup or call failed (tests/e2e/conftest.py's report hook)
FAILED = pytest.StashKey[bool]()


class SharedPage:
    """The page of one URL, in a browser context of its own, reused from turn to turn."""

    def __init__(self, browser: Any, load: Callable[[Any, str], object] | None = None) -> None:
        """``load(page, url)`` loads a page and waits until it is ready (by default: an app
        page, ``open_url``)."""
        self.browser = browser
        self.load = load
        self.url = ""
        self._context: Any = None
        self._page: Any = None

    def _open(self, url: str, *, loaded: bool = True) -> Any:
        from tests.e2e.conftest import VIEWPORT, PageRecorder, open_url

        self.close()
        self._context = self.browser.new_context(viewport=VIEWPORT)
        page = self._context.new_page()
        page.recorder = PageRecorder(page)
        self.url = url
        self._page = page
        if loaded:
            try:
                (self.load or open_url)(page, url)
            except BaseException:  # a page that never got ready is no page to hand on
                self.close()
                raise
        return page

    @contextlib.contextmanager
    def turn(self, url: str, request: pytest.FixtureRequest, *, blank: bool = False) -> Iterator[Any]:
        """The page of ``url`` for one test; loaded when none is open for that URL. ``blank``: a new
        page, not loaded, for a test that watches the load itself and hands the result on."""
        from tests.e2e.conftest import VIEWPORT, save_screenshot

        page = self._page
        if blank:
            page = self._open(url, loaded=False)
        elif page is None or page.is_closed() or self.url != url:
            page = self._open(url)
        yield page
        usable = not page.is_closed() and not request.node.stash.get(FAILED, False)
        if usable:
            save_screenshot(page, request.node.name)
            try:
                page.set_viewport_size(VIEWPORT)  # the screenshot may have made the window taller
            except Exception:  # the test closed the page, and the close was still under way
                usable = False
        if not usable:  # closed by the test, or left as a failed test left it
            if not page.is_closed():
                save_screenshot(page, request.node.name)
            self.close()

    def close(self) -> None:
        if self._context is not None:
            with contextlib.suppress(Exception):  # a closed browser has closed it already
                self._context.close()
        self._context = None
        self._page = None
