"""Fragments and dialogs under both AppTests.

Streamlit's AppTest makes every interaction a full run (a fragment's widget reruns the whole
script there, and ``run_every`` never fires), and jupyst's AppTest does the same; run
counters in session state show what ran. Fragment runs themselves are tested against a live
session in tests/unit/test_fragments.py.
"""

from __future__ import annotations

from typing import Any

from tests.compat.harness import Case

_COUNTERS = """
import streamlit as st
st.session_state.full = st.session_state.get("full", 0) + 1
"""


def _state(**want: Any) -> Any:
    """Streamlit's last snapshot must hold these session-state values."""

    def check(snaps: list[dict[str, Any]]) -> None:
        state = snaps[-1]["session_state"]
        assert {k: state.get(k) for k in want} == want, state

    return check


def _raises(name: str) -> Any:
    def check(snaps: list[dict[str, Any]]) -> None:
        found = [n for s in snaps for n in s["main"] + s["sidebar"] + [x for d in s["dialogs"] for x in _flat(d[1])] if n[0] == "exception"]
        found += [n for s in snaps for n in _flat(s["main"]) if n[0] == "exception"]
        assert any(n[1] == name for n in found), snaps[-1]

    return check


def _flat(nodes: list[Any]) -> list[Any]:
    out = []
    for n in nodes:
        out.append(n)
        if len(n) == 3 and isinstance(n[2], list) and isinstance(n[1], dict):
            out.extend(_flat(n[2]))
    return out


CASES = [
    Case(
        "fragment_widget_reruns_all_in_apptest",
        _COUNTERS + """
@st.fragment
def f():
    st.session_state.frag = st.session_state.get("frag", 0) + 1
    if st.button("In"):
        st.write("clicked")
    st.slider("S", 0, 10, key="s")
f()
st.write(f"full {st.session_state.full}")
""",
        steps=[("button", 0, "click"), ("slider", "s", "set_value", 4), ("run",)],
        expect=_state(full=4, frag=4, s=4),
    ),
    Case(
        "fragment_forms",
        _COUNTERS + """
@st.fragment()
def f():
    with st.form("f"):
        v = st.text_input("T")
        st.form_submit_button("Go")
    st.write(f"got {v}")
f()
""",
        steps=[[("text_input", 0, "input", "hi"), ("form_submit_button", 0, "click")]],
    ),
    Case(
        "fragment_rerun_scope_outside_a_fragment_run",
        _COUNTERS + """
@st.fragment
def f():
    st.write("in")
    st.rerun(scope="fragment")
f()
st.write("never")
""",
        expect=_raises("StreamlitInvalidLayoutContextError"),
    ),
    Case(
        "rerun_scope_in_script_body",
        _COUNTERS + 'st.write("a")\nst.rerun(scope="fragment")\n',
        expect=_raises("StreamlitInvalidLayoutContextError"),
    ),
    Case(
        "rerun_fragment_key_outside_a_callback",
        _COUNTERS + 'st.write("a")\nst.rerun("charts")\n',
        expect=_raises("StreamlitAPIException"),
    ),
    Case("rerun_bad_scope_type", _COUNTERS + "st.rerun(scope=1.5)\n", expect=_raises("StreamlitInvalidParameterTypeError")),
    Case("rerun_empty_scope", _COUNTERS + 'st.rerun(scope="")\n', expect=_raises("StreamlitValueError")),
    Case("rerun_reserved_in_list", _COUNTERS + 'st.rerun(["a", "app"])\n', expect=_raises("StreamlitValueError")),
    Case(
        "fragment_reserved_key",
        _COUNTERS + """
@st.fragment(key="app")
def f():
    st.write("x")
f()
""",
        expect=_raises("StreamlitAPIException"),
    ),
    Case(
        "fragment_rerun_in_a_fragment_is_an_app_rerun",
        _COUNTERS + """
@st.fragment
def f():
    if st.session_state.full < 3:
        st.rerun()
    st.write(f"settled {st.session_state.full}")
f()
""",
        expect=_state(full=3),
    ),
    Case(
        "fragment_error_inside_it",
        _COUNTERS + """
st.write("before")
@st.fragment
def f():
    st.write("in")
    raise ValueError("broken fragment")
f()
st.write("after")
""",
        steps=[("run",)],
        expect=_raises("ValueError"),
    ),
    Case(
        "fragment_nested_in_columns_and_sidebar",
        _COUNTERS + """
@st.fragment
def inner(n):
    st.checkbox(f"inner {n}")
@st.fragment
def outer():
    st.write("outer")
    a, b = st.columns(2)
    with a:
        inner(1)
    with b:
        inner(2)
with st.sidebar:
    outer()
outer()
""",
        steps=[("sidebar.checkbox", 0, "check")],
    ),
    Case(
        "fragment_writes_to_outside_containers",
        _COUNTERS + """
box = st.container()
box.write("head")
@st.fragment
def f():
    st.write("body")
    box.write("from fragment")
    st.sidebar.write("to the sidebar")
    st.button("Go")
f()
st.write("tail")
""",
        steps=[("button", 0, "click")],
    ),
    Case(
        "fragment_arguments_change_nothing_of_its_identity",
        _COUNTERS + """
@st.fragment
def f(label):
    st.text_input(label, key=f"k{label}")
for name in ("a", "b"):
    f(name)
""",
        steps=[("text_input", "ka", "input", "typed"), ("text_input", "kb", "input", "other")],
    ),
    Case(
        "fragment_not_called_drops_its_widgets",
        _COUNTERS + """
show = st.checkbox("Show", value=True)
@st.fragment(run_every="1s")
def f():
    st.text_input("Inner", key="inner")
if show:
    f()
""",
        steps=[("text_input", "inner", "input", "x"), ("checkbox", 0, "uncheck"), ("run",), ("checkbox", 0, "check")],
    ),
    Case(
        "dialog_opens_and_closes",
        _COUNTERS + """
@st.dialog("Cast your vote", width="large", icon="🗳️")
def vote(item):
    st.write(f"Why {item}?")
    reason = st.text_input("Because...")
    if st.button("Submit"):
        st.session_state.vote = {"item": item, "reason": reason}
        st.rerun()
if "vote" not in st.session_state:
    if st.button("A"):
        vote("A")
else:
    st.write(f"voted {st.session_state.vote['item']} because {st.session_state.vote['reason']}")
""",
        steps=[("button", 0, "click"), [("text_input", 0, "input", "nice")], ("run",)],
    ),
    Case(
        "dialog_two_in_one_run",
        _COUNTERS + """
@st.dialog("One")
def one():
    st.write("one")
@st.dialog("Two")
def two():
    st.write("two")
one()
two()
""",
        expect=_raises("StreamlitInvalidLayoutContextError"),
    ),
    Case(
        "dialog_same_twice",
        _COUNTERS + """
@st.dialog("One")
def one():
    st.write("one")
one()
one()
""",
        expect=_raises("StreamlitDuplicateElementId"),
    ),
    Case(
        "dialog_nested",
        _COUNTERS + """
@st.dialog("Inner")
def inner():
    st.write("inner")
@st.dialog("Outer")
def outer():
    st.write("outer")
    inner()
outer()
""",
    ),
    Case(
        "dialog_bad_width",
        _COUNTERS + """
@st.dialog("W", width="huge")
def d():
    st.write("x")
d()
st.write("after")
""",
        expect=_raises("StreamlitValueError"),
    ),
    Case(
        "dialog_without_title",
        _COUNTERS + """
@st.dialog
def d():
    st.write("x")
""",
        expect=_raises("StreamlitMissingRequiredParameterError"),
    ),
    Case(
        "dialog_bad_on_dismiss",
        _COUNTERS + """
@st.dialog("T", on_dismiss="sometimes")
def d():
    st.write("x")
d()
""",
        expect=_raises("StreamlitValueError"),
    ),
    Case("removed_experimental_dialog", _COUNTERS + "st.experimental_dialog\n"),
    Case("removed_experimental_fragment", _COUNTERS + "st.experimental_fragment\n"),
]
