"""st.column_config.ButtonColumn: its config, and clicks from the browser through the comm path.

A click the grid's page could send reruns the app once, with ``st.session_state[key]`` the
row's position in the script's data and the label, after the column's callback; a click the
page could not send (another column, a row the data does not have, a label its cell does not
show, the wrong types) changes nothing: no run, no callback.
"""

from __future__ import annotations

from typing import Any

import pytest

import jupyst as st
from jupyst.elements.lib.button_columns import ButtonColumnResult
from jupyst.elements.lib.grid_model import cell_labels
from jupyst.errors import StreamlitMissingRequiredParameterError
from tests.unit.helpers import leaves, send_from_browser, settle, start, widget

APP = """
import numpy as np
import pandas as pd
import streamlit as st

st.session_state.runs = st.session_state.get("runs", 0) + 1
df = pd.DataFrame({
    "name": ["Ada", "Bob", "Cy"],
    "go": ["Go", ":material/bolt: Run", None],
    "menu": [["Edit", "Delete"], np.array(["Edit"]), []],
    "n": [1, 2, 3],
})
def clicked(tag):
    st.session_state.calls = st.session_state.get("calls", []) + [(tag, st.session_state.go_click.row)]
st.dataframe(df, column_config={
    "go": st.column_config.ButtonColumn(key="go_click", on_click=clicked, args=("cb",)),
    "menu": st.column_config.ButtonColumn(key="menu_click"),
    "name": st.column_config.ButtonColumn(),
})
go, menu = st.session_state.go_click, st.session_state.menu_click
st.text(f"go={None if go is None else (go.row, go.label)} menu={None if menu is None else (menu['row'], menu['label'])}")
st.text(f"runs={st.session_state.runs} calls={st.session_state.get('calls', [])}")
"""


def shown(session: Any) -> list[str]:
    return [str(body) for kind, body in leaves(session) if kind == "text"]


def click(session: Any, **report: Any) -> None:
    send_from_browser(widget(session, "dataframe"), clicked={**report, "nonce": report.get("nonce", "1")})
    settle(session)


def test_a_column_without_a_key_is_a_plain_read_only_config() -> None:
    config = st.column_config.ButtonColumn("Go", type="tertiary", width="small", alignment="left")
    assert config == {
        "label": "Go", "width": "small", "alignment": "left", "disabled": True,
        "type_config": {"type": "button", "button_type": "tertiary"},
    }
    keyed = st.column_config.ButtonColumn("Go", key="k", on_click=print, args=(1,))
    assert isinstance(keyed, ButtonColumnResult)
    assert (keyed.key, keyed.on_click, keyed.args, keyed.config["type_config"]["type"]) == ("k", print, (1,), "button")


@pytest.mark.parametrize("given", [{"on_click": print}, {"args": ()}, {"kwargs": {}}])
def test_a_callback_without_a_key_is_refused(given: dict[str, Any]) -> None:
    with pytest.raises(StreamlitMissingRequiredParameterError, match="`key` parameter is required"):
        st.column_config.ButtonColumn(**given)


def test_cell_labels() -> None:
    import numpy as np

    assert cell_labels("Go") == ["Go"]
    assert cell_labels(["a", "b"]) == ["a", "b"]
    assert cell_labels(np.array(["a"])) == ["a"]
    assert [cell_labels(v) for v in ("", None, float("nan"), [], 3, ["", None])] == [[]] * 6


def test_a_click_reruns_once_with_the_row_and_label_after_the_callback() -> None:
    session = start(APP)
    try:
        assert shown(session) == ["go=None menu=None", "runs=1 calls=[]"]
        click(session, column="go", row=1, label=":material/bolt: Run")
        assert shown(session) == ["go=(1, ':material/bolt: Run') menu=None", "runs=2 calls=[('cb', 1)]"]
        # a menu's item, from a cell holding an array
        click(session, column="menu", row=1, label="Edit", nonce="2")
        assert shown(session) == ["go=None menu=(1, 'Edit')", "runs=3 calls=[('cb', 1)]"]
        click(session, column="menu", row=0, label="Delete", nonce="3")
        assert shown(session) == ["go=None menu=(0, 'Delete')", "runs=4 calls=[('cb', 1)]"]
    finally:
        session.close()


@pytest.mark.parametrize("report", [
    {"column": "name", "row": 0, "label": "Ada"},  # a button column without a key: nothing to set
    {"column": "n", "row": 0, "label": "1"},  # not a button column
    {"column": "nope", "row": 0, "label": "Go"},
    {"column": "go", "row": 2, "label": "Go"},  # Cy's cell is empty
    {"column": "go", "row": 3, "label": "Go"},  # past the data
    {"column": "go", "row": -1, "label": "Go"},
    {"column": "go", "row": 1, "label": "Go"},  # Ada's label on Bob's row
    {"column": "menu", "row": 1, "label": "Delete"},
    {"column": "go", "row": True, "label": "Go"},
    {"column": "go", "row": "0", "label": "Go"},
    {"column": "go", "row": 0, "label": None},
    {"column": "go", "row": 0},
])
def test_a_click_the_page_could_not_send_changes_nothing(report: dict[str, Any]) -> None:
    session = start(APP)
    try:
        click(session, **report)
        assert shown(session) == ["go=None menu=None", "runs=1 calls=[]"]
        click(session, column="go", row=0, label="Go", nonce="after")  # the path still works
        assert shown(session) == ["go=(0, 'Go') menu=None", "runs=2 calls=[('cb', 0)]"]
    finally:
        session.close()


def test_a_click_is_no_form_value_and_a_disabled_editor_sends_none() -> None:
    session = start("""
import pandas as pd
import streamlit as st
st.session_state.runs = st.session_state.get("runs", 0) + 1
df = pd.DataFrame({"go": ["Go", "Go"]})
with st.form("f"):
    st.dataframe(df, column_config={"go": st.column_config.ButtonColumn(key="in_form")})
    st.form_submit_button()
st.data_editor(df, column_config={"go": st.column_config.ButtonColumn(key="locked")}, disabled=True)
st.text(f"runs={st.session_state.runs} {st.session_state.in_form} {st.session_state.locked}")
""")
    try:
        send_from_browser(widget(session, "dataframe", 1), clicked={"column": "go", "row": 0, "label": "Go", "nonce": "1"})
        settle(session)
        assert shown(session) == ["runs=1 None None"]
        send_from_browser(widget(session, "dataframe", 0), clicked={"column": "go", "row": 1, "label": "Go", "nonce": "2"})
        settle(session)
        assert shown(session) == ["runs=2 {'row': 1, 'label': 'Go'} None"]
    finally:
        session.close()
