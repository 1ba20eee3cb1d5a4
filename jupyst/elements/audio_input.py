"""``st.audio_input``: a WAV recording, returned as an UploadedFile.

jupyst has no in-browser recorder yet: the widget takes a ``.wav`` file (phones offer their
recorder for it), as ``st.camera_input`` takes a JPEG. The value, checks and identity are
Streamlit's.
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
from jupyst.elements.lib.registry import register
from jupyst.elements.lib.sizing import validate_width
from jupyst.elements.lib.widget_base import WidgetCall, widget_value
from jupyst.errors import StreamlitValueError

#: the sample rates a recording may be made at (Streamlit's list)
SAMPLE_RATES = (8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000)


class AudioInputMixin(ElementMixin):
    def audio_input(self, label: str, *, sample_rate: int | None = 16000, key: Any = None, help: str | None = None, on_change: Any = "rerun", args: Any = None, kwargs: Any = None, disabled: bool = False, label_visibility: str = "visible", width: Any = "stretch") -> UploadedFile | None:
        """Take a voice recording (here: a WAV file) and return it, or None."""
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

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {**super().own_traits(props), "button_text": "Record (WAV file)"}
