"""``st.number_input``: an int or float field with Streamlit's typing and bound checks."""

from __future__ import annotations

import numbers
from typing import Any

import ipywidgets as w

from jupyst.elements.registry import InvalidWidgetValue, register
from jupyst.elements.widget_base import WidgetCall, widget_value
from jupyst.elements.widget_renderer import WidgetRenderer
from jupyst.errors import (
    StreamlitInvalidMinMaxError,
    StreamlitInvalidNumberFormatError,
    StreamlitMixedNumericTypesError,
    StreamlitValueAboveMaxError,
    StreamlitValueBelowMinError,
)

_JS_MAX_INT = 2**53 - 1


class NumberInputMixin:
    def number_input(self, label: str, min_value: Any = None, max_value: Any = None, value: Any = "min", step: Any = None, format: str | None = None, key: Any = None, help: str | None = None, on_change: Any = None, args: Any = None, kwargs: Any = None, *, placeholder: str | None = None, disabled: bool = False, label_visibility: str = "visible", icon: str | None = None, width: Any = "stretch") -> Any:
        """Draw a number field and return its int or float value (None when empty)."""
        identity = {"min_value": min_value, "max_value": max_value, "value": value, "step": step, "format": format, "placeholder": placeholder}
        given = [a for a in (min_value, max_value, step, value) if a is not None and a != "min"]
        all_int = all(isinstance(a, numbers.Integral) and not isinstance(a, bool) for a in given)
        all_float = all(isinstance(a, float) for a in given)
        if not all_int and not all_float:
            raise StreamlitMixedNumericTypesError(value=value, min_value=min_value, max_value=max_value, step=step)
        if value == "min":
            if min_value is not None:
                value = min_value
            else:
                value = 0.0 if all_float else 0
        is_int = isinstance(value, numbers.Integral) if value is not None else (all_int and not all_float)
        fmt = ("%d" if is_int else "%0.2f") if format is None else format
        try:
            float(fmt % 2)
        except (TypeError, ValueError):
            raise StreamlitInvalidNumberFormatError(fmt) from None
        if step is None:
            step = 1 if is_int else 0.01
        if min_value is not None and max_value is not None and min_value > max_value:
            raise StreamlitInvalidMinMaxError(min_value, max_value)
        if min_value is not None and value is not None and min_value > value:
            raise StreamlitValueBelowMinError(value, min_value)
        if max_value is not None and value is not None and max_value < value:
            raise StreamlitValueAboveMaxError(value, max_value)
        data_type = "int" if is_int and all_int else "float"

        def coerce(v: Any) -> Any:
            if v is None:
                return v
            if min_value is not None and v < min_value:
                return min_value
            if max_value is not None and v > max_value:
                return max_value
            return v

        call = WidgetCall(
            kind="number_input", label=label, key=key, help=help, on_change=on_change, args=args,
            kwargs=kwargs, disabled=disabled, label_visibility=label_visibility, identity=identity,
        )
        props = {"min": min_value, "max": max_value, "step": step, "format": fmt, "data_type": data_type, "placeholder": placeholder}
        return widget_value(self, call, value, props, coerce)


@register
class NumberInputRenderer(WidgetRenderer):
    kind = "number_input"

    def widget_class(self, props: dict[str, Any]) -> type[w.Widget]:
        return w.IntText if props["data_type"] == "int" else w.FloatText

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"step": props["step"], "continuous_update": False}

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        return 0 if value is None else value

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            raise InvalidWidgetValue(raw)
        lo, hi = props["min"], props["max"]
        if (lo is not None and raw < lo) or (hi is not None and raw > hi):
            raise InvalidWidgetValue(raw)
        if props["data_type"] == "int":
            if abs(raw) > _JS_MAX_INT:
                raise InvalidWidgetValue(raw)
            return int(raw)
        return float(raw)
