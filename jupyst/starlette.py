"""``st.App``: Streamlit's ASGI application object, which has no meaning in a kernel.

In Streamlit, ``st.App("app.py", ...)`` wraps a script in a Starlette application that an
ASGI server (uvicorn) serves, with extra routes and middleware. A jupyst app is served by
``jupyst run`` (or runs in a notebook cell): there is no Starlette application to mount into,
so making an ``App`` raises an error that says so and what to use instead.
"""

from __future__ import annotations

from typing import Any

from jupyst.errors import StreamlitAPIException


class App:
    """Streamlit's ASGI application; jupyst refuses to make one (see the module docstring)."""

    def __init__(self, script_path: Any, *args: Any, **kwargs: Any) -> None:
        raise StreamlitAPIException(
            "`st.App` builds a Starlette (ASGI) application around a script for an ASGI server. "
            "jupyst does not serve apps through Starlette: publish the script with "
            f"`jupyst run {script_path}`, or show it in a notebook cell with "
            f"`jupyst.run_path({str(script_path)!r})`."
        )
