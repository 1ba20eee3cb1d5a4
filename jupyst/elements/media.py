"""Media elements: ``st.image``, ``st.audio``, ``st.video``, ``st.logo`` and ``st.pyplot``.

Images (PIL images, numpy arrays, bytes, file paths, URLs, SVG text, or lists of them) are
encoded as Streamlit encodes them (``clamp``, ``channels``, ``output_format``; JPEG unless
the image has alpha or is a GIF) and drawn as ``<img>`` tags with captions in one HTML
widget. Audio and video go to ipywidgets' ``Audio`` and ``Video``, which send the bytes as
binary buffers; numpy audio becomes 16-bit WAV at ``sample_rate``. Encoded media are
cached by content, so a rerun with the same image costs a hash.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import mimetypes
import os
import re
import wave
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.node import Node
from jupyst.elements.lib.registry import Renderer, classes, register
from jupyst.elements.lib.sizing import validate_width
from jupyst.elements.lib.urls import is_url
from jupyst.errors import StreamlitAPIException, StreamlitValueError

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator

#: images wider than this are scaled down, as Streamlit does for the page width
MAXIMUM_CONTENT_WIDTH = 2 * 730
_CACHE: OrderedDict[str, Any] = OrderedDict()
_CACHE_SIZE = 64


def _cached(key: str, make: Any) -> Any:
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    value = make()
    _CACHE[key] = value
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return value


def _read_source(data: Any) -> tuple[bytes | None, str | None]:
    """Bytes of a path, bytes, BytesIO or file-like value; or (None, url) for a URL."""
    if isinstance(data, Path):
        data = str(data)
    if isinstance(data, str):
        if is_url(data, ("http", "https", "data")):
            return None, data
        if not os.path.isfile(data):
            raise StreamlitAPIException(f"Unable to read file: {data!r}. The file does not exist.")
        with open(data, "rb") as fh:
            return fh.read(), None
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data), None
    if isinstance(data, io.BytesIO):
        return data.getvalue(), None
    read = getattr(data, "read", None)
    if callable(read):
        seek = getattr(data, "seek", None)
        if callable(seek):
            seek(0)
        raw = read()
        return (raw.encode() if isinstance(raw, str) else bytes(raw)), None
    raise StreamlitAPIException(f"Invalid binary data format: {type(data)}")


# ----- images ---------------------------------------------------------------------------------
def _pil_bytes(img: Any, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG" and img.mode not in ("RGB", "L"):
        img = img.convert("RGB")
    img.save(out, format=fmt, quality=95) if fmt == "JPEG" else img.save(out, format=fmt)
    return out.getvalue()


def _format_for(img: Any, output_format: str) -> str:
    wanted = output_format.upper()
    if wanted in ("JPEG", "PNG"):
        return wanted
    if wanted == "JPG":
        return "JPEG"
    if (img.format or "").upper() == "GIF":
        return "GIF"
    if img.mode in ("RGBA", "LA", "P") or "transparency" in img.info:
        return "PNG"
    return "JPEG"


def _clip(array: Any, clamp: bool) -> Any:
    import numpy as np

    if np.issubdtype(array.dtype, np.floating):
        if clamp:
            array = np.clip(array, 0, 1.0)
        elif array.size and (np.nanmin(array) < 0.0 or np.nanmax(array) > 1.0):
            raise StreamlitAPIException("Data is outside [0.0, 1.0] and clamp is not set.")
        return array * 255
    if clamp:
        return np.clip(array, 0, 255)
    if array.size and (np.amin(array) < 0 or np.amax(array) > 255):
        raise StreamlitAPIException("Data is outside [0, 255] and clamp is not set.")
    return array


def encode_image(image: Any, width: Any, clamp: bool, channels: str, output_format: str) -> tuple[str, bytes | str]:
    """(mime type, bytes) of one image, or ("url", url) / ("svg", markup)."""
    import numpy as np

    if isinstance(image, str) and image.lstrip().startswith("<svg"):
        return "svg", image
    if isinstance(image, (str, Path)) and str(image).lower().endswith(".svg") and os.path.isfile(str(image)):
        return "svg", Path(image).read_text(encoding="utf-8")
    if isinstance(image, np.ndarray):
        array = image
        if array.ndim not in (2, 3):
            raise StreamlitValueError("image", ["a 2D or 3D NumPy array"])
        if array.ndim == 3 and array.shape[-1] not in (1, 3, 4):
            raise StreamlitAPIException(f"Channel can only be 1, 3, or 4 got {array.shape[-1]}. Shape is {array.shape}")
        if array.ndim == 3 and array.shape[-1] == 1:
            array = array[:, :, 0]
        array = _clip(array, clamp)
        if channels == "BGR":
            if array.ndim != 3:
                raise StreamlitAPIException('When using `channels="BGR"`, the input image should have exactly 3 color channels')
            array = array[:, :, [2, 1, 0]]
        from PIL import Image

        img = Image.fromarray(array.astype(np.uint8))
    elif type(image).__module__.startswith("PIL"):
        img = image
    else:
        raw, url = _read_source(image)
        if url is not None:
            return "url", url
        assert raw is not None
        if raw.lstrip().startswith(b"<svg") or raw.lstrip().startswith(b"<?xml"):
            return "svg", raw.decode("utf-8", errors="replace")
        from PIL import Image

        try:
            img = Image.open(io.BytesIO(raw))
        except Exception as exc:
            raise StreamlitAPIException(f"Failed to load the image: {exc}") from exc
        fmt = _format_for(img, output_format)
        target = width if isinstance(width, int) and not isinstance(width, bool) else MAXIMUM_CONTENT_WIDTH
        if (img.format or "").upper() == fmt and img.size[0] <= target:
            return f"image/{fmt.lower()}", raw
    fmt = _format_for(img, output_format)
    target = width if isinstance(width, int) and not isinstance(width, bool) else MAXIMUM_CONTENT_WIDTH
    if img.size[0] > target:
        from PIL import Image

        img = img.resize((target, max(1, int(img.size[1] * target / img.size[0]))), resample=Image.Resampling.BILINEAR)
    return f"image/{fmt.lower()}", _pil_bytes(img, fmt)


def _image_key(image: Any) -> str | None:
    import numpy as np

    h = hashlib.blake2b(digest_size=16)
    if isinstance(image, np.ndarray):
        h.update(str((image.shape, image.dtype)).encode())
        h.update(np.ascontiguousarray(image).tobytes())
    elif isinstance(image, (bytes, bytearray)):
        h.update(bytes(image))
    elif isinstance(image, str) and (is_url(image, ("http", "https", "data")) or image.lstrip().startswith("<svg")):
        h.update(image.encode())
    else:
        return None
    return h.hexdigest()


def image_src(image: Any, width: Any, clamp: bool, channels: str, output_format: str) -> str:
    """A URL for the image: its own URL, or a data URL (SVG markup stays markup)."""
    key = _image_key(image)

    def make() -> str:
        mime, payload = encode_image(image, width, clamp, channels, output_format)
        if mime == "url":
            return str(payload)
        if mime == "svg":
            return "svg:" + str(payload)
        assert isinstance(payload, bytes)
        return f"data:{mime};base64,{base64.b64encode(payload).decode('ascii')}"

    if key is None:
        return make()
    return _cached(f"img:{key}:{width}:{clamp}:{channels}:{output_format}", make)


def _as_list(image: Any) -> list[Any]:
    import numpy as np

    if isinstance(image, (list, tuple, set)):
        return list(image)
    if isinstance(image, np.ndarray) and image.ndim == 4:
        return list(image)
    return [image]


class MediaMixin(ElementMixin):
    def image(self, image: Any, caption: Any = None, width: Any = "content", clamp: bool = False, channels: str = "RGB", output_format: str = "auto", *, use_container_width: bool | None = None, link: str | None = None, use_column_width: Any = None) -> DeltaGenerator:
        """Show an image or a list of images, with optional captions."""
        if use_container_width is not None:
            width = "stretch" if use_container_width else width
        elif use_column_width in (True, "always", "auto"):
            width = "stretch"
        validate_width(width, allow_content=True)
        if channels not in ("RGB", "BGR"):
            raise StreamlitAPIException(f'Invalid channels value: "{channels}". Valid values are "RGB" and "BGR".')
        images = _as_list(image)
        captions: list[Any]
        if caption is None:
            captions = [None] * len(images)
        elif isinstance(caption, str):
            captions = [caption] + [None] * (len(images) - 1)
        else:
            captions = list(caption)
        if len(captions) != len(images):
            raise StreamlitAPIException(f"Cannot pair {len(captions)} captions with {len(images)} images.")
        srcs = [image_src(img, width, clamp, channels, output_format) for img in images]
        props = {"value": srcs, "captions": ["" if c is None else str(c) for c in captions], "width": width, "link": link}
        return self._dg._append(Node(kind="image", props=props))

    def audio(self, data: Any, format: str = "audio/wav", start_time: Any = 0, *, sample_rate: int | None = None, end_time: Any = None, loop: bool = False, autoplay: bool = False, width: Any = "stretch") -> DeltaGenerator:
        """Show an audio player for bytes, a file, a URL or a numpy waveform."""
        payload, url, fmt = _media_payload(data, format, sample_rate, audio=True)
        props = {"data": payload, "url": url, "format": fmt, "start_time": _seconds(start_time), "end_time": _seconds(end_time), "loop": bool(loop), "autoplay": bool(autoplay)}
        return self._dg._append(Node(kind="audio", props=props))

    def video(self, data: Any, format: str = "video/mp4", start_time: Any = 0, *, subtitles: Any = None, end_time: Any = None, loop: bool = False, autoplay: bool = False, muted: bool = False, width: Any = "stretch") -> DeltaGenerator:
        """Show a video player for bytes, a file or a URL (YouTube links are embedded)."""
        if autoplay and not muted:
            pass  # browsers only autoplay muted video; Streamlit passes the flags through too
        payload, url, fmt = _media_payload(data, format, None, audio=False)
        props = {"data": payload, "url": url, "format": fmt, "start_time": _seconds(start_time), "end_time": _seconds(end_time), "loop": bool(loop), "autoplay": bool(autoplay), "muted": bool(muted)}
        return self._dg._append(Node(kind="video", props=props))

    def logo(self, image: Any, *, size: str = "medium", link: str | None = None, icon_image: Any = None) -> None:
        """Show the app's logo at the top of where it is called (usually first in the script)."""
        if size not in ("small", "medium", "large"):
            raise StreamlitValueError("size", ["'small'", "'medium'", "'large'"])
        src = image_src(image, "content", False, "RGB", "auto")
        # Streamlit sends the logo with the page, not as an element: AppTest does not list it.
        self._dg._append(Node(kind="logo", props={"value": [src], "size": size, "link": link, "transient": True}))

    def pyplot(self, fig: Any = None, clear_figure: bool | None = None, *, width: Any = "stretch", use_container_width: bool | None = None, **kwargs: Any) -> DeltaGenerator:
        """Show a matplotlib figure as an image (``plt.gcf()`` when no figure is given)."""
        if fig is None:
            import matplotlib.pyplot as plt

            fig = plt.gcf()
            clear_figure = True if clear_figure is None else clear_figure
        if use_container_width is not None:
            width = "stretch" if use_container_width else "content"
        validate_width(width, allow_content=True)
        options = {"bbox_inches": "tight", "dpi": 200, "format": "png", **kwargs}
        buf = io.BytesIO()
        fig.savefig(buf, **options)
        if clear_figure:
            fig.clf()
        src = f"data:image/png;base64,{base64.b64encode(buf.getvalue()).decode('ascii')}"
        return self._dg._append(Node(kind="image", props={"value": [src], "captions": [""], "width": width, "link": None, "pyplot": True}))


def _seconds(value: Any) -> float | None:
    if value is None:
        return None
    total = getattr(value, "total_seconds", None)
    if callable(total):
        return float(total())
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(s|sec|seconds|m|min|minutes|h|hours)?\s*", value)
        if not m:
            raise StreamlitAPIException(f"Invalid time format: {value!r}.")
        factor = {"m": 60, "min": 60, "minutes": 60, "h": 3600, "hours": 3600}.get(m.group(2) or "s", 1)
        return float(m.group(1)) * factor
    return float(value)


def numpy_to_wav(data: Any, sample_rate: int) -> bytes:
    """16-bit PCM WAV of a waveform: 1-D mono, or 2-D with one row per channel."""
    import numpy as np

    array = np.asarray(data, dtype=float)
    if array.ndim not in (1, 2):
        raise StreamlitAPIException("Numpy array audio input must be a 1D or 2D array.")
    peak = float(np.max(np.abs(array))) if array.size else 0.0
    scaled = (array / peak * 32767) if peak > 0 else array
    samples = scaled.astype(np.int16)
    channels = 1 if samples.ndim == 1 else samples.shape[0]
    frames = samples if samples.ndim == 1 else samples.T.ravel()
    out = io.BytesIO()
    with wave.open(out, "wb") as fh:
        fh.setnchannels(channels)
        fh.setsampwidth(2)
        fh.setframerate(int(sample_rate))
        fh.writeframes(frames.tobytes())
    return out.getvalue()


def _media_payload(data: Any, fmt: str, sample_rate: int | None, *, audio: bool) -> tuple[bytes | None, str | None, str]:
    import numpy as np

    if isinstance(data, np.ndarray) or (audio and isinstance(data, list) and data and isinstance(data[0], (int, float, list))):
        if not audio:
            raise StreamlitAPIException("Numpy arrays are not supported by st.video.")
        if sample_rate is None:
            raise StreamlitAPIException("`sample_rate` must be specified when `data` is a numpy array.")
        key = hashlib.blake2b(np.ascontiguousarray(np.asarray(data)).tobytes() + str(sample_rate).encode(), digest_size=16).hexdigest()
        return _cached(f"wav:{key}", lambda: numpy_to_wav(data, sample_rate)), None, "audio/wav"
    if sample_rate is not None and audio:
        raise StreamlitAPIException("`sample_rate` can only be specified with numpy array audio data.")
    if data is None:
        return None, None, fmt
    raw, url = _read_source(data)
    if url is not None:
        return None, url, fmt
    if isinstance(data, (str, Path)):
        guessed = mimetypes.guess_type(str(data))[0]
        if guessed and guessed.split("/")[0] in ("audio", "video"):
            fmt = guessed
    return raw, None, fmt


# ----- rendering ------------------------------------------------------------------------------
def _img_tag(src: str, width: Any) -> str:
    style = f"width:{width}px;max-width:100%" if isinstance(width, int) and not isinstance(width, bool) else ("width:100%" if width == "stretch" else "max-width:100%")
    if src.startswith("svg:"):
        return f"<div class='jupyst-svg' style='{style}'>{src[4:]}</div>"
    return f"<img src='{html.escape(src, quote=True)}' style='{style}' alt=''>"


@register
class ImageRenderer(Renderer):
    kind = "image"
    cls = w.HTML

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        parts = []
        link = props.get("link")
        for src, caption in zip(props["value"], props["captions"]):
            tag = _img_tag(src, props["width"])
            if link and is_url(link):
                tag = f"<a href='{html.escape(link, quote=True)}' target='_blank' rel='noopener noreferrer'>{tag}</a>"
            cap = f"<div class='jupyst-image-caption'>{html.escape(caption)}</div>" if caption else ""
            parts.append(f"<figure class='jupyst-image-item'>{tag}{cap}</figure>")
        return {"value": f"<div class='jupyst-image-list'>{''.join(parts)}</div>", "_dom_classes": classes("image")}


@register
class LogoRenderer(Renderer):
    kind = "logo"
    cls = w.HTML

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        tag = _img_tag(props["value"][0], "content")
        link = props.get("link")
        if link and is_url(link):
            tag = f"<a href='{html.escape(link, quote=True)}' target='_blank' rel='noopener noreferrer'>{tag}</a>"
        return {"value": tag, "_dom_classes": classes("logo", f"jupyst-logo-{props['size']}")}


class _PlayerRenderer(Renderer):
    def widget_class(self, props: dict[str, Any]) -> type[w.Widget]:
        if props.get("url") and _youtube_id(props["url"]):
            return w.HTML
        return self.cls

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        dom = classes(self.kind)
        url = props.get("url")
        if url and _youtube_id(url):
            start = int(props.get("start_time") or 0)
            src = f"https://www.youtube.com/embed/{_youtube_id(url)}?start={start}"
            return {"value": f"<iframe class='jupyst-youtube' src='{html.escape(src, quote=True)}' allowfullscreen></iframe>", "_dom_classes": dom}
        if url:
            value, fmt = url.encode("utf-8"), "url"
        else:
            value, fmt = props.get("data") or b"", (props.get("format") or "").split("/")[-1] or ("wav" if self.kind == "audio" else "mp4")
        return {"value": value, "format": fmt, "autoplay": props["autoplay"], "loop": props["loop"], "controls": True, "_dom_classes": dom}


@register
class AudioRenderer(_PlayerRenderer):
    kind = "audio"
    cls = w.Audio


@register
class VideoRenderer(_PlayerRenderer):
    kind = "video"
    cls = w.Video

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {**super().traits(props), "layout": {"width": "100%"}}


def _youtube_id(url: str) -> str | None:
    m = re.match(r"^https?://(?:www\.)?(?:youtube\.com/watch\?v=|youtu\.be/|youtube\.com/embed/)([\w-]{6,})", url)
    return m.group(1) if m else None
