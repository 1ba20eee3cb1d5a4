"""``st.audio_input``: a microphone recording, returned as a WAV UploadedFile.

The browser records (widgets/audio_recorder.py and .js: record, stop, play back, record
again, clear), encodes a mono 16-bit WAV at ``sample_rate`` (the browser's own rate with
None) and sends its bytes as a file upload's; the script gets an UploadedFile named as
Streamlit names recordings (``<date>T<hh>-<mm>_audio.wav``), type ``audio/wav``. The value,
checks and identity are Streamlit's.
"""

from __future__ import annotations

from typing import Any

from jupyst.elements.file_uploader import (
    FileUploaderRenderer,
    UploadedFile,
    _files,
    _max_upload_mb,
    check_file_name,
)
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.registry import InvalidWidgetValue, register
from jupyst.elements.lib.sizing import validate_width
from jupyst.elements.lib.widget_base import WidgetCall, widget_value
from jupyst.errors import StreamlitValueError
from jupyst.widgets.audio_recorder import AudioRecorderBox

#: the sample rates a recording may be made at (Streamlit's list)
SAMPLE_RATES = (8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000)


class AudioInputMixin(ElementMixin):
    def audio_input(self, label: str, *, sample_rate: int | None = 16000, key: Any = None, help: str | None = None, on_change: Any = "rerun", args: Any = None, kwargs: Any = None, disabled: bool = False, label_visibility: str = "visible", width: Any = "stretch") -> UploadedFile | None:
        """Record from the visitor's microphone; return the recording as a WAV file, or None."""
        if sample_rate is not None and sample_rate not in SAMPLE_RATES:
            raise StreamlitValueError("sample_rate", [str(r) for r in SAMPLE_RATES] + ["None"])
        validate_width(width)

        def coerce(current: Any) -> Any:
            files = _files(current)
            if files:
                check_file_name(files[0].name, [".wav"])
                return files[0]
            return None

        call = WidgetCall(
            kind="audio_input", label=label, key=key, help=help, on_change=on_change, args=args, kwargs=kwargs,
            disabled=disabled, label_visibility=label_visibility,
            identity={"sample_rate": sample_rate, "width": width}, writable=False,
        )
        props = {"type": [".wav", "audio/wav"], "multiple_files": False, "max_upload_size_mb": _max_upload_mb(), "camera": False, "sample_rate": sample_rate}
        return widget_value(self._dg, call, None, props, coerce)


@register
class AudioInputRenderer(FileUploaderRenderer):
    kind = "audio_input"
    cls = AudioRecorderBox

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"sample_rate": int(props.get("sample_rate") or 0), "max_bytes": int(props["max_upload_size_mb"]) * 1024 * 1024}

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        # The recorder names every recording *.wav: any other name was forged, and is refused
        # before the script would show Streamlit's extension error for it.
        if isinstance(raw, tuple) and any(not str(item.get("name", "")).lower().endswith(".wav") for item in raw if isinstance(item, dict)):
            raise InvalidWidgetValue(raw)
        return super().from_widget(props, raw)
