"""``st.map``: points on a tile map (ipyleaflet), centred and zoomed as Streamlit does.

Latitude and longitude come from the named columns or from ``lat``/``latitude``/``LAT``/
``LATITUDE`` (and the same for longitude); ``size`` is a radius in metres (a number or a
column) and ``color`` a colour or a column of colours. The points travel as one GeoJSON
layer; a rerun with new points replaces that layer's data in the existing map. As in
Streamlit's AppTest, the element type is ``deck_gl_json_chart``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import ipywidgets as w
import traitlets as t

from jupyst.elements.charts import colors
from jupyst.elements.lib.frames import to_pandas
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.node import Node
from jupyst.elements.lib.registry import Renderer, classes
from jupyst.elements.lib.sizing import use_container_width as _ucw
from jupyst.elements.lib.sizing import validate_height, validate_width
from jupyst.errors import StreamlitAPIException
from jupyst.widgets.browser_input import add_browser_traits

if TYPE_CHECKING:
    import pandas as pd

    from jupyst.delta_generator import DeltaGenerator

KIND = "deck_gl_json_chart"
LAT_NAMES = ("lat", "latitude", "LAT", "LATITUDE")
LON_NAMES = ("lon", "longitude", "LON", "LONGITUDE")
DEFAULT_SIZE = 100
DEFAULT_ZOOM = 12
_ZOOM_LEVELS = [360, 180, 90, 45, 22.5, 11.25, 5.625, 2.813, 1.406, 0.703, 0.352, 0.176, 0.088, 0.044, 0.022, 0.011, 0.005, 0.003, 0.001, 0.0005, 0.00025]
#: the base map (OpenStreetMap tiles; the browser fetches them from tile.openstreetmap.org)
BASEMAP = "OpenStreetMap.Mapnik"


def zoom_for(distance: float) -> int:
    """Streamlit's zoom level for a span of ``distance`` degrees."""
    for i in range(len(_ZOOM_LEVELS) - 1):
        if _ZOOM_LEVELS[i + 1] < distance <= _ZOOM_LEVELS[i]:
            return i
    return DEFAULT_ZOOM


def _column(df: pd.DataFrame, name: str, given: Any, defaults: tuple[str, ...]) -> str:
    if isinstance(given, str) and given in df.columns:
        col = given
    else:
        found = next((c for c in defaults if c in df.columns), None)
        if found is None:
            allowed = ", ".join(map(repr, sorted(defaults)))
            existing = ", ".join(map(repr, list(df.columns)))
            raise StreamlitAPIException(f"Map data must contain a {name} column named: {allowed}. Existing columns: {existing}")
        col = found
    if df[col].isna().any():
        raise StreamlitAPIException(f"Column {col} is not allowed to contain null values, such as NaN, NaT, or None.")
    return col


def map_points(data: Any, latitude: Any, longitude: Any, color: Any, size: Any, zoom: Any) -> dict[str, Any]:
    """The points (lat, lon, radius in metres, CSS colour) and the initial view."""
    import pandas as pd

    if data is None or (hasattr(data, "empty") and data.empty):
        return {"points": pd.DataFrame({"lat": [], "lon": [], "radius": [], "color": []}), "center": (0.0, 0.0), "zoom": 1}
    df = to_pandas(data)
    lat = _column(df, "latitude", latitude, LAT_NAMES)
    lon = _column(df, "longitude", longitude, LON_NAMES)
    if isinstance(size, str) and size in df.columns:
        radius = pd.to_numeric(df[size], errors="coerce").fillna(DEFAULT_SIZE).astype(float)
    else:
        radius = pd.Series(float(DEFAULT_SIZE if size is None else size), index=df.index)
    if isinstance(color, str) and color in df.columns:
        column = df[color]
        if not (len(column) and colors.is_color_like(column.iat[0])):
            raise StreamlitAPIException(f'Column "{color}" does not appear to contain valid colors.')
        fill = column.map(colors.to_css)
    else:
        try:
            css = colors.to_css("primary" if color is None else color)
        except colors.StreamlitInvalidColorError as exc:
            raise StreamlitAPIException(str(exc)) from None
        fill = pd.Series(css, index=df.index)
    points = pd.DataFrame({"lat": df[lat].astype(float).to_numpy(), "lon": df[lon].astype(float).to_numpy(), "radius": radius.to_numpy(), "color": fill.to_numpy()})
    lo_lat, hi_lat, lo_lon, hi_lon = points["lat"].min(), points["lat"].max(), points["lon"].min(), points["lon"].max()
    center = ((lo_lat + hi_lat) / 2.0, (lo_lon + hi_lon) / 2.0)
    if zoom is None:
        zoom = zoom_for(max(abs(hi_lat - lo_lat), abs(hi_lon - lo_lon)))
    return {"points": points, "center": (float(center[0]), float(center[1])), "zoom": int(zoom)}


class MapMixin(ElementMixin):
    def map(self, data: Any = None, *, latitude: str | None = None, longitude: str | None = None, color: Any = None, size: Any = None, zoom: int | None = None, width: Any = "stretch", height: Any = 500, use_container_width: bool | None = None) -> DeltaGenerator:
        """Show points on a map, centred on them and zoomed to fit."""
        width = _ucw(width, use_container_width)
        validate_width(width, allow_content=False)
        validate_height(height, allow_content=False)
        view = map_points(data, latitude, longitude, color, size, zoom)
        return self._dg._append(Node(kind=KIND, props={**view, "width": width, "height": height, "command": "map"}))


def layout_for(width: Any, height: Any) -> dict[str, str]:
    h = height if isinstance(height, int) and not isinstance(height, bool) else 500
    wd = f"{width}px" if isinstance(width, int) and not isinstance(width, bool) else "100%"
    return {"height": f"{h}px", "width": wd, "max_width": "100%"}


def _features(points: pd.DataFrame, center_lat: float, zoom: int) -> dict[str, Any]:
    # Radii are metres; circle markers take pixels at the initial zoom (at least 3, as
    # Streamlit's radiusMinPixels).
    metres_per_pixel = 156543.03392 * math.cos(math.radians(center_lat)) / (2 ** zoom)
    features = []
    for lat, lon, radius, color in points.itertuples(index=False, name=None):
        pixels = max(3.0, float(radius) / metres_per_pixel) if metres_per_pixel > 0 else 3.0
        style = {"radius": round(pixels, 2), "color": color, "fillColor": color, "fillOpacity": 0.7, "weight": 0}
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": {"style": style}})
    return {"type": "FeatureCollection", "features": features}


def _map_class() -> type[w.Widget]:
    try:
        import ipyleaflet
    except ImportError:  # pragma: no cover - ipyleaflet is a dependency
        raise StreamlitAPIException("st.map needs ipyleaflet: pip install ipyleaflet") from None

    class PointMap(ipyleaflet.Map):
        """A leaflet map with one GeoJSON layer of points, updated in place."""

        view = t.Dict(help="points, center and zoom; stays in the kernel")

        def __init__(self, **kwargs: Any) -> None:
            import xyzservices

            self._ready = False
            view = kwargs.pop("view")
            provider = xyzservices.providers.query_name(BASEMAP)
            super().__init__(basemap=provider, center=view["center"], zoom=view["zoom"], scroll_wheel_zoom=True, **kwargs)
            self.points = ipyleaflet.GeoJSON(data=_features(view["points"], view["center"][0], view["zoom"]), point_style={"radius": 3})
            self.add(self.points)
            self.view = view
            self._ready = True

        @t.observe("view")
        def _on_view(self, change: dict[str, Any]) -> None:
            if not self._ready:
                return
            view = change["new"]
            with self.hold_sync():
                self.points.data = _features(view["points"], view["center"][0], view["zoom"])
                self.center = view["center"]
                self.zoom = view["zoom"]

        def close_tree(self) -> None:
            parts = [*self.layers, *self.controls, self.layout]
            self.close()
            for part in parts:
                if part is not None:
                    part.close()

    # Panning and zooming report the map's view back; nothing else of the map comes from the page.
    add_browser_traits(PointMap, dict.fromkeys(MAP_VIEW_TRAITS, _view_value))
    return PointMap


#: what leaflet's front end reports about the view as the visitor pans and zooms
MAP_VIEW_TRAITS = (
    "center", "zoom", "bounds", "pixel_bounds", "north", "south", "east", "west", "top", "bottom", "left", "right",
    "window_url", "fullscreen",
)


def _view_value(value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return len(value) <= 4 and all(_view_value(v) for v in value)
    return isinstance(value, (int, float, bool)) or (isinstance(value, str) and len(value) <= 2048)


_POINT_MAP: type[w.Widget] | None = None


class MapRenderer(Renderer):
    """st.map's point map; registered through charts_extra.DeckGlRenderer, which draws every
    element of this kind (st.pydeck_chart shares it)."""

    kind = KIND

    def widget_class(self, props: dict[str, Any]) -> type[w.Widget]:
        global _POINT_MAP
        if _POINT_MAP is None:
            _POINT_MAP = _map_class()
        return _POINT_MAP

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        view = {"points": props["points"], "center": props["center"], "zoom": props["zoom"]}
        return {"view": view, "layout": layout_for(props["width"], props["height"]), "_dom_classes": classes(KIND, "jupyst-map")}
