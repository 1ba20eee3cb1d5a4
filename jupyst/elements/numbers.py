"""Number handling shared by sliders: Streamlit's bound rule and strict slider widgets.

ipywidgets clamps an out-of-range value from the browser to the bounds; a visitor could then
move a value where the app never offered it. The strict widget classes here refuse such a
value instead, leaving the state untouched.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from traitlets import TraitError, validate


def settle_bounds(min_value: Any, max_value: Any, values: list[Any]) -> tuple[Any, Any, list[Any]]:
    """Streamlit's slider rule: reversed bounds swap, a range is ordered, and the bounds
    widen to hold the value; no value means the whole span."""
    if min_value > max_value:
        min_value, max_value = max_value, min_value
    if len(values) == 2 and values[0] > values[1]:
        values = [values[1], values[0]]
    if not values:
        return min_value, max_value, [min_value, max_value]
    return min(min(values), min_value), max(max(values), max_value), values


def _bounded(cls: type[w.Widget], name: str) -> type[w.Widget]:
    def check(self: Any, proposal: Any) -> Any:
        value = proposal["value"]
        values = value if isinstance(value, (tuple, list)) else (value,)
        for v in values:
            if v is None:
                continue
            if v < self.min or v > self.max:
                raise TraitError(f"{v} is outside [{self.min}, {self.max}]")
        return value

    return type(name, (cls,), {"_validate_value": validate("value")(check)})


StrictIntSlider = _bounded(w.IntSlider, "StrictIntSlider")
StrictFloatSlider = _bounded(w.FloatSlider, "StrictFloatSlider")
StrictIntRangeSlider = _bounded(w.IntRangeSlider, "StrictIntRangeSlider")
StrictFloatRangeSlider = _bounded(w.FloatRangeSlider, "StrictFloatRangeSlider")
