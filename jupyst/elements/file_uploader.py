"""``st.file_uploader`` and ``st.camera_input`` on ipywidgets' FileUpload.

The script gets :class:`UploadedFile` objects (a ``BytesIO`` with ``name``, ``type``, ``size``
and ``file_id``), a list of them with ``accept_multiple_files``, or None. File types are
filtered in the browser by the input's ``accept`` and checked again in the script, with
Streamlit's error for a wrong extension; a file over the upload limit never reaches the script.
``st.camera_input`` has no camera here: it takes a photo as a JPEG upload (on phones the
browser offers the camera for it).
"""

from __future__ import annotations

import html
import io
import os
import uuid
from typing import Any

import ipywidgets as w
import traitlets

from jupyst.elements.lib.composite_renderer import CompositeWidgetRenderer
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.registry import InvalidWidgetValue, register
from jupyst.elements.lib.widget_base import WidgetCall, widget_value
from jupyst.errors import StreamlitAPIException, StreamlitValueError
from jupyst.widgets.composite import ValueBox, close_widget

_SHORTCUTS = ("image", "audio", "video", "text")
_PAIRS = ((".jpg", ".jpeg"), (".mpg", ".mpeg"), (".mp4", ".mpeg4"), (".tif", ".tiff"), (".htm", ".html"))
#: ``server.maxUploadSize``, in megabytes
DEFAULT_MAX_UPLOAD_MB = 200


class UploadedFile(io.BytesIO):
    """An uploaded file: a ``BytesIO`` with the file's name, MIME type, size and id."""

    def __init__(self, file_id: str, name: str, type: str, data: bytes) -> None:
        super().__init__(data)
        self.file_id = file_id
        self.name = name
        self.type = type
        self.size = len(data)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, UploadedFile):
            return NotImplemented
        return self.file_id == other.file_id

    def __hash__(self) -> int:
        return hash(self.file_id)

    def __deepcopy__(self, memo: Any) -> UploadedFile:
        # Each run reads its own copy from the start, as Streamlit builds a new one per run.
        return UploadedFile(self.file_id, self.name, self.type, self.getvalue())

    def __repr__(self) -> str:
        return f"UploadedFile(file_id={self.file_id!r}, name={self.name!r}, type={self.type!r}, size={self.size})"


def normalize_types(file_type: Any) -> list[str]:
    """Streamlit's ``type=`` normalization: MIME types first, then dotted extensions."""
    if isinstance(file_type, str):
        file_type = [file_type]
    extensions: list[str] = []
    mimes: list[str] = []
    for raw in file_type:
        entry = raw.strip()
        if not entry:
            continue
        if entry.lower() in _SHORTCUTS:
            mimes.append(f"{entry.lower()}/*")
        elif "/" in entry:
            mimes.append(entry.lower())
        else:
            ext = entry.lower()
            extensions.append(ext if ext.startswith(".") else f".{ext}")
    for a, b in _PAIRS:
        if a in extensions and b not in extensions:
            extensions.append(b)
        if b in extensions and a not in extensions:
            extensions.append(a)
    return mimes + extensions


def check_file_name(name: str, allowed: list[str]) -> None:
    """Raise Streamlit's error for a file whose extension ``allowed`` does not list."""
    if "\x00" in name:
        raise StreamlitAPIException("Filename cannot contain null bytes.")
    extensions = [t.lower() for t in allowed if t.startswith(".")]
    if any("/" in t for t in allowed) or not extensions:
        return
    if not any(name.lower().endswith(ext) for ext in extensions):
        raise StreamlitAPIException(f"Invalid file extension: `{os.path.splitext(name)[1]}`. Allowed: {extensions}")


def _files(value: Any) -> list[UploadedFile]:
    if value is None:
        return []
    if isinstance(value, UploadedFile):
        return [value]
    return [f for f in value if isinstance(f, UploadedFile)]


class FileUploaderMixin(ElementMixin):
    def file_uploader(self, label: str, type: Any = None, accept_multiple_files: Any = False, key: Any = None, help: str | None = None, on_change: Any = "rerun", args: Any = None, kwargs: Any = None, *, max_upload_size: int | None = None, disabled: bool = False, label_visibility: str = "visible", width: Any = "stretch") -> Any:
        """Draw a file drop zone; return the UploadedFile (a list with several), or None."""
        if max_upload_size is not None and (isinstance(max_upload_size, bool) or not isinstance(max_upload_size, int) or max_upload_size < 1):
            raise StreamlitValueError(
                "max_upload_size", ["a positive integer"],
                detail="Set it to None to fall back to the `server.maxUploadSize` configuration option.",
            )
        allowed = normalize_types(type) if type else []
        multiple = accept_multiple_files is True or accept_multiple_files == "directory"
        limit = max_upload_size if max_upload_size is not None else _max_upload_mb()

        def coerce(current: Any) -> Any:
            files = _files(current)
            for f in files:
                if allowed:
                    check_file_name(f.name, allowed)
            if multiple:
                return files if isinstance(current, list) else files
            return files[0] if files else None

        call = WidgetCall(
            kind="file_uploader", label=label, key=key, help=help, on_change=on_change, args=args,
            kwargs=kwargs, disabled=disabled, label_visibility=label_visibility,
            identity={"type": type, "accept_multiple_files": accept_multiple_files, "max_upload_size": max_upload_size},
            key_identity=("type", "accept_multiple_files", "max_upload_size"), writable=False,
        )
        props = {"type": allowed, "multiple_files": multiple, "max_upload_size_mb": limit, "camera": False}
        return widget_value(self._dg, call, [] if multiple else None, props, coerce)

    def camera_input(self, label: str, key: Any = None, help: str | None = None, on_change: Any = "rerun", args: Any = None, kwargs: Any = None, *, disabled: bool = False, label_visibility: str = "visible", resolution: str | None = None, width: Any = "stretch") -> UploadedFile | None:
        """Take a photo (here: upload a JPEG) and return it as an UploadedFile, or None."""
        if resolution is not None and resolution not in ("480p", "720p", "1080p"):
            raise StreamlitValueError("resolution", ["'480p'", "'720p'", "'1080p'", "None"])

        def coerce(current: Any) -> Any:
            files = _files(current)
            if files:
                check_file_name(files[0].name, [".jpg"])
                return files[0]
            return None

        call = WidgetCall(
            kind="camera_input", label=label, key=key, help=help, on_change=on_change, args=args,
            kwargs=kwargs, disabled=disabled, label_visibility=label_visibility,
            identity={"resolution": resolution}, writable=False,
        )
        props = {"type": [".jpg", ".jpeg", "image/jpeg"], "multiple_files": False, "max_upload_size_mb": _max_upload_mb(), "camera": True, "resolution": resolution}
        return widget_value(self._dg, call, None, props, coerce)


def _max_upload_mb() -> int:
    from jupyst.runtime.options import get_option

    try:
        return int(get_option("server.maxUploadSize"))
    except Exception:
        return DEFAULT_MAX_UPLOAD_MB


class FileUploadBox(ValueBox):
    """A FileUpload button with the list of files; ``value`` is a tuple of file dicts
    (name, type, size, content) as FileUpload gives them, minus files over the limit."""

    accept = traitlets.Unicode("")
    multiple = traitlets.Bool(False)
    max_bytes = traitlets.Int(DEFAULT_MAX_UPLOAD_MB * 1024 * 1024)
    button_text = traitlets.Unicode("Browse files")

    def build(self) -> w.Widget:
        self._upload = w.FileUpload(_dom_classes=("jupyst-upload-button",))
        self._list = w.HTML(_dom_classes=("jupyst-upload-list",))
        # One remove button per file, as Streamlit's uploader has (rebuilt with the list).
        self._removers = w.VBox(_dom_classes=("jupyst-upload-removers",))
        self._message = ""
        self._shown: list[dict[str, Any]] = []
        self.watch(self._upload)
        return w.VBox(children=(self._upload, self._removers, self._list), _dom_classes=("jupyst-dropzone",))

    def parts(self) -> list[w.Widget]:
        return [self._body]

    def _remove(self, index: int) -> None:
        if self.disabled or not 0 <= index < len(self._shown):
            return
        self.value = tuple(f for i, f in enumerate(self._shown) if i != index)

    @traitlets.observe("accept", "multiple", "button_text")
    def _config(self, _change: dict[str, Any]) -> None:
        self._upload.accept = self.accept
        self._upload.multiple = self.multiple
        self._upload.description = self.button_text

    def pull(self) -> Any:
        # With several files, a new pick adds to the files held (Streamlit's uploader); with
        # one, it replaces it.
        out = list(self._shown) if self.multiple else []
        self._message = ""
        for item in self._upload.value:
            size = int(item.get("size") or len(item["content"]))
            if size > self.max_bytes:
                self._message = f"{html.escape(str(item.get('name')))} is larger than {self.max_bytes // (1024 * 1024)}MB."
                continue
            out.append({"name": str(item.get("name", "")), "type": str(item.get("type") or ""), "size": size, "content": bytes(item["content"])})
        self._show(out)
        return tuple(out)

    def push(self, value: Any) -> None:
        files = list(value or ())
        if not files and self._upload.value:
            # Clearing is the one change Python sends to the browser; content never goes back.
            self._upload.value = ()
        self._show(files)

    def _show(self, files: list[dict[str, Any]]) -> None:
        self._shown = list(files)
        old = self._removers.children
        buttons = []
        for i, f in enumerate(files):
            button = w.Button(description="✕", tooltip=f"Remove {f['name']}", disabled=self.disabled, _dom_classes=("jupyst-upload-remove",))
            button.on_click(lambda _b, i=i: self._remove(i))
            buttons.append(button)
        self._removers.children = tuple(buttons)
        for button in old:
            close_widget(button)
        rows = "".join(
            f'<div class="jupyst-upload-file">📄 {html.escape(f["name"])} <span class="jupyst-upload-size">{_size(f["size"])}</span></div>'
            for f in files
        )
        note = f'<div class="jupyst-upload-error">{self._message}</div>' if self._message else ""
        limit = f'<div class="jupyst-upload-hint">Limit {self.max_bytes // (1024 * 1024)}MB per file</div>'
        self._list.value = rows + note + limit


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.1f}{unit}" if unit != "B" else f"{n}B"
        n /= 1024  # type: ignore[assignment]
    return f"{n}B"


@register
class FileUploaderRenderer(CompositeWidgetRenderer):
    kind = "file_uploader"
    cls = FileUploadBox

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {
            "accept": ",".join(props["type"]),
            "multiple": bool(props["multiple_files"]),
            "max_bytes": int(props["max_upload_size_mb"]) * 1024 * 1024,
            "button_text": "Take photo" if props.get("camera") else "Browse files",
        }

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        return tuple({"name": f.name, "type": f.type, "size": f.size, "content": f.getvalue()} for f in _files(value))

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        if not isinstance(raw, tuple):
            raise InvalidWidgetValue(raw)
        limit = int(props["max_upload_size_mb"]) * 1024 * 1024
        files = []
        for item in raw:
            if not isinstance(item, dict) or not isinstance(item.get("content"), (bytes, bytearray, memoryview)):
                raise InvalidWidgetValue(item)
            data = bytes(item["content"])
            if len(data) > limit:
                raise InvalidWidgetValue(item.get("name"))
            name = str(item.get("name", ""))
            try:
                check_file_name(name, props["type"])  # the browser's accept= filter, forged around
            except StreamlitAPIException:
                raise InvalidWidgetValue(name) from None
            if props.get("camera") and name.lower().endswith(".jpeg"):
                name = name[: -len(".jpeg")] + ".jpg"
            files.append(UploadedFile(str(uuid.uuid4()), name, str(item.get("type") or ""), data))
        if not props["multiple_files"]:
            if len(files) > 1:
                raise InvalidWidgetValue(raw)
            return files[0] if files else None
        return files


@register
class CameraInputRenderer(FileUploaderRenderer):
    kind = "camera_input"
