"""Composite widgets of ``st.menu_button`` (a button opening a list of options) and
``st.pagination`` (previous/next and page-number buttons).

Both are :class:`~jupyst.widgets.composite.ValueBox` es whose Python-side ``value`` the
reconciler observes. A menu's value is ``{"seq", "index"}`` for each pick (a counter, so
picking the same option twice is two picks); a pagination's value is the page (1-based).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import traitlets

from jupyst.widgets.composite import ValueBox, close_widget


class MenuBox(ValueBox):
    """A button that opens its options; a click on one is one pick."""

    options = traitlets.List(traitlets.Unicode(), help="The options' labels, in order.")
    button_text = traitlets.Unicode("", help="The menu button's label (HTML allowed in the description).")
    button_type = traitlets.Unicode("secondary", help="primary, secondary or tertiary.")

    def build(self) -> w.Widget:
        self._seq = 0
        self._menu: w.VBox = w.VBox(_dom_classes=("jupyst-menu-options",), layout=w.Layout(display="none"))
        self._toggle = w.Button(_dom_classes=("jupyst-menu-toggle",))
        self._toggle.on_click(lambda _b: self._show_menu(self._menu.layout.display == "none"))
        return w.VBox(children=(self._toggle, self._menu), _dom_classes=("jupyst-menu",))

    def parts(self) -> list[w.Widget]:
        return [self._body]

    def _show_menu(self, visible: bool) -> None:
        if self.disabled:
            visible = False
        self._menu.layout.display = "" if visible else "none"

    @traitlets.observe("button_text", "button_type")
    def _button_changed(self, _change: dict[str, Any]) -> None:
        self._toggle.description = f"{self.button_text} ▾"
        self._toggle.button_style = "primary" if self.button_type == "primary" else ""

    @traitlets.observe("options")
    def _options_changed(self, change: dict[str, Any]) -> None:
        old = self._menu.children
        buttons = []
        for i, label in enumerate(change["new"]):
            button = w.Button(description=label, disabled=self.disabled, _dom_classes=("jupyst-menu-option",))
            button.on_click(lambda _b, i=i: self.pick(i))
            buttons.append(button)
        self._menu.children = tuple(buttons)
        for button in old:
            close_widget(button)

    def pick(self, index: int) -> None:
        """What a click on option ``index`` does: one pick, and the menu closes."""
        if self.disabled:
            return
        self._show_menu(False)
        self._seq += 1
        self.value = {"seq": self._seq, "index": index}

    def pull(self) -> Any:
        return self.value

    def push(self, value: Any) -> None:
        """Nothing to show: a pick is an event, not a state."""


class PaginationBox(ValueBox):
    """Previous and next buttons around a window of page buttons."""

    num_pages = traitlets.Int(1, help="How many pages there are.")
    max_visible = traitlets.Int(7, allow_none=True, help="Most page buttons shown at once; None for all.")

    def build(self) -> w.Widget:
        self._row = w.HBox(_dom_classes=("jupyst-pagination-row",))
        return self._row

    def parts(self) -> list[w.Widget]:
        return [self._body]

    def go(self, page: int) -> None:
        if not self.disabled and 1 <= page <= self.num_pages and page != self.value:
            self.value = page

    def pages(self, current: int) -> list[int | None]:
        """The page numbers shown: the first, the last and a window around ``current``, at
        most ``max_visible`` in all; None marks skipped pages."""
        n = self.num_pages
        limit = self.max_visible
        if limit == 0:
            return []
        if limit is None or n <= limit:
            return list(range(1, n + 1))
        inner = max(limit - 2, 1)
        start = max(2, min(current - (inner - 1) // 2, n - inner))
        shown = sorted({1, *range(start, start + inner), n})
        out: list[int | None] = []
        for page in shown:
            if out and page - (out[-1] or 0) > 1:
                out.append(None)
            out.append(page)
        return out

    def push(self, value: Any) -> None:
        current = value if isinstance(value, int) else 1
        old = self._row.children
        prev = w.Button(description="‹", disabled=self.disabled or current <= 1, tooltip="Previous page", _dom_classes=("jupyst-page-prev",))
        prev.on_click(lambda _b: self.go(current - 1))
        items: list[w.Widget] = [prev]
        for page in self.pages(current):
            if page is None:
                items.append(w.HTML("…", _dom_classes=("jupyst-page-gap",)))
                continue
            button = w.Button(description=str(page), disabled=self.disabled, _dom_classes=("jupyst-page", *(("jupyst-page-current",) if page == current else ())))
            button.button_style = "primary" if page == current else ""
            button.on_click(lambda _b, page=page: self.go(page))
            items.append(button)
        nxt = w.Button(description="›", disabled=self.disabled or current >= self.num_pages, tooltip="Next page", _dom_classes=("jupyst-page-next",))
        nxt.on_click(lambda _b: self.go(current + 1))
        items.append(nxt)
        self._row.children = tuple(items)
        for child in old:
            close_widget(child)

    def pull(self) -> Any:
        return self.value

    @traitlets.observe("num_pages", "max_visible", "disabled")
    def _layout_changed(self, _change: dict[str, Any]) -> None:
        self._push()
