"""Data elements that ``st.write`` needs: dataframe (a scrollable table), json and help."""

from __future__ import annotations

import html
import inspect
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from jupyst.elements.node import Node
from jupyst.elements.registry import Renderer, classes, register
from jupyst.elements.write import to_json_text

if TYPE_CHECKING:
    import pandas as pd

    from jupyst.delta_generator import DeltaGenerator

_MAX_ROWS = 200


def to_dataframe(data: Any) -> pd.DataFrame:
    """Any table-like value (DataFrame, Series, Styler, array, dict, records, arrow) as a DataFrame."""
    import pandas as pd

    if data is None:
        return pd.DataFrame()
    if isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, (pd.Series, pd.Index)):
        return data.to_frame()
    if type(data).__name__ == "Styler":
        return data.data
    if hasattr(data, "to_pandas"):
        return data.to_pandas()
    return pd.DataFrame(data)


class DataMixin:
    def dataframe(self: Any, data: Any = None, width: Any = "stretch", height: Any = "auto", *, use_container_width: bool | None = None, hide_index: bool | None = None, column_order: Any = None, column_config: Any = None, key: Any = None, on_select: Any = "ignore", selection_mode: Any = "multi-row", row_height: int | None = None) -> DeltaGenerator:
        """Show a table of data, scrollable."""
        df = to_dataframe(data)
        return self._append(Node(kind="dataframe", props={"data": df, "hide_index": bool(hide_index), "height": height}))

    def json(self: Any, body: Any, *, expanded: bool | int = True, width: Any = "stretch") -> DeltaGenerator:
        """Show a value as pretty-printed JSON."""
        return self._append(Node(kind="json", props={"body": to_json_text(body), "expanded": expanded}))

    def help(self: Any, obj: Any = None, *, width: Any = "stretch") -> DeltaGenerator:
        """Show an object's name, type, signature and docstring."""
        return self._append(Node(kind="help", props=_help_props(obj)))


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


@register
class DataframeRenderer(Renderer):
    kind = "dataframe"
    cls = w.HTML

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        df = props["data"]
        table = df.head(_MAX_ROWS).to_html(index=not props.get("hide_index"), border=0, classes="jupyst-table", na_rep="None")
        more = f"<div class='jupyst-more'>{len(df) - _MAX_ROWS} more rows</div>" if len(df) > _MAX_ROWS else ""
        return {"value": f"<div class='jupyst-table-wrap'>{table}</div>{more}", "_dom_classes": classes("dataframe")}


@register
class JsonRenderer(Renderer):
    kind = "json"
    cls = w.HTML

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"value": f"<pre class='jupyst-json'>{html.escape(props['body'])}</pre>", "_dom_classes": classes("json")}


@register
class HelpRenderer(Renderer):
    kind = "help"
    cls = w.HTML

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        head = f"<b>{html.escape(props['name'])}</b>{html.escape(props['signature'])} <i>{html.escape(props['type'])}</i>"
        doc = html.escape(props["doc_string"] or props["value"])
        return {"value": f"<div class='jupyst-help-box'>{head}<pre>{doc}</pre></div>", "_dom_classes": classes("help")}
