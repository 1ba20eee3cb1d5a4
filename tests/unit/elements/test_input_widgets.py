"""Widget-side behaviour of the less common inputs that AppTest cannot see: the ipywidgets drawn,
their traits, clicks and uploads arriving as a browser sends them, untrusted values refused."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

import pytest
import traitlets

from tests.unit.helpers import leaves, settle, start, widget


def _texts(session: Any) -> list[Any]:
    return [v for k, v in leaves(session) if k in ("text", "markdown")]


def _last_text(session: Any) -> Any:
    return _texts(session)[-1]


def _set(target: Any, name: str, value: Any) -> None:
    """Set a trait as a browser message would; a refused value may raise TraitError."""
    with contextlib.suppress(Exception):
        setattr(target, name, value)


def test_select_slider_is_a_selection_slider_and_refuses_unknown_indices():
    session = start(
        """
        import jupyst as st
        v = st.select_slider("S", ["a", "b", "c"], value="b")
        r = st.select_slider("R", [1, 2, 3, 4], value=(2, 3))
        st.text(f"{v} {r}")
        """
    )
    single, double = widget(session, "select_slider", 0), widget(session, "select_slider", 1)
    assert type(single).__name__ == "SelectionSlider"
    assert single.index == 1
    assert type(double).__name__ == "SelectionRangeSlider"
    assert double.index == (1, 2)
    assert "jupyst-select_slider" in single._dom_classes
    single.index = 2
    settle(session)
    assert _last_text(session) == "c (2, 3)"
    _set(double, "index", (0, 9))
    settle(session)
    assert _last_text(session) == "c (2, 3)"
    session.close()


def test_date_picker_refuses_a_date_outside_its_bounds():
    session = start(
        """
        import datetime as dt
        import jupyst as st
        d = st.date_input("D", dt.date(2024, 5, 5), min_value=dt.date(2024, 1, 1), max_value=dt.date(2024, 12, 31))
        st.text(str(d))
        """
    )
    picker = widget(session, "date_input")
    assert picker.min == dt.date(2024, 1, 1)
    assert picker.max == dt.date(2024, 12, 31)
    with pytest.raises(traitlets.TraitError):
        picker.value = dt.date(2030, 1, 1)
    settle(session)
    assert _last_text(session) == "2024-05-05"
    assert session.run_count == 1
    picker.value = dt.date(2024, 6, 1)
    settle(session)
    assert _last_text(session) == "2024-06-01"
    session.close()


def test_date_range_is_two_pickers_and_a_half_range_is_a_one_tuple():
    session = start(
        """
        import datetime as dt
        import jupyst as st
        r = st.date_input("R", (dt.date(2024, 1, 1), dt.date(2024, 1, 9)))
        st.text(repr(r))
        """
    )
    box = widget(session, "date_input")
    start_picker, end_picker = box._start, box._end
    assert (start_picker.value, end_picker.value) == (dt.date(2024, 1, 1), dt.date(2024, 1, 9))
    end_picker.value = None  # the visitor clears the end date
    settle(session)
    assert _last_text(session) == "(datetime.date(2024, 1, 1),)"
    end_picker.value = dt.date(2024, 1, 3)
    settle(session)
    assert _last_text(session) == "(datetime.date(2024, 1, 1), datetime.date(2024, 1, 3))"
    session.close()


def test_time_and_datetime_pickers():
    session = start(
        """
        import datetime as dt
        import jupyst as st
        t = st.time_input("T", dt.time(8, 30), step=60)
        w = st.datetime_input("W", dt.datetime(2024, 1, 1, 9, 0), min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2024, 1, 31))
        st.text(f"{t} {w}")
        """
    )
    picker = widget(session, "time_input")
    assert picker.step == 60.0
    picker.value = dt.time(9, 15, 42)  # seconds are dropped for a whole-minute step
    settle(session)
    assert _last_text(session) == "09:15:00 2024-01-01 09:00:00"
    stamp = widget(session, "date_time_input")
    with pytest.raises(traitlets.TraitError):
        stamp.value = dt.datetime(2025, 1, 1)
    stamp.value = dt.datetime(2024, 1, 2, 10, 45)
    settle(session)
    assert _last_text(session) == "09:15:00 2024-01-02 10:45:00"
    session.close()


def test_date_slider_moves_in_microseconds_and_shows_its_format():
    session = start(
        """
        import datetime as dt
        import jupyst as st
        d = st.slider("D", min_value=dt.date(2024, 1, 1), max_value=dt.date(2024, 1, 31), value=dt.date(2024, 1, 10), format="DD MMM YYYY")
        st.text(str(d))
        """
    )
    box = widget(session, "slider")
    assert type(box).__name__ == "TimeSliderBox"
    assert "10 Jan 2024" in box._readout.value
    day = 86_400_000_000
    box._single.value = box.min + 19 * day  # the visitor drags the handle
    settle(session)
    assert _last_text(session) == "2024-01-20"
    assert "20 Jan 2024" in box._readout.value
    _set(box._single, "value", box.max + day)
    settle(session)
    assert _last_text(session) == "2024-01-20"
    session.close()


def test_color_picker_refuses_non_hex_colours():
    session = start(
        """
        import jupyst as st
        st.text(st.color_picker("C", "#00ff00"))
        """
    )
    picker = widget(session, "color_picker")
    assert type(picker).__name__ == "ColorPicker"
    assert picker.value == "#00ff00"
    picker.value = "red"  # a CSS colour, but not what st.color_picker returns
    settle(session)
    assert _last_text(session) == "#00ff00"
    assert picker.value == "#00ff00"
    picker.value = "#123abc"
    settle(session)
    assert _last_text(session) == "#123abc"
    session.close()


def test_pills_are_toggle_buttons_and_single_mode_deselects():
    session = start(
        """
        import jupyst as st
        p = st.pills("P", ["a", "b", "c"])
        r = st.pills("R", ["x", "y"], default="x", required=True)
        m = st.segmented_control("M", ["u", "v", "w"], selection_mode="multi")
        st.text(f"{p} {r} {m}")
        """
    )
    pills, required, multi = widget(session, "pills", 0), widget(session, "pills", 1), widget(session, "segmented_control")
    assert [t.description for t in pills._toggles] == ["a", "b", "c"]
    assert "jupyst-pills" in pills._dom_classes
    assert "jupyst-segmented_control" in multi._dom_classes
    pills._toggles[1].value = True
    settle(session)
    assert _last_text(session) == "b x []"
    pills._toggles[2].value = True  # single mode: the new choice replaces the old one
    settle(session)
    assert [t.value for t in pills._toggles] == [False, False, True]
    pills._toggles[2].value = False  # clicking the chosen pill clears it
    settle(session)
    assert _last_text(session) == "None x []"
    required._toggles[0].value = False  # a required choice cannot be cleared
    settle(session)
    assert required._toggles[0].value is True
    assert _last_text(session) == "None x []"
    multi._toggles[2].value = True
    settle(session)
    multi._toggles[0].value = True
    settle(session)
    assert _last_text(session) == "None x ['w', 'u']"
    session.close()


def test_button_group_refuses_positions_outside_the_options():
    session = start(
        """
        import jupyst as st
        st.text(str(st.pills("P", ["a", "b"])))
        st.text(str(st.feedback("stars")))
        """
    )
    pills = widget(session, "pills")
    pills.value = (5,)
    settle(session)
    assert _texts(session) == ["None", "None"]
    stars = widget(session, "feedback")
    stars.value = (9,)
    settle(session)
    assert _texts(session) == ["None", "None"]
    stars._toggles[3].value = True
    settle(session)
    assert _texts(session) == ["None", "3"]
    assert ["jupyst-star-on" in t._dom_classes for t in stars._toggles] == [True, True, True, True, False]
    session.close()


def test_feedback_thumbs_show_up_first_and_map_to_one():
    session = start(
        """
        import jupyst as st
        st.text(str(st.feedback()))
        """
    )
    thumbs = widget(session, "feedback")
    assert [t.description for t in thumbs._toggles] == ["👍", "👎"]
    thumbs._toggles[0].value = True
    settle(session)
    assert _last_text(session) == "1"
    session.close()


def test_number_input_is_a_formatted_field_with_step_buttons():
    session = start(
        """
        import jupyst as st
        n = st.number_input("N", min_value=0, max_value=10, value=None, placeholder="how many?")
        f = st.number_input("F", value=1.5, step=0.25, format="%.2f")
        st.text(f"{n!r} {f!r}")
        """
    )
    ints, floats = widget(session, "number_input", 0), widget(session, "number_input", 1)
    assert ints._field.value == ""
    assert ints._field.placeholder == "how many?"
    assert floats._field.value == "1.50"
    assert "jupyst-number_input" in floats._dom_classes
    ints._field.value = "7"
    settle(session)
    assert _last_text(session) == "7 1.5"
    ints._field.value = "seven"  # not a number: the field shows the value again
    settle(session)
    assert ints._field.value == "7"
    assert _last_text(session) == "7 1.5"
    ints._field.value = "11"  # above max_value: refused
    settle(session)
    assert ints._field.value == "7"
    assert session.run_count == 2
    ints._plus.click()
    settle(session)
    ints._plus.click()
    ints._plus.click()
    ints._plus.click()
    settle(session)
    assert _last_text(session) == "10 1.5"
    floats._minus.click()
    settle(session)
    assert _last_text(session) == "10 1.25"
    assert floats._field.value == "1.25"
    ints._field.value = ""
    settle(session)
    assert _last_text(session) == "None 1.25"
    session.close()
