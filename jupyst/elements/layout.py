"""Layout containers: container, columns, empty, expander, tabs, popover and st.status.

Blocks are nodes with children; calls on the returned DeltaGenerators fill them, in any
order (the write-later pattern). Expander and tab state (open/selected) belongs to the
browser: the reconciler sets it only when the script's argument changes.
"""

from __future__ import annotations

from numbers import Integral
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from jupyst.elements.lib.block_state import block_widget
from jupyst.elements.lib.icons import icon_text, validate_icon
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.node import Node
from jupyst.elements.lib.registry import InvalidWidgetValue, Renderer, classes, register
from jupyst.elements.lib.widget_base import check_callback
from jupyst.errors import (
    StreamlitIncompatibleParametersError,
    StreamlitInvalidColumnSpecError,
    StreamlitInvalidParameterTypeError,
    StreamlitMissingRequiredParameterError,
    StreamlitValueError,
)
from jupyst.runtime.run_context import require_run_context
from jupyst.widgets.submit_button import ENTER_SUBMITS

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator

_ALIGN = ("top", "center", "bottom")
_GAPS = ("xxsmall", "xsmall", "small", "medium", "large", "xlarge", "xxlarge")
_H_ALIGN = ("left", "center", "right", "distribute")
_V_ALIGN = ("top", "center", "bottom", "distribute")
EXPANDABLE_TYPES = ("default", "compact", "step")


def _check_wrap(wrap: Any) -> None:
    if not isinstance(wrap, bool):
        raise StreamlitValueError("wrap", ["True", "False"])


def _block_key(dg: Any, kind: str, key: Any) -> str | None:
    """Register a keyed container's id (duplicate keys raise) and return the key."""
    if key is None:
        return None
    from jupyst.elements.lib import identity
    from jupyst.elements.lib.widget_base import check_key

    check_key(key)
    ctx = require_run_context()
    target = dg._active()
    identity.element_id(ctx, kind, str(key), form_id=target._form_id(), root=target._root_name(), key_as_main_identity=False)
    return str(key)


def _check_gap(gap: Any) -> None:
    """Streamlit's gap values: a size name, None, or a number of pixels."""
    if gap is None or (isinstance(gap, int) and not isinstance(gap, bool) and gap >= 0):
        return
    if isinstance(gap, str) and gap.lower() in _GAPS:
        return
    raise StreamlitValueError(
        "gap", [*(f"'{g}'" for g in _GAPS), "None", "a non-negative integer (pixels)"], detail=f"Got {gap!r}."
    )


class LayoutMixin(ElementMixin):
    def container(self, *, border: bool | None = None, key: Any = None, width: Any = "stretch", height: Any = "content", horizontal: bool = False, horizontal_alignment: str = "left", vertical_alignment: str = "top", gap: str | None = "small", autoscroll: bool | None = None, wrap: bool = True) -> DeltaGenerator:
        """Open a block that holds several elements; write into it now or later.

        A fixed ``height`` scrolls (and gets a border unless ``border=False``);
        ``horizontal=True`` lays the elements out in a row.
        """
        from jupyst.elements.lib.sizing import validate_height, validate_width

        _check_gap(gap)
        if horizontal_alignment not in _H_ALIGN:
            raise StreamlitValueError("horizontal_alignment", [f"'{a}'" for a in _H_ALIGN], detail=f"Got {horizontal_alignment!r}.")
        if vertical_alignment not in _V_ALIGN:
            raise StreamlitValueError("vertical_alignment", [f"'{a}'" for a in _V_ALIGN], detail=f"Got {vertical_alignment!r}.")
        if wrap is False and not horizontal:
            raise StreamlitIncompatibleParametersError(
                "wrap=False", "horizontal=False",
                explanation="A vertical container has no horizontal row of elements to keep in a single, scrolling row. Set `horizontal=True` to use `wrap=False`, or remove the `wrap` argument.",
            )
        validate_width(width, allow_content=True)
        validate_height(height, allow_content=True)
        has_border = bool(border) if border is not None else isinstance(height, int) and not isinstance(height, bool)
        props = {
            "border": has_border, "height": height, "width": width, "horizontal": bool(horizontal), "gap": gap,
            "horizontal_alignment": horizontal_alignment, "vertical_alignment": vertical_alignment,
            "wrap": bool(wrap), "key": _block_key(self._dg, "container", key),
        }
        return self._dg._block("container", props)

    def columns(self, spec: Any, *, gap: str | None = "small", vertical_alignment: str = "top", border: bool = False, width: Any = "stretch", wrap: bool = True) -> list[DeltaGenerator]:
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
        _check_wrap(wrap)
        if vertical_alignment not in _ALIGN:
            raise StreamlitValueError("vertical_alignment", [f"'{a}'" for a in _ALIGN], detail=f"Got {vertical_alignment!r}.")
        _check_gap(gap)
        from jupyst.elements.lib.sizing import validate_width

        validate_width(width)
        total = float(sum(weights))
        row = self._dg._block("columns", {"gap": gap, "vertical_alignment": vertical_alignment, "wrap": wrap})
        return [row._block("column", {"weight": x / total, "border": bool(border), "gap": gap, "vertical_alignment": vertical_alignment}) for x in weights]

    def empty(self) -> DeltaGenerator:
        """Reserve a slot that holds one element; each later call on it replaces that element."""
        return self._dg._append(Node(kind="empty"))

    def expander(self, label: str, expanded: bool = False, *, key: Any = None, icon: str | None = None, type: str = "default", width: Any = "stretch", on_change: Any = "ignore", args: Any = None, kwargs: Any = None, bind: Any = None) -> DeltaGenerator:
        """Open a collapsible block under a heading; its content always runs."""
        from jupyst.elements.lib.sizing import validate_width

        if label is None:
            raise StreamlitMissingRequiredParameterError("label")
        _check_on_change(on_change)
        if type not in EXPANDABLE_TYPES:
            raise StreamlitValueError("type", [repr(t) for t in EXPANDABLE_TYPES])
        if bind is not None and bind != "query-params":
            raise StreamlitValueError("bind", ["'query-params'", "None"])
        icon = validate_icon(icon) or None
        validate_width(width)
        if on_change == "ignore" and bind is None:
            props = {"label": str(label), "expanded": bool(expanded), "icon": icon, "type": type, "key": _block_key(self._dg, "expander", key)}
            return self._dg._block("expander", props)
        # Tracked: a widget whose value is whether the expander is open.
        wid, is_open, user_key = block_widget(
            self._dg, "expander", key, bool(expanded), on_change, args, kwargs,
            {"label": label, "expanded": expanded, "icon": icon, "width": width, "type": type},
        )
        props = {"label": str(label), "expanded": bool(expanded), "icon": icon, "type": type, "key": user_key, "value": bool(is_open), "default": bool(expanded), "ignore": False}
        dg = self._dg._append(Node(kind="expander", props=props, children=[], widget_id=wid))
        dg.open = bool(is_open)
        return dg

    def popover(self, label: str, *, type: str = "secondary", help: str | None = None, icon: str | None = None, disabled: bool = False, use_container_width: bool | None = None, width: Any = "content", wrap: bool | None = None, key: Any = None, on_change: Any = "ignore", args: Any = None, kwargs: Any = None) -> DeltaGenerator:
        """Open a button that shows its content in a floating panel; the content always runs."""
        from jupyst.elements.lib.sizing import validate_width

        if label is None:
            raise StreamlitMissingRequiredParameterError("label")
        if use_container_width is not None:
            width = "stretch" if use_container_width else "content"
        if type not in ("primary", "secondary", "tertiary"):
            raise StreamlitValueError("type", ["'primary'", "'secondary'", "'tertiary'"])
        _check_on_change(on_change)
        icon = validate_icon(icon) or None
        validate_width(width, allow_content=True)
        if on_change == "ignore":
            props = {"label": str(label), "type": type, "help": help, "icon": icon, "disabled": bool(disabled), "key": _block_key(self._dg, "popover", key)}
            return self._dg._block("popover", props)
        wid, is_open, user_key = block_widget(
            self._dg, "popover", key, False, on_change, args, kwargs,
            {"label": label, "type": type, "help": help, "icon": icon, "disabled": disabled, "width": width},
            widget_disabled=bool(disabled),
        )
        props = {"label": str(label), "type": type, "help": help, "icon": icon, "disabled": bool(disabled), "key": user_key, "value": bool(is_open), "default": False, "ignore": False}
        dg = self._dg._append(Node(kind="popover", props=props, children=[], widget_id=wid))
        dg.open = bool(is_open)
        return dg

    def tabs(self, tabs: Any, *, width: Any = "stretch", height: Any = "content", default: str | None = None, key: Any = None, on_change: Any = "ignore", args: Any = None, kwargs: Any = None, bind: Any = None) -> list[DeltaGenerator]:
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
        _check_on_change(on_change)
        if bind is not None and bind != "query-params":
            raise StreamlitValueError("bind", ["'query-params'", "None"])
        from jupyst.elements.lib.sizing import validate_height, validate_width

        labels = list(tabs)
        default_label = default if default else labels[0]
        if on_change == "ignore" and bind is None:
            # Browser-local selection; a key still names (and registers) the container.
            props = {"labels": labels, "selected": labels.index(default_label), "key": _block_key(self._dg, "tabs", key)}
            validate_width(width)
            validate_height(height, allow_content=True)
            bar = self._dg._block("tabs", props)
            return [bar._block("tab", {"label": label}) for label in labels]
        wid, current, user_key = block_widget(
            self._dg, "tabs", key, default_label, on_change, args, kwargs,
            {"tabs": tuple(labels), "width": width, "height": height, "default": default},
        )
        if current not in labels:  # a stored label that is no longer a tab
            current = default_label
            require_run_context().session.state.set_widget_value(wid, current)
        validate_width(width)
        validate_height(height, allow_content=True)
        props = {"labels": labels, "selected": labels.index(current), "key": user_key, "value": current, "default": default_label, "ignore": False}
        bar = self._dg._append(Node(kind="tabs", props=props, children=[], widget_id=wid))
        out = []
        for label in labels:
            tab = bar._block("tab", {"label": label})
            tab.open = label == current
            out.append(tab)
        return out


def _check_on_change(on_change: Any) -> None:
    if on_change is None:
        raise StreamlitValueError("on_change", ["'rerun'", "'ignore'", "a callback function"])
    check_callback(on_change)



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
        extra = [f"jupyst-halign-{props.get('horizontal_alignment', 'left')}", f"jupyst-valign-{props.get('vertical_alignment', 'top')}"]
        if props.get("horizontal"):
            extra.append("jupyst-horizontal" if props.get("wrap", True) else "jupyst-horizontal jupyst-nowrap")
        height = props.get("height")
        if isinstance(height, int) and not isinstance(height, bool):
            extra.append("jupyst-scroll")
            out["layout"] = {"height": f"{height}px", "overflow": "auto"}
        width = props.get("width")
        if isinstance(width, int) and not isinstance(width, bool):
            out["layout"] = {**out.get("layout", {}), "width": f"{width}px"}
        span = props.get("column_span")
        if span is not None:  # a cell of st.grid
            out["layout"] = {
                **out.get("layout", {}),
                "grid_column": "1 / -1" if span == "all" else f"span {span}",
                "grid_row": f"span {props.get('row_span', 1)}",
            }
        out["_dom_classes"] = (*out["_dom_classes"], *" ".join(extra).split())
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
        out["layout"] = {"flex": f"{props['weight']:.6g} 1 0%", "min_width": "0"}
        return out


@register
class ExpanderRenderer(Renderer):
    kind = "expander"
    cls = w.Accordion
    # Open (0) or closed (None); a change is a widget value only for a tracked expander.
    value_trait = "selected_index"
    event = "value"

    def is_open(self, props: dict[str, Any]) -> bool:
        return bool(props["value"]) if "value" in props else bool(props.get("expanded"))

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        return 0 if value else None

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        if raw not in (0, None):
            raise InvalidWidgetValue(raw)
        return raw == 0

    def title(self, props: dict[str, Any]) -> str:
        icon = icon_text(props.get("icon"))
        return f"{icon} {props['label']}" if icon else props["label"]

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        extra = ("jupyst-compact",) if props.get("type") == "compact" else ()
        return {
            "titles": (self.title(props),),
            "selected_index": 0 if self.is_open(props) else None,
            "_dom_classes": classes(self.kind, *extra),
        }

    def construct(self, cls: type[w.Widget], traits: dict[str, Any]) -> w.Widget:
        body = w.VBox(_dom_classes=("jupyst-expander-body",))
        return super().construct(cls, {**traits, "children": (body,)})

    def host(self, widget: w.Widget) -> w.Widget:
        return widget.children[0]


@register
class PopoverRenderer(ExpanderRenderer):
    """A popover: an accordion drawn as a button whose panel floats over the page."""

    kind = "popover"

    def title(self, props: dict[str, Any]) -> str:
        icon = icon_text(props.get("icon"))
        return f"{icon} {props['label']}" if icon else props["label"]

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        extra = [f"jupyst-btn-{props.get('type', 'secondary')}"]
        if props.get("disabled"):
            extra.append("jupyst-disabled")
        return {
            "titles": (self.title(props),),
            "selected_index": 0 if props.get("value") else None,
            "tooltip": props.get("help"),
            "_dom_classes": classes(self.kind, *extra),
        }


@register
class TabsRenderer(Renderer):
    kind = "tabs"
    cls = w.Tab
    # The selected tab; a change is a widget value (the tab's label) only for tracked tabs.
    value_trait = "selected_index"
    event = "value"

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"titles": tuple(props["labels"]), "selected_index": props.get("selected", 0), "_dom_classes": classes("tabs")}

    def construct(self, cls: type[w.Widget], traits: dict[str, Any]) -> w.Widget:
        # Titles and the selection wait for the children (a Tab checks the index against them).
        return super().construct(cls, {k: v for k, v in traits.items() if k not in ("titles", "selected_index")})

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        labels = props["labels"]
        return labels.index(value) if value in labels else props.get("selected", 0)

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        labels = props["labels"]
        if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw < len(labels):
            raise InvalidWidgetValue(raw)
        return labels[raw]

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
        if props.get("enter_to_submit", True):  # submit_button.js reads it
            out["_dom_classes"] = (*out["_dom_classes"], ENTER_SUBMITS)
        return out
