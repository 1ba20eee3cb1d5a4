"""Custom components of ``st.components.v1``: ``declare_component`` and its instances.

``declare_component(name, path=...)`` or ``(name, url=...)`` returns a
:class:`CustomComponent`; calling it draws a "component_instance" element, a widget whose
value is what the component's front end last sent with ``Streamlit.setComponentValue``
(``default`` until then). The front end is a
:class:`~jupyst.widgets.component_frame.ComponentFrame` speaking streamlit-component-lib's
postMessage protocol.

A ``path=`` build is served by the server the page came from, as Streamlit serves it: the
folder is registered (jupyst/runtime/component_folders.py) and the frame loads
``component/<name>/index.html``, which then loads whatever else it needs from its folder
(jupyst/voila/component_files.py). Where no server serves component files (AppTest, a
notebook without jupyst's server extension) the frame gets one inline document instead: its
``index.html`` with the scripts and stylesheets it links inlined, so files it loads later by
URL are missing there. A ``url=`` component (a dev server) loads everything itself.
"""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.registry import InvalidWidgetValue, register
from jupyst.elements.lib.widget_base import WidgetCall, check_callback, widget_classes, widget_value
from jupyst.elements.lib.widget_renderer import WidgetRenderer
from jupyst.errors import StreamlitAPIException
from jupyst.runtime import component_folders
from jupyst.runtime.run_context import require_run_context
from jupyst.widgets.component_frame import ComponentFrame, decode_value, encode_value, value_problem

if TYPE_CHECKING:
    pass


class MarshallComponentException(StreamlitAPIException):
    """A custom component called with arguments it cannot send to its front end."""

    # Streamlit passes (message, cause) and shows both, as a plain Exception does.
    __str__ = Exception.__str__


_SCRIPT = re.compile(r"<script\b([^>]*?)\bsrc\s*=\s*[\"']([^\"']+)[\"']([^>]*)>\s*</script>", re.I)
_LINK = re.compile(r"<link\b[^>]*>", re.I)
_HREF = re.compile(r"\bhref\s*=\s*[\"']([^\"']+)[\"']", re.I)
_BUILD_CACHE: dict[str, tuple[float, str]] = {}


def _local_file(root: Path, ref: str) -> Path | None:
    """The file inside ``root`` that a relative reference of index.html names, if any."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", ref, re.I):
        return None
    target = (root / ref.split("?", 1)[0].split("#", 1)[0].lstrip("/")).resolve()
    if root.resolve() not in target.parents or not target.is_file():
        return None
    return target


def inline_build(folder: str) -> str:
    """The component's ``index.html`` as one document: linked scripts and styles inlined."""
    root = Path(folder)
    index = root / "index.html"
    try:
        stamp = max(p.stat().st_mtime for p in root.rglob("*") if p.is_file())
        cached = _BUILD_CACHE.get(str(index))
        if cached is not None and cached[0] == stamp:
            return cached[1]
        html = index.read_text(encoding="utf-8")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise StreamlitAPIException(f"Cannot read the component's index.html in {folder!r}: {exc}") from exc

    def script(match: re.Match[str]) -> str:
        target = _local_file(root, match.group(2))
        if target is None:
            return match.group(0)
        code = target.read_text(encoding="utf-8", errors="replace").replace("</script", "<\\/script")
        attrs = re.sub(r"\b(defer|async|crossorigin(=[\"'][^\"']*[\"'])?)\b", "", match.group(1) + match.group(3))
        return f"<script{attrs}>{code}</script>"

    def link(match: re.Match[str]) -> str:
        tag = match.group(0)
        href = _HREF.search(tag)
        if "stylesheet" not in tag.lower() or href is None:
            return tag
        target = _local_file(root, href.group(1))
        if target is None:
            return tag
        return f"<style>{target.read_text(encoding='utf-8', errors='replace')}</style>"

    out = _LINK.sub(link, _SCRIPT.sub(script, html))
    _BUILD_CACHE[str(index)] = (stamp, out)
    return out


def _is_bytes(value: Any) -> bool:
    return isinstance(value, (bytes, bytearray, memoryview))


def _is_frame(value: Any) -> bool:
    mod = type(value).__module__
    return mod.startswith(("pandas", "polars", "pyarrow")) and hasattr(value, "shape") or mod.startswith("numpy") and getattr(value, "ndim", 0) == 2


def _arrow_bytes(df: Any) -> bytes:
    try:
        import pyarrow as pa
    except ImportError as exc:
        raise StreamlitAPIException("Dataframe arguments of custom components need PyArrow: `pip install pyarrow`.") from exc

    table = pa.Table.from_pandas(df)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue())


def dataframe_arg(data: Any) -> dict[str, Any]:
    """A dataframe argument as streamlit-component-lib's ArrowTable reads it (data, index, columns)."""
    import pandas as pd

    from jupyst.elements.lib.frames import to_pandas

    df = to_pandas(data)
    plain = [list(v) if isinstance(v, tuple) else v for v in df.index]
    labels = [list(v) if isinstance(v, tuple) else v for v in df.columns]
    body = df.copy()
    body.columns = [str(c) for c in body.columns]
    return {
        "data": {
            "data": _arrow_bytes(body.reset_index(drop=True)),
            "index": _arrow_bytes(pd.DataFrame(plain)),
            "columns": _arrow_bytes(pd.DataFrame(labels)),
        }
    }


class CustomComponentMixin(ElementMixin):
    def _component_instance(self, component: CustomComponent, *, args: dict[str, Any], default: Any, key: Any, on_change: Any, tab_index: int | None) -> Any:
        from jupyst.elements.iframe import check_tab_index

        check_callback(on_change, modes=())
        check_tab_index(tab_index)
        everything = dict(args, default=default, key=key)
        json_args: dict[str, Any] = {}
        special: dict[str, Any] = {}
        dfs: list[dict[str, Any]] = []
        for name, value in everything.items():
            if _is_bytes(value):
                special[name] = bytes(value)
            elif _is_frame(value):
                dfs.append({"key": name, "value": dataframe_arg(value)})
            else:
                json_args[name] = value
        try:
            serialized = json.dumps(json_args)
        except Exception as exc:
            raise MarshallComponentException("Could not convert component args to JSON", exc) from exc
        call = WidgetCall(
            kind="component_instance",
            label="",
            key=key,
            on_change=on_change,
            identity={"name": component.name, "url": component.url, "json_args": serialized, "special_args": sorted(special) + [d["key"] for d in dfs]},
            key_identity=("name", "url"),
        )
        served = component.url is None and component.path is not None and component_folders.serving()
        if served:
            assert component.path is not None
            component_folders.register("v1", component.name, component.path)
        props = {
            "component_name": component.name,
            "srcdoc": inline_build(component.path) if component.url is None and component.path is not None and not served else "",
            "src": component_folders.url_path("v1", component.name, "index.html") if served else component.url or "",
            "src_on_server": served,
            "render_args": {**json.loads(serialized), **special},
            "dfs": dfs,
            "tab_index": tab_index,
        }
        value = widget_value(self._dg, call, None, props)
        return default if value is None else value


class CustomComponent:
    """A declared component; call it to draw an instance and get its value."""

    def __init__(self, name: str, path: str | None = None, url: str | None = None, module_name: str | None = None) -> None:
        if path is None and url is None:
            raise StreamlitAPIException("Either 'path' or 'url' must be set.")
        self.name = name
        self.path = path
        self.url = url
        self.module_name = module_name

    @property
    def abspath(self) -> str | None:
        return None if self.path is None else str(Path(self.path).resolve())

    def __call__(self, *args: Any, default: Any = None, key: str | None = None, on_change: Any = None, tab_index: int | None = None, **kwargs: Any) -> Any:
        """Draw the component with ``kwargs`` as its args; returns its value."""
        return self.create_instance(*args, default=default, key=key, on_change=on_change, tab_index=tab_index, **kwargs)

    def create_instance(self, *args: Any, default: Any = None, key: str | None = None, on_change: Any = None, tab_index: int | None = None, **kwargs: Any) -> Any:
        if args:
            raise MarshallComponentException(f"Argument '{args[0]}' needs a label")
        dg = require_run_context().active_container()
        return dg._component_instance(self, args=kwargs, default=default, key=key, on_change=on_change, tab_index=tab_index)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CustomComponent) and (self.name, self.path, self.url, self.module_name) == (other.name, other.path, other.url, other.module_name)

    def __hash__(self) -> int:
        return hash((self.name, self.path, self.url, self.module_name))

    def __repr__(self) -> str:
        return f"CustomComponent(name={self.name!r}, path={self.path!r}, url={self.url!r})"


def declare_component(name: str, path: str | Path | None = None, url: str | None = None) -> CustomComponent:
    """Declare a custom component served from a build folder (``path``) or a URL (``url``).

    The name is prefixed with the calling module's name, as Streamlit does; ``url`` wins
    over ``path`` when both are given.
    """
    frame = inspect.currentframe()
    caller = frame.f_back if frame is not None else None
    module_name = str(caller.f_globals.get("__name__", "__main__")) if caller is not None else "__main__"
    component = CustomComponent(name=f"{module_name}.{name}", path=None if path is None else str(path), url=url, module_name=module_name)
    if url is None and path is not None and component_folders.serving():
        # Registered now, as Streamlit does: the folder is reachable from the first page on.
        component_folders.register("v1", component.name, path)
    return component


@register
class ComponentRenderer(WidgetRenderer):
    kind = "component_instance"
    cls = ComponentFrame

    def base_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"_dom_classes": (*widget_classes(self.kind, props), "jupyst-component")}

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {
            "srcdoc": props["srcdoc"],
            "src": props["src"],
            "src_on_server": bool(props.get("src_on_server")),
            "protocol": True,
            "height": 0,
            "tab_index": props.get("tab_index"),
            "render": {"args": props["render_args"], "dfs": props["dfs"], "disabled": bool(props.get("disabled"))},
        }

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        return encode_value(value)

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        problem = value_problem(raw)
        if problem is not None:
            raise InvalidWidgetValue(problem)
        return decode_value(raw)
