"""The database page of `jupyst hello`: made on first run, filtered by its widgets, as under Streamlit."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

PAGE = Path(__file__).resolve().parents[3] / "jupyst" / "hello" / "pages" / "1_Database.py"


def tour(app_test: Any) -> list[tuple[list[str], list[Any], list[list[Any]]]]:
    """What the page shows first, then for region "east", then with a minimum of 300."""
    at = app_test.from_file(str(PAGE), default_timeout=60).run()
    seen = []
    for step in (None, lambda: at.selectbox[0].select("east"), lambda: at.slider[0].set_value(300)):
        if step is not None:
            step()
            at.run()
        assert not at.exception
        frame = at.dataframe[0].value
        seen.append(([m.label for m in at.metric], [m.value for m in at.metric], frame.values.tolist()))
    return seen


def test_the_page_makes_its_database_and_filters_it_as_streamlit_does(tmp_path: Path) -> None:
    from jupyst.testing import AppTest

    ours = tour(AppTest)
    database = tmp_path / "cache" / "hello-orders.db"  # in the cache dir, not in the package
    assert database.exists()
    assert not list(PAGE.parent.glob("*.db"))
    with sqlite3.connect(database) as db:
        east = db.execute("SELECT id, customer, region, total FROM orders WHERE region = 'east' ORDER BY id").fetchall()
    first, by_region, by_total = ours
    assert first[0] == ["Orders", "Revenue"]
    assert len(first[2]) == 48
    assert by_region[2] == [list(row) for row in east]
    assert by_total[2] == [list(row) for row in east if row[3] >= 300]
    assert by_total[1][0] == str(len(by_total[2]))

    testing = pytest.importorskip("streamlit.testing.v1")
    import streamlit

    streamlit.cache_resource.clear()
    assert tour(testing.AppTest) == ours
