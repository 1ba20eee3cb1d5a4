"""``st.menu_button`` and ``st.pagination`` driven through their widgets as a browser does;
forged picks and pages are refused."""

from __future__ import annotations

from typing import Any

from tests.unit.helpers import leaves, send_from_browser, settle, start, widget


def _texts(session: Any) -> list[Any]:
    return [v for k, v in leaves(session) if k == "text"]


def test_menu_button_returns_the_pick_once_and_runs_its_callback():
    session = start(
        """
        import jupyst as st
        st.session_state.setdefault("picks", [])
        def picked():
            st.session_state.picks.append("cb")
        choice = st.menu_button("Export", [10, 20, 30], format_func=lambda n: f"{n} rows", on_click=picked)
        st.text(f"choice={choice!r} picks={st.session_state.picks}")
        """
    )
    box = widget(session, "menu_button")
    assert [b.description for b in box._menu.children] == ["10 rows", "20 rows", "30 rows"]
    assert box._menu.layout.display == "none"
    box._toggle.click()
    assert box._menu.layout.display == ""
    box._menu.children[1].click()
    settle(session)
    assert _texts(session) == ["choice=20 picks=['cb']"]
    assert box._menu.layout.display == "none"
    session.request_rerun()
    settle(session)
    assert _texts(session) == ["choice=None picks=['cb']"]
    # The same option again is a second pick.
    box._menu.children[1].click()
    settle(session)
    assert _texts(session) == ["choice=20 picks=['cb', 'cb']"]
    session.close()


def test_a_forged_menu_pick_is_refused():
    session = start(
        """
        import jupyst as st
        st.text(repr(st.menu_button("M", ["a"])))
        """
    )
    box = widget(session, "menu_button")
    runs = session.run_count
    box.value = {"seq": 9, "index": 5}  # what a forged message would leave on the box
    settle(session)
    assert session.run_count == runs
    assert _texts(session) == ["None"]
    session.close()


def test_pagination_moves_between_pages_and_keeps_the_page():
    session = start(
        """
        import jupyst as st
        page = st.pagination(20, default=3, max_visible_pages=5, key="p")
        st.text(f"page={page}")
        """
    )
    box = widget(session, "pagination")
    def labels() -> list[str]:
        return [getattr(c, "value", "") or c.description for c in box._row.children]

    # At most five page buttons: the first, the last and a window around the page.
    assert labels() == ["‹", "1", "2", "3", "4", "…", "20", "›"]
    assert _texts(session) == ["page=3"]
    box._row.children[-1].click()  # next
    settle(session)
    assert _texts(session) == ["page=4"]
    assert labels() == ["‹", "1", "…", "3", "4", "5", "…", "20", "›"]
    [last] = [c for c in box._row.children if getattr(c, "description", "") == "20"]
    last.click()
    settle(session)
    assert _texts(session) == ["page=20"]
    assert box._row.children[-1].disabled  # no next page after the last
    session.request_rerun()
    settle(session)
    assert _texts(session) == ["page=20"]
    session.close()


def test_a_forged_page_is_refused_and_the_app_lives():
    session = start(
        """
        import jupyst as st
        st.text(f"page={st.pagination(3)}")
        """
    )
    box = widget(session, "pagination")
    runs = session.run_count
    for forged in (0, 4, "2", True):
        box.value = forged
        settle(session)
    assert session.run_count == runs
    assert box.value == 1
    send_from_browser(box._row.children[2], **{})  # a stray message to a page button changes nothing
    box._row.children[2].click()
    settle(session)
    assert _texts(session) == ["page=2"]
    session.close()
