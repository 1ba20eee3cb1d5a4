"""The sandboxed iframe behind ``st.iframe``, ``components.html`` and custom components.

:class:`ComponentFrame` speaks anywidget's protocol with ``component_frame.js``. It draws an
``<iframe>`` from inline HTML (``srcdoc``) or a URL (``src``) under Streamlit's sandbox
policy, so the HTML's scripts run in their own document. With ``protocol`` on, the frame
also speaks the custom-component protocol of ``streamlit-component-lib`` through
``postMessage``:

- the component says ``streamlit:componentReady``; the frame answers with a
  ``streamlit:render`` event carrying ``render`` (args, dataframes, ``disabled``) and a
  theme, and again whenever ``render`` changes;
- ``streamlit:setFrameHeight`` sets the iframe's height;
- ``streamlit:setComponentValue`` sets ``value`` to ``{"value", "dataType"}``, which the
  reconciler turns into the widget value. The kernel does not trust it: the element's
  renderer refuses anything that is not a JSON value or bytes (``value_problem``).
"""

from __future__ import annotations

import json
from typing import Any

import traitlets as t

from jupyst.widgets.browser_input import add_browser_traits
from jupyst.widgets.module_widget import ModuleWidget, es_module

# serverBase() comes first (server_base.js exports nothing), then the widget.
_ESM = es_module("component_frame")

#: Streamlit's sandbox for component and HTML iframes: scripts, forms and same-origin access
#: (the HTML is the app author's, as in Streamlit), popups and downloads.
SANDBOX = (
    "allow-forms allow-modals allow-popups allow-popups-to-escape-sandbox "
    "allow-same-origin allow-scripts allow-downloads"
)

#: Largest component value accepted from the front end, in bytes of JSON or raw bytes.
MAX_VALUE_BYTES = 64 * 1024 * 1024

#: what ``setComponentValue`` may send
DATA_TYPES = ("json", "bytes")


class ComponentFrame(ModuleWidget):
    """An iframe of inline HTML or a URL; optionally a Streamlit custom component."""
    _esm = t.Unicode(_ESM, help="The frame's ES module (component_frame.js).").tag(sync=True)
    _anywidget_id = t.Unicode("jupyst.widgets.component_frame.ComponentFrame").tag(sync=True)

    srcdoc = t.Unicode("", help="Inline HTML of the frame's document (wins over src).").tag(sync=True)
    src = t.Unicode("", help="URL of the frame's document.").tag(sync=True)
    src_on_server = t.Bool(False, help="src is a path below the Jupyter server's base URL (a served component).").tag(sync=True)
    height = t.Int(150, help="Height in CSS pixels; -1 sizes an inline document to its content.").tag(sync=True)
    width = t.Unicode("100%", help="CSS width of the frame.").tag(sync=True)
    scrolling = t.Bool(False, help="Whether content taller than the frame scrolls.").tag(sync=True)
    tab_index = t.Int(None, allow_none=True, help="The iframe's tabindex; None for the browser's default.").tag(sync=True)
    title = t.Unicode("", help="Accessible title of the iframe (st.iframe's alt).").tag(sync=True)
    sandbox = t.Unicode(SANDBOX, help="The iframe's sandbox attribute.").tag(sync=True)
    protocol = t.Bool(False, help="Speak the custom-component postMessage protocol.").tag(sync=True)
    render = t.Dict(help="The render event: {'args', 'dfs', 'disabled'} (bytes travel as buffers).").tag(sync=True)
    value = t.Dict(default_value=None, allow_none=True, help="The component's value: {'value', 'dataType'}; None until it sets one.").tag(sync=True)


def value_problem(raw: Any) -> str | None:
    """What is wrong with a component value from the front end (None: nothing)."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) - {"value", "dataType"}:
        return "a component value is {'value': ..., 'dataType': 'json' | 'bytes'}"
    kind = raw.get("dataType", "json")
    if kind not in DATA_TYPES:
        return f"dataType {kind!r} is not supported (json or bytes)"
    value = raw.get("value")
    if kind == "bytes":
        if not isinstance(value, (bytes, bytearray, memoryview)):
            return "a bytes value must arrive as a binary buffer"
        size = len(bytes(value))
    else:
        try:
            size = len(json.dumps(value, allow_nan=False))
        except (TypeError, ValueError) as exc:
            return f"the value is not JSON: {exc}"
    if size > MAX_VALUE_BYTES:
        return f"the value is larger than {MAX_VALUE_BYTES} bytes"
    return None


def decode_value(raw: dict[str, Any] | None) -> Any:
    """The Python value of a checked front-end value: JSON as is, bytes as ``bytes``."""
    if raw is None:
        return None
    if raw.get("dataType") == "bytes":
        return bytes(raw["value"])
    return raw.get("value")


def encode_value(value: Any) -> dict[str, Any] | None:
    """The trait form of a widget value (the inverse of :func:`decode_value`)."""
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"value": bytes(value), "dataType": "bytes"}
    return {"value": value, "dataType": "json"}


def _component_value(value: object) -> bool:
    """What the frame's JS sends: ``{"value": ..., "dataType": ...}`` (the element checks the rest)."""
    return value is None or (isinstance(value, dict) and set(value) <= {"value", "dataType"})


add_browser_traits(ComponentFrame, {"value": _component_value})
