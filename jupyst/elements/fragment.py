"""``st.fragment``: a function whose widgets rerun only the function, not the whole script.

Calling a fragment in a run opens a container where it stands and runs the body inside it;
the session's fragment store keeps a closure that runs the body again in that same
container (``Fragment.rerun``), which a fragment run calls instead of the script. Writes a
fragment makes into containers made outside it go into a slot of their own there (a
"transparent" block), created in the full run and refilled by each fragment run, as in
Streamlit 1.67.
"""

from __future__ import annotations

import hashlib
import math
from datetime import timedelta
from functools import wraps
from typing import TYPE_CHECKING, Any, Callable, TypeVar, overload

from jupyst.elements.lib.node import Node, place
from jupyst.errors import (
    SCRIPT_FAILURES,
    FragmentHandledException,
    StreamlitAPIException,
    StreamlitDuplicateElementKey,
    StreamlitInvalidLayoutContextError,
)
from jupyst.runtime.fragments import Fragment
from jupyst.runtime.run_context import RunContext, get_run_context

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator

F = TypeVar("F", bound=Callable[..., Any])

_RESERVED_KEYS = ("app", "fragment")
_OUTSIDE_WRITE = (
    "A fragment tried to write to a container created outside it, but the fragment did not write "
    "to that container during the last full app run, so Streamlit could not reserve a stable position "
    "for it.\n\nIf this fragment uses `parallel=True`, writing to containers created outside it is not "
    "supported, including `st.sidebar` and `st.bottom`. Move the element inside the fragment body.\n\n"
    "Otherwise, inside the fragment function, write to the container on every full app run (e.g. "
    "`outside_container.empty()` or `with outside_container: st.empty()`), then fill it during "
    "fragment reruns."
)


def interval_seconds(run_every: Any) -> float | None:
    """``run_every`` in seconds: a number, a ``timedelta`` or a string such as "2s" or "1m"."""
    if run_every is None or run_every is False:
        return None
    if isinstance(run_every, timedelta):
        seconds = run_every.total_seconds()
    elif isinstance(run_every, str):
        import pandas as pd

        try:
            seconds = pd.Timedelta(run_every).total_seconds()
        except ValueError:
            seconds = math.nan
        if math.isnan(seconds):
            raise StreamlitAPIException(
                "Time string doesn't look right. It should be formatted as `'1d2h34m'` or `2 days`, "
                f"for example. Got: {run_every}"
            )
    elif isinstance(run_every, (int, float)) and not isinstance(run_every, bool):
        seconds = float(run_every)
    else:
        raise StreamlitAPIException(f"`run_every` must be a number of seconds, a timedelta or a string; got {run_every!r}.")
    # Streamlit lets 0 through (its browser timer then never fires): no timer here either.
    return seconds if seconds > 0 and math.isfinite(seconds) else None


def fragment_id(func: Callable[..., Any], position: str, extra: str = "") -> str:
    """A fragment's id: its function and where it is drawn (stable across runs)."""
    token = f"{func.__module__}.{getattr(func, '__qualname__', getattr(func, '__name__', repr(func)))}"
    return hashlib.md5(f"{token}{position}{extra}".encode(), usedforsecurity=False).hexdigest()


def _position(ctx: RunContext, dg: DeltaGenerator) -> str:
    """Where the next element of ``dg`` goes, as a path of the element tree."""
    target = dg._active()
    if target._slot is not None:
        parent, index = target._slot
    else:
        parent = target._block_node if target._block_node is not None else ctx.roots[target._root]
        index = len(parent.children or ())
    return f"{parent.key}/{index}"


@overload
def fragment(func: F, *, run_every: Any = None, parallel: bool = False, key: str | int | None = None) -> F: ...
@overload
def fragment(func: None = None, *, run_every: Any = None, parallel: bool = False, key: str | int | None = None) -> Callable[[F], F]: ...
def fragment(func: F | None = None, *, run_every: Any = None, parallel: bool = False, key: str | int | None = None) -> Any:
    """Make a function a fragment: a change of a widget drawn by it reruns only the function.

    ``run_every`` (seconds, a ``timedelta`` or a string like ``"2s"``) also reruns it on a
    timer while the app is open. ``st.rerun(scope="fragment")`` inside reruns just the
    fragment; a plain ``st.rerun()`` reruns the app. ``key`` names the fragment for
    ``st.rerun("key")`` from a callback. ``parallel`` is accepted; the body runs in line.
    """
    return make_fragment(func, run_every=run_every, key=key)


def make_fragment(
    func: Callable[..., Any] | None, *, run_every: Any = None, key: str | int | None = None, extra: str = "", full_app_scoped: bool = False
) -> Any:
    """The fragment decorator behind ``st.fragment`` and ``st.dialog``."""
    if key is not None:
        from jupyst.runtime.session_state import require_valid_key

        key = require_valid_key(str(key))
        if key in _RESERVED_KEYS:
            raise StreamlitAPIException(
                f"`{key}` is a reserved name and cannot be used as a fragment key, because "
                "`st.rerun(scope=...)` reads it as a rerun level. Choose a different key for `@st.fragment(key=...)`."
            )
    interval = interval_seconds(run_every)
    if func is None:
        return lambda f: make_fragment(f, run_every=run_every, key=key, extra=extra, full_app_scoped=full_app_scoped)
    body_func = func

    @wraps(body_func)
    def wrap(*args: Any, **kwargs: Any) -> Any:
        ctx = get_run_context()
        if ctx is None:
            return None
        host = ctx.active_container()
        fid = fragment_id(body_func, _position(ctx, host), extra)
        if key is not None:
            _claim_key(ctx, key, fragment_id(body_func, "", extra))
        store = ctx.session.fragments
        frag = Fragment(id=fid, rerun=lambda: None, parent_id=ctx.fragment_id, run_every=interval, full_app_scoped=full_app_scoped, key=key)

        def run_body(container: DeltaGenerator) -> Any:
            run = _require_ctx()
            if run.fragment_ids_this_run:
                for slot in store.wrappers_of(fid):  # refilled by this run
                    slot.children = []
            outer_id, outer_stack = run.fragment_id, run.dg_stack
            run.fragment_id, run.dg_stack = fid, [*outer_stack, container]
            try:
                return body_func(*args, **kwargs)
            except FragmentHandledException:
                raise
            except SCRIPT_FAILURES as exc:
                _show_in(run, container, exc)
                raise FragmentHandledException(exc) from exc
            finally:
                run.fragment_id, run.dg_stack = outer_id, outer_stack

        def rerun() -> Any:
            # A fragment run: empty the fragment's container in place and draw it again.
            assert frag.block is not None
            frag.block.children = []
            container = type(first)(root=first._root, block=frag.block)
            run = _require_ctx()
            saved = run.dg_stack
            run.dg_stack = []
            try:
                return run_body(container)
            finally:
                run.dg_stack = saved

        first = container = host.container()
        frag.block = container._block_node
        frag.rerun = rerun
        store.register(frag)
        return run_body(container)

    return wrap


def _claim_key(ctx: RunContext, key: str, definition: str) -> None:
    """A fragment key names one fragment function per run (its call sites share it)."""
    mark = f"fragment\0{key}\0"
    for used in ctx.user_keys:
        if used.startswith(mark) and used != mark + definition:
            raise StreamlitDuplicateElementKey(key)
    ctx.user_keys.add(mark + definition)


def _require_ctx() -> RunContext:
    ctx = get_run_context()
    if ctx is None:  # a fragment's body always runs inside a run
        raise RuntimeError("a fragment ran outside an app run")
    return ctx


def _show_in(ctx: RunContext, container: DeltaGenerator, exc: BaseException) -> None:
    """Show a fragment's error inside the fragment, as Streamlit does."""
    from jupyst.elements.alerts import exception_props
    from jupyst.runtime.script_errors import redact, report_script_error

    source = ctx.session.source
    report_script_error(exc, source.path or source.name)
    props = redact(exception_props(exc), ctx.session.show_error_details)
    container._append(Node(kind="exception", props=props), yield_point=False)


def outside_target(ctx: RunContext, parent: Node) -> Node:
    """Where a fragment's write into ``parent`` goes: ``parent`` itself or the fragment's slot there.

    Called for every element a fragment draws. Containers the fragment made (and the
    fragment's own container) are written directly; a container made outside the fragment
    gets one transparent block per fragment, kept for the fragment runs that follow.
    """
    fid = ctx.fragment_id
    store = ctx.session.fragments
    frag = store.get(fid)
    if frag is None or parent is frag.block or parent.fragment_id == fid:
        return parent
    slot = store.wrapper(fid, parent)
    if slot is not None:
        return slot
    if ctx.fragment_ids_this_run and parent.fragment_id not in ctx.fragment_ids_this_run:
        raise StreamlitInvalidLayoutContextError(_OUTSIDE_WRITE)
    slot = Node(kind="transparent", children=[], fragment_id=fid, form_id=parent.form_id)
    place(parent, len(parent.children or ()), slot)
    store.add_wrapper(fid, parent, slot)
    return slot


def slot_written(ctx: RunContext, parent: Node, index: int) -> None:
    """A fragment run replaces the element in a slot of ``parent`` (``st.empty()`` and the
    object every element call returns): ``parent`` is redrawn when the run commits, even when
    it was made outside the fragment, as Streamlit redraws it."""
    run = getattr(ctx.session, "fragment_run", None)
    if run is None or getattr(run, "ctx", None) is not ctx:
        return  # a full run: the whole tree is committed anyway
    frag = ctx.session.fragments.get(ctx.fragment_id)
    if frag is not None and (parent is frag.block or parent.fragment_id == ctx.fragment_id):
        return  # inside the fragment: its own container is committed
    children = parent.children or []
    run.slot_written(parent, children[index] if index < len(children) else None)
