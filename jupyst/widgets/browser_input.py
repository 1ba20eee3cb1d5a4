"""What a visitor's browser may change on the app's widgets, checked before ipywidgets sees it.

A widget's front end sends few things: a slider its ``value`` (a number), a dropdown its
``index``, tabs their ``selected_index``, a button a ``click``. Anything else arriving over the
socket for a model the app created (its layout, its options, a huge value of the wrong type)
was forged. ipywidgets would set any synced trait it is sent, and coerce what it can
(``"5"`` into 5, ``1`` into ``True``), so the app's widgets take their messages through
:func:`guard` instead: a message that sets anything else, or a value whose JSON type is not
the one that front end sends, is refused whole. The refusal answers the browser with an echo
of the kernel's own state (the view snaps back and ipywidgets' echo bookkeeping stays in
step) and is logged in one bounded line.

Whether a well-typed value is one the element offers (inside the range, one of the options)
is the element's renderer's call (``from_widget``); this module only checks the shape.
"""

from __future__ import annotations

import contextlib
import logging
import math
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget import _put_buffers, _remove_buffers

log = logging.getLogger("jupyst")

#: longest logged excerpt of a refused message (a forged value can be megabytes)
LOG_EXCERPT = 200

Check = Callable[[Any], bool]


def _bool(v: Any) -> bool:
    return isinstance(v, bool)


def _int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _number(v: Any) -> bool:
    return (_int(v) or isinstance(v, float)) and math.isfinite(v)


def _str(v: Any) -> bool:
    return isinstance(v, str)


def _optional(check: Check) -> Check:
    return lambda v: v is None or check(v)


def _list_of(check: Check, length: int | None = None) -> Check:
    return lambda v: isinstance(v, (list, tuple)) and (length is None or len(v) == length) and all(check(x) for x in v)


def _dict(v: Any) -> bool:
    return isinstance(v, dict)


#: what each front end sends: model class -> {trait: check of the JSON value}; the first
#: class in this order that a widget is an instance of decides (subclasses before bases)
BROWSER_TRAITS: list[tuple[type[w.Widget], dict[str, Check]]] = [
    (w.Checkbox, {"value": _bool}),
    (w.ToggleButton, {"value": _bool}),
    (w.SelectionRangeSlider, {"index": _list_of(_int, 2)}),
    (w.SelectMultiple, {"index": _list_of(_int)}),
    (w.Dropdown, {"index": _optional(_int)}),
    (w.RadioButtons, {"index": _optional(_int)}),
    (w.ToggleButtons, {"index": _optional(_int)}),
    (w.SelectionSlider, {"index": _int}),
    (w.TagsInput, {"value": _list_of(_str)}),
    (w.IntRangeSlider, {"value": _list_of(_int, 2)}),
    (w.FloatRangeSlider, {"value": _list_of(_number, 2)}),
    (w.IntSlider, {"value": _int}),
    (w.FloatSlider, {"value": _number}),
    (w.Text, {"value": _str}),
    (w.Textarea, {"value": _str}),
    (w.ColorPicker, {"value": _str}),
    (w.DatePicker, {"value": _optional(_dict)}),
    (w.TimePicker, {"value": _optional(_dict)}),
    (w.NaiveDatetimePicker, {"value": _optional(_dict)}),
    (w.FileUpload, {"value": _list_of(_dict)}),
    (w.Tab, {"selected_index": _optional(_int)}),
    (w.Accordion, {"selected_index": _optional(_int)}),
]

#: custom messages a front end sends: model class -> the message contents it may send
BROWSER_EVENTS: list[tuple[type[w.Widget], list[dict[str, Any]]]] = [
    (w.Button, [{"event": "click"}]),
]

_GUARDED = "_jupyst_guarded"
#: the attribute holding the lock of the runtime's writes to a widget (see guard_tree)
_WRITE_LOCK = "_jupyst_write_lock"


def add_browser_traits(cls: type[w.Widget], traits: Mapping[str, Check]) -> None:
    """Declare what a custom widget's own front end sends (jupyst's anywidgets call this)."""
    BROWSER_TRAITS.insert(0, (cls, dict(traits)))


def browser_traits(widget: w.Widget) -> dict[str, Check]:
    for cls, traits in BROWSER_TRAITS:
        if isinstance(widget, cls):
            return traits
    return {}


def browser_events(widget: w.Widget) -> list[dict[str, Any]]:
    for cls, events in BROWSER_EVENTS:
        if isinstance(widget, cls):
            return events
    return []


def excerpt(value: Any, limit: int = LOG_EXCERPT) -> str:
    """``repr(value)`` cut to ``limit`` characters, without building a huge repr first."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"<{len(value)} bytes>"
    if isinstance(value, str) and len(value) > limit:
        return repr(value[:limit]) + f"… ({len(value)} characters)"
    if isinstance(value, dict):
        parts = []
        for key, item in list(value.items())[:8]:
            parts.append(f"{excerpt(key, 40)}: {excerpt(item, limit // 2)}")
        more = ", …" if len(value) > 8 else ""
        text = "{" + ", ".join(parts) + more + "}"
    elif isinstance(value, (list, tuple)):
        text = "[" + ", ".join(excerpt(item, limit // 2) for item in list(value)[:8]) + (", …" if len(value) > 8 else "") + "]"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def message_problem(widget: w.Widget, data: Any) -> str | None:
    """Why a comm message's ``data`` from the browser is not one this widget's page sends."""
    if not isinstance(data, dict):
        return "not a widget message"
    method = data.get("method")
    if method == "request_state":
        return None
    if method == "custom":
        if data.get("content") in browser_events(widget):
            return None
        return f"a custom message {excerpt(data.get('content'))}"
    if method != "update":
        return f"an unknown method {excerpt(method, 40)}"
    state = data.get("state")
    if not isinstance(state, dict):
        return "an update without a state"
    allowed = browser_traits(widget)
    for name, value in state.items():
        check = allowed.get(name)
        if check is None:
            return f"{excerpt(name, 60)} of a {type(widget).__name__}, which its page never sets"
        if not check(value):
            return f"{name}={excerpt(value)} of the wrong type for a {type(widget).__name__}"
    return None


def handle_browser_message(widget: w.Widget, msg: dict[str, Any]) -> None:
    """Hand a comm message to ``widget`` if its page could have sent it; refuse it otherwise."""
    content = msg.get("content") if isinstance(msg, dict) else None
    data = content.get("data") if isinstance(content, dict) else None
    problem = message_problem(widget, data)
    if problem is not None or not isinstance(data, dict):
        log.warning("jupyst: refused a message from the browser: %s", problem or "not a widget message")
        _snap_back(widget, data)
        return
    try:
        # traitlets holds a widget's change notifications per object, not per thread: a
        # value set here while the script thread writes the same widget would be announced
        # on that thread, as one of the runtime's own writes, and the visitor's input lost.
        with getattr(widget, _WRITE_LOCK, None) or contextlib.nullcontext():
            if data["method"] == "update":
                # ipywidgets' own handler would log a refused value whole, with a traceback.
                state = data["state"]
                if data.get("buffer_paths"):
                    _put_buffers(state, data["buffer_paths"], msg.get("buffers") or [])
                widget.set_state(state)
            else:
                widget._handle_msg(msg)
    except Exception as exc:  # a value the trait itself refuses: one bounded line, no traceback
        log.warning("jupyst: refused a value from the browser for a %s: %s", type(widget).__name__, excerpt(str(exc)))
        _snap_back(widget, data)


def _snap_back(widget: w.Widget, data: Any) -> None:
    """Answer a refused update with the kernel's own values of the traits it named.

    ipywidgets' front end waits for an echo of each update it sent; an echo carrying the
    kernel's values ends that wait and puts the view back as it was.
    """
    state = data.get("state") if isinstance(data, dict) else None
    if not isinstance(state, dict) or widget.comm is None:
        return
    names = [name for name in state if isinstance(name, str) and name in widget.keys]
    if not names:
        return
    current, paths, buffers = _remove_buffers(widget.get_state(names))
    widget._send({"method": "echo_update", "state": current, "buffer_paths": paths}, buffers=buffers)


def guard(widget: w.Widget) -> None:
    """Route ``widget``'s messages from the browser through the checks above (idempotent)."""
    comm = getattr(widget, "comm", None)
    if comm is None or getattr(widget, _GUARDED, False):
        return
    comm.on_msg(lambda msg: handle_browser_message(widget, msg))
    setattr(widget, _GUARDED, True)


def guard_tree(widget: w.Widget, write_lock: AbstractContextManager[Any] | None = None) -> None:
    """Guard a widget, every widget below it and their own layout and style models.

    ``write_lock`` is the lock under which the runtime writes these widgets: a browser's
    message is applied holding it, never in the middle of such a write.
    """
    stack = [widget]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen or not isinstance(item, w.Widget):
            continue
        seen.add(id(item))
        guard(item)
        if write_lock is not None:
            setattr(item, _WRITE_LOCK, write_lock)
        parts = getattr(item, "parts", None)
        if callable(parts):
            stack.extend(parts())
        stack.extend(getattr(item, "children", ()) or ())
        for attr in ("layout", "style"):
            sub = getattr(item, attr, None)
            if isinstance(sub, w.Widget):
                stack.append(sub)
