"""``%load_ext jupyst`` and the ``%%jupyst`` cell magic: the cell is the app script."""

from __future__ import annotations

import itertools
from typing import Any

from jupyst.notebook import current_cell_id, show_app
from jupyst.runtime.script_source import ScriptSource

_counter = itertools.count(1)


def jupyst_cell(line: str, cell: str) -> None:
    """Run the cell as a Streamlit script and show its live app as the cell's output.

    ``%%jupyst NAME`` names the app, so that running any cell with that name replaces it;
    otherwise re-running the same cell replaces its app.
    """
    name = line.strip() or current_cell_id() or f"cell-{next(_counter)}"
    source = ScriptSource(text=cell, name=f"<jupyst-cell {name}>")
    show_app(source, slot=f"cell:{name}")


def register_magic(ipython: Any) -> None:
    ipython.register_magic_function(jupyst_cell, magic_kind="cell", magic_name="jupyst")
