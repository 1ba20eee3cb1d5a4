"""Values from the front end are untrusted: a forged comm message cannot put a value the
widget would not offer into the script; the run count and the screen stay as they were."""

from __future__ import annotations

from typing import Any

from tests.unit.helpers import leaves, send_from_browser, settle, start, widget

APP = """
import jupyst as st
c = st.selectbox("c", ["a", "b"])
n = st.slider("n", 0, 10, 3)
t = st.text_input("t", max_chars=3)
d = st.checkbox("d", disabled=True)
st.text(f"{c} {n} {t} {d}")
"""


def _refused(session: Any, before: int) -> None:
    settle(session)
    assert leaves(session)[-1] == ("text", "a 3  False")
    assert session.run_count == before


def test_index_outside_the_options_is_refused() -> None:
    session = start(APP)
    select = widget(session, "selectbox")
    send_from_browser(select, index=7)
    _refused(session, 1)
    assert select.index == 0
    session.close()


def _inner_slider(box: Any) -> Any:
    """The ipywidgets slider the browser talks to, inside a slider element's box."""
    found = [w for w in box.parts() if "jupyst-slider-input" in w._dom_classes]
    assert len(found) == 1
    return found[0]


def test_number_outside_min_max_is_refused() -> None:
    session = start(APP)
    slider = _inner_slider(widget(session, "slider"))
    send_from_browser(slider, value=99)
    _refused(session, 1)
    assert slider.value == 3
    session.close()


def test_text_longer_than_max_chars_is_refused_and_the_widget_restored() -> None:
    session = start(APP)
    text = widget(session, "text_input")
    send_from_browser(text, value="toolong")
    _refused(session, 1)
    assert text.value == ""
    session.close()


def test_disabled_widget_ignores_changes() -> None:
    session = start(APP)
    box = widget(session, "checkbox")
    send_from_browser(box, value=True)
    _refused(session, 1)
    assert box.value is False
    session.close()


def test_an_accepted_value_from_the_browser_reruns_the_script() -> None:
    session = start(APP)
    send_from_browser(widget(session, "selectbox"), index=1)
    settle(session)
    assert leaves(session)[-1] == ("text", "b 3  False")
    assert session.run_count == 2
    session.close()
