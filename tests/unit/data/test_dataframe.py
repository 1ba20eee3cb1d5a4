"""st.dataframe: the grid widget pages rows from Python, sorts, and reports selections."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd
import pytest
import traitlets

from jupyst.testing import AppTest
from jupyst.widgets.grid import DataGrid
from tests.unit.helpers import find, settle, start, widget


def test_first_view_of_a_million_rows_is_small(messages: list[tuple[str, Any]]) -> None:
    df = pd.DataFrame({"id": np.arange(1_000_000), "x": np.random.default_rng(0).random(1_000_000)})
    import builtins

    builtins.big = df  # type: ignore[attr-defined]
    try:
        messages.clear()
        session = start("import jupyst as st\nimport builtins\nst.dataframe(builtins.big, height=400)\n")
        grid = widget(session, "dataframe")
        assert isinstance(grid, DataGrid)
        assert grid.row_count == 1_000_000
        rows = grid.rows["rows"]
        assert 10 <= len(rows) <= 100
        assert rows[0][:2] == [0, "0"]
        sent = sum(len(json.dumps(data, default=str)) for _, data in messages)
        assert sent < 1_000_000, sent
        # Scrolling far down: the browser asks for a window, Python sends just those rows.
        grid.viewport = [700_000, 700_040]
        assert grid.rows["start"] == 700_000
        assert [r[0] for r in grid.rows["rows"]][:3] == [700_000, 700_001, 700_002]
        session.close()
    finally:
        del builtins.big  # type: ignore[attr-defined]


def test_header_click_sorts_and_keeps_the_sort_across_reruns() -> None:
    session = start(
        """
        import jupyst as st, pandas as pd
        n = st.session_state.setdefault("n", 0)
        st.dataframe(pd.DataFrame({"v": [3, 1, 2, n]}, index=list("abcd")))
        """
    )
    grid = widget(session, "dataframe")
    grid.sort = ["v", "asc"]
    assert [r[1] for r in grid.visible_rows()] == ["0", "1", "2", "3"]
    assert [r[1] for r in grid.rows["rows"]] == ["d", "b", "c", "a"]
    grid.sort = ["v", "desc"]
    assert [r[2] for r in grid.rows["rows"]] == ["3", "2", "1", "0"]
    session.state["n"] = 9
    session.request_rerun()
    settle(session)
    assert widget(session, "dataframe") is grid
    assert [r[2] for r in grid.rows["rows"]] == ["9", "3", "2", "1"]
    with pytest.raises(traitlets.TraitError):
        grid.sort = ["v", "sideways"]
    session.close()


def test_unsortable_or_unknown_sort_shows_data_order() -> None:
    session = start("import jupyst as st\nst.dataframe({'a': [2, 1]})\n")
    grid = widget(session, "dataframe")
    grid.sort = ["nope", "asc"]
    assert [r[0] for r in grid.rows["rows"]] == [0, 1]
    session.close()


def test_props_and_traits_follow_arguments() -> None:
    session = start(
        """
        import jupyst as st, pandas as pd
        df = pd.DataFrame({"a": [1, 2], "b": ["x", "y"], "c": [0.5, 0.25]})
        st.dataframe(df, hide_index=True, column_order=["c", "a"], height=250, width=300,
                     column_config={"c": st.column_config.ProgressColumn("Share", min_value=0, max_value=1)})
        """
    )
    grid = widget(session, "dataframe")
    assert [c["label"] for c in grid.columns] == ["Share", "a"]
    assert [c["kind"] for c in grid.columns] == ["progress", "number"]
    assert grid.grid_height == 250
    assert grid.grid_width == 300
    assert grid.rows["rows"][0] == [0, [0.5, "50%"], "1"]
    assert "jupyst-dataframe" in grid._dom_classes
    session.close()


def test_read_only_grid_refuses_values_from_the_browser() -> None:
    session = start("import jupyst as st\nst.dataframe({'a': [1]})\n")
    grid = widget(session, "dataframe")
    with pytest.raises(traitlets.TraitError):
        grid.value = {"selection": {"rows": [0], "columns": [], "cells": []}}
    session.close()


SELECT = """
import jupyst as st, pandas as pd
df = pd.DataFrame({"a": [1, 2, 3], "b": [4, 5, 6]})
def changed():
    st.session_state.calls = st.session_state.get("calls", 0) + 1
event = st.dataframe(df, key="grid", on_select=changed, selection_mode=["multi-row", "single-column", "single-cell"])
st.text(repr((event.selection.rows, event.selection.columns, event.selection.cells, event["selection"]["rows"])))
"""


def test_selection_from_the_browser_reruns_with_streamlits_shape() -> None:
    at = AppTest.from_string(SELECT).run()
    assert at.text[0].value == "([], [], [], [])"
    grid = at._session.reconciler.widget_for(at.dataframe[0].node)
    grid.value = {"selection": {"rows": [2, 0], "columns": ["b"], "cells": [[1, "a"]]}}
    at.run()
    assert at.text[0].value == "([2, 0], ['b'], [(1, 'a')], [2, 0])"
    assert at.session_state["calls"] == 1
    assert at.session_state["grid"]["selection"]["rows"] == [2, 0]
    # Out-of-range rows, unknown columns and two columns in single-column mode are refused.
    for bad in ({"selection": {"rows": [5]}}, {"selection": {"columns": ["zz"]}}, {"selection": {"columns": ["a", "b"], "rows": []}}, {"nope": 1}):
        grid.value = bad
        at.run()
        assert at.text[0].value == "([2, 0], ['b'], [(1, 'a')], [2, 0])"
        assert grid.value["selection"]["rows"] == [2, 0]
    assert at.session_state["calls"] == 1
    at.close()


def test_selection_set_through_session_state_is_checked() -> None:
    at = AppTest.from_string(SELECT).run()
    at.session_state["grid"] = {"selection": {"rows": [1, 9], "cells": [[0, "b"]]}}
    at.run()
    assert at.text[0].value == "([1], [], [(0, 'b')], [1])"
    grid = at._session.reconciler.widget_for(at.dataframe[0].node)
    assert grid.value == {"selection": {"rows": [1], "columns": [], "cells": [[0, "b"]]}}
    at.close()


def test_apptest_value_is_the_dataframe() -> None:
    at = AppTest.from_string("import jupyst as st\nimport numpy as np\nst.dataframe(np.arange(4).reshape(2, 2))\nst.table({'k': 1})\n").run()
    assert at.dataframe[0].value.equals(pd.DataFrame(np.arange(4).reshape(2, 2)))
    assert list(at.table[0].value.columns) == ["value"]
    at.close()


def test_table_is_static_html_with_every_row() -> None:
    session = start(
        """
        import jupyst as st, pandas as pd
        st.table(pd.DataFrame({"a": [1, None], "b": ["<x>", "y"]}), hide_index=True, border="horizontal")
        """
    )
    html = widget(session, "table").value
    assert "&lt;x&gt;" in html
    assert "<x>" not in html
    assert html.count("<tr>") == 3
    assert "jupyst-table-horizontal" in html
    assert "None" in html
    assert "jupyst-table" in widget(session, "table")._dom_classes
    session.close()


def test_table_hides_what_says_nothing_unless_asked() -> None:
    # Streamlit 1.67's st.table: a default 0, 1, 2... index is hidden, a named one shown; data
    # without column names of its own (a list of rows, a dict of values) shows no header.
    session = start(
        """
        import jupyst as st, pandas as pd
        st.table(pd.DataFrame({"a": [1, 2]}))
        st.table(pd.DataFrame({"a": [1, 2]}, index=pd.Index(["x", "y"], name="sku")))
        st.table(pd.DataFrame({"a": [1, 2]}), hide_index=False)
        st.table([[1, 2], [3, 4]])
        st.table({"k": 1, "m": 2})
        """
    )
    tables = [widget(session, "table", i).value for i in range(5)]
    assert "<th class='jupyst-align-right'>0</th>" not in tables[0]
    assert "<thead>" in tables[0]
    assert ">x</th>" in tables[1]
    assert "sku" in tables[1]
    assert "<th class='jupyst-align-right'>0</th>" in tables[2]
    assert "<thead>" not in tables[3]
    assert "<th" not in tables[3]
    assert "<thead>" not in tables[4]
    assert ">k</th>" in tables[4]
    session.close()


def test_no_op_rerun_sends_nothing(messages: list[tuple[str, Any]]) -> None:
    session = start(
        """
        import jupyst as st, pandas as pd
        st.dataframe(pd.DataFrame({"a": range(1000)}))
        st.line_chart(pd.DataFrame({"a": range(100)}))
        """
    )
    messages.clear()
    session.request_rerun()
    settle(session)
    assert messages == []
    session.close()


def test_bad_arguments_show_errors_and_the_app_lives() -> None:
    session = start(
        """
        import jupyst as st
        st.dataframe({"a": [1]}, on_select="rerun", selection_mode="bogus")
        """
    )
    node = find(session, "exception")
    assert "selection_mode" in node.props["message"]
    session.close()
