"""The data grid widget: a virtualized table whose rows stay in the kernel.

:class:`DataGrid` speaks anywidget's protocol (``AnyModel``/``AnyView`` with an ES module in
``_esm``, see ``grid.js``), so JupyterLab, Notebook and Voilà load it from anywidget's
prebuilt extension; no front-end build of our own. The browser tells the kernel which rows
it shows (``viewport``) and which header was clicked (``sort``); the kernel answers with
the formatted rows of that window (``rows``) from the :class:`GridSource` in ``source``. A
frame of a million rows thus costs the browser a few dozen rows at a time.

``value`` is the element's input: a selection state for ``st.dataframe(on_select=...)``,
an edit state for ``st.data_editor``. A grid that takes no input refuses any value the
front end sends.
"""

from __future__ import annotations

import threading
from typing import Any, Protocol

import traitlets as t

from jupyst.widgets.browser_input import add_browser_traits
from jupyst.widgets.module_widget import ModuleWidget, es_module
from jupyst.widgets.runtime_writes import applying

_ESM = es_module("grid")

#: rows sent with a grid before the browser has said how many it shows
FIRST_WINDOW = 60


class GridSource(Protocol):
    """What the grid reads its rows from (the element layer's ``GridModel``)."""

    n_rows: int

    def describe(self) -> list[dict[str, Any]]:
        """The columns as the front end draws them."""

    def sort_order(self, key: str, ascending: bool) -> Any:
        """The row order sorted by one column."""

    def window(self, order: Any, start: int, stop: int) -> dict[str, Any]:
        """The formatted rows ``start:stop`` in ``order``."""


class DataGrid(ModuleWidget):
    """A table that pages its rows from Python as the browser scrolls and sorts."""

    _esm = t.Unicode(_ESM, help="The grid's ES module (grid.js).").tag(sync=True)
    _anywidget_id = t.Unicode("jupyst.widgets.grid.DataGrid", help="Names the module for anywidget's hot reload.").tag(sync=True)

    source = t.Any(None, allow_none=True, help="The data and columns (a GridSource); stays in the kernel.")
    columns: t.List[Any] = t.List(help="Column descriptors: key, label, kind, width, align, editable, ...").tag(sync=True)
    row_count = t.Int(0, help="Rows in the table (after edits).").tag(sync=True)
    base_rows = t.Int(0, help="Rows of the script's data; ids from here on are added rows.").tag(sync=True)
    rows = t.Dict(help="The window the kernel sent: gen, start, rows (id + cells), raw.").tag(sync=True)
    viewport = t.List(t.Int(), [0, FIRST_WINDOW], minlen=2, maxlen=2, help="Rows the browser wants: [start, stop).").tag(sync=True)
    sort: t.List[Any] = t.List(help="[column key, 'asc'|'desc'] from a header click, or [].").tag(sync=True)
    grid_height = t.Int(400, help="Height of the scrolling area in pixels.").tag(sync=True)
    grid_width = t.Union([t.Int(), t.Unicode()], default_value="stretch", help="Pixels, 'stretch' or 'content'.").tag(sync=True)
    row_height = t.Int(35, help="Pixels per row.").tag(sync=True)
    selection_modes = t.List(t.Unicode(), help="Streamlit selection modes that are on.").tag(sync=True)
    editing = t.Unicode("read_only", help="'read_only' or the data editor's num_rows mode.").tag(sync=True)
    disabled = t.Bool(False, help="No edits at all.").tag(sync=True)
    placeholder = t.Unicode("None", help="Text shown for missing values.").tag(sync=True)
    value = t.Dict(allow_none=True, default_value=None, help="Selection state or edit state (the element's input).").tag(sync=True)
    clicked = t.Dict(allow_none=True, default_value=None, help="A button column's last click: column, row id, label and a nonce.").tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        self._lock = threading.RLock()
        self._order: Any = None
        self._gen = 0
        self._ready = False
        super().__init__(**kwargs)
        self._refresh(new_data=True)
        self._ready = True

    @property
    def accepts_value(self) -> bool:
        return bool(self.selection_modes) or self.editing != "read_only"

    @t.validate("value")
    def _check_value(self, proposal: dict[str, Any]) -> Any:
        if getattr(self, "_ready", False) and not applying() and not self.accepts_value:
            raise t.TraitError("this table takes no input")
        return proposal["value"]

    @t.validate("viewport")
    def _check_viewport(self, proposal: dict[str, Any]) -> Any:
        start, stop = (int(x) for x in proposal["value"])
        start = max(0, start)
        return [start, max(start, stop)]

    @t.validate("sort")
    def _check_sort(self, proposal: dict[str, Any]) -> Any:
        value = list(proposal["value"])
        if not value:
            return []
        if len(value) != 2 or value[1] not in ("asc", "desc") or not isinstance(value[0], str):
            raise t.TraitError(f"invalid sort {value!r}")
        return value

    @t.observe("source")
    def _on_source(self, change: dict[str, Any]) -> None:
        if getattr(self, "_ready", False):
            self._refresh(new_data=True)

    @t.observe("sort")
    def _on_sort(self, change: dict[str, Any]) -> None:
        if getattr(self, "_ready", False):
            self._refresh(new_data=False)

    @t.observe("viewport")
    def _on_viewport(self, change: dict[str, Any]) -> None:
        if not getattr(self, "_ready", False):
            return
        with self._lock:
            self._send_window()

    def _refresh(self, new_data: bool) -> None:
        with self._lock:
            model = self.source
            if model is None:
                return
            order = None
            if self.sort:
                key, direction = self.sort
                order = model.sort_order(key, direction == "asc")
            self._order = order
            self._gen += 1
            with self.hold_sync():
                if new_data:
                    described = model.describe()
                    if described != self.columns:
                        self.columns = described
                    if self.row_count != model.n_rows:
                        self.row_count = model.n_rows
                self._send_window()

    def _send_window(self) -> None:
        model = self.source
        if model is None:
            return
        start, stop = self.viewport
        if start >= model.n_rows:
            start = max(0, model.n_rows - (stop - start))
            stop = model.n_rows
        payload = {"gen": self._gen, **model.window(self._order, start, stop)}
        if payload != self.rows:
            self.rows = payload

    # ----- for tests and AppTest-like drivers -------------------------------------------------
    def visible_rows(self) -> list[list[Any]]:
        """The cells of the window last sent (without row ids)."""
        return [row[1:] for row in self.rows.get("rows", [])]


# What grid.js sends: the selection or edit state, a header click's sort, the rows in view,
# a button column's click.
add_browser_traits(DataGrid, {
    "value": lambda v: v is None or isinstance(v, dict),
    "clicked": lambda v: isinstance(v, dict),
    "sort": lambda v: isinstance(v, list) and len(v) <= 2,
    "viewport": lambda v: isinstance(v, list) and len(v) == 2 and all(isinstance(x, int) and not isinstance(x, bool) for x in v),
})
