"""``st.button`` and ``st.form_submit_button``: triggers, True in the one run after a click."""

from __future__ import annotations

from typing import Any, Callable

import ipywidgets as w

from jupyst.elements.registry import register
from jupyst.elements.widget_base import WidgetCall, widget_value
from jupyst.elements.widget_renderer import WidgetRenderer
from jupyst.errors import StreamlitInvalidLayoutContextError, StreamlitValueError

FORM_DOCS_INFO = (
    "\n\nFor more information, refer to the\n[documentation for forms]"
    "(https://docs.streamlit.io/develop/api-reference/execution-flow/st.form).\n"
)
_TYPES = ("primary", "secondary", "tertiary")


def _button(
    dg: Any,
    kind: str,
    label: str,
    key: Any,
    help: str | None,
    on_click: Callable[..., Any] | None,
    args: Any,
    kwargs: Any,
    type: str,
    icon: str | None,
    disabled: bool,
    is_submitter: bool,
) -> bool:
    if type not in _TYPES:
        raise StreamlitValueError("type", [f"'{t}'" for t in _TYPES])
    in_form = bool(dg._form_id())
    if in_form and not is_submitter:
        raise StreamlitInvalidLayoutContextError(
            "`st.button()` can't be used in an `st.form()`. Use `st.form_submit_button()` "
            f"instead to submit the form.{FORM_DOCS_INFO}"
        )
    if not in_form and is_submitter:
        raise StreamlitInvalidLayoutContextError(
            f"`st.form_submit_button()` must be used inside an `st.form()`.{FORM_DOCS_INFO}"
        )
    call = WidgetCall(
        kind=kind,
        label=label,
        key=key,
        help=help,
        on_change=on_click,
        args=args,
        kwargs=kwargs,
        disabled=disabled,
        identity={"icon": icon, "is_form_submitter": is_submitter, "type": type},
        trigger=True,
        writable=False,
        is_form_submitter=is_submitter,
    )
    return bool(widget_value(dg, call, False, {"type": type, "icon": icon, "is_form_submitter": is_submitter}))


class ButtonMixin:
    def button(
        self,
        label: str,
        key: Any = None,
        help: str | None = None,
        on_click: Callable[..., Any] | None = None,
        args: Any = None,
        kwargs: Any = None,
        *,
        type: str = "secondary",
        icon: str | None = None,
        icon_position: str = "left",
        disabled: bool = False,
        use_container_width: bool | None = None,
        width: Any = "content",
        shortcut: str | None = None,
    ) -> bool:
        """Draw a button; True only in the run that follows its click."""
        return _button(self, "button", label, key, help, on_click, args, kwargs, type, icon, disabled, False)

    def form_submit_button(
        self,
        label: str = "Submit",
        help: str | None = None,
        on_click: Callable[..., Any] | None = None,
        args: Any = None,
        kwargs: Any = None,
        *,
        key: Any = None,
        type: str = "secondary",
        icon: str | None = None,
        icon_position: str = "left",
        disabled: bool = False,
        use_container_width: bool | None = None,
        width: Any = "content",
        shortcut: str | None = None,
    ) -> bool:
        """Draw the button that sends a form's values in one rerun."""
        form_id = self._form_id()  # type: ignore[attr-defined]
        if key is None and form_id:
            key = f"FormSubmitter:{form_id}-{label}"
        return _button(self, "form_submit_button", label, key, help, on_click, args, kwargs, type, icon, disabled, True)


@register
class ButtonRenderer(WidgetRenderer):
    kind = "button"
    cls = w.Button
    event = "click"
    value_trait = None

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        icon = props.get("icon")
        label = f"{icon} {props['label']}" if icon and not str(icon).startswith(":material") else props["label"]
        return {
            "description": label,
            "tooltip": props.get("help"),
            "disabled": bool(props.get("disabled")),
            "button_style": "primary" if props.get("type") == "primary" else "",
            "_dom_classes": ("jupyst-element", f"jupyst-{self.kind}", "jupyst-widget", f"jupyst-btn-{props.get('type', 'secondary')}"),
        }


@register
class FormSubmitButtonRenderer(ButtonRenderer):
    kind = "form_submit_button"
