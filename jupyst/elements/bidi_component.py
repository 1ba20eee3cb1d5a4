"""Components of ``st.components.v2``: their definitions, one mounted instance, its result.

``st.components.v2.component(name, html=..., css=..., js=...)`` (jupyst/components/v2)
records a :class:`ComponentDefinition` under its name in :data:`DEFINITIONS` (the last
registration of a name wins, as in Streamlit) and returns a mounting command. Mounting
(:meth:`BidiComponentMixin._bidi_component`) draws a "bidi_component" element and keeps two
values in session state, as Streamlit does:

- the component's **state** (widget id = the element's id): a dict of the values the front
  end set with ``setStateValue``; it persists across runs. ``default`` fills keys it lacks.
- its **trigger events** (``$$STREAMLIT_INTERNAL_KEY_<id>__events``): the list of
  ``{"event", "value"}`` the front end sent with ``setTriggerValue`` for this run; a trigger
  widget, so it is ``None`` again in the run after.

``on_<name>_change`` callbacks run before the script: a state key's when its value changed,
an event's every time it arrives. The result is a :class:`ComponentResult` (a dict with
attribute access): every callback name is a key (``None`` until set), then the state.
The front end is :class:`~jupyst.widgets.bidi_component.BidiComponentWidget`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.registry import InvalidWidgetValue, Renderer, classes, register
from jupyst.elements.lib.sizing import validate_height, validate_width
from jupyst.elements.lib.widget_base import WidgetCall, widget_value
from jupyst.errors import (
    BidiComponentInvalidCallbackNameError,
    BidiComponentInvalidDefaultKeyError,
    BidiComponentInvalidIdError,
    BidiComponentUnserializableDataError,
    StreamlitAPIException,
)
from jupyst.runtime import component_folders
from jupyst.runtime.run_context import get_run_context
from jupyst.runtime.session_state import SessionState, WidgetMeta
from jupyst.widgets.bidi_component import BidiComponentWidget, message_problem

log = logging.getLogger("jupyst")

KIND = "bidi_component"
#: separates the element id from the event name in the trigger widget's id (Streamlit's "__")
EVENT_DELIM = "__"
_INTERNAL_PREFIX = "$$STREAMLIT_INTERNAL_KEY"


@dataclass(frozen=True)
class ComponentDefinition:
    """What ``st.components.v2.component`` registered under a name: inline HTML, CSS and JS.

    A packaged component's file-backed ``css``/``js`` are files of its ``asset_dir``
    (``asset_root``): ``css_file``/``js_file`` is the path inside it (the URL path the server
    serves it at), and ``css``/``js`` stay None.
    """

    name: str
    html: str | None = None
    css: str | None = None
    js: str | None = None
    asset_root: str | None = None
    css_file: str | None = None
    js_file: str | None = None

    def asset_text(self, file: str | None) -> str:
        """A file of the asset folder as text ("" for none): what a page without a file server gets inline."""
        if file is None or self.asset_root is None:
            return ""
        try:
            return (Path(self.asset_root) / file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise StreamlitAPIException(f"Cannot read {file!r} of component '{self.name}': {exc}") from exc


class _Definitions:
    """The components registered in this process, by name (shared by every session)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[str, ComponentDefinition] = {}

    def register(self, definition: ComponentDefinition) -> None:
        with self._lock:
            previous = self._items.get(definition.name)
            if previous is not None and previous != definition:
                log.warning("jupyst: component %r registered again with other content; the last one is used", definition.name)
            self._items[definition.name] = definition

    def get(self, name: str) -> ComponentDefinition | None:
        with self._lock:
            return self._items.get(name)


DEFINITIONS = _Definitions()


class ComponentResult(dict):
    """A component's trigger and state values, by item or attribute (``result.clicked``).

    Every ``on_<name>_change`` name is present (``None`` until the front end sets it); state
    values follow and win over a trigger of the same name.
    """

    def __init__(self, state_vals: Mapping[str, Any] | None = None, trigger_vals: Mapping[str, Any] | None = None) -> None:
        super().__init__({**(trigger_vals or {}), **(state_vals or {})})

    def __getattr__(self, key: str) -> Any:
        try:
            item = self[key]
        except KeyError:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{key}'") from None
        return _Attrs(item) if isinstance(item, dict) else item

    def __setattr__(self, key: str, value: Any) -> None:
        self[key] = value


class _Attrs(dict):
    """A nested dict of a result, readable by attribute as Streamlit's AttributeDictionary is."""

    def __getattr__(self, key: str) -> Any:
        try:
            item = self[key]
        except KeyError:
            raise AttributeError(f"'AttributeDictionary' object has no attribute '{key}'") from None
        return _Attrs(item) if isinstance(item, dict) else item

    def __setattr__(self, key: str, value: Any) -> None:
        self[key] = value


class _SessionView(dict):
    """``st.session_state[key]`` of a keyed component: its state with this run's triggers merged.

    Assigning an item (``st.session_state[key]["value"] = 1``) writes the state through to
    session state, before the component is drawn; keys without a callback are ignored.
    """

    def __init__(self, flat: dict[str, Any], state: SessionState, wid: str, user_key: str, allowed: frozenset[str] | None, base: dict[str, Any]) -> None:
        super().__init__(flat)
        object.__setattr__(self, "_where", (state, wid, user_key, allowed, dict(base)))

    def __getattr__(self, key: str) -> Any:
        return self.get(key)

    def __setattr__(self, key: str, value: Any) -> None:
        if key.startswith("_"):
            object.__setattr__(self, key, value)
        else:
            self[key] = value

    def __deepcopy__(self, memo: dict[int, Any]) -> _SessionView:
        memo[id(self)] = self
        return self

    def _check(self, key: str) -> None:
        state, wid, user_key, _, _ = self._where
        if wid in state.ids_this_run:
            raise StreamlitAPIException(
                f"`st.session_state.{user_key}.{key}` cannot be modified after the component with key "
                f"`{user_key}` is instantiated."
            )

    def __setitem__(self, key: str, value: Any) -> None:
        self._check(key)
        state, _, user_key, allowed, base = self._where
        if allowed is not None and key not in allowed:
            return
        super().__setitem__(key, value)
        base[key] = value
        state[user_key] = dict(base)

    def __delitem__(self, key: str) -> None:
        self._check(key)
        state, _, user_key, _, base = self._where
        super().__delitem__(key)
        base.pop(key, None)
        state[user_key] = dict(base)


# ----- data sent to the front end ------------------------------------------------------------
def _is_dataframe_like(value: Any) -> bool:
    module = type(value).__module__
    if module.startswith(("pandas", "polars", "pyarrow")):
        return hasattr(value, "shape") or hasattr(value, "num_rows")
    return module.startswith("numpy") and getattr(value, "ndim", 0) in (1, 2)


def _arrow_bytes(value: Any) -> bytes:
    import pyarrow as pa

    from jupyst.elements.lib.frames import to_pandas

    table = pa.Table.from_pandas(to_pandas(value))
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue())


def serialize_data(data: Any) -> dict[str, Any]:
    """``data`` as the front end gets it: ``{"json": text}``, ``{"bytes": b}`` or ``{"arrow": b}``.

    A dict's first-level dataframes travel as Arrow bytes beside the JSON (``{"json", "arrow_blobs"}``),
    as in Streamlit; a dict or list that is not JSON becomes the JSON string of its text.
    """
    if data is None:
        return {}
    try:
        if isinstance(data, (bytes, bytearray, memoryview)):
            return {"bytes": bytes(data)}
        if isinstance(data, (Mapping, list, tuple)):
            blobs: dict[str, bytes] = {}
            plain: Any = data
            if isinstance(data, dict):
                plain = {}
                for key, value in data.items():
                    if _is_dataframe_like(value):
                        try:
                            blob = _arrow_bytes(value)
                        except Exception:
                            plain[key] = value
                            continue
                        ref = f"arrow-{len(blobs)}"
                        blobs[ref] = blob
                        plain[key] = {"__streamlit_arrow_ref__": ref}
                    else:
                        plain[key] = value
            try:
                text = json.dumps(plain)
            except TypeError:
                text = json.dumps(str(plain))
            return {"json": text, "arrow_blobs": blobs} if blobs else {"json": text}
        if _is_dataframe_like(data):
            return {"arrow": _arrow_bytes(data)}
        return {"json": json.dumps(data)}
    except Exception:
        try:
            return {"json": json.dumps(data)}
        except Exception:
            raise BidiComponentUnserializableDataError() from None


def _identity_digest(payload: dict[str, Any]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for name in sorted(payload):
        value = payload[name]
        h.update(name.encode())
        if name == "json":
            with contextlib.suppress(ValueError):
                value = json.dumps(json.loads(value), sort_keys=True)
            h.update(str(value).encode())
        elif isinstance(value, bytes):
            h.update(value)
        elif isinstance(value, dict):
            for ref in sorted(value):
                h.update(value[ref])
    return h.hexdigest()


# ----- callbacks ---------------------------------------------------------------------------
def parse_callbacks(kwargs: Mapping[str, Any]) -> dict[str, Callable[[], Any]]:
    """The ``on_<name>_change`` callables among a mount's keyword arguments, by name.

    Anything that is not callable, or not of that pattern, is ignored, as Streamlit does.
    """
    out: dict[str, Callable[[], Any]] = {}
    for arg, value in kwargs.items():
        if not callable(value) or not (arg.startswith("on_") and arg.endswith("_change")):
            continue
        name = arg[3:-7]
        if not name or name == "_":
            raise BidiComponentInvalidCallbackNameError(arg)
        out[name] = value
    return out


def trigger_id(base: str, event: str = "events") -> str:
    if EVENT_DELIM in base:
        raise BidiComponentInvalidIdError("base", EVENT_DELIM)
    if EVENT_DELIM in event:
        raise BidiComponentInvalidIdError("event", EVENT_DELIM)
    return f"{_INTERNAL_PREFIX}_{base}{EVENT_DELIM}{event}"


def _events_by_name(payloads: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for payload in payloads if isinstance(payloads, list) else []:
        if isinstance(payload, dict) and isinstance(payload.get("event"), str):
            out[payload["event"]] = payload.get("value")
    return out


def _state_dispatcher(state: SessionState, wid: str, callbacks: dict[str, Callable[[], Any]]) -> Callable[[], None]:
    """One widget callback that runs the callbacks of the state keys whose values changed."""

    def dispatch() -> None:
        old = state.old_value(wid)
        new = state.widget_value(wid)
        old_map = old if isinstance(old, dict) else {}
        new_map = new if isinstance(new, dict) else {}
        for name in sorted(old_map.keys() | new_map.keys()):
            if old_map.get(name) != new_map.get(name) and name in callbacks:
                callbacks[name]()

    return dispatch


def _trigger_dispatcher(state: SessionState, agg_id: str, callbacks: dict[str, Callable[[], Any]]) -> Callable[[], None]:
    """One widget callback that runs the callback of every trigger event that arrived, in order."""

    def dispatch() -> None:
        payloads = state.widget_value(agg_id)
        for payload in payloads if isinstance(payloads, list) else []:
            if isinstance(payload, dict) and isinstance(payload.get("event"), str):
                callback = callbacks.get(payload["event"])
                if callback is not None:
                    callback()

    return dispatch


def _with_defaults(default: Mapping[str, Any] | None) -> Callable[[Any], dict[str, Any]]:
    def coerce(value: Any) -> dict[str, Any]:
        out = dict(value) if isinstance(value, dict) else {}
        for name, item in (default or {}).items():
            out.setdefault(name, item)
        return out

    return coerce


class BidiComponentMixin(ElementMixin):
    def _bidi_component(
        self,
        component_name: str,
        key: str | int | None = None,
        isolate_styles: bool = True,
        data: Any = None,
        default: dict[str, Any] | None = None,
        width: Any = "stretch",
        height: Any = "content",
        **kwargs: Any,
    ) -> ComponentResult:
        """Mount a registered component here; its state and this run's trigger values come back."""
        ctx = get_run_context()
        if ctx is None:
            return ComponentResult({}, {})
        definition = DEFINITIONS.get(component_name)
        if definition is None:
            raise StreamlitAPIException(f"Component '{component_name}' is not registered.")
        callbacks = parse_callbacks(kwargs)
        for name in default or {}:
            if name not in callbacks:
                raise BidiComponentInvalidDefaultKeyError(name, list(callbacks))
        validate_width(width, allow_content=True)
        validate_height(height, allow_content=True)
        payload = serialize_data(data)
        if key is not None and EVENT_DELIM in str(key):
            # The key ends the element id, which the trigger widget's id must split cleanly.
            raise BidiComponentInvalidIdError("base", EVENT_DELIM)
        call = WidgetCall(
            kind=KIND,
            label="",
            key=None if key is None else str(key),
            identity={
                "component_name": component_name,
                "isolate_styles": isolate_styles,
                "width": width,
                "height": height,
                "default": default,
                "data": _identity_digest(payload),
            },
        )
        served = definition.asset_root is not None and component_folders.serving()
        if served:
            assert definition.asset_root is not None
            component_folders.register("v2", component_name, definition.asset_root)

        def asset(inline: str | None, file: str | None) -> tuple[str, str]:
            # (inline text, URL path below the server's base): a served file travels as a URL.
            if file is None:
                return inline or "", ""
            if served:
                return "", component_folders.url_path("v2", component_name, file)
            return definition.asset_text(file), ""

        css, css_url = asset(definition.css, definition.css_file)
        js, js_url = asset(definition.js, definition.js_file)
        props = {
            "component_name": component_name,
            "html": definition.html or "",
            "css": css,
            "js": js,
            "css_url": css_url,
            "js_url": js_url,
            "isolate_styles": bool(isolate_styles),
            "data": payload,
            "width": width,
            "height": height,
            "callbacks": sorted(callbacks),
        }
        session_state = ctx.session.state
        triggers: dict[str, Any] = {}

        def prepare(wid: str, node_props: dict[str, Any]) -> None:
            # The state widget is registered; add the trigger widget and the dispatchers.
            agg_id = trigger_id(wid)
            node_props["events_id"] = agg_id
            node_props["element_key"] = "st-bidi-" + hashlib.blake2b(wid.encode(), digest_size=8).hexdigest()
            meta = session_state.meta(wid)
            assert meta is not None
            allowed = frozenset(callbacks) if callbacks else None
            meta.callback = _state_dispatcher(session_state, wid, callbacks) if callbacks else None
            meta.present = _presenter(session_state, wid, agg_id, meta.user_key, allowed)
            session_state.register_widget(
                WidgetMeta(
                    id=agg_id,
                    kind=f"{KIND}_events",
                    default=None,
                    callback=_trigger_dispatcher(session_state, agg_id, callbacks) if callbacks else None,
                    trigger=True,
                    form_id=meta.form_id,
                )
            )
            events = _events_by_name(session_state.widget_value(agg_id))
            triggers.update({name: events.get(name) for name in callbacks})

        call.prepare = prepare
        state_vals = widget_value(self._dg, call, dict(default or {}), props, coerce=_with_defaults(default))
        return ComponentResult(state_vals, triggers)


def _presenter(state: SessionState, wid: str, agg_id: str, user_key: str | None, allowed: frozenset[str] | None) -> Callable[[Any], Any]:
    def present(base: Any) -> Any:
        if not isinstance(base, dict) or user_key is None:
            return base
        flat = {**_events_by_name(state.widget_value(agg_id)), **base}
        return _SessionView(flat, state, wid, user_key, allowed, base)

    return present


# ----- the front end -------------------------------------------------------------------------
def _size(width: Any, height: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if isinstance(width, int) and not isinstance(width, bool):
        out["width"] = f"{width}px"
    elif width == "content":
        out["width"] = "fit-content"
    if isinstance(height, int) and not isinstance(height, bool):
        out["height"] = f"{height}px"
        out["overflow"] = "auto"
    return out


@register
class BidiComponentRenderer(Renderer):
    kind = KIND
    cls = BidiComponentWidget
    value_trait = "value"
    event = "value"

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        payload = props["data"]
        return {
            "component_name": props["component_name"],
            "html": props["html"],
            "css": props["css"],
            "js": props["js"],
            "css_url": props.get("css_url", ""),
            "js_url": props.get("js_url", ""),
            "isolate_styles": props["isolate_styles"],
            "data_json": payload.get("json"),
            "data_bytes": payload.get("bytes") or payload.get("arrow"),
            "data_kind": "arrow" if "arrow" in payload else "bytes" if "bytes" in payload else "json",
            "arrow_blobs": payload.get("arrow_blobs") or {},
            "element_key": props.get("element_key", ""),
            "_dom_classes": classes(self.kind, "jupyst-bidi-component"),
            "layout": _size(props["width"], props["height"]),
            "value": None,
        }

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        return None

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        problem = message_problem(raw)
        if problem is not None:
            raise InvalidWidgetValue(problem)
        return raw

    def widget_changes(self, node: Any, value: Any, current: Any) -> dict[str, Any]:
        wid = node.widget_id
        state = current(wid)
        merged = dict(state) if isinstance(state, dict) else {}
        merged.update(value.get("state") or {})
        out: dict[str, Any] = {wid: merged}
        events = value.get("events") or []
        if events:
            out[node.props["events_id"]] = [dict(e) for e in events]
        return out
