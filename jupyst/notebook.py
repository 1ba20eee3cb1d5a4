"""Showing apps in notebook cells: one session per cell, replaced when the cell reruns."""

from __future__ import annotations

from typing import Any

from jupyst.app.browser_url import served_by_voila
from jupyst.app.session import AppSession
from jupyst.runtime.script_source import ScriptSource

#: sessions shown in this kernel, by the cell (or file) that made them
_SESSIONS: dict[str, AppSession] = {}

#: how long a cell waits for its app's first run before returning
FIRST_RUN_WAIT = 50.0  # below the publishing executor timeout (60 s)


def show_app(
    source: ScriptSource, *, slot: str | None = None, show_error_details: bool = True, run_on_save: bool = False
) -> AppSession:
    """Start an app, display it, and close the app this slot showed before.

    In a Voilà page the app's hidden URL widget is shown too: it keeps the browser's address
    bar in step with ``st.query_params`` and the page (jupyst/app/browser_url.py).
    """
    if served_by_voila():
        # A visitor's kernel: refuse forged comms, keep prints off the page (before the first run).
        from jupyst.voila.kernel_guard import harden_kernel

        harden_kernel()
    slot = slot or source.path or source.name
    old = _SESSIONS.pop(slot, None)
    if old is not None:
        old.close()
    session = AppSession(source, show_error_details=show_error_details, run_on_save=run_on_save)
    _SESSIONS[slot] = session
    _display(session.widget)
    if served_by_voila():
        _display(session.browser_url.widget)
    session.wait_idle(FIRST_RUN_WAIT)
    return session


def _display(widget: Any) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # plain Python: nothing to show in
        return
    if get_ipython() is not None:
        display(widget)


def current_cell_id() -> str | None:
    """The id JupyterLab gives the executing cell, when the front end sends one."""
    try:
        from IPython import get_ipython

        kernel = getattr(get_ipython(), "kernel", None)
        parent = kernel.get_parent() if kernel is not None else {}
        return (parent or {}).get("metadata", {}).get("cellId")
    except Exception:
        return None
