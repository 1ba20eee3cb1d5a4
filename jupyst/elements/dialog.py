"""``st.dialog``: a decorator whose function, when called, opens a modal over the app.

The modal is a "dialog" block in the run's event root (over the page, not inside the
container that called it); its body is a fragment, so its widgets rerun only the dialog.
``st.rerun()`` reruns the app, which no longer calls the function: the dialog closes. A
visitor closes a dismissible dialog with its close button, a click on the backdrop or Esc;
``on_dismiss="rerun"`` or a callback then reruns the app (the callback first), through a
trigger widget registered under the dialog's id, as Streamlit does. One dialog per run.
"""

from __future__ import annotations

import itertools
from functools import wraps
from typing import Any, Callable, TypeVar

from jupyst.elements.fragment import make_fragment
from jupyst.elements.lib import identity
from jupyst.elements.lib.composite_renderer import CompositeRenderer
from jupyst.elements.lib.icons import icon_html, validate_icon
from jupyst.elements.lib.markdown import render
from jupyst.elements.lib.node import Node
from jupyst.elements.lib.registry import Renderer, classes, register
from jupyst.elements.lib.widget_base import check_callback
from jupyst.errors import (
    StreamlitInvalidLayoutContextError,
    StreamlitMissingRequiredParameterError,
    StreamlitValueError,
)
from jupyst.runtime.run_context import RunContext, get_run_context
from jupyst.runtime.session_state import WidgetMeta
from jupyst.widgets.dialog import DialogBox

F = TypeVar("F", bound=Callable[..., Any])

_WIDTHS = ("small", "medium", "large")
_POSITIONS = ("center", "left", "right")
#: each opening gets a new number: a dialog the visitor closed shows again when a run opens it
_openings = itertools.count(1)


def dialog(title: Any, *, width: Any = "small", position: str = "center", dismissible: bool = True, icon: str | None = None, on_dismiss: Any = "ignore") -> Any:
    """Make a function a dialog: calling it opens a modal over the app with what it draws.

    Widgets in the dialog rerun only the dialog. Call ``st.rerun()`` in it to close it;
    a visitor may close a ``dismissible`` dialog, which reruns the app when ``on_dismiss``
    is ``"rerun"`` or a callback. Only one dialog may be opened per run.
    """
    if isinstance(title, str):
        return lambda func: _dialog_function(func, title, width=width, position=position, dismissible=dismissible, icon=icon, on_dismiss=on_dismiss)
    return _dialog_function(title, "", width=width, position=position, dismissible=dismissible, icon=icon, on_dismiss=on_dismiss)


def _dialog_function(func: F, title: str, **options: Any) -> F:
    if title is None or title == "":
        raise StreamlitMissingRequiredParameterError("title", detail='For example: `@st.dialog("Example Title")`.')

    @wraps(func)
    def wrap(*args: Any, **kwargs: Any) -> None:
        ctx = get_run_context()
        if ctx is None:
            return
        _check_not_nested(ctx)
        box = _open(ctx, title, **options)

        def content() -> None:
            func(*args, **kwargs)

        body = make_fragment(content, extra=getattr(func, "__qualname__", func.__name__), full_app_scoped=True)
        with box:
            body()

    return wrap  # type: ignore[return-value]


def _check_not_nested(ctx: RunContext) -> None:
    store = ctx.session.fragments
    fid = ctx.fragment_id
    while fid:
        frag = store.get(fid)
        if frag is None:
            break
        if frag.full_app_scoped:
            raise StreamlitInvalidLayoutContextError("Dialogs may not be nested inside other dialogs.")
        fid = frag.parent_id


def _width(width: Any) -> tuple[str, int | None]:
    if width in _WIDTHS:
        return str(width), None
    if isinstance(width, int) and not isinstance(width, bool) and 0 < width <= 2**32 - 1:
        return "small", width
    raise StreamlitValueError("width", ["'small'", "'medium'", "'large'", "a positive integer"], detail=f"Got {width!r}.")


def _open(ctx: RunContext, title: str, *, width: Any, position: str, dismissible: bool, icon: str | None, on_dismiss: Any) -> Any:
    """Draw the dialog block in the event root, opened; return its container."""
    if on_dismiss is None:
        raise StreamlitValueError("on_dismiss", ["'rerun'", "'ignore'", "a callback function"])
    check_callback(on_dismiss, name="on_dismiss")
    preset, pixels = _width(width)
    if position not in _POSITIONS:
        raise StreamlitValueError("position", ["'left'", "'center'", "'right'"])
    icon_value = validate_icon(icon)
    host = type(ctx.active_container())._root_container("event")
    wid = identity.element_id(
        ctx, "dialog", None, form_id="", root="event", title=title, dismissible=dismissible, width=width,
        position=position, icon=icon, on_dismiss=on_dismiss if not callable(on_dismiss) else "callback",
    )
    node = Node(
        kind="dialog",
        props={"title": title, "width": preset, "pixel_width": pixels, "position": position, "dismissible": bool(dismissible), "icon": icon_value or None, "seq": next(_openings)},
        children=[],
    )
    if on_dismiss != "ignore":
        # Dismissing is a click on a trigger widget: the next (full) run sees it, callback first.
        node.widget_id = wid
        ctx.session.state.register_widget(
            WidgetMeta(id=wid, kind="dialog", default=False, callback=on_dismiss if callable(on_dismiss) else None, trigger=True)
        )
    box = host._append(node)
    # As Streamlit does, the block is drawn before opening it is refused.
    if ctx.dialog_opened:
        raise StreamlitInvalidLayoutContextError(
            "Only one dialog is allowed to be opened at the same time. "
            "Please make sure to not call a dialog-decorated function more than once in a script run."
        )
    ctx.dialog_opened = True
    return box


@register
class TransparentRenderer(Renderer):
    """A fragment's slot in a container made outside it: its children flow in that container."""

    kind = "transparent"

    def widget_class(self, props: dict[str, Any]) -> type:
        import ipywidgets as w

        return w.VBox

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"_dom_classes": classes("transparent")}


@register
class DialogRenderer(CompositeRenderer):
    kind = "dialog"
    cls = DialogBox
    event = "click"

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        icon = icon_html(props.get("icon"))
        title = render(props["title"], inline=True)
        extra = [f"jupyst-dialog-{props.get('width', 'small')}", f"jupyst-dialog-{props.get('position', 'center')}"]
        if props.get("pixel_width"):
            extra.append("jupyst-dialog-pixels")
        return {
            "title_html": f"{icon} {title}" if icon else title,
            "dismissible": bool(props.get("dismissible", True)),
            "open_seq": int(props.get("seq", 0)),
            "pixel_width": int(props.get("pixel_width") or 0),
            "_dom_classes": classes("dialog", *extra),
        }

    def host(self, widget: Any) -> Any:
        return widget.body
