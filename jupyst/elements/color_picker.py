"""``st.color_picker``: a hex colour string, ``"#000000"`` by default."""

from __future__ import annotations

import re
from typing import Any

import ipywidgets as w

from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.registry import InvalidWidgetValue, register
from jupyst.elements.lib.widget_base import WidgetCall, widget_value
from jupyst.elements.lib.widget_renderer import WidgetRenderer
from jupyst.errors import StreamlitAPIException, StreamlitInvalidParameterTypeError

HEX_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


class ColorPickerMixin(ElementMixin):
    def color_picker(self, label: str, value: str | None = None, key: Any = None, help: str | None = None, on_change: Any = "rerun", args: Any = None, kwargs: Any = None, *, disabled: bool = False, label_visibility: str = "visible", width: Any = "content", bind: Any = None, persist_state: Any = None) -> str:
        """Draw a colour swatch with a picker and return the colour as ``"#rrggbb"``."""
        identity = {"value": str(value)}
        if value is None:
            value = "#000000"
        if not isinstance(value, str):
            raise StreamlitInvalidParameterTypeError(
                "value", type(value).__name__, ["str"], detail="Pass a hex string like `'#00FFAA'` or `'#000'`."
            )
        if not HEX_COLOR.match(value):
            raise StreamlitAPIException(
                f"'{value}' is not a valid hex code for colors. Valid ones are like '#00FFAA' or '#000'."
            )
        call = WidgetCall(
            kind="color_picker", label=label, key=key, help=help, on_change=on_change, args=args,
            kwargs=kwargs, disabled=disabled, label_visibility=label_visibility, identity=identity,
        )
        return widget_value(self._dg, call, value, {})


@register
class ColorPickerRenderer(WidgetRenderer):
    kind = "color_picker"
    cls = w.ColorPicker

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"concise": True}  # the swatch alone, as Streamlit draws it (no hex text field)

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        return value if isinstance(value, str) and HEX_COLOR.match(value) else "#000000"

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        if not isinstance(raw, str):
            raise InvalidWidgetValue(raw)
        color = raw if raw.startswith("#") else f"#{raw}"
        if not HEX_COLOR.match(color):
            raise InvalidWidgetValue(raw)
        return color
