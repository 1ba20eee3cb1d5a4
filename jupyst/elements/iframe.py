"""``st.iframe`` and the two iframe commands of ``st.components.v1`` (``html``, ``iframe``).

All three draw an "iframe" element: a :class:`~jupyst.widgets.component_frame.ComponentFrame`
holding inline HTML (whose scripts run in the frame's own, sandboxed document) or a URL.
A ``pathlib.Path`` given to ``st.iframe`` is read here: an HTML file inline, any other file
as a ``data:`` URL (jupyst has no media server; the browser shows PDFs and images from it).
"""

from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.node import Node
from jupyst.elements.lib.registry import Renderer, classes, register
from jupyst.elements.lib.sizing import validate_height, validate_width
from jupyst.errors import (
    StreamlitAPIException,
    StreamlitInvalidParameterTypeError,
    StreamlitValueError,
)
from jupyst.widgets.component_frame import ComponentFrame

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator

_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_URL = re.compile(r"^(https?|data):", re.I)
#: height of a URL frame whose height is "content" (a cross-origin page cannot be measured)
URL_CONTENT_HEIGHT = 400


def check_tab_index(tab_index: Any) -> None:
    """Streamlit's rule: None, -1 (focusable, not in the tab order) or a non-negative int."""
    if tab_index is None:
        return
    if isinstance(tab_index, bool) or not isinstance(tab_index, int):
        raise StreamlitInvalidParameterTypeError("tab_index", type(tab_index).__name__, ["int"])
    if tab_index < -1:
        raise StreamlitValueError("tab_index", ["None", "-1", "a non-negative integer"])


def _looks_like_file(text: str) -> bool:
    if len(text) > 4096 or "<" in text:
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def read_local_file(path: Path) -> tuple[str, str]:
    """(srcdoc, src) for a local file: HTML inline, anything else as a data URL."""
    if path.suffix.lower() in _HTML_SUFFIXES:
        try:
            return path.read_text(encoding="utf-8"), ""
        except (OSError, UnicodeDecodeError) as exc:
            raise StreamlitAPIException(f"Unable to read file '{path}': {exc}") from exc
    try:
        payload = path.read_bytes()
    except OSError as exc:
        raise StreamlitAPIException(f"Unable to read file '{path}': {exc}") from exc
    mime = mimetypes.guess_type(str(path))[0] or "application/octet-stream"
    return "", f"data:{mime};base64,{base64.b64encode(payload).decode('ascii')}"


class IFrameMixin(ElementMixin):
    def iframe(self, src: str | Path, *, width: Any = "stretch", height: Any = "content", tab_index: int | None = None, alt: str | None = None) -> DeltaGenerator:
        """Embed a page in a frame: a URL, a local file (a ``Path``) or a string of HTML.

        HTML runs its scripts inside the frame. ``height="content"`` fits inline HTML to its
        document; a URL, which cannot be measured, gets 400 pixels.
        """
        validate_width(width, allow_content=True)
        validate_height(height, allow_content=True)
        srcdoc, url = "", ""
        if isinstance(src, Path):
            srcdoc, url = read_local_file(src)
        else:
            text = str(src)
            if _URL.match(text) or (text.startswith("/") and not _looks_like_file(text)):
                url = text
            else:
                # A string that names a file is no longer read (Streamlit shows its text too).
                srcdoc = text
        check_tab_index(tab_index)
        if not srcdoc:
            width = "stretch" if width == "content" else width
            height = URL_CONTENT_HEIGHT if height == "content" else height
        props = {"srcdoc": srcdoc, "src": url, "width": width, "height": height, "scrolling": True, "tab_index": tab_index, "alt": alt}
        return self._dg._append(Node(kind="iframe", props=props))

    def pdf(self, data: Any, *, height: Any = 500, key: str | None = None, alt: str | None = None) -> DeltaGenerator:
        """Show a PDF (a URL, a path, bytes or a file-like object) in the browser's PDF viewer.

        Streamlit needs the ``streamlit-pdf`` component for this; jupyst shows the PDF with
        the browser's own viewer, in a frame.
        """
        from jupyst.errors import StreamlitMissingRequiredParameterError

        if data is None:
            raise StreamlitMissingRequiredParameterError(
                "data", detail="Please provide a valid PDF file path, URL, bytes data, or file-like object."
            )
        validate_height(height)
        url = ""
        if isinstance(data, (str, Path)):
            text = str(data).strip()
            if re.match(r"^https?://", text, re.I):
                url = text
            else:
                try:
                    payload = Path(text).read_bytes()
                except OSError as exc:
                    raise StreamlitAPIException(f"Unable to read file '{text}': {exc}") from exc
        elif isinstance(data, (bytes, bytearray, memoryview)):
            payload = bytes(data)
        elif hasattr(data, "getvalue"):
            payload = data.getvalue()
        elif hasattr(data, "read"):
            payload = data.read()
        else:
            raise StreamlitInvalidParameterTypeError(
                "data", type(data).__name__, ["str", "Path", "bytes", "file-like object"], detail="A str can be a file path or a URL."
            )
        if not url:
            url = "data:application/pdf;base64," + base64.b64encode(payload).decode("ascii")
        props = {"srcdoc": "", "src": url, "width": "stretch", "height": height, "scrolling": True, "tab_index": None, "alt": alt or "PDF document", "key": key}
        return self._dg._append(Node(kind="pdf", props=props))

    def _html(self, html: str, width: int | None = None, height: int | None = None, scrolling: bool = False, *, tab_index: int | None = None) -> DeltaGenerator:
        """``components.html``: a frame of inline HTML, 150 pixels high unless told."""
        check_tab_index(tab_index)
        props = {
            "srcdoc": str(html), "src": "", "width": width if width is not None else "stretch",
            "height": height if height is not None else 150, "scrolling": bool(scrolling), "tab_index": tab_index, "alt": None,
        }
        return self._dg._append(Node(kind="iframe", props=props))

    def _iframe(self, src: str, width: int | None = None, height: int | None = None, scrolling: bool = False, *, tab_index: int | None = None) -> DeltaGenerator:
        """``components.iframe``: a frame of a URL, 150 pixels high unless told."""
        check_tab_index(tab_index)
        props = {
            "srcdoc": "", "src": str(src), "width": width if width is not None else "stretch",
            "height": height if height is not None else 150, "scrolling": bool(scrolling), "tab_index": tab_index, "alt": None,
        }
        return self._dg._append(Node(kind="iframe", props=props))


def frame_size(width: Any, height: Any) -> dict[str, Any]:
    """The frame's CSS width and pixel height (-1: fit the document)."""
    css_width = f"{width}px" if isinstance(width, int) and not isinstance(width, bool) else "100%"
    if isinstance(height, int) and not isinstance(height, bool):
        pixels = height
    elif height == "stretch":
        pixels = 600  # a frame has no parent height to fill in a scrolling page
    else:
        pixels = -1
    return {"width": css_width, "height": pixels}


@register
class IFrameRenderer(Renderer):
    kind = "iframe"
    cls = ComponentFrame

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {
            "srcdoc": props["srcdoc"],
            "src": props["src"],
            "scrolling": bool(props.get("scrolling")),
            "tab_index": props.get("tab_index"),
            "title": props.get("alt") or "",
            "_dom_classes": classes(self.kind),
            **frame_size(props.get("width"), props.get("height")),
        }


@register
class PdfRenderer(IFrameRenderer):
    kind = "pdf"
