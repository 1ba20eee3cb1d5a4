"""Streamlit app conventions in a real browser: ``pages/``, ``st.navigation``, ``st.query_params``,
``.streamlit/secrets.toml`` and the theme of ``.streamlit/config.toml``.

Page changes and query parameter writes are reruns of the same session: the page does not
reload (a marker set on ``window`` survives) and session state carries over, while the
address bar follows (``/<page>?<query>``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.conftest import open_app, open_url
from tests.e2e.server import JupystServer

pytestmark = pytest.mark.e2e

UPDATE_MS = 15_000

HOME = '''import os
import streamlit as st

st.session_state.setdefault("runs", 0)
st.session_state.runs += 1
st.text("home page")
st.text("secret user: " + st.secrets.db.user)
st.text("env api_key: " + os.environ.get("api_key", "-"))
st.text("q=" + st.query_params.get("q", "none"))
st.text("tags=" + ",".join(st.query_params.get_all("tag")))
if st.button("Set query"):
    st.query_params["q"] = "from app"
    st.query_params.n = 5
st.text(f"runs={st.session_state.runs}")
'''
CHARTS = '''import streamlit as st

st.text("charts page")
st.page_link("app.py", label="Back home")
if st.button("To settings"):
    st.switch_page("pages/2_settings.py", query_params={"from": "charts"})
'''
SETTINGS = '''import streamlit as st

st.text("settings page, from=" + st.query_params.get("from", "-"))
'''
SECRETS = '''api_key = "abc123"

[db]
user = "ann"
'''
CONFIG = '''[theme]
primaryColor = "#1f77b4"
font = "serif"
'''

NAV = '''import streamlit as st

def home():
    st.text("nav home")
    st.page_link(report_page, label="Open report", query_params={"year": 2024})

def report():
    st.text("report for " + st.query_params.get("year", "all years"))
    n = st.slider("n", 0, 10, 3)
    st.text(f"n={n}")

report_page = st.Page(report, title="Report", icon="📈", url_path="report")
pg = st.navigation({"Start": [st.Page(home, title="Home", default=True)], "Data": [report_page]})
st.sidebar.text("shared sidebar")
pg.run()
'''


@pytest.fixture(scope="module")
def pages_server(start_server: Callable[..., JupystServer], tmp_path_factory: pytest.TempPathFactory) -> JupystServer:
    folder = tmp_path_factory.mktemp("pages-app")
    (folder / "app.py").write_text(HOME, encoding="utf-8")
    (folder / "pages").mkdir()
    (folder / "pages" / "1_📈_Charts.py").write_text(CHARTS, encoding="utf-8")
    (folder / "pages" / "2_settings.py").write_text(SETTINGS, encoding="utf-8")
    (folder / ".streamlit").mkdir()
    (folder / ".streamlit" / "secrets.toml").write_text(SECRETS, encoding="utf-8")
    (folder / ".streamlit" / "config.toml").write_text(CONFIG, encoding="utf-8")
    return start_server("run", str(folder / "app.py"), name="pages")


@pytest.fixture(scope="module")
def nav_server(start_server: Callable[..., JupystServer], tmp_path_factory: pytest.TempPathFactory) -> JupystServer:
    folder = tmp_path_factory.mktemp("nav-app")
    (folder / "nav.py").write_text(NAV, encoding="utf-8")
    return start_server("run", str(folder / "nav.py"), name="nav")


def text(page: Any, value: str) -> Any:
    return page.locator(".jupyst-main").get_by_text(value, exact=True)


def mark_page(page: Any) -> None:
    """A marker that a page reload would lose."""
    page.evaluate("window.__jupystMarker = 'same page'")


def same_page(page: Any) -> bool:
    return page.evaluate("window.__jupystMarker") == "same page"


def path_and_query(page: Any) -> str:
    return str(page.evaluate("location.pathname + location.search"))


def test_query_params_come_from_the_url_and_go_back_to_it(page: Any, pages_server: JupystServer) -> None:
    open_url(page, pages_server.url + "?q=hello&tag=a&tag=b")
    text(page, "q=hello").wait_for(timeout=UPDATE_MS)
    text(page, "tags=a,b").wait_for(timeout=UPDATE_MS)
    # Secrets beside the app: nested tables by attribute, root strings in os.environ.
    text(page, "secret user: ann").wait_for(timeout=UPDATE_MS)
    text(page, "env api_key: abc123").wait_for(timeout=UPDATE_MS)
    # The theme's primary colour reaches the CSS variable jupyst.css uses.
    primary = page.evaluate("getComputedStyle(document.querySelector('.jupyst-app')).getPropertyValue('--jupyst-primary')")
    assert primary.strip() == "#1f77b4"
    mark_page(page)
    button = page.locator(".jupyst-main .jupyst-button", has_text="Set query")
    button.click()
    page.wait_for_function("location.search === '?q=from+app&tag=a&tag=b&n=5'", timeout=UPDATE_MS)
    # As in Streamlit, a write does not rerun; the next run reads the new value.
    button.click()
    text(page, "q=from app").wait_for(timeout=UPDATE_MS)
    assert same_page(page)
    assert page.recorder.errors == []


def test_pages_folder_menu_links_and_switch_page(page: Any, pages_server: JupystServer) -> None:
    open_app(page, pages_server)
    text(page, "runs=1").wait_for(timeout=UPDATE_MS)
    menu = page.locator(".jupyst-sidebar .jupyst-nav .jupyst-nav-link")
    menu.first.wait_for(timeout=UPDATE_MS)
    assert [menu.nth(i).inner_text().strip() for i in range(menu.count())] == ["app", "📈 Charts", "settings"]
    assert "jupyst-page-link-active" in (menu.first.get_attribute("class") or "")
    mark_page(page)
    # The menu: another page, same session, URL of its own, no reload.
    menu.nth(1).click()
    text(page, "charts page").wait_for(timeout=UPDATE_MS)
    page.wait_for_function("location.pathname === '/Charts'", timeout=UPDATE_MS)
    page.wait_for_function("document.title === 'Charts'", timeout=UPDATE_MS)
    assert text(page, "home page").count() == 0
    # st.page_link back home: session state kept (second run of the home page).
    page.locator(".jupyst-main .jupyst-page-link", has_text="Back home").click()
    text(page, "runs=2").wait_for(timeout=UPDATE_MS)
    page.wait_for_function("location.pathname === '/'", timeout=UPDATE_MS)
    # st.switch_page with query parameters.
    menu.nth(1).click()
    page.locator(".jupyst-main .jupyst-button", has_text="To settings").click()
    text(page, "settings page, from=charts").wait_for(timeout=UPDATE_MS)
    page.wait_for_function("location.pathname + location.search === '/settings?from=charts'", timeout=UPDATE_MS)
    assert same_page(page)
    # The browser's back button goes to the previous page's URL and shows that page.
    page.go_back()
    text(page, "charts page").wait_for(timeout=UPDATE_MS)
    assert path_and_query(page) == "/Charts"


def test_a_page_url_opens_that_page(page: Any, pages_server: JupystServer) -> None:
    open_url(page, pages_server.url + "Charts")
    text(page, "charts page").wait_for(timeout=UPDATE_MS)
    active = page.locator(".jupyst-sidebar .jupyst-nav .jupyst-page-link-active")
    assert active.inner_text().strip() == "📈 Charts"
    # A page that does not exist runs the main page, and the URL says so.
    open_url(page, pages_server.url + "no_such_page")
    text(page, "home page").wait_for(timeout=UPDATE_MS)
    page.wait_for_function("location.pathname === '/'", timeout=UPDATE_MS)


def test_navigation_with_sections_page_link_and_widget_state(page: Any, nav_server: JupystServer) -> None:
    open_app(page, nav_server)
    text(page, "nav home").wait_for(timeout=UPDATE_MS)
    sidebar = page.locator(".jupyst-sidebar")
    assert [s.strip() for s in sidebar.locator(".jupyst-nav-section").all_inner_texts()] == ["Start", "Data"]
    # The menu comes first in the sidebar, before what the script put there.
    assert sidebar.locator(".jupyst-nav + *").inner_text().strip() == "shared sidebar"
    mark_page(page)
    page.locator(".jupyst-main .jupyst-page-link", has_text="Open report").click()
    text(page, "report for 2024").wait_for(timeout=UPDATE_MS)
    page.wait_for_function("location.pathname + location.search === '/report?year=2024'", timeout=UPDATE_MS)
    handle = page.locator(".jupyst-main .jupyst-slider .noUi-handle").first
    handle.focus()
    handle.press("ArrowRight")
    text(page, "n=4").wait_for(timeout=UPDATE_MS)
    # The page menu leads home; the URL drops the report's query string.
    sidebar.locator(".jupyst-nav-link", has_text="Home").click()
    text(page, "nav home").wait_for(timeout=UPDATE_MS)
    page.wait_for_function("location.pathname + location.search === '/'", timeout=UPDATE_MS)
    assert same_page(page)
    assert page.recorder.errors == []
