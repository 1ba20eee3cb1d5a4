"""Buttons: ``st.button``, ``st.form_submit_button``, ``st.download_button`` and
``st.link_button``. A button is a trigger: True in the one run after its click.

A download button is a link to a ``data:`` URL with the file (the browser saves it, in Voila
as in JupyterLab); clicking it also clicks a hidden ipywidgets Button, which is how the click
reaches Python and reruns the app. A link button opens its URL the same way.
"""

from __future__ import annotations

import base64
import html
import io
import logging
import mimetypes
import os
import threading
from typing import Any, Callable

import ipywidgets as w
import traitlets

from jupyst.elements.lib.composite_renderer import CompositeRenderer
from jupyst.elements.lib.icons import icon_html, icon_text, validate_icon
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.node import Node
from jupyst.elements.lib.registry import register
from jupyst.elements.lib.sizing import validate_width, width_layout
from jupyst.elements.lib.urls import safe_href
from jupyst.elements.lib.widget_base import WidgetCall, check_callback, check_key, widget_value
from jupyst.elements.lib.widget_renderer import WidgetRenderer
from jupyst.errors import (
    StreamlitAPIException,
    StreamlitInvalidLayoutContextError,
    StreamlitValueError,
)
from jupyst.runtime.run_context import require_run_context
from jupyst.widgets.composite import ClickBox
from jupyst.widgets.download_sink import DownloadSink
from jupyst.widgets.submit_button import SubmitButton

log = logging.getLogger("jupyst")

FORM_DOCS_INFO = (
    "\n\nFor more information, refer to the\n[documentation for forms]"
    "(https://docs.streamlit.io/develop/api-reference/execution-flow/st.form).\n"
)
_TYPES = ("primary", "secondary", "tertiary")
_POSITIONS = ("left", "right")


def _check_type(type: Any) -> None:
    if type not in _TYPES:
        raise StreamlitValueError("type", [f"'{t}'" for t in _TYPES])


def _check_icon_position(icon_position: Any) -> str:
    if icon_position is None:
        return "left"
    if icon_position not in _POSITIONS:
        raise StreamlitValueError("icon_position", ["'left'", "'right'"])
    return str(icon_position)


def _button_width(width: Any, use_container_width: bool | None) -> Any:
    """A button's width; the deprecated ``use_container_width`` wins when given."""
    if use_container_width is not None:
        return "stretch" if use_container_width else "content"
    return width


def _check_width(_wid: str, props: dict[str, Any]) -> None:
    # Streamlit checks a button's width once its id is registered, before it is drawn: a
    # refused width still takes the key (a second button of that key is a duplicate).
    validate_width(props["width"], allow_content=True)


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
    width: Any,
) -> bool:
    _check_type(type)
    icon = validate_icon(icon) or None
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
        prepare=_check_width,
    )
    return bool(widget_value(dg, call, False, {"type": type, "icon": icon, "is_form_submitter": is_submitter, "width": width}))


class ButtonMixin(ElementMixin):
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
        wrap: bool | None = None,
    ) -> bool:
        """Draw a button; True only in the run that follows its click."""
        width = _button_width(width, use_container_width)
        return _button(self._dg, "button", label, key, help, on_click, args, kwargs, type, icon, disabled, False, width)

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
        wrap: bool | None = None,
    ) -> bool:
        """Draw the button that sends a form's values in one rerun."""
        form_id = self._dg._form_id()
        if key is None and form_id:
            key = f"FormSubmitter:{form_id}-{label}"
        width = _button_width(width, use_container_width)
        return _button(self._dg, "form_submit_button", label, key, help, on_click, args, kwargs, type, icon, disabled, True, width)


    def download_button(
        self,
        label: str,
        data: Any,
        file_name: str | None = None,
        mime: str | None = None,
        key: Any = None,
        help: str | None = None,
        on_click: Any = "rerun",
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
        wrap: bool | None = None,
    ) -> bool:
        """Draw a button that downloads ``data`` as a file; True in the run after a click."""
        _check_type(type)
        icon_position = _check_icon_position(icon_position)
        width = _button_width(width, use_container_width)
        label = "" if label is None else str(label)
        check_callback(on_click, "on_click")
        if self._dg._form_id():
            raise StreamlitInvalidLayoutContextError(f"`st.download_button()` can't be used in an `st.form()`.{FORM_DOCS_INFO}")
        icon = validate_icon(icon) or None
        deferred = data if callable(data) and not disabled else None
        payload, file_name, mime = _file_payload(None if callable(data) else data, file_name, mime, disabled)
        call = WidgetCall(
            kind="download_button", label=label, key=key, help=help, on_change=on_click, args=args,
            kwargs=kwargs, disabled=disabled,
            identity={"icon": icon, "file_name": file_name, "mime": mime, "type": type, "icon_position": icon_position},
            trigger=True, writable=False, click_modes=("rerun", "ignore"), prepare=_check_width,
        )
        props = {"type": type, "icon": icon, "file_name": file_name, "mime": mime, "data": payload, "rerun": on_click != "ignore", "deferred": deferred, "width": width}
        return bool(widget_value(self._dg, call, False, props))

    def link_button(
        self,
        label: str,
        url: str,
        *,
        key: Any = None,
        on_click: Any = "ignore",
        args: Any = None,
        kwargs: Any = None,
        help: str | None = None,
        type: str = "secondary",
        icon: str | None = None,
        icon_position: str = "left",
        disabled: bool = False,
        use_container_width: bool | None = None,
        width: Any = "content",
        shortcut: str | None = None,
        wrap: bool | None = None,
    ) -> Any:
        """Draw a button that opens ``url``; with ``on_click`` it also reruns (True after a click)."""
        from jupyst.elements.lib import identity as ids

        _check_type(type)
        icon_position = _check_icon_position(icon_position)
        width = _button_width(width, use_container_width)
        label = "" if label is None else str(label)
        check_callback(on_click, "on_click")
        icon = validate_icon(icon) or None
        props = {"type": type, "icon": icon, "url": str(url), "rerun": on_click != "ignore", "label": label, "help": help, "disabled": disabled, "width": width}
        if on_click != "ignore":
            call = WidgetCall(
                kind="link_button", label=label, key=key, help=help, on_change=on_click, args=args,
                kwargs=kwargs, disabled=disabled,
                identity={"icon": icon, "url": url, "type": type, "icon_position": icon_position},
                trigger=True, writable=False, click_modes=("rerun", "ignore"), prepare=_check_width,
            )
            return bool(widget_value(self._dg, call, False, props))
        dg = self._dg._active()
        if key is not None:
            check_key(key)
            ctx = require_run_context()
            user_key = str(key)
            if ctx.session.state.is_new_user_value(user_key):
                from jupyst.errors import StreamlitValueAssignmentNotAllowedError

                raise StreamlitValueAssignmentNotAllowedError(user_key)
            ids.element_id(ctx, "link_button", user_key, form_id=dg._form_id(), root=dg._root_name())
            props["key"] = user_key
        _check_width("", props)
        return dg._append(Node(kind="link_button", props=props))


@register
class ButtonRenderer(WidgetRenderer):
    kind = "button"
    cls = w.Button
    event = "click"
    value_trait = None

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        icon = icon_text(props.get("icon"))
        label = f"{icon} {props['label']}" if icon else props["label"]
        return {
            "description": label,
            "tooltip": props.get("help"),
            "disabled": bool(props.get("disabled")),
            "button_style": "primary" if props.get("type") == "primary" else "",
            "_dom_classes": ("jupyst-element", f"jupyst-{self.kind}", "jupyst-widget", f"jupyst-btn-{props.get('type', 'secondary')}"),
            **width_layout(props.get("width")),
        }


@register
class FormSubmitButtonRenderer(ButtonRenderer):
    kind = "form_submit_button"
    cls = SubmitButton  # a Button whose view also submits the form on Enter


# ----- download and link buttons ---------------------------------------------------------------------
def _file_payload(data: Any, file_name: str | None, mime: str | None, disabled: bool) -> tuple[bytes | None, str | None, str | None]:
    """The bytes to download, with the file name and type inferred as Streamlit infers them."""
    if data is None:  # a callable, made into the file on click (LinkBox.deferred)
        return None, file_name, mime
    name = getattr(data, "name", None)
    if isinstance(name, str) and name:
        if file_name is None:
            file_name = os.path.basename(name)
        if mime is None:
            mime = mimetypes.guess_type(file_name)[0]
    if isinstance(data, str):
        payload, guessed = data.encode(), "text/plain"
    elif isinstance(data, io.TextIOWrapper):
        payload, guessed = data.read().encode(), "text/plain"
    elif isinstance(data, io.StringIO):
        payload, guessed = data.getvalue().encode(), "text/plain"
    elif isinstance(data, bytes):
        payload, guessed = data, "application/octet-stream"
    elif isinstance(data, io.BytesIO):
        data.seek(0)
        payload, guessed = data.getvalue(), "application/octet-stream"
    elif isinstance(data, (io.BufferedReader, io.RawIOBase)):
        data.seek(0)
        payload, guessed = data.read() or b"", "application/octet-stream"
    else:
        raise StreamlitAPIException(f"Invalid binary data format: {type(data)}")
    return payload, file_name, mime or guessed


class LinkBox(ClickBox):
    """An anchor styled as a button, and a hidden Button that carries its clicks to Python."""

    href = traitlets.Unicode("")
    download = traitlets.Unicode(None, allow_none=True)
    label_html = traitlets.Unicode("")
    tooltip = traitlets.Unicode(None, allow_none=True)
    button_type = traitlets.Unicode("secondary")
    rerun = traitlets.Bool(True)
    #: st.download_button's callable data: run on click, its file sent to the page then
    deferred = traitlets.Any(None, allow_none=True)
    file_name = traitlets.Unicode(None, allow_none=True)
    mime = traitlets.Unicode(None, allow_none=True)

    def __init__(self, **kwargs: Any) -> None:
        self._sink: DownloadSink | None = None
        self._anchor = w.HTML(_dom_classes=("jupyst-link-html",))
        self._trigger = w.Button(_dom_classes=("jupyst-hidden-trigger",), layout=w.Layout(display="none"))
        self._trigger.on_click(self._on_trigger)
        super().__init__(**kwargs)
        self.children = (self._anchor, self._trigger, *([self._sink] if self._sink is not None else []))
        self._draw()

    def _on_trigger(self, _button: w.Button) -> None:
        if self.disabled:
            return
        if self.deferred is not None:
            # As Streamlit: the callable runs on its own thread, beside the rerun the click starts.
            threading.Thread(target=self._make_file, args=(self.deferred,), name="jupyst-download", daemon=True).start()
        if self.rerun:
            self.click()

    def _make_file(self, make: Any) -> None:
        sink = self._sink
        if sink is None:
            return
        try:
            payload, name, mime = _file_payload(make(), self.file_name, self.mime, False)
        except Exception as exc:  # the app's callable failed: say so beside the button
            log.exception("jupyst: the download button's data callable failed")
            sink.error = f"The download could not be made: {type(exc).__name__}"
            return
        self._seq = getattr(self, "_seq", 0) + 1
        sink.error = ""
        sink.file = {"seq": self._seq, "name": name or "download", "mime": mime or "application/octet-stream", "data": payload or b""}

    @traitlets.observe("deferred")
    def _deferred_set(self, change: dict[str, Any]) -> None:
        if change["new"] is not None and self._sink is None:
            self._sink = DownloadSink(layout=w.Layout(width="0", height="0", overflow="hidden"))
            self.children = (*self.children, self._sink)
        self._draw()

    @traitlets.observe("href", "download", "label_html", "tooltip", "button_type", "rerun", "disabled")
    def _changed(self, _change: dict[str, Any]) -> None:
        if hasattr(self, "_anchor"):
            self._draw()

    def _draw(self) -> None:
        classes = f"jupyst-link-button jupyst-btn-{self.button_type}"
        title = f' title="{html.escape(self.tooltip)}"' if self.tooltip else ""
        if self.deferred is not None and not self.disabled:
            # No file yet: the click asks the kernel to make it (see _on_trigger).
            self._anchor.value = (
                f'<a class="{classes}" href="#" role="button"{title} onclick="var b=this.closest(\'.jupyst-click-box\');'
                "if(b){var t=b.querySelector('.jupyst-hidden-trigger');if(t){t.click();}}return false;\">"
                f"{self.label_html}</a>"
            )
            return
        if self.disabled or not self.href:
            self._anchor.value = f'<span class="{classes} jupyst-disabled"{title}>{self.label_html}</span>'
            return
        download = "" if self.download is None else f' download="{html.escape(self.download)}"'
        target = "" if self.download is not None else ' target="_blank" rel="noopener noreferrer"'
        onclick = (
            " onclick=\"var b=this.closest('.jupyst-click-box');if(b){"
            "var t=b.querySelector('.jupyst-hidden-trigger');if(t){t.click();}}\""
            if self.rerun else ""
        )
        self._anchor.value = (
            f'<a class="{classes}" href="{html.escape(self.href)}"{download}{target}{title}{onclick}>'
            f"{self.label_html}</a>"
        )


def _label_html(props: dict[str, Any]) -> str:
    from jupyst.elements.lib.markdown import render

    icon = icon_html(props.get("icon"))
    text = render(props.get("label") or "", inline=True)
    if props.get("icon_position") == "right":
        return f"{text} {icon}".strip()
    return f"{icon} {text}".strip()


class _LinkRenderer(CompositeRenderer):
    cls = LinkBox
    event = "click"
    value_trait = None

    def href(self, props: dict[str, Any]) -> tuple[str, str | None]:
        raise NotImplementedError

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        href, download = self.href(props)
        return {
            "deferred": props.get("deferred"),
            "file_name": props.get("file_name"),
            "mime": props.get("mime"),
            "href": href,
            "download": download,
            "label_html": _label_html(props),
            "tooltip": props.get("help"),
            "button_type": props.get("type", "secondary"),
            "rerun": bool(props.get("rerun")),
            "disabled": bool(props.get("disabled")),
            "_dom_classes": ("jupyst-element", f"jupyst-{self.kind}", "jupyst-widget", "jupyst-click-box", *(("jupyst-fill",) if props.get("width", "content") != "content" else ())),
            **width_layout(props.get("width")),
        }


@register
class DownloadButtonRenderer(_LinkRenderer):
    kind = "download_button"

    def href(self, props: dict[str, Any]) -> tuple[str, str | None]:
        data = props.get("data")
        if data is None:
            return "", None
        mime = props.get("mime") or "application/octet-stream"
        encoded = base64.b64encode(data).decode("ascii")
        return f"data:{mime};base64,{encoded}", props.get("file_name") or "download"


@register
class LinkButtonRenderer(_LinkRenderer):
    kind = "link_button"

    def href(self, props: dict[str, Any]) -> tuple[str, str | None]:
        return safe_href(props.get("url", "")), None
