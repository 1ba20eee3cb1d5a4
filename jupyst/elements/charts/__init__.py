"""The built-in charts: ``st.line_chart``, ``st.area_chart``, ``st.bar_chart``, ``st.scatter_chart``.

Each call shapes its data as Streamlit does (:mod:`.shaping`) while the script runs, so a
missing column or a bad colour raises Streamlit's error in the app; the node carries the
long table and the encodings. The renderer draws them on bqplot (:mod:`.figure`), reusing
the figure when a rerun changes only the data. As in Streamlit, the element type is
``vega_lite_chart`` (what ``AppTest.get("vega_lite_chart")`` finds); the command's name is
in the ``chart_type`` prop and in a ``jupyst-<command>`` CSS class.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from jupyst.elements.charts.shaping import Shaped, check_stack, prepare, series
from jupyst.elements.charts.vega import VegaMixin, output_traits
from jupyst.elements.lib.node import Node
from jupyst.elements.lib.registry import Renderer, classes, register
from jupyst.elements.lib.sizing import use_container_width as _ucw
from jupyst.elements.lib.sizing import validate_height, validate_width

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator

#: pixels of a chart whose height is "content" or "stretch" (Streamlit's default)
DEFAULT_HEIGHT = 350
KIND = "vega_lite_chart"


def _encoding(shaped: Shaped) -> dict[str, Any]:
    return {f.name: getattr(shaped, f.name) for f in dataclasses.fields(shaped) if f.name != "data"}


def shaped_from(props: dict[str, Any]) -> Shaped:
    return Shaped(data=props["data"], **props["encoding"])


class ChartMixin(VegaMixin):
    def _builtin_chart(self, command: str, kind: str, data: Any, width: Any, height: Any, use_container_width: bool | None, **args: Any) -> DeltaGenerator:
        shaped = prepare(kind, data, **args)
        width = _ucw(width, use_container_width)
        validate_width(width, allow_content=True)
        validate_height(height, allow_content=True)
        props = {
            "chart_type": command,
            "data": shaped.data,
            "encoding": _encoding(shaped),
            "width": width,
            "height": height,
        }
        return self._dg._append(Node(kind=KIND, props=props))

    def line_chart(self, data: Any = None, *, x: str | None = None, y: Any = None, x_label: str | None = None, y_label: str | None = None, color: Any = None, width: Any = "stretch", height: Any = "content", use_container_width: bool | None = None, alt: str | None = None) -> DeltaGenerator:
        """Draw a line chart: one line per y column (or per value of ``color``)."""
        return self._dg._builtin_chart("line_chart", "line", data, width, height, use_container_width, x=x, y=y, x_label=x_label, y_label=y_label, color=color)

    def area_chart(self, data: Any = None, *, x: str | None = None, y: Any = None, x_label: str | None = None, y_label: str | None = None, color: Any = None, stack: Any = None, width: Any = "stretch", height: Any = "content", use_container_width: bool | None = None, alt: str | None = None) -> DeltaGenerator:
        """Draw an area chart; several series stack unless ``stack`` says otherwise."""
        check_stack(stack)
        return self._dg._builtin_chart("area_chart", "area", data, width, height, use_container_width, x=x, y=y, x_label=x_label, y_label=y_label, color=color, stack=stack)

    def bar_chart(self, data: Any = None, *, x: str | None = None, y: Any = None, x_label: str | None = None, y_label: str | None = None, color: Any = None, horizontal: bool = False, sort: Any = True, stack: Any = None, width: Any = "stretch", height: Any = "content", use_container_width: bool | None = None, alt: str | None = None) -> DeltaGenerator:
        """Draw a bar chart: stacked, grouped (``stack=False``) or horizontal, sorted by ``sort``."""
        check_stack(stack)
        return self._dg._builtin_chart("bar_chart", "bar", data, width, height, use_container_width, x=x, y=y, x_label=x_label, y_label=y_label, color=color, stack=stack, sort=sort, horizontal=bool(horizontal))

    def scatter_chart(self, data: Any = None, *, x: str | None = None, y: Any = None, x_label: str | None = None, y_label: str | None = None, color: Any = None, size: Any = None, width: Any = "stretch", height: Any = "content", use_container_width: bool | None = None, alt: str | None = None) -> DeltaGenerator:
        """Draw a scatter chart; ``size`` is a column or a number (point area in px²)."""
        return self._dg._builtin_chart("scatter_chart", "scatter", data, width, height, use_container_width, x=x, y=y, x_label=x_label, y_label=y_label, color=color, size=size)


def drawn_series(props: dict[str, Any]) -> list[dict[str, Any]]:
    """What a built-in chart node draws: ``[{"name", "x", "y", "size"}]`` per series (for tests)."""
    out = []
    for s in series(shaped_from(props)):
        out.append({"name": s.name, "color": s.color, "x": s.x.tolist(), "y": s.y.tolist(), "size": None if s.size is None else s.size.tolist()})
    return out


def _chart_figure() -> type[w.Widget]:
    # bqplot costs ~0.4 s to import: pay it with the first chart, not with `import jupyst`.
    from jupyst.elements.charts.figure import ChartFigure

    return ChartFigure


@register
class ChartRenderer(Renderer):
    """Built-in charts as bqplot figures; Altair / Vega-Lite specs in an Output widget."""

    kind = KIND
    cls = w.Output

    def widget_class(self, props: dict[str, Any]) -> type[w.Widget]:
        return w.Output if "spec" in props else _chart_figure()

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        command = props.get("chart_type", KIND)
        if "spec" in props:
            return {**output_traits(props), "_dom_classes": classes(self.kind, f"jupyst-{command}")}
        return {
            "chart": shaped_from(props),
            "_dom_classes": classes(KIND, f"jupyst-{command}"),
            "layout": layout_for(props.get("width"), props.get("height")),
        }


@register
class PlotlyRenderer(ChartRenderer):
    kind = "plotly_chart"


def layout_for(width: Any, height: Any) -> dict[str, str]:
    """The figure's CSS size for Streamlit's width and height arguments."""
    h = height if isinstance(height, int) and not isinstance(height, bool) else DEFAULT_HEIGHT
    wd = f"{width}px" if isinstance(width, int) and not isinstance(width, bool) else "100%"
    return {"height": f"{h}px", "width": wd, "max_width": "100%"}
