"""Built-in charts drawn with bqplot, updated in place when only the data changes.

:class:`ChartFigure` is a ``bqplot.Figure`` with one Python-side trait, ``chart`` (a
:class:`~jupyst.elements.charts.shaping.Shaped`). Setting it draws: the first time, and
whenever the chart's structure changes (kind, axis types, number of series), scales, axes
and marks are built anew; otherwise only the marks' data, labels and colours change, so a
rerun with new numbers moves the existing lines and bars instead of replacing the figure.
"""

from __future__ import annotations

import logging
from typing import Any

import bqplot as bq
import numpy as np
import traitlets as t

from jupyst.elements.charts import axes, colors
from jupyst.elements.charts.shaping import Series, Shaped, series

log = logging.getLogger("jupyst")

#: at most this many points get invisible hover markers (tooltips) on a line chart
TOOLTIP_POINTS = 5000
_MARGIN = {"top": 20, "bottom": 50, "left": 64, "right": 24}


def _scale_for(kind: str) -> bq.Scale:
    if kind == "temporal":
        return bq.DateScale()
    if kind in ("ordinal", "nominal"):
        return bq.OrdinalScale()
    return bq.LinearScale()


def _values(values: np.ndarray, kind: str) -> np.ndarray:
    """Values in the form the axis scale takes (strings, datetimes or floats)."""
    import pandas as pd

    if kind in ("ordinal", "nominal"):
        return np.array(["" if v is None or (isinstance(v, float) and v != v) else str(v) for v in values], dtype=object)
    if kind == "temporal":
        return pd.to_datetime(pd.Series(values), errors="coerce").to_numpy(dtype="datetime64[ms]")
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        return np.asarray(pd.to_numeric(pd.Series(values), errors="coerce"), dtype=float)


def _same_array(a: Any, b: Any) -> bool:
    if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)) or a.shape != b.shape or a.dtype != b.dtype:
        return False
    try:
        return bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fcmM"))
    except TypeError:
        return bool(np.array_equal(a, b))


def _order(s: Series) -> np.ndarray:
    """Points in x order: Vega-Lite joins a line's points sorted by x."""
    try:
        return np.argsort(s.x, kind="stable")
    except TypeError:
        return np.arange(len(s.x))


def _categories(shaped: Shaped, all_series: list[Series]) -> list[Any]:
    """Bar categories in axis order: sorted, data order, or by a sort column."""
    import pandas as pd

    df = shaped.data
    seen = list(dict.fromkeys(v for s in all_series for v in s.x.tolist()))
    sort = shaped.sort
    if sort is False:
        return list(dict.fromkeys(df[shaped.x].tolist())) if shaped.x else seen
    if sort is True or shaped.sort_field is None:
        try:
            return sorted(seen)
        except TypeError:
            return sorted(seen, key=str)
    field = shaped.sort_field
    stacked = shaped.stack is not False and shaped.stack != "layered"
    grouped = df.groupby(shaped.x, sort=False)[field]
    agg = grouped.sum() if stacked else grouped.min()
    agg = pd.to_numeric(agg, errors="coerce") if agg.dtype == object else agg
    ordered = agg.sort_values(ascending=not str(sort).startswith("-"), kind="stable")
    return [c for c in ordered.index.tolist() if c in set(seen)] + [c for c in seen if c not in set(ordered.index)]


def _stack(all_series: list[Series], mode: Any) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
    """A common x and each series' lower and upper edge, stacked as Vega's stack transform does.

    With the default ``zero`` offset (what ``st.area_chart`` and ``st.bar_chart`` use),
    positive values pile up from zero and negative values pile down from zero, each on its
    own, so a negative series never cuts into the positive ones. ``normalize`` and
    ``center`` pile up absolute values (Vega's ``stackNormalize`` and ``stackCenter``):
    shares of the total, or stacks centred on the tallest one.
    """
    xs = np.array(sorted({v for s in all_series for v in s.x.tolist() if v == v}), dtype=object) if all_series else np.array([])
    index = {v: i for i, v in enumerate(xs.tolist())}
    ys = np.zeros((len(all_series), len(xs)))
    for k, s in enumerate(all_series):
        for xv, yv in zip(s.x.tolist(), s.y.tolist()):
            if xv in index and yv == yv:
                ys[k, index[xv]] += float(yv)
    if mode in ("normalize", "center"):
        sizes = np.abs(ys)
        totals = sizes.sum(axis=0)
        if mode == "normalize":
            sizes = np.divide(sizes, totals, out=np.zeros_like(sizes), where=totals != 0)
        upper = np.cumsum(sizes, axis=0)
        lower = upper - sizes
        if mode == "center":
            shift = (totals.max() - totals) / 2 if len(all_series) and totals.size else 0
            upper, lower = upper + shift, lower + shift
        return xs, [(lower[k], upper[k]) for k in range(len(all_series))]
    positive = np.cumsum(np.where(ys >= 0, ys, 0.0), axis=0)
    negative = np.cumsum(np.where(ys < 0, ys, 0.0), axis=0)
    upper = np.where(ys >= 0, positive, negative)
    lower = upper - ys
    return xs, [(lower[k], upper[k]) for k in range(len(all_series))]


def _defined(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Which points have both coordinates. bqplot's lines skip a missing y (a gap, as in
    Vega-Lite) but its scatter points would become ``translate(x,NaN)`` console errors."""
    keep = np.ones(len(y), dtype=bool)
    for values in (x, y):
        if values.dtype.kind == "f":
            keep &= np.isfinite(values)
        elif values.dtype.kind == "M":
            keep &= ~np.isnat(values)
    return keep


def _mark_values(marks: list[Any], name: str, numeric: bool = True) -> np.ndarray | list[Any]:
    """Every value of one coordinate over the marks (stacked bar totals included)."""
    parts: list[Any] = []
    for mark in marks:
        value = getattr(mark, name, None)
        if value is None:
            continue
        arr = np.asarray(value)
        if not numeric:
            parts.extend(arr.ravel().tolist())
            continue
        if arr.dtype.kind not in "fiu":
            continue
        parts.append(arr.astype(float).ravel())
        if isinstance(mark, bq.Bars) and arr.ndim == 2 and mark.type == "stacked":
            parts.append(np.where(arr > 0, arr, 0).sum(axis=0))
            parts.append(np.where(arr < 0, arr, 0).sum(axis=0))
    if not numeric:
        return parts
    return np.concatenate(parts) if parts else np.array([])


def _set(widget: Any, name: str, value: Any) -> None:
    if getattr(widget, name) != value:
        setattr(widget, name, value)


class ChartFigure(bq.Figure):
    """A bqplot Figure that draws (and redraws in place) one built-in chart."""

    chart = t.Instance(Shaped, allow_none=True, help="What to draw; stays in the kernel.")

    def __init__(self, **kwargs: Any) -> None:
        self._ready = False
        self._signature: tuple[Any, ...] | None = None
        self._owned: list[Any] = []
        kwargs.setdefault("fig_margin", dict(_MARGIN))
        kwargs.setdefault("animation_duration", 0)
        kwargs.setdefault("legend_location", "top-right")
        super().__init__(**kwargs)
        self._ready = True
        self._draw(self.chart)

    @t.observe("chart")
    def _on_chart(self, change: dict[str, Any]) -> None:
        if self._ready:
            self._draw(change["new"])

    # ----- drawing ------------------------------------------------------------------------------
    def _draw(self, shaped: Shaped | None) -> None:
        if shaped is None:
            return
        try:
            self._draw_chart(shaped)
        except Exception:  # a chart that cannot be drawn must not stop the app's commit
            log.exception("jupyst: could not draw a %s", shaped.kind)
            with self.hold_sync():
                old, self._owned, self._signature = self._owned, [], None
                no_widgets: list[Any] = []
                self.marks, self.axes = no_widgets, list(no_widgets)
            for widget in old:
                widget.close()

    def _draw_chart(self, shaped: Shaped) -> None:
        drawn = series(shaped)
        stack = shaped.stack
        if shaped.kind == "area":
            # Streamlit 1.67 draws st.area_chart's series overlapping (opacity 0.7) unless
            # `stack` asks for a stack (checked side by side with `streamlit run`).
            stack_mode = "layered" if stack is None else "zero" if stack is True else stack
        elif shaped.kind == "bar":
            stack_mode = "zero" if stack in (None, True) else stack
        else:
            stack_mode = None
        x_type = shaped.x_type
        if shaped.kind == "bar" and x_type == "temporal":
            x_type = "ordinal"
        signature = (shaped.kind, shaped.horizontal, stack_mode, x_type, shaped.y_type, len(drawn), shaped.size is not None, tuple(s.point_colors is not None for s in drawn), shaped.legend)
        with self.hold_sync():
            if signature != self._signature:
                self._rebuild(shaped, drawn, x_type, stack_mode)
                self._signature = signature
            else:
                self._update(shaped, drawn, x_type, stack_mode)
            self._lay_out_axes(shaped, drawn, x_type)

    def _lay_out_axes(self, shaped: Shaped, drawn: list[Series], x_type: str) -> None:
        """Tick formats as Vega-Lite's, and margins that keep titles and legend clear."""
        if len(self.axes) != 2:
            return
        x_axis, y_axis = self.axes
        value_axis = y_axis  # bars drawn horizontally keep their values on the "y" scale
        values = _mark_values(self.marks, "y")
        y_format = axes.tick_format(values, axes.Y_TICKS) if shaped.y_type == "quantitative" or shaped.kind == "bar" else None
        y_px = axes.tick_label_width(values, y_format) if y_format else 8 * axes.CHAR_PX
        if shaped.kind == "bar" and shaped.horizontal:
            # The category axis is on the left: its labels set the left margin.
            y_px = max((len(str(v)) for v in _mark_values(self.marks, "x", numeric=False)), default=4) * axes.CHAR_PX
        _set(value_axis, "tick_format", y_format)
        x_format = None
        if x_type == "quantitative" and shaped.kind != "bar":
            x_format = axes.tick_format(_mark_values(self.marks, "x"), axes.X_TICKS)
        _set(x_axis, "tick_format", x_format)
        if shaped.kind == "bar" and shaped.x_type == "temporal" and not shaped.horizontal:
            # only as many date labels as fit side by side (Vega drops the ones that overlap)
            labels = [str(v) for v in _mark_values(self.marks, "x", numeric=False)]
            ticks = axes.thinned(list(dict.fromkeys(labels)))
            wanted = ticks if len(ticks) < len(set(labels)) else None
            shown = x_axis.tick_values
            if (None if shown is None else list(shown)) != wanted:
                x_axis.tick_values = None if wanted is None else np.array(wanted, dtype=object)
        legend = [s.name or "" for s in drawn] if shaped.legend else None
        left_title = shaped.x_title if shaped.kind == "bar" and shaped.horizontal else shaped.y_title
        plan = axes.plan(y_px, left_title, legend)
        left_axis = x_axis if shaped.kind == "bar" and shaped.horizontal else y_axis
        _set(left_axis, "label_offset", plan.y_label_offset)
        bottom_axis = y_axis if left_axis is x_axis else x_axis
        _set(bottom_axis, "label_offset", "36px")
        _set(self, "fig_margin", plan.margin)
        _set(self, "legend_location", "top-right")
        # No box around the legend, as in Streamlit (jupyst.css moves it right of the plot).
        _set(self, "legend_style", {"stroke-width": 0})
        current: tuple[str, ...] = tuple(getattr(self, "_dom_classes", ()))
        classes = tuple(c for c in current if c != "jupyst-legend-outside") + (("jupyst-legend-outside",) if legend else ())
        _set(self, "_dom_classes", classes)

    def _rebuild(self, shaped: Shaped, drawn: list[Series], x_type: str, stack_mode: Any) -> None:
        old = self._owned
        xs = _scale_for(x_type)
        ys = _scale_for(shaped.y_type)
        horizontal = shaped.kind == "bar" and shaped.horizontal
        if horizontal:
            xs.reverse = True
        x_axis = bq.Axis(scale=xs, label=shaped.x_title, grid_lines="solid" if horizontal else "none", side="left" if horizontal else "bottom")
        y_axis = bq.Axis(scale=ys, label=shaped.y_title, grid_lines="none" if horizontal else "solid", side="bottom" if horizontal else "left")
        scales: dict[str, bq.Scale] = {"x": xs, "y": ys}
        owned: list[Any] = [xs, ys, x_axis, y_axis]
        if shaped.kind == "scatter" and shaped.size:
            scales["size"] = bq.LinearScale()
            owned.append(scales["size"])
        marks = [self._make(shaped, factory, traits, scales) for factory, traits in self._mark_data(shaped, drawn, x_type, stack_mode)]
        owned += marks + [m.tooltip for m in marks if getattr(m, "tooltip", None) is not None]
        self._owned = owned
        self.axes = [x_axis, y_axis]
        self.marks = marks
        for widget in old:
            widget.close()

    def _update(self, shaped: Shaped, drawn: list[Series], x_type: str, stack_mode: Any) -> None:
        for axis, title in zip(self.axes, (shaped.x_title, shaped.y_title)):
            if axis.label != title:
                axis.label = title
        for mark, (_, traits) in zip(self.marks, self._mark_data(shaped, drawn, x_type, stack_mode)):
            with mark.hold_sync():
                for name, value in traits.items():
                    current = getattr(mark, name)
                    if isinstance(value, np.ndarray) or isinstance(current, np.ndarray):
                        if _same_array(current, value):
                            continue
                    elif current == value:
                        continue
                    setattr(mark, name, value)

    def _make(self, shaped: Shaped, factory: str, traits: dict[str, Any], scales: dict[str, bq.Scale]) -> bq.Mark:
        titles = [title for _, title in shaped.tooltip]
        xy = {"x": scales["x"], "y": scales["y"]}

        def tip(fields: list[str]) -> bq.Tooltip:
            return bq.Tooltip(fields=fields, labels=titles[: len(fields)] if len(titles) >= len(fields) else [])

        if factory == "bars":
            return bq.Bars(scales=xy, orientation="horizontal" if shaped.horizontal else "vertical", padding=0.1, tooltip=tip(["x", "y"]), **traits)
        if factory == "scatter":
            fields = ["x", "y"] + (["size"] if "size" in scales else [])
            return bq.Scatter(scales=scales, default_size=int(shaped.size_value or 100), opacities=[0.8], stroke_width=0, tooltip=tip(fields), **traits)
        if factory == "hover":
            return bq.Scatter(scales=xy, default_size=40, opacities=[0.0], tooltip=tip(["x", "y"]), **traits)
        if factory == "area":
            return bq.Lines(scales=xy, fill="between", stroke_width=1.5, **traits)
        return bq.Lines(scales=xy, stroke_width=2, **traits)

    def _mark_data(self, shaped: Shaped, drawn: list[Series], x_type: str, stack_mode: Any) -> list[tuple[str, dict[str, Any]]]:
        """Each mark to draw: its factory and its data traits (the part a rerun updates)."""
        legend = shaped.legend
        kind = shaped.kind
        out: list[tuple[str, dict[str, Any]]] = []
        if kind == "bar":
            cats = _categories(shaped, drawn)
            index = {c: i for i, c in enumerate(cats)}
            matrix = np.zeros((len(drawn), len(cats)))
            for k, s in enumerate(drawn):
                for xv, yv in zip(s.x.tolist(), s.y.tolist()):
                    if xv in index and yv == yv:
                        matrix[k, index[xv]] += float(yv)
            if stack_mode == "normalize":
                totals = np.abs(matrix).sum(axis=0)
                matrix = np.divide(matrix, totals, out=np.zeros_like(matrix), where=totals != 0)
            if shaped.x_type == "temporal":
                # short date labels as Vega-Lite's (never "2024-04-24 00:00:00" side by side)
                cats = axes.temporal_labels(cats)
            x = _values(np.array(cats, dtype=object), "ordinal")
            if stack_mode == "layered" and len(drawn) > 1:
                for k, s in enumerate(drawn):
                    out.append(("bars", {"x": x, "y": matrix[k], "colors": [s.color], "opacities": [0.7], "labels": [s.name or ""], "display_legend": legend, "type": "stacked"}))
            else:
                out.append(("bars", {
                    "x": x,
                    "y": matrix,
                    "colors": [s.color for s in drawn] or [colors.PALETTE[0]],
                    "labels": [s.name or "" for s in drawn],
                    "display_legend": legend,
                    "type": "grouped" if stack_mode is False else "stacked",
                }))
            return out
        if kind == "area":
            if stack_mode in (False, "layered"):
                edges = []
                for s in drawn:
                    order = _order(s)
                    y = _values(s.y[order], shaped.y_type)
                    edges.append((_values(s.x[order], x_type), np.zeros(len(y)), y))
            else:
                # Vega stacks in descending colour order: the last series sits at the bottom.
                xs, stacked = _stack(drawn[::-1], stack_mode)
                x = _values(xs, x_type)
                edges = [(x, lower, upper) for lower, upper in stacked][::-1]
            for s, (x, lower, upper) in zip(drawn, edges):
                out.append(("area", {
                    "x": np.vstack([x, x]),
                    "y": np.vstack([lower, upper]),
                    "colors": [s.color, s.color],
                    "fill_colors": [s.color],
                    "fill_opacities": [0.7 if shaped.color or stack_mode in (False, "layered") else 1.0],
                    "opacities": [0.0, 1.0],
                    "labels": [s.name or "", s.name or ""],
                    "display_legend": legend,
                }))
            return out
        for s in drawn:
            order = _order(s)
            x = _values(s.x[order], x_type)
            y = _values(s.y[order], shaped.y_type)
            if kind == "scatter":
                keep = _defined(x, y)
                point_colors = [c for c, k in zip(np.asarray(s.point_colors, dtype=object)[order].tolist(), keep) if k] if s.point_colors else None
                traits: dict[str, Any] = {"x": x[keep], "y": y[keep], "colors": point_colors or [s.color], "labels": [s.name or ""], "display_legend": legend}
                if shaped.size and s.size is not None:
                    traits["size"] = _values(s.size[order], "quantitative")[keep]
                out.append(("scatter", traits))
            else:
                out.append(("line", {"x": x, "y": y, "colors": [s.color], "labels": [s.name or ""], "display_legend": legend}))
        if kind == "line" and sum(len(s.x) for s in drawn) <= TOOLTIP_POINTS:
            # Invisible points over each line carry the hover tooltip, as Streamlit's layer does.
            for s, (_, line) in zip(drawn, list(out)):
                keep = _defined(line["x"], line["y"])
                out.append(("hover", {"x": line["x"][keep], "y": line["y"][keep], "colors": [s.color]}))
        return out

    # ----- teardown ----------------------------------------------------------------------------
    def close_tree(self) -> None:
        """Close this figure and every widget it made (scales, axes, marks, tooltips)."""
        owned = self._owned
        extras = [self.scale_x, self.scale_y, self.layout, self.interaction]
        self._owned = []
        self.close()
        for widget in {id(w): w for w in [*owned, *extras] if w is not None}.values():
            widget.close()
