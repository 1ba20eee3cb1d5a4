"""Commands that are not elements: stop, rerun, set_page_config (options: :mod:`jupyst.runtime.options`).

``set_page_config`` may be called any number of times, anywhere in a run: each call adds to
the page settings (the last value of each setting wins), as in Streamlit 1.67. """

from __future__ import annotations

from typing import Any, NoReturn
from urllib.parse import urlparse

from jupyst.errors import RerunException, StopException, StreamlitAPIException, StreamlitValueError
from jupyst.runtime.run_context import get_run_context

_SIDEBAR_VALUES = ["'auto'", "'expanded'", "'collapsed'", "'locked'", "a positive integer (width in pixels)"]
_MENU_KEYS = ("get help", "report a bug", "about")


def stop() -> NoReturn:
    """End this run here. What was drawn so far stays; the app waits for the next event."""
    raise StopException()


def rerun(scope: str = "app") -> NoReturn | None:
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


class StreamlitInvalidURLError(StreamlitAPIException):
    def __init__(self, url: str, protocols: tuple[str, ...] = ("http", "https", "mailto")) -> None:
        prefixes = [f'"{p}:"' if p == "mailto" else f'"{p}://"' for p in protocols]
        if len(prefixes) <= 2:
            text = " or ".join(prefixes)
        else:
            text = f"{', '.join(prefixes[:-1])}, or {prefixes[-1]}"
        super().__init__(f'"{url}" is not a valid URL. You must use a fully qualified domain beginning with {text}.')


def _is_url(url: Any, schemes: tuple[str, ...]) -> bool:
    try:
        parsed = urlparse(str(url))
    except ValueError:
        return False
    if parsed.scheme not in schemes:
        return False
    return parsed.scheme == "mailto" or bool(parsed.netloc)


def _favicon(page_icon: Any) -> Any:
    import random

    from jupyst.elements.lib.icons import is_emoji, validate_material_icon

    if page_icon == "random":
        return random.choice("🎈🚀🎉✨🔥🌟💡🎨📈🧪🌈🍀")
    if isinstance(page_icon, str) and is_emoji(page_icon):
        return page_icon
    if isinstance(page_icon, str) and page_icon.startswith(":material"):
        return validate_material_icon(page_icon)
    return page_icon


def set_page_config(page_title: str | None = None, page_icon: Any = None, layout: str | None = None, initial_sidebar_state: str | int | None = None, menu_items: dict[str, Any] | None = None) -> None:
    """Set the page's title, icon, layout, sidebar state and menu; calls add up, the last wins."""
    config: dict[str, Any] = {}
    if page_title is not None:
        config["page_title"] = page_title
    if page_icon is not None:
        config["page_icon"] = _favicon(page_icon)
    if layout not in (None, "centered", "wide"):
        raise StreamlitValueError("layout", ["'centered'", "'wide'"])
    if layout is not None:
        config["layout"] = layout
    state = initial_sidebar_state
    if isinstance(state, bool) or not (state is None or state in ("auto", "expanded", "collapsed", "locked") or isinstance(state, int)):
        raise StreamlitValueError("initial_sidebar_state", _SIDEBAR_VALUES, detail=f"Got {state!r}.")
    if isinstance(state, int) and not isinstance(state, bool):
        if state <= 0:
            raise StreamlitValueError("initial_sidebar_state", _SIDEBAR_VALUES, detail=f"Got {state}.")
        config["initial_sidebar_state"] = "auto"
        config["initial_sidebar_width"] = state
    elif state is not None:
        config["initial_sidebar_state"] = state
    if menu_items is not None:
        items = {str(k).lower().strip(): v for k, v in menu_items.items()}
        for k, v in items.items():
            if k not in _MENU_KEYS:
                raise StreamlitValueError(
                    "menu_items", ["'Get help'", "'Report a bug'", "'About'"], detail=f"`{k}` is not a supported menu item key."
                )
            if v is not None and k != "about" and not _is_url(v, ("http", "https", "mailto")):
                raise StreamlitInvalidURLError(v)
        config["menu_items"] = items
    ctx = get_run_context()
    if ctx is None:
        return
    ctx.page_config.update(config)


# ----- config options ---------------------------------------------------------------------------------
