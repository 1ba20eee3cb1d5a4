"""Fixtures of the visual parity suite: one browser, and each app served by both sides.

Every (app, theme) pair is served once by ``jupyst run`` and once by ``streamlit run``,
from a folder holding the app and a ``.streamlit/config.toml`` with that theme's base, in
the same headless Chromium at the same window size. The suite uses one long app
(apps/gallery.py, every element family), so four servers answer it all; ``gallery_page``
loads each (theme, side) page once for the session and the checks share it. Screenshots of
the pages go to ``artifacts/visual/`` (not committed).
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import CHROMIUM_ARGS, REPO  # noqa: F401 - the browser fixtures come from tests/conftest.py
from tests.e2e.server import JupystServer
from tests.visual.servers import StreamlitServer

APPS = Path(__file__).parent / "apps"
ARTIFACTS = REPO / "artifacts" / "visual"
VIEWPORT = {"width": 1280, "height": 900}
READY = {
    "jupyst": ".jupyst-app .jupyst-main .jupyst-element",
    "streamlit": '[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]',
}
LOAD_TIMEOUT_MS = 120_000


@pytest.fixture(scope="session")
def served(e2e_root: Path, server_env: dict[str, str]) -> Iterator[Callable[[str, str, str], str]]:  # noqa: F811
    """``served(app, theme, side)`` → the URL of that app on that side; servers stop at the end."""
    urls: dict[tuple[str, str, str], str] = {}
    stoppers: list[Callable[[], Any]] = []

    def serve(app: str, theme: str, side: str) -> str:
        key = (app, theme, side)
        if key not in urls:
            folder = e2e_root / "visual" / theme
            if not folder.exists():
                (folder / ".streamlit").mkdir(parents=True)
                (folder / ".streamlit" / "config.toml").write_text(f'[theme]\nbase = "{theme}"\n', encoding="utf-8")
            script = folder / f"{app}.py"
            shutil.copy(APPS / f"{app}.py", script)
            log = e2e_root / f"visual-{app}-{theme}-{side}.log"
            if side == "jupyst":
                server: Any = JupystServer(["run", script.name], server_env, folder, log).start()
                stoppers.append(server.stop)
            else:
                server = StreamlitServer(script, server_env, folder, log).start()
                stoppers.append(server.stop)
            urls[key] = server.url
        return urls[key]

    yield serve
    for stop in stoppers:
        stop()


@pytest.fixture
def open_page(browser: Any, served: Callable[[str, str, str], str], request: pytest.FixtureRequest) -> Iterator[Callable[[str, str, str], Any]]:  # noqa: F811
    """``open_page(app, theme, side)`` → a loaded page; its screenshot is kept."""
    contexts: list[Any] = []

    def open_(app: str, theme: str, side: str, texts: tuple[str, ...] = ()) -> Any:
        context = browser.new_context(viewport=VIEWPORT)
        contexts.append(context)
        page = context.new_page()
        page.goto(served(app, theme, side), wait_until="commit", timeout=LOAD_TIMEOUT_MS)
        page.wait_for_selector(READY[side], timeout=LOAD_TIMEOUT_MS)
        for text in texts:  # every element has drawn (Streamlit loads some lazily)
            page.get_by_text(text, exact=True).first.wait_for(timeout=LOAD_TIMEOUT_MS)
        settle(page, side)
        screenshot(page, f"{app}-{theme}-{side}")
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def gallery_page(browser: Any, served: Callable[[str, str, str], str]) -> Iterator[Callable[[str, str], Any]]:  # noqa: F811
    """``gallery_page(theme, side)`` → the gallery app's page, loaded once per session.

    What the parity checks read is measured right after the load (``page.visual``), so tests
    that then click on the page (the dropdown) change nothing those checks see.
    """
    from tests.visual.gallery_labels import ICON_CAPTIONS, MAIN, SIDEBAR, WAIT_FOR
    from tests.visual.measure import first_char, layout, material_icons, measure

    pages: dict[tuple[str, str], Any] = {}
    contexts: list[Any] = []

    def load(theme: str, side: str) -> Any:
        if (theme, side) not in pages:
            context = browser.new_context(viewport=VIEWPORT)
            contexts.append(context)
            page = context.new_page()
            page.goto(served("gallery", theme, side), wait_until="commit", timeout=LOAD_TIMEOUT_MS)
            page.wait_for_selector(READY[side], timeout=LOAD_TIMEOUT_MS)
            for text in WAIT_FOR:  # the last elements have drawn (Streamlit loads some lazily)
                page.get_by_text(text, exact=True).first.wait_for(timeout=LOAD_TIMEOUT_MS)
            page.evaluate("document.fonts.ready.then(() => true)")
            settle(page, side)
            screenshot(page, f"gallery-{theme}-{side}")
            page.visual = {
                "texts": measure(page, side, SIDEBAR + MAIN),
                "icons": material_icons(page, side),
                "chars": {caption: first_char(page, caption) for caption in ICON_CAPTIONS},
                "layout": layout(page, side),
            }
            pages[(theme, side)] = page
        return pages[(theme, side)]

    yield load
    for context in contexts:
        context.close()


def settle(page: Any, side: str) -> None:
    """Wait until the page stops changing (charts and grids draw after the first element)."""
    last = ""
    for _ in range(40):
        time.sleep(0.5)
        now = str(page.evaluate("document.body.innerText.length + ':' + document.querySelectorAll('*').length"))
        if now == last and (side != "streamlit" or not page.query_selector('[data-testid="stStatusWidget"]')):
            return
        last = now


def screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"
    try:
        height = page.evaluate(
            "Math.max(...[...document.querySelectorAll('#rendered_cells, [data-testid=stMain], [data-testid=stAppScrollToBottomContainer], body')].map(e => e.scrollHeight))"
        )
        page.set_viewport_size({"width": VIEWPORT["width"], "height": min(int(height) + 40, 16000)})
        time.sleep(0.5)
        page.screenshot(path=str(path))
        page.set_viewport_size(VIEWPORT)
    except Exception:  # a screenshot must never turn a result into an error
        pass
