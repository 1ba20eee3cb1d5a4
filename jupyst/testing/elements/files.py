"""AppTest's file widgets: ``st.file_uploader``, ``st.camera_input`` and ``st.chat_input``.

Files are ``(name, content, mime_type)`` tuples. ``set_value``/``upload`` stage them; the next
``run()`` hands them to the script as ``UploadedFile`` objects, as a browser upload would.
"""

from __future__ import annotations

import itertools
import uuid
from typing import TYPE_CHECKING, Any

from jupyst.elements.lib.node import Node
from jupyst.testing.elements.base import UNSET, AppTestError, Widget

if TYPE_CHECKING:
    from typing_extensions import Self

    from jupyst.testing.app_test import AppTest


class FileUploader(Widget):
    """``st.file_uploader``: files are ``(name, content, mime_type)`` tuples."""

    @property
    def accept_multiple_files(self) -> bool:
        return bool(self.node.props["multiple_files"])

    @property
    def allowed_type(self) -> list[str]:
        return list(self.node.props["type"])

    def _files(self, files: Any) -> Any:
        from jupyst.elements.file_uploader import UploadedFile

        if files is None:
            return None
        if isinstance(files, tuple) and len(files) == 3 and isinstance(files[0], str):
            files = [files]
        out = [UploadedFile(str(uuid.uuid4()), name, mime, bytes(content)) for name, content, mime in files]
        return out if self.node.props["multiple_files"] else (out[0] if out else None)

    def set_value(self, files: Any) -> Self:
        return super().set_value(self._files(files))

    def upload(self, filename: str, content: bytes, mime_type: str = "application/octet-stream") -> Self:
        self._assert_can_interact()
        new = self._files([(filename, content, mime_type)])
        if self.node.props["multiple_files"]:
            # As Streamlit's AppTest: uploads add to the files staged since the last run,
            # not to the files the widget held.
            staged = [] if self._pending is UNSET else list(self._pending or [])
            return Widget.set_value(self, [*staged, *new])
        return Widget.set_value(self, new)

    def clear(self) -> Self:
        return Widget.set_value(self, [] if self.node.props["multiple_files"] else None)


class CameraInput(FileUploader):
    """``st.camera_input``: one ``.jpg`` photo, ``(filename, content, "image/jpeg")``."""

    @property
    def resolution(self) -> str | None:
        return self.node.props.get("resolution")

    def set_value(self, file: Any) -> Self:
        if file is not None:
            file = _camera_file(file)
        return FileUploader.set_value(self, file)

    def upload(self, filename: str, content: bytes, mime_type: str = "image/jpeg") -> Self:
        return self.set_value((filename, content, mime_type))

    def clear(self) -> Self:
        return Widget.set_value(self, None)


class AudioInput(FileUploader):
    """``st.audio_input``: one ``.wav`` recording, ``(filename, content, "audio/wav")``."""

    def set_value(self, file: Any) -> Self:
        if file is not None:
            if isinstance(file, list):
                raise AppTestError("st.audio_input records one recording. A list is not accepted.")
            name, content, mime = file
            if not str(name).lower().endswith(".wav"):
                raise AppTestError(f"st.audio_input only records .wav files. Got filename {name!r}.")
            if mime != "audio/wav":
                raise AppTestError(f"st.audio_input recordings use MIME type 'audio/wav'. Got {mime!r}.")
        return FileUploader.set_value(self, file)

    def upload(self, filename: str, content: bytes, mime_type: str = "audio/wav") -> Self:
        return self.set_value((filename, content, mime_type))

    def clear(self) -> Self:
        return Widget.set_value(self, None)


#: numbers of AppTest's chat sends (the browser numbers its own)
_SENDS = itertools.count(1)


class ChatInput(Widget):
    """``st.chat_input``: ``set_value`` types a message, ``upload`` attaches files; the next
    ``run()`` sends both at once, as one press of Enter. ``value`` is the text pending, or
    what the script received in the last run (None when nothing was sent)."""

    def __init__(self, node: Node, app: AppTest) -> None:
        super().__init__(node, app)
        self._files: list[tuple[str, bytes, str]] | None = None

    @property
    def placeholder(self) -> str:
        return str(self.node.props["placeholder"])

    @property
    def max_chars(self) -> int:
        return int(self.node.props.get("max_chars") or 0)

    @property
    def value(self) -> Any:
        if self._pending is not UNSET and self._pending is not None:
            return self._pending
        return self._app._state_value(self.node)

    def set_value(self, value: str | None) -> Self:
        """The message text to send on the next run (None: no text)."""
        return super().set_value(value)

    def upload(self, filename: str, content: bytes, mime_type: str = "application/octet-stream") -> Self:
        """Attach one file to the next send (``"multiple"``/``"directory"`` add up)."""
        from jupyst.elements.file_uploader import check_file_name
        from jupyst.errors import StreamlitAPIException

        self._assert_can_interact()
        self._assert_accepts_files()
        if not isinstance(filename, str) or filename == "":
            raise AppTestError(f"st.chat_input file names must be a non-empty string. Got {filename!r}.")
        if not isinstance(content, bytes):
            raise AppTestError(f"st.chat_input file content must be bytes. Got {type(content).__name__}.")
        if not isinstance(mime_type, str) or mime_type == "":
            raise AppTestError(f"st.chat_input file MIME types must be a non-empty string. Got {mime_type!r}.")
        allowed = list(self.node.props["file_type"])
        if allowed:
            try:
                check_file_name(filename, allowed)
            except StreamlitAPIException as exc:
                raise AppTestError(str(exc)) from exc
        if self.node.props["accept_file"] in ("multiple", "directory"):
            self._files = [*(self._files or []), (filename, content, mime_type)]
        else:
            self._files = [(filename, content, mime_type)]
        self._app._stage(self)
        return self

    def clear(self) -> Self:
        """Drop the files attached for the next send (the text stays)."""
        self._assert_can_interact()
        self._assert_accepts_files()
        self._files = None
        return self

    def _assert_accepts_files(self) -> None:
        if self.node.props["accept_file"] == "none":
            raise AppTestError(
                f"st.chat_input{self._key_part()} does not accept files. Pass accept_file=True, 'multiple', or 'directory'."
            )

    def _raw(self) -> Any:
        """The submission a browser would send: its text area stops at ``max_chars``."""
        files = self._files or []
        text = None if self._pending is UNSET else self._pending
        if text is None and not files:
            return None
        text = "" if text is None else str(text)
        if self.max_chars:
            text = text[: self.max_chars]
        payload = [{"name": n, "type": m, "size": len(c), "content": c} for n, c, m in files]
        return {"seq": next(_SENDS), "text": text, "files": payload}


def _camera_file(file: Any) -> tuple[str, bytes, str]:
    if (
        isinstance(file, tuple) and len(file) == 3 and isinstance(file[0], str)
        and isinstance(file[1], (bytes, bytearray)) and isinstance(file[2], str)
    ):
        name, content, mime = file
        if not name.lower().endswith(".jpg"):
            raise AppTestError(f"st.camera_input only captures .jpg files. Got filename {name!r}.")
        if mime.lower() != "image/jpeg":
            raise AppTestError(f"st.camera_input photos use MIME type 'image/jpeg'. Got {mime!r}.")
        return name, bytes(content), "image/jpeg"
    if isinstance(file, list):
        raise AppTestError("st.camera_input captures one photo. A list is not accepted.")
    raise AppTestError(
        "st.camera_input captures one photo. Pass one (filename, content, mime_type) tuple whose "
        f"content is bytes, or None to clear. Got {type(file).__name__}."
    )


FILE_WIDGETS: dict[str, type[Widget]] = {
    "file_uploader": FileUploader,
    "camera_input": CameraInput,
    "chat_input": ChatInput,
    "audio_input": AudioInput,
}
