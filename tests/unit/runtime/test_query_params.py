"""st.query_params: Streamlit's semantics, and writes reaching the browser's URL widget."""

from __future__ import annotations

import html
import json

import pytest

from jupyst.errors import StreamlitAPIException
from jupyst.runtime.query_params import QueryParams, parse_query_string
from tests.unit.helpers import leaves, settle, start


def test_reads_give_the_last_value_and_get_all_every_value():
    qp = QueryParams("a=1&b=x&b=y&empty=&embed=true")
    assert qp["a"] == "1"
    assert qp["b"] == "y"
    assert qp.get_all("b") == ["x", "y"]
    assert qp.get_all("missing") == []
    assert qp["empty"] == ""
    assert qp.to_dict() == {"a": "1", "b": "y", "empty": ""}
    # embed / embed_options are Streamlit's own: not listed, not readable, not settable
    assert "embed" not in list(qp)
    assert len(qp) == 3
    with pytest.raises(KeyError, match='st.query_params has no key "embed"'):
        qp["embed"]
    with pytest.raises(StreamlitAPIException, match="cannot be set programmatically"):
        qp["Embed"] = "x"


def test_writes_are_stringified_and_tell_the_session():
    calls = []
    qp = QueryParams(on_change=lambda: calls.append(qp.query_string))
    qp["n"] = 5
    qp["tags"] = ["a", 2]
    assert qp["n"] == "5"
    assert qp.get_all("tags") == ["a", "2"]
    assert calls[-1] == "n=5&tags=a&tags=2"
    with pytest.raises(StreamlitAPIException, match="cannot be set to a dictionary"):
        qp["d"] = {"x": 1}
    del qp["n"]
    qp.from_dict({"x": "1", "y": ["2", "3"]})
    assert qp.to_dict() == {"x": "1", "y": "3"}
    qp.clear()
    assert calls[-1] == ""
    assert len(qp) == 0
    with pytest.raises(KeyError, match='st.query_params has no key "zz"'):
        del qp["zz"]


def test_from_dict_is_all_or_nothing():
    qp = QueryParams("keep=1")
    with pytest.raises(StreamlitAPIException):
        qp.from_dict({"ok": "1", "bad": {"no": 1}})
    assert qp.to_dict() == {"keep": "1"}


def test_oversized_query_strings_are_ignored():
    assert parse_query_string("a=1&" * 1001) == {}
    assert parse_query_string("?a=1") == {"a": "1"}


def test_app_reads_the_visitor_url_and_writes_go_to_the_url_widget(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("QUERY_STRING", "name=Ada&tag=x&tag=y")
    monkeypatch.setenv("SCRIPT_NAME", "/")
    monkeypatch.setenv("VOILA_BASE_URL", "/")
    session = start("""
        import jupyst as st
        st.text(st.query_params.name + "|" + ",".join(st.query_params.get_all("tag")))
        if "ran" not in st.session_state:
            st.session_state.ran = True
            st.query_params["page"] = 2
            del st.query_params.tag
    """)
    widget = session.browser_url.widget
    assert leaves(session) == [("text", "Ada|x,y")]
    data = json.loads(html.unescape(widget.value))  # the widget holds it as HTML text
    assert data["query"] == "name=Ada&page=2"
    assert data["page"] == ""
    # The next run reads what the last one wrote (a write does not rerun by itself).
    session.request_rerun()
    settle(session)
    assert leaves(session) == [("text", "Ada|")]
    session.close()


def test_attribute_access_and_missing_attribute_message():
    session = start("""
        import jupyst as st
        try:
            st.query_params.nope
        except AttributeError as exc:
            st.text(str(exc))
    """)
    assert leaves(session) == [("text", 'st.query_params has no attribute "nope".')]
    session.close()
