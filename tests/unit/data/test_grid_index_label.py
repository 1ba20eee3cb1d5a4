"""The index column's ``column_config``, found as Streamlit's grid finds it: by the index's
name first, else by ``"_index"`` (which serves every level of a MultiIndex)."""

from __future__ import annotations

import pandas as pd

from jupyst.elements.lib.grid_model import resolve_columns
from jupyst.elements.lib.grid_props import process_column_config


def _headers(df: pd.DataFrame, config: dict[object, object]) -> list[tuple[str, str]]:
    return [(spec.key, spec.label) for spec in resolve_columns(df, process_column_config(config), None, None)]


def test_the_index_is_configured_by_its_name_or_by_index() -> None:
    df = pd.DataFrame({"price": [3, 4]}, index=pd.Index(["a", "b"], name="sku"))
    assert _headers(df, {}) == [("_index", "sku"), ("price", "price")]
    assert _headers(df, {"_index": "Product"}) == [("_index", "Product"), ("price", "price")]
    assert _headers(df, {"sku": "Item code"}) == [("_index", "Item code"), ("price", "price")]
    # The name wins over "_index", as the grid looks the name up first.
    assert _headers(df, {"sku": "Item code", "_index": "Product"}) == [("_index", "Item code"), ("price", "price")]
    assert _headers(df, {"sku": None}) == [("price", "price")]


def test_index_serves_every_level_of_a_multiindex() -> None:
    index = pd.MultiIndex.from_tuples([("x", 1), ("y", 2)], names=["group", "n"])
    df = pd.DataFrame({"v": [1, 2]}, index=index)
    assert _headers(df, {"_index": "Key"}) == [("_index", "Key"), ("_index_1", "Key"), ("v", "v")]
    assert _headers(df, {"n": "Number"}) == [("_index", "group"), ("_index_1", "Number"), ("v", "v")]
