"""What a data grid shows, computed in Python: columns, sort order and windows of rows.

The browser never receives a whole table. A :class:`GridModel` holds the DataFrame and the
resolved :class:`ColumnSpec` list (types inferred from dtypes, then ``column_config``
applied); the grid widget asks it for the rows in view (:meth:`GridModel.window`), already
formatted for display, and for a sort order when a header is clicked. Row identity is the
row's position in the script's data (``row_ids``), whatever the sort, so selections and
edits name the same rows Streamlit's do.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from jupyst.elements.lib import formatting
from jupyst.elements.lib.formatting import js_str
from jupyst.errors import StreamlitAPIException

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

INDEX = "_index"
#: pixel widths of Streamlit's named column widths
WIDTHS = {"small": 75, "medium": 200, "large": 400}
#: rows one window may hold (the browser asks for what it shows plus a margin)
MAX_WINDOW = 500
_READ_ONLY_KINDS = {"progress", "image", "audio", "video", "line_chart", "bar_chart", "area_chart", "json", "button"}
_NUMBER_KINDS = {"number", "progress"}
#: a ":material/name:" icon at the start of a label
_MATERIAL_PREFIX = re.compile(r"^:material/[a-z0-9_]+:\s*")


@dataclass
class ColumnSpec:
    """One visible column: where its values come from and how they look and edit."""

    key: str
    label: str
    kind: str
    #: ("index", level) or ("column", position in the frame)
    source: tuple[str, int]
    width: int | None = None
    help: str | None = None
    align: str = "left"
    editable: bool = False
    required: bool = False
    default: Any = None
    pinned: bool = False
    is_integer: bool = False
    fixed_width: bool = False
    config: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        """The column as the front end needs it."""
        cfg = self.config
        out: dict[str, Any] = {
            "key": self.key,
            "label": self.label,
            "kind": self.kind,
            "width": self.width,
            "align": self.align,
            "help": self.help or "",
            "editable": self.editable,
            "required": self.required,
            "index": self.source[0] == "index",
            "pinned": self.pinned,
            "fixed": self.fixed_width,
        }
        if self.kind == "selectbox":
            out["options"] = [_option_label(o) for o in cfg.get("options") or []]
        if self.kind == "button":
            out["button_type"] = cfg.get("button_type") or "secondary"
            out["clickable"] = bool(cfg.get("trigger"))
        for name in ("min_value", "max_value", "step", "max_chars"):
            if cfg.get(name) is not None:
                out[name] = cfg[name]
        if self.kind == "number" and self.is_integer and "step" not in out:
            out["step"] = 1
        return out


def _option_label(option: Any) -> str:
    if isinstance(option, dict):
        return str(option.get("label") or option.get("value"))
    return str(option)


def _option_value(option: Any) -> Any:
    return option.get("value") if isinstance(option, dict) else option


# ----- column resolution -------------------------------------------------------------------
def infer_kind(values: pd.Series | pd.Index) -> tuple[str, bool]:
    """The column type Streamlit would pick for these values, and whether they are integers."""
    import pandas as pd
    from pandas.api import types as pt

    dtype = values.dtype
    if pt.is_bool_dtype(dtype):
        return "checkbox", False
    if isinstance(dtype, pd.CategoricalDtype):
        return "selectbox", False
    if pt.is_integer_dtype(dtype):
        return "number", True
    if pt.is_float_dtype(dtype) or pt.is_complex_dtype(dtype):
        return "number", False
    if pt.is_datetime64_any_dtype(dtype):
        return "datetime", False
    if pt.is_timedelta64_dtype(dtype):
        return "text", False
    inferred = pd.api.types.infer_dtype(values, skipna=True)
    if inferred == "boolean":
        return "checkbox", False
    if inferred == "integer":
        return "number", True
    if inferred in ("floating", "mixed-integer-float", "decimal"):
        return "number", False
    if inferred == "date":
        return "date", False
    if inferred == "time":
        return "time", False
    if inferred in ("datetime", "datetime64"):
        return "datetime", False
    if inferred in ("mixed", "unknown-array"):
        first = next((v for v in values[:50] if v is not None), None)
        if isinstance(first, (list, tuple, set, frozenset)) or type(first).__name__ == "ndarray":
            return "list", False
        if isinstance(first, dict):
            return "json", False
    return "text", False


def _label(name: Any) -> str:
    if isinstance(name, tuple):
        return " / ".join(str(p) for p in name)
    return "" if name is None else str(name)


def resolve_columns(
    df: pd.DataFrame,
    config: dict[Any, Any] | None,
    column_order: list[Any] | None,
    hide_index: bool | None,
    *,
    editing: bool = False,
    disabled: bool | list[str] = False,
) -> list[ColumnSpec]:
    """The visible columns of ``df`` in display order: index levels, then data columns."""
    import pandas as pd

    config = dict(config or {})
    specs: list[ColumnSpec] = []
    index_cfg = _as_config(config[INDEX]) if INDEX in config else {}
    show_index = not hide_index and not index_cfg.get("hidden")
    if show_index:
        names = list(df.index.names)
        for level, name in enumerate(names):
            values = df.index.get_level_values(level) if len(names) > 1 else df.index
            key = INDEX if level == 0 else f"{INDEX}_{level}"
            level_cfg = _index_level_config(config, name, index_cfg)
            if level_cfg.get("hidden"):
                continue
            spec = _spec(key, "" if name is None else _label(name), values, ("index", level), level_cfg)
            spec.pinned = level_cfg.get("pinned", True) is not False
            spec.editable = editing and not isinstance(df.index, pd.RangeIndex) and len(names) == 1 and disabled is not True and spec.kind not in _READ_ONLY_KINDS and not level_cfg.get("disabled")
            if editing and not isinstance(df.index, pd.RangeIndex):
                spec.required = True
            specs.append(spec)
    labels = [_label(c) for c in df.columns]
    positions = list(range(len(df.columns)))
    if column_order is not None:
        wanted = [_label(c) for c in column_order]
        positions = [labels.index(w) for w in wanted if w in labels]
    disabled_cols = set() if isinstance(disabled, bool) else {_label(c) for c in disabled}
    used: set[str] = {s.key for s in specs}
    for pos in positions:
        name = labels[pos]
        cfg = config.get(df.columns[pos], config.get(name, {}))
        if cfg is None:
            continue
        if isinstance(cfg, str):
            cfg = {"label": cfg}
        if cfg.get("hidden"):
            continue
        key = name
        while key in used:
            key = f"{key} ({pos})"
        used.add(key)
        spec = _spec(key, name, df.iloc[:, pos], ("column", pos), cfg)
        spec.editable = (
            editing
            and disabled is not True
            and name not in disabled_cols
            and not cfg.get("disabled")
            and spec.kind not in _READ_ONLY_KINDS
        )
        specs.append(spec)
    return specs


def _as_config(value: Any) -> dict[str, Any]:
    """One column's config as a dict: a string is its label, None hides it (Streamlit's forms)."""
    if value is None:
        return {"hidden": True}
    if isinstance(value, str):
        return {"label": value}
    return value if isinstance(value, dict) else {}


def _index_level_config(config: dict[Any, Any], name: Any, index_cfg: dict[str, Any]) -> dict[str, Any]:
    """The config of one index level, found as Streamlit's grid finds it: by the level's name
    first (a column named like the index), else the ``"_index"`` entry, which serves every level."""
    if name is not None and _label(name) != INDEX:
        for candidate in (name, _label(name)):
            try:
                if candidate in config:
                    return _as_config(config[candidate])
            except TypeError:  # an unhashable level name names no entry
                continue
    return index_cfg


def _spec(key: str, name: str, values: Any, source: tuple[str, int], cfg: dict[str, Any]) -> ColumnSpec:
    kind, is_int = infer_kind(values)
    type_config = dict(cfg.get("type_config") or {})
    if type_config.get("type"):
        kind = type_config["type"]
    if kind == "selectbox" and not type_config.get("options") and hasattr(values, "cat"):
        type_config["options"] = list(values.cat.categories)
    width = cfg.get("width")
    if isinstance(width, str):
        width = WIDTHS.get(width)
    label = cfg.get("label")
    align = cfg.get("alignment") or ("right" if kind in _NUMBER_KINDS else "center" if kind in ("checkbox", "button") else "left")
    return ColumnSpec(
        key=key,
        label=name if label is None else str(label),
        kind=kind,
        source=source,
        width=width,
        help=cfg.get("help"),
        align=align,
        required=bool(cfg.get("required")),
        default=cfg.get("default"),
        pinned=bool(cfg.get("pinned")),
        is_integer=is_int,
        fixed_width=width is not None,
        config=type_config,
    )


# ----- value formatting ----------------------------------------------------------------------
def is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        import pandas as pd

        return value is pd.NaT or value is pd.NA or (not isinstance(value, (list, tuple, dict)) and bool(pd.isna(value)) is True)
    except (TypeError, ValueError):
        return False


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text and "e" not in text.lower() else text


def _duration(v: float) -> str:
    seconds = float(v)
    parts = []
    for size, unit in ((86400, "d"), (3600, "h"), (60, "m")):
        if abs(seconds) >= size:
            n = int(seconds // size)
            parts.append(f"{n}{unit}")
            seconds -= n * size
    if seconds or not parts:
        parts.append(f"{_trim(f'{seconds:.2f}')}s")
    return " ".join(parts)


def step_decimals(step: Any) -> int | None:
    """The decimals a column's ``step`` allows (Streamlit fixes the shown decimals to them)."""
    if step is None or isinstance(step, bool):
        return None
    try:
        value = float(step)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(value) or value % 1 == 0:
        return 0 if math.isfinite(value) else None
    text = format(Decimal(js_str(value)), "f")
    return len(text.split(".")[1]) if "." in text else 0


def _cut(value: float, places: int) -> float:
    """Streamlit drops the digits past the step's decimals (a cut, not a rounding)."""
    if places <= 0:
        return float(math.trunc(value))
    scale = 10.0**places
    shifted = value * scale
    return math.trunc(shifted + math.copysign(2**-52 * abs(shifted) * 10, shifted)) / scale


def format_number(value: Any, fmt: str | None, is_integer: bool, step: Any = None) -> str | None:
    """A number cell as Streamlit's grid shows it: ``format`` (printf or named, see
    :mod:`jupyst.elements.lib.formatting`) with the decimals of ``step`` (1 for integer
    columns); a format the browser would refuse shows the bare number."""
    if is_missing(value):
        return None
    if isinstance(value, complex):
        return str(value)
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not math.isfinite(v):
        return js_str(v)
    if fmt == "duration":
        return _duration(v)
    places = step_decimals(1 if step is None and is_integer else step)
    if places is not None:
        v = _cut(v, places)
    try:
        return formatting.format_number(v, fmt, places)
    except formatting.PrintfError:
        return js_str(v)


def _to_py_time(value: Any, kind: str) -> Any:
    import pandas as pd

    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    elif isinstance(value, str) and kind in ("date", "datetime", "time"):
        try:
            value = pd.Timestamp(value).to_pydatetime()
        except (ValueError, TypeError):
            return value
    if kind == "date" and isinstance(value, dt.datetime):
        return value.date()
    return value


def _default_moment(kind: str, step: Any, zoned: bool) -> str:
    """Streamlit's default format of a date, time or datetime column."""
    if kind == "date":
        return "YYYY-MM-DD"
    clock = "HH:mm" if step is not None and step >= 60 else "HH:mm:ss.SSS" if step is not None and step < 1 else "HH:mm:ss"
    if kind == "time":
        return clock
    return f"YYYY-MM-DD {clock}" + ("Z" if zoned else "")


def format_temporal(value: Any, kind: str, fmt: str | None, step: Any = None) -> str | None:
    if is_missing(value):
        return None
    value = _to_py_time(value, kind)
    if not isinstance(value, (dt.date, dt.time)):
        return str(value)
    zoned = isinstance(value, dt.datetime) and value.tzinfo is not None
    return formatting.format_date(value, fmt or _default_moment(kind, step, zoned), kind)


def _safe_href(url: str) -> str | None:
    return url if re.match(r"^(https?://|mailto:|/|\./)", url, re.I) else None


def cell_labels(value: Any) -> list[str]:
    """The labels a button cell shows: one for a string, one per item of a list of strings."""
    if isinstance(value, str):
        return [value] if value else []
    if hasattr(value, "tolist"):  # a NumPy array, as pandas may hold a list
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [item for item in value if isinstance(item, str) and item]
    return []


def _format_cell(spec: ColumnSpec, value: Any) -> Any:
    """One cell as the front end draws it (a string, a bool, or a small list)."""
    kind = spec.kind
    cfg = spec.config
    if kind in ("list", "multiselect", "line_chart", "bar_chart", "area_chart"):
        if value is None or (not hasattr(value, "__iter__") and is_missing(value)) or isinstance(value, str):
            return None if value is None or not isinstance(value, str) else value
        items = list(value)
        if kind in ("line_chart", "bar_chart", "area_chart"):
            numbers = [float(x) for x in items if not is_missing(x)]
            return [x for x in numbers if math.isfinite(x)]
        return ", ".join(str(x) for x in items)
    if kind == "json":
        return None if value is None else json.dumps(value, default=str)
    if kind == "button":
        labels = cell_labels(value)
        return None if not labels else labels[0] if len(labels) == 1 else labels
    if is_missing(value):
        return None
    if kind == "checkbox":
        return bool(value)
    if kind == "number":
        return format_number(value, cfg.get("format"), spec.is_integer, cfg.get("step"))
    if kind == "progress":
        lo = cfg.get("min_value", 0)
        hi = cfg.get("max_value", 100 if spec.is_integer else 1)
        try:
            v = float(value)
            frac = 0.0 if hi == lo else min(1.0, max(0.0, (v - lo) / (hi - lo)))
        except (TypeError, ValueError):
            return None
        # Streamlit's defaults: "%3d%%" for integers (0-100), "percent" for fractions (0-1).
        fmt = cfg.get("format") or ("%3d%%" if spec.is_integer else "percent")
        text = format_number(value, fmt, spec.is_integer, cfg.get("step"))
        return [frac if math.isfinite(frac) else 0.0, text]
    if kind in ("date", "datetime", "time"):
        return format_temporal(value, kind, cfg.get("format"), cfg.get("step"))
    if kind == "link":
        url = str(value)
        text = cfg.get("display_text")
        if text and "(" in text:
            # A regular expression: show its first group, or the URL when it does not match.
            try:
                m = re.search(text, url)
                text = m.group(1) if m and m.groups() else None
            except re.error:
                pass
        return [_safe_href(url), text or url]
    if kind in ("image", "audio", "video"):
        url = str(value)
        return url if re.match(r"^(https?://|data:(image|audio|video)/)", url, re.I) else None
    if kind == "selectbox":
        options = cfg.get("options") or []
        for option in options:
            if isinstance(option, dict) and option.get("value") == value:
                return _option_label(option)
        return str(value)
    if isinstance(value, float):
        return format_number(value, None, False)
    return str(value)


def raw_value(spec: ColumnSpec, value: Any) -> Any:
    """A cell's value as JSON for the editor's input (the value an edit starts from)."""
    if spec.kind in ("list", "multiselect"):
        return None if value is None or isinstance(value, float) else [str(x) for x in value]
    if is_missing(value):
        return None
    if spec.kind == "checkbox":
        return bool(value)
    if spec.kind == "number":
        try:
            v = float(value)
        except (TypeError, ValueError):
            return None
        if not math.isfinite(v):
            return None
        return int(v) if spec.is_integer and v.is_integer() else v
    if spec.kind in ("date", "datetime", "time"):
        value = _to_py_time(value, spec.kind)
        if isinstance(value, dt.datetime) and spec.kind == "datetime":
            return value.replace(tzinfo=None).isoformat(timespec="seconds")
        return value.isoformat() if isinstance(value, (dt.date, dt.time)) else str(value)
    if spec.kind == "selectbox":
        options = spec.config.get("options") or []
        for option in options:
            if _option_value(option) == value:
                return _option_label(option)
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


# ----- the model -------------------------------------------------------------------------------
class GridModel:
    """A frame and its columns, ready to be windowed and sorted for the browser."""

    def __init__(self, df: pd.DataFrame, columns: list[ColumnSpec], row_ids: np.ndarray | None = None, *, raw: bool = False) -> None:
        import numpy as np

        self.df = df
        self.columns = columns
        self.n_rows = len(df)
        self.row_ids = np.arange(self.n_rows) if row_ids is None else np.asarray(row_ids)
        self.raw = raw
        self._size_columns()

    def _values(self, spec: ColumnSpec, positions: Any) -> list[Any]:
        kind, at = spec.source
        if kind == "index":
            index = self.df.index
            values = index.get_level_values(at) if index.nlevels > 1 else index
            return list(values.take(positions))
        return list(self.df.iloc[:, at].take(positions))

    def value_of(self, spec: ColumnSpec, row_id: int) -> Any:
        """The value in ``spec``'s column of the row with id ``row_id`` (KeyError: no such row)."""
        import numpy as np

        found = np.flatnonzero(self.row_ids == row_id)
        if not len(found):
            raise KeyError(row_id)
        return self._values(spec, found[:1])[0]

    def _size_columns(self) -> None:
        import numpy as np

        sample = np.arange(min(self.n_rows, 100))
        for spec in self.columns:
            if spec.width is not None:
                continue
            if spec.kind == "checkbox":
                spec.width = max(60, 8 * len(spec.label) + 28)
                continue
            if spec.kind in ("progress", "line_chart", "bar_chart", "area_chart"):
                spec.width = 150
                continue
            longest = len(spec.label) + 2
            for value in self._values(spec, sample):
                cell = _format_cell(spec, value)
                text = cell[1] if isinstance(cell, list) and len(cell) == 2 and isinstance(cell[1], str) else cell
                if spec.kind == "button" and isinstance(text, str):  # an icon is drawn one glyph wide
                    text = _MATERIAL_PREFIX.sub("xx", text)
                if isinstance(text, str):
                    longest = max(longest, len(text))
            spec.width = int(min(400, max(60, longest * 8 + 24)))

    def describe(self) -> list[dict[str, Any]]:
        return [c.describe() for c in self.columns]

    def column(self, key: str) -> ColumnSpec | None:
        return next((c for c in self.columns if c.key == key), None)

    def sort_order(self, key: str, ascending: bool) -> np.ndarray | None:
        """Row positions in sorted order (stable, missing values last), or None if unsortable."""
        import numpy as np
        import pandas as pd

        spec = self.column(key)
        if spec is None:
            return None
        kind, at = spec.source
        if kind == "index":
            index = self.df.index
            values = pd.Series(index.get_level_values(at) if index.nlevels > 1 else index)
        else:
            values = self.df.iloc[:, at].reset_index(drop=True)
        try:
            ordered = values.sort_values(ascending=ascending, kind="stable", na_position="last")
        except (TypeError, ValueError):
            text = values.map(lambda v: None if is_missing(v) else str(v))
            ordered = text.sort_values(ascending=ascending, kind="stable", na_position="last")
        return np.asarray(ordered.index, dtype=np.int64)

    def window(self, order: np.ndarray | None, start: int, stop: int) -> dict[str, Any]:
        """Rows ``start:stop`` of the (sorted) view: ids and display cells, maybe raw values."""
        import numpy as np

        start = max(0, min(int(start), self.n_rows))
        stop = max(start, min(int(stop), self.n_rows, start + MAX_WINDOW))
        positions = order[start:stop] if order is not None else np.arange(start, stop)
        cols = [[_format_cell(spec, v) for v in self._values(spec, positions)] for spec in self.columns]
        ids = [int(i) for i in self.row_ids[positions]]
        rows = [[ids[r], *(col[r] for col in cols)] for r in range(len(ids))]
        out: dict[str, Any] = {"start": start, "rows": rows}
        if self.raw:
            raws = [[raw_value(spec, v) for v in self._values(spec, positions)] for spec in self.columns]
            out["raw"] = [[col[r] for col in raws] for r in range(len(ids))]
        return out


def check_column_order(df: pd.DataFrame, column_order: Any) -> list[Any] | None:
    if column_order is None:
        return None
    if isinstance(column_order, str):
        return [column_order]
    try:
        return list(column_order)
    except TypeError:
        raise StreamlitAPIException("column_order must be an iterable of column names.") from None
