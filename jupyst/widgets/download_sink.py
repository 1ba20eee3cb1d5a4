"""The browser end of a deferred download (``st.download_button`` with a callable ``data``).

The callable runs in the kernel when the visitor clicks, not when the script draws the
button; :class:`DownloadSink` then carries the file to the page in ``file`` (its content as
a binary buffer) and ``download_sink.js`` saves it under its name.
"""

from __future__ import annotations

import traitlets as t

from jupyst.widgets.module_widget import ModuleWidget, es_module

_ESM = es_module("download_sink")


class DownloadSink(ModuleWidget):
    """An invisible widget that saves the files the kernel sends it."""
    _esm = t.Unicode(_ESM, help="The sink's ES module (download_sink.js).").tag(sync=True)
    _anywidget_id = t.Unicode("jupyst.widgets.download_sink.DownloadSink").tag(sync=True)

    file = t.Dict(default_value=None, allow_none=True, help="The file to save: {'seq', 'name', 'mime', 'data' (bytes)}.").tag(sync=True)
    error = t.Unicode("", help="Why the last file could not be made (shown beside the button).").tag(sync=True)
