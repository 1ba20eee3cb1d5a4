"""``%load_ext jupyst`` and the ``%%jupyst`` cell magic: the cell is the app script."""

from __future__ import annotations

import itertools
from typing import Any

from IPython.core.error import UsageError

from jupyst.notebook import current_cell_id, show_app
from jupyst.runtime.script_source import ScriptSource

_counter = itertools.count(1)


def jupyst_cell(line: str, cell: str) -> None:
    """Run the cell as a Streamlit script and show its live app as the cell's output.

    Running the cell again after editing it reruns the same app with the new script and
    keeps its session state (Streamlit's run-on-save). ``%%jupyst --fresh`` starts the app
    over with empty state. ``%%jupyst NAME`` names the app, so that running any cell with
    that name shows (and continues) it; otherwise the cell itself is the app's slot.
    """
    words = line.split()
    fresh = "--fresh" in words
    rest = [w for w in words if w != "--fresh"]
    unknown = [w for w in rest if w.startswith("--")]
    if unknown:
        raise UsageError(f"%%jupyst: unknown option {unknown[0]} (the options are: --fresh, and an app NAME)")
    name = " ".join(rest) or current_cell_id() or f"cell-{next(_counter)}"
    source = ScriptSource(text=cell, name=f"<jupyst-cell {name}>")
    show_app(source, slot=f"cell:{name}", fresh=fresh)


def register_magic(ipython: Any) -> None:
    ipython.register_magic_function(jupyst_cell, magic_kind="cell", magic_name="jupyst")
