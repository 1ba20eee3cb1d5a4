"""Input widgets built from several ipywidgets that act as one.

ipywidgets has no pills, no date range and no download button. A :class:`ValueBox` is a Box
whose Python-side ``value`` trait (not synced: the browser talks to the children) stands for
the whole control; the reconciler observes and sets ``value`` as on any other widget. A child
changed in the browser recomputes ``value``; a ``value`` set from Python updates the children.
:class:`ClickBox` is the same for trigger widgets: ``on_click``/``click`` like a Button.
"""

from __future__ import annotations

from typing import Any, Callable

import ipywidgets as w
import traitlets

from jupyst.widgets.field_label import FieldLabel
from jupyst.widgets.shared_models import is_shared


class ValueBox(w.VBox):
    """A labelled control made of child widgets, with one Python-side ``value``."""

    value = traitlets.Any(None, allow_none=True, help="The control's value, as the script sees it.")
    label_html = traitlets.Unicode("", help="The label, as HTML.")
    tooltip = traitlets.Unicode(None, allow_none=True, help="The help text shown on hover.")
    disabled = traitlets.Bool(False, help="A disabled control takes no input.")

    def __init__(self, **kwargs: Any) -> None:
        self._syncing = False
        self._label = FieldLabel(_dom_classes=("jupyst-label",))
        self._body = self.build()
        super().__init__(**kwargs)
        self.children = (self._label, self._body)
        self._show_label()
        self._push()

    # ----- to override ------------------------------------------------------------------------
    def build(self) -> w.Widget:
        """Create the child widget(s) under the label; return the one shown."""
        raise NotImplementedError

    def pull(self) -> Any:
        """The value the children show now."""
        raise NotImplementedError

    def push(self, value: Any) -> None:
        """Show ``value`` on the children."""
        raise NotImplementedError

    def parts(self) -> list[w.Widget]:
        """Every child widget this box owns (closed with it)."""
        return [self._body]

    # ----- plumbing -----------------------------------------------------------------------------
    def watch(self, child: w.Widget, names: str | list[str] = "value") -> None:
        child.observe(self._child_changed, names=names)

    def _child_changed(self, _change: dict[str, Any]) -> None:
        if self._syncing:
            return
        self.value = self.pull()

    def _push(self) -> None:
        self._syncing = True
        try:
            self.push(self.value)
        finally:
            self._syncing = False

    @traitlets.observe("value")
    def _value_set(self, _change: dict[str, Any]) -> None:
        if not self._syncing:
            self._push()

    @traitlets.observe("label_html", "tooltip")
    def _label_set(self, _change: dict[str, Any]) -> None:
        self._show_label()

    @traitlets.observe("disabled")
    def _disabled_set(self, change: dict[str, Any]) -> None:
        for part in self.parts():
            for widget in walk(part):
                if "disabled" in widget.trait_names():
                    widget.disabled = change["new"]

    def _show_label(self) -> None:
        self._label.value = self.label_html
        self._label.layout.display = "" if self.label_html else "none"
        self._label.tooltip = self.tooltip

    def close_tree(self) -> None:
        # Not "close_all": ipywidgets' Widget.close_all() closes every widget in the kernel.
        for part in [self._label, *self.parts()]:
            for widget in reversed(walk(part)):
                close_widget(widget)
        close_widget(self)


class ClickBox(w.HBox):
    """A trigger control made of child widgets: ``on_click`` and ``click`` as on a Button."""

    disabled = traitlets.Bool(False, help="A disabled control ignores clicks.")

    def __init__(self, **kwargs: Any) -> None:
        self._handlers: list[Callable[[Any], None]] = []
        super().__init__(**kwargs)

    def on_click(self, handler: Callable[[Any], None]) -> None:
        self._handlers.append(handler)

    def click(self) -> None:
        for handler in list(self._handlers):
            handler(self)

    def close_tree(self) -> None:
        for child in self.children:
            for widget in reversed(walk(child)):
                close_widget(widget)
        close_widget(self)


def close_widget(widget: w.Widget) -> None:
    """Close a widget with its own layout and style (shared ones stay open)."""
    for attr in ("layout", "style"):
        sub = getattr(widget, attr, None)
        if isinstance(sub, w.Widget) and not is_shared(sub):
            sub.close()
    widget.close()


def walk(widget: w.Widget) -> list[w.Widget]:
    out = [widget]
    for child in getattr(widget, "children", ()) or ():
        out.extend(walk(child))
    return out
