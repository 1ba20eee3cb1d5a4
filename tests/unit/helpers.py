"""Helpers for unit tests: start an app session from source and read its tree."""

from __future__ import annotations

import textwrap
import time
from collections.abc import Callable
from typing import Any

from jupyst.app.session import AppSession
from jupyst.elements.lib.node import Node
from jupyst.runtime.script_source import ScriptSource


def start(src: str, timeout: float = 30) -> AppSession:
    session = AppSession(ScriptSource(text=textwrap.dedent(src), name="<unit>"))
    assert session.wait_idle(timeout)
    return session


def leaves(session: AppSession, root: str = "main") -> list[tuple[str, Any]]:
    """(kind, body or value) of every leaf the last run drew, depth first."""
    assert session.last_ctx is not None
    out = []
    for node in session.last_ctx.roots[root].walk():
        if node.children is None:
            out.append((node.kind, node.props.get("body", node.props.get("value"))))
    return out


def find(session: AppSession, kind: str, index: int = 0) -> Node:
    assert session.last_ctx is not None
    nodes = [n for root in session.last_ctx.roots.values() for n in root.walk() if n.kind == kind]
    return nodes[index]


def widget(session: AppSession, kind: str, index: int = 0) -> Any:
    return session.reconciler.pool[find(session, kind, index).key]


def settle(session: AppSession, timeout: float = 10) -> None:
    assert session.wait_idle(timeout)


def send_from_browser(widget: Any, **state: Any) -> None:
    """Deliver a comm ``update`` message to ``widget`` exactly as the kernel gets one from a browser.

    ipywidgets logs (and does not raise) an error raised while handling it, as a kernel does.
    """
    msg = {"content": {"data": {"method": "update", "state": state, "buffer_paths": []}}, "buffers": []}
    comm = getattr(widget, "comm", None)
    if comm is not None:  # the path a kernel takes: the comm hands the message on
        comm.handle_msg(msg)
    else:
        widget._handle_msg(msg)


def wait_for(predicate: Callable[[], object], timeout: float = 10) -> None:
    """Poll until ``predicate()`` is true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting for the condition"
        time.sleep(0.01)


def on_screen(session: AppSession, text: str) -> bool:
    """Whether any widget of the app shows ``text`` right now (mid-run included)."""
    return any(text in str(getattr(w, "value", "")) for w in list(session.reconciler.pool.values()))
