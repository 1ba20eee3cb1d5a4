"""Alert boxes (success, info, warning, error) and the exception element.

Exceptions show their type, message and, when the session shows error details, the
traceback of the user's code (frames inside jupyst are left out).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from jupyst.elements.lib.markdown import render
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.node import Node
from jupyst.elements.lib.registry import Renderer, classes, register
from jupyst.elements.text import clean_text
from jupyst.errors import MarkdownFormattedException

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator

_ICONS = {"success": "✅", "info": "ℹ️", "warning": "⚠️", "error": "🚨"}


class AlertMixin(ElementMixin):
    def _alert(self, kind: str, body: Any, icon: str | None, title: Any = None) -> DeltaGenerator:
        from jupyst.elements.lib.icons import split_leading_icon, validate_icon

        text = clean_text(body)
        if icon is not None:
            icon = validate_icon(icon)
        else:
            # As Streamlit: a leading emoji or Material icon of the body becomes the icon.
            icon, rest = split_leading_icon(text)
            if icon:
                text = rest
        props = {"body": text, "icon": icon or None, "title": None if title is None else clean_text(title)}
        return self._dg._append(Node(kind=kind, props=props))

    def success(self, body: Any, *, icon: str | None = None, width: Any = "stretch", title: Any = None) -> DeltaGenerator:
        """Show a green box for good news."""
        return self._dg._alert("success", body, icon, title)

    def info(self, body: Any, *, icon: str | None = None, width: Any = "stretch", title: Any = None) -> DeltaGenerator:
        """Show a blue box with information."""
        return self._dg._alert("info", body, icon, title)

    def warning(self, body: Any, *, icon: str | None = None, width: Any = "stretch", title: Any = None) -> DeltaGenerator:
        """Show a yellow box with a warning."""
        return self._dg._alert("warning", body, icon, title)

    def error(self, body: Any, *, icon: str | None = None, width: Any = "stretch", title: Any = None) -> DeltaGenerator:
        """Show a red box with an error message."""
        return self._dg._alert("error", body, icon, title)

    def exception(self, exception: BaseException, width: Any = "stretch") -> DeltaGenerator:
        """Show an exception: its type, message and the traceback of the script."""
        return self._dg._append(Node(kind="exception", props=exception_props(exception)))


def exception_props(exc: BaseException) -> dict[str, Any]:
    is_api = isinstance(exc, MarkdownFormattedException)
    message = str(exc).strip()  # as Streamlit marshalls it
    from jupyst.runtime.script_errors import page_stack

    stack = page_stack(exc)  # the user's frames; a syntax error's file, line and caret
    return {
        "type": type(exc).__name__,
        "message": message,
        "stack_trace": stack,
        "is_markdown": is_api,
        "is_warning": isinstance(exc, Warning),
    }


class _AlertRenderer(Renderer):
    cls = w.HTML

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        from jupyst.elements.lib.icons import icon_html as draw_icon

        icon = props.get("icon")
        icon_html = f'<span class="jupyst-alert-icon">{draw_icon(icon)}</span>' if icon else ""
        title = props.get("title")
        title_html = f'<div class="jupyst-alert-title">{render(title, inline=True)}</div>' if title else ""
        body = render(props["body"])
        value = f'<div class="jupyst-alert jupyst-alert-{self.kind}">{icon_html}<div>{title_html}{body}</div></div>'
        return {"value": value, "_dom_classes": classes(self.kind)}


for _kind in ("success", "info", "warning", "error"):
    register(type(f"{_kind.title()}Renderer", (_AlertRenderer,), {"kind": _kind}))


@register
class ExceptionRenderer(Renderer):
    kind = "exception"
    cls = w.HTML

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        if props.get("hidden_details"):
            body = (
                "<div class='jupyst-exception-message'>This app has encountered an error. "
                "The original error message is hidden to keep the app's internals private.</div>"
            )
        else:
            message = render(props["message"]) if props["is_markdown"] else f"<pre>{html.escape(props['message'])}</pre>"
            trace = html.escape("\n".join(props["stack_trace"]))
            details = f"<details open><summary>Traceback</summary><pre>{trace}</pre></details>" if trace else ""
            body = f"<div class='jupyst-exception-message'><b>{html.escape(props['type'])}</b>: {message}</div>{details}"
        return {
            "value": f"<div class='jupyst-alert jupyst-alert-error'>{body}</div>",
            "_dom_classes": classes("exception"),
        }
