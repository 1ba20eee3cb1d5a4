"""``streamlit.components.v2``: components written as inline HTML, CSS and JavaScript.

``component(name, html=..., css=..., js=...)`` registers a component and returns its
mounting command; calling that command in a script draws an instance and returns its
:class:`~jupyst.elements.bidi_component.ComponentResult` (jupyst/elements/bidi_component.py
owns the element, jupyst/widgets/bidi_component.py its front end).

``css`` and ``js`` that look like file paths (Streamlit's rule: a glob, a separator, or a
``.js``/``.css`` suffix) name files of the ``asset_dir`` an installed package declares for
the component in its ``pyproject.toml`` (jupyst/components/v2/manifests.py); the server
serves them at ``_stcore/bidi-components/<name>/<file>`` and the page imports them from
there. Without such a package, a path is Streamlit's error.
"""

from __future__ import annotations

import logging
from typing import Any

from jupyst.components.v2 import types as types
from jupyst.components.v2.manifests import asset_root, resolve_asset
from jupyst.components.v2.types import ComponentRenderer
from jupyst.elements.bidi_component import DEFINITIONS, ComponentDefinition, ComponentResult
from jupyst.errors import StreamlitAPIException, StreamlitInvalidParameterTypeError
from jupyst.runtime.run_context import get_run_context

log = logging.getLogger("jupyst")

_GLOB = ("*", "?", "[", "]")
_ASSET_SUFFIXES = (".js", ".css", ".mjs", ".cjs")


def looks_like_path(value: str) -> bool:
    """Whether a ``css``/``js`` string names a file rather than holding code (Streamlit's rule)."""
    text = value.strip()
    if "\n" in text or "\r" in text:
        return False
    if any(c in text for c in _GLOB) or text.startswith(("./", "/", "\\")) or "/" in text or "\\" in text:
        return True
    return text.lower().endswith(_ASSET_SUFFIXES)


def _register(name: str, html: str | None, css: str | None, js: str | None) -> str:
    for param, value in (("css", css), ("js", js)):
        if value is not None and not isinstance(value, str):
            raise StreamlitInvalidParameterTypeError(param, type(value).__name__, ["str", "None"], detail="Pass a string path or glob.")
    files: dict[str, str | None] = {"css": None, "js": None}
    root = None
    for kind, value in (("css", css), ("js", js)):
        if value is None or not looks_like_path(value):
            continue
        root = asset_root(name)
        if root is None:
            raise StreamlitAPIException(
                f"Component '{name}' must be declared in pyproject.toml with asset_dir to use file-backed {kind}."
            )
        files[kind] = resolve_asset(value, root, kind)[1]
    DEFINITIONS.register(ComponentDefinition(
        name=name, html=html,
        css=None if files["css"] else css, js=None if files["js"] else js,
        asset_root=None if root is None else str(root), css_file=files["css"], js_file=files["js"],
    ))
    return name


def component(
    name: str,
    *,
    html: str | None = None,
    css: str | None = None,
    js: str | None = None,
    isolate_styles: bool = True,
) -> ComponentRenderer:
    """Register a component made of inline HTML, CSS and JavaScript; return its mounting command.

    ``js`` is an ES module whose default export receives ``{name, key, data, parentElement,
    setStateValue, setTriggerValue}`` and may return a cleanup function. With
    ``isolate_styles`` (the default) the HTML and CSS live in a shadow root. Registering a
    name again replaces the earlier definition. The returned command takes ``key``, ``data``,
    ``default``, ``width``, ``height`` and ``on_<name>_change`` callbacks and returns the
    component's state and trigger values.
    """
    key_name = _register(name, html, css, js)

    def mount(
        *,
        key: str | int | None = None,
        data: Any | None = None,
        default: dict[str, Any] | None = None,
        width: Any = "stretch",
        height: Any = "content",
        **on_callbacks: Any,
    ) -> ComponentResult:
        if "isolate_styles" in on_callbacks:
            on_callbacks.pop("isolate_styles")
            log.warning(
                "Passing `isolate_styles` when mounting a component created via `st.components.v2.component` is "
                "deprecated and will be ignored. Set `isolate_styles` when creating the component instead "
                "(`st.components.v2.component(..., isolate_styles=...)`)."
            )
        ctx = get_run_context()
        if ctx is None:
            return ComponentResult({}, {})
        if DEFINITIONS.get(key_name) is None:  # registered before this process forgot it: again
            _register(key_name, html, css, js)
        return ctx.active_container()._bidi_component(
            key_name,
            key=key,
            isolate_styles=isolate_styles,
            data=data,
            default=default,
            width=width,
            height=height,
            **on_callbacks,
        )

    return mount


__all__ = ["component"]
