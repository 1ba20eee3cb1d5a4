"""Helpers for unit tests: start an app session from source and read its tree."""

from __future__ import annotations

import textwrap
from typing import Any

from jupyst.app.session import AppSession
from jupyst.elements.lib.node import Node
from jupyst.runtime.script_source import ScriptSource


def start(src: str, timeout: float = 10) -> AppSession:
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
