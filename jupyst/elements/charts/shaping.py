"""Data shaping of the built-in charts, with Streamlit's rules.

``st.line_chart`` and friends accept wide data (one column per series, the index as x) and
long data (``x``, ``y`` and a ``color`` column naming the series). :func:`prepare` turns
either into one long table plus encodings, as Streamlit builds for Vega-Lite: the index
moves into a column when it is the x axis, several ``y`` columns are melted into a value
and a colour column, the axis types and titles follow the same choices, and bad arguments
raise Streamlit's errors. :func:`series` then splits the long table into the series a
chart draws (one per colour value, in Vega-Lite's legend order).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from jupyst.elements.charts import colors
from jupyst.elements.lib.frames import to_pandas
from jupyst.errors import (
    StreamlitAPIException,
    StreamlitInvalidParameterTypeError,
    StreamlitValueError,
)

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

SUFFIX = " -- streamlit-generated"
INDEX_FIELD = "index" + SUFFIX
VALUE_FIELD = "value" + SUFFIX
COLOR_FIELD = "color" + SUFFIX
STACKS = (None, True, False, "normalize", "center", "layered")
#: mark drawn per chart kind (Vega-Lite's names)
MARKS = {"line": "line", "area": "area", "bar": "bar", "scatter": "circle"}


@dataclass
class Shaped:
    """A chart's long-format data and encodings."""

    kind: str
    data: pd.DataFrame
    x: str | None = None
    y: str | None = None
    color: str | None = None
    size: str | None = None
    sort_field: str | None = None
    horizontal: bool = False
    x_type: str = "quantitative"
    y_type: str = "quantitative"
    x_title: str = ""
    y_title: str = ""
    color_type: str | None = None
    color_value: str | None = None
    color_domain: list[Any] | None = None
    color_range: list[str] | None = None
    color_literal: bool = False
    legend: bool = False
    size_value: float | None = None
    stack: Any = None
    sort: Any = True
    y_columns: list[str] = field(default_factory=list)
    tooltip: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Series:
    """One drawn series: its legend name, colour and points."""

    name: str | None
    color: str
    x: np.ndarray
    y: np.ndarray
    size: np.ndarray | None = None
    point_colors: list[str] | None = None


def _not_found(df: pd.DataFrame, name: Any) -> StreamlitAPIException:
    available = ", ".join(str(c) for c in df.columns)
    return StreamlitAPIException(f'Data does not have a column named `"{name}"`. Available columns are `{available}`')


def _color_mismatch(values: Any, y_columns: list[str]) -> StreamlitAPIException:
    return StreamlitAPIException(
        f"The list of colors `{values}` must have the same length as the list of columns to be colored `{y_columns}`."
    )


def _invalid_color(color: Any) -> StreamlitAPIException:
    return StreamlitAPIException(
        f"""
This does not look like a valid color argument: `{color}`.

The color argument can be:

* A hex string like "#ffaa00" or "#ffaa0088".
* An RGB or RGBA tuple with the red, green, blue, and alpha
  components specified as ints from 0 to 255 or floats from 0.0 to
  1.0.
* The name of a column.
* Or a list of colors, matching the number of y columns to draw.
            """
    )


def check_stack(stack: Any) -> None:
    if stack not in STACKS or isinstance(stack, int) and not isinstance(stack, bool):
        raise StreamlitValueError("stack", ["True", "False", "'normalize'", "'center'", "'layered'", "None"])


def infer_type(values: pd.Series) -> str:
    """Vega-Lite's type for a column: quantitative, ordinal, nominal or temporal."""
    from pandas.api.types import infer_dtype

    kind = infer_dtype(values)
    if kind in ("floating", "mixed-integer-float", "integer", "mixed-integer", "complex"):
        return "quantitative"
    if kind == "categorical" and values.cat.ordered:
        return "ordinal"
    if kind in ("datetime", "datetime64", "timedelta", "timedelta64", "date", "time", "period"):
        return "temporal"
    return "nominal"


def _is_date_column(df: pd.DataFrame, name: str | None) -> bool:
    if name is None or df[name].size == 0:
        return False
    return isinstance(df[name].iat[0], date)


def _parse_x(df: pd.DataFrame, x: Any) -> str | None:
    if x is None:
        return None
    if isinstance(x, str):
        if x not in df.columns:
            raise _not_found(df, x)
        return x
    raise StreamlitInvalidParameterTypeError("x", type(x).__name__, ["str", "None"], detail="Pass a column name or None to use the dataframe's index.")


def _parse_y(df: pd.DataFrame, y: Any, x_col: str | None) -> list[Any]:
    if y is None:
        cols = list(df.columns)
    elif isinstance(y, str):
        cols = [y]
    else:
        cols = [str(c) for c in (y.tolist() if hasattr(y, "tolist") else list(y))]
    for col in cols:
        if col not in df.columns:
            raise _not_found(df, col)
    if x_col in cols and (not y or x_col not in y):
        cols.remove(x_col)
    return cols


def _generic(df: pd.DataFrame, value: Any) -> tuple[str | None, Any]:
    if isinstance(value, str) and value in df.columns:
        return value, None
    return None, value


def _sort_column(df: pd.DataFrame, sort: Any) -> str | None:
    if sort is True or sort is False:
        return None
    name = str(sort).removeprefix("-")
    if name not in df.columns:
        raise _not_found(df, name)
    return name


def _axis_title(column: str | None, from_user: Any, label: str | None) -> str:
    if column is None or column in (INDEX_FIELD, VALUE_FIELD):
        title = ""
    else:
        title = "" if from_user is None else column
    return title if label is None else label


def prepare(kind: str, data: Any, *, x: Any = None, y: Any = None, x_label: str | None = None, y_label: str | None = None, color: Any = None, size: Any = None, stack: Any = None, sort: Any = True, horizontal: bool = False) -> Shaped:
    """The long table and encodings Streamlit would chart for these arguments."""
    import pandas as pd

    df = to_pandas(data).copy()
    x_col = _parse_x(df, x)
    y_cols = _parse_y(df, y, x_col)
    color_col, color_value = _generic(df, color)
    size_col, size_value = _generic(df, size)
    sort_col = _sort_column(df, sort) if kind == "bar" else None

    if x_col is None and y_cols:
        x_col = INDEX_FIELD if df.index.name is None else str(df.index.name)
        df.index.name = x_col
        df = df.reset_index()
    keep: list[Any] = []
    for name in (x_col, color_col, size_col, sort_col, *y_cols):
        if name is not None and name not in keep:
            keep.append(name)
    df = df[keep].copy()
    if color_col is not None and len(df[color_col]) and colors.is_tuple(df[color_col].iat[0]):
        df[color_col] = df[color_col].map(colors.to_css)
    df.columns = pd.Index([str(c) for c in df.columns])
    x_col = None if x_col is None else str(x_col)
    y_cols = [str(c) for c in y_cols]
    color_col = None if color_col is None else str(color_col)
    size_col = None if size_col is None else str(size_col)
    sort_col = None if sort_col is None else str(sort_col)

    y_col: str | None = None
    if len(y_cols) == 1:
        y_col = y_cols[0]
    elif len(y_cols) > 1 and x_col is not None:
        y_col, color_col = VALUE_FIELD, COLOR_FIELD
        ids = [x_col] + [c for c in (size_col, sort_col) if c and c != x_col]
        df = pd.melt(df, id_vars=list(dict.fromkeys(ids)), value_vars=y_cols, var_name=COLOR_FIELD, value_name=VALUE_FIELD)
        values = df[VALUE_FIELD]
        if values.dtype == "object" and "mixed" in pd.api.types.infer_dtype(values) and len(values.unique()) > 100:
            raise StreamlitAPIException("The columns used for rendering the chart contain too many values with mixed types. Please select the columns manually via the y parameter.")

    shaped = Shaped(kind=kind, data=df, x=x_col, y=y_col, color=color_col, size=size_col if kind == "scatter" else None, sort_field=sort_col, horizontal=horizontal, stack=stack, sort=sort, y_columns=y_cols)
    # Axis types.
    if x_col is None:
        shaped.x_type = "quantitative"
    elif kind == "bar" and not _is_date_column(df, x_col):
        shaped.x_type = "ordinal"
    else:
        shaped.x_type = infer_type(df[x_col])
    shaped.y_type = infer_type(df[y_col]) if y_col else "quantitative"
    # Titles: only columns the user named get one; x_label / y_label always win. A
    # horizontal bar chart swaps the axes, so x_label names the vertical (category) axis.
    shaped.x_title = _axis_title(x_col, x, x_label)
    shaped.y_title = _axis_title(y_col, y, y_label)
    _colors(shaped, df, color_value, color, y_cols)
    # Size (scatter charts only).
    if kind == "scatter" and size_col is None:
        if size_value is None:
            shaped.size_value = 100
        elif isinstance(size_value, (int, float)) and not isinstance(size_value, bool):
            shaped.size_value = float(size_value)
        else:
            raise StreamlitValueError("size", ["a column name", "a number"], detail=f"Got {size_value!r}.")
    # Tooltips.
    if x_col is not None and y_col is not None:
        shaped.tooltip = [(x_col, "index" if x_col == INDEX_FIELD else x_col), (y_col, "value" if y_col == VALUE_FIELD else y_col)]
        if shaped.color and not shaped.color_literal:
            shaped.tooltip.append((shaped.color, "color" if shaped.color == COLOR_FIELD else shaped.color))
        if shaped.size:
            shaped.tooltip.append((shaped.size, shaped.size))
    return shaped


def _colors(shaped: Shaped, df: pd.DataFrame, value: Any, from_user: Any, y_cols: list[str]) -> None:
    has_value = value is not None and not (isinstance(value, (list, tuple)) and len(value) == 0)
    if has_value:
        if colors.is_color_like(value) or colors.is_builtin(value):
            if len(y_cols) != 1:
                raise _color_mismatch([value], y_cols)
            shaped.color_value = colors.to_css(value)
            return
        if isinstance(value, (list, tuple)):
            if len(value) != len(y_cols):
                raise _color_mismatch(value, y_cols)
            try:
                resolved = [colors.to_css(c) for c in value]
            except colors.StreamlitInvalidColorError:
                raise _invalid_color(from_user) from None
            if len(resolved) == 1:
                shaped.color_value = resolved[0]
                return
            shaped.color_domain = list(y_cols)
            shaped.color_range = resolved
            shaped.color_type = "nominal"
            shaped.legend = True
            return
        raise _invalid_color(from_user)
    if shaped.color is None:
        return
    column = df[shaped.color]
    shaped.color_type = "nominal" if shaped.color == COLOR_FIELD else infer_type(column)
    shaped.legend = True
    if shaped.color != COLOR_FIELD and len(column) and colors.is_color_like(column.iat[0]):
        shaped.color_literal = True
        shaped.legend = False


# ----- series ---------------------------------------------------------------------------------
def _clean(values: Any) -> np.ndarray:
    """Values as a numpy array, infinities as missing (Vega-Lite skips both)."""
    import numpy as np
    import pandas as pd

    arr = pd.Series(values).to_numpy()
    if arr.dtype.kind in "fc":
        arr = arr.astype(float)
        arr[~np.isfinite(arr)] = np.nan
    return arr


def _domain(values: pd.Series) -> list[Any]:
    uniques = list(values.drop_duplicates().tolist())
    try:
        return sorted(uniques, key=lambda v: (v is None, v))
    except TypeError:
        return sorted(uniques, key=lambda v: str(v))


def series(shaped: Shaped) -> list[Series]:
    """The series the chart draws, in legend order, each with its points."""
    df = shaped.data
    if shaped.x is None or shaped.y is None or df.empty:
        return []
    size = shaped.size

    def make(name: Any, color: str, part: pd.DataFrame) -> Series:
        return Series(
            name=None if name is None else str(name),
            color=color,
            x=_clean(part[shaped.x]),
            y=_clean(part[shaped.y]),
            size=_clean(part[size]) if size else None,
        )

    if shaped.color is None:
        return [make(None, shaped.color_value or colors.PALETTE[0], df)]
    column = df[shaped.color]
    if shaped.color_literal:
        out = []
        for value in column.drop_duplicates().tolist():
            out.append(make(None, colors.to_css(value), df[column == value]))
        return out
    if shaped.color_type == "quantitative" and shaped.kind == "scatter":
        s = make(None, colors.PALETTE[0], df)
        numbers = _clean(column)
        import numpy as np

        finite = numbers[np.isfinite(numbers)] if numbers.dtype.kind == "f" else numbers
        lo, hi = (float(finite.min()), float(finite.max())) if len(finite) else (0.0, 1.0)
        span = (hi - lo) or 1.0
        s.point_colors = [colors.sequential((float(v) - lo) / span) if v == v else colors.PALETTE[-1] for v in numbers]
        s.name = shaped.color
        return [s]
    domain = shaped.color_domain or _domain(column)
    palette = shaped.color_range or colors.palette(len(domain))
    out = []
    for i, value in enumerate(domain):
        part = df[column == value] if value is not None else df[column.isna()]
        if part.empty:
            continue
        color = palette[i % len(palette)]
        if shaped.color_type == "quantitative":
            numeric = [float(v) for v in domain if v is not None]
            lo, hi = min(numeric), max(numeric)
            color = colors.sequential((float(value) - lo) / ((hi - lo) or 1.0)) if value is not None else colors.PALETTE[-1]
        out.append(make(value, color, part))
    return out
