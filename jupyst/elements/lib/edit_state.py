"""Edit state of ``st.data_editor``: Streamlit's shape, checked, applied to the data.

The widget's value is ``{"edited_rows": {position: {column: value}}, "added_rows":
[{column: value}], "deleted_rows": [position]}``. An edit from the browser is checked against
the column's type and editability; :func:`apply_state` gives the data with the edits.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import warnings
from typing import TYPE_CHECKING, Any

from jupyst.elements.lib.grid_model import INDEX, ColumnSpec, resolve_columns
from jupyst.elements.lib.registry import InvalidWidgetValue

if TYPE_CHECKING:
    import pandas as pd


NUM_ROWS = ("fixed", "dynamic", "add", "delete")


def empty_state() -> dict[str, Any]:
    return {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


def state_to_widget(state: Any) -> dict[str, Any]:
    """The edit state as JSON for the browser (row positions as strings)."""
    state = state if isinstance(state, dict) else empty_state()
    return {
        "edited_rows": {str(k): dict(v) for k, v in (state.get("edited_rows") or {}).items()},
        "added_rows": [dict(r) for r in state.get("added_rows") or []],
        "deleted_rows": list(state.get("deleted_rows") or []),
    }


def editor_columns(props: dict[str, Any]) -> dict[str, ColumnSpec]:
    df = props["data"]
    specs = resolve_columns(df, props.get("column_config"), None, False, editing=True, disabled=props.get("disabled_columns", False))
    return {s.key: s for s in specs}


def _parse_cell(spec: ColumnSpec, value: Any) -> Any:
    """A value from the browser for one cell, checked against the column (raises ValueError)."""
    if value is None:
        if spec.required:
            raise ValueError("required")
        return None
    kind = spec.kind
    if kind == "checkbox":
        if not isinstance(value, bool):
            raise ValueError(value)
        return value
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValueError(value)
        cfg = spec.config
        if cfg.get("min_value") is not None and value < cfg["min_value"]:
            raise ValueError(value)
        if cfg.get("max_value") is not None and value > cfg["max_value"]:
            raise ValueError(value)
        if spec.is_integer:
            if float(value) != int(value):
                raise ValueError(value)
            return int(value)
        return value
    if kind in ("date", "datetime", "time"):
        if not isinstance(value, str):
            raise ValueError(value)
        parser = {"date": dt.date.fromisoformat, "time": dt.time.fromisoformat, "datetime": dt.datetime.fromisoformat}[kind]
        parser(value)
        return value
    if kind == "selectbox":
        options = spec.config.get("options") or []
        for option in options:
            opt_value = option.get("value") if isinstance(option, dict) else option
            label = str(option.get("label") or opt_value) if isinstance(option, dict) else str(option)
            if value in (label, opt_value):
                return opt_value
        raise ValueError(value)
    if kind in ("list", "multiselect"):
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise ValueError(value)
        return value
    if not isinstance(value, str):
        raise ValueError(value)
    max_chars = spec.config.get("max_chars")
    if max_chars is not None and len(value) > max_chars:
        raise ValueError(value)
    pattern = spec.config.get("validate")
    if pattern and not re.search(pattern, value):
        raise ValueError(value)
    return value


def check_state(props: dict[str, Any], raw: Any) -> dict[str, Any]:
    """The edit state from ``raw`` if every part of it is allowed; else ValueError."""
    if not isinstance(raw, dict):
        raise ValueError(raw)
    mode = props["editing_mode"]
    n = len(props["data"])
    columns = editor_columns(props)
    edited_in = raw.get("edited_rows") or {}
    added_in = raw.get("added_rows") or []
    deleted_in = raw.get("deleted_rows") or []
    if not isinstance(edited_in, dict) or not isinstance(added_in, list) or not isinstance(deleted_in, list):
        raise ValueError(raw)
    if added_in and mode not in ("dynamic", "add"):
        raise ValueError("rows cannot be added")
    if deleted_in and mode not in ("dynamic", "delete"):
        raise ValueError("rows cannot be deleted")

    def cell(key: Any, value: Any) -> Any:
        spec = columns.get(key)
        if spec is None or not spec.editable:
            raise ValueError(key)
        return _parse_cell(spec, value)

    edited: dict[int, dict[str, Any]] = {}
    for row, changes in edited_in.items():
        pos = int(row)
        if str(pos) != str(row) or not 0 <= pos < n or not isinstance(changes, dict):
            raise ValueError(row)
        edited[pos] = {str(k): v for k, v in changes.items()}
        for k, v in changes.items():
            parsed = cell(k, v)
            if columns[k].kind == "selectbox":
                edited[pos][k] = parsed
    added: list[dict[str, Any]] = []
    for new in added_in:
        if not isinstance(new, dict):
            raise ValueError(new)
        row_out: dict[str, Any] = {}
        for k, v in new.items():
            spec = columns.get(k)
            if spec is None or not spec.editable:
                raise ValueError(k)
            if v is None:
                row_out[k] = None
                continue
            parsed = _parse_cell(spec, v)
            row_out[k] = parsed if spec.kind == "selectbox" else v
        added.append(row_out)
    deleted: list[int] = []
    for pos in deleted_in:
        if not isinstance(pos, int) or isinstance(pos, bool) or not 0 <= pos < n:
            raise ValueError(pos)
        if pos not in deleted:
            deleted.append(pos)
    return {"edited_rows": edited, "added_rows": added, "deleted_rows": deleted}


def state_from_widget(props: dict[str, Any], raw: Any) -> dict[str, Any]:
    if props.get("disabled"):
        raise InvalidWidgetValue(raw)
    try:
        return check_state(props, raw)
    except (ValueError, TypeError, KeyError) as exc:
        raise InvalidWidgetValue(raw) from exc


# ----- applying the state ---------------------------------------------------------------------
def _to_column_value(spec: ColumnSpec, value: Any) -> Any:
    import pandas as pd

    if value is None:
        return None
    if spec.kind == "datetime" and isinstance(value, str):
        return pd.Timestamp(value)
    if spec.kind == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if spec.kind == "time" and isinstance(value, str):
        return dt.time.fromisoformat(value)
    return value


def _set_cell(df: pd.DataFrame, pos: int, col: int, value: Any) -> None:
    try:
        df.iat[pos, col] = value
    except (TypeError, ValueError):
        # The value does not fit the dtype (None into int64): widen the column.
        series = df.iloc[:, col]
        if value is None and series.dtype.kind in "iu":
            df.isetitem(col, series.astype("float64"))
        else:
            df.isetitem(col, series.astype(object))
        df.iat[pos, col] = value


def apply_state(df: pd.DataFrame, state: dict[str, Any], columns: dict[str, ColumnSpec]) -> tuple[pd.DataFrame, list[int]]:
    """``df`` with the edits applied, and each shown row's id (position, or n + k if added)."""
    import pandas as pd

    out = df.copy()
    n = len(df)
    names = [str(c) for c in out.columns]
    for pos, changes in (state.get("edited_rows") or {}).items():
        for key, value in changes.items():
            spec = columns.get(key)
            if spec is None:
                continue
            value = _to_column_value(spec, value)
            if key == INDEX:
                out.index = out.index.delete(int(pos)).insert(int(pos), value)
            elif key in names:
                _set_cell(out, int(pos), names.index(key), value)
    added = state.get("added_rows") or []
    for row in added:
        values = []
        for name in names:
            spec = columns.get(name)
            if spec is not None and name in row:
                values.append(_to_column_value(spec, row[name]))
            elif spec is not None and spec.default is not None:
                values.append(_to_column_value(spec, spec.default))
            else:
                values.append(None)
        index = out.index
        if isinstance(index, pd.RangeIndex):
            label: Any = index.stop if len(index) else 0
        elif pd.api.types.is_integer_dtype(index.dtype):
            label = (int(index.max()) + 1) if len(index) else 0
        else:
            label = row.get(INDEX)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", FutureWarning)
                out.loc[label] = dict(zip(out.columns, values))
        except (TypeError, ValueError, OverflowError):
            continue
    ids = list(range(n)) + [n + k for k in range(len(added))]
    deleted = sorted(set(state.get("deleted_rows") or []))
    if deleted:
        keep = [i for i in range(len(out)) if i not in set(deleted)]
        ids = [ids[i] for i in keep]
        out = out.iloc[keep]
    return out, ids
