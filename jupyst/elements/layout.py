"""Layout containers: container, columns, empty, expander, tabs.

Blocks are nodes with children; calls on the returned DeltaGenerators fill them, in any
order (the write-later pattern). Expander and tab state (open/selected) belongs to the
browser: the reconciler sets it only when the script's argument changes.
"""

from __future__ import annotations

from numbers import Integral
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from jupyst.elements.node import Node
from jupyst.elements.registry import Renderer, classes, register
from jupyst.errors import (
    StreamlitInvalidColumnSpecError,
    StreamlitInvalidParameterTypeError,
    StreamlitMissingRequiredParameterError,
    StreamlitValueError,
)

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator

_ALIGN = ("top", "center", "bottom")
_GAPS = ("xxsmall", "xsmall", "small", "medium", "large", "xlarge", "xxlarge")


def _check_gap(gap: Any) -> None:
    """Streamlit's gap values: a size name, None, or a number of pixels."""
    if gap is None or (isinstance(gap, int) and not isinstance(gap, bool) and gap >= 0):
        return
    if isinstance(gap, str) and gap.lower() in _GAPS:
        return
    raise StreamlitValueError(
        "gap", [*(f"'{g}'" for g in _GAPS), "None", "a non-negative integer (pixels)"], detail=f"Got {gap!r}."
    )


class LayoutMixin:
    def container(self: Any, *, border: bool | None = None, key: Any = None, width: Any = "stretch", height: Any = "content", horizontal: bool = False, horizontal_alignment: str = "left", vertical_alignment: str = "top", gap: str | None = "small", autoscroll: bool | None = None) -> DeltaGenerator:
        """Open a block that holds several elements; write into it now or later."""
        return self._block("container", {"border": bool(border), "height": height, "horizontal": horizontal, "gap": gap})

    def columns(self: Any, spec: Any, *, gap: str | None = "small", vertical_alignment: str = "top", border: bool = False, width: Any = "stretch", wrap: bool = False) -> list[DeltaGenerator]:
        """Lay out side-by-side columns: a count or relative widths."""
        if isinstance(spec, Integral) and not isinstance(spec, bool):
            weights = [1] * int(spec)
        else:
            weights = spec
        try:
            invalid = len(weights) == 0 or any(x <= 0 for x in weights)
        except TypeError as ex:
            raise StreamlitInvalidParameterTypeError("spec", type(spec).__name__, ["int", "sequence of numbers"]) from ex
        if invalid:
            raise StreamlitInvalidColumnSpecError()
        if vertical_alignment not in _ALIGN:
            raise StreamlitValueError("vertical_alignment", [f"'{a}'" for a in _ALIGN], detail=f"Got {vertical_alignment!r}.")
        _check_gap(gap)
        total = float(sum(weights))
        row = self._block("columns", {"gap": gap, "vertical_alignment": vertical_alignment})
        return [row._block("column", {"weight": x / total, "border": border, "gap": gap}) for x in weights]

    def empty(self: Any) -> DeltaGenerator:
        """Reserve a slot that holds one element; each later call on it replaces that element."""
        return self._append(Node(kind="empty"))

    def expander(self: Any, label: str, expanded: bool = False, *, icon: str | None = None, width: Any = "stretch", key: Any = None, type: Any = None, on_change: Any = "ignore", args: Any = None, kwargs: Any = None) -> DeltaGenerator:
        """Open a collapsible block under a heading; its content always runs."""
        if label is None:
            raise StreamlitMissingRequiredParameterError("label")
        return self._block("expander", {"label": str(label), "expanded": bool(expanded), "icon": icon})

    def tabs(self: Any, tabs: Any, *, width: Any = "stretch", default: str | None = None, key: Any = None, on_change: Any = "ignore", args: Any = None, kwargs: Any = None, height: Any = "content") -> list[DeltaGenerator]:
        """Open a tab bar; returns one block per tab. Every tab's content runs each time."""
        if not tabs:
            raise StreamlitMissingRequiredParameterError("tabs", detail="Provide at least one tab label.")
        if default and default not in tabs:
            raise StreamlitValueError(
                "default", ["a tab label from `tabs`"], detail=f"`{default}` is not in the list of tabs."
            )
        for tab in tabs:
            if not isinstance(tab, str):
                raise StreamlitInvalidParameterTypeError("tabs", type(tab).__name__, ["a string for each tab label"])
        labels = list(tabs)
        selected = labels.index(default) if default else 0
        bar = self._block("tabs", {"labels": labels, "selected": selected})
        return [bar._block("tab", {"label": label}) for label in labels]


class _BoxRenderer(Renderer):
    cls = w.VBox

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        extra = []
        if props.get("border"):
            extra.append("jupyst-border")
        gap = props.get("gap")
        if gap:
            extra.append(f"jupyst-gap-{gap}")
        return {"_dom_classes": classes(self.kind, *extra)}


@register
class ContainerRenderer(_BoxRenderer):
    kind = "container"

    def widget_class(self, props: dict[str, Any]) -> type[w.Widget]:
        return w.HBox if props.get("horizontal") else w.VBox

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        out = super().traits(props)
        height = props.get("height")
        if isinstance(height, int):
            out["layout"] = w.Layout(height=f"{height}px", overflow="auto")
        return out


@register
class ColumnsRenderer(_BoxRenderer):
    kind = "columns"
    cls = w.HBox

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        out = super().traits(props)
        out["_dom_classes"] = (*out["_dom_classes"], f"jupyst-valign-{props.get('vertical_alignment', 'top')}")
        return out


@register
class ColumnRenderer(_BoxRenderer):
    kind = "column"

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        out = super().traits(props)
        out["layout"] = w.Layout(flex=f"{props['weight']:.6g} 1 0%", min_width="0")
        return out


@register
class ExpanderRenderer(Renderer):
    kind = "expander"
    cls = w.Accordion

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        icon = props.get("icon")
        title = f"{icon} {props['label']}" if icon and not str(icon).startswith(":material") else props["label"]
        return {
            "titles": (title,),
            "selected_index": 0 if props.get("expanded") else None,
            "_dom_classes": classes("expander"),
        }

    def construct(self, cls: type[w.Widget], traits: dict[str, Any]) -> w.Widget:
        body = w.VBox(_dom_classes=("jupyst-expander-body",))
        return super().construct(cls, {**traits, "children": (body,)})

    def host(self, widget: w.Widget) -> w.Widget:
        return widget.children[0]


@register
class TabsRenderer(Renderer):
    kind = "tabs"
    cls = w.Tab

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"titles": tuple(props["labels"]), "_dom_classes": classes("tabs")}

    def construct(self, cls: type[w.Widget], traits: dict[str, Any]) -> w.Widget:
        return super().construct(cls, {k: v for k, v in traits.items() if k != "titles"})

    def after_children(self, host: w.Widget, props: dict[str, Any]) -> None:
        titles = tuple(props["labels"][: len(host.children)])
        if host.titles != titles:
            host.titles = titles
        if host.selected_index is None and host.children:
            host.selected_index = min(props.get("selected", 0), len(host.children) - 1)


@register
class TabRenderer(_BoxRenderer):
    kind = "tab"


@register
class FormRenderer(_BoxRenderer):
    kind = "form"

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        out = super().traits(props)
        if props.get("border", True):
            out["_dom_classes"] = (*out["_dom_classes"], "jupyst-border")
        return out
