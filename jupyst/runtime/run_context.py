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
from typing import TYPE_CHECKING, Any, Protocol

from jupyst.elements.lib.node import Node
from jupyst.errors import NoSessionContext

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator
    from jupyst.runtime.forms import Forms
    from jupyst.runtime.fragments import FragmentStore
    from jupyst.runtime.query_params import QueryParams
    from jupyst.runtime.request_info import RequestInfo
    from jupyst.runtime.script_source import ScriptSource
    from jupyst.runtime.session_state import SessionState

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


class SessionHandle(Protocol):
    """What a run sees of the session it serves (the app session implements it).

    Elements, commands and the cache reach the session only through this: its state, forms,
    query parameters, pages and script, and the two calls a run makes on its way.
    """

    state: SessionState
    forms: Forms
    query_params: QueryParams
    source: ScriptSource
    show_error_details: bool | str
    #: per-session page routing (``jupyst.app.pages.AppPages``)
    pages: Any
    #: the fragments the last full run defined (``st.fragment``, ``st.dialog``)
    fragments: FragmentStore
    #: the visitor's request and user (``jupyst.runtime.request_info.RequestInfo``); None
    #: where no visitor request opened the session (JupyterLab, plain Python)
    request: RequestInfo | None

    def check_interrupt(self) -> None:
        """Raise when a newer event made this run stale (or the session closed)."""

    def commit(self, ctx: RunContext, final: bool) -> None:
        """Show what ``ctx`` has drawn so far (``final``: the run ended)."""

    def request_rerun(self) -> None:
        """Start a new run of the whole script."""


@dataclass
class RunContext:
    session: SessionHandle
    roots: dict[str, Node]
    #: the ``st.*`` container that calls write into outside any ``with`` block
    main: DeltaGenerator | None = None
    dg_stack: list[DeltaGenerator] = field(default_factory=list)
    widget_ids: set[str] = field(default_factory=set)
    user_keys: set[str] = field(default_factory=set)
    form_ids: set[str] = field(default_factory=set)
    page_hash: str = ""
    last_flush: float = field(default_factory=time.perf_counter)
    captures: list[Capture] = field(default_factory=list)
    in_callback: bool = False
    page_config: dict[str, Any] = field(default_factory=dict)
    #: the innermost fragment running now ("" in the script body)
    fragment_id: str = ""
    #: the fragments this run reruns, in order; empty for a full run
    fragment_ids_this_run: list[str] = field(default_factory=list)
    #: whether a dialog was opened in this run (one per run)
    dialog_opened: bool = False
    #: ids of the blocks this run made (a write into any other block is a late write)
    blocks: set[int] = field(default_factory=set)
    #: writes into containers of the previous run: (container key, index, holder), see
    #: :mod:`jupyst.elements.lib.late_writes`
    late_writes: list[tuple[str, int, Node]] = field(default_factory=list)

    @classmethod
    def new(cls, session: SessionHandle, page_hash: str = "", main: DeltaGenerator | None = None) -> RunContext:
        roots = {name: Node(kind=f"root:{name}", children=[], key=name) for name in ROOTS}
        return cls(session=session, roots=roots, page_hash=page_hash, main=main)

    def active_container(self) -> DeltaGenerator:
        """The container a bare ``st.x`` call writes into now (the innermost ``with`` block)."""
        if self.dg_stack:
            return self.dg_stack[-1]
        assert self.main is not None, "a run context made without its main container"
        return self.main

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
        dg = self.active_container()
        for node in nodes:
            dg._append(node.copy_detached())


def get_run_context() -> RunContext | None:
    """The context of the run on this thread, or None outside an app run."""
    return getattr(_local, "ctx", None)


def require_run_context() -> RunContext:
    """The context of the run on this thread; a clear error when no app is running."""
    ctx = get_run_context()
    if ctx is None:
        raise NoSessionContext(
            "This st.* call needs a running jupyst app. Run the script with `%%jupyst`, "
            "`jupyst.run_path()` or `jupyst run`."
        )
    return ctx


def set_run_context(ctx: RunContext | None) -> None:
    _local.ctx = ctx
