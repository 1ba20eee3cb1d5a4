"""Renderers of the controls built from several ipywidgets (:mod:`jupyst.widgets.composite`)."""

from __future__ import annotations

from typing import Any

from jupyst.elements.lib.markdown import render
from jupyst.elements.lib.registry import Renderer
from jupyst.elements.lib.widget_base import widget_classes
from jupyst.elements.lib.widget_renderer import WidgetRenderer


class CompositeRenderer(Renderer):
    """Renderer side of a :class:`ValueBox` or :class:`ClickBox` (they close their own parts)."""


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
