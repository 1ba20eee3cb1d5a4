"""Commands that are not elements: stop, rerun, set_page_config (options: :mod:`jupyst.runtime.options`).

``set_page_config`` may be called any number of times, anywhere in a run: each call adds to
the page settings (the last value of each setting wins), as in Streamlit 1.67. """

from __future__ import annotations

from collections.abc import Sequence
from itertools import dropwhile
from typing import Any, NoReturn

from jupyst.elements.lib.urls import is_url
from jupyst.errors import (
    RerunException,
    StopException,
    StreamlitAPIException,
    StreamlitInvalidLayoutContextError,
    StreamlitInvalidParameterTypeError,
    StreamlitValueError,
)
from jupyst.runtime.run_context import get_run_context

_SIDEBAR_VALUES = ["'auto'", "'expanded'", "'collapsed'", "'locked'", "a positive integer (width in pixels)"]
_MENU_KEYS = ("get help", "report a bug", "about")


def stop() -> NoReturn:
    """End this run here. What was drawn so far stays; the app waits for the next event."""
    raise StopException()


_SCOPES = ["'app'", "'fragment'", "a fragment key", "a list of keys"]


def _normal_scope(scope: Any) -> str | list[str]:
    """``scope`` checked as Streamlit 1.67 checks it: "app", "fragment", a key or a list of keys."""
    if isinstance(scope, int) and not isinstance(scope, bool):
        return str(scope)
    if isinstance(scope, (bytes, bytearray)) or not isinstance(scope, (str, Sequence)):
        raise StreamlitInvalidParameterTypeError("scope", type(scope).__name__, ["str", "int", "list[str | int]"])
    if isinstance(scope, str):
        if scope == "":
            raise StreamlitValueError("scope", _SCOPES, detail="Got an empty string.")
        return scope
    if len(scope) == 0:
        raise StreamlitValueError("scope", _SCOPES, detail="Got an empty list.")
    names: list[str] = []
    for name in scope:
        if isinstance(name, int) and not isinstance(name, bool):
            names.append(str(name))
        elif not isinstance(name, str):
            raise StreamlitInvalidParameterTypeError("scope list items", type(name).__name__, ["str", "int"])
        elif name == "":
            raise StreamlitValueError("scope list items", ["non-empty strings or ints"], detail="Found an empty string in the list.")
        else:
            names.append(name)
    for name in names:
        if name in ("app", "fragment"):
            raise StreamlitValueError(
                "scope", ["fragment keys"],
                detail=f"'{name}' is a reserved scope name and cannot appear inside a list. Pass '{name}' directly as a string.",
            )
    return names


def rerun(scope: Any = "app") -> NoReturn | None:
    """Start again now: the whole script, this fragment (``"fragment"``) or named fragments.

    Named fragments (a ``key`` given to ``@st.fragment``, or a list of them) may only be
    asked for from a widget callback; ``"fragment"`` only inside a fragment's own rerun.
    """
    scope = _normal_scope(scope)
    ctx = get_run_context()
    if ctx is None:
        raise RerunException()
    state = ctx.session.state
    ids: list[str] = []
    if scope == "fragment":
        queue = ctx.fragment_ids_this_run
        if not queue:
            raise StreamlitInvalidLayoutContextError(
                'scope="fragment" can only be specified from `@st.fragment`-decorated functions during fragment reruns.'
            )
        ids = list(dropwhile(lambda fid: fid != ctx.fragment_id, queue)) or list(queue)
    elif scope != "app":
        if not state.in_callback:
            raise StreamlitAPIException(
                "Passing a fragment key to `st.rerun()` is only allowed from a widget callback (e.g. "
                "`on_change` / `on_click`). Calling it from the main script body or a fragment body would "
                "abort the current run. If you meant to rerun the whole app or the current fragment, use "
                "`scope='app'` or `scope='fragment'`."
            )
        ids = ctx.session.fragments.resolve_keys([scope] if isinstance(scope, str) else scope)
    if state.in_callback:
        # Callbacks run right before the body: once they are done the body starts as a
        # fresh run (buttons reset), which is the rerun asked for. A rerun of the app by
        # any callback wins over named fragments.
        escalated = state.rerun_from_callback and state.rerun_targets == []
        state.rerun_from_callback = True
        state.rerun_targets = [] if escalated or not ids else [*(state.rerun_targets or ()), *ids]
        return None
    raise RerunException(ids)


class StreamlitInvalidURLError(StreamlitAPIException):
    def __init__(self, url: str, protocols: tuple[str, ...] = ("http", "https", "mailto")) -> None:
        prefixes = [f'"{p}:"' if p == "mailto" else f'"{p}://"' for p in protocols]
        if len(prefixes) <= 2:
            text = " or ".join(prefixes)
        else:
            text = f"{', '.join(prefixes[:-1])}, or {prefixes[-1]}"
        super().__init__(f'"{url}" is not a valid URL. You must use a fully qualified domain beginning with {text}.')


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
            if v is not None and k != "about" and not is_url(v, ("http", "https", "mailto")):
                raise StreamlitInvalidURLError(v)
        config["menu_items"] = items
    ctx = get_run_context()
    if ctx is None:
        return
    ctx.page_config.update(config)


# ----- config options ---------------------------------------------------------------------------------
