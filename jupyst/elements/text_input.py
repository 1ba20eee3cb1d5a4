"""``st.text_input`` and ``st.text_area``: strings, committed on Enter or blur as in Streamlit."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.registry import InvalidWidgetValue, register
from jupyst.elements.lib.widget_base import WidgetCall, widget_value
from jupyst.elements.lib.widget_renderer import WidgetRenderer
from jupyst.errors import StreamlitValueError

_TYPES = ("default", "password", "email", "url", "phone", "search")


def _check_value(value: Any, max_chars: int | None) -> str | None:
    # Streamlit cuts a default longer than ``max_chars`` (its deserializer truncates).
    if value is None:
        return None
    text = str(value)
    return text if max_chars is None else text[:max_chars]


class TextInputMixin(ElementMixin):
    def text_input(self, label: str, value: str | None = "", max_chars: int | None = None, key: Any = None, type: str = "default", help: str | None = None, autocomplete: str | None = None, on_change: Any = "rerun", args: Any = None, kwargs: Any = None, *, placeholder: str | None = None, disabled: bool = False, required: bool = False, label_visibility: str = "visible", icon: str | None = None, width: Any = "stretch", validate: Any = None, live: bool = False, bind: Any = None, persist_state: Any = None) -> str | None:
        """Draw a one-line text field and return its text (None if ``value=None`` and empty)."""
        if type not in _TYPES:
            raise StreamlitValueError("type", [repr(t) for t in _TYPES])
        given = None if value is None else str(value)
        value = _check_value(value, max_chars)
        call = WidgetCall(
            kind="text_input", label=label, key=key, help=help, on_change=on_change, args=args,
            kwargs=kwargs, disabled=disabled, label_visibility=label_visibility,
            identity={"value": given, "max_chars": max_chars, "type": type, "autocomplete": autocomplete, "placeholder": placeholder},
            key_identity=("max_chars",),
        )
        props = {"max_chars": max_chars, "type": type, "placeholder": placeholder}
        return widget_value(self._dg, call, value, props)

    def text_area(self, label: str, value: str | None = "", height: Any = None, max_chars: int | None = None, key: Any = None, help: str | None = None, on_change: Any = "rerun", args: Any = None, kwargs: Any = None, *, placeholder: str | None = None, disabled: bool = False, required: bool = False, label_visibility: str = "visible", width: Any = "stretch", bind: Any = None, persist_state: Any = None) -> str | None:
        """Draw a multi-line text field and return its text."""
        given = None if value is None else str(value)
        value = _check_value(value, max_chars)
        call = WidgetCall(
            kind="text_area", label=label, key=key, help=help, on_change=on_change, args=args,
            kwargs=kwargs, disabled=disabled, label_visibility=label_visibility,
            identity={"value": given, "height": height, "max_chars": max_chars, "placeholder": placeholder},
            key_identity=("max_chars",),
        )
        props = {"max_chars": max_chars, "height": height, "placeholder": placeholder}
        return widget_value(self._dg, call, value, props)


@register
class TextInputRenderer(WidgetRenderer):
    kind = "text_input"

    def widget_class(self, props: dict[str, Any]) -> type[w.Widget]:
        return w.Password if props.get("type") == "password" else w.Text

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"placeholder": props.get("placeholder") or "", "continuous_update": False}

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        return "" if value is None else value

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        if not isinstance(raw, str):
            raise InvalidWidgetValue(raw)
        limit = props.get("max_chars")
        if limit is not None and len(raw) > limit:
            raise InvalidWidgetValue(raw)
        # A cleared field sends "" even when the widget started at None, as Streamlit's
        # front end does (an empty string is a valid value).
        return raw


@register
class TextAreaRenderer(TextInputRenderer):
    kind = "text_area"

    def widget_class(self, props: dict[str, Any]) -> type[w.Widget]:
        return w.Textarea

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        out = super().own_traits(props)
        height = props.get("height")
        if isinstance(height, int):
            out["rows"] = max(2, height // 24)
        return out
