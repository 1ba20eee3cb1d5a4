"""Commands that are not elements: stop, rerun, set_page_config, get_option, set_option.

``set_page_config`` may be called any number of times, anywhere in a run: each call adds to
the page settings (the last value of each setting wins), as in Streamlit 1.67. Config options
are the subset of Streamlit's that jupyst knows, plus whatever ``.streamlit/config.toml``
sets; only the ``client.*`` ones may be set from a script, with Streamlit's errors for the rest.
"""

from __future__ import annotations

import threading
from typing import Any, NoReturn
from urllib.parse import urlparse

from jupyst.errors import RerunException, StopException, StreamlitAPIException, StreamlitValueError
from jupyst.runtime.run_context import get_run_context

_SIDEBAR_VALUES = ["'auto'", "'expanded'", "'collapsed'", "'locked'", "a positive integer (width in pixels)"]
_MENU_KEYS = ("get help", "report a bug", "about")


def stop() -> NoReturn:
    """End this run here. What was drawn so far stays; the app waits for the next event."""
    raise StopException()


def rerun(scope: str = "app") -> NoReturn | None:  # type: ignore[misc]
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

    from jupyst.elements.icons import is_emoji, validate_material_icon

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
_THEME_KEYS = (
    "base", "primaryColor", "backgroundColor", "secondaryBackgroundColor", "textColor", "linkColor",
    "borderColor", "showWidgetBorder", "font", "codeFont", "headingFont", "baseFontSize", "baseRadius",
    "showSidebarBorder", "redColor", "orangeColor", "yellowColor", "blueColor", "greenColor",
    "violetColor", "grayColor",
)

#: option -> (default, scriptable). The options jupyst knows; others are "not defined".
_OPTIONS: dict[str, tuple[Any, bool]] = {
    "global.disableWidgetStateDuplicationWarning": (False, False),
    "global.showWarningOnDirectExecution": (True, False),
    "global.developmentMode": (False, False),
    "global.suppressDeprecationWarnings": (False, False),
    "global.appTest": (False, False),
    "logger.level": ("info", False),
    "logger.enableRich": (False, True),
    "client.showErrorDetails": ("full", True),
    "client.toolbarMode": ("auto", True),
    "client.disableDataExport": (False, True),
    "client.showSidebarNavigation": (True, True),
    "client.showErrorLinks": ("auto", False),
    "runner.magicEnabled": (True, False),
    "runner.fastReruns": (True, False),
    "runner.enforceSerializableSessionState": (False, False),
    "runner.enumCoercion": ("nameOnly", False),
    "server.maxUploadSize": (200, False),
    "server.maxMessageSize": (200, False),
    "server.port": (8501, False),
    "server.headless": (False, False),
    "server.runOnSave": (False, False),
    "browser.gatherUsageStats": (True, False),
    **{f"theme.{k}": (None, False) for k in _THEME_KEYS},
}
_values: dict[str, Any] = {}
_lock = threading.Lock()


def _config() -> dict[str, Any]:
    """Options from the ``.streamlit/config.toml`` files (see :mod:`jupyst.runtime.config_file`)."""
    try:
        from jupyst.runtime.config_file import get_config
    except ImportError:  # pragma: no cover - the runtime module is optional here
        return {}
    try:
        return get_config()
    except Exception:
        return {}


def get_option(key: str) -> Any:
    """The current value of a config option (``"client.showErrorDetails"``, ``"theme.primaryColor"``...)."""
    config = _config()
    with _lock:
        if key not in _OPTIONS and key not in config:
            raise RuntimeError(f'Config key "{key}" not defined.')
        if key == "global.appTest":
            ctx = get_run_context()
            return bool(ctx is not None and getattr(ctx.session, "is_app_test", False))
        if key in _values:
            return _values[key]
        return config.get(key, _OPTIONS.get(key, (None,))[0])


def set_option(key: str, value: Any) -> None:
    """Set a config option; only ``client.*`` options can be set from a script."""
    if key not in _OPTIONS:
        raise StreamlitAPIException(f"Unrecognized config option: {key}")
    if not _OPTIONS[key][1]:
        raise StreamlitAPIException(
            f"{key} cannot be set on the fly. Set as command line option, e.g. streamlit run "
            f"script.py --{key}, or in config.toml instead."
        )
    with _lock:
        _values[key] = value
    if key == "client.showErrorDetails":
        ctx = get_run_context()
        if ctx is not None:
            ctx.session.show_error_details = value not in (False, "none")
