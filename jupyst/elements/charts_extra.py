"""Charts drawn by their library's own renderer: pydeck, Graphviz, Mermaid and ECharts.

- ``st.pydeck_chart``: pydeck's own standalone HTML (``Deck.to_html(offline=True)``, its
  deck.gl bundle inlined from the pydeck wheel) in a sandboxed frame. Basemap tiles and
  mapbox-gl still come from their providers' servers, as in pydeck itself. With
  ``on_select`` the chart is a widget: a click selects objects as Streamlit's does
  (elements/lib/deck_selection.py) and the script gets a ``PydeckState``.
- ``st.graphviz_chart``: Graphviz's ``dot`` program draws SVG in the kernel (the ``graphviz``
  Debian/Homebrew package); without it the DOT source is shown with a note saying so.
- ``st.mermaid_chart`` and ``st.echarts_chart``: the pinned Mermaid and ECharts bundles
  jupyst ships (:mod:`jupyst.widgets.library_chart`) draw in the browser.

Selections (``on_select``) of ECharts charts are not reported: the returned state's
selection stays empty.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from jupyst.elements.iframe import frame_size
from jupyst.elements.lib import deck_selection
from jupyst.elements.lib.frames import AttributeDictionary
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.node import Node
from jupyst.elements.lib.registry import InvalidWidgetValue, Renderer, classes, register
from jupyst.elements.lib.sizing import use_container_width, validate_height, validate_width
from jupyst.elements.lib.widget_base import WidgetCall, check_callback, widget_value
from jupyst.elements.map import MapRenderer
from jupyst.errors import (
    StreamlitAPIException,
    StreamlitInvalidParameterTypeError,
    StreamlitValueError,
)
from jupyst.widgets.component_frame import ComponentFrame, decode_value, value_problem
from jupyst.widgets.library_chart import LibraryChart, library

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator

#: pydeck's empty map, as Streamlit draws ``st.pydeck_chart()`` without a Deck
EMPTY_VIEW = {"latitude": 0, "longitude": 0, "pitch": 0, "zoom": 1}
DOT_TIMEOUT_S = 20


class PydeckState(AttributeDictionary):
    """The value of ``st.pydeck_chart(on_select=...)``: ``{"selection": {"indices", "objects"}}``."""


def pydeck_state(selection: dict[str, Any]) -> PydeckState:
    return PydeckState({"selection": AttributeDictionary(selection)})


class EChartsState(AttributeDictionary):
    """The value of ``st.echarts_chart(on_select=...)``: ``{"selection": {...}}``."""


def _check_on_select(on_select: Any) -> bool:
    """Whether selections are on (Streamlit's check of ``on_select``)."""
    if on_select is None:
        raise StreamlitValueError("on_select", ["'rerun'", "'ignore'", "a callback function"])
    check_callback(on_select, "on_select")
    return on_select != "ignore"


def dot_to_svg(dot: str, engine: str) -> str | None:
    """SVG of a DOT graph drawn by Graphviz, or None when ``dot`` is not installed."""
    program = shutil.which("dot")
    if program is None:
        return None
    try:
        done = subprocess.run([program, f"-K{engine}", "-Tsvg"], input=dot.encode("utf-8"), capture_output=True, timeout=DOT_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        raise StreamlitAPIException(f"Graphviz took longer than {DOT_TIMEOUT_S} s to draw the graph.") from exc
    if done.returncode != 0:
        raise StreamlitAPIException(f"Graphviz could not draw the graph: {done.stderr.decode('utf-8', 'replace').strip()}")
    svg = done.stdout.decode("utf-8", "replace")
    return svg[svg.find("<svg"):] if "<svg" in svg else svg


def _echarts_option(spec: Any) -> dict[str, Any]:
    """The ECharts option: a dict, or a pyecharts chart's ``dump_options()``."""
    dump = getattr(spec, "dump_options", None)
    if callable(dump):
        try:
            spec = json.loads(dump())
        except ValueError as exc:
            raise StreamlitAPIException(
                "The chart's options are not JSON. JavaScript callbacks (pyecharts JsCode) are not supported."
            ) from exc
    if isinstance(spec, str):
        try:
            spec = json.loads(spec)
        except ValueError as exc:
            raise StreamlitAPIException(f"The ECharts option string is not JSON: {exc}") from exc
    if not isinstance(spec, dict):
        raise StreamlitInvalidParameterTypeError("spec", type(spec).__name__, ["dict", "str", "pyecharts chart"])
    return spec


class ChartsExtraMixin(ElementMixin):
    def pydeck_chart(self, pydeck_obj: Any = None, *, width: Any = "stretch", use_container_width: bool | None = None, height: Any = 500, selection_mode: str = "single-object", on_select: Any = "ignore", key: Any = None, alt: str | None = None) -> Any:
        """Draw a pydeck ``Deck`` (a deck.gl map) with pydeck's own HTML renderer."""
        try:
            import pydeck
        except ImportError as exc:
            raise StreamlitAPIException("`st.pydeck_chart` needs the `pydeck` package: `pip install pydeck`.") from exc

        given_width = use_container_width
        width = use_container_width_arg(width, use_container_width)
        validate_width(width)
        validate_height(height)
        selecting = _check_on_select(on_select)
        if selecting:
            if not isinstance(selection_mode, str):
                raise StreamlitInvalidParameterTypeError("selection_mode", type(selection_mode).__name__, ["str"], detail="Selection mode must be a single value.")
            if selection_mode not in deck_selection.SELECTION_MODES:
                raise StreamlitValueError("selection_mode", ["'multi-object'", "'single-object'"])
        deck = pydeck_obj if pydeck_obj is not None else pydeck.Deck(initial_view_state=pydeck.ViewState(**EMPTY_VIEW))
        frame_height = height if isinstance(height, int) else 500
        spec = deck.to_json()
        if not selecting:
            page = deck.to_html(as_string=True, offline=True, notebook_display=False, iframe_height=frame_height)
            props = {"html": page, "spec": spec, "width": width, "height": height, "alt": alt, "key": None if key is None else str(key)}
            return self._dg._append(Node(kind="deck_gl_json_chart", props=props))
        props = {"html": deck_selection.selectable_page(deck, spec, frame_height), "spec": spec, "width": width, "height": height, "alt": alt, "selection_mode": selection_mode}
        call = WidgetCall(
            kind="deck_gl_json_chart", label="", key=key, on_change=on_select if callable(on_select) else "rerun",
            identity={"is_selection_activated": True, "selection_mode": selection_mode, "use_container_width": given_width, "spec": spec, "alt": alt},
            key_identity=("selection_mode",), writable=False,
        )
        return widget_value(self._dg, call, pydeck_state(deck_selection.empty_selection()), props)

    def graphviz_chart(self, figure_or_dot: Any, use_container_width: bool | None = None, *, width: Any = "content", height: Any = "content", alt: str | None = None) -> DeltaGenerator:
        """Draw a Graphviz graph (a ``graphviz`` object or DOT source) as SVG."""
        if hasattr(figure_or_dot, "source") and hasattr(figure_or_dot, "engine"):
            dot, engine = str(figure_or_dot.source), str(figure_or_dot.engine)
        elif isinstance(figure_or_dot, str):
            dot, engine = figure_or_dot, "dot"
        else:
            raise StreamlitInvalidParameterTypeError(
                "figure_or_dot", type(figure_or_dot).__name__, ["graphviz.Graph", "graphviz.Digraph", "graphviz.Source", "str"]
            )
        width = use_container_width_arg(width, use_container_width)
        validate_width(width, allow_content=True)
        validate_height(height, allow_content=True)
        props = {"spec": dot, "engine": engine, "svg": dot_to_svg(dot, engine), "width": width, "height": height, "alt": alt}
        return self._dg._append(Node(kind="graphviz_chart", props=props))

    def mermaid_chart(self, body: str, *, width: Any = "stretch", alt: str | None = None) -> DeltaGenerator:
        """Draw a Mermaid diagram (flowchart, sequence, gantt, ...) from its source."""
        validate_width(width, allow_content=True)
        longest = 0
        run = 0
        for ch in body:
            run = run + 1 if ch == "`" else 0
            longest = max(longest, run)
        fence = "`" * max(4, longest + 1)
        # Streamlit sends a diagram as a markdown element with a mermaid code fence.
        props = {"body": f"{fence}mermaid\n{body}\n{fence}", "source": body, "width": width, "alt": alt}
        return self._dg._append(Node(kind="mermaid_chart", props=props))

    def echarts_chart(self, spec: Any, *, width: Any = "stretch", height: Any = "content", theme: str | None = "streamlit", key: Any = None, on_select: Any = "ignore", renderer: str = "canvas", alt: str | None = None) -> Any:
        """Draw an Apache ECharts option (a dict or a pyecharts chart)."""
        option = _echarts_option(spec)
        validate_width(width, allow_content=True)
        validate_height(height, allow_content=True)
        if renderer not in ("canvas", "svg"):
            raise StreamlitValueError("renderer", ["'canvas'", "'svg'"])
        if theme not in ("streamlit", None):
            raise StreamlitValueError("theme", ["'streamlit'", "None"])
        selecting = _check_on_select(on_select)
        try:
            text = json.dumps(option, default=str)
        except ValueError as exc:
            raise StreamlitAPIException(f"The ECharts option is not JSON: {exc}") from exc
        props = {"spec": text, "width": width, "height": height, "renderer": renderer, "alt": alt, "key": None if key is None else str(key)}
        dg = self._dg._append(Node(kind="echarts_chart", props=props))
        if selecting:
            return EChartsState({"selection": AttributeDictionary({})})
        return dg


def use_container_width_arg(width: Any, flag: bool | None) -> Any:
    return use_container_width(width, flag)


class PydeckRenderer(Renderer):
    """A pydeck chart's frame; with ``on_select`` a widget whose value is the selection."""

    kind = "deck_gl_json_chart"
    cls = ComponentFrame
    value_trait = "value"
    event = "value"

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        out = {"srcdoc": props["html"], "title": props.get("alt") or "", "_dom_classes": classes("pydeck_chart"), **frame_size(props["width"], props["height"])}
        mode = props.get("selection_mode")
        if mode:
            # The page learns the kernel's selection and the mode from the render event.
            selection = _selection_of(props.get("value"))
            out["protocol"] = True
            out["render"] = {"args": {"selection": selection, "selection_mode": mode}, "dfs": [], "disabled": False}
            out["value"] = self.to_widget(props, props.get("value"))
        return out

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        return {"value": {"selection": _selection_of(value)}, "dataType": "json"}

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        mode = props.get("selection_mode")
        problem = value_problem(raw)
        if not mode or problem is not None or raw is None:
            raise InvalidWidgetValue(problem or raw)
        try:
            return pydeck_state(deck_selection.check_selection(decode_value(raw), mode))
        except ValueError as exc:
            raise InvalidWidgetValue(str(exc)) from None


@register
class DeckGlRenderer(Renderer):
    """Both elements of Streamlit's kind ``deck_gl_json_chart``: ``st.map``'s point map
    (``command="map"``) and ``st.pydeck_chart``. One kind has one renderer: this one hands
    each node to the element's own."""

    kind = "deck_gl_json_chart"
    value_trait = "value"
    event = "value"

    def __init__(self) -> None:
        self._map = MapRenderer()
        self._pydeck = PydeckRenderer()

    def _of(self, props: dict[str, Any]) -> Renderer:
        return self._map if props.get("command") == "map" else self._pydeck

    def widget_class(self, props: dict[str, Any]) -> type:
        return self._of(props).widget_class(props)

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return self._of(props).traits(props)

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        return self._of(props).to_widget(props, value)

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        return self._of(props).from_widget(props, raw)


def _selection_of(value: Any) -> dict[str, Any]:
    """The plain ``{"indices", "objects"}`` of a PydeckState (empty for anything else)."""
    selection = dict.get(value, "selection") if isinstance(value, dict) else None
    if not isinstance(selection, dict):
        return deck_selection.empty_selection()
    return {"indices": dict(selection.get("indices") or {}), "objects": dict(selection.get("objects") or {})}


@register
class GraphvizRenderer(Renderer):
    kind = "graphviz_chart"
    cls = w.HTML

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        svg = props.get("svg")
        if svg is None:
            body = (
                "<div class='jupyst-graphviz-missing'>Graphviz's <code>dot</code> program is not installed "
                "on the server, so the graph is shown as its DOT source.</div>"
                f"<pre>{html.escape(props['spec'])}</pre>"
            )
        else:
            label = html.escape(props.get("alt") or "graph")
            body = f"<div role='img' aria-label='{label}'>{svg}</div>"
        return {"value": body, "_dom_classes": classes(self.kind)}


class _LibraryRenderer(Renderer):
    cls = LibraryChart
    library = ""

    def construct(self, cls: type[w.Widget], traits: dict[str, Any]) -> w.Widget:
        # The library model is shared by every chart of the kernel; closing a chart leaves it.
        return super().construct(cls, {**traits, "library": library(self.library), "kind": self.library})


@register
class MermaidRenderer(_LibraryRenderer):
    kind = "mermaid_chart"
    library = "mermaid"

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"spec": props["source"], "alt": props.get("alt") or "", "_dom_classes": classes(self.kind)}


@register
class EChartsRenderer(_LibraryRenderer):
    kind = "echarts_chart"
    library = "echarts"

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        height = props["height"]
        return {
            "spec": props["spec"],
            "height": height if isinstance(height, int) else 400,
            "renderer": props["renderer"],
            "alt": props.get("alt") or "",
            "_dom_classes": classes(self.kind),
        }
