"""Table-like values as pandas DataFrames, and back into the type the script passed.

``st.dataframe``, ``st.table``, ``st.data_editor`` and the built-in charts accept many
shapes of data: DataFrames, Series, Stylers, numpy arrays, pyarrow tables, lists of
records, dicts of columns, key-value dicts, scalars lists, anything with ``to_pandas``.
:func:`to_pandas` applies Streamlit's conversion rules (a lone unnamed column is called
``value``, a key-value dict becomes an index); :func:`data_format` and
:func:`from_pandas` let ``st.data_editor`` hand edited data back in the input's type.
Also here: the read-only attribute dictionaries that selection and edit states use, and a
content fingerprint of a frame for element ids.
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
from collections import ChainMap, UserDict, UserList, deque
from collections.abc import ItemsView, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from jupyst.errors import StreamlitAPIException

if TYPE_CHECKING:
    import pandas as pd

#: how many rows of an unevaluated source (generator) are read, as Streamlit does
MAX_UNEVALUATED_ROWS = 10_000


class StreamlitDataframeConversionError(StreamlitAPIException):
    """A value that cannot be shown as a table."""


class AttributeDictionary(dict):
    """A dict whose keys read as attributes too (``event.selection.rows``), read-only."""

    def __getattr__(self, key: str) -> Any:
        try:
            value = self[key]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no attribute {key!r}") from None
        return AttributeDictionary(value) if type(value) is dict else value

    def __setattr__(self, key: str, value: Any) -> None:
        raise StreamlitAPIException(f"{type(self).__name__} is read-only.")

    def __setitem__(self, key: Any, value: Any) -> None:
        raise StreamlitAPIException(f"{type(self).__name__} is read-only.")

    def __delitem__(self, key: Any) -> None:
        raise StreamlitAPIException(f"{type(self).__name__} is read-only.")

    def __getitem__(self, key: Any) -> Any:
        value = dict.__getitem__(self, key)
        return AttributeDictionary(value) if type(value) is dict else value

    def __deepcopy__(self, memo: dict[int, Any]) -> AttributeDictionary:
        import copy

        return type(self)(copy.deepcopy(dict(self), memo))

    def __reduce__(self) -> Any:
        return (type(self), (dict(self),))

    def to_dict(self) -> dict[str, Any]:
        return {k: v.to_dict() if isinstance(v, AttributeDictionary) else v for k, v in dict.items(self)}


def _is_styler(obj: Any) -> bool:
    return type(obj).__name__ == "Styler" and (type(obj).__module__ or "").startswith("pandas")


def _is_list_of_scalars(data: Any) -> bool:
    from pandas.api.types import infer_dtype

    return infer_dtype(list(data), skipna=True) not in {"mixed", "unknown-array"}


def _fix_column_naming(df: pd.DataFrame) -> pd.DataFrame:
    # A single column that pandas called 0 reads better as "value" (Streamlit's rule).
    if len(df.columns) == 1 and isinstance(df.columns[0], int) and df.columns[0] == 0:
        return df.rename(columns={0: "value"})
    return df


def _dict_to_frame(data: Mapping[Any, Any]) -> pd.DataFrame:
    import pandas as pd

    return _fix_column_naming(pd.DataFrame.from_dict(dict(data), orient="index"))


def to_pandas(data: Any) -> pd.DataFrame:
    """Any table-like value as a DataFrame (not copied when it already is one)."""
    import numpy as np
    import pandas as pd

    if data is None:
        return pd.DataFrame()
    if isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, (pd.Series, pd.Index, pd.api.extensions.ExtensionArray)):
        return pd.DataFrame(data)
    if _is_styler(data):
        return data.data
    if isinstance(data, np.ndarray):
        return pd.DataFrame([]) if data.ndim == 0 else _fix_column_naming(pd.DataFrame(data))
    module = type(data).__module__ or ""
    if module.startswith("polars") and hasattr(data, "collect"):
        data = data.limit(MAX_UNEVALUATED_ROWS).collect()
    if module.startswith("polars") and type(data).__name__ == "Series":
        return data.to_pandas().to_frame()
    if callable(getattr(data, "to_pandas", None)):
        out = data.to_pandas()
        return out if isinstance(out, pd.DataFrame) else pd.DataFrame(out)
    if callable(getattr(data, "__dataframe__", None)):
        return pd.api.interchange.from_dataframe(data)
    if inspect.isgeneratorfunction(data):
        data = data()
    if inspect.isgenerator(data):
        rows = []
        for i, item in enumerate(data):
            if i >= MAX_UNEVALUATED_ROWS:
                break
            rows.append(item)
        return _fix_column_naming(pd.DataFrame(rows))
    if isinstance(data, (deque, map, UserList)):
        return _fix_column_naming(pd.DataFrame(list(data)))
    if isinstance(data, tuple) and hasattr(data, "_asdict"):
        return _dict_to_frame(data._asdict())
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        return _dict_to_frame(dataclasses.asdict(data))
    if isinstance(data, (ChainMap, MappingProxyType, UserDict)):
        return _dict_to_frame(dict(data))
    if isinstance(data, (set, frozenset)):
        data = list(data)
    try:
        return _fix_column_naming(pd.DataFrame(data))
    except (ValueError, TypeError) as exc:
        if isinstance(data, dict):
            try:
                return _dict_to_frame(data)
            except (ValueError, TypeError):
                pass
        raise StreamlitDataframeConversionError(
            f"\nUnable to convert object of type `{type(data)}` to `pandas.DataFrame`.\n"
            f"Offending object:\n```py\n{data}\n```"
        ) from exc


# ----- data formats (st.data_editor returns the input's type) -----------------------------
def data_format(data: Any) -> str:
    """A name for the shape of ``data`` that :func:`from_pandas` can rebuild."""
    import numpy as np
    import pandas as pd

    if data is None:
        return "empty"
    if isinstance(data, pd.DataFrame):
        return "pandas_dataframe"
    if isinstance(data, np.ndarray):
        return "numpy_list" if data.ndim == 1 else "numpy_matrix"
    module = type(data).__module__ or ""
    if module.startswith("pyarrow"):
        return "pyarrow_table" if type(data).__name__ == "Table" else "pyarrow_array"
    if isinstance(data, pd.Series):
        return "pandas_series"
    if isinstance(data, pd.Index):
        return "pandas_index"
    if _is_styler(data):
        return "pandas_styler"
    if module.startswith("polars"):
        return "polars_series" if type(data).__name__ == "Series" else "polars_dataframe"
    if isinstance(data, (ChainMap, UserDict, MappingProxyType)) or (isinstance(data, tuple) and hasattr(data, "_asdict")):
        return "key_value_dict"
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        return "key_value_dict"
    if isinstance(data, (ItemsView, enumerate)):
        return "list_of_rows"
    if isinstance(data, (list, tuple, set, frozenset)):
        if not data or _is_list_of_scalars(data):
            if isinstance(data, tuple):
                return "tuple_of_values"
            if isinstance(data, (set, frozenset)):
                return "set_of_values"
            return "list_of_values"
        first = next(iter(data))
        if isinstance(first, dict):
            return "list_of_records"
        if isinstance(first, (list, tuple, set, frozenset)):
            return "list_of_rows"
        return "unknown"
    if isinstance(data, Mapping):
        if not data:
            return "key_value_dict"
        first_value = next(iter(data.values()))
        if isinstance(first_value, dict):
            return "column_index_mapping"
        if isinstance(first_value, (list, tuple)):
            return "column_value_mapping"
        if isinstance(first_value, pd.Series):
            return "column_series_mapping"
        return "key_value_dict"
    return "unknown"


def _unify_missing(df: pd.DataFrame) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    return df.astype(object).where(df.notna(), None) if len(df.columns) else df.replace([pd.NA, np.nan], None)


def _single_column(df: pd.DataFrame) -> pd.Series:
    if len(df.columns) != 1:
        raise StreamlitDataframeConversionError(f"DataFrame is expected to have a single column but has {len(df.columns)}.")
    return df.iloc[:, 0]


def from_pandas(df: pd.DataFrame, fmt: str) -> Any:
    """``df`` in the shape :func:`data_format` named."""
    import numpy as np

    if fmt in ("empty", "pandas_dataframe", "pandas_styler", "pandas_index", "unknown"):
        return df
    if fmt == "numpy_list":
        return np.ndarray(0) if df.empty else df.iloc[:, 0].to_numpy()
    if fmt == "numpy_matrix":
        return np.ndarray(0) if df.empty else df.to_numpy()
    if fmt == "pyarrow_table":
        import pyarrow as pa

        return pa.Table.from_pandas(df)
    if fmt == "pyarrow_array":
        import pyarrow as pa

        return pa.Array.from_pandas(_single_column(df))
    if fmt == "pandas_series":
        return _single_column(df)
    if fmt in ("polars_dataframe", "polars_series"):
        import polars as pl

        return pl.from_pandas(_single_column(df) if fmt == "polars_series" else df)
    if fmt == "list_of_records":
        return _unify_missing(df).to_dict(orient="records")
    if fmt == "list_of_rows":
        return _unify_missing(df).to_numpy().tolist()
    if fmt == "column_index_mapping":
        return _unify_missing(df).to_dict(orient="dict")
    if fmt == "column_value_mapping":
        return _unify_missing(df).to_dict(orient="list")
    if fmt == "column_series_mapping":
        return df.to_dict(orient="series")
    if fmt in ("list_of_values", "tuple_of_values", "set_of_values"):
        values = _single_column(_unify_missing(df)).tolist() if len(df.columns) else []
        return tuple(values) if fmt == "tuple_of_values" else set(values) if fmt == "set_of_values" else values
    if fmt == "key_value_dict":
        return {} if df.empty else _unify_missing(df).iloc[:, 0].to_dict()
    raise StreamlitDataframeConversionError(f"Unsupported input data format: {fmt}")


def fingerprint(df: pd.DataFrame) -> str:
    """A content hash of a frame, cheap enough for every run (element ids)."""
    import numpy as np
    import pandas as pd

    h = hashlib.blake2b(digest_size=16)
    h.update(repr(list(map(str, df.columns))).encode())
    h.update(repr([str(t) for t in df.dtypes]).encode())
    h.update(str(df.shape).encode())
    try:
        values = pd.util.hash_pandas_object(df, index=True).to_numpy()
        h.update(np.ascontiguousarray(values).tobytes())
    except (TypeError, ValueError):
        h.update(df.to_json(default_handler=str).encode())
    return h.hexdigest()
