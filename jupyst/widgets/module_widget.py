"""The base of jupyst's widgets whose front end is an ES module drawn by anywidget.

anywidget's front end draws any widget that names its model and view and ships an ES module;
subclassing ``anywidget.AnyWidget`` would give every instance a class of its own, which the
reconciler reads as a different widget type on every run. So the names are set here, and each
subclass takes its module from :data:`ES_MODULES` (the files beside this one it is made of):
the one list of them, which the lean page's server also serves at versioned URLs.
"""

from __future__ import annotations

import functools
from importlib import resources

import ipywidgets as w
import traitlets as t
from anywidget._version import _ANYWIDGET_SEMVER_VERSION

#: each ES module a widget is drawn by: its name and the files of ``jupyst/widgets/`` it joins
ES_MODULES: dict[str, tuple[str, ...]] = {
    "audio_recorder": ("audio_recorder.js",),
    "bidi_component": ("server_base.js", "bidi_component.js"),
    "chat_input": ("chat_input.js",),
    "component_frame": ("server_base.js", "component_frame.js"),
    "dialog_keys": ("dialog_keys.js",),
    "download_sink": ("download_sink.js",),
    "field_label": ("field_label.js",),
    "grid": ("grid.js",),
    "label_tier": ("label_tier.js",),
    "library_chart": ("library_chart.js",),
    "multiselect": ("choice_filter.js", "multiselect.js"),
    "submit_button": ("submit_button.js",),
}


def module_source(filename: str) -> str:
    """The text of a file shipped in ``jupyst/widgets/``."""
    return resources.files("jupyst.widgets").joinpath(filename).read_text(encoding="utf-8")


@functools.cache
def es_module(name: str) -> str:
    """The text of the ES module ``name`` of :data:`ES_MODULES`."""
    return "\n".join(module_source(filename) for filename in ES_MODULES[name])


class ModuleWidget(w.DOMWidget):
    """A DOMWidget that anywidget's front end draws from the subclass's ``_esm``."""

    _model_name = t.Unicode("AnyModel").tag(sync=True)
    _model_module = t.Unicode("anywidget").tag(sync=True)
    _model_module_version = t.Unicode(_ANYWIDGET_SEMVER_VERSION).tag(sync=True)
    _view_name = t.Unicode("AnyView").tag(sync=True)
    _view_module = t.Unicode("anywidget").tag(sync=True)
    _view_module_version = t.Unicode(_ANYWIDGET_SEMVER_VERSION).tag(sync=True)
