"""``streamlit.hello.utils`` inside an app: ``show_code``, which Streamlit's hello demos call.

A demo page calls ``show_code(demo)`` after drawing itself: a "Show code" checkbox in the
sidebar (on by default) and, while it is ticked, the demo function's body as code.
"""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable
from typing import Any

from jupyst.delta_generator import main_dg, sidebar_dg


def show_code(demo: Callable[..., Any]) -> None:
    """Show the source of ``demo`` (without its ``def`` line) under a "Show code" checkbox."""
    if not sidebar_dg.checkbox("Show code", True):
        return
    main_dg.markdown("## Code")
    lines, _ = inspect.getsourcelines(demo)
    main_dg.code(textwrap.dedent("".join(lines[1:])))
