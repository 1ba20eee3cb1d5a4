"""How each element kind becomes an ipywidget: the renderer registry.

A renderer turns an element's props into trait values, and for input widgets converts the
widget's raw trait (an index, a label) to and from the Python value the script sees. The
reconciler and AppTest both read this registry.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from jupyst.widgets.shared_models import is_shared, shared

RENDERERS: dict[str, Renderer] = {}

class InvalidWidgetValue(ValueError):
    """A value from the front end that the element cannot accept (untrusted input)."""


def clearable(props: dict[str, Any]) -> bool:
    """Whether the browser may send "no value" for a widget: only one that started empty
    (``index=None``, ``value=None``) offers a way to clear it, as in Streamlit."""
    return props.get("default") is None


class Renderer:
    """The ipywidget side of one element kind."""

    kind: str = ""
    cls: type[w.Widget] = w.HTML
    #: the trait that carries the user's input, if any
    value_trait: str | None = None
    #: "value" (observe value_trait) or "click" (Button.on_click)
    event: str | None = None
    #: a trait the front end sets to report an action that sets other widgets of the run
    #: (a table's button columns set their trigger widgets); read by :meth:`trigger_changes`
    trigger_trait: str | None = None

    def widget_class(self, props: dict[str, Any]) -> type[w.Widget]:
        return self.cls

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        return value

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        return raw

    def trigger_changes(self, props: dict[str, Any], raw: Any) -> dict[str, Any] | None:
        """The trigger widgets' values a report on ``trigger_trait`` sets, by widget id; None
        when the element has no such action (a forged report)."""
        return None

    def widget_changes(self, node: Any, value: Any, current: Any) -> dict[str, Any]:
        """The widget values one event from the front end sets, by widget id.

        Normally the node's own value; an element that keeps several values in session state
        (a components-v2 component: its state and its trigger events) sets more.
        ``current(widget_id)`` reads a value as session state holds it now.
        """
        return {node.widget_id: value}

    def construct(self, cls: type[w.Widget], traits: dict[str, Any]) -> w.Widget:
        """A new widget with ``traits``; ``traits["layout"]`` is plain data (CSS properties).

        A widget whose layout is empty shares one Layout model with every such widget.
        """
        extra: dict[str, Any] = {}
        traits = dict(traits)
        layout = traits.pop("layout", None)
        if issubclass(cls, w.DOMWidget):
            extra["layout"] = w.Layout(**layout) if layout else shared(w.Layout)
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
        """Close the widget with the models it owns (an unclosed widget leaks).

        A widget made of parts closes them itself (``close_tree``); otherwise its own layout
        and style go with it, and a block's separate host widget too. Shared models stay.
        """
        closer = getattr(widget, "close_tree", None)
        if closer is not None:
            closer()
            return
        host = self.host(widget)
        for part in (widget, host) if host is not widget else (widget,):
            for attr in ("layout", "style"):
                sub = getattr(part, attr, None)
                if isinstance(sub, w.Widget) and not is_shared(sub):
                    sub.close()
            part.close()


def register(renderer_cls: type[Renderer]) -> type[Renderer]:
    RENDERERS[renderer_cls.kind] = renderer_cls()
    return renderer_cls


def classes(kind: str, *more: str) -> tuple[str, ...]:
    return ("jupyst-element", f"jupyst-{kind}", *more)
