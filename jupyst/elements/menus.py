"""``st.menu_button`` (a button whose options are one-time picks) and ``st.pagination``.

A menu button is a trigger with a payload: the option picked is its value in the one run
after the pick and None otherwise. A pagination is an int widget, the page (1-based), kept
between runs like any widget value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from jupyst.elements.lib.composite_renderer import CompositeWidgetRenderer
from jupyst.elements.lib.icons import icon_text, validate_icon
from jupyst.elements.lib.markdown import render
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.options import formatted, to_list
from jupyst.elements.lib.registry import InvalidWidgetValue, register
from jupyst.elements.lib.sizing import validate_width
from jupyst.elements.lib.widget_base import WidgetCall, widget_value
from jupyst.errors import (
    StreamlitAPIException,
    StreamlitInvalidParameterTypeError,
    StreamlitValueError,
    StreamlitValueOutOfRangeError,
)
from jupyst.widgets.menus import MenuBox, PaginationBox

if TYPE_CHECKING:
    pass


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class MenusMixin(ElementMixin):
    def menu_button(self, label: str, options: Any, *, key: Any = None, help: str | None = None, on_click: Any = None, args: Any = None, kwargs: Any = None, type: str = "secondary", icon: str | None = None, disabled: bool = False, width: Any = "content", format_func: Callable[[Any], Any] = str, wrap: bool | None = None) -> Any:
        """Draw a button that opens a menu; returns the option picked, in the run after the pick."""
        if type not in ("primary", "secondary", "tertiary"):
            raise StreamlitValueError("type", ["'primary'", "'secondary'", "'tertiary'"])
        validate_width(width, allow_content=True)
        icon = validate_icon(icon) or None
        opts = to_list(options)
        labels = formatted(opts, format_func)
        call = WidgetCall(
            kind="menu_button", label="" if label is None else str(label), key=key, help=help, on_change=on_click,
            args=args, kwargs=kwargs, disabled=disabled,
            identity={"options": labels, "type": type, "icon": icon, "width": width},
            key_identity=("options",), trigger=True, writable=False,
        )
        props = {"options": labels, "type": type, "icon": icon, "choices": opts}
        return widget_value(self._dg, call, None, props)

    def pagination(self, num_pages: int, *, default: int = 1, max_visible_pages: int | None = 7, width: Any = "content", key: Any = None, on_change: Any = "rerun", args: Any = None, kwargs: Any = None, disabled: bool = False, bind: Any = None, persist_state: Any = None) -> int:
        """Draw page buttons; returns the page chosen (1-based)."""
        if not _is_int(num_pages) or num_pages < 1:
            raise StreamlitAPIException(f"`num_pages` must be an integer of at least 1. Got {num_pages}.")
        if not _is_int(default):
            raise StreamlitInvalidParameterTypeError("default", type(default).__name__, ["int"])
        if not 1 <= default <= num_pages:
            raise StreamlitValueOutOfRangeError("default", default, 1, num_pages)
        if max_visible_pages is not None and (not _is_int(max_visible_pages) or max_visible_pages < 0):
            raise StreamlitAPIException(f"`max_visible_pages` must be a non-negative integer or None. Got {max_visible_pages}.")
        if bind is not None and bind != "query-params":
            raise StreamlitValueError("bind", ["'query-params'", "None"])
        validate_width(width, allow_content=True)
        call = WidgetCall(
            kind="pagination", label="", key=key, on_change=on_change, args=args, kwargs=kwargs, disabled=disabled,
            label_visibility="collapsed",
            identity={"num_pages": num_pages, "default": default, "max_visible_pages": max_visible_pages, "width": width},
        )

        def coerce(value: Any) -> int:
            # A stored page that no longer exists (fewer pages now) falls back to the default.
            return value if _is_int(value) and 1 <= value <= num_pages else default

        props = {"num_pages": num_pages, "max_visible_pages": max_visible_pages}
        return int(widget_value(self._dg, call, default, props, coerce))


@register
class MenuButtonRenderer(CompositeWidgetRenderer):
    kind = "menu_button"
    cls = MenuBox

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        icon = icon_text(props.get("icon"))
        text = render(props["label"], inline=True)
        return {
            "label_html": "",
            "options": list(props["options"]),
            "button_text": f"{icon} {props['label']}" if icon else str(props["label"]) if text else "",
            "button_type": props.get("type", "secondary"),
        }

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        # A pick is an event; the box keeps the last one without its counter, so the next
        # browser pick (a new counter) is always a change.
        labels = props["choices"]
        return {"index": labels.index(value)} if value is not None and value in labels else None

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        if raw is None:
            return None
        index = raw.get("index") if isinstance(raw, dict) else None
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(props["choices"]):
            raise InvalidWidgetValue(raw)
        return props["choices"][index]


@register
class PaginationRenderer(CompositeWidgetRenderer):
    kind = "pagination"
    cls = PaginationBox

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"num_pages": props["num_pages"], "max_visible": props["max_visible_pages"]}

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        if not _is_int(raw) or not 1 <= raw <= props["num_pages"]:
            raise InvalidWidgetValue(raw)
        return raw
