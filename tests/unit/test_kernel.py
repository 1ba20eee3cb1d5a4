"""A real Jupyter kernel: %%jupyst cell, a browser's slider message, the text update on iopub."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.kernels import execute, running_kernel

jupyter_client = pytest.importorskip("jupyter_client")

pytestmark = pytest.mark.kernel

CELL = """%%jupyst
import streamlit as st
n = st.slider("n", 0, 10, 2)
st.text(f"n squared is {n * n}")
"""


@pytest.fixture
def kernel(tmp_path) -> Iterator[Any]:
    with running_kernel(tmp_path) as kc:
        yield kc


def _opened(messages: list[dict[str, Any]], css: str) -> list[str]:
    return [
        m["content"]["comm_id"]
        for m in messages
        if m["msg_type"] == "comm_open" and css in m["content"]["data"]["state"].get("_dom_classes", [])
    ]


def test_slider_message_from_the_browser_updates_the_text(kernel):
    execute(kernel, "%load_ext jupyst")
    opened = execute(kernel, CELL)
    # the slider the browser moves sits in the labelled box, beside the kernel-written readout
    slider_id = _opened(opened, "jupyst-slider-input")[0]
    text_id = _opened(opened, "jupyst-text")[0]
    # exactly what a browser sends when the slider is moved to 7
    msg = kernel.session.msg(
        "comm_msg",
        {"comm_id": slider_id, "data": {"method": "update", "state": {"value": 7}, "buffer_paths": []}},
    )
    kernel.shell_channel.send(msg)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        reply = kernel.get_iopub_msg(timeout=deadline - time.monotonic())
        content = reply["content"]
        if reply["msg_type"] == "comm_msg" and content.get("comm_id") == text_id:
            state = content["data"].get("state", {})
            if "n squared is 49" in state.get("value", ""):
                break
    else:
        raise AssertionError("no text update came back")


def test_rerunning_the_cell_fresh_replaces_the_app_and_closes_old_widgets(kernel):
    execute(kernel, "%load_ext jupyst")
    first = execute(kernel, "%%jupyst demo\nimport jupyst as st\nst.text('one')")
    old_text = _opened(first, "jupyst-text")[0]
    second = execute(kernel, "%%jupyst demo --fresh\nimport jupyst as st\nst.text('two')")
    closed = {m["content"]["comm_id"] for m in second if m["msg_type"] == "comm_close"}
    assert old_text in closed
    assert _opened(second, "jupyst-text")


def _text_values(messages: list[dict[str, Any]]) -> list[str]:
    """Every value a jupyst-text widget took in these messages (new widgets and updates)."""
    texts: dict[str, str] = {}
    values = []
    for m in messages:
        content = m["content"]
        if m["msg_type"] == "comm_open":
            state = content["data"]["state"]
            if "jupyst-text" in state.get("_dom_classes", []):
                texts[content["comm_id"]] = state.get("value", "")
                values.append(state.get("value", ""))
        elif m["msg_type"] == "comm_msg" and content.get("comm_id") in texts:
            value = content["data"].get("state", {}).get("value")
            if value is not None:
                values.append(value)
    return [html.unescape(re.sub(r"<[^>]+>", "", v)) for v in values]


COUNTING = """%%jupyst {line}
import streamlit as st
st.session_state.n = st.session_state.get("n", 0) + 1
st.text(f"{label} {{st.session_state.n}}")
"""


def test_rerunning_an_edited_cell_keeps_session_state_and_fresh_starts_over(kernel):
    execute(kernel, "%load_ext jupyst")
    first = execute(kernel, COUNTING.format(line="counter", label="runs"))
    assert _text_values(first)[-1] == "runs 1"
    edited = execute(kernel, COUNTING.format(line="counter", label="count"))
    # the edited script, the same state (the text may be a widget of the first run, updated)
    assert _text_values(first + edited)[-1] == "count 2"
    fresh = execute(kernel, COUNTING.format(line="counter --fresh", label="count"))
    assert _text_values(fresh)[-1] == "count 1"


def test_run_path_leaves_no_output_but_the_app_and_a_stale_notice(kernel, tmp_path):
    (tmp_path / "app.py").write_text("import streamlit as st\nst.text('from a file')\n", encoding="utf-8")
    messages = execute(kernel, "import jupyst\njupyst.run_path('app.py')")
    assert not [m for m in messages if m["msg_type"] == "execute_result"]
    shown = [m["content"]["data"] for m in messages if m["msg_type"] == "display_data"]
    assert len(shown) == 1
    bundle = shown[0]
    assert "application/vnd.jupyter.widget-view+json" in bundle
    # what a front end without the app's model (its kernel restarted) shows instead
    assert "kernel restarted: run the cell again" in bundle["text/html"]
    assert _text_values(messages) == ["from a file"]
