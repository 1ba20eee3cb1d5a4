"""``streamlit.runtime.scriptrunner`` for scripts that ask whether they run in an app."""

from __future__ import annotations

from jupyst.runtime.run_context import RunContext, get_run_context


def get_script_run_ctx(suppress_warning: bool = False) -> RunContext | None:
    """The current run's context, or None outside an app (as Streamlit's function)."""
    return get_run_context()


__all__ = ["get_script_run_ctx"]
