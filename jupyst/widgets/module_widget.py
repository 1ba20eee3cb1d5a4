"""The base of jupyst's widgets whose front end is an ES module drawn by anywidget.

anywidget's front end draws any widget that names its model and view and ships an ES module;
subclassing ``anywidget.AnyWidget`` would give every instance a class of its own, which the
reconciler reads as a different widget type on every run. So the names are set here, and each
subclass points at its module file beside this one.
"""

from __future__ import annotations

from importlib import resources

import ipywidgets as w
import traitlets as t
from anywidget._version import _ANYWIDGET_SEMVER_VERSION


def module_source(filename: str) -> str:
    """The text of an ES module shipped in ``jupyst/widgets/``."""
    return resources.files("jupyst.widgets").joinpath(filename).read_text(encoding="utf-8")


class ModuleWidget(w.DOMWidget):
    """A DOMWidget that anywidget's front end draws from the subclass's ``_esm``."""

    _model_name = t.Unicode("AnyModel").tag(sync=True)
    _model_module = t.Unicode("anywidget").tag(sync=True)
    _model_module_version = t.Unicode(_ANYWIDGET_SEMVER_VERSION).tag(sync=True)
    _view_name = t.Unicode("AnyView").tag(sync=True)
    _view_module = t.Unicode("anywidget").tag(sync=True)
    _view_module_version = t.Unicode(_ANYWIDGET_SEMVER_VERSION).tag(sync=True)
