"""Table-like inputs become DataFrames as Streamlit converts them, and back into their type."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from jupyst.elements.lib import frames


@pytest.mark.parametrize(
    ("data", "columns", "rows"),
    [
        (pd.DataFrame({"a": [1, 2]}), ["a"], 2),
        (pd.Series([1, 2, 3], name="s"), ["s"], 3),
        (np.arange(6).reshape(3, 2), [0, 1], 3),
        (np.array([1.5, 2.5]), ["value"], 2),
        ([{"x": 1, "y": "a"}, {"x": 2, "y": "b"}], ["x", "y"], 2),
        ({"c1": [1, 2], "c2": [3, 4]}, ["c1", "c2"], 2),
        ({"k1": 1, "k2": 2}, ["value"], 2),
        ([1, 2, 3], ["value"], 3),
        ({1, 2}, ["value"], 2),
        (pa.table({"p": [1, 2]}), ["p"], 2),
        (None, [], 0),
    ],
)
def test_to_pandas_shapes(data: object, columns: list[object], rows: int) -> None:
    df = frames.to_pandas(data)
    assert list(df.columns) == columns
    assert len(df) == rows


def test_styler_gives_its_data() -> None:
    df = pd.DataFrame({"a": [1, 2]})
    assert frames.to_pandas(df.style.highlight_max()) is df


def test_unconvertible_value_raises_streamlits_error() -> None:
    with pytest.raises(frames.StreamlitDataframeConversionError, match="Unable to convert object"):
        frames.to_pandas(object())


@pytest.mark.parametrize(
    "data",
    [
        pd.DataFrame({"a": [1, 2]}),
        pd.Series([1, 2], name="a"),
        np.array([1, 2]),
        np.array([[1, 2], [3, 4]]),
        [{"a": 1}, {"a": 2}],
        [[1, 2], [3, 4]],
        {"a": [1, 2]},
        {"a": {0: 1, 1: 2}},
        {"k": 1, "j": 2},
        [1, 2],
        (1, 2),
        pa.table({"a": [1, 2]}),
    ],
)
def test_round_trip_keeps_the_input_type(data: object) -> None:
    fmt = frames.data_format(data)
    back = frames.from_pandas(frames.to_pandas(data), fmt)
    assert type(back) is type(data)
    if isinstance(data, (list, tuple, dict)):
        assert back == data


def test_attribute_dictionary_is_read_only_and_nested() -> None:
    d = frames.AttributeDictionary({"selection": {"rows": [1]}})
    assert d.selection.rows == [1]
    with pytest.raises(Exception, match="read-only"):
        d["x"] = 1
    import copy
    import pickle

    assert copy.deepcopy(d) == d
    assert type(copy.deepcopy(d)) is frames.AttributeDictionary
    assert pickle.loads(pickle.dumps(d)) == d


def test_fingerprint_follows_content() -> None:
    a = pd.DataFrame({"x": range(1000)})
    b = a.copy()
    assert frames.fingerprint(a) == frames.fingerprint(b)
    b.iloc[500, 0] = -1
    assert frames.fingerprint(a) != frames.fingerprint(b)
