"""``st.slider`` for ints and floats, single values and ranges.

Streamlit's rules: the type comes from ``value``/bounds, reversed bounds swap, a value outside
the bounds widens them, and a keyed slider keeps its value unless min, max or step change.
"""

from __future__ import annotations

from numbers import Integral, Real
from typing import Any

import ipywidgets as w

from jupyst.elements.lib import formatting
from jupyst.elements.lib.composite_renderer import CompositeWidgetRenderer
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.numbers import settle_bounds
from jupyst.elements.lib.registry import InvalidWidgetValue, register
from jupyst.elements.lib.widget_base import WidgetCall, widget_value
from jupyst.errors import (
    StreamlitInvalidMinMaxError,
    StreamlitInvalidParameterTypeError,
    StreamlitValueError,
)
from jupyst.runtime.run_context import require_run_context
from jupyst.widgets.sliders import (
    SliderBox,
    StrictFloatRangeSlider,
    StrictFloatSlider,
)

_DEFAULTS: dict[str, dict[str, Any]] = {
    "int": {"min_value": 0, "max_value": 100, "step": 1, "format": "%d"},
    "float": {"min_value": 0.0, "max_value": 1.0, "step": 0.01, "format": "%0.2f"},
}
_KINDS = ["int", "float", "date", "time", "datetime", "list", "tuple"]


def _num_type(v: Any) -> str:
    if isinstance(v, bool):
        return "other"
    if isinstance(v, Integral):
        return "int"
    if isinstance(v, Real):
        return "float"
    return "other"


def _is_timelike(value: Any) -> bool:
    import datetime

    return isinstance(value, (datetime.date, datetime.time))


def _state_holds_range(key: Any) -> bool:
    import datetime


    if key is None:
        return False
    state = require_run_context().session.state
    if str(key) not in state:
        return False
    return not isinstance(state[str(key)], (Integral, Real, datetime.date, datetime.time))


class SliderMixin(ElementMixin):
    def slider(self, label: str, min_value: Any = None, max_value: Any = None, value: Any = None, step: Any = None, format: str | None = None, key: Any = None, help: str | None = None, on_change: Any = "rerun", args: Any = None, kwargs: Any = None, *, disabled: bool = False, label_visibility: str = "visible", width: Any = "stretch", bind: Any = None, persist_state: Any = None) -> Any:
        """Draw a slider for one number or a (low, high) range and return the value."""
        identity = {"min_value": min_value, "max_value": max_value, "value": value, "step": step, "format": format}
        if value is None:
            # As Streamlit: without a value, a keyed slider whose session_state holds a
            # range (anything but a single number, date or time) is a range slider.
            if _state_holds_range(key):
                value = [0 if min_value is None else min_value, 100 if max_value is None else max_value]
            else:
                value = min_value if min_value is not None else 0
        time_slider = getattr(type(self), "_time_slider", None)
        probe = value[0] if isinstance(value, (list, tuple)) and value else value
        if time_slider is not None and _is_timelike(probe):
            return time_slider(self._dg, label, min_value, max_value, value, step, format, key, help, on_change, args, kwargs, disabled, label_visibility, identity)
        single = _num_type(value) != "other"
        if not single and not (isinstance(value, (list, tuple)) and len(value) in (0, 1, 2)):
            if isinstance(value, (list, tuple)):
                raise StreamlitValueError("value", ["int", "float", "date", "time", "datetime", "a list containing up to two such values", "a tuple containing up to two such values"])
            raise StreamlitInvalidParameterTypeError("value", type(value).__name__, _KINDS)
        values = [value] if single else list(value)
        types = {_num_type(v) for v in values}
        if "other" in types:
            raise StreamlitInvalidParameterTypeError("value", type(values[0]).__name__, _KINDS)
        if len(types) > 1:
            raise StreamlitInvalidParameterTypeError("value", ", ".join(type(v).__name__ for v in values), ["list or tuple containing values of the same type"])
        data_type = types.pop() if types else "int"
        defaults = _DEFAULTS[data_type]
        min_value = defaults["min_value"] if min_value is None else min_value
        max_value = defaults["max_value"] if max_value is None else max_value
        step = defaults["step"] if step is None else step
        format = defaults["format"] if format is None else format
        if step == 0:
            raise StreamlitValueError("step", ["a number"], detail="Zero is not allowed.")
        # Streamlit's order: the bounds and step must share one numeric type, then the value
        # must have that type too; each check has its own message.
        bounds = [min_value, max_value, step]
        int_args = all(_num_type(b) == "int" for b in bounds)
        float_args = all(_num_type(b) == "float" for b in bounds)
        if not int_args and not float_args:
            raise StreamlitInvalidParameterTypeError(
                "value",
                f"min_value={type(min_value).__name__}, max_value={type(max_value).__name__}, step={type(step).__name__}",
                ["matching numeric types", "matching date/time types"],
            )
        if not (int_args if data_type == "int" else float_args):
            raise StreamlitInvalidParameterTypeError(
                "value",
                f"value={type(value).__name__}, min_value={type(min_value).__name__}, max_value={type(max_value).__name__}",
                ["value and arguments with matching types"],
            )
        min_value, max_value, values = settle_bounds(min_value, max_value, values)
        if min_value == max_value:
            raise StreamlitInvalidMinMaxError(min_value, max_value)
        default = values[0] if single else tuple(values)
        is_range = not single

        def coerce(v: Any) -> Any:
            if is_range:
                lo, hi = (list(v) + [max_value, max_value])[:2] if isinstance(v, (list, tuple)) else (min_value, max_value)
                return (max(min_value, min(lo, max_value)), max(min_value, min(hi, max_value)))
            if _num_type(v) == "other":
                return default
            return max(min_value, min(v, max_value))

        call = WidgetCall(
            kind="slider", label=label, key=key, help=help, on_change=on_change, args=args,
            kwargs=kwargs, disabled=disabled, label_visibility=label_visibility,
            identity=identity, key_identity=("min_value", "max_value", "step"),
        )
        props = {"min": min_value, "max": max_value, "step": step, "format": format, "data_type": data_type, "range": is_range}
        out = widget_value(self._dg, call, default, props, coerce)
        return tuple(out) if is_range else out


_TIMELIKE = ("date", "time", "datetime")


def _time_renderer() -> Any:
    from jupyst.elements.time_widgets import TIME_SLIDER

    return TIME_SLIDER


@register
class SliderRenderer(CompositeWidgetRenderer):
    """Hands a slider to the number or the date/time renderer; both draw a
    :class:`~jupyst.widgets.sliders.SliderBox` whose readout follows ``format``."""

    kind = "slider"

    def _side(self, props: dict[str, Any]) -> CompositeWidgetRenderer:
        return _time_renderer() if props["data_type"] in _TIMELIKE else NUMBER_SLIDER

    def widget_class(self, props: dict[str, Any]) -> type[w.Widget]:
        return self._side(props).widget_class(props)

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return self._side(props).traits(props)

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        return self._side(props).to_widget(props, value)

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        return self._side(props).from_widget(props, raw)


class NumberSliderBox(SliderBox):
    """An int slider whose readout is ``format_number(value, fmt)``: printf (text around
    the number kept) or a named format, as Streamlit's slider shows it."""

    def text(self, value: Any) -> str:
        return formatting.format_number(value, self.fmt)

    def bare(self, value: Any) -> str:
        return formatting.js_str(float(value))


class FloatSliderBox(NumberSliderBox):
    """The same over floats."""

    slider_classes = (StrictFloatSlider, StrictFloatRangeSlider)


class NumberSliderRenderer(CompositeWidgetRenderer):
    """The int/float side of the ``slider`` kind (``SliderRenderer`` hands over to it)."""

    kind = "slider"

    def widget_class(self, props: dict[str, Any]) -> type[w.Widget]:
        return NumberSliderBox if props["data_type"] == "int" else FloatSliderBox

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"min": props["min"], "max": props["max"], "step": props["step"], "is_range": props["range"], "fmt": str(props["format"])}

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        return tuple(value) if props["range"] else value

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        values = list(raw) if props["range"] and isinstance(raw, (list, tuple)) else [raw]
        if props["range"] and len(values) != 2:
            raise InvalidWidgetValue(raw)
        out = []
        for v in values:
            if isinstance(v, bool) or not isinstance(v, Real) or not props["min"] <= v <= props["max"]:
                raise InvalidWidgetValue(raw)
            out.append(int(float(v)) if props["data_type"] == "int" else float(v))
        return tuple(out) if props["range"] else out[0]


NUMBER_SLIDER = NumberSliderRenderer()
