"""A prop set in the last run and absent in this one returns to its default (layout included),
and layout changes go to the widget's own Layout model instead of a new one per run."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from tests.unit.helpers import settle, start, widget

TOGGLE = """
import jupyst as st
scroll = st.checkbox("scroll", value=True)
with st.container(height=300 if scroll else "content", width=400 if scroll else "stretch"):
    st.text("inside")
st.columns([3, 1] if scroll else 2)[0].text("left")
"""


def _uncheck(session: Any) -> None:
    widget(session, "checkbox").value = False
    settle(session)


def test_a_container_height_set_last_run_and_dropped_now_returns_to_its_default() -> None:
    session = start(TOGGLE)
    box = widget(session, "container")
    assert box.layout.height == "300px"
    assert box.layout.width == "400px"
    _uncheck(session)
    assert widget(session, "container") is box  # reused, not rebuilt
    assert box.layout.height is None
    assert box.layout.width is None
    assert box.layout.overflow is None
    session.close()


def test_layout_changes_update_the_widgets_own_layout_model() -> None:
    session = start(TOGGLE)
    box = widget(session, "container")
    layout = box.layout
    opened_before = len(w.Widget.widgets)
    _uncheck(session)
    assert box.layout is layout  # no new Layout widget (and comm) per change
    widget(session, "checkbox").value = True
    settle(session)
    assert box.layout is layout
    assert box.layout.height == "300px"
    assert len(w.Widget.widgets) <= opened_before
    session.close()


def test_a_column_weight_change_keeps_its_layout_model() -> None:
    session = start(TOGGLE)
    column = widget(session, "column")
    layout = column.layout
    assert layout.flex == "0.75 1 0%"
    _uncheck(session)
    assert widget(session, "column").layout is layout
    assert layout.flex == "0.5 1 0%"
    session.close()


def test_a_trait_a_run_no_longer_sets_returns_to_the_widgets_default() -> None:
    session = start("""
        import jupyst as st
        tall = st.checkbox("tall", value=True)
        st.text_area("notes", key="notes", height=240 if tall else None)
    """)
    area = widget(session, "text_area")
    assert area.rows == 10
    _uncheck(session)
    assert widget(session, "text_area") is area
    assert area.rows is None
    session.close()


def test_a_chart_size_change_goes_to_its_own_layout() -> None:
    session = start("""
        import jupyst as st
        narrow = st.checkbox("narrow", value=True)
        st.line_chart({"y": [1, 3, 2]}, width=300 if narrow else "stretch", height=200 if narrow else "content")
    """)
    chart = widget(session, "vega_lite_chart")
    layout = chart.layout
    assert (layout.width, layout.height) == ("300px", "200px")
    _uncheck(session)
    assert widget(session, "vega_lite_chart") is chart
    assert chart.layout is layout
    assert layout.width == "100%"
    assert layout.height != "200px"
    session.close()

