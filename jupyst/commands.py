"""Commands that are not elements: stop, rerun, set_page_config."""

from __future__ import annotations

from typing import Any, NoReturn

from jupyst.errors import RerunException, StopException, StreamlitAPIException
from jupyst.runtime.run_context import get_run_context

_LAYOUTS = ("centered", "wide")
_SIDEBAR = ("auto", "expanded", "collapsed")


def stop() -> NoReturn:
    """End this run here. What was drawn so far stays; the app waits for the next event."""
    raise StopException()


def rerun(*, scope: str = "app") -> NoReturn | None:  # type: ignore[misc]
    """Start the script again from the top, right now."""
    if scope not in ("app", "fragment"):
        raise StreamlitAPIException(f"'{scope}'is not a valid rerun scope. Valid scopes are 'app' and 'fragment'.")
    ctx = get_run_context()
    if ctx is not None and ctx.session.state.in_callback:
        # Callbacks run right before the body: once they are done the body starts as a
        # fresh run (buttons reset), which is the rerun asked for.
        ctx.session.state.rerun_from_callback = True
        return None
    raise RerunException()


def set_page_config(page_title: str | None = None, page_icon: Any = None, layout: str | None = None, initial_sidebar_state: str | int | None = None, menu_items: dict[str, Any] | None = None) -> None:
    """Set the page's title, icon, layout and sidebar state; calls add up, the last wins."""
    if layout is not None and layout not in _LAYOUTS:
        raise StreamlitAPIException(f'`layout` must be "centered" or "wide" (got "{layout}")')
    if isinstance(initial_sidebar_state, str) and initial_sidebar_state not in _SIDEBAR:
        raise StreamlitAPIException(
            f'`initial_sidebar_state` must be "auto" or "expanded" or "collapsed" (got "{initial_sidebar_state}")'
        )
    ctx = get_run_context()
    if ctx is None:
        return
    given = {"page_title": page_title, "page_icon": page_icon, "layout": layout, "initial_sidebar_state": initial_sidebar_state, "menu_items": menu_items}
    ctx.page_config.update({k: v for k, v in given.items() if v is not None})
