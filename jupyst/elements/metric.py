"""``st.metric``: a big number with a label, an optional delta arrow, border and sparkline.

The value and delta become text as Streamlit renders them (``None`` is an em dash, numbers
``str()``); the delta's colour and arrow follow ``delta_color`` and its sign.
"""

from __future__ import annotations

import html
import numbers
import textwrap
from typing import TYPE_CHECKING, Any

from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.node import Node
from jupyst.elements.lib.registry import Renderer, classes, register
from jupyst.elements.lib.widget_base import check_label_visibility
from jupyst.errors import (
    StreamlitAPIException,
    StreamlitInvalidParameterTypeError,
    StreamlitValueError,
)

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator

_COLORS = ("normal", "inverse", "off", "red", "orange", "yellow", "green", "blue", "violet", "gray", "grey", "primary")


def _number_text(value: Any, parameter: str) -> str:
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return str(value)
    item = getattr(value, "item", None)
    if callable(item):
        try:
            plain = item()
        except Exception:
            plain = None
        if isinstance(plain, (int, float)) and not isinstance(plain, bool):
            return str(plain)
    if isinstance(value, bool):
        return str(value)
    raise StreamlitInvalidParameterTypeError(parameter, type(value).__name__, ["int", "float", "Decimal", "NumPy number"], detail="Convert the value to a number type.")


def value_text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return _number_text(value, "value")


def delta_text(delta: Any) -> str:
    if delta is None or delta == "":
        return ""
    if isinstance(delta, str):
        return textwrap.dedent(delta)
    return _number_text(delta, "delta")


def color_and_direction(delta_color: str, delta: Any) -> tuple[str, str]:
    """Streamlit's colour ("red", "green", "gray", ...) and arrow ("up", "down", "none")."""
    if delta_color not in _COLORS:
        raise StreamlitValueError("delta_color", [f"'{c}'" for c in _COLORS])
    if delta is None or delta == "":
        return "gray", "none"
    if (isinstance(delta, str) and textwrap.dedent(delta) == "0") or (not isinstance(delta, str) and delta == 0):
        direction = "none"
    elif textwrap.dedent(str(delta)).startswith("-"):
        direction = "down"
    else:
        direction = "up"
    if delta_color not in ("normal", "inverse", "off"):
        return ("gray" if delta_color == "grey" else delta_color), direction
    if direction == "none" or delta_color == "off":
        return "gray", direction
    good = direction == "up" if delta_color == "normal" else direction == "down"
    return ("green" if good else "red"), direction


class MetricMixin(ElementMixin):
    def metric(self, label: str, value: Any, delta: Any = None, delta_color: str = "normal", *, help: str | None = None, icon: str | None = None, label_visibility: str = "visible", border: bool = False, width: Any = "stretch", height: Any = "content", chart_data: Any = None, chart_type: str = "line", delta_arrow: str = "auto", format: str | None = None, delta_description: str | None = None) -> DeltaGenerator:
        """Show a metric in big bold type, with an optional change indicator."""
        check_label_visibility(label_visibility)
        label = "" if label is None else str(label)
        color, direction = color_and_direction(str(delta_color), delta)
        if delta_arrow not in ("auto", "up", "down", "off"):
            raise StreamlitValueError("delta_arrow", ["'auto'", "'up'", "'down'", "'off'"])
        if delta_arrow != "auto":
            direction = "none" if delta_arrow == "off" else delta_arrow
        if chart_type not in ("line", "bar", "area"):
            chart_type = "line"
        series: list[float] = []
        if chart_data is not None:
            from jupyst.elements.lib.frames import to_pandas

            values = list(chart_data) if isinstance(chart_data, (list, tuple)) else to_pandas(chart_data).iloc[:, 0].tolist()
            for v in values:
                try:
                    series.append(float(v))
                except Exception as exc:
                    raise StreamlitAPIException(
                        "Only numeric values are supported for chart data sequence. The "
                        f"value '{v}' is of type {type(v)} and cannot be converted to float."
                    ) from exc
        props = {
            "label": label,
            "body": value_text(value),
            "delta": delta_text(delta),
            "color": color,
            "direction": direction,
            "help": help,
            "icon": icon,
            "label_visibility": label_visibility,
            "show_border": bool(border),
            "chart_data": series,
            "chart_type": chart_type,
            "delta_description": delta_description,
        }
        return self._dg._append(Node(kind="metric", props=props))


def _sparkline(values: list[float], kind: str) -> str:
    finite = [v for v in values if v == v and abs(v) != float("inf")]
    if len(finite) < 1:
        return ""
    width, height = 200, 40
    lo, hi = min(finite + [0.0]) if kind == "bar" else min(finite), max(finite)
    span = (hi - lo) or 1.0

    def y(v: float) -> float:
        return height - (v - lo) / span * (height - 2) - 1

    if kind == "bar":
        bw = width / len(finite)
        bars = "".join(f"<rect x='{i * bw:.1f}' y='{y(v):.1f}' width='{max(bw - 1, 1):.1f}' height='{height - y(v):.1f}'/>" for i, v in enumerate(finite))
        return f"<svg class='jupyst-metric-chart' viewBox='0 0 {width} {height}' preserveAspectRatio='none'>{bars}</svg>"
    step = width / max(len(finite) - 1, 1)
    pts = " ".join(f"{i * step:.1f},{y(v):.1f}" for i, v in enumerate(finite))
    if kind == "area":
        pts = f"0,{height} {pts} {width},{height}"
        return f"<svg class='jupyst-metric-chart jupyst-area' viewBox='0 0 {width} {height}' preserveAspectRatio='none'><polygon points='{pts}'/></svg>"
    return f"<svg class='jupyst-metric-chart' viewBox='0 0 {width} {height}' preserveAspectRatio='none'><polyline points='{pts}'/></svg>"


@register
class MetricRenderer(Renderer):
    kind = "metric"

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        from jupyst.elements.lib.markdown import render

        label = render(props["label"], inline=True) if props["label_visibility"] == "visible" else ""
        help_text = props.get("help")
        tip = f" <span class='jupyst-help' title='{html.escape(str(help_text))}'>?</span>" if help_text else ""
        label_html = f"<div class='jupyst-metric-label'>{label}{tip}</div>" if props["label_visibility"] != "collapsed" else ""
        if props["label_visibility"] == "hidden":
            label_html = "<div class='jupyst-metric-label'>&nbsp;</div>"
        arrow = {"up": "↑", "down": "↓"}.get(props["direction"], "")
        delta = ""
        if props["delta"]:
            description = props.get("delta_description")
            extra = f" <span class='jupyst-metric-delta-description'>{html.escape(description)}</span>" if description else ""
            delta = (
                f"<div class='jupyst-metric-delta jupyst-delta-{props['color']}'>"
                f"<span class='jupyst-metric-arrow'>{arrow}</span> {html.escape(props['delta'])}{extra}</div>"
            )
        chart = _sparkline(props["chart_data"], props["chart_type"]) if props["chart_data"] else ""
        body = f"<div class='jupyst-metric-value'>{html.escape(props['body'])}</div>"
        border = ("jupyst-metric-border",) if props["show_border"] else ()
        dom = classes("metric", *border)
        return {"value": f"<div class='jupyst-metric-box'>{label_html}{body}{delta}{chart}</div>", "_dom_classes": dom}
