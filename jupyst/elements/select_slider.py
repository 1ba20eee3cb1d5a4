"""``st.select_slider``: a slider over any list of options, one value or a (low, high) pair.

The browser sees the formatted labels and sends an index (or two); the script gets the option
objects back. A value in session state that is not an option resets the widget to its default,
as in Streamlit.
"""

from __future__ import annotations

from typing import Any, Callable

import ipywidgets as w

from jupyst.elements.lib import options as opts
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.registry import InvalidWidgetValue, register
from jupyst.elements.lib.widget_base import WidgetCall, widget_value
from jupyst.elements.lib.widget_renderer import WidgetRenderer
from jupyst.errors import StreamlitMissingRequiredParameterError


def _formatted(value: Any, format_func: Callable[[Any], Any]) -> Any:
    try:
        return format_func(value)
    except Exception:
        return _Unformattable


class _Unformattable:
    pass


class SelectSliderMixin(ElementMixin):
    def select_slider(self, label: str, options: Any = (), value: Any = None, format_func: Callable[[Any], Any] = str, key: Any = None, help: str | None = None, on_change: Any = "rerun", args: Any = None, kwargs: Any = None, *, disabled: bool = False, label_visibility: str = "visible", width: Any = "stretch", bind: Any = None, persist_state: Any = None) -> Any:
        """Draw a slider over ``options`` and return the chosen option (or a pair of them)."""
        items = opts.to_list(options)
        if not items:
            raise StreamlitMissingRequiredParameterError("options", detail="Provide at least one option.")
        is_range = isinstance(value, (list, tuple))
        if is_range:
            start, end = (_index(items, v) for v in value)  # other lengths fail as in Streamlit
            indices = [min(start, end), max(start, end)]
        else:
            try:
                indices = [_index(items, value)]
            except ValueError:
                if value is not None:
                    raise
                indices = [0]
        labels = [str(format_func(o)) for o in items]
        default: Any = (items[indices[0]], items[indices[1]]) if is_range else items[indices[0]]
        range_widget = isinstance(default, tuple)
        label_set = set(labels)

        def valid(v: Any) -> bool:
            return _formatted(v, format_func) in label_set

        def coerce(current: Any) -> Any:
            if isinstance(current, tuple) != range_widget:
                return default
            if range_widget:
                return current if len(current) == 2 and valid(current[0]) and valid(current[1]) else default
            return current if valid(current) else default

        call = WidgetCall(
            kind="select_slider", label=label, key=key, help=help, on_change=on_change, args=args,
            kwargs=kwargs, disabled=disabled, label_visibility=label_visibility,
            identity={"options": labels, "value": indices},
        )
        props = {"options": labels, "choices": items, "range": range_widget, "format_func": format_func}
        out = widget_value(self._dg, call, default, props, coerce)
        return tuple(out) if range_widget else out


def _index(items: list[Any], value: Any) -> int:
    """Streamlit's lookup: equality, or floats within 5e-12; ValueError when absent."""
    for i, item in enumerate(items):
        try:
            if value == item:
                return i
        except Exception:
            continue
        if isinstance(item, float) and isinstance(value, float) and abs(value - item) < 5e-12:
            return i
    raise ValueError(f"{value} is not in iterable")


@register
class SelectSliderRenderer(WidgetRenderer):
    kind = "select_slider"
    value_trait = "index"

    def widget_class(self, props: dict[str, Any]) -> type[w.Widget]:
        return w.SelectionRangeSlider if props["range"] else w.SelectionSlider

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"options": tuple(props["options"]), "continuous_update": False}

    def _position(self, props: dict[str, Any], value: Any) -> int:
        labels = props["options"]
        try:
            text = str(props["format_func"](value))
        except Exception:
            text = None
        if text in labels:
            return labels.index(text)
        found = opts.index_of(props["choices"], value)
        return 0 if found is None else found

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        if props["range"]:
            return tuple(self._position(props, v) for v in value)
        return self._position(props, value)

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        count = len(props["choices"])
        items = list(raw) if props["range"] and isinstance(raw, (tuple, list)) else [raw]
        if props["range"] and len(items) != 2:
            raise InvalidWidgetValue(raw)
        for i in items:
            if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < count:
                raise InvalidWidgetValue(raw)
        values = [props["choices"][i] for i in sorted(items)]
        return tuple(values) if props["range"] else values[0]
