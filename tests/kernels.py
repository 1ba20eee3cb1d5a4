"""A real Jupyter kernel for tests: started in a folder, driven over its channels, shut down."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


@contextmanager
def running_kernel(cwd: Path) -> Iterator[Any]:
    """A python3 kernel started in ``cwd``; yields its client, shuts the kernel down after."""
    import jupyter_client

    km = jupyter_client.KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(cwd), extra_arguments=["--HistoryManager.enabled=False"])
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    try:
        yield kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def execute(kc: Any, code: str, timeout: float = 60) -> list[dict[str, Any]]:
    """Run ``code``; return every iopub message of that execution (its reply must be ok)."""
    msg_id = kc.execute(code)
    got = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg = kc.get_iopub_msg(timeout=deadline - time.monotonic())
        got.append(msg)
        parent = msg["parent_header"].get("msg_id")
        if parent == msg_id and msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            reply = kc.get_shell_msg(timeout=10)
            assert reply["content"]["status"] == "ok", reply["content"]
            return got
    raise AssertionError("execution did not finish")
