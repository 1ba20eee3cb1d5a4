"""The widgets behind labelled inputs, without a browser: the multiselect box's traits and
what it accepts from a page, the composite label, slider bounds, and the form's Enter rule
carried to the page (the browser side is in tests/e2e/test_labelled_inputs.py)."""

from __future__ import annotations

from typing import Any

from jupyst.widgets.browser_input import message_problem
from jupyst.widgets.field_label import FieldLabel
from jupyst.widgets.label_tier import LabelTier
from jupyst.widgets.multiselect import MultiselectBox
from jupyst.widgets.submit_button import ENTER_SUBMITS, SubmitButton
from tests.unit.helpers import find, leaves, send_from_browser, settle, start, widget


def _update(**state: Any) -> dict[str, Any]:
    return {"method": "update", "state": state}


def test_multiselect_box_carries_label_options_and_streamlits_placeholders():
    session = start(
        """
        import jupyst as st
        a = st.multiselect("**Fruits**", ["Apple", "Banana"], default=["Banana"], max_selections=2, help="Pick some")
        st.multiselect("Nothing to pick", [])
        st.multiselect("Own words", ["x"], placeholder="Pick a letter")
        st.multiselect("Empty words", ["x"], placeholder="")
        st.text(a)
        """
    )
    box = widget(session, "multiselect", 0)
    assert isinstance(box, MultiselectBox)
    assert (box.options, box.value, box.max_selections) == (["Apple", "Banana"], ["Banana"], 2)
    assert "<strong>Fruits</strong>" in box.description
    assert box.tooltip == "Pick some"
    assert (box.placeholder, box.disabled) == ("Choose options", False)
    empty = widget(session, "multiselect", 1)
    assert (empty.placeholder, empty.disabled) == ("No options to select", True)
    assert widget(session, "multiselect", 2).placeholder == "Pick a letter"
    assert widget(session, "multiselect", 3).placeholder == ""
    assert widget(session, "multiselect", 0).max_selections == 2
    assert find(session, "multiselect", 1).props["value"] == []
    session.close()


def test_multiselect_value_from_the_page_reaches_the_script_in_the_order_chosen():
    session = start(
        """
        import jupyst as st
        st.text(st.multiselect("Fruits", ["Apple", "Banana", "Cherry"], max_selections=2))
        """
    )
    box = widget(session, "multiselect", 0)
    send_from_browser(box, value=["Cherry", "Apple"])
    settle(session)
    assert leaves(session)[-1] == ("text", "['Cherry', 'Apple']")
    # More than max_selections, or a label that is no option: refused, the script's value stays.
    for forged in (["Cherry", "Apple", "Banana"], ["Durian"], ["Apple", "Apple"]):
        send_from_browser(widget(session, "multiselect", 0), value=forged)
        settle(session)
        assert leaves(session)[-1] == ("text", "['Cherry', 'Apple']")
    session.close()


def test_the_page_may_send_only_what_each_front_end_sends():
    box, label, button = MultiselectBox(), FieldLabel(), SubmitButton()
    assert message_problem(box, _update(value=["a", "b"])) is None
    assert message_problem(box, _update(value=[1])) is not None
    assert message_problem(box, _update(options=["forged"])) is not None
    assert message_problem(box, _update(max_selections=0)) is not None
    assert message_problem(label, _update(value="<script>")) is not None
    assert message_problem(button, {"method": "custom", "content": {"event": "click"}}) is None
    assert message_problem(button, _update(disabled=False)) is not None
    for widget_ in (box, label, button):
        widget_.close()


def test_composite_inputs_label_with_a_field_label_and_sliders_show_their_bounds():
    session = start(
        """
        import jupyst as st
        st.number_input("Count", 0, 10, 3, help="How many")
        st.slider("Level", 5, 50, 20, format="%d px")
        st.file_uploader("Upload")
        """
    )
    for kind in ("number_input", "slider", "file_uploader"):
        label = widget(session, kind)._label
        assert isinstance(label, FieldLabel), kind
    assert "Count" in widget(session, "number_input")._label.value
    assert widget(session, "number_input")._label.tooltip == "How many"
    bounds = widget(session, "slider")._bounds.value
    assert bounds == "<span>5 px</span><span>50 px</span>"
    session.close()


def test_the_form_says_whether_enter_submits_it():
    session = start(
        """
        import jupyst as st
        with st.form("loud"):
            st.text_input("a")
            st.form_submit_button("Go")
        with st.form("quiet", enter_to_submit=False):
            st.text_input("b")
            st.form_submit_button("Go quietly")
        """
    )
    loud, quiet = widget(session, "form", 0), widget(session, "form", 1)
    assert ENTER_SUBMITS in loud._dom_classes
    assert ENTER_SUBMITS not in quiet._dom_classes
    button = widget(session, "form_submit_button", 0)
    assert isinstance(button, SubmitButton)
    assert (button.description, button.disabled) == ("Go", False)
    session.close()


def test_every_app_frame_has_one_label_tier_that_the_page_cannot_drive():
    session = start(
        """
        import jupyst as st
        st.radio("Choice", ["x", "y"])
        """
    )
    column = session.reconciler.layout.column
    tiers = [child for child in column.children if isinstance(child, LabelTier)]
    assert len(tiers) == 1
    assert message_problem(tiers[0], _update(_dom_classes=["x"])) is not None
    session.close()


def test_select_all_is_checked_and_reaches_the_box_as_streamlit_encodes_it():
    from streamlit.testing.v1 import AppTest

    from jupyst.testing import AppTest as JupystAppTest

    for arg, threshold in (("True", -1), ("False", 0), ("5", 5), ("1000", 1000)):
        session = start(f'import jupyst as st\nst.multiselect("m", ["a", "b"], select_all={arg})\n')
        assert widget(session, "multiselect").select_all == threshold
        session.close()
    for bad in ("-1", "'all'", "2.5"):
        script = f'import streamlit as st\nst.multiselect("m", ["a", "b"], select_all={bad})\n'
        theirs = AppTest.from_string(script).run()
        ours = JupystAppTest.from_string(script).run()
        assert [e.value for e in ours.exception] == [e.value for e in theirs.exception] != []
        ours.close()
