"""Config options: ``st.get_option`` / ``st.set_option`` over ``.streamlit/config.toml``.

The options are the subset of Streamlit's that jupyst knows, plus whatever the config files
set; only the ``client.*`` ones may be set from a script, with Streamlit's errors for the rest.
"""

from __future__ import annotations

import threading
from typing import Any

from jupyst.errors import StreamlitAPIException
from jupyst.runtime.config_file import get_config
from jupyst.runtime.run_context import get_run_context

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
            from jupyst.runtime.script_errors import LEVELS, detail_level

            # A value Streamlit does not know shows nothing, as in Streamlit.
            known = value in LEVELS or value in (True, False, "true", "false", "True", "False")
            ctx.session.show_error_details = detail_level(value) if known else "none"
