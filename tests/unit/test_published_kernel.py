"""A real kernel serving an app as Voilà starts one: what arrives on its shell channel from a
visitor, and what leaves it on iopub.

The kernel gets Voilà's environment (``VOILA_BASE_URL``, the request variables), so the app is
shown as in a published page, and its stderr goes to a file that stands for the server log.
Messages are sent exactly as a page's websocket would hand them to the kernel.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

jupyter_client = pytest.importorskip("jupyter_client")

pytestmark = pytest.mark.kernel

APP = """
import sys
import streamlit as st

print("PRINTED-SECRET postgres://user:hunter2@db/app")
print("ERR-SECRET", file=sys.stderr)
n = st.slider("n", 0, 10, 2)
print("rerun print", n)
st.text(f"n squared is {n * n}")
"""


class Kernel:
    """A started kernel with its client and the file its stderr goes to."""

    def __init__(self, kc: Any, log: Path) -> None:
        self.kc = kc
        self.log_path = log
        self.seen: list[dict[str, Any]] = []

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def execute(self, code: str, timeout: float = 60) -> list[dict[str, Any]]:
        msg_id = self.kc.execute(code)
        got = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = self.kc.get_iopub_msg(timeout=deadline - time.monotonic())
            got.append(msg)
            self.seen.append(msg)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return got
        raise AssertionError("execution did not finish")

    def value(self, expression: str) -> Any:
        """The value of an expression, through the display hook (stdout goes to the log)."""
        for msg in self.execute("import json\n" + expression):
            if msg["msg_type"] == "execute_result":
                return json.loads(msg["content"]["data"]["text/plain"].strip("'"))
        raise AssertionError(f"no result for {expression}")

    def send(self, msg_type: str, content: dict[str, Any], metadata: dict[str, Any] | None = None) -> str:
        msg = self.kc.session.msg(msg_type, content, metadata=metadata or {})
        self.kc.shell_channel.send(msg)
        return str(msg["header"]["msg_id"])

    def drain(self, seconds: float) -> list[dict[str, Any]]:
        got = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                msg = self.kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
            except Exception:
                break
            got.append(msg)
            self.seen.append(msg)
        return got


@pytest.fixture
def kernel(tmp_path: Path) -> Iterator[Kernel]:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    log = tmp_path / "kernel-stderr.log"
    env = dict(os.environ, VOILA_BASE_URL="/", SCRIPT_NAME="/", QUERY_STRING="", VOILA_PREHEAT="False")
    km = jupyter_client.KernelManager(kernel_name="python3")
    with open(log, "wb") as stderr:
        km.start_kernel(cwd=str(tmp_path), env=env, stderr=stderr,
                        extra_arguments=["--HistoryManager.enabled=False", "--IPKernelApp.capture_fd_output=False"])
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    try:
        yield Kernel(kc, log)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def _start_app(kernel: Kernel, tmp_path: Path) -> list[dict[str, Any]]:
    return kernel.execute(
        f"import jupyst, jupyst.notebook\njupyst.run_path({str(tmp_path / 'app.py')!r}, show_error_details=False, run_on_save=False)\n"
        "session = jupyst.notebook.last_session()"
    )


def _opened(messages: list[dict[str, Any]], css: str) -> str:
    return next(
        m["content"]["comm_id"] for m in messages
        if m["msg_type"] == "comm_open" and css in m["content"]["data"]["state"].get("_dom_classes", [])
    )


def _move_slider(kernel: Kernel, slider_id: str, value: Any) -> None:
    kernel.send("comm_msg", {"comm_id": slider_id, "data": {"method": "update", "state": {"value": value}, "buffer_paths": []}})


def _wait_for_text(kernel: Kernel, text_id: str, wanted: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for msg in kernel.drain(0.2):
            state = msg["content"].get("data", {}).get("state", {}) if msg["msg_type"] == "comm_msg" else {}
            if msg["content"].get("comm_id") == text_id and wanted in str(state.get("value", "")):
                return
    raise AssertionError(f"{wanted!r} never reached the page")


def _streams(messages: list[dict[str, Any]]) -> str:
    return "".join(m["content"].get("text", "") for m in messages if m["msg_type"] == "stream")


def test_prints_go_to_the_server_log_never_to_the_page(kernel: Kernel, tmp_path: Path) -> None:
    first = _start_app(kernel, tmp_path)
    assert "SECRET" not in json.dumps([m["content"] for m in first], default=str)
    _move_slider(kernel, _opened(first, "jupyst-slider-input"), 7)
    _wait_for_text(kernel, _opened(first, "jupyst-text"), "n squared is 49")
    kernel.drain(0.5)
    assert _streams(kernel.seen) == ""
    log = kernel.log()
    assert "[app stdout] PRINTED-SECRET postgres://user:hunter2@db/app" in log
    assert "[app stderr] ERR-SECRET" in log
    assert "[app stdout] rerun print 7" in log


def test_long_and_many_prints_are_bounded_in_the_log(kernel: Kernel, tmp_path: Path) -> None:
    _start_app(kernel, tmp_path)
    kernel.execute("import sys\nsys.stdout.write('x' * 5_000_000)\nsys.stdout.write('\\n')\nfor i in range(5000): print('line', i)")
    lines = kernel.log().splitlines()
    assert max(len(line) for line in lines) < 2200
    assert sum(1 for line in lines if line.startswith("[app stdout] line ")) < 500


def test_comm_open_from_the_browser_is_refused(kernel: Kernel, tmp_path: Path) -> None:
    _start_app(kernel, tmp_path)
    before = kernel.value("import ipywidgets, json; json.dumps(len(ipywidgets.Widget.widgets))")
    big = "x" * 1_000_000
    for _ in range(5):
        state = {
            "_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0", "_model_name": "TextModel",
            "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0", "_view_name": "TextView",
            "value": big,
        }
        kernel.send("comm_open", {"comm_id": uuid.uuid4().hex, "target_name": "jupyter.widget", "data": {"state": state, "buffer_paths": []}},
                    metadata={"version": "2.1.0"})
    kernel.send("comm_open", {"comm_id": uuid.uuid4().hex, "target_name": "anything.else", "data": {}})
    assert kernel.value("json.dumps(len(ipywidgets.Widget.widgets))") == before
    assert kernel.value("json.dumps(len(get_ipython().kernel.comm_manager.comms))") <= before + 2
    log = kernel.log()
    assert log.count("refused a comm_open from the browser") == 6
    assert big[:5000] not in log


def test_the_widget_control_comm_still_answers(kernel: Kernel, tmp_path: Path) -> None:
    first = _start_app(kernel, tmp_path)
    comm_id = uuid.uuid4().hex
    kernel.send("comm_open", {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}}, metadata={"version": "1.0.0"})
    kernel.send("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}})
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for msg in kernel.drain(0.2):
            if msg["msg_type"] == "comm_msg" and msg["content"]["comm_id"] == comm_id:
                states = msg["content"]["data"]["states"]
                assert _opened(first, "jupyst-slider-input") in states
                return
    raise AssertionError("the control comm never answered")


def test_forged_updates_are_refused_and_logged_in_a_bounded_line(kernel: Kernel, tmp_path: Path) -> None:
    first = _start_app(kernel, tmp_path)
    slider_id = _opened(first, "jupyst-slider-input")
    text_id = _opened(first, "jupyst-text")
    big = "y" * 2_000_000
    for state in ({"description": big}, {"value": big}, {"value": 99}, {"max": 1000}, {"layout": "IPY_MODEL_x"}):
        kernel.send("comm_msg", {"comm_id": slider_id, "data": {"method": "update", "state": state, "buffer_paths": []}})
    kernel.send("comm_msg", {"comm_id": text_id, "data": {"method": "update", "state": {"value": big}, "buffer_paths": []}})
    # The app never reran: the next real move is run number 2.
    _move_slider(kernel, slider_id, 3)
    _wait_for_text(kernel, text_id, "n squared is 9")
    assert kernel.value("json.dumps(session.run_count)") == 2
    lines = kernel.log().splitlines()
    refusals = [line for line in lines if "refused" in line]
    assert len(refusals) >= 6
    assert max(len(line) for line in lines) < 2200
