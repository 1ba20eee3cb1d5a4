"""Single and multiple choice widgets: ``st.radio``, ``st.selectbox``, ``st.multiselect``.

The browser sees formatted labels and sends back an index or labels; the script sees the
option objects themselves. A value from the browser outside the options is refused.
"""

from __future__ import annotations

from numbers import Integral
from typing import Any, Callable

import ipywidgets as w

from jupyst.elements.lib import options as opts
from jupyst.elements.lib.choice_entry import check_filter_mode, is_new_option, placeholder_text
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.registry import InvalidWidgetValue, clearable, register
from jupyst.elements.lib.widget_base import WidgetCall, widget_value
from jupyst.elements.lib.widget_renderer import WidgetRenderer
from jupyst.errors import (
    StreamlitInvalidParameterTypeError,
    StreamlitSelectionCountExceedsMaxError,
    StreamlitValueError,
)
from jupyst.widgets.multiselect import MultiselectBox, SelectboxCombo


class SelectionMixin(ElementMixin):
    def _single(self, kind: str, label: str, options: Any, index: int | None, format_func: Callable[[Any], Any], key: Any, help: str | None, on_change: Any, args: Any, kwargs: Any, disabled: bool, label_visibility: str, extra: dict[str, Any]) -> Any:
        items = opts.to_list(options)
        opts.check_index(index, items)
        labels = opts.formatted(items, format_func)
        default = items[index] if index is not None and items else None
        accepts_new = bool(extra.get("accept_new_options"))

        def coerce(value: Any) -> Any:
            if value is None or opts.index_of(items, value) is not None:
                return value
            # A typed new option stays what the visitor entered (Streamlit keeps it as is).
            return value if accepts_new and isinstance(value, str) else default

        call = WidgetCall(
            kind=kind, label=label, key=key, help=help, on_change=on_change, args=args,
            kwargs=kwargs, disabled=disabled, label_visibility=label_visibility,
            identity={"options": labels, "index": index, **extra},
            # Changing accept_new_options resets even a keyed selectbox, as in Streamlit.
            key_identity=("accept_new_options",) if "accept_new_options" in extra else True,
        )
        props = {"options": labels, "choices": items, "format_func": format_func, **extra}
        return widget_value(self._dg, call, default, props, coerce)

    def radio(self, label: str, options: Any = (), index: int | None = 0, format_func: Callable[[Any], Any] = str, key: Any = None, help: str | None = None, on_change: Any = "rerun", args: Any = None, kwargs: Any = None, *, disabled: bool = False, horizontal: bool = False, captions: Any = None, label_visibility: str = "visible", width: Any = "content", bind: Any = None, persist_state: Any = None) -> Any:
        """Draw radio buttons and return the chosen option (None if none)."""
        return self._dg._single("radio", label, options, index, format_func, key, help, on_change, args, kwargs, disabled, label_visibility, {"horizontal": horizontal, "captions": list(captions) if captions else None})

    def selectbox(self, label: str, options: Any = (), index: int | None = 0, format_func: Callable[[Any], Any] = str, key: Any = None, help: str | None = None, on_change: Any = "rerun", args: Any = None, kwargs: Any = None, *, placeholder: str | None = None, disabled: bool = False, label_visibility: str = "visible", accept_new_options: bool = False, width: Any = "stretch", required: bool = False, icon: str | None = None, filter_mode: str = "fuzzy", bind: Any = None, persist_state: Any = None) -> Any:
        """Draw a drop-down list and return the chosen option (None if none).

        With ``accept_new_options=True`` the visitor may also type a value that is not an
        option; the script then gets that text. ``filter_mode`` says how typing filters the
        options ("fuzzy", "contains", "prefix", or None for no typing).
        """
        mode = check_filter_mode(filter_mode, accept_new_options)
        return self._dg._single("selectbox", label, options, index, format_func, key, help, on_change, args, kwargs, disabled, label_visibility, {"placeholder": placeholder, "accept_new_options": bool(accept_new_options), "filter_mode": mode})

    def multiselect(self, label: str, options: Any = (), default: Any = None, format_func: Callable[[Any], Any] = str, key: Any = None, help: str | None = None, on_change: Any = "rerun", args: Any = None, kwargs: Any = None, *, max_selections: int | None = None, placeholder: str | None = None, disabled: bool = False, label_visibility: str = "visible", accept_new_options: bool = False, width: Any = "stretch", filter_mode: str = "fuzzy", select_all: int = 1000, wrap: bool | None = None, bind: Any = None, persist_state: Any = None) -> list[Any]:
        """Draw a multi-choice box and return the chosen options, in the order chosen.

        With ``accept_new_options=True`` the visitor may add values that are not options
        (each returned as the text typed; ``max_selections`` still counts them).
        ``filter_mode`` says how typing filters the dropdown.
        """
        if max_selections is not None and (
            isinstance(max_selections, bool) or not isinstance(max_selections, Integral) or max_selections < 1
        ):
            zero = isinstance(max_selections, Integral) and max_selections == 0
            raise StreamlitValueError(
                "max_selections",
                ["a positive integer"],
                detail="To disable `st.multiselect`, use `disabled=True`." if zero else None,
            )
        threshold = select_all_threshold(select_all)
        mode = check_filter_mode(filter_mode, accept_new_options)
        accepts_new = bool(accept_new_options)
        items = opts.to_list(options)
        labels = opts.formatted(items, format_func)
        indices = opts.default_indices(items, default)
        if max_selections is not None and len(indices) > max_selections:
            raise StreamlitSelectionCountExceedsMaxError(len(indices), max_selections)
        default_values = [items[i] for i in indices]

        def coerce(value: Any) -> Any:
            kept = [v for v in (value or []) if opts.index_of(items, v) is not None or (accepts_new and isinstance(v, str))]
            if max_selections is not None and len(kept) > max_selections:
                raise StreamlitSelectionCountExceedsMaxError(len(kept), max_selections)
            return kept if len(kept) != len(value or []) else value

        call = WidgetCall(
            kind="multiselect", label=label, key=key, help=help, on_change=on_change, args=args,
            kwargs=kwargs, disabled=disabled, label_visibility=label_visibility,
            identity={"options": labels, "default": indices, "max_selections": max_selections, "placeholder": placeholder, "accept_new_options": accepts_new, "filter_mode": mode},
            key_identity=("max_selections", "accept_new_options"),
        )
        props = {"options": labels, "choices": items, "format_func": format_func, "max_selections": max_selections, "placeholder": placeholder, "select_all": threshold, "accept_new_options": accepts_new, "filter_mode": mode}
        return list(widget_value(self._dg, call, default_values, props, coerce))


class _IndexRenderer(WidgetRenderer):
    value_trait = "index"

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"options": tuple(props["options"])}

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        return None if value is None else opts.index_of(props["choices"], value)

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        if raw is None:
            if not clearable(props):
                raise InvalidWidgetValue(raw)
            return None
        if not isinstance(raw, int) or isinstance(raw, bool) or not 0 <= raw < len(props["choices"]):
            raise InvalidWidgetValue(raw)
        return props["choices"][raw]


@register
class RadioRenderer(_IndexRenderer):
    kind = "radio"
    cls = w.RadioButtons

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        out = super().own_traits(props)
        if props.get("horizontal"):
            out["_dom_classes"] = (*self.base_traits(props)["_dom_classes"], "jupyst-horizontal")
        return out


@register
class SelectboxRenderer(_IndexRenderer):
    """A native drop-down; a combobox one can type into when new options are accepted.

    The combobox's ``index`` is an option's position, or the text of a new option.
    """

    kind = "selectbox"
    cls = w.Dropdown

    def widget_class(self, props: dict[str, Any]) -> type[w.Widget]:
        return SelectboxCombo if props.get("accept_new_options") else w.Dropdown

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        if not props.get("accept_new_options"):
            return super().own_traits(props)
        labels = list(props["options"])
        return {
            "options": labels,
            "placeholder": placeholder_text(props.get("placeholder"), bool(labels), True, multi=False),
            "filter_mode": props.get("filter_mode") or "fuzzy",
            "clearable": props.get("default") is None,
        }

    def base_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        out = super().base_traits(props)
        if props.get("accept_new_options"):
            out.pop("description_allow_html", None)  # the combobox's label is always HTML
        return out

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        found = super().to_widget(props, value)
        if found is None and props.get("accept_new_options") and isinstance(value, str):
            return value
        return found

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        if props.get("accept_new_options") and isinstance(raw, str):
            # An option's label typed in full picks that option; other text is a new option.
            labels = list(props["options"])
            return props["choices"][labels.index(raw)] if raw in labels else raw
        return super().from_widget(props, raw)


def select_all_threshold(select_all: Any) -> int:
    """Streamlit's ``select_all`` checked and as the box takes it: -1 always, 0 never, n when
    at most n options can be picked."""
    if isinstance(select_all, bool):
        return -1 if select_all else 0
    if isinstance(select_all, int):
        if select_all < 0:
            raise StreamlitValueError(
                "select_all", ["True", "False", "a non-negative integer"],
                detail="When using an int, `select_all` must be a non-negative integer.",
            )
        return min(select_all, 2**31 - 1)  # Streamlit keeps it in an int32
    raise StreamlitInvalidParameterTypeError("select_all", type(select_all).__name__, ["bool", "int"])


@register
class MultiselectRenderer(WidgetRenderer):
    kind = "multiselect"
    cls = MultiselectBox

    def base_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        out = super().base_traits(props)
        out.pop("description_allow_html", None)  # the box's label is always HTML
        return out

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        options = list(props["options"])
        accepts_new = bool(props.get("accept_new_options"))
        return {
            "options": options,
            # Streamlit's words when the script gives none
            "placeholder": placeholder_text(props.get("placeholder"), bool(options), accepts_new, multi=True),
            "max_selections": props.get("max_selections") or 0,
            "select_all": props.get("select_all", 1000),
            "accept_new_options": accepts_new,
            "filter_mode": props.get("filter_mode") or "fuzzy",
            # With nothing to choose (and nothing to add), Streamlit disables the box.
            "disabled": bool(props.get("disabled")) or not (options or accepts_new),
        }

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        out = []
        for v in value or []:
            i = opts.index_of(props["choices"], v)
            if i is not None:
                out.append(props["options"][i])
            elif props.get("accept_new_options") and isinstance(v, str):
                out.append(v)  # a new option the visitor added: its chip shows the text
        return out

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        labels: list[str] = props["options"]
        if not isinstance(raw, (list, tuple)):
            raise InvalidWidgetValue(raw)
        out = []
        if len(set(map(str, raw))) != len(raw):  # the tags input never sends one option twice
            raise InvalidWidgetValue(raw)
        for label in raw:
            if is_new_option(label, labels):
                # Only a box that offers "Add" sends text that is no option's label.
                if not props.get("accept_new_options"):
                    raise InvalidWidgetValue(label)
                out.append(label)
                continue
            if label not in labels:
                raise InvalidWidgetValue(label)
            out.append(props["choices"][labels.index(label)])
        limit = props.get("max_selections")
        if limit is not None and len(out) > limit:
            raise InvalidWidgetValue(raw)
        return out
