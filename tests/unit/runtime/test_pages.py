"""Multipage apps without a browser: pages/, st.navigation, switching, links, page URLs."""

from __future__ import annotations

import html
import json
import textwrap
from pathlib import Path

import pytest

from jupyst.app.session import AppSession
from jupyst.elements.navigation import page_icon_and_name, page_sort_key
from jupyst.runtime.script_source import ScriptSource
from tests.unit.helpers import find, leaves, settle


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def run_file(path: Path) -> AppSession:
    session = AppSession(ScriptSource(path=str(path)))
    settle(session)
    return session


def menu(session: AppSession) -> list[tuple[str, bool]]:
    assert session.last_ctx is not None
    return [(n.props["label"], bool(n.props.get("active"))) for n in session.last_ctx.roots["sidebar"].walk() if n.kind == "nav_link"]


def click(session: AppSession, kind: str, index: int = 0) -> None:
    session.on_click(find(session, kind, index))
    settle(session)


def url_state(session: AppSession) -> dict:
    return json.loads(html.unescape(session.browser_url.widget.value))


def test_file_names_give_titles_icons_and_order():
    assert page_icon_and_name(Path("03_📈_Sales_report.py")) == ("📈", "Sales_report")
    assert page_icon_and_name(Path("about.py")) == ("", "about")
    names = ["10_z.py", "2_b.py", "a.py", "1_c.py"]
    assert sorted(names, key=lambda n: page_sort_key(Path(n))) == ["1_c.py", "2_b.py", "10_z.py", "a.py"]


@pytest.fixture
def pages_app(tmp_path: Path) -> Path:
    write(tmp_path / "main_app.py", """
        import jupyst as st
        st.session_state.setdefault("visits", 0)
        st.session_state.visits += 1
        st.text(f"main {st.session_state.visits}")
        st.slider("shared label", 0, 10, 1)
    """)
    write(tmp_path / "pages" / "1_🎈_Balloons.py", """
        import jupyst as st
        st.text("balloons")
        st.slider("shared label", 0, 10, 1)
        st.page_link("main_app.py", label="home")
        if st.button("go"):
            st.switch_page("pages/2_last.py", query_params={"from": "balloons"})
    """)
    write(tmp_path / "pages" / "2_last.py", """
        import jupyst as st
        st.text("last " + st.query_params.get("from", "-"))
        st.page_link("pages/missing.py")
    """)
    return tmp_path / "main_app.py"


def test_pages_folder_menu_switching_and_state(pages_app: Path):
    session = run_file(pages_app)
    assert menu(session) == [("main app", True), ("Balloons", False), ("last", False)]
    main_slider = find(session, "slider").widget_id
    click(session, "nav_link", 1)
    assert leaves(session)[0] == ("text", "balloons")
    # Same call in another page, another id: the page's hash is part of it.
    assert find(session, "slider").widget_id != main_slider
    assert url_state(session)["page"] == "Balloons"
    assert url_state(session)["title"] == "Balloons"
    click(session, "page_link")
    assert leaves(session)[0] == ("text", "main 2")  # same session: state kept
    click(session, "nav_link", 1)
    click(session, "button")
    # switch_page: the new page, its query parameters, a new history entry.
    assert leaves(session)[0] == ("text", "last balloons")
    state = url_state(session)
    assert (state["page"], state["query"], state["push"]) == ("last", "from=balloons", True)
    # A link to a file that is not a page is Streamlit's error, in the app.
    exception = find(session, "exception")
    assert "Could not find page: `pages/missing.py`" in str(exception.props)
    assert "Only the entrypoint file and files in the `pages/` directory are supported." in str(exception.props)
    session.close()


def test_page_url_opened_by_the_visitor(pages_app: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SCRIPT_NAME", "/app/Balloons")
    monkeypatch.setenv("VOILA_BASE_URL", "/app/")
    monkeypatch.setenv("QUERY_STRING", "")
    session = run_file(pages_app)
    assert leaves(session)[0] == ("text", "balloons")
    assert menu(session)[1] == ("Balloons", True)
    session.close()
    monkeypatch.setenv("SCRIPT_NAME", "/app/nowhere")
    session = run_file(pages_app)
    assert leaves(session)[0] == ("text", "main 1")
    assert any(n.kind == "toast" for n in session.last_ctx.roots["event"].walk())
    assert url_state(session)["page"] == ""
    session.close()


NAV = """
    import jupyst as st

    def first():
        st.text("first page")

    def second():
        st.text("second page")

    pages = {"A": [st.Page(first, icon="🔥")], "B": [st.Page(second, title="Two", url_path="two", default=True)]}
    page = st.navigation(pages)
    st.sidebar.text("after menu")
    page.run()
"""


def test_navigation_sections_default_and_menu_first(tmp_path: Path):
    session = run_file(write(tmp_path / "nav.py", NAV))
    assert leaves(session) == [("text", "second page")]
    sidebar = session.last_ctx.roots["sidebar"]
    assert [n.kind for n in sidebar.children] == ["nav_menu", "text"]
    assert [(n.kind, n.props.get("label")) for n in sidebar.children[0].children] == [
        ("nav_section", "A"), ("nav_link", "first"), ("nav_section", "B"), ("nav_link", "Two"),
    ]
    click(session, "nav_link", 0)
    assert leaves(session) == [("text", "first page")]
    assert url_state(session)["page"] == "first"
    session.close()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("st.navigation([st.Page(f, url_path='x'), st.Page(g, url_path='x')])", "Two pages resolve to the URL pathname `/x`"),
        ("st.navigation([st.Page(f, default=True), st.Page(g, default=True)])", "Multiple Pages specified with `default=True`"),
        ("st.navigation([])", "The `pages` parameter is required"),
        ("st.navigation([f], position='left')", "Invalid `position` value"),
        ("st.Page('nowhere.py')", "Unable to create Page. The file `nowhere.py` could not be found."),
        ("st.Page(f, url_path='a/b')", "cannot include `/`"),
        ("st.Page('https://example.com')", "External URL pages require a non-empty title"),
        ("p = st.navigation([f, g]); p.run(); p.run()", "This page cannot be called directly"),
        ("st.switch_page('nowhere.py')", "Could not find page: `nowhere.py`"),
        ("st.page_link('https://example.com')", "The `label` parameter is required"),
    ],
)
def test_streamlit_errors(tmp_path: Path, body: str, message: str):
    source = f"import jupyst as st\ndef f():\n    st.text('f')\ndef g():\n    st.text('g')\n{body}\n"
    session = run_file(write(tmp_path / "bad.py", source))
    exception = find(session, "exception")
    assert message in str(exception.props)
    session.close()


def test_a_script_with_its_own_navigation_ignores_the_pages_folder(tmp_path: Path):
    write(tmp_path / "pages" / "other.py", "import jupyst as st\nst.text('other')\n")
    app = write(tmp_path / "app.py", """
        import jupyst as st
        st.navigation([st.Page(lambda: st.text("only page"), title="Only")]).run()
    """)
    session = run_file(app)
    assert leaves(session) == [("text", "only page")]
    assert menu(session) == []  # one page: no menu
    session.close()
