"""``st.pydeck_chart(on_select=...)`` as the kernel sees it: the chart's page reports clicks,
its frame's value reaches the script as Streamlit's PydeckState, a forged value is refused."""

from __future__ import annotations

import json
from typing import Any

from jupyst.elements.lib.deck_selection import check_selection, pickable_spec
from jupyst.widgets.browser_input import handle_browser_message
from jupyst.widgets.component_frame import ComponentFrame
from tests.unit.helpers import leaves, settle, start, widget

APP = """
import pydeck as pdk
import jupyst as st
layer = pdk.Layer("ScatterplotLayer", data=[{"lon": 0, "lat": 0, "name": "a"}, {"lon": 1, "lat": 1, "name": "b"}], id="points", get_position="[lon, lat]")
event = st.pydeck_chart(pdk.Deck(layers=[layer]), on_select="rerun", selection_mode="MODE", key="deck")
st.text(json.dumps(event.selection.indices) + " " + json.dumps(event["selection"]["objects"]))
"""


def _start(mode: str) -> Any:
    return start("import json\n" + APP.replace("MODE", mode))


def _send(frame: ComponentFrame, value: Any) -> None:
    msg = {"content": {"data": {"method": "update", "state": {"value": {"value": value, "dataType": "json"}}, "buffer_paths": []}}, "buffers": []}
    handle_browser_message(frame, msg)


def _texts(session: Any) -> list[Any]:
    return [v for k, v in leaves(session) if k == "text"]


def _selection(indices: dict[str, list[int]], objects: dict[str, list[Any]]) -> dict[str, Any]:
    return {"selection": {"indices": indices, "objects": objects}}


def test_a_click_reported_by_the_page_reaches_the_script() -> None:
    session = _start("single-object")
    frame = widget(session, "deck_gl_json_chart")
    assert isinstance(frame, ComponentFrame)
    assert frame.protocol is True
    assert frame.render["args"] == {"selection": {"indices": {}, "objects": {}}, "selection_mode": "single-object"}
    # pydeck's own page, with the click handler handed to createDeck and every layer pickable
    assert "handleEvent: jupystDeckEvent" in frame.srcdoc
    assert '"pickable": true' in frame.srcdoc
    assert _texts(session) == ["{} {}"]

    _send(frame, _selection({"points": [1]}, {"points": [{"lon": 1, "lat": 1, "name": "b"}]}))
    settle(session)
    assert _texts(session) == ['{"points": [1]} {"points": [{"lon": 1, "lat": 1, "name": "b"}]}']
    # the next run tells the page what the kernel has
    assert frame.render["args"]["selection"] == {"indices": {"points": [1]}, "objects": {"points": [{"lon": 1, "lat": 1, "name": "b"}]}}
    assert dict(session.state["deck"]["selection"]) == {"indices": {"points": [1]}, "objects": {"points": [{"lon": 1, "lat": 1, "name": "b"}]}}

    _send(frame, _selection({}, {}))  # a click on no object
    settle(session)
    assert _texts(session) == ["{} {}"]
    session.close()


def test_forged_selections_are_refused() -> None:
    session = _start("single-object")
    frame = widget(session, "deck_gl_json_chart")
    _send(frame, _selection({"points": [0]}, {"points": [{"name": "a"}]}))
    settle(session)
    kept = _texts(session)
    for forged in (
        _selection({"points": [0, 1]}, {"points": [{}, {}]}),  # two objects in single-object mode
        _selection({"points": [-1]}, {"points": [{}]}),
        _selection({"points": [True]}, {"points": [{}]}),
        _selection({"points": [0]}, {}),
        {"selection": {"indices": {}}},
        "points",
    ):
        _send(frame, forged)
    settle(session)
    assert _texts(session) == kept
    session.close()


def test_multi_object_selections_span_layers() -> None:
    session = _start("multi-object")
    frame = widget(session, "deck_gl_json_chart")
    _send(frame, _selection({"points": [1, 0], "other": [3]}, {"points": [{"name": "b"}, {"name": "a"}], "other": [None]}))
    settle(session)
    assert _texts(session) == ['{"points": [1, 0], "other": [3]} {"points": [{"name": "b"}, {"name": "a"}], "other": [null]}']
    session.close()


def test_layers_become_pickable_only_when_none_says() -> None:
    spec = {"layers": [{"id": "a"}, {"id": "b"}]}
    assert [layer["pickable"] for layer in json.loads(pickable_spec(json.dumps(spec)))["layers"]] == [True, True]
    spec = {"layers": [{"id": "a", "pickable": False}, {"id": "b"}]}
    assert json.loads(pickable_spec(json.dumps(spec)))["layers"] == spec["layers"]
    assert check_selection(_selection({"a": [2]}, {"a": [{"x": 1}]}), "single-object") == {"indices": {"a": [2]}, "objects": {"a": [{"x": 1}]}}


def test_a_plain_pydeck_chart_and_st_map_each_draw_with_their_own_widget() -> None:
    # Both are elements of kind deck_gl_json_chart: each keeps its own widget.
    session = start(
        """
        import pydeck as pdk
        import jupyst as st
        st.pydeck_chart(pdk.Deck(initial_view_state=pdk.ViewState(latitude=1, longitude=2, zoom=3)))
        st.map({"lat": [1.0, 2.0], "lon": [3.0, 4.0]})
        """
    )
    chart, point_map = widget(session, "deck_gl_json_chart", 0), widget(session, "deck_gl_json_chart", 1)
    assert isinstance(chart, ComponentFrame)
    assert "createDeck" in chart.srcdoc
    assert chart.protocol is False
    assert "jupyst-map" in point_map._dom_classes
    session.request_rerun()  # an update of both keeps them
    settle(session)
    assert widget(session, "deck_gl_json_chart", 0) is chart
    assert widget(session, "deck_gl_json_chart", 1) is point_map
    session.close()
