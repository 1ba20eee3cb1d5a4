"""``st.json`` (a collapsible tree) and ``st.help`` (an object inspector).

``st.dataframe`` and ``st.table`` live in :mod:`jupyst.elements.dataframe`, ``st.data_editor``
in :mod:`jupyst.elements.data_editor`, ``st.metric`` in :mod:`jupyst.elements.metric`.
"""

from __future__ import annotations

import html
import inspect
import json
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.node import Node
from jupyst.elements.lib.registry import Renderer, classes, register
from jupyst.elements.write import to_json_text
from jupyst.errors import StreamlitInvalidParameterTypeError

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator


class DataMixin(ElementMixin):
    def json(self, body: Any, *, expanded: bool | int = True, width: Any = "stretch") -> DeltaGenerator:
        """Show a value as pretty-printed JSON that folds open and shut."""
        if isinstance(expanded, bool):
            depth = None
        elif isinstance(expanded, int):
            depth = expanded
        else:
            raise StreamlitInvalidParameterTypeError("expanded", type(expanded).__name__, ["bool", "int"])
        if isinstance(body, (set, frozenset)):
            body = list(body)
        try:
            text = to_json_text(body)
        except TypeError as err:
            # As Streamlit: say so in the app, then show what JSON can hold.
            self._dg.warning(
                "Warning: this data structure was not fully serializable as JSON due to one or more "
                f"unexpected keys.  (Error was: {err})"
            )
            text = to_json_text(body, skip_bad_keys=True)
        props = {"body": text, "expanded": expanded is not False, "max_expand_depth": depth}
        return self._dg._append(Node(kind="json", props=props))

    def help(self, obj: Any = None, *, width: Any = "stretch") -> DeltaGenerator:
        """Show an object's name, type, signature and docstring."""
        return self._dg._append(Node(kind="help", props=_help_props(obj)))


def _help_props(obj: Any) -> dict[str, Any]:
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None) or ""
    try:
        signature = str(inspect.signature(obj)) if callable(obj) else ""
    except (TypeError, ValueError):
        signature = ""
    return {
        "name": name,
        "type": type(obj).__name__,
        "signature": signature,
        "doc_string": inspect.getdoc(obj) or "",
        "value": "" if callable(obj) else repr(obj)[:500],
    }


def json_tree(value: Any, open_depth: int | None, expanded: bool, depth: int = 0) -> str:
    """A value as nested ``<details>``: open to ``open_depth`` levels (all if None)."""
    if isinstance(value, (dict, list)):
        items = list(value.items()) if isinstance(value, dict) else list(enumerate(value))
        brackets = "{}" if isinstance(value, dict) else "[]"
        if not items:
            return f"<span class='jupyst-json-punct'>{brackets}</span>"
        opened = expanded and (open_depth is None or depth < open_depth)
        entries = []
        for k, v in items:
            label = f"<span class='jupyst-json-key'>{html.escape(json.dumps(k))}</span>: " if isinstance(value, dict) else ""
            entries.append(f"<div class='jupyst-json-entry'>{label}{json_tree(v, open_depth, expanded, depth + 1)}</div>")
        summary = f"{brackets[0]}<span class='jupyst-json-count'>{len(items)} {'keys' if isinstance(value, dict) else 'items'}</span>"
        return (
            f"<details class='jupyst-json-node'{' open' if opened else ''}><summary>{summary}</summary>"
            f"{''.join(entries)}<span class='jupyst-json-punct'>{brackets[1]}</span></details>"
        )
    kind = "null" if value is None else "bool" if isinstance(value, bool) else "number" if isinstance(value, (int, float)) else "string"
    return f"<span class='jupyst-json-{kind}'>{html.escape(json.dumps(value, ensure_ascii=False))}</span>"


@register
class JsonRenderer(Renderer):
    kind = "json"
    cls = w.HTML

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        try:
            value = json.loads(props["body"])
        except ValueError:
            value = props["body"]
        tree = json_tree(value, props.get("max_expand_depth"), bool(props.get("expanded", True)))
        return {"value": f"<div class='jupyst-json'>{tree}</div>", "_dom_classes": classes("json")}


@register
class HelpRenderer(Renderer):
    kind = "help"
    cls = w.HTML

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        head = f"<b>{html.escape(props['name'])}</b>{html.escape(props['signature'])} <i>{html.escape(props['type'])}</i>"
        doc = html.escape(props["doc_string"] or props["value"])
        return {"value": f"<div class='jupyst-help-box'>{head}<pre>{doc}</pre></div>", "_dom_classes": classes("help")}
