"""Built-in charts on bqplot: Streamlit's data shaping, marks per series, in-place updates,
and errors that leave the app alive."""

from __future__ import annotations

from typing import Any

import bqplot as bq
import numpy as np
import pandas as pd
import pytest

from jupyst.elements.charts import drawn_series
from jupyst.elements.charts.figure import ChartFigure
from jupyst.elements.charts.shaping import COLOR_FIELD, INDEX_FIELD, VALUE_FIELD, prepare
from tests.unit.helpers import find, settle, start, widget

DF = pd.DataFrame({"a": [1, 2, 3], "b": [4.0, 5.0, 6.0], "c": ["x", "y", "x"]})


def test_wide_data_melts_with_the_index_as_x() -> None:
    shaped = prepare("line", DF[["a", "b"]])
    assert (shaped.x, shaped.y, shaped.color) == (INDEX_FIELD, VALUE_FIELD, COLOR_FIELD)
    assert list(shaped.data.columns) == [INDEX_FIELD, COLOR_FIELD, VALUE_FIELD]
    assert (shaped.x_title, shaped.y_title, shaped.legend) == ("", "", True)
    series = {s["name"]: (s["x"], s["y"]) for s in drawn_series({"data": shaped.data, "encoding": _enc(shaped)})}
    assert series == {"a": ([0, 1, 2], [1.0, 2.0, 3.0]), "b": ([0, 1, 2], [4.0, 5.0, 6.0])}


def _enc(shaped: Any) -> dict[str, Any]:
    from jupyst.elements.charts import _encoding

    return _encoding(shaped)


def test_long_data_splits_by_colour_column_in_sorted_order() -> None:
    shaped = prepare("scatter", DF, x="a", y="b", color="c", size="a")
    out = drawn_series({"data": shaped.data, "encoding": _enc(shaped)})
    assert [s["name"] for s in out] == ["x", "y"]
    assert out[0]["x"] == [1, 3]
    assert out[0]["size"] == [1, 3]
    assert (shaped.x_title, shaped.y_title) == ("a", "b")


def test_axis_types() -> None:
    assert prepare("bar", DF, x="c", y="b").x_type == "ordinal"
    assert prepare("bar", DF, x="a", y="b").x_type == "ordinal"
    assert prepare("line", DF, x="c", y="b").x_type == "nominal"
    dates = pd.DataFrame({"t": pd.date_range("2024-01-01", periods=3), "v": [1, 2, 3]})
    assert prepare("line", dates, x="t", y="v").x_type == "temporal"


SCRIPT = """
import jupyst as st, numpy as np, pandas as pd
k = st.session_state.get("k", 1)
n = st.session_state.get("n", 3)
df = pd.DataFrame({"x": np.arange(n), "a": np.arange(n) * k, "b": np.arange(n) * 2.0 * k})
st.line_chart(df, x="x", y=["a", "b"], x_label="X", y_label="Y", height=300, width=500)
st.area_chart(df, x="x", y=["a", "b"])
st.bar_chart(df, x="x", y=["a", "b"], horizontal=True)
st.scatter_chart(df, x="x", y="a", size="b")
"""


def _figures(session: Any) -> list[ChartFigure]:
    return [widget(session, "vega_lite_chart", i) for i in range(4)]


def test_marks_scales_and_axes_per_chart() -> None:
    session = start(SCRIPT)
    line, area, bar, scatter = _figures(session)
    assert [type(m).__name__ for m in line.marks] == ["Lines", "Lines", "Scatter", "Scatter"]
    assert line.marks[0].labels == ["a"]
    assert line.marks[1].labels == ["b"]
    assert line.marks[0].y.tolist() == [0.0, 1.0, 2.0]
    assert [a.label for a in line.axes] == ["X", "Y"]
    assert line.layout.height == "300px"
    assert line.layout.width == "500px"
    assert "jupyst-line_chart" in line._dom_classes
    assert "jupyst-vega_lite_chart" in line._dom_classes
    # Areas overlap from zero unless `stack` is given, as `streamlit run` draws them.
    assert area.marks[1].y[0].tolist() == [0.0, 0.0, 0.0]
    assert area.marks[1].y[1].tolist() == [0.0, 2.0, 4.0]
    bars = bar.marks[0]
    assert bars.orientation == "horizontal"
    assert bars.type == "stacked"
    assert bars.y.tolist() == [[0.0, 1.0, 2.0], [0.0, 2.0, 4.0]]
    assert isinstance(scatter.marks[0].scales["size"], bq.LinearScale)
    assert scatter.marks[0].size.tolist() == [0.0, 2.0, 4.0]
    session.close()


def test_new_data_updates_the_marks_in_place(messages: list[tuple[str, Any]]) -> None:
    session = start(SCRIPT)
    figures = _figures(session)
    marks = [list(f.marks) for f in figures]
    messages.clear()
    session.state["k"] = 10
    session.request_rerun()
    settle(session)
    assert _figures(session) == figures
    assert [list(f.marks) for f in figures] == marks
    assert figures[0].marks[0].y.tolist() == [0.0, 10.0, 20.0]
    # Only updates: no widget was opened or closed.
    kinds = {data.get("method") for kind, data in messages if isinstance(data, dict)}
    assert kinds <= {"update", "echo_update"}, kinds
    assert not any(kind in ("comm_open", "comm_close") for kind, _ in messages)
    session.close()


def test_a_new_series_rebuilds_marks_and_closes_the_old_ones() -> None:
    session = start(SCRIPT.replace('y=["a", "b"], x_label', 'y=st.session_state.get("ys", ["a", "b"]), x_label'))
    line = _figures(session)[0]
    old = list(line.marks)
    session.state["ys"] = ["a"]
    session.request_rerun()
    settle(session)
    assert _figures(session)[0] is line
    assert len(line.marks) == 2
    assert all(m.comm is None for m in old)
    session.close()


def test_closing_a_chart_closes_every_widget_it_made() -> None:
    session = start("import jupyst as st\nif not st.session_state.get('hide'):\n    st.line_chart({'a': [1, 2], 'b': [3, 4]})\n")
    fig = widget(session, "vega_lite_chart")
    parts = [*fig.marks, *fig.axes, fig.layout, fig.scale_x, fig.scale_y, *(m.tooltip for m in fig.marks if m.tooltip)]
    parts += [s for m in fig.marks for s in m.scales.values()]
    session.state["hide"] = True
    session.request_rerun()
    settle(session)
    assert fig.comm is None
    assert all(p.comm is None for p in parts)
    session.close()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.line_chart(df, x='nope')", 'Data does not have a column named `"nope"`'),
        ("st.bar_chart(df, y=['a', 'zz'])", 'Data does not have a column named `"zz"`'),
        ("st.line_chart(df, x='a', y=['b', 'c'], color=['#f00'])", "must have the same length"),
        ("st.area_chart(df, stack='up')", "stack"),
        ("st.scatter_chart(df, x='a', y='b', size=[1, 2])", "size"),
    ],
)
def test_bad_input_shows_streamlits_error(call: str, message: str) -> None:
    session = start(f"import jupyst as st, pandas as pd\ndf = pd.DataFrame({{'a': [1], 'b': [2], 'c': [3]}})\n{call}\nst.text('after')\n")
    assert message in find(session, "exception").props["message"]
    session.close()


def test_empty_nan_inf_and_text_values_draw_without_failing() -> None:
    session = start(
        """
        import jupyst as st, pandas as pd, numpy as np
        st.line_chart(pd.DataFrame({"x": [], "y": []}), x="x", y="y")
        st.line_chart(pd.DataFrame({"x": [1, 2, 3], "y": [1.0, np.nan, np.inf]}), x="x", y="y")
        st.bar_chart(pd.DataFrame())
        st.scatter_chart(pd.DataFrame({"x": [1, 2], "y": ["p", "q"]}), x="x", y="y")
        st.text("alive")
        """
    )
    empty, gaps, bars, text = (widget(session, "vega_lite_chart", i) for i in range(4))
    assert empty.marks == []
    assert bars.marks == []
    assert np.isnan(gaps.marks[0].y[1])
    assert np.isnan(gaps.marks[0].y[2])
    assert isinstance(text.marks[0].scales["y"], bq.OrdinalScale)
    assert find(session, "text").props["body"] == "alive"
    session.close()


def test_bar_sort_orders_categories() -> None:
    session = start(
        """
        import jupyst as st, pandas as pd
        df = pd.DataFrame({"k": ["b", "c", "a"], "v": [2, 3, 1]})
        st.bar_chart(df, x="k", y="v")
        st.bar_chart(df, x="k", y="v", sort=False)
        st.bar_chart(df, x="k", y="v", sort="-v")
        """
    )
    cats = [widget(session, "vega_lite_chart", i).marks[0].x.tolist() for i in range(3)]
    assert cats == [["a", "b", "c"], ["b", "c", "a"], ["c", "b", "a"]]
    session.close()


def test_bars_over_dates_are_labelled_as_vega_labels_days_and_thinned_to_fit() -> None:
    session = start(
        """
        import jupyst as st, pandas as pd
        week = pd.DataFrame({"v": range(7)}, index=pd.date_range("2024-04-24", periods=7, freq="D"))
        st.bar_chart(week)
        month = pd.DataFrame({"v": range(60)}, index=pd.date_range("2024-03-01", periods=60, freq="D"))
        st.bar_chart(month)
        """
    )
    week, month = (widget(session, "vega_lite_chart", i) for i in range(2))
    # Wednesday 24 April 2024 to Tuesday 30: days as "Wed 24", the Sunday (a week) as "Apr 28"
    assert week.marks[0].x.tolist() == ["Wed 24", "Thu 25", "Fri 26", "Sat 27", "Apr 28", "Mon 29", "Tue 30"]
    assert week.axes[0].tick_values is None  # seven short labels fit: all shown
    labels = month.marks[0].x.tolist()
    assert (labels[0], labels[31], len(set(labels))) == ("March", "April", 60)
    ticks = month.axes[0].tick_values.tolist()
    assert ticks[0] == "March"
    assert set(ticks) < set(labels)
    assert len(ticks) * 6 * 7 < 500  # every n-th label, as many as fit side by side
    session.close()
