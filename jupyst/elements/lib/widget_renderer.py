"""The renderer base shared by labelled input widgets."""

from __future__ import annotations

from typing import Any

from jupyst.elements.lib.registry import Renderer
from jupyst.elements.lib.widget_base import label_traits, widget_classes


class WidgetRenderer(Renderer):
    event = "value"
    value_trait: str | None = "value"

    def base_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {
            **label_traits(props),
            "disabled": bool(props.get("disabled")),
            "_dom_classes": widget_classes(self.kind, props),
        }

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        out = self.base_traits(props)
        out.update(self.own_traits(props))
        if self.value_trait is not None:
            out[self.value_trait] = self.to_widget(props, props["value"])
        return out

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {}
