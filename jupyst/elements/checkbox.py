"""``st.checkbox`` and ``st.toggle``: a bool each (the toggle is drawn as a switch)."""

from __future__ import annotations

from typing import Any, Callable

import ipywidgets as w

from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.registry import InvalidWidgetValue, register
from jupyst.elements.lib.widget_base import WidgetCall, widget_value
from jupyst.elements.lib.widget_renderer import WidgetRenderer


class CheckboxMixin(ElementMixin):
    def _bool_widget(self, kind: str, label: str, value: bool, key: Any, help: str | None, on_change: Any, args: Any, kwargs: Any, disabled: bool, label_visibility: str) -> bool:
        call = WidgetCall(
            kind=kind, label=label, key=key, help=help, on_change=on_change, args=args,
            kwargs=kwargs, disabled=disabled, label_visibility=label_visibility,
            identity={"value": bool(value)},
        )
        return bool(widget_value(self._dg, call, bool(value), {}))

    def checkbox(self, label: str, value: bool = False, key: Any = None, help: str | None = None, on_change: Callable[..., Any] | str | None = "rerun", args: Any = None, kwargs: Any = None, *, disabled: bool = False, label_visibility: str = "visible", width: Any = "content", wrap: bool | None = None, bind: Any = None, persist_state: Any = None) -> bool:
        """Draw a checkbox and return whether it is ticked."""
        return self._dg._bool_widget("checkbox", label, value, key, help, on_change, args, kwargs, disabled, label_visibility)

    def toggle(self, label: str, value: bool = False, key: Any = None, help: str | None = None, on_change: Callable[..., Any] | str | None = "rerun", args: Any = None, kwargs: Any = None, *, disabled: bool = False, label_visibility: str = "visible", width: Any = "content", wrap: bool | None = None, bind: Any = None, persist_state: Any = None) -> bool:
        """Draw an on/off switch and return whether it is on."""
        return self._dg._bool_widget("toggle", label, value, key, help, on_change, args, kwargs, disabled, label_visibility)


@register
class CheckboxRenderer(WidgetRenderer):
    kind = "checkbox"
    cls = w.Checkbox

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"indent": False}

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        if not isinstance(raw, bool):
            raise InvalidWidgetValue(raw)
        return raw


@register
class ToggleRenderer(CheckboxRenderer):
    kind = "toggle"
