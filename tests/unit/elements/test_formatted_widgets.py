"""Each place a ``format=`` is shown writes the same text for it: slider readouts (numbers,
dates), the number input's field and grid columns. Expected texts are what Streamlit's
front end shows for these formats (see test_formatting.py, which checks the functions
against Streamlit's own bundle); here the point is that every widget goes through them."""

from __future__ import annotations

from typing import Any

from tests.unit.helpers import leaves, settle, start, widget


def _readout(box: Any) -> str:
    return box._readout.value


def test_slider_readout_keeps_the_text_around_the_number() -> None:
    session = start(
        """
        import jupyst as st
        a = st.slider("Width", 0, 100, 5, format="%d px")
        b = st.slider("Budget", 0.0, 5000.0, 1234.5, format="$%,.2f")
        c = st.slider("Range", 0, 10, (2, 7), format="%02d h")
        d = st.slider("Share", 0.0, 1.0, 0.25, format="percent")
        st.text(f"{a} {b} {c} {d}")
        """
    )
    assert _readout(widget(session, "slider", 0)) == "5 px"
    assert _readout(widget(session, "slider", 1)) == "$1,234.50"
    assert _readout(widget(session, "slider", 2)) == "02 h – 07 h"
    assert _readout(widget(session, "slider", 3)) == "25%"
    assert leaves(session)[-1] == ("text", "5 1234.5 (2, 7) 0.25")
    # the visitor drags: the value reaches the script, the readout follows the format
    box = widget(session, "slider", 0)
    box._single.value = 42
    settle(session)
    assert leaves(session)[-1] == ("text", "42 1234.5 (2, 7) 0.25")
    assert _readout(box) == "42 px"
    session.close()


def test_slider_with_a_format_the_browser_refuses_stays_usable() -> None:
    session = start('import jupyst as st\nst.text(st.slider("n", 0, 10, 3, format="% d"))\n')
    box = widget(session, "slider")
    assert _readout(box) == "3"
    assert "unexpected placeholder" in box._readout.tooltip
    session.close()


def test_date_slider_readout_uses_named_and_moment_formats() -> None:
    session = start(
        """
        import datetime as dt
        import jupyst as st
        st.slider("D", dt.date(2024, 1, 1), dt.date(2024, 12, 31), dt.date(2024, 3, 5), format="Do MMM YYYY")
        st.slider("T", value=dt.time(14, 30), format="h:mm A")
        st.slider("I", dt.date(2024, 1, 1), dt.date(2024, 12, 31), dt.date(2024, 3, 5), format="iso8601")
        """
    )
    assert _readout(widget(session, "slider", 0)) == "5th Mar 2024"
    assert _readout(widget(session, "slider", 1)) == "2:30 PM"
    assert _readout(widget(session, "slider", 2)) == "2024-03-05"
    session.close()


def test_number_input_field_shows_sprintf_text() -> None:
    session = start(
        """
        import jupyst as st
        st.number_input("A", value=2.5, format="%.0f")
        st.number_input("B", value=1234.5678, format="%.2e")
        st.number_input("C", value=7, format="% d")
        """
    )
    # sprintf-js breaks ties away from zero (Python's % prints "2")
    assert widget(session, "number_input", 0)._field.value == "3"
    # JavaScript's exponent has no padding (Python's % prints "1.23e+03")
    assert widget(session, "number_input", 1)._field.value == "1.23e+3"
    # Python accepts "% d", the browser's sprintf does not: the bare number is shown
    assert widget(session, "number_input", 2)._field.value == "7"
    session.close()


def test_grid_columns_format_like_the_widgets() -> None:
    session = start(
        """
        import datetime as dt
        import jupyst as st, pandas as pd
        df = pd.DataFrame({
            "w": [5, 1234567],
            "cash": [1234.5, -2.5],
            "day": [dt.datetime(2024, 3, 5, 14, 7), dt.datetime(2024, 12, 25, 9, 0)],
            "p": [0.256, 1.0],
        })
        st.dataframe(df, column_config={
            "w": st.column_config.NumberColumn(format="%,d px"),
            "cash": st.column_config.NumberColumn(format="accounting"),
            "day": st.column_config.DatetimeColumn(format="ddd D MMM, h:mm a"),
            "p": st.column_config.ProgressColumn(),
        })
        """
    )
    rows = widget(session, "dataframe").rows["rows"]
    assert [r[2:5] for r in rows] == [
        ["5 px", "1,234.50", "Tue 5 Mar, 2:07 pm"],
        ["1,234,567 px", "(2.50)", "Wed 25 Dec, 9:00 am"],
    ]
    assert [r[5][1] for r in rows] == ["25.6%", "100%"]  # a float progress column reads as "percent"
    session.close()
