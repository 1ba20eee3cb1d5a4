"""The browser end of a deferred download (``st.download_button`` with a callable ``data``).

The callable runs in the kernel when the visitor clicks, not when the script draws the
button; :class:`DownloadSink` then carries the file to the page in ``file`` (its content as
a binary buffer) and ``download_sink.js`` saves it under its name.
"""

from __future__ import annotations

from importlib import resources

import ipywidgets as w
import traitlets as t

try:
    from anywidget._version import _ANYWIDGET_SEMVER_VERSION as _ANYWIDGET_VERSION
except ImportError:  # pragma: no cover - anywidget is a dependency
    _ANYWIDGET_VERSION = "~0.9.*"

_ESM = resources.files("jupyst.widgets").joinpath("download_sink.js").read_text(encoding="utf-8")


class DownloadSink(w.DOMWidget):
    """An invisible widget that saves the files the kernel sends it."""

    _model_name = t.Unicode("AnyModel").tag(sync=True)
    _model_module = t.Unicode("anywidget").tag(sync=True)
    _model_module_version = t.Unicode(_ANYWIDGET_VERSION).tag(sync=True)
    _view_name = t.Unicode("AnyView").tag(sync=True)
    _view_module = t.Unicode("anywidget").tag(sync=True)
    _view_module_version = t.Unicode(_ANYWIDGET_VERSION).tag(sync=True)
    _esm = t.Unicode(_ESM, help="The sink's ES module (download_sink.js).").tag(sync=True)
    _anywidget_id = t.Unicode("jupyst.widgets.download_sink.DownloadSink").tag(sync=True)

    file = t.Dict(default_value=None, allow_none=True, help="The file to save: {'seq', 'name', 'mime', 'data' (bytes)}.").tag(sync=True)
    error = t.Unicode("", help="Why the last file could not be made (shown beside the button).").tag(sync=True)
