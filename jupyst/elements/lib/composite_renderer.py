"""Renderers of the controls built from several ipywidgets (:mod:`jupyst.widgets.composite`)."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from jupyst.elements.lib.markdown import render
from jupyst.elements.lib.registry import Renderer
from jupyst.elements.lib.widget_base import widget_classes
from jupyst.elements.lib.widget_renderer import WidgetRenderer


class CompositeRenderer(Renderer):
    """Renderer side of a :class:`ValueBox` or :class:`ClickBox`: close every child too."""

    def close(self, widget: w.Widget) -> None:
        closer = getattr(widget, "close_tree", None)
        if closer is not None:
            closer()
        else:
            super().close(widget)


class CompositeWidgetRenderer(CompositeRenderer, WidgetRenderer):
    """A labelled input drawn as a :class:`ValueBox`."""

    def base_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        visibility = props.get("label_visibility", "visible")
        return {
            "label_html": render(props["label"], inline=True) if visibility != "collapsed" and props.get("label") else "",
            "tooltip": props.get("help"),
            "disabled": bool(props.get("disabled")),
            "_dom_classes": widget_classes(self.kind, props),
        }
