"""The per-run context: which session a script thread serves and what the run built so far.

Every st.* call finds its session, session state and output tree here. The context is
thread-local because each app runs its script on a thread of its own, and several apps may
live in one kernel.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jupyst.elements.node import Node

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator
    from jupyst.runtime.session import AppSession

_local = threading.local()

#: Roots of the output tree, as Streamlit numbers them.
ROOTS = ("main", "sidebar", "event", "bottom")

#: How long a run may go before what it drew so far is shown (live progress, spinners).
FLUSH_INTERVAL = 0.05


@dataclass
class Capture:
    """What a cached function drew: the top-level nodes, each with its subtree."""

    nodes: list[Node] = field(default_factory=list)
    blocks: set[int] = field(default_factory=set)

    def add(self, parent: Node, node: Node) -> None:
        # A node inside a block this capture already holds travels with that block.
        if id(parent) in self.blocks:
            if node.children is not None:
                self.blocks.add(id(node))
            return
        self.nodes.append(node)
        if node.children is not None:
            self.blocks.add(id(node))


@dataclass
class RunContext:
    session: AppSession
    roots: dict[str, Node]
    dg_stack: list[DeltaGenerator] = field(default_factory=list)
    widget_ids: set[str] = field(default_factory=set)
    user_keys: set[str] = field(default_factory=set)
    form_ids: set[str] = field(default_factory=set)
    page_hash: str = ""
    started: float = field(default_factory=time.perf_counter)
    last_flush: float = field(default_factory=time.perf_counter)
    captures: list[Capture] = field(default_factory=list)
    in_callback: bool = False
    page_config: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def new(cls, session: AppSession, page_hash: str = "") -> RunContext:
        roots = {name: Node(kind=f"root:{name}", children=[], key=name) for name in ROOTS}
        return cls(session=session, roots=roots, page_hash=page_hash)

    def yield_point(self) -> None:
        """Called by every st.* call before it draws: stop a run a newer event made stale."""
        self.session.check_interrupt()

    def maybe_flush(self) -> None:
        """Called after an element is drawn: show a long run's progress every so often."""
        if time.perf_counter() - self.last_flush >= FLUSH_INTERVAL:
            self.flush()

    def flush(self) -> None:
        """Show what this run has drawn so far, keeping the last run's later elements."""
        self.last_flush = time.perf_counter()
        self.session.commit(self, final=False)

    @contextmanager
    def capture_elements(self) -> Iterator[Capture]:
        """Record the elements drawn inside the block (for st.cache_data replay)."""
        capture = Capture()
        self.captures.append(capture)
        try:
            yield capture
        finally:
            self.captures.remove(capture)

    def record(self, parent: Node, node: Node) -> None:
        for capture in self.captures:
            capture.add(parent, node)

    def replay_elements(self, nodes: list[Node]) -> None:
        """Draw recorded elements again in the active container."""
        from jupyst.delta_generator import active_dg

        dg = active_dg()
        for node in nodes:
            dg._append(node.copy_detached())


def get_run_context() -> RunContext | None:
    """The context of the run on this thread, or None outside an app run."""
    return getattr(_local, "ctx", None)


def set_run_context(ctx: RunContext | None) -> None:
    _local.ctx = ctx
