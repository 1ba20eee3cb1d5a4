"""The modal box of ``st.dialog``: a backdrop, a panel with a title and a close button, a body.

Plain ipywidgets: the backdrop is a button that covers the page (a click outside the panel
lands on it), the close button is another, and both report a click like a Button
(``on_click``). Esc presses the close button: a hidden ES-module child
(``dialog_keys.js``) takes the key before the page does (JupyterLab binds Esc itself) and
moves the focus into the panel when the dialog opens.
Closing hides the box on the Python side at once; a new ``open_seq`` (a run that opens the
dialog again) shows it again.
"""

from __future__ import annotations

from typing import Any, Callable

import ipywidgets as w
import traitlets

from jupyst.widgets.composite import close_widget, walk
from jupyst.widgets.module_widget import ModuleWidget, es_module

_KEYS_ESM = es_module("dialog_keys")


class DialogKeys(ModuleWidget):
    """The dialog's keyboard handling in the browser (Esc, focus on opening); sends nothing."""

    _esm = traitlets.Unicode(_KEYS_ESM, help="dialog_keys.js").tag(sync=True)
    open_seq = traitlets.Int(0, help="the dialog's opening number: a new one moves the focus into it").tag(sync=True)


class DialogBox(w.VBox):
    """A modal dialog drawn over the app."""

    title_html = traitlets.Unicode("", help="the title, as HTML")
    dismissible = traitlets.Bool(True, help="whether the close button, the backdrop and Esc close it")
    open_seq = traitlets.Int(0, help="a new number each time a run opens the dialog")
    pixel_width = traitlets.Int(0, help="the panel's width in pixels (0: the width preset's)")

    def __init__(self, **kwargs: Any) -> None:
        self._handlers: list[Callable[[Any], None]] = []
        self._keys = DialogKeys()  # before the traits are set: opening it sets its open_seq
        self._backdrop = w.Button(description="", tooltip="Close", _dom_classes=("jupyst-dialog-backdrop",))
        self._title = w.HTML(_dom_classes=("jupyst-dialog-title",))
        self._close = w.Button(description="✕", tooltip="Close", _dom_classes=("jupyst-dialog-close",))
        self.body = w.VBox(_dom_classes=("jupyst-dialog-body", "jupyst-block"))
        header = w.HBox((self._title, self._close), _dom_classes=("jupyst-dialog-header",))
        self._panel = w.VBox((header, self.body), _dom_classes=("jupyst-dialog-panel",))
        kwargs.pop("layout", None)  # its own Layout: closing the dialog hides it through it
        super().__init__(layout=w.Layout(), **kwargs)
        self.children = (self._backdrop, self._panel, self._keys)
        self._backdrop.on_click(self._clicked)
        self._close.on_click(self._clicked)
        self._show_title()
        self._show_close()
        self._pixel_width_set({})

    # ----- a click on the backdrop or the close button ------------------------------------------
    def on_click(self, handler: Callable[[Any], None]) -> None:
        self._handlers.append(handler)

    def click(self) -> None:
        """Dismiss as a visitor would (the close button)."""
        self._clicked(self._close)

    def _clicked(self, _button: Any) -> None:
        if not self.dismissible:
            return
        for handler in list(self._handlers):
            handler(self)

    # ----- shown or not ---------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.layout.display != "none"

    def dismiss(self) -> None:
        self.layout.display = "none"

    @traitlets.observe("open_seq")
    def _reopen(self, _change: dict[str, Any]) -> None:
        self.layout.display = None
        self._keys.open_seq = self.open_seq

    @traitlets.observe("pixel_width")
    def _pixel_width_set(self, _change: dict[str, Any]) -> None:
        self._panel.layout.width = f"{self.pixel_width}px" if self.pixel_width else None

    @traitlets.observe("title_html")
    def _title_set(self, _change: dict[str, Any]) -> None:
        self._show_title()

    @traitlets.observe("dismissible")
    def _dismissible_set(self, _change: dict[str, Any]) -> None:
        self._show_close()

    def _show_title(self) -> None:
        self._title.value = self.title_html

    def _show_close(self) -> None:
        self._close.layout.display = None if self.dismissible else "none"

    def close_tree(self) -> None:
        for child in self.children:
            for widget in reversed(walk(child)):
                close_widget(widget)
        close_widget(self)
