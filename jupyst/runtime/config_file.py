"""Streamlit's ``.streamlit/config.toml``, read the way Streamlit reads it.

Three files, later ones winning: the user's ``~/.streamlit/config.toml``, the one in the
working directory, and the one beside the app's script. ``get_config()`` flattens them into
``{"section.option": value}`` (``theme.sidebar.primaryColor`` keeps its dotted path); the
``st.get_option`` of :mod:`jupyst.commands` and the `jupyst run` command read it. A file that
is not valid TOML, or an option jupyst uses with a value of the wrong type, is a
:class:`ConfigError` whose message is one line.

Only a few options change what jupyst does: ``server.port`` / ``server.address`` (defaults
of `jupyst run`), ``server.maxUploadSize`` (``st.file_uploader``),
``client.showErrorDetails`` (tracebacks in a published app) and the ``theme.*`` colours and
font (CSS variables of the page, see :func:`theme_css`).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

try:
    import tomllib
except ImportError:  # pragma: no cover - Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

CONFIG_FOLDER = ".streamlit"
CONFIG_FILE = "config.toml"

#: client.showErrorDetails values (Streamlit 1.67 keeps True/False for compatibility)
ERROR_DETAIL_VALUES = ("full", "stacktrace", "type", "none", True, False)


class ConfigError(Exception):
    """A config or secrets file that cannot be used; the message is one line."""


def streamlit_file_paths(name: str, script_dir: str | os.PathLike[str] | None = None) -> list[Path]:
    """``name`` in the user's, the working directory's and the script's ``.streamlit`` folder.

    Order is Streamlit's: later files override earlier ones. Duplicates are dropped.
    """
    candidates = [Path.home() / CONFIG_FOLDER / name, Path.cwd() / CONFIG_FOLDER / name]
    if script_dir is not None:
        candidates.append(Path(script_dir) / CONFIG_FOLDER / name)
    out: list[Path] = []
    seen: set[str] = set()
    for path in candidates:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


def display_path(path: Path) -> str:
    """A path as short as it can be said: relative to the working directory when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_toml(path: Path) -> dict[str, Any] | None:
    """The parsed file, or None when there is none; a ConfigError when it is not valid TOML."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise ConfigError(f"{display_path(path)} is a folder, not a TOML file") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {display_path(path)}: {exc.strerror or type(exc).__name__}") from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{display_path(path)} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{display_path(path)} is not valid TOML: {_one_line(str(exc))}") from None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _flatten(prefix: str, table: dict[str, Any], out: dict[str, Any]) -> None:
    for name, value in table.items():
        key = f"{prefix}.{name}" if prefix else str(name)
        if isinstance(value, dict) and (prefix == "" or key.count(".") < 2):
            _flatten(key, value, out)
        else:
            out[key] = value


def load_config(paths: Iterable[Path]) -> dict[str, Any]:
    """The options of every existing file in ``paths``, later files winning, checked."""
    options: dict[str, Any] = {}
    for path in paths:
        data = read_toml(path)
        if data is None:
            continue
        flat: dict[str, Any] = {}
        _flatten("", data, flat)
        check_options(flat, display_path(path))
        options.update(flat)
    return options


def check_options(options: dict[str, Any], where: str) -> None:
    """Refuse values of the options jupyst uses that Streamlit would refuse too."""
    port = options.get("server.port")
    if port is not None and (isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535):
        raise ConfigError(f"{where}: server.port must be a whole number from 1 to 65535, not {port!r}")
    address = options.get("server.address")
    if address is not None and not isinstance(address, str):
        raise ConfigError(f"{where}: server.address must be a string, not {address!r}")
    for name in ("server.maxUploadSize", "server.maxMessageSize"):
        size = options.get(name)
        if size is not None and (isinstance(size, bool) or not isinstance(size, (int, float)) or size <= 0):
            raise ConfigError(f"{where}: {name} must be a positive number of megabytes, not {size!r}")
    details = options.get("client.showErrorDetails")
    if details is not None and details not in ERROR_DETAIL_VALUES:
        raise ConfigError(
            f"{where}: client.showErrorDetails must be one of 'full', 'stacktrace', 'type', 'none', "
            f"true or false, not {details!r}"
        )
    for key, value in options.items():
        if key.startswith("theme.") and key.rsplit(".", 1)[-1] in _THEME_VARS and not isinstance(value, str):
            raise ConfigError(f"{where}: {key} must be a string, not {value!r}")
    base = options.get("theme.base")
    if base is not None and base not in ("light", "dark"):
        raise ConfigError(f"{where}: theme.base must be 'light' or 'dark', not {base!r}")


# ----- the running app's view ------------------------------------------------------------------------
_cache_lock = threading.Lock()
_cache: dict[tuple[Any, ...], dict[str, Any]] = {}


def _current_script_dir() -> str | None:
    from jupyst.runtime.run_context import get_run_context

    ctx = get_run_context()
    source = getattr(getattr(ctx, "session", None), "source", None)
    return source.directory if source is not None and getattr(source, "path", None) else None


def get_config(script_dir: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The options set in the config files, as ``{"section.option": value}``.

    ``script_dir`` defaults to the folder of the app whose run calls this. The result is
    cached until one of the files changes; callers get a copy. Raises ConfigError.
    """
    if script_dir is None:
        script_dir = _current_script_dir()
    paths = streamlit_file_paths(CONFIG_FILE, script_dir)
    stamp = tuple((str(p), _stat(p)) for p in paths)
    with _cache_lock:
        cached = _cache.get(stamp)
    if cached is None:
        cached = load_config(paths)
        with _cache_lock:
            _cache.clear()
            _cache[stamp] = cached
    return dict(cached)


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def show_error_details(options: dict[str, Any], default: bool) -> bool:
    """Whether a visitor sees tracebacks: ``client.showErrorDetails`` when set, else ``default``."""
    value = options.get("client.showErrorDetails")
    if value is None:
        return default
    return value not in (False, "none")


# ----- theme -----------------------------------------------------------------------------------------
#: theme option -> CSS variable of jupyst.css
_THEME_VARS = {
    "primaryColor": "--jupyst-primary",
    "backgroundColor": "--jupyst-bg",
    "secondaryBackgroundColor": "--jupyst-secondary-bg",
    "textColor": "--jupyst-text",
    "borderColor": "--jupyst-border",
    "linkColor": "--jupyst-link",
    "font": "--jupyst-font",
}
_DARK = {
    "primaryColor": "#ff4b4b",
    "backgroundColor": "#0e1117",
    "secondaryBackgroundColor": "#262730",
    "textColor": "#fafafa",
    "borderColor": "rgba(250, 250, 250, 0.2)",
}
#: the rest of Streamlit's dark palette: the same variables jupyst.css sets for JupyterLab's dark
#: themes (under body[data-jp-theme-light="false"]), which a published page does not carry
_DARK_EXTRAS = {
    "--jupyst-muted": "rgba(250, 250, 250, 0.6)",
    "--jupyst-faint": "rgba(250, 250, 250, 0.35)",
    "--jupyst-rule": "rgba(250, 250, 250, 0.1)",
    "--jupyst-header-bg": "#1a1c24",
    "--jupyst-code": "#3dd56d",
    "--jupyst-link-color": "#3d9df3",
    "--jupyst-success-fg": "#dffde9",
    "--jupyst-success-bg": "rgba(61, 213, 109, 0.2)",
    "--jupyst-info-fg": "#c7ebff",
    "--jupyst-info-bg": "rgba(61, 157, 243, 0.2)",
    "--jupyst-warning-fg": "#ffffc2",
    "--jupyst-warning-bg": "rgba(255, 227, 18, 0.2)",
    "--jupyst-error-fg": "#ffdede",
    "--jupyst-error-bg": "rgba(255, 108, 108, 0.2)",
    "--jupyst-red-fg": "#ff6c6c",
    "--jupyst-green-fg": "#5ce488",
}
#: with only a text colour set, the muted and faint greys are that colour, lighter
_FROM_TEXT = {"--jupyst-muted": 0.6, "--jupyst-faint": 0.35, "--jupyst-border": 0.2, "--jupyst-rule": 0.1}
_FONTS = {
    "sans serif": '"Source Sans Pro", "Source Sans 3", -apple-system, "Segoe UI", Roboto, sans-serif',
    "sans-serif": '"Source Sans Pro", "Source Sans 3", -apple-system, "Segoe UI", Roboto, sans-serif',
    "serif": '"Source Serif Pro", "Source Serif 4", Georgia, serif',
    "monospace": '"Source Code Pro", Menlo, Consolas, monospace',
}
_COLOR = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|(rgb|rgba|hsl|hsla)\([0-9.,%\s/]{1,60}\)")
_FONT_NAME = re.compile(r"[A-Za-z0-9 _-]{1,60}")


def theme_variables(options: dict[str, Any]) -> dict[str, str]:
    """CSS variables for the theme options set, with values that are safe to put in a stylesheet.

    A value that is not a plain colour or font name is left out (never copied into CSS).
    """
    values: dict[str, Any] = dict(_DARK) if options.get("theme.base") == "dark" else {}
    for name in _THEME_VARS:
        value = options.get(f"theme.{name}")
        if value is not None:
            values[name] = value
    out: dict[str, str] = {}
    for name, value in values.items():
        if not isinstance(value, str):
            continue
        value = value.strip()
        if name == "font":
            font = _FONTS.get(value.lower())
            if font is None and _FONT_NAME.fullmatch(value):
                font = f'"{value}", {_FONTS["sans serif"]}'
            if font is not None:
                out[_THEME_VARS[name]] = font
        elif _COLOR.fullmatch(value):
            out[_THEME_VARS[name]] = value
    return out


def _faded(color: str, alpha: float) -> str | None:
    """``color`` at ``alpha`` opacity, for a hex colour (None for any other form)."""
    text = color.lstrip("#")
    if not color.startswith("#") or len(text) not in (3, 6) or any(c not in "0123456789abcdefABCDEF" for c in text):
        return None
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    r, g, b = (int(text[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r}, {g}, {b}, {alpha})"


def theme_css(options: dict[str, Any]) -> str:
    """The page's theme rules ('' when no theme option is set).

    The selector outranks jupyst.css's own palette for published pages
    (``body.jupyst-page .jupyst-app``), so every element, bqplot's axes and the grid, which
    all read these variables, follow the theme.
    """
    variables = theme_variables(options)
    if not variables:
        return ""
    if options.get("theme.base") == "dark":
        variables = {**_DARK_EXTRAS, **variables}
    text = options.get("theme.textColor")
    if isinstance(text, str) and "--jupyst-text" in variables:
        for name, alpha in _FROM_TEXT.items():
            faded = _faded(variables["--jupyst-text"], alpha)
            if faded is not None and not (name == "--jupyst-border" and options.get("theme.borderColor")):
                variables[name] = faded
    decls = " ".join(f"{name}: {value};" for name, value in variables.items())
    rules = [f"html body.jupyst-page, html body.jupyst-page .jupyst-app {{ {decls} }}"]
    if "--jupyst-bg" in variables:
        rules.append(
            "html, body.jupyst-page, body.jupyst-page div#rendered_cells, #jupyst-loading "
            "{ background: var(--jupyst-bg); }"
        )
    if "--jupyst-font" in variables:
        rules.append("html body.jupyst-page .jupyst-app { font-family: var(--jupyst-font); }")
    if "--jupyst-link" in variables:
        rules.append("html body.jupyst-page .jupyst-app a { color: var(--jupyst-link); }")
    return "\n".join(rules)
