"""``st.altair_chart``, ``st.vega_lite_chart`` and ``st.plotly_chart``: specs shown by the front end.

These charts are already specifications, so they are not redrawn in bqplot: the spec goes
into an ``ipywidgets.Output`` as a MIME bundle and the page's renderer draws it —
JupyterLab and Voilà ship a Vega-Lite renderer (for the ``v5`` MIME type, which Altair 6
specs render with), and plotly's own extension draws plotly figures when plotly is
installed. Nothing is fetched from a CDN. Selections (``on_select``) are not reported back:
a selectable chart returns an empty selection state.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from jupyst.elements.lib.frames import AttributeDictionary, to_pandas
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.node import Node
from jupyst.elements.lib.sizing import use_container_width as _ucw
from jupyst.elements.lib.sizing import validate_height, validate_width
from jupyst.errors import (
    StreamlitAPIException,
    StreamlitMissingRequiredParameterError,
    StreamlitValueError,
)

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator

VEGA_LITE_MIME = "application/vnd.vegalite.v5+json"
VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
PLOTLY_MIME = "application/vnd.plotly.v1+json"


def _records(data: Any) -> list[dict[str, Any]]:
    df = to_pandas(data)
    if df.index.name is not None or not _is_range(df):
        df = df.reset_index()
    df.columns = [str(c) for c in df.columns]
    return json.loads(df.to_json(orient="records", date_format="iso"))


def _is_range(df: Any) -> bool:
    import pandas as pd

    return isinstance(df.index, pd.RangeIndex)


#: spec keys of charts made of several views, where a "container" width does not apply
_COMPOUND = ("facet", "repeat", "concat", "hconcat", "vconcat")


def prepare_spec(spec: dict[str, Any], width: Any, height: Any, theme: dict[str, str] | None = None) -> dict[str, Any]:
    """The spec as the page's Vega-Lite 5 renderer takes it, sized like Streamlit's.

    A single-view chart with no width of its own stretches to its container, as
    Streamlit's default ``width="stretch"`` does (the element's box has a definite width,
    so the renderer's resize observer settles). ``theme`` holds the app's colours and font
    (:func:`theme_config`), merged under the spec's own ``config``.
    """
    spec = dict(spec)
    if not spec:
        raise StreamlitMissingRequiredParameterError("spec", detail="Vega-Lite charts require a non-empty spec dict.")
    spec["$schema"] = VEGA_LITE_SCHEMA
    if "autosize" not in spec:
        spec["autosize"] = {"type": "fit", "contains": "padding"}
    if isinstance(width, int) and not isinstance(width, bool):
        spec["width"] = width
    elif width in (None, "stretch") and "width" not in spec and not any(k in spec for k in _COMPOUND):
        spec["width"] = "container"
    if isinstance(height, int) and not isinstance(height, bool):
        spec["height"] = height
    config = dict(spec.get("config") or {})
    for name, value in vega_config(theme or {}).items():
        if isinstance(value, dict):
            config[name] = {**value, **(config.get(name) or {})}
        else:
            config.setdefault(name, value)
    spec["config"] = config
    return spec


def vega_config(theme: dict[str, str]) -> dict[str, Any]:
    """Vega-Lite ``config`` for the app's theme: a transparent background (the page's shows
    through, light or dark) and, when a published app sets them, its text colour and font on
    axes, legends and titles."""
    config: dict[str, Any] = {"background": "transparent", "view": {"stroke": None}}
    text = theme.get("text")
    font = theme.get("font")
    if text:
        config["axis"] = {"labelColor": text, "titleColor": text, "domainColor": text, "tickColor": text, "gridOpacity": 0.2, "gridColor": text}
        config["legend"] = {"labelColor": text, "titleColor": text}
        config["title"] = {"color": text, "subtitleColor": text}
        config["header"] = {"labelColor": text, "titleColor": text}
    if font:
        config["font"] = font
    return config


def theme_colors() -> dict[str, str]:
    """The text colour and font of the app's ``[theme]`` (empty when none is set)."""
    from jupyst.runtime.config_file import ConfigError, get_config, theme_variables

    try:
        options = get_config()
    except ConfigError:
        return {}
    variables = theme_variables(options)
    out = {}
    if "--jupyst-text" in variables:
        out["text"] = variables["--jupyst-text"]
    if "--jupyst-font" in variables:
        out["font"] = variables["--jupyst-font"]
    return out


def _selection_state(on_select: Any) -> Any:
    if on_select == "ignore":
        return None
    if not (on_select == "rerun" or callable(on_select)):
        raise StreamlitValueError("on_select", ["'ignore'", "'rerun'", "a callback function"])
    return AttributeDictionary({"selection": {}})


class VegaMixin(ElementMixin):
    def _vega_node(self, command: str, spec: dict[str, Any], width: Any, height: Any, on_select: Any) -> Any:
        if width is not None:
            validate_width(width, allow_content=True)
        validate_height(height, allow_content=True)
        state = _selection_state(on_select)
        full = prepare_spec(spec, "stretch" if width is None else width, height, theme_colors())
        props = {"chart_type": command, "spec": json.dumps(full, default=str, sort_keys=True), "mime": VEGA_LITE_MIME, "width": width, "height": height}
        dg = self._dg._append(Node(kind="vega_lite_chart", props=props))
        return dg if state is None else state

    def altair_chart(self, altair_chart: Any, *, width: Any = None, height: Any = "content", use_container_width: bool | None = None, theme: str | None = "streamlit", key: Any = None, on_select: Any = "ignore", selection_mode: Any = None) -> DeltaGenerator:
        """Show an Altair chart (rendered by the page's Vega-Lite renderer)."""
        if theme not in ("streamlit", None):
            raise StreamlitValueError("theme", ["'streamlit'", "None"])
        if use_container_width is not None:
            width = _ucw(width or "content", use_container_width)
        try:
            spec = altair_chart.to_dict()
        except Exception as exc:
            raise StreamlitAPIException(f"Could not convert the Altair chart to Vega-Lite: {exc}") from exc
        return self._dg._vega_node("altair_chart", spec, width, height, on_select)

    def vega_lite_chart(self, data: Any = None, spec: dict[str, Any] | None = None, *, width: Any = None, height: Any = "content", use_container_width: bool | None = None, theme: str | None = "streamlit", key: Any = None, on_select: Any = "ignore", selection_mode: Any = None, **kwargs: Any) -> DeltaGenerator:
        """Show a Vega-Lite chart from a spec dict, with ``data`` as its dataset."""
        if theme not in ("streamlit", None):
            raise StreamlitValueError("theme", ["'streamlit'", "None"])
        if spec is None and isinstance(data, dict) and not _looks_like_data(data):
            spec, data = data, None
        spec = dict(spec or {})
        spec.update(kwargs)
        if not spec:
            raise StreamlitMissingRequiredParameterError("spec", detail="Vega-Lite charts require a non-empty spec dict.")
        if data is not None:
            spec["data"] = {"values": _records(data)}
        if use_container_width is not None:
            width = _ucw(width or "content", use_container_width)
        return self._dg._vega_node("vega_lite_chart", spec, width, height, on_select)

    def plotly_chart(self, figure_or_data: Any, use_container_width: bool | None = None, *, width: Any = "stretch", height: Any = "content", theme: str | None = "streamlit", key: Any = None, on_select: Any = "ignore", selection_mode: Any = ("points", "box", "lasso"), config: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        """Show a plotly figure (drawn by plotly's own front-end extension)."""
        width = _ucw(width, use_container_width)
        validate_width(width, allow_content=True)
        validate_height(height, allow_content=True)
        state = _selection_state(on_select)
        if isinstance(figure_or_data, dict):
            figure = dict(figure_or_data)
        else:
            to_json = getattr(figure_or_data, "to_plotly_json", None)
            if to_json is None:
                import plotly.tools

                figure_or_data = plotly.tools.return_figure_from_figure_or_data(figure_or_data, validate_figure=True)
                to_json = figure_or_data.to_plotly_json
            figure = to_json()
        if isinstance(height, int) and not isinstance(height, bool):
            figure.setdefault("layout", {})["height"] = height
        figure["config"] = {**(config or {}), "responsive": True}
        props = {"chart_type": "plotly_chart", "spec": json.dumps(figure, default=str, sort_keys=True), "mime": PLOTLY_MIME, "width": width, "height": height}
        dg = self._dg._append(Node(kind="plotly_chart", props=props))
        return dg if state is None else state


def _looks_like_data(value: dict[str, Any]) -> bool:
    return bool(value) and all(isinstance(v, (list, tuple)) or hasattr(v, "__array__") for v in value.values())


def output_traits(props: dict[str, Any]) -> dict[str, Any]:
    """The Output widget's outputs: one display_data with the chart's MIME bundle."""
    bundle = {props["mime"]: json.loads(props["spec"]), "text/plain": f"<{props['chart_type']}>"}
    return {"outputs": ({"output_type": "display_data", "data": bundle, "metadata": {}},)}
