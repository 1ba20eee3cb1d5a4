"""The per-run context: which session a script thread serves and what the run built so far.

Every st.* call finds its session, session state and output tree here. The context is
thread-local because each app runs its script on a thread of its own, and several apps may
live in one kernel. A thread the app starts itself finds the run that started it through
the context attached to the thread object (``add_script_run_ctx``, see
:mod:`jupyst.runtime.scriptrunner`); such a *helper thread* draws, but never stops a run
and never shares the script's ``with`` blocks.
"""

from __future__ import annotations

import logging
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
log = logging.getLogger("jupyst")

#: the attribute of a ``threading.Thread`` that holds the run context attached to it
THREAD_CONTEXT_ATTR = "jupyst_script_run_ctx"

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

    #: held while anything changes a run's tree (script thread and helper threads alike)
    tree_lock: threading.RLock

    def check_interrupt(self) -> None:
        """Raise when a newer event made this run stale (or the session closed)."""

    def commit(self, ctx: RunContext, final: bool) -> None:
        """Show what ``ctx`` has drawn so far (``final``: the run ended)."""

    def request_rerun(self) -> None:
        """Start a new run of the whole script."""

    def live_context(self) -> RunContext | None:
        """The newest full run's context (going or finished): what a helper thread draws into."""

    def show_thread_writes(self, ctx: RunContext) -> None:
        """Bring what helper threads drew into ``ctx`` to the screen (soon, not at once)."""


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

    def on_script_thread(self) -> bool:
        """Whether the calling thread runs this context's script (not a helper thread)."""
        return getattr(_local, "ctx", None) is self

    def stack(self) -> list[DeltaGenerator]:
        """The ``with`` blocks open on the calling thread: the script's, or a helper thread's own."""
        if self.on_script_thread():
            return self.dg_stack
        # One per thread: ``with`` blocks are balanced, so it is empty between two runs' uses.
        stack: list[DeltaGenerator] = _local.__dict__.setdefault("helper_stack", [])
        return stack

    def active_container(self) -> DeltaGenerator:
        """The container a bare ``st.x`` call writes into now (the innermost ``with`` block)."""
        stack = self.stack()
        if stack:
            return stack[-1]
        assert self.main is not None, "a run context made without its main container"
        return self.main

    def yield_point(self) -> None:
        """Called by every st.* call before it draws: stop a run a newer event made stale.

        Only the script thread stops: a helper thread's call never raises the script's
        rerun (Streamlit handles its run requests on the script thread alone).
        """
        if self.on_script_thread():
            self.session.check_interrupt()

    def maybe_flush(self) -> None:
        """Called after an element is drawn: show a long run's progress every so often."""
        if not self.on_script_thread():
            self.session.show_thread_writes(self)
        elif time.perf_counter() - self.last_flush >= FLUSH_INTERVAL:
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
    """The context of the run on this thread, or None outside an app run.

    The script thread's own run comes first; a helper thread has the context attached to it.
    """
    ctx = getattr(_local, "ctx", None)
    if ctx is None:
        ctx = getattr(threading.current_thread(), THREAD_CONTEXT_ATTR, None)
    return ctx


def attach_run_context(thread: threading.Thread, ctx: RunContext) -> None:
    """Let ``thread`` draw into ``ctx``'s app (the thread need not have started)."""
    setattr(thread, THREAD_CONTEXT_ATTR, ctx)


def warn_missing_context() -> None:
    """Streamlit's log line for an st.* call on a thread no run context is attached to."""
    log.warning(
        "Thread '%s': missing ScriptRunContext! This warning can be ignored when running in bare mode.",
        threading.current_thread().name,
    )


def is_helper_thread_without_context() -> bool:
    """Whether an st.* call with no context comes from a thread other than the main one.

    Such a call (a thread the app started without ``add_script_run_ctx``) draws nothing and
    logs Streamlit's warning; on the main thread (plain Python, a notebook cell) it is an
    error that says how to run the app.
    """
    return get_run_context() is None and threading.current_thread() is not threading.main_thread()


def require_run_context() -> RunContext:
    """The context of the run on this thread; a clear error when no app is running."""
    ctx = get_run_context()
    if ctx is None:
        if threading.current_thread() is not threading.main_thread():
            warn_missing_context()
        raise NoSessionContext(
            "This st.* call needs a running jupyst app. Run the script with `%%jupyst`, "
            "`jupyst.run_path()` or `jupyst run`."
        )
    return ctx


def set_run_context(ctx: RunContext | None) -> None:
    _local.ctx = ctx
