"""How the built-in charts' axes and legend are laid out: tick formats, margins, label offsets.

Vega-Lite (what Streamlit draws with) labels a quantitative axis with d3's ``tickFormat``:
thousands separators and as many decimals as the tick step needs (``",.1f"`` for steps of
0.5), never ``2.6e+13``. bqplot formats ticks with d3-format too, so :func:`tick_format`
computes that same specifier from the data's range. :func:`plan` then sizes the figure's
margins so the y-axis title sits clear of the widest tick label and the legend has a
column of its own right of the plot area (jupyst.css moves it there), never over the data.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

#: ticks bqplot asks d3 for on each axis (its default): the count the precision assumes
X_TICKS = 10
Y_TICKS = 10
#: average width of a tick-label character in px (12px Source Sans)
CHAR_PX = 6.5
#: legend swatch, gap and padding in px
LEGEND_CHROME_PX = 44


def nice_step(lo: float, hi: float, count: int) -> float:
    """d3's tick step for ``count`` ticks over [lo, hi]: 1, 2 or 5 times a power of ten."""
    span = abs(hi - lo)
    if not math.isfinite(span) or span == 0:
        span = abs(hi) or 1.0
    raw = span / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    error = raw / power
    if error >= math.sqrt(50):
        return 10 * power
    if error >= math.sqrt(10):
        return 5 * power
    if error >= math.sqrt(2):
        return 2 * power
    return power


def tick_format(values: Sequence[Any] | np.ndarray, count: int = Y_TICKS) -> str:
    """The d3-format specifier Vega gives a linear axis over ``values`` (``",.Nf"``)."""
    finite = _finite(values)
    if finite.size == 0:
        return ",.0f"
    step = nice_step(float(finite.min()), float(finite.max()), count)
    decimals = max(0, -math.floor(math.log10(step))) if step > 0 else 0
    return f",.{decimals}f"


def _finite(values: Sequence[Any] | np.ndarray) -> np.ndarray:
    try:
        arr = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        return np.array([])
    return arr[np.isfinite(arr)]


def tick_label_width(values: Sequence[Any] | np.ndarray, fmt: str) -> float:
    """The px width of the widest tick label ``fmt`` gives over ``values``' range."""
    finite = _finite(values)
    if finite.size == 0:
        return 2 * CHAR_PX
    decimals = int(fmt.rsplit(".", 1)[-1].rstrip("f") or 0)
    widest = max(len(f"{float(v):,.{decimals}f}") for v in (finite.min(), finite.max(), 0.0))
    return widest * CHAR_PX


def legend_width(labels: Sequence[str]) -> float:
    """The px width of bqplot's legend for these series names."""
    longest = max((len(label) for label in labels), default=0)
    return longest * CHAR_PX + LEGEND_CHROME_PX


@dataclass(frozen=True)
class AxesPlan:
    """A figure's margins and its y-axis title offset, in px."""

    margin: dict[str, int]
    y_label_offset: str


def plan(y_label_px: float, y_title: str, legend: Sequence[str] | None) -> AxesPlan:
    """Margins that keep tick labels, the y-axis title and the legend out of each other's way."""
    left = int(y_label_px) + 16
    offset = left - 4
    if y_title:
        left += 18
    right = 24
    if legend:
        right = int(min(legend_width(legend), 240)) + 16
    margin = {"top": 20, "bottom": 50, "left": max(left, 40), "right": right}
    return AxesPlan(margin=margin, y_label_offset=f"{offset}px")


#: the narrowest plot a stretched chart is assumed to get, in px (labels are thinned for it)
MIN_PLOT_PX = 500


def temporal_labels(values: Sequence[Any]) -> list[str]:
    """Short date labels for bar categories, as Vega's default multi-format time labels read.

    Vega labels each tick by the coarsest unit it falls on: a year's start "2024", a month's
    "April", a week's (Sunday) "Apr 28", a day "Wed 24", an hour "12 PM", a minute "12:30", a
    second ":15". Categories must stay distinct (an ordinal scale merges equal labels), so
    labels that would repeat fall back to "Apr 24, 2024" and then to the full timestamp.
    """
    import pandas as pd

    stamps = [pd.Timestamp(v) for v in values]

    def vega(ts: pd.Timestamp) -> str:
        if ts.microsecond or ts.nanosecond:
            return ts.strftime(".%f")[:4]
        if ts.second:
            return ts.strftime(":%S")
        if ts.minute:
            return ts.strftime("%I:%M")
        if ts.hour:
            return ts.strftime("%I %p")
        if ts.month == 1 and ts.day == 1:
            return ts.strftime("%Y")
        if ts.day == 1:
            return ts.strftime("%B")
        if ts.day_of_week == 6:
            return ts.strftime("%b %d")
        return ts.strftime("%a %d")

    for label in (vega, lambda ts: ts.strftime("%b %d, %Y"), str):
        labels = [label(ts) for ts in stamps]
        if len(set(labels)) == len(labels):
            return labels
    return [str(v) for v in values]


def thinned(labels: Sequence[str], plot_px: float = MIN_PLOT_PX) -> list[str]:
    """Every n-th label, n chosen so the labels' text fits side by side in ``plot_px``."""
    if not labels:
        return []
    widest = max(len(label) for label in labels) * CHAR_PX + 12  # a gap between labels
    step = max(1, math.ceil(len(labels) * widest / plot_px))
    return list(labels[::step])
