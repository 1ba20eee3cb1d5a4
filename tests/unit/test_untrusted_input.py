"""Values from the front end are untrusted: out-of-range values are refused, state unchanged."""

from __future__ import annotations

from tests.unit.helpers import leaves, settle, start, widget

APP = """
import jupyst as st
c = st.selectbox("c", ["a", "b"])
n = st.slider("n", 0, 10, 3)
t = st.text_input("t", max_chars=3)
d = st.checkbox("d", disabled=True)
st.text(f"{c} {n} {t} {d}")
"""


def test_index_outside_the_options_is_refused():
    session = start(APP)
    select = widget(session, "selectbox")
    try:
        select.index = 7
    except Exception:
        pass  # ipywidgets may refuse it itself: either way the state must not change
    settle(session)
    assert leaves(session)[-1] == ("text", "a 3  False")
    assert session.run_count == 1
    session.close()


def test_number_outside_min_max_is_refused():
    session = start(APP)
    slider = widget(session, "slider")
    try:
        slider.value = 99
    except Exception:
        pass
    settle(session)
    assert slider.value == 3
    assert leaves(session)[-1] == ("text", "a 3  False")
    session.close()


def test_text_longer_than_max_chars_is_refused_and_the_widget_restored():
    session = start(APP)
    text = widget(session, "text_input")
    text.value = "toolong"
    settle(session)
    assert text.value == ""
    assert session.run_count == 1
    session.close()


def test_disabled_widget_ignores_changes():
    session = start(APP)
    box = widget(session, "checkbox")
    box.value = True
    settle(session)
    assert box.value is False
    assert session.run_count == 1
    session.close()
