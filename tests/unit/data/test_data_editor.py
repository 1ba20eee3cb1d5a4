"""st.data_editor: edits from the grid reach the script in the input's type and survive reruns;
wrong edits are refused."""

from __future__ import annotations

import pandas as pd
import pytest

from jupyst.testing import AppTest

EDITOR = """
import jupyst as st, pandas as pd, numpy as np
df = pd.DataFrame({"name": ["a", "b", "c"], "score": [1, 2, 3], "ok": [True, False, True], "ratio": [0.5, 1.5, 2.5]})
def changed():
    st.session_state.calls = st.session_state.get("calls", 0) + 1
out = st.data_editor(df, key="ed", num_rows="dynamic", disabled=["ratio"], on_change=changed,
                     column_config={"score": st.column_config.NumberColumn(min_value=0, max_value=100)})
st.text(out.to_json(orient="split"))
st.text(str(st.session_state.get("calls", 0)))
"""


def _grid(at: AppTest):  # type: ignore[no-untyped-def]
    return at._session.reconciler.widget_for(at.dataframe[0].node)


def _out(at: AppTest) -> pd.DataFrame:
    import io

    return pd.read_json(io.StringIO(at.text[0].value), orient="split")


def test_cell_edits_rows_added_and_deleted() -> None:
    at = AppTest.from_string(EDITOR).run()
    grid = _grid(at)
    assert grid.editing == "dynamic"
    assert grid.base_rows == 3
    assert [c["editable"] for c in grid.columns] == [True, True, True, False]
    grid.value = {"edited_rows": {"0": {"score": 10, "name": "z"}}, "added_rows": [{"name": "new", "score": 7}], "deleted_rows": [1]}
    at.run()
    out = _out(at)
    assert out["name"].tolist() == ["z", "c", "new"]
    assert out["score"].tolist() == [10, 3, 7]
    assert out.index.tolist() == [0, 2, 3]
    assert at.text[1].value == "1"
    # The grid shows the edited table; rows keep their ids (3 is the added row).
    assert [r[0] for r in grid.rows["rows"]] == [0, 2, 3]
    assert grid.rows["rows"][0][1:3] == ["z", "10"]
    # AppTest's value is the input table, as in Streamlit.
    assert at.dataframe[0].value["name"].tolist() == ["a", "b", "c"]
    # Edits survive reruns.
    at.run()
    assert _out(at)["score"].tolist() == [10, 3, 7]
    assert at.session_state["ed"]["edited_rows"] == {0: {"score": 10, "name": "z"}}
    at.close()


@pytest.mark.parametrize(
    "bad",
    [
        {"edited_rows": {"0": {"score": "ten"}}},
        {"edited_rows": {"0": {"score": 1.5}}},
        {"edited_rows": {"0": {"score": 1000}}},
        {"edited_rows": {"0": {"ok": "yes"}}},
        {"edited_rows": {"0": {"ratio": 9.0}}},
        {"edited_rows": {"0": {"missing": 1}}},
        {"edited_rows": {"7": {"score": 1}}},
        {"deleted_rows": [99]},
        {"added_rows": ["not a row"]},
    ],
)
def test_wrong_edits_are_refused(bad: object) -> None:
    at = AppTest.from_string(EDITOR).run()
    grid = _grid(at)
    grid.value = bad
    at.run()
    assert _out(at)["score"].tolist() == [1, 2, 3]
    assert at.text[1].value == "0"
    assert grid.value == {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
    at.close()


def test_fixed_editor_refuses_new_rows_and_disabled_editor_everything() -> None:
    at = AppTest.from_string(
        """
        import jupyst as st
        a = st.data_editor({"x": [1, 2]}, key="fixed")
        b = st.data_editor({"y": [1, 2]}, key="off", disabled=True)
        st.text(repr((a, b)))
        """
    ).run()
    fixed, off = (at._session.reconciler.widget_for(d.node) for d in at.dataframe)
    fixed.value = {"edited_rows": {}, "added_rows": [{"x": 5}], "deleted_rows": []}
    off.value = {"edited_rows": {"0": {"y": 5}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert at.text[0].value == "({'x': [1, 2]}, {'y': [1, 2]})"
    fixed.value = {"edited_rows": {"1": {"x": 20}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert at.text[0].value == "({'x': [1, 20]}, {'y': [1, 2]})"
    at.close()


@pytest.mark.parametrize(
    ("literal", "edit", "expected"),
    [
        ("[{'a': 1}, {'a': 2}]", {"0": {"a": 5}}, "[{'a': 5}, {'a': 2}]"),
        ("{'a': [1, 2]}", {"1": {"a": 7}}, "{'a': [1, 7]}"),
        ("np.array([1, 2])", {"0": {"value": 3}}, "array([3, 2])"),
        ("pd.Series([1, 2], name='s')", {"0": {"s": 4}}, "s"),
        ("pa.table({'a': [1, 2]})", {"0": {"a": 9}}, "pyarrow.Table"),
    ],
)
def test_edited_data_comes_back_in_the_input_type(literal: str, edit: dict[str, object], expected: str) -> None:
    at = AppTest.from_string(
        f"""
        import jupyst as st, numpy as np, pandas as pd, pyarrow as pa
        out = st.data_editor({literal}, key="e")
        st.text(repr(out))
        """
    ).run()
    _grid(at).value = {"edited_rows": edit, "added_rows": [], "deleted_rows": []}
    at.run()
    assert expected in at.text[0].value
    at.close()


def test_dates_and_selectbox_columns_edit_with_their_types() -> None:
    at = AppTest.from_string(
        """
        import jupyst as st, pandas as pd, datetime
        df = pd.DataFrame({"day": [datetime.date(2024, 1, 1)], "size": pd.Categorical(["S"], categories=["S", "M", "L"])})
        out = st.data_editor(df, key="e")
        st.text(repr((out["day"][0], out["size"][0])))
        """
    ).run()
    grid = _grid(at)
    kinds = {c["key"]: (c["kind"], c.get("options")) for c in grid.columns}
    assert kinds["day"] == ("date", None)
    assert kinds["size"] == ("selectbox", ["S", "M", "L"])
    grid.value = {"edited_rows": {"0": {"day": "2024-02-03", "size": "L"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert at.text[0].value == "(datetime.date(2024, 2, 3), 'L')"
    grid.value = {"edited_rows": {"0": {"size": "XL"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert at.text[0].value == "(datetime.date(2024, 2, 3), 'L')"
    at.close()


def test_duplicate_and_reserved_column_names_raise() -> None:
    at = AppTest.from_string(
        """
        import jupyst as st, pandas as pd
        try:
            st.data_editor(pd.DataFrame([[1, 2]], columns=["a", "a"]))
        except Exception as e:
            st.text(str(e))
        try:
            st.data_editor(pd.DataFrame({"_index": [1]}))
        except Exception as e:
            st.text(str(e))
        """
    ).run()
    assert "duplicated: ['a']" in at.text[0].value
    assert "'_index' is reserved" in at.text[1].value
    at.close()
