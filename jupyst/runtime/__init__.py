"""The app runtime: sessions, the script runner, requests, session state.

``exists()`` mirrors ``streamlit.runtime.exists()``: scripts use it to tell whether they run
inside an app.
"""

from __future__ import annotations


def exists() -> bool:
    """True when called from inside a running jupyst app."""
    from jupyst.runtime.run_context import get_run_context

    return get_run_context() is not None
