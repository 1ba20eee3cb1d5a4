"""The front end of ``st.components.v2`` components: the app author's HTML, CSS and JS in the page.

:class:`BidiComponentWidget` is drawn by ``bidi_component.js``, which mounts ``html`` and
``css`` (inside a shadow root when ``isolate_styles``), imports ``js`` as an ES module and
calls its default export with Streamlit's component arguments: ``name``, ``key``, ``data``,
``parentElement``, ``setStateValue`` and ``setTriggerValue``. It calls it again when
``data`` changes and calls the cleanup function it returned when the component goes.

What the component sets comes back as one ``value``:
``{"state": {name: value}, "events": [{"event": name, "value": value}], "seq": n}`` (``seq``
counts sends, so two identical clicks are two messages). The kernel does not trust it:
:func:`message_problem` refuses anything else (wrong shapes, non-JSON values, oversized
payloads) before the element turns it into session state.
"""

from __future__ import annotations

import json
import math
from typing import Any

import traitlets as t

from jupyst.widgets.browser_input import add_browser_traits
from jupyst.widgets.module_widget import ModuleWidget, es_module

# serverBase() comes first (server_base.js exports nothing), then the widget.
_ESM = es_module("bidi_component")

#: largest message a component may send, in bytes of JSON (Streamlit's websocket limit is 200 MB;
#: a component's state is small, so this guards the kernel rather than restricts authors)
MAX_MESSAGE_BYTES = 16 * 1024 * 1024
#: most trigger events one message may carry
MAX_EVENTS = 1000
#: longest state or event name
MAX_NAME = 256


class BidiComponentWidget(ModuleWidget):
    """One mounted ``st.components.v2`` component."""

    _esm = t.Unicode(_ESM, help="The component host's ES module (bidi_component.js).").tag(sync=True)
    _anywidget_id = t.Unicode("jupyst.widgets.bidi_component.BidiComponentWidget").tag(sync=True)

    component_name = t.Unicode("", help="The name the component was registered under.").tag(sync=True)
    element_key = t.Unicode("", help="The instance's front-end key (unique in the page).").tag(sync=True)
    html = t.Unicode("", help="The component's inline HTML.").tag(sync=True)
    css = t.Unicode("", help="The component's inline CSS.").tag(sync=True)
    js = t.Unicode("", help="The component's inline JavaScript (an ES module).").tag(sync=True)
    css_url = t.Unicode("", help="A served stylesheet of a packaged component, below the server's base URL.").tag(sync=True)
    js_url = t.Unicode("", help="A served ES module of a packaged component, below the server's base URL.").tag(sync=True)
    isolate_styles = t.Bool(True, help="Mount inside a shadow root.").tag(sync=True)
    data_kind = t.Unicode("json", help="How data travels: json, bytes or arrow.").tag(sync=True)
    data_json = t.Unicode(None, allow_none=True, help="The data as JSON text (None: no data).").tag(sync=True)
    data_bytes = t.Bytes(None, allow_none=True, help="Raw bytes data, or a dataframe as Arrow IPC bytes.").tag(sync=True)
    arrow_blobs = t.Dict(help="Dataframes of a dict's first level as Arrow IPC bytes, by reference.").tag(sync=True)
    value = t.Dict(default_value=None, allow_none=True, help="What the component last sent (see the module doc).").tag(sync=True)


def _json_ok(value: Any) -> bool:
    """Whether a value is plain JSON (what JSON.parse can give): no NaN, no other types."""
    stack = [value]
    while stack:
        item = stack.pop()
        if item is None or isinstance(item, (bool, str)):
            continue
        if isinstance(item, (int, float)):
            if isinstance(item, float) and not math.isfinite(item):
                return False
            continue
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if not all(isinstance(k, str) for k in item):
                return False
            stack.extend(item.values())
        else:
            return False
    return True


def _name_ok(name: Any) -> bool:
    return isinstance(name, str) and 0 < len(name) <= MAX_NAME


def message_problem(raw: Any) -> str | None:
    """What is wrong with a message a component's page sent (None: nothing)."""
    if not isinstance(raw, dict) or set(raw) - {"state", "events", "seq"}:
        return "a component message is {'state': {...}, 'events': [...], 'seq': n}"
    state = raw.get("state") or {}
    events = raw.get("events") or []
    if not isinstance(state, dict) or not all(_name_ok(k) for k in state):
        return "the state is not a mapping of names to values"
    if not isinstance(events, list) or len(events) > MAX_EVENTS:
        return "the events are not a list of at most 1000 events"
    for event in events:
        if not isinstance(event, dict) or set(event) - {"event", "value"} or not _name_ok(event.get("event")):
            return "an event is not {'event': name, 'value': ...}"
    if not _json_ok(state) or not _json_ok(events):
        return "a value is not JSON"
    if len(json.dumps([state, events])) > MAX_MESSAGE_BYTES:
        return f"the message is larger than {MAX_MESSAGE_BYTES} bytes"
    return None


def _shape(value: object) -> bool:
    """What the page's JS sends for ``value`` (the element checks the contents)."""
    return isinstance(value, dict)


add_browser_traits(BidiComponentWidget, {"value": _shape})
