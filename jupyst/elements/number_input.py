"""``st.number_input``: an int or float field with Streamlit's typing and bound checks.

It is drawn as Streamlit draws it: a text field showing the value in ``format`` (empty for
None, with the placeholder) and − / + buttons that step within the bounds.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import ipywidgets as w
import traitlets

from jupyst.elements.lib.composite_renderer import CompositeWidgetRenderer
from jupyst.elements.lib.formatting import PrintfError, check_number_input_format, js_str, sprintf
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.registry import InvalidWidgetValue, clearable, register
from jupyst.elements.lib.widget_base import WidgetCall, widget_value
from jupyst.errors import (
    StreamlitInvalidMinMaxError,
    StreamlitMixedNumericTypesError,
    StreamlitValueAboveMaxError,
    StreamlitValueBelowMinError,
)
from jupyst.widgets.composite import ValueBox

_JS_MAX_INT = 2**53 - 1


class NumberInputMixin(ElementMixin):
    def number_input(self, label: str, min_value: Any = None, max_value: Any = None, value: Any = "min", step: Any = None, format: str | None = None, key: Any = None, help: str | None = None, on_change: Any = "rerun", args: Any = None, kwargs: Any = None, *, placeholder: str | None = None, disabled: bool = False, required: bool = False, label_visibility: str = "visible", icon: str | None = None, width: Any = "stretch", bind: Any = None, persist_state: Any = None) -> Any:
        """Draw a number field and return its int or float value (None when empty)."""
        identity = {"min_value": min_value, "max_value": max_value, "value": value, "step": step, "format": format, "placeholder": placeholder}
        given = [a for a in (min_value, max_value, step, value) if a is not None and a != "min"]
        all_int = all(isinstance(a, numbers.Integral) and not isinstance(a, bool) for a in given)
        all_float = all(isinstance(a, float) for a in given)
        if not all_int and not all_float:
            raise StreamlitMixedNumericTypesError(value=value, min_value=min_value, max_value=max_value, step=step)
        if value == "min":
            value = min_value if min_value is not None else 0.0 if all_float else 0
        is_int = isinstance(value, numbers.Integral) if value is not None else (all_int and not all_float)
        fmt = ("%d" if is_int else "%0.2f") if format is None else format
        check_number_input_format(fmt)
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
        return widget_value(self._dg, call, value, props, coerce)


class NumberBox(ValueBox):
    """A text field with − and + buttons, as Streamlit draws a number input.

    ``value`` is the number, or None when the field is empty. Typed text that is not a number
    (or is outside the bounds) puts the last value back; the buttons move by ``step`` within
    the bounds.
    """

    step = traitlets.Float(1.0)
    min = traitlets.Float(None, allow_none=True)
    max = traitlets.Float(None, allow_none=True)
    is_int = traitlets.Bool(True)
    fmt = traitlets.Unicode("%d")
    placeholder = traitlets.Unicode("")

    def build(self) -> w.Widget:
        self._field = w.Text(continuous_update=False, _dom_classes=("jupyst-number-field",))
        self._minus = w.Button(description="−", _dom_classes=("jupyst-number-step",))
        self._plus = w.Button(description="+", _dom_classes=("jupyst-number-step",))
        self._field.observe(self._typed, names="value")
        self._minus.on_click(lambda _b: self._bump(-1))
        self._plus.on_click(lambda _b: self._bump(1))
        return w.HBox(children=(self._field, self._minus, self._plus), _dom_classes=("jupyst-number-row",))

    def parts(self) -> list[w.Widget]:
        return [self._body]

    def _parse(self, text: str) -> Any:
        text = text.strip().replace(",", "")
        if not text:
            return None
        number = float(text)
        if not math.isfinite(number):
            raise ValueError(text)
        if self.is_int:
            if number != int(number):
                raise ValueError(text)
            return int(number)
        return number

    def _typed(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        try:
            value = self._parse(change["new"])
        except ValueError:
            self._push()
            return
        if value is not None and ((self.min is not None and value < self.min) or (self.max is not None and value > self.max)):
            self._push()
            return
        self.value = value
        self._push()

    def _bump(self, sign: int) -> None:
        if self.disabled:
            return
        current = self.value if self.value is not None else (self.min if self.min is not None else 0)
        value = current + sign * self.step if self.value is not None else current
        if self.min is not None:
            value = max(value, self.min)
        if self.max is not None:
            value = min(value, self.max)
        self.value = int(round(value)) if self.is_int else round(value, 12)

    def pull(self) -> Any:
        return self.value

    def push(self, value: Any) -> None:
        self._field.placeholder = self.placeholder
        self._field.value = "" if value is None else field_text(self.fmt, value)

    @traitlets.observe("fmt", "placeholder")
    def _reformat(self, _change: dict[str, Any]) -> None:
        self._push()


def field_text(fmt: str, value: float) -> str:
    """The field's text as Streamlit's number input writes it: ``sprintf(fmt, value)``, or
    the bare number when the browser's sprintf refuses a format Python's ``%`` accepted
    (``"% d"``, ``"%#x"``)."""
    try:
        return sprintf(fmt, value)
    except PrintfError:
        return js_str(float(value))


@register
class NumberInputRenderer(CompositeWidgetRenderer):
    kind = "number_input"
    cls = NumberBox

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {
            "step": float(props["step"]),
            "min": None if props["min"] is None else float(props["min"]),
            "max": None if props["max"] is None else float(props["max"]),
            "is_int": props["data_type"] == "int",
            "fmt": str(props["format"]),
            "placeholder": props.get("placeholder") or "",
        }

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        if raw is None:
            if not clearable(props):  # an emptied field of a number input with a value
                raise InvalidWidgetValue(raw)
            return None
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not math.isfinite(raw):
            raise InvalidWidgetValue(raw)
        lo, hi = props["min"], props["max"]
        if (lo is not None and raw < lo) or (hi is not None and raw > hi):
            raise InvalidWidgetValue(raw)
        if props["data_type"] == "int":
            if abs(raw) > _JS_MAX_INT or raw != int(raw):
                raise InvalidWidgetValue(raw)
            return int(raw)
        return float(raw)
