"""st.components.v2: registration, the result object, state and trigger lifetimes, callbacks,
refused forged messages, and the errors of misuse."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from jupyst.components import v2
from jupyst.elements.bidi_component import DEFINITIONS, ComponentResult
from jupyst.testing import AppTest
from tests.unit.helpers import find, leaves, send_from_browser, settle, start, wait_for, widget

APP = """
import streamlit as st
st.session_state.setdefault("runs", 0)
st.session_state.runs += 1
st.session_state.setdefault("calls", [])

def note(name):
    st.session_state.calls.append(name)

comp = st.components.v2.component("counter", html="<button>+</button>", js="export default function(c) {}")
r = comp(key="k", data={"n": 1}, default={"value": 0},
         on_value_change=lambda: note("value"), on_clicked_change=lambda: note("clicked"))
st.text(f"value={r.value!r} clicked={r.clicked!r} item={r['value']!r}")
st.text(f"calls={st.session_state.calls}")
st.text(f"state={dict(st.session_state.k)!r}")
st.text(f"runs={st.session_state.runs}")
"""


def _texts(session: Any) -> list[str]:
    return [v for k, v in leaves(session) if k == "text"]


def _send(session: Any, **message: Any) -> None:
    runs = session.run_count
    send_from_browser(widget(session, "bidi_component"), value=message)
    wait_for(lambda: session.run_count > runs)
    settle(session)


def test_state_persists_triggers_last_one_run_and_callbacks_run_first() -> None:
    session = start(APP)
    try:
        assert _texts(session) == ["value=0 clicked=None item=0", "calls=[]", "state={'value': 0}", "runs=1"]
        _send(session, state={"value": 3}, events=[{"event": "clicked", "value": "a"}], seq=1)
        # one rerun; the state key's callback, then the trigger's, before the body
        assert _texts(session) == [
            "value=3 clicked='a' item=3",
            "calls=['value', 'clicked']",
            "state={'clicked': 'a', 'value': 3}",
            "runs=2",
        ]
        session.request_rerun()
        wait_for(lambda: session.run_count == 3)
        settle(session)
        # the trigger is gone in the run after; the state stays; no callback ran again
        assert _texts(session) == ["value=3 clicked=None item=3", "calls=['value', 'clicked']", "state={'value': 3}", "runs=3"]
        # the same state again with a fresh event: only the event's callback runs
        _send(session, state={"value": 3}, events=[{"event": "clicked", "value": "a"}], seq=2)
        assert _texts(session)[1] == "calls=['value', 'clicked', 'clicked']"
    finally:
        session.close()


@pytest.mark.parametrize(
    "forged",
    [
        {"state": "x", "seq": 1},
        {"state": {"value": 1}, "extra": True},
        {"events": [{"event": 1, "value": 2}], "seq": 1},
        {"events": [{"event": "clicked", "value": 2, "more": 3}]},
        {"state": {"": 1}},
        {"events": [{"event": "e"}] * 1001},
    ],
)
def test_forged_messages_are_refused_without_a_rerun(forged: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    session = start(APP)
    try:
        with caplog.at_level(logging.WARNING, logger="jupyst"):
            send_from_browser(widget(session, "bidi_component"), value=forged)
            settle(session)
        assert session.run_count == 1
        assert "refused" in caplog.text
        # a message that sets the component's code is refused whole as well
        send_from_browser(widget(session, "bidi_component"), js="export default () => alert(1)")
        settle(session)
        assert "alert" not in widget(session, "bidi_component").js
        assert session.run_count == 1
    finally:
        session.close()


def test_a_keyed_components_state_is_written_through_session_state_before_it_is_drawn() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st
        comp = st.components.v2.component("box", html="<i></i>")
        if st.button("set"):
            st.session_state["k"]["value"] = "hello"
            st.session_state["k"]["ignored"] = 1  # no callback: not a state name
        r = comp(key="k", default={"value": "initial"}, on_value_change=lambda: None)
        st.text(repr(dict(r)))
        try:
            st.session_state["k"]["value"] = "late"
        except Exception as exc:
            st.text(f"{type(exc).__name__}: {exc}")
        """
    ).run()
    assert at.text[0].value == "{'value': 'initial'}"
    assert at.text[1].value == (
        "StreamlitAPIException: `st.session_state.k.value` cannot be modified after the component with key `k` "
        "is instantiated."
    )
    at.button[0].click().run()
    assert at.text[0].value == "{'value': 'hello'}"
    at.run()
    assert at.text[0].value == "{'value': 'hello'}"
    assert at.get("bidi_component")[0].value == {"value": "hello"}


def test_the_result_is_a_dict_with_attribute_access() -> None:
    result = ComponentResult({"value": 2, "nested": {"a": 1}}, {"clicked": None, "value": None})
    assert list(result) == ["clicked", "value", "nested"]
    assert result.value == 2
    assert result.nested.a == 1
    assert result.clicked is None
    with pytest.raises(AttributeError, match="'ComponentResult' object has no attribute 'other'"):
        _ = result.other
    result.extra = 5
    assert result["extra"] == 5


def test_outside_a_script_the_command_returns_an_empty_result_and_registration_is_last_wins(caplog: pytest.LogCaptureFixture) -> None:
    mount = v2.component("unit_last_wins", html="<b>one</b>")
    assert mount(key="x") == {}
    with caplog.at_level(logging.WARNING, logger="jupyst"):
        v2.component("unit_last_wins", html="<b>two</b>")
    assert "registered again" in caplog.text
    definition = DEFINITIONS.get("unit_last_wins")
    assert definition is not None
    assert definition.html == "<b>two</b>"


def test_data_reaches_the_front_end_as_json_bytes_or_arrow() -> None:
    pytest.importorskip("pyarrow")
    session = start(
        """
        import streamlit as st
        import pandas as pd
        comp = st.components.v2.component("datas", js="export default function(c) {}")
        comp(key="a", data={"x": [1, 2], "df": pd.DataFrame({"c": [1]})})
        comp(key="b", data=b"raw")
        comp(key="c", data=pd.DataFrame({"c": [1, 2]}))
        comp(key="d")
        """
    )
    try:
        a, b, c, d = (widget(session, "bidi_component", i) for i in range(4))
        assert a.data_kind == "json"
        assert '"x": [1, 2]' in a.data_json
        assert "__streamlit_arrow_ref__" in a.data_json
        assert all(blob[:4] == b"\xff\xff\xff\xff" for blob in a.arrow_blobs.values())  # Arrow IPC stream
        assert (b.data_kind, b.data_bytes) == ("bytes", b"raw")
        assert c.data_kind == "arrow"
        assert c.data_bytes[:4] == b"\xff\xff\xff\xff"
        assert d.data_json is None
        assert find(session, "bidi_component", 0).props["element_key"] != find(session, "bidi_component", 1).props["element_key"]
    finally:
        session.close()


def test_a_component_in_a_fragment_reruns_only_the_fragment() -> None:
    session = start(
        """
        import streamlit as st
        st.session_state.setdefault("full", 0)
        st.session_state.full += 1
        comp = st.components.v2.component("frag", js="export default function(c) {}")

        @st.fragment
        def part():
            r = comp(key="f", on_picked_change=lambda: None)
            st.text(f"picked={r.picked}")

        part()
        st.text(f"full={st.session_state.full}")
        """
    )
    try:
        runs = session.fragment_runs
        send_from_browser(widget(session, "bidi_component"), value={"events": [{"event": "picked", "value": 7}], "seq": 1})
        wait_for(lambda: session.fragment_runs > runs)
        settle(session)
        assert _texts(session) == ["picked=7", "full=1"]
    finally:
        session.close()
