"""Every input family against forged values from the browser, through the comm path.

Each row names one widget call, the ipywidget the browser talks to for it, one value a real
browser could send (the path works: the script reruns and sees it) and values no browser of
that widget would send (outside the range, a missing option, ``null`` where the widget cannot
be cleared, the wrong type). A forged value must leave the script's value and the run count
as they were: no rerun, no clamping, no ``None``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.unit.helpers import leaves, send_from_browser, settle, start, widget


def _itself(box: Any) -> Any:
    return box


def _with_class(css: str) -> Callable[[Any], Any]:
    def find(box: Any) -> Any:
        from jupyst.widgets.composite import walk

        parts = [p for part in [box, *getattr(box, "parts", list)()] for p in walk(part)]
        found = [p for p in parts if css in getattr(p, "_dom_classes", ())]
        assert found, f"no part with class {css} in {type(box).__name__}"
        return found[0]

    return find


def _toggle(index: int) -> Callable[[Any], Any]:
    def find(box: Any) -> Any:
        return box._toggles[index]

    return find


def _upload(box: Any) -> Any:
    return box._upload


def _file(name: str, data: bytes) -> dict[str, Any]:
    return {"name": name, "type": "text/plain", "size": len(data), "content": memoryview(data), "last_modified": 0}


@dataclass
class Case:
    """One widget call; ``valid`` reruns, each of ``forged`` must not."""

    name: str
    call: str
    kind: str
    valid: dict[str, Any]
    forged: list[dict[str, Any]] = field(default_factory=list)
    part: Callable[[Any], Any] = _itself
    index: int = 0


Y2K = 946_684_800  # 2000-01-01 in seconds since the epoch
DAY = {"year": 2020, "month": 6, "date": 15}  # 2020-07-15: ipywidgets counts months from 0
CASES = [
    Case("checkbox", 'st.checkbox("c")', "checkbox", {"value": True}, [{"value": "yes"}, {"value": None}, {"value": 1}]),
    Case("toggle", 'st.toggle("c")', "toggle", {"value": True}, [{"value": "on"}, {"value": None}]),
    Case("radio", 'st.radio("c", ["a", "b"])', "radio", {"index": 1},
         [{"index": None}, {"index": 2}, {"index": -1}, {"index": True}, {"index": "1"}]),
    Case("selectbox", 'st.selectbox("c", ["a", "b"])', "selectbox", {"index": 1},
         [{"index": None}, {"index": 7}, {"index": -1}, {"index": 1.5}]),
    Case("multiselect", 'st.multiselect("c", ["a", "b"])', "multiselect", {"value": ["b"]},
         [{"value": ["zzz"]}, {"value": "a"}, {"value": [None]}, {"value": ["a", "a"]}]),
    Case("multiselect_max", 'st.multiselect("c", ["a", "b", "c"], max_selections=1)', "multiselect", {"value": ["b"]},
         [{"value": ["a", "b"]}]),
    Case("multiselect_new_options", 'st.multiselect("c", ["a"], accept_new_options=True, max_selections=2)', "multiselect",
         {"value": ["typed"]}, [{"value": [5]}, {"value": ["x", "y", "z"]}, {"value": ["q", "q"]}, {"value": "typed"}]),
    Case("selectbox_new_options", 'st.selectbox("c", ["a", "b"], accept_new_options=True)', "selectbox", {"index": "typed"},
         [{"index": 9}, {"index": None}, {"index": True}, {"index": ["a"]}, {"index": -1}]),
    Case("slider_int", 'st.slider("c", 0, 10, 3)', "slider", {"value": 5},
         [{"value": 99}, {"value": -1}, {"value": None}, {"value": "5"}], _with_class("jupyst-slider-input")),
    Case("slider_float", 'st.slider("c", 0.0, 1.0, 0.5)', "slider", {"value": 0.25},
         [{"value": 2.0}, {"value": -0.5}, {"value": math.nan}, {"value": None}], _with_class("jupyst-slider-input")),
    Case("slider_range", 'st.slider("c", 0, 10, (2, 4))', "slider", {"value": [1, 5]},
         [{"value": [1, 50]}, {"value": [-3, 5]}, {"value": 4}], _with_class("jupyst-slider-input")),
    Case("slider_date", 'st.slider("c", dt.date(2020, 1, 1), dt.date(2020, 1, 31), dt.date(2020, 1, 10))', "slider",
         {"value": 1_579_046_400_000_000},  # 2020-01-15 in microseconds
         [{"value": 1_600_000_000_000_000}, {"value": 0}, {"value": None}], _with_class("jupyst-slider-input")),
    Case("slider_time", 'st.slider("c", dt.time(1, 0), dt.time(5, 0), dt.time(2, 0))', "slider",
         {"value": (Y2K + 3 * 3600) * 1_000_000},  # the day of a time slider is 2000-01-01
         [{"value": (Y2K + 9 * 3600) * 1_000_000}, {"value": Y2K * 1_000_000}], _with_class("jupyst-slider-input")),
    Case("select_slider", 'st.select_slider("c", ["a", "b", "c"])', "select_slider", {"index": 2},
         [{"index": 9}, {"index": None}, {"index": -1}, {"index": "1"}]),
    Case("select_slider_range", 'st.select_slider("c", ["a", "b", "c"], value=("a", "b"))', "select_slider",
         {"index": [0, 2]}, [{"index": [0, 9]}, {"index": [0]}, {"index": None}]),
    Case("text_input", 'st.text_input("c", max_chars=5)', "text_input", {"value": "hey"},
         [{"value": "toolong"}, {"value": 5}, {"value": None}]),
    Case("text_area", 'st.text_area("c", max_chars=5)', "text_area", {"value": "hey"},
         [{"value": "x" * 6}, {"value": ["x"]}]),
    Case("number_input", 'st.number_input("c", 0, 10, 3)', "number_input", {"value": "4"},
         [{"value": "99"}, {"value": "-1"}, {"value": "abc"}, {"value": "1e999"}, {"value": ""}, {"value": "2.5"}],
         _with_class("jupyst-number-field")),
    Case("date_input", 'st.date_input("c", dt.date(2020, 6, 1), dt.date(2020, 1, 1), dt.date(2020, 12, 31))', "date_input",
         {"value": DAY}, [{"value": {"year": 2031, "month": 0, "date": 1}}, {"value": None}, {"value": {"year": "x"}}]),
    Case("time_input", 'st.time_input("c", dt.time(2, 0))', "time_input",
         {"value": {"hours": 3, "minutes": 0, "seconds": 0, "milliseconds": 0}},
         [{"value": None}, {"value": {"hours": 25, "minutes": 0, "seconds": 0, "milliseconds": 0}}, {"value": "noon"}]),
    Case("datetime_input",
         'st.datetime_input("c", dt.datetime(2020, 6, 1, 1, 0), min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2020, 12, 31))',
         "date_time_input",
         {"value": {"year": 2020, "month": 6, "date": 2, "hours": 1, "minutes": 0, "seconds": 0, "milliseconds": 0}},
         [{"value": None}, {"value": {"year": 2040, "month": 0, "date": 1, "hours": 0, "minutes": 0, "seconds": 0, "milliseconds": 0}}]),
    Case("color_picker", 'st.color_picker("c")', "color_picker", {"value": "#ff0000"},
         [{"value": "red"}, {"value": "#12345g"}, {"value": None}, {"value": "#" + "f" * 10_000}]),
    Case("pills", 'st.pills("c", ["a", "b"])', "pills", {"value": True}, [{"value": "yes"}, {"value": None}], _toggle(1)),
    Case("segmented_control", 'st.segmented_control("c", ["a", "b"])', "segmented_control", {"value": True},
         [{"value": 2}], _toggle(1)),
    Case("feedback", 'st.feedback("thumbs")', "feedback", {"value": True}, [{"value": "1"}], _toggle(0)),
    Case("file_uploader", 'st.file_uploader("c", type="txt")', "file_uploader", {"value": [_file("a.txt", b"hi")]},
         [{"value": [_file("a.txt", b"a"), _file("b.txt", b"b")]}, {"value": [_file("a.exe", b"MZ")]},
          {"value": [{"name": "a.txt"}]}, {"value": "a.txt"}], _upload),
    Case("camera_input", 'st.camera_input("c")', "camera_input", {"value": [_file("shot.jpg", b"\xff\xd8")]},
         [{"value": [_file("a.jpg", b"1"), _file("b.jpg", b"2")]}, {"value": [{"content": 5}]}], _upload),
    Case("data_editor", 'st.data_editor(pd.DataFrame({"x": [1, 2]}))', "dataframe",
         {"value": {"edited_rows": {"0": {"x": 5}}, "added_rows": [], "deleted_rows": []}},
         [{"value": {"edited_rows": {"9": {"x": 5}}, "added_rows": [], "deleted_rows": []}},
          {"value": {"edited_rows": {}, "added_rows": [{"x": 1}], "deleted_rows": []}},
          {"value": {"edited_rows": {}, "added_rows": [], "deleted_rows": [0]}},
          {"value": {"edited_rows": {"0": {"nope": 1}}, "added_rows": [], "deleted_rows": []}},
          {"value": "x"}]),
    Case("dataframe_selection", 'st.dataframe(pd.DataFrame({"x": [1, 2]}), on_select="rerun", key="df")', "dataframe",
         {"value": {"selection": {"rows": [1], "columns": [], "cells": []}}},
         [{"value": {"selection": {"rows": [5], "columns": [], "cells": []}}},
          {"value": {"selection": {"rows": [], "columns": ["nope"], "cells": []}}},
          {"value": {"selection": "all"}}]),
    Case("chat_input", 'st.chat_input("c", max_chars=5)', "chat_input",
         {"submission": {"seq": 1, "text": "hi", "files": []}},
         [{"submission": {"seq": 2, "text": "far too long", "files": []}}, {"submission": "hi"},
          {"submission": {"seq": 3, "text": 5, "files": []}}]),
]

HEADER = "import datetime as dt\nimport pandas as pd\nimport jupyst as st\n"


def _app(case: Case) -> str:
    return f"{HEADER}v = {case.call}\nst.text(repr(v))\n"


def _shown(session: Any) -> Any:
    return [leaf for leaf in leaves(session) if leaf[0] == "text"][-1][1]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_forged_values_are_refused_without_a_rerun(case: Case) -> None:
    session = start(_app(case), timeout=30)
    try:
        target = case.part(widget(session, case.kind, case.index))
        seen = _shown(session)
        for state in case.forged:
            runs = session.run_count
            send_from_browser(target, **state)
            settle(session)
            assert session.run_count == runs, f"{state!r} reran the script"
            assert _shown(session) == seen, f"{state!r} reached the script"
        # The same path with a value the widget offers reruns and shows it: the refusals above
        # were not a dead channel.
        runs = session.run_count
        send_from_browser(case.part(widget(session, case.kind, case.index)), **case.valid)
        settle(session)
        assert session.run_count == runs + 1
        assert _shown(session) != seen
    finally:
        session.close()


def test_a_widget_started_empty_may_be_cleared() -> None:
    """``None`` is a value the browser sends for widgets that started empty: it stays accepted."""
    session = start(HEADER + 'v = st.selectbox("c", ["a", "b"], index=None)\nst.text(repr(v))\n')
    try:
        box = widget(session, "selectbox")
        send_from_browser(box, index=1)
        settle(session)
        assert _shown(session) == "'b'"
        send_from_browser(box, index=None)
        settle(session)
        assert _shown(session) == "None"
    finally:
        session.close()


def test_a_button_click_on_a_disabled_button_does_nothing() -> None:
    session = start(HEADER + 'v = st.button("go", disabled=True)\nw = st.button("ok")\nst.text(repr((v, w)))\n')
    try:
        runs = session.run_count
        widget(session, "button", 0)._handle_msg({"content": {"data": {"method": "custom", "content": {"event": "click"}}}, "buffers": []})
        settle(session)
        assert session.run_count == runs
        widget(session, "button", 1)._handle_msg({"content": {"data": {"method": "custom", "content": {"event": "click"}}}, "buffers": []})
        settle(session)
        assert _shown(session) == "(False, True)"
    finally:
        session.close()

