"""How each element kind becomes an ipywidget: the renderer registry.

A renderer turns an element's props into trait values, and for input widgets converts the
widget's raw trait (an index, a label) to and from the Python value the script sees. The
reconciler and AppTest both read this registry.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

import ipywidgets as w

RENDERERS: dict[str, Renderer] = {}

_shared_lock = threading.Lock()
_shared: dict[type, w.Widget] = {}


def _process_store() -> dict[type, w.Widget]:
    return _shared


#: where shared instances live: one per process, unless a server that holds many visitors
#: in one process gives each visitor's virtual kernel its own (a page only knows the
#: models opened on its own connection)
shared_store: Callable[[], dict[type, w.Widget]] = _process_store


class InvalidWidgetValue(ValueError):
    """A value from the front end that the element cannot accept (untrusted input)."""


def shared(cls: type[w.Widget]) -> w.Widget:
    """One Layout or Style instance per class for widgets that never change theirs.

    Every ipywidget otherwise opens a comm for its own layout and style: sharing them cuts
    the messages of a first render by about two thirds.
    """
    with _shared_lock:
        store = shared_store()
        inst = store.get(cls)
        if inst is None or inst.comm is None:
            inst = store[cls] = cls()
            inst._jupyst_shared = True
        return inst


def is_shared(widget: w.Widget) -> bool:
    return getattr(widget, "_jupyst_shared", False) is True


class Renderer:
    """The ipywidget side of one element kind."""

    kind: str = ""
    cls: type[w.Widget] = w.HTML
    #: the trait that carries the user's input, if any
    value_trait: str | None = None
    #: "value" (observe value_trait) or "click" (Button.on_click)
    event: str | None = None

    def widget_class(self, props: dict[str, Any]) -> type[w.Widget]:
        return self.cls

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        return value

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        return raw

    def construct(self, cls: type[w.Widget], traits: dict[str, Any]) -> w.Widget:
        extra: dict[str, Any] = {}
        if "layout" not in traits and issubclass(cls, w.DOMWidget):
            extra["layout"] = shared(w.Layout)
        style_trait = cls.class_traits().get("style")
        if style_trait is not None and "style" not in traits:
            extra["style"] = shared(style_trait.klass)
        return cls(**extra, **traits)

    def after_children(self, host: w.Widget, props: dict[str, Any]) -> None:
        """Fix what depends on the children (tab titles pad to the child count)."""

    def host(self, widget: w.Widget) -> w.Widget:
        """The widget whose children are this block's children."""
        return widget

    def close(self, widget: w.Widget) -> None:
        for attr in ("layout", "style"):
            sub = getattr(widget, attr, None)
            if isinstance(sub, w.Widget) and not is_shared(sub):
                sub.close()
        host = self.host(widget)
        if host is not widget:
            self.close_plain(host)
        widget.close()

    @staticmethod
    def close_plain(widget: w.Widget) -> None:
        layout = getattr(widget, "layout", None)
        if isinstance(layout, w.Widget) and not is_shared(layout):
            layout.close()
        widget.close()


def register(renderer_cls: type[Renderer]) -> type[Renderer]:
    RENDERERS[renderer_cls.kind] = renderer_cls()
    return renderer_cls


def classes(kind: str, *more: str) -> tuple[str, ...]:
    return ("jupyst-element", f"jupyst-{kind}", *more)
