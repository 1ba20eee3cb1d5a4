"""``streamlit.runtime.scriptrunner``: the run context seen from the app's own code.

``get_script_run_ctx`` tells a script whether it runs in an app; ``add_script_run_ctx`` lets
a thread the app starts itself draw into the app, as Streamlit's does. The context a thread
gets is that of the run that attached it; once a newer run of the session exists, the
thread's writes go to the same places of the newest run (see
:mod:`jupyst.elements.lib.thread_writes`).
"""

from __future__ import annotations

import threading

from jupyst.runtime.run_context import (
    RunContext,
    attach_run_context,
    get_run_context,
    warn_missing_context,
)

#: Streamlit's name for the object ``get_script_run_ctx`` returns
ScriptRunContext = RunContext


def get_script_run_ctx(suppress_warning: bool = False) -> RunContext | None:
    """The run context of the calling thread, or None when it has none.

    Without one (and without ``suppress_warning``), Streamlit's "missing ScriptRunContext"
    warning is logged, as Streamlit logs it.
    """
    ctx = get_run_context()
    if ctx is None and not suppress_warning:
        warn_missing_context()
    return ctx


def add_script_run_ctx(thread: threading.Thread | None = None, ctx: RunContext | None = None) -> threading.Thread:
    """Attach a run context to ``thread`` so that its ``st.*`` calls draw into the app.

    ``thread`` defaults to the calling thread and ``ctx`` to the caller's own context; with
    no context to attach, the thread is left as it was. Returns ``thread``.
    """
    if thread is None:
        thread = threading.current_thread()
    if ctx is None:
        ctx = get_run_context()
    if ctx is not None:
        attach_run_context(thread, ctx)
    return thread


__all__ = ["ScriptRunContext", "add_script_run_ctx", "get_script_run_ctx"]
