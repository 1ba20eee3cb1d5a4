"""``st.dataframe`` (an interactive, virtualized grid) and ``st.table`` (a static table).

``st.dataframe`` draws a :class:`~jupyst.widgets.grid.DataGrid`: the browser gets only the
rows in view, sorts by a header click, and with ``on_select`` reports row, column and cell
selections in Streamlit's ``DataframeState`` shape (positions in the script's data, whatever
the sort). ``st.data_editor`` uses the same element kind and renderer with an editing mode,
as Streamlit's AppTest shows both as ``dataframe``. In both, a keyed button column's click
sets its trigger widget (:mod:`jupyst.elements.lib.button_columns`).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from jupyst.elements.lib import frames
from jupyst.elements.lib.button_columns import (
    click_changes,
    register_button_columns,
    split_button_columns,
)
from jupyst.elements.lib.edit_state import (
    apply_state,
    editor_columns,
    state_from_widget,
    state_to_widget,
)
from jupyst.elements.lib.grid_model import GridModel, check_column_order, resolve_columns
from jupyst.elements.lib.grid_props import (
    DEFAULT_ROW_HEIGHT,
    grid_height,
    grid_props,
    process_column_config,
)
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.node import Node
from jupyst.elements.lib.registry import InvalidWidgetValue, Renderer, classes, register
from jupyst.elements.lib.sizing import use_container_width as _ucw
from jupyst.elements.lib.sizing import validate_height, validate_width
from jupyst.elements.lib.widget_base import WidgetCall, widget_value
from jupyst.errors import (
    StreamlitAPIException,
    StreamlitIncompatibleParametersError,
    StreamlitValueError,
)
from jupyst.widgets.grid import DataGrid

if TYPE_CHECKING:
    import pandas as pd

    from jupyst.delta_generator import DeltaGenerator

#: data formats whose columns have no names of their own: st.table hides their header by default
HEADERLESS_FORMATS = frozenset({
    "key_value_dict", "list_of_rows", "list_of_values", "numpy_list", "numpy_matrix", "set_of_values",
    "tuple_of_values", "pyarrow_array",
})

SELECTION_MODES = ("single-row", "single-row-required", "multi-row", "single-column", "multi-column", "single-cell", "multi-cell")
ROW_MODES = {"single-row", "single-row-required", "multi-row"}
#: st.table draws every row as HTML; beyond this many it shows a note instead
TABLE_MAX_ROWS = 5000


class DataframeSelectionState(frames.AttributeDictionary):
    """``rows`` (positions), ``columns`` (names) and ``cells`` ((position, name) pairs)."""


class DataframeState(frames.AttributeDictionary):
    """The value of a selectable ``st.dataframe``: ``{"selection": {...}}``."""

    def __getitem__(self, key: Any) -> Any:
        value = dict.__getitem__(self, key)
        if key == "selection" and not isinstance(value, DataframeSelectionState):
            return DataframeSelectionState(value)
        return value


def empty_selection() -> DataframeState:
    return DataframeState({"selection": DataframeSelectionState({"rows": [], "columns": [], "cells": []})})


def normalize_selection_mode(selection_mode: Any) -> list[str]:
    """Streamlit's checks of ``selection_mode``; the modes sorted."""
    modes = {selection_mode} if isinstance(selection_mode, str) else set(selection_mode)
    if not modes <= set(SELECTION_MODES):
        raise StreamlitValueError("selection_mode", [f"'{m}'" for m in sorted(SELECTION_MODES)])
    rows = modes & ROW_MODES
    if len(rows) > 1:
        raise StreamlitIncompatibleParametersError(*[f"selection_mode='{m}'" for m in sorted(rows)], explanation="Only one row selection mode can be specified.")
    for a, b in (("single-column", "multi-column"), ("single-cell", "multi-cell")):
        if {a, b} <= modes:
            raise StreamlitIncompatibleParametersError(f"selection_mode='{a}'", f"selection_mode='{b}'")
    return sorted(modes)


def validate_selection(value: Any, num_rows: int, columns: list[str], modes: list[str], *, strict: bool) -> DataframeState:
    """A selection state checked against the table; ``strict`` refuses instead of filtering."""
    if not isinstance(value, dict) or not isinstance(value.get("selection"), dict):
        if strict:
            raise InvalidWidgetValue(value)
        raise StreamlitAPIException("Selection state must be a dictionary with a 'selection' key containing 'rows', 'columns', and 'cells' arrays.")
    sel = value["selection"]
    modes_set = set(modes)
    names = set(columns)

    def ok_row(r: Any) -> bool:
        return isinstance(r, int) and not isinstance(r, bool) and 0 <= r < num_rows

    rows: list[int] = []
    raw_rows = sel.get("rows") or []
    if isinstance(raw_rows, list) and modes_set & ROW_MODES:
        if strict and not all(ok_row(r) for r in raw_rows):
            raise InvalidWidgetValue(value)
        rows = list(dict.fromkeys(r for r in raw_rows if ok_row(r)))
        if "multi-row" not in modes_set:
            if strict and len(rows) > 1:
                raise InvalidWidgetValue(value)
            rows = rows[:1]
    elif strict and raw_rows:
        raise InvalidWidgetValue(value)
    if "single-row-required" in modes_set and num_rows > 0 and not rows:
        rows = [0]
    cols: list[str] = []
    raw_cols = sel.get("columns") or []
    if isinstance(raw_cols, list) and modes_set & {"single-column", "multi-column"}:
        if strict and not all(isinstance(c, str) and c in names for c in raw_cols):
            raise InvalidWidgetValue(value)
        cols = list(dict.fromkeys(c for c in raw_cols if isinstance(c, str) and c in names))
        if "multi-column" not in modes_set:
            if strict and len(cols) > 1:
                raise InvalidWidgetValue(value)
            cols = cols[:1]
    elif strict and raw_cols:
        raise InvalidWidgetValue(value)
    cells: list[tuple[int, str]] = []
    raw_cells = sel.get("cells") or []
    cell_modes = modes_set & ({"single-cell", "multi-cell"} if strict else {"single-cell"})
    if isinstance(raw_cells, list) and cell_modes:

        def ok_cell(c: Any) -> bool:
            return isinstance(c, (list, tuple)) and len(c) == 2 and ok_row(c[0]) and isinstance(c[1], str) and c[1] in names

        if strict and not all(ok_cell(c) for c in raw_cells):
            raise InvalidWidgetValue(value)
        cells = list(dict.fromkeys((c[0], c[1]) for c in raw_cells if ok_cell(c)))
        if "multi-cell" not in modes_set:
            if strict and len(cells) > 1:
                raise InvalidWidgetValue(value)
            cells = cells[:1]
    elif strict and raw_cells:
        raise InvalidWidgetValue(value)
    return DataframeState({"selection": DataframeSelectionState({"rows": rows, "columns": cols, "cells": cells})})


class DataframeMixin(ElementMixin):
    def dataframe(self, data: Any = None, width: Any = "stretch", height: Any = "auto", *, use_container_width: bool | None = None, hide_index: bool | None = None, column_order: Any = None, column_config: Any = None, key: Any = None, on_select: Any = "ignore", selection_mode: Any = "multi-row", selection_default: Any = None, row_height: int | None = None, placeholder: str | None = None, lazy: bool | None = None, alt: str | None = None) -> Any:
        """Show a table in an interactive grid: scroll, sort, resize; optionally select."""
        if not (on_select in ("ignore", "rerun") or callable(on_select)):
            raise StreamlitValueError("on_select", ["'ignore'", "'rerun'", "a callback function"])
        selecting = on_select != "ignore"
        if selection_default is not None and not selecting:
            raise StreamlitIncompatibleParametersError("selection_default", "on_select='ignore'", explanation="Set `on_select` to `'rerun'` or a callback to use `selection_default`.")
        modes = normalize_selection_mode(selection_mode) if selecting else []
        width = _ucw(width, use_container_width)
        validate_width(width, allow_content=True)
        validate_height(height, allow_content=True, extra=("auto",))
        df = frames.to_pandas(data)
        column_config, buttons = split_button_columns(column_config)
        config = process_column_config(column_config)
        register_button_columns(self._dg, config, buttons)
        order = check_column_order(df, column_order)
        import pandas as pd

        if hide_index is None and selecting and isinstance(df.index, pd.RangeIndex) and set(modes) & ROW_MODES:
            hide_index = True
        props = grid_props(
            df, editing_mode="read_only", hide_index=hide_index, column_order=order, column_config=config,
            width=width, height=height, row_height=row_height, placeholder=placeholder, selection_mode=modes,
        )
        if not selecting:
            return self._dg._append(Node(kind="dataframe", props={**props, "value": None}))
        names = [str(c) for c in df.columns]
        default = validate_selection(selection_default or empty_selection(), len(df), names, modes, strict=False)

        call = WidgetCall(
            kind="dataframe", label="", key=key, on_change=on_select if callable(on_select) else "rerun",
            identity={
                "data": frames.fingerprint(df), "width": width, "height": height, "column_order": order,
                "column_config": repr(config), "selection_mode": modes, "is_selection_activated": True,
                "selection_default": repr(selection_default), "row_height": row_height, "placeholder": placeholder,
            },
            key_identity=("selection_mode", "is_selection_activated"),
        )
        # As in Streamlit, a selection assigned through session state stays there as given;
        # what the script gets (and the grid shows) is that selection checked against the table.
        value = widget_value(self._dg, call, default, props)
        if value is default or isinstance(value, DataframeState):
            return value
        return validate_selection(value, len(df), names, modes, strict=False)

    def table(self, data: Any = None, *, border: Any = True, width: Any = "stretch", height: Any = "content", hide_index: bool | None = None, hide_header: bool | None = None, alt: str | None = None) -> DeltaGenerator:
        """Show a static table: every row, no scrolling grid, no sorting."""
        if border not in (True, False, "horizontal"):
            raise StreamlitValueError("border", ["True", "False", "'horizontal'"])
        validate_width(width, allow_content=True)
        validate_height(height, allow_content=True)
        import pandas as pd

        df = frames.to_pandas(data)
        if hide_index is None:  # as Streamlit: a default 0, 1, 2… index says nothing, so it is hidden
            hide_index = isinstance(df.index, pd.RangeIndex)
        if hide_header is None:  # and so are the made-up column names of data that had none
            hide_header = frames.data_format(data) in HEADERLESS_FORMATS
        return self._dg._append(Node(kind="table", props={"value": df, "border": border, "hide_index": hide_index, "hide_header": hide_header, "width": width, "height": height}))


# ----- rendering ------------------------------------------------------------------------------
def _selection_to_widget(value: Any) -> dict[str, Any]:
    sel = dict.get(value, "selection", {}) if isinstance(value, dict) else {}
    return {"selection": {
        "rows": list(sel.get("rows", [])),
        "columns": list(sel.get("columns", [])),
        "cells": [list(c) for c in sel.get("cells", [])],
    }}


@register
class DataframeRenderer(Renderer):
    """st.dataframe and st.data_editor: one grid widget; ``value`` is selection or edit state."""

    kind = "dataframe"
    cls = DataGrid
    value_trait = "value"
    event = "value"
    trigger_trait = "clicked"

    def model(self, props: dict[str, Any]) -> GridModel:
        editing = props["editing_mode"] != "read_only"
        df = props["data"]
        row_ids: Any = None
        if editing:
            # The grid shows the data with the edits applied; AppTest's value stays the input.
            df, row_ids = apply_state(df, props.get("value") or {}, editor_columns(props))
        specs = resolve_columns(df, props.get("column_config"), props.get("column_order"), props.get("hide_index"), editing=editing, disabled=props.get("disabled_columns", False))
        return GridModel(df, specs, row_ids, raw=editing)

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        model = self.model(props)
        row_height = props.get("row_height") or DEFAULT_ROW_HEIGHT
        editing = props["editing_mode"]
        extra = 1 if editing in ("dynamic", "add") else 0
        return {
            "source": model,
            "base_rows": len(props["data"]),
            "grid_height": grid_height(props.get("height"), model.n_rows, row_height, extra),
            "grid_width": props.get("width", "stretch"),
            "row_height": row_height,
            "selection_modes": list(props.get("selection_mode") or []),
            "editing": editing,
            "disabled": bool(props.get("disabled")) and editing != "read_only",
            "placeholder": props.get("placeholder") or "None",
            "value": self.to_widget(props, props.get("value")),
            "_dom_classes": classes("dataframe", *(("jupyst-data-editor",) if editing != "read_only" else ())),
        }

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        if value is None:
            return None
        if props["editing_mode"] != "read_only":
            return state_to_widget(value)
        if not isinstance(value, DataframeState):
            df = props["data"]
            try:
                value = validate_selection(value, len(df), [str(c) for c in df.columns], props.get("selection_mode") or [], strict=False)
            except StreamlitAPIException:
                value = empty_selection()
        return _selection_to_widget(value)

    def trigger_changes(self, props: dict[str, Any], raw: Any) -> dict[str, Any] | None:
        if props.get("disabled"):  # a disabled data editor's buttons do nothing, as in Streamlit
            return None
        return click_changes(self.model(props), raw)

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        if props["editing_mode"] != "read_only":
            return state_from_widget(props, raw)
        modes = props.get("selection_mode") or []
        if not modes:
            raise InvalidWidgetValue(raw)
        df = props["data"]
        return validate_selection(raw, len(df), [str(c) for c in df.columns], modes, strict=True)


# ----- st.table ---------------------------------------------------------------------------------
def table_html(df: pd.DataFrame, hide_index: bool, hide_header: bool, border: Any) -> str:
    import numpy as np

    specs = resolve_columns(df, None, None, hide_index)
    model = GridModel(df, specs, None)
    n = min(len(df), TABLE_MAX_ROWS)
    window_rows: list[list[Any]] = []
    for start in range(0, n, 500):
        window_rows.extend(r[1:] for r in model.window(np.arange(n), start, min(n, start + 500))["rows"])

    def cell(spec: Any, value: Any, tag: str) -> str:
        align = f" class='jupyst-align-{spec.align}'" if spec.align != "left" else ""
        if isinstance(value, list):
            value = value[1] if len(value) == 2 and isinstance(value[1], str) else ", ".join(map(str, value))
        if value is None:
            return f"<{tag}{align}><span class='jupyst-null'>None</span></{tag}>"
        if isinstance(value, bool):
            value = "✔" if value else ""
        return f"<{tag}{align}>{html.escape(str(value))}</{tag}>"

    head = "" if hide_header else "<thead><tr>" + "".join(f"<th>{html.escape(s.label)}</th>" for s in specs) + "</tr></thead>"
    body = "".join(
        "<tr>" + "".join(cell(s, v, "th" if s.source[0] == "index" else "td") for s, v in zip(specs, row)) + "</tr>"
        for row in window_rows
    )
    more = f"<div class='jupyst-more'>{len(df) - n} more rows</div>" if len(df) > n else ""
    border_cls = {True: "jupyst-table-border", False: "jupyst-table-noborder", "horizontal": "jupyst-table-horizontal"}[border]
    return f"<div class='jupyst-table-wrap {border_cls}'><table class='jupyst-table'>{head}<tbody>{body}</tbody></table></div>{more}"


@register
class TableRenderer(Renderer):
    kind = "table"

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {
            "value": table_html(props["value"], props["hide_index"], props["hide_header"], props["border"]),
            "_dom_classes": classes("table"),
        }
