"""Columns, formats, sorting and windows of the data grid, computed in Python."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from jupyst.elements import column_config as cc
from jupyst.elements.lib.formatting import moment as format_moment
from jupyst.elements.lib.grid_model import GridModel, format_number, resolve_columns


@pytest.mark.parametrize(
    ("value", "fmt", "is_int", "text"),
    [
        (1234.5678, None, False, "1234.5678"),
        (0.123456, None, False, "0.1235"),
        (2.0, None, False, "2"),
        (7, None, True, "7"),
        (1234.5, "%.1f", False, "1234.5"),
        (1234.5, "$%.2f", False, "$1234.50"),
        (12, "%d items", True, "12 items"),
        (0.256, "percent", False, "25.6%"),  # Intl: at most two decimals, none forced
        (1234.5, "dollar", False, "$1,234.50"),
        (-1234.5, "accounting", False, "(1,234.50)"),
        (1234567, "compact", True, "1.2M"),
        (1234.5, "localized", False, "1,234.5"),
        (1500, "bytes", True, "1.5KB"),
        (float("nan"), None, False, None),
        (float("inf"), None, False, "Infinity"),  # the grid writes String(value)
        (None, "%d", True, None),
    ],
)
def test_number_formats(value: object, fmt: str | None, is_int: bool, text: str | None) -> None:
    assert format_number(value, fmt, is_int) == text


def test_moment_formats() -> None:
    when = dt.datetime(2024, 3, 5, 14, 7, 9)
    assert format_moment(when, "YYYY-MM-DD HH:mm:ss") == "2024-03-05 14:07:09"
    assert format_moment(when, "MMM D, YYYY h:mm A") == "Mar 5, 2024 2:07 PM"
    assert format_moment(when.date(), "Do MMMM [of] YYYY") == "5th March of 2024"


FRAME = pd.DataFrame(
    {
        "n": [3, 1, 2, None],
        "s": ["c", "a", "b", "d"],
        "flag": [True, False, True, False],
        "when": pd.to_datetime(["2024-01-02", "2024-01-01", None, "2024-01-03"]),
        "url": ["https://a.example/x", "javascript:alert(1)", "https://b.example/y", None],
        "p": [0.5, 1.0, 0.0, 0.25],
    },
    index=pd.Index(["w", "x", "y", "z"], name="key"),
)


def test_types_are_inferred_from_dtypes() -> None:
    kinds = {c.key: c.kind for c in resolve_columns(FRAME, None, None, None)}
    assert kinds == {"_index": "text", "n": "number", "s": "text", "flag": "checkbox", "when": "datetime", "url": "text", "p": "number"}


def test_column_config_order_and_hiding() -> None:
    config = {"s": "Letter", "flag": None, "url": cc.LinkColumn(display_text=r"https://(\w)\."), "p": cc.ProgressColumn(min_value=0, max_value=1), "n": cc.NumberColumn(format="%.1f", width="small")}
    cols = resolve_columns(FRAME, config, ["p", "s", "url", "n", "flag"], hide_index=True)
    assert [c.key for c in cols] == ["p", "s", "url", "n"]
    assert [c.label for c in cols] == ["p", "Letter", "url", "n"]
    assert cols[3].width == 75
    model = GridModel(FRAME, cols)
    rows = model.window(None, 0, 4)["rows"]
    assert rows[0] == [0, [0.5, "50%"], "c", ["https://a.example/x", "a"], "3.0"]
    # Only web links become links; anything else stays text.
    assert rows[1][3] == [None, "javascript:alert(1)"]
    assert rows[3][3] is None
    assert rows[3][4] is None


def test_sort_is_stable_with_missing_values_last() -> None:
    model = GridModel(FRAME, resolve_columns(FRAME, None, None, None))
    assert model.sort_order("n", True).tolist() == [1, 2, 0, 3]
    assert model.sort_order("n", False).tolist() == [0, 2, 1, 3]
    assert model.sort_order("_index", False).tolist() == [3, 2, 1, 0]
    order = model.sort_order("s", True)
    assert [r[0] for r in model.window(order, 0, 4)["rows"]] == [1, 2, 0, 3]


def test_window_is_bounded_and_rows_keep_their_ids() -> None:
    big = pd.DataFrame({"v": np.arange(10_000)})
    model = GridModel(big, resolve_columns(big, None, None, True))
    payload = model.window(None, 9_990, 20_000)
    assert payload["start"] == 9_990
    assert len(payload["rows"]) == 10
    payload = model.window(None, 0, 10_000)
    assert len(payload["rows"]) == 500  # MAX_WINDOW
    model = GridModel(big.iloc[[5, 7]], resolve_columns(big.iloc[[5, 7]], None, None, True), row_ids=np.array([5, 7]))
    assert [r[0] for r in model.window(None, 0, 2)["rows"]] == [5, 7]


def test_editable_columns_follow_disabled_and_types() -> None:
    cols = resolve_columns(FRAME, {"p": cc.ProgressColumn()}, None, None, editing=True, disabled=["s"])
    editable = {c.key: c.editable for c in cols}
    assert editable == {"_index": True, "n": True, "s": False, "flag": True, "when": True, "url": True, "p": False}
    assert all(not c.editable for c in resolve_columns(FRAME, None, None, None, editing=True, disabled=True))
