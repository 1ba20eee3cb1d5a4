"""The microphone recorder of ``st.audio_input``: an ES-module widget inside a labelled box.

:class:`AudioRecorder` speaks anywidget's protocol with ``audio_recorder.js``, which records
in the browser, encodes a WAV there at ``sample_rate`` and sends it as ``value``: a list
of at most one file dict (``name``, ``type``, ``size``, ``content``) shaped as a
FileUpload's, its bytes in a binary buffer. What the browser may send is declared to the
guard (widgets/browser_input.py); the bytes are checked again by the element's renderer.
:class:`AudioRecorderBox` is the labelled control whose ``value`` the script reads: a
tuple of such dicts, as the file uploader's box gives.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import traitlets

from jupyst.widgets.browser_input import add_browser_traits
from jupyst.widgets.composite import ValueBox
from jupyst.widgets.module_widget import ModuleWidget, es_module

_ESM = es_module("audio_recorder")
#: the keys of a recording the browser sends, and the JSON types of the ones it sends as JSON
_FILE_KEYS = {"name": str, "type": str, "size": int}


def _recording_list(value: Any) -> bool:
    """What the recorder's page sends: [] or [one file dict]; ``content`` is a binary
    buffer, which the guard sees only after the shape check (not yet in ``value``)."""
    if not isinstance(value, list) or len(value) > 1:
        return False
    for item in value:
        if not isinstance(item, dict) or set(item) - {*_FILE_KEYS, "content"}:
            return False
        for key, kind in _FILE_KEYS.items():
            if not isinstance(item.get(key), kind) or isinstance(item.get(key), bool):
                return False
    return True


class AudioRecorder(ModuleWidget):
    """Record / stop / play / clear in the browser; ``value`` holds the WAV it sent."""

    _esm = traitlets.Unicode(_ESM, help="audio_recorder.js").tag(sync=True)
    # Sent by the browser only (bytes never go back: no echo); the kernel sets [] to clear.
    value = traitlets.List(traitlets.Dict(), help="[] or [{name, type, size, content}]").tag(sync=True, echo_update=False)
    sample_rate = traitlets.Int(16000, help="the WAV's sample rate; 0: the browser's own").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)


add_browser_traits(AudioRecorder, {"value": _recording_list})


class AudioRecorderBox(ValueBox):
    """The labelled recorder; ``value`` is a tuple of file dicts (at most one), bytes included."""

    sample_rate = traitlets.Int(16000)
    max_bytes = traitlets.Int(200 * 1024 * 1024)

    def build(self) -> w.Widget:
        self._recorder = AudioRecorder(_dom_classes=("jupyst-audio-input",))
        self.watch(self._recorder)
        return self._recorder

    @traitlets.observe("sample_rate")
    def _rate_set(self, change: dict[str, Any]) -> None:
        self._recorder.sample_rate = change["new"]

    def pull(self) -> Any:
        files = []
        for item in self._recorder.value:
            content = item.get("content")
            if not isinstance(content, (bytes, bytearray, memoryview)):
                continue  # a forged message without bytes: nothing recorded
            data = bytes(content)
            if len(data) > self.max_bytes:
                continue
            files.append({"name": str(item.get("name", "")), "type": str(item.get("type") or "audio/wav"), "size": len(data), "content": data})
        return tuple(files)

    def push(self, value: Any) -> None:
        # Clearing is the one change the kernel sends: a recording never goes back.
        if not value and self._recorder.value:
            self._recorder.value = []
