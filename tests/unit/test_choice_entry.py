"""Typed choices: ``accept_new_options`` and ``filter_mode`` on ``st.multiselect`` and
``st.selectbox``, through the widget the browser talks to and through jupyst's AppTest."""

from __future__ import annotations

from typing import Any

import pytest

from jupyst.testing import AppTest
from jupyst.widgets.multiselect import MultiselectBox, SelectboxCombo
from tests.unit.helpers import leaves, send_from_browser, settle, start, widget

HEADER = "import jupyst as st\n"


def _shown(session: Any) -> Any:
    return [leaf for leaf in leaves(session) if leaf[0] == "text"][-1][1]


def test_a_typed_option_reaches_the_script_as_text() -> None:
    session = start(HEADER + 'v = st.multiselect("Tags", [1, 2], format_func=lambda n: f"#{n}", accept_new_options=True)\nst.text(repr(v))\n')
    try:
        box = widget(session, "multiselect")
        assert isinstance(box, MultiselectBox)
        assert (box.accept_new_options, box.filter_mode, box.placeholder) == (True, "fuzzy", "Choose or add options")
        send_from_browser(box, value=["#2", "seven"])
        settle(session)
        assert _shown(session) == "[2, 'seven']"  # the option itself, then the new text
        assert box.value == ["#2", "seven"]  # the chip keeps the typed text
    finally:
        session.close()


def test_a_selectbox_that_takes_new_options_is_a_combobox() -> None:
    session = start(HEADER + 'v = st.selectbox("City", [10, 20], format_func=lambda n: f"No. {n}", accept_new_options=True, filter_mode="prefix")\nst.text(repr(v))\n')
    try:
        box = widget(session, "selectbox")
        assert isinstance(box, SelectboxCombo)
        assert (box.index, box.options, box.filter_mode, box.clearable) == (0, ["No. 10", "No. 20"], "prefix", False)
        send_from_browser(box, index="Oslo")
        settle(session)
        assert _shown(session) == "'Oslo'"
        send_from_browser(box, index="No. 20")  # an option's label typed in full is that option
        settle(session)
        assert _shown(session) == "20"
        send_from_browser(box, index=0)
        settle(session)
        assert _shown(session) == "10"
    finally:
        session.close()


@pytest.mark.parametrize(
    ("call", "words", "disabled"),
    [
        ('st.multiselect("m", ["a"])', "Choose options", False),
        ('st.multiselect("m", ["a"], accept_new_options=True)', "Choose or add options", False),
        ('st.multiselect("m", [], accept_new_options=True)', "Add options", False),
        ('st.multiselect("m", [])', "No options to select", True),
        ('st.selectbox("s", ["a"], accept_new_options=True)', "Choose or add an option", False),
        ('st.selectbox("s", [], accept_new_options=True)', "Add an option", False),
        ('st.multiselect("m", ["a"], accept_new_options=True, placeholder="Pick")', "Pick", False),
    ],
)
def test_streamlits_placeholder_for_each_case(call: str, words: str, disabled: bool) -> None:
    session = start(HEADER + call + "\n")
    try:
        box = widget(session, call.split("(")[0].removeprefix("st."))
        assert (box.placeholder, box.disabled) == (words, disabled)
    finally:
        session.close()


def test_apptest_passes_new_text_to_a_selectbox() -> None:
    """Streamlit's own AppTest cannot (see tests/compat/test_choice_entry_compat.py); a
    browser can, and jupyst's AppTest does what the browser does."""
    at = AppTest.from_string(HEADER + 's = st.selectbox("S", ["a", "b"], accept_new_options=True)\nst.write(f"s={s!r}")\n').run()
    at.selectbox[0].select("zebra").run()
    assert at.markdown[0].value == "s='zebra'"
    assert at.selectbox[0].value == "zebra"
    at.selectbox[0].select("b").run()
    assert at.markdown[0].value == "s='b'"


def test_without_accept_new_options_typed_text_is_not_an_option() -> None:
    at = AppTest.from_string(HEADER + 'st.multiselect("M", ["a"])\n').run()
    with pytest.raises(ValueError, match="'zebra' is not in list"):
        at.multiselect[0].select("zebra").run()
