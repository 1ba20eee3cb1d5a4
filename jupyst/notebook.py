"""Showing apps in notebook cells: one session per cell, kept (with its state) when the cell reruns."""

from __future__ import annotations

from typing import Any

from jupyst.app.browser_url import served_by_voila
from jupyst.app.run_watchdog import run_timeout
from jupyst.app.session import AppSession
from jupyst.runtime.script_source import ScriptSource

#: sessions shown in this kernel, by the cell (or file) that made them
_SESSIONS: dict[str, AppSession] = {}

#: the app shown last in this kernel
_LAST: AppSession | None = None

#: how long a cell waits for its app's first run before returning
FIRST_RUN_WAIT = 50.0  # below the publishing executor timeout (60 s)


def show_app(
    source: ScriptSource,
    *,
    slot: str | None = None,
    show_error_details: bool | str = True,
    run_on_save: bool = False,
    fresh: bool = False,
) -> AppSession:
    """Show the app of ``slot`` (a cell, a file): the one shown there before, or a new one.

    Running a cell again with an edited script keeps the app's session state and reruns it
    with the new text, as Streamlit's run-on-save does; ``fresh`` (``%%jupyst --fresh``)
    closes the old app and starts from empty state. In a Voilà page the app's hidden URL
    widget is shown too: it keeps the browser's address bar in step with
    ``st.query_params`` and the page (jupyst/app/browser_url.py).
    """
    global _LAST
    if served_by_voila():
        # A visitor's kernel: refuse forged comms, keep prints off the page (before the first run).
        from jupyst.voila.kernel_guard import harden_kernel

        harden_kernel()
    slot = slot or source.path or source.name
    old = _SESSIONS.pop(slot, None)
    session: AppSession | None = None
    if old is not None:
        if fresh or not _can_continue(old, source, show_error_details, run_on_save):
            old.close()
        else:
            session = old
            session.source = source  # the next run reads the new text; its state stays
            session.request_rerun()
    if session is None:
        session = AppSession(source, show_error_details=show_error_details, run_on_save=run_on_save)
    _SESSIONS[slot] = session
    _LAST = session
    voila = served_by_voila()
    _display(session.widget, notice=not voila)
    if voila:
        _display(session.browser_url.widget)
    # A first run under a --run-timeout ends by then (stopped, with its message): wait for it.
    limit = run_timeout()
    session.wait_idle(limit + 5 if limit > 0 else FIRST_RUN_WAIT)
    return session


def _can_continue(session: AppSession, source: ScriptSource, show_error_details: bool | str, run_on_save: bool) -> bool:
    """Whether a slot's app can take the new script and keep its state."""
    same_file = session.source.path == source.path and session.source.name == source.name
    return (
        not session.closed
        and same_file
        and session.show_error_details == show_error_details
        and session.run_on_save == run_on_save
    )


def last_session() -> AppSession | None:
    """The app this kernel showed last (the page settings of a served script come from it)."""
    return _LAST


#: shown where the app's widgets cannot be: a notebook whose kernel is gone
STALE_NOTICE = "kernel restarted: run the cell again"


def app_bundle(widget: Any) -> dict[str, Any]:
    """The cell output of an app: the widget view, with a notice for front ends that lack its model.

    A notebook opened again without its kernel (or a viewer without widgets) shows the
    ``text/html`` part; JupyterLab's widget renderer shows the app while the kernel has it.
    A kernel restart under a live page is shown by the app's own stylesheet
    (jupyst/static/kernel_notice.css).
    """
    bundle = dict(widget._repr_mimebundle_())
    bundle["text/plain"] = STALE_NOTICE
    bundle["text/html"] = f'<div class="jupyst-stale-app">{STALE_NOTICE}</div>'
    return bundle


def _display(widget: Any, notice: bool = False) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # plain Python: nothing to show in
        return
    if get_ipython() is None:
        return
    if notice:
        display(app_bundle(widget), raw=True)
    else:
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
