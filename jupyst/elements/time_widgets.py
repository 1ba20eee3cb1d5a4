"""Dates and times: ``st.date_input`` (single and range), ``st.time_input``,
``st.datetime_input`` and the date/time/datetime flavour of ``st.slider``.

Arguments are parsed and checked as Streamlit does (ISO strings, ``"today"``/``"now"``,
default bounds ten years around the value, the same error messages). The pickers are
ipywidgets' own; subclasses here refuse a value from the browser outside the bounds instead of
clamping it. A date/time slider moves over microseconds, as Streamlit's slider does, and shows
the value in the slider's moment.js-style ``format``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w
import traitlets

from jupyst.elements.lib.composite_renderer import CompositeWidgetRenderer
from jupyst.elements.lib.dates import (
    DEFAULT_STEP,
    MAX_BOUND_TIME,
    MAX_SAFE,
    MAX_SAFE_DAY,
    MIN_BOUND_TIME,
    MIN_SAFE_DAY,
    adjust_years,
    as_datetime,
    check_date_format,
    combine_day_time,
    date_values,
    day_of,
    default_window,
    from_micros,
    iso_day,
    iso_minute,
    step_seconds,
    time_kind,
    to_datetime,
    to_micros,
    to_minute,
    to_time,
)
from jupyst.elements.lib.formatting import format_date
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.numbers import settle_bounds
from jupyst.elements.lib.registry import InvalidWidgetValue, clearable, register
from jupyst.elements.lib.widget_base import WidgetCall, widget_value
from jupyst.elements.lib.widget_renderer import WidgetRenderer
from jupyst.errors import (
    StreamlitAPIException,
    StreamlitInvalidMinMaxError,
    StreamlitInvalidParameterTypeError,
    StreamlitJSNumberBoundsError,
    StreamlitValueAboveMaxError,
    StreamlitValueBelowMinError,
    StreamlitValueError,
    StreamlitValueOutOfRangeError,
)
from jupyst.runtime.run_context import require_run_context
from jupyst.widgets.composite import ValueBox
from jupyst.widgets.sliders import SliderBox


# ----- the commands ---------------------------------------------------------------------------------
class TimeWidgetsMixin(ElementMixin):
    def date_input(self, label: str, value: Any = "today", min_value: Any = None, max_value: Any = None, key: Any = None, help: str | None = None, on_change: Any = "rerun", args: Any = None, kwargs: Any = None, *, format: str = "YYYY/MM/DD", disabled: bool = False, required: bool = False, label_visibility: str = "visible", width: Any = "stretch", bind: Any = None, persist_state: Any = None) -> Any:
        """Draw a date field (or a start/end pair for a range) and return the date(s)."""

        def for_id(v: Any) -> Any:
            if v == "today" or v is None:
                return None
            if isinstance(v, str):
                return v
            return iso_day(v.date() if isinstance(v, dt.datetime) else v) if isinstance(v, dt.date) else None

        if value == "today":
            id_value: Any = None
        elif isinstance(value, (list, tuple)):
            id_value = [for_id(v) for v in value]
        else:
            id_value = for_id(value)
        identity = {"value": id_value, "min_value": for_id(min_value), "max_value": for_id(max_value), "format": format, "required": required}
        check_date_format(format)
        dates, is_range, lo, hi = date_values(value, min_value, max_value)
        explicit_bounds = min_value is not None or max_value is not None
        state = require_run_context().session.state
        if value == "today" and key is not None and str(key) in state:
            dates, is_range, lo, hi = date_values(state[str(key)], min_value, max_value)
        default: Any
        if dates is None or not dates:
            default = () if is_range else None
        else:
            default = tuple(dates) if is_range else dates[0]

        def coerce(current: Any) -> Any:
            if current is None or not explicit_bounds:
                return current
            if is_range and isinstance(current, tuple):
                if not current:
                    return current
                first, last = current[0], current[-1]
                if day_of(first) >= lo and day_of(last) <= hi:
                    return current
            elif not is_range and isinstance(current, dt.date) and lo <= day_of(current) <= hi:
                return current
            return default

        call = WidgetCall(
            kind="date_input", label=label, key=key, help=help, on_change=on_change, args=args,
            kwargs=kwargs, disabled=disabled, label_visibility=label_visibility,
            identity=identity, key_identity=("format",),
        )
        props = {"min": lo, "max": hi, "is_range": is_range, "format": format, "required": required}
        return widget_value(self._dg, call, default, props, coerce)

    def time_input(self, label: str, value: Any = "now", key: Any = None, help: str | None = None, on_change: Any = "rerun", args: Any = None, kwargs: Any = None, *, disabled: bool = False, required: bool = False, label_visibility: str = "visible", step: Any = DEFAULT_STEP, format: str = "24h", width: Any = "stretch", bind: Any = None, persist_state: Any = None) -> dt.time | None:
        """Draw a time field and return the time (None when empty)."""

        parsed = None if value is None else to_time(value)
        if isinstance(step, dt.timedelta):
            raw_step = int(step.total_seconds())
        else:
            raw_step = step if isinstance(step, int) and not isinstance(step, bool) else 0
        if parsed is not None and raw_step > 0 and raw_step % 60 == 0:
            parsed = parsed.replace(second=0, microsecond=0)
        identity = {"value": parsed if isinstance(value, (dt.datetime, dt.time)) else value, "step": step, "required": required}
        state = require_run_context().session.state
        if key is not None and str(key) in state and state[str(key)] is None:
            parsed = None
        seconds = step_seconds(step)
        if not 1 <= seconds <= 23 * 3600:
            raise StreamlitValueOutOfRangeError("step", f"{seconds} seconds", "1 second", "23 hours")
        if format not in ("12h", "24h", "localized"):
            raise StreamlitValueError("format", ["'12h'", "'24h'", "'localized'"])
        call = WidgetCall(
            kind="time_input", label=label, key=key, help=help, on_change=on_change, args=args,
            kwargs=kwargs, disabled=disabled, label_visibility=label_visibility,
            identity=identity, key_identity=("step",),
        )
        props = {"step": seconds, "format": format, "required": required}
        return widget_value(self._dg, call, parsed, props)

    def datetime_input(self, label: str, value: Any = "now", min_value: Any = None, max_value: Any = None, *, key: Any = None, help: str | None = None, on_change: Any = "rerun", args: Any = None, kwargs: Any = None, format: str = "YYYY/MM/DD", step: Any = DEFAULT_STEP, disabled: bool = False, required: bool = False, label_visibility: str = "visible", width: Any = "stretch", bind: Any = None, persist_state: Any = None) -> dt.datetime | None:
        """Draw a date-and-time field and return the datetime (None when empty)."""

        today = dt.date.today()
        parsed = None if value is None else to_datetime(value, today, MIN_BOUND_TIME)
        base = parsed.date() if parsed is not None else today
        lo = combine_day_time(adjust_years(base, -10), MIN_BOUND_TIME) if min_value is None else to_datetime(min_value, base, MIN_BOUND_TIME)
        hi = combine_day_time(adjust_years(base, 10), MAX_BOUND_TIME) if max_value is None else to_datetime(max_value, base, MAX_BOUND_TIME)
        if lo > hi:
            raise StreamlitInvalidMinMaxError(lo, hi)
        if parsed is not None:
            if parsed < lo:
                raise StreamlitValueBelowMinError(parsed, lo)
            if parsed > hi:
                raise StreamlitValueAboveMaxError(parsed, hi)
        id_value = (None if parsed is None else iso_minute(parsed)) if isinstance(value, (dt.datetime, dt.date, dt.time)) else value
        identity = {"value": id_value, "min_value": iso_minute(lo), "max_value": iso_minute(hi), "format": format, "step": step, "required": required}
        explicit_bounds = min_value is not None or max_value is not None
        check_date_format(format)
        seconds = step_seconds(step)
        if not 60 <= seconds <= 23 * 3600:
            raise StreamlitValueOutOfRangeError("step", f"{seconds} seconds", "60 seconds", "23 hours")
        state = require_run_context().session.state
        default = parsed
        if key is not None and str(key) in state and state[str(key)] is None:
            default = None

        def coerce(current: Any) -> Any:
            if current is None or not explicit_bounds:
                return current
            if isinstance(current, dt.datetime) and lo <= to_minute(current) <= hi:
                return current
            return parsed

        call = WidgetCall(
            kind="date_time_input", label=label, key=key, help=help, on_change=on_change, args=args,
            kwargs=kwargs, disabled=disabled, label_visibility=label_visibility,
            identity=identity, key_identity=("format", "step"),
        )
        props = {"min": iso_minute(lo), "max": iso_minute(hi), "step": seconds, "format": format, "required": required, "lo": lo, "hi": hi}
        return widget_value(self._dg, call, default, props, coerce)

    def _time_slider(self, label: str, min_value: Any, max_value: Any, value: Any, step: Any, format: Any, key: Any, help: Any, on_change: Any, args: Any, kwargs: Any, disabled: bool, label_visibility: str, identity: dict[str, Any] | None = None) -> Any:
        """``st.slider`` over dates, times or datetimes (called by ``SliderMixin.slider``)."""
        identity = identity or {"min_value": min_value, "max_value": max_value, "value": value, "step": step, "format": format}
        single = time_kind(value) is not None
        values = [value] if single else list(value)
        kinds = {time_kind(v) for v in values}
        if len(kinds) > 1:
            raise StreamlitInvalidParameterTypeError("value", ", ".join(type(v).__name__ for v in values), ["list or tuple containing values of the same type"])
        data_type = kinds.pop()
        assert data_type is not None
        if data_type == "time":
            low_default: Any = dt.time.min.replace(tzinfo=values[0].tzinfo)
            high_default: Any = dt.time.max.replace(tzinfo=values[0].tzinfo)
        else:
            low_default, high_default = default_window(values[0], dt.timedelta(days=14))
        min_value = low_default if min_value is None else min_value
        max_value = high_default if max_value is None else max_value
        if step is None:
            step = DEFAULT_STEP if data_type == "time" else dt.timedelta(days=1)
            if data_type != "time" and abs(max_value - min_value) < dt.timedelta(days=1):
                step = DEFAULT_STEP
        if format is None:
            format = "HH:mm" if data_type == "time" else "YYYY-MM-DD"
        if isinstance(step, dt.timedelta):
            if step == dt.timedelta(0):
                raise StreamlitValueError("step", ["a timedelta"], detail="Zero is not allowed.")
        elif step == 0:
            raise StreamlitValueError("step", ["a number"], detail="Zero is not allowed.")
        if not (isinstance(step, dt.timedelta) and type(min_value) is type(max_value)):
            raise StreamlitInvalidParameterTypeError(
                "value",
                f"min_value={type(min_value).__name__}, max_value={type(max_value).__name__}, step={type(step).__name__}",
                ["matching numeric types", "matching date/time types"],
            )
        if time_kind(min_value) != data_type:
            raise StreamlitInvalidParameterTypeError(
                "value",
                f"value={type(value).__name__}, min_value={type(min_value).__name__}, max_value={type(max_value).__name__}",
                ["value and arguments with matching types"],
            )
        min_value, max_value, values = settle_bounds(min_value, max_value, values)
        lo, hi = to_micros(min_value, data_type), to_micros(max_value, data_type)
        if lo == hi:
            raise StreamlitInvalidMinMaxError(as_datetime(min_value, data_type), as_datetime(max_value, data_type))
        for name, micros in (("`min_value`", lo), ("`max_value`", hi)):
            if abs(micros) > MAX_SAFE:
                raise StreamlitJSNumberBoundsError(
                    f"{name} is too far from 1970 for Streamlit to represent exactly. Use a value "
                    f"between {MIN_SAFE_DAY:%Y-%m-%d} and {MAX_SAFE_DAY:%Y-%m-%d}."
                )
        tz = values[0].tzinfo if data_type in ("time", "datetime") else None
        step_micros = int(step / dt.timedelta(microseconds=1))
        default = values[0] if single else tuple(values)

        def coerce(current: Any) -> Any:
            items = [current] if single else list(current) if isinstance(current, (list, tuple)) else []
            for item in items:
                if time_kind(item) != data_type:
                    return default
                micros = to_micros(item, data_type)
                if micros < lo:
                    raise StreamlitValueBelowMinError(item, from_micros(lo, data_type, tz))
                if micros > hi:
                    raise StreamlitValueAboveMaxError(item, from_micros(hi, data_type, tz))
            if not single and len(items) != 2:
                return default
            return current if single else tuple(items)

        call = WidgetCall(
            kind="slider", label=label, key=key, help=help, on_change=on_change, args=args,
            kwargs=kwargs, disabled=disabled, label_visibility=label_visibility,
            identity=identity, key_identity=("min_value", "max_value", "step"),
        )
        props = {"min": lo, "max": hi, "step": step_micros, "format": format, "data_type": data_type, "range": not single, "tz": tz}
        out = widget_value(self._dg, call, default, props, coerce)
        return out if single else tuple(out)


# ----- widgets ----------------------------------------------------------------------------------------
def _strict(cls: type[w.Widget], name: str) -> type[w.Widget]:
    """A picker that refuses an out-of-bounds value (ipywidgets clamps it) and never
    cross-checks its bounds, so the reconciler may set min, max and value in any order."""

    def check_value(self: Any, proposal: Any) -> Any:
        value = proposal["value"]
        if value is not None and ((self.min is not None and value < self.min) or (self.max is not None and value > self.max)):
            raise traitlets.TraitError(f"{value} is outside [{self.min}, {self.max}]")
        return value

    def plain(self: Any, proposal: Any) -> Any:
        return proposal["value"]

    return type(name, (cls,), {
        "_validate_value": traitlets.validate("value")(check_value),
        "_validate_min": traitlets.validate("min")(plain),
        "_validate_max": traitlets.validate("max")(plain),
    })


StrictDatePicker = _strict(w.DatePicker, "StrictDatePicker")
StrictTimePicker = _strict(w.TimePicker, "StrictTimePicker")
StrictDatetimePicker = _strict(w.NaiveDatetimePicker, "StrictDatetimePicker")


class DateRangeBox(ValueBox):
    """Two date pickers, start and end: the value is (), (start,) or (start, end)."""

    min = traitlets.Any(None, allow_none=True)
    max = traitlets.Any(None, allow_none=True)

    def build(self) -> w.Widget:
        self._start = StrictDatePicker(description="", _dom_classes=("jupyst-date-start",))
        self._end = StrictDatePicker(description="", _dom_classes=("jupyst-date-end",))
        self.watch(self._start)
        self.watch(self._end)
        return w.HBox(children=(self._start, w.HTML("–", _dom_classes=("jupyst-range-dash",)), self._end), _dom_classes=("jupyst-date-range",))

    def pull(self) -> Any:
        days = [d for d in (self._start.value, self._end.value) if d is not None]
        return tuple(days)

    def push(self, value: Any) -> None:
        days = list(value or ())
        self._start.value = days[0] if days else None
        self._end.value = days[1] if len(days) > 1 else None

    @traitlets.observe("min", "max")
    def _bounds(self, _change: dict[str, Any]) -> None:
        for picker in (self._start, self._end):
            picker.min, picker.max = self.min, self.max


class TimeSliderBox(SliderBox):
    """A slider over microseconds with a readout in the slider's moment format."""

    data_type = traitlets.Unicode("date")

    def widget_step(self) -> Any:
        return max(1, self.step)

    def text(self, value: Any) -> str:
        return format_date(from_micros(value, self.data_type), self.fmt, self.data_type)

    @traitlets.observe("data_type")
    def _kind(self, change: dict[str, Any]) -> None:
        self._config(change)


# ----- renderers ---------------------------------------------------------------------------------------
@register
class DateInputRenderer(CompositeWidgetRenderer):
    kind = "date_input"

    def widget_class(self, props: dict[str, Any]) -> type[w.Widget]:
        return DateRangeBox if props["is_range"] else StrictDatePicker

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        if props["is_range"]:
            return super().traits(props)
        return WidgetRenderer.traits(self, props)

    def base_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        if props["is_range"]:
            return super().base_traits(props)
        return WidgetRenderer.base_traits(self, props)

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"min": props["min"], "max": props["max"]}

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        if props["is_range"]:
            return tuple(day_of(v) for v in (value or ()))
        return None if value is None else day_of(value)

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        items = list(raw) if props["is_range"] else [raw]
        if props["is_range"] and (not isinstance(raw, tuple) or len(raw) > 2):
            raise InvalidWidgetValue(raw)
        for day in items:
            if day is None and not props["is_range"]:
                if not clearable(props):
                    raise InvalidWidgetValue(raw)
                continue
            if not isinstance(day, dt.date) or not props["min"] <= day_of(day) <= props["max"]:
                raise InvalidWidgetValue(raw)
        if props["is_range"]:
            return tuple(day_of(d) for d in items)
        return None if raw is None else day_of(raw)


@register
class TimeInputRenderer(WidgetRenderer):
    kind = "time_input"
    cls = StrictTimePicker

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"step": float(props["step"])}

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        if raw is None:
            if not clearable(props):
                raise InvalidWidgetValue(raw)
            return None
        if not isinstance(raw, dt.time):
            raise InvalidWidgetValue(raw)
        if props["step"] % 60 == 0:
            raw = raw.replace(second=0, microsecond=0)
        return raw.replace(tzinfo=None)


@register
class DateTimeInputRenderer(WidgetRenderer):
    kind = "date_time_input"
    cls = StrictDatetimePicker

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"min": props["lo"], "max": props["hi"]}

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        return None if value is None else to_minute(value)

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        if raw is None:
            if not clearable(props):
                raise InvalidWidgetValue(raw)
            return None
        if not isinstance(raw, dt.datetime):
            raise InvalidWidgetValue(raw)
        value = to_minute(raw)
        if not props["lo"] <= value <= props["hi"]:
            raise InvalidWidgetValue(raw)
        return value


class TimeSliderRenderer(CompositeWidgetRenderer):
    """The date/time side of the ``slider`` kind (``SliderRenderer`` hands over to it)."""

    kind = "slider"
    cls = TimeSliderBox

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {
            "min": props["min"], "max": props["max"], "step": props["step"], "is_range": props["range"],
            "fmt": str(props["format"]), "data_type": props["data_type"],
        }

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        if props["range"]:
            return tuple(to_micros(v, props["data_type"]) for v in value)
        return to_micros(value, props["data_type"])

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        items = list(raw) if props["range"] else [raw]
        if props["range"] and len(items) != 2:
            raise InvalidWidgetValue(raw)
        out = []
        for v in items:
            if isinstance(v, bool) or not isinstance(v, int) or not props["min"] <= v <= props["max"]:
                raise InvalidWidgetValue(raw)
            out.append(from_micros(v, props["data_type"], props.get("tz")))
        return tuple(out) if props["range"] else out[0]


TIME_SLIDER = TimeSliderRenderer()

__all__ = ["TimeWidgetsMixin", "StreamlitAPIException"]
