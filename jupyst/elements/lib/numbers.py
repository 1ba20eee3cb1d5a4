"""Streamlit's slider bound rule, shared by number and date/time sliders."""

from __future__ import annotations

from typing import Any


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
