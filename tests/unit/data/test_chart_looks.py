"""What the built-in charts look like next to Streamlit's: stacking, gaps, tick formats, legend.

Each expectation was read off the same chart under ``streamlit run`` (Vega-Lite 5): a
stacked area keeps positive and negative values on their own side of zero (Vega's
``stackZero``), the lowest band is the last series, ticks carry thousands separators,
the legend has a column of its own outside the plot area, and a gap in a line sends no
NaN coordinates to the browser.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from jupyst.elements.charts import axes
from tests.unit.helpers import settle, start, widget

pytest.importorskip("bqplot")


def _chart(script: str, index: int = 0) -> Any:
    session = start(script)
    settle(session)
    return session, widget(session, "vega_lite_chart", index)


def test_stacked_area_keeps_negative_values_below_zero() -> None:
    session, fig = _chart(
        "import pandas as pd\nimport jupyst as st\n"
        "st.area_chart(pd.DataFrame({'x': [1, -2, 3, -1], 'y': [2, 1, -1, 3]}), stack=True)\n"
    )
    x_mark, y_mark = fig.marks
    # "y" is the bottom band; "x" piles on it where both are positive and hangs below
    # zero on its own where it is negative.
    assert y_mark.y[0].tolist() == [0.0, 0.0, 0.0, 0.0]
    assert y_mark.y[1].tolist() == [2.0, 1.0, -1.0, 3.0]
    assert x_mark.y[0].tolist() == [2.0, 0.0, 0.0, 0.0]
    assert x_mark.y[1].tolist() == [3.0, -2.0, 3.0, -1.0]
    session.close()


def test_default_area_chart_overlaps_its_series() -> None:
    session, fig = _chart(
        "import pandas as pd\nimport jupyst as st\n"
        "st.area_chart(pd.DataFrame({'x': [1, -2, 3, -1], 'y': [2, 1, -1, 3]}))\n"
    )
    x_mark, y_mark = fig.marks
    assert x_mark.y[1].tolist() == [1.0, -2.0, 3.0, -1.0]
    assert y_mark.y[1].tolist() == [2.0, 1.0, -1.0, 3.0]
    assert x_mark.fill_opacities == [0.7]
    session.close()


def test_gaps_send_no_nan_points() -> None:
    session, fig = _chart(
        "import numpy as np, pandas as pd\nimport jupyst as st\n"
        "st.line_chart(pd.DataFrame({'a': [1.0, np.nan, 3.0, 4.0]}))\n"
        "st.scatter_chart(pd.DataFrame({'a': [1.0, np.nan, 3.0], 'b': [1.0, 2.0, np.nan]}), x='a', y='b')\n"
    )
    hover = [m for m in fig.marks if type(m).__name__ == "Scatter"]
    assert hover
    assert all(np.isfinite(np.asarray(m.y, dtype=float)).all() for m in hover)
    # The line itself keeps the gap (bqplot leaves a missing y undrawn).
    assert np.isnan(fig.marks[0].y[1])
    scatter = widget(session, "vega_lite_chart", 1)
    assert np.asarray(scatter.marks[0].x, dtype=float).tolist() == [1.0]
    session.close()


def test_ticks_have_separators_and_titles_clear_the_tick_labels() -> None:
    session, fig = _chart(
        "import pandas as pd\nimport jupyst as st\n"
        "st.line_chart(pd.DataFrame({'alpha': [0, 2.6e13], 'b': [1e12, 3e12]}), y_label='Revenue')\n"
    )
    x_axis, y_axis = fig.axes
    assert y_axis.tick_format == ",.0f"
    assert x_axis.tick_format == ",.1f"
    widest = len("26,000,000,000,000") * axes.CHAR_PX
    offset = float(y_axis.label_offset.rstrip("px"))
    assert offset > widest  # the title sits left of the widest tick label
    assert fig.fig_margin["left"] > offset
    # The legend gets a column right of the plot area.
    assert "jupyst-legend-outside" in fig._dom_classes
    assert fig.fig_margin["right"] >= axes.legend_width(["alpha", "b"])
    session.close()


@pytest.mark.parametrize(
    ("values", "expected"),
    [([0, 1], ",.1f"), ([0, 4], ",.1f"), ([0, 20], ",.0f"), ([0, 0.05], ",.3f"), ([0, 3e10], ",.0f"), ([0, 2.6e13], ",.0f")],
)
def test_tick_format_matches_d3_precision(values: list[float], expected: str) -> None:
    assert axes.tick_format(values) == expected
