"""A real Jupyter kernel: %%jupyst cell, a browser's slider message, the text update on iopub."""

from __future__ import annotations

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


def test_rerunning_the_cell_replaces_the_app_and_closes_old_widgets(kernel):
    execute(kernel, "%load_ext jupyst")
    first = execute(kernel, "%%jupyst demo\nimport jupyst as st\nst.text('one')")
    old_text = _opened(first, "jupyst-text")[0]
    second = execute(kernel, "%%jupyst demo\nimport jupyst as st\nst.text('two')")
    closed = {m["content"]["comm_id"] for m in second if m["msg_type"] == "comm_close"}
    assert old_text in closed
    assert _opened(second, "jupyst-text")
