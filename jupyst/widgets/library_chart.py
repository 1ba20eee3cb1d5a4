"""Charts drawn in the browser by a JavaScript library that jupyst ships: Mermaid and ECharts.

The libraries are pinned copies from npm in ``widgets/vendor/`` (``mermaid.min.js``, MIT;
``echarts.min.js``, Apache-2.0; their licence files beside them). A library's source
travels to the page once per kernel, in one shared :class:`ScriptLibrary` model that every
:class:`LibraryChart` of that library references; ``library_chart.js`` runs it once per page
(a ``<script>`` from a blob URL) and draws ``spec`` with it.
"""

from __future__ import annotations

import threading

import ipywidgets as w
import traitlets as t

from jupyst.widgets import shared_models
from jupyst.widgets.browser_input import add_browser_traits
from jupyst.widgets.module_widget import ModuleWidget, es_module, module_source

_ESM = es_module("library_chart")

#: library name -> (file in vendor/, version)
LIBRARIES = {"mermaid": ("mermaid.min.js", "11.12.0"), "echarts": ("echarts.min.js", "6.0.0")}


class ScriptLibrary(w.Widget):
    """The source of one JavaScript library, sent to the page once and shared by its charts."""

    name = t.Unicode(help="The library's name (mermaid, echarts).").tag(sync=True)
    version = t.Unicode(help="The pinned version shipped with jupyst.").tag(sync=True)
    source = t.Unicode(help="The library's minified source.").tag(sync=True)


#: (the shared-model store it belongs with, library name) -> its model: one per kernel, so in
#: the shared server each visitor's page gets a model opened on its own connection
_LIBRARIES: dict[tuple[int, str], ScriptLibrary] = {}
_LOCK = threading.Lock()


def library(name: str) -> ScriptLibrary:
    """The shared model of a library (made on first use; reopened if it was closed)."""
    key = (id(shared_models.shared_store()), name)
    with _LOCK:
        model = _LIBRARIES.get(key)
        if model is None or model.comm is None:
            filename, version = LIBRARIES[name]
            source = module_source(f"vendor/{filename}")
            model = ScriptLibrary(name=name, version=version, source=source)
            _LIBRARIES[key] = model
        return model


class LibraryChart(ModuleWidget):
    """One Mermaid diagram or ECharts chart."""
    _esm = t.Unicode(_ESM, help="The chart's ES module (library_chart.js).").tag(sync=True)
    _anywidget_id = t.Unicode("jupyst.widgets.library_chart.LibraryChart").tag(sync=True)

    library = t.Instance(ScriptLibrary, allow_none=True, help="The shared library that draws this chart.").tag(
        sync=True, **w.widget_serialization
    )
    kind = t.Enum(("mermaid", "echarts"), "mermaid", help="Which library draws the chart.").tag(sync=True)
    spec = t.Unicode(help="Mermaid source, or the ECharts option as JSON.").tag(sync=True)
    height = t.Int(0, help="Height in pixels; 0 for the diagram's own height.").tag(sync=True)
    renderer = t.Enum(("canvas", "svg"), "canvas", help="ECharts' renderer.").tag(sync=True)
    alt = t.Unicode("", help="Accessible name of the chart.").tag(sync=True)
    error = t.Unicode("", help="What the library said when it could not draw the spec (set by the page).").tag(sync=True)


add_browser_traits(LibraryChart, {"error": lambda value: isinstance(value, str) and len(value) <= 10_000})
