"""Button groups: ``st.pills``, ``st.segmented_control`` (single or multi select) and
``st.feedback`` (thumbs, faces or stars).

Each is a row of toggle buttons (:class:`ToggleGroupBox`). In single mode a click on the
chosen button clears the choice, unless the widget is ``required``. The script gets options
(pills, segmented control) or an int (feedback) back; the browser only ever sends positions,
and a position outside the row is refused.
"""

from __future__ import annotations

from typing import Any, Callable

import ipywidgets as w
import traitlets

from jupyst.elements.lib import options as opts
from jupyst.elements.lib.composite_renderer import CompositeWidgetRenderer
from jupyst.elements.lib.icons import split_leading_icon
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.registry import InvalidWidgetValue, register
from jupyst.elements.lib.widget_base import WidgetCall, check_label_visibility, widget_value
from jupyst.errors import (
    StreamlitAPIException,
    StreamlitIncompatibleParametersError,
    StreamlitValueError,
    StreamlitValueOutOfRangeError,
)
from jupyst.widgets.composite import ValueBox

_FEEDBACK = {
    # (label, value) per button, in the order shown
    "thumbs": (("👍", 1), ("👎", 0)),
    "faces": (("😞", 0), ("🙁", 1), ("😐", 2), ("🙂", 3), ("😀", 4)),
    "stars": tuple(("★", i) for i in range(5)),
}


def _format(value: Any, format_func: Callable[[Any], Any]) -> Any:
    try:
        return format_func(value)
    except Exception:
        return None


class ButtonGroupMixin(ElementMixin):
    def pills(self, label: str, options: Any, *, selection_mode: str = "single", default: Any = None, required: bool = False, format_func: Callable[[Any], Any] | None = None, key: Any = None, help: str | None = None, on_change: Any = "rerun", args: Any = None, kwargs: Any = None, disabled: bool = False, label_visibility: str = "visible", width: Any = "content", wrap: bool | None = None, bind: Any = None, persist_state: Any = None) -> Any:
        """Draw a row of pill buttons; return the chosen option, or a list in multi mode."""
        return _button_group(self._dg, "pills", label, options, selection_mode, default, required, format_func, key, help, on_change, args, kwargs, disabled, label_visibility)

    def segmented_control(self, label: str, options: Any, *, selection_mode: str = "single", default: Any = None, required: bool = False, format_func: Callable[[Any], Any] | None = None, key: Any = None, help: str | None = None, on_change: Any = "rerun", args: Any = None, kwargs: Any = None, disabled: bool = False, label_visibility: str = "visible", width: Any = "content", wrap: bool | None = None, bind: Any = None, persist_state: Any = None) -> Any:
        """Draw joined segment buttons; return the chosen option, or a list in multi mode."""
        return _button_group(self._dg, "segmented_control", label, options, selection_mode, default, required, format_func, key, help, on_change, args, kwargs, disabled, label_visibility)

    def feedback(self, options: str = "thumbs", *, key: Any = None, default: int | None = None, disabled: bool = False, on_change: Any = "rerun", args: Any = None, kwargs: Any = None, width: Any = "content", bind: Any = None, persist_state: Any = None) -> int | None:
        """Draw thumbs, faces or stars and return the chosen index (None before a choice)."""
        if options not in _FEEDBACK:
            raise StreamlitValueError("options", ["'thumbs'", "'faces'", "'stars'"])
        count = len(_FEEDBACK[options])
        if default is not None and not 0 <= default < count:
            raise StreamlitValueOutOfRangeError("default", default, 0, count - 1)

        def coerce(current: Any) -> Any:
            if current is None:
                return None
            if isinstance(current, bool) or not isinstance(current, int) or not 0 <= current < count:
                return default
            return current

        call = WidgetCall(
            kind="feedback", label="", key=key, on_change=on_change, args=args, kwargs=kwargs,
            disabled=disabled, identity={"options": options, "default": default}, key_identity=("options",),
        )
        props = {"options": options, "buttons": [b for b, _ in _FEEDBACK[options]], "values": [v for _, v in _FEEDBACK[options]]}
        return widget_value(self._dg, call, default, props, coerce)


def _button_group(dg: Any, style: str, label: str, options: Any, selection_mode: str, default: Any, required: bool, format_func: Callable[[Any], Any] | None, key: Any, help: str | None, on_change: Any, args: Any, kwargs: Any, disabled: bool, label_visibility: str) -> Any:
    check_label_visibility(label_visibility)
    if required and selection_mode == "multi":
        raise StreamlitIncompatibleParametersError(
            "required=True", "selection_mode='multi'", explanation="`required` is only supported for single-select mode."
        )
    fmt = format_func or str
    items = opts.to_list(options)
    indices = opts.default_indices(items, default)
    labels = [str(fmt(o)) for o in items]
    if selection_mode not in ("single", "multi"):
        raise StreamlitValueError("selection_mode", ["'single'", "'multi'"])
    multi = selection_mode == "multi"
    if not multi and len(indices) > 1:
        raise StreamlitAPIException(f"The default argument to `st.{style}` must be a single value when `selection_mode='single'`.")
    label_set = set(labels)
    shown = [_icon_and_content(text) for text in labels]
    default_value: Any = [items[i] for i in indices] if multi else (items[indices[0]] if indices else None)

    def coerce(current: Any) -> Any:
        if multi:
            values = list(current) if isinstance(current, (list, tuple)) else []
            kept = [v for v in values if _format(v, fmt) in label_set]
            return kept if len(kept) != len(values) or not isinstance(current, list) else current
        if current is None:
            return None
        if _format(current, fmt) in label_set:
            return current
        return items[indices[0]] if indices else None

    call = WidgetCall(
        kind=style, label=label, key=key, help=help, on_change=on_change, args=args, kwargs=kwargs,
        disabled=disabled, label_visibility=label_visibility,
        identity={"options": labels, "default": indices, "click_mode": selection_mode, "style": style},
        key_identity=("click_mode",),
    )
    props = {
        "options": labels, "choices": items, "multi": multi, "required": required, "style": style,
        "format_func": fmt, "contents": [text for _, text in shown],
        "buttons": [f"{icon} {text}".strip() if not icon.startswith(":") else text for icon, text in shown],
    }
    out = widget_value(dg, call, default_value, props, coerce)
    return list(out) if multi else out


def _icon_and_content(label: str) -> tuple[str, str]:
    """Streamlit's split of an option label: a first word that is only an icon is the icon."""
    parts = label.split(" ", 1)
    icon, rest = split_leading_icon(parts[0].strip())
    if icon and not rest:
        return icon, parts[1] if len(parts) > 1 else ""
    return "", label


# ----- the widget -------------------------------------------------------------------------------------
class ToggleGroupBox(ValueBox):
    """A row of toggle buttons; ``value`` is the tuple of pressed positions."""

    buttons = traitlets.Tuple()
    multi = traitlets.Bool(False)
    required = traitlets.Bool(False)
    style_name = traitlets.Unicode("pills")

    def build(self) -> w.Widget:
        self._toggles: list[w.ToggleButton] = []
        return w.HBox(_dom_classes=("jupyst-button-row",))

    def parts(self) -> list[w.Widget]:
        return [self._body]

    @traitlets.observe("buttons")
    def _rebuild(self, change: dict[str, Any]) -> None:
        old = list(self._toggles)
        self._toggles = []
        for i, text in enumerate(self.buttons):
            toggle = old[i] if i < len(old) else w.ToggleButton(_dom_classes=("jupyst-toggle-button",))
            toggle.description = text
            toggle.disabled = self.disabled
            if i >= len(old):
                toggle.observe(self._clicked, names="value")
            self._toggles.append(toggle)
        for extra in old[len(self.buttons):]:
            extra.style.close()
            extra.close()
        self._body.children = tuple(self._toggles)
        self._syncing = True
        try:
            self.push(self.value)
        finally:
            self._syncing = False

    def _clicked(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        position = self._toggles.index(change["owner"])
        chosen = list(self.value or ())
        if change["new"]:
            # Multi select keeps the order of the clicks, as Streamlit's value does.
            chosen = ([*chosen, position] if position not in chosen else chosen) if self.multi else [position]
        elif position in chosen:
            if not self.multi and self.required:
                self._push()
                return
            chosen.remove(position)
        self.value = tuple(chosen)
        self._push()

    def pull(self) -> Any:
        return tuple(i for i, t in enumerate(self._toggles) if t.value)

    def push(self, value: Any) -> None:
        chosen = set(value or ())
        top = max(chosen) if chosen else -1
        for i, toggle in enumerate(self._toggles):
            toggle.value = i in chosen
            if self.style_name == "stars":
                classes = ("jupyst-toggle-button", "jupyst-star-on") if i <= top else ("jupyst-toggle-button",)
                if toggle._dom_classes != classes:
                    toggle._dom_classes = classes


@register
class PillsRenderer(CompositeWidgetRenderer):
    kind = "pills"
    cls = ToggleGroupBox

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"buttons": tuple(props["buttons"]), "multi": props["multi"], "required": props["required"], "style_name": props["style"]}

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        values = value if props["multi"] else ([] if value is None else [value])
        out = []
        for v in values or ():
            text = _format(v, props["format_func"])
            if text in props["options"]:
                out.append(props["options"].index(text))
            else:
                found = opts.index_of(props["choices"], v)
                if found is not None:
                    out.append(found)
        return tuple(dict.fromkeys(out)) if props["multi"] else tuple(out[:1])

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        if not isinstance(raw, tuple):
            raise InvalidWidgetValue(raw)
        count = len(props["choices"])
        for i in raw:
            if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < count:
                raise InvalidWidgetValue(raw)
        if props["multi"]:
            return [props["choices"][i] for i in raw]
        if len(raw) > 1:
            raise InvalidWidgetValue(raw)
        if not raw:
            if props["required"]:
                raise InvalidWidgetValue(raw)
            return None
        return props["choices"][raw[0]]


@register
class SegmentedControlRenderer(PillsRenderer):
    kind = "segmented_control"


@register
class FeedbackRenderer(CompositeWidgetRenderer):
    kind = "feedback"
    cls = ToggleGroupBox

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"buttons": tuple(props["buttons"]), "multi": False, "required": False, "style_name": props["options"]}

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        if value is None or value not in props["values"]:
            return ()
        return (props["values"].index(value),)

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        if not isinstance(raw, tuple) or len(raw) > 1:
            raise InvalidWidgetValue(raw)
        if not raw:
            return None
        position = raw[0]
        if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position < len(props["values"]):
            raise InvalidWidgetValue(raw)
        return props["values"][position]
