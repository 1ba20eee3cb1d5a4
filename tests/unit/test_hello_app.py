"""The bundled hello app runs under jupyst and, unchanged, under Streamlit's AppTest."""

from __future__ import annotations

import pathlib

import pytest

HELLO = pathlib.Path(__file__).resolve().parents[2] / "jupyst" / "hello" / "hello.py"


def _tour(AppTest):  # noqa: N803 - the class under test
    at = AppTest.from_file(str(HELLO), default_timeout=60).run()
    assert at.exception.values == []
    first = [m.label for m in at.metric]
    at.multiselect[0].unselect("east").run()
    return first, [m.label for m in at.metric], len(at.get("vega_lite_chart")), len(at.dataframe)


def test_dashboard_follows_its_filters_as_under_streamlit():
    from jupyst.testing import AppTest

    ours = _tour(AppTest)
    assert ours == (["North", "South", "East"], ["North", "South"], 2, 2)
    streamlit_testing = pytest.importorskip("streamlit.testing.v1")
    assert _tour(streamlit_testing.AppTest) == ours
