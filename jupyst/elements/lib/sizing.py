"""Width and height arguments of data, chart and media elements: Streamlit's checks and pixels.

``width`` is ``"stretch"``, ``"content"`` (where allowed) or a positive int of pixels;
``height`` likewise, plus ``"auto"`` for tables. Errors carry Streamlit's messages.
"""

from __future__ import annotations

from typing import Any

from jupyst.errors import StreamlitAPIException

_UINT32_MAX = 2**32 - 1


class StreamlitInvalidWidthError(StreamlitAPIException):
    def __init__(self, width: Any, allow_content: bool = False) -> None:
        valid = "a positive integer (pixels), 'stretch', or 'content'" if allow_content else "a positive integer (pixels) or 'stretch'"
        super().__init__(f"Invalid width value: {width!r}. Width must be either {valid}.")


class StreamlitInvalidHeightError(StreamlitAPIException):
    def __init__(self, height: Any, allow_content: bool = False) -> None:
        valid = "a positive integer (pixels), 'stretch', or 'content'" if allow_content else "a positive integer (pixels) or 'stretch'"
        super().__init__(f"Invalid height value: {height!r}. Height must be either {valid}.")


def _pixels_ok(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= _UINT32_MAX


def validate_width(width: Any, allow_content: bool = False) -> None:
    if isinstance(width, str):
        if width == "stretch" or (allow_content and width == "content"):
            return
        raise StreamlitInvalidWidthError(width, allow_content)
    if not _pixels_ok(width):
        raise StreamlitInvalidWidthError(width, allow_content)


def validate_height(height: Any, allow_content: bool = False, allow_stretch: bool = True, extra: tuple[str, ...] = ()) -> None:
    if isinstance(height, str):
        if (allow_stretch and height == "stretch") or (allow_content and height == "content") or height in extra:
            return
        raise StreamlitInvalidHeightError(height, allow_content)
    if not _pixels_ok(height):
        raise StreamlitInvalidHeightError(height, allow_content)


def use_container_width(width: Any, use_container_width: bool | None) -> Any:
    """The width the deprecated ``use_container_width`` stands for."""
    if use_container_width is None:
        return width
    if use_container_width:
        return "stretch"
    return width if isinstance(width, int) and not isinstance(width, bool) else "content"


def css_width(width: Any) -> str | None:
    """The CSS width of an element's box (None: its natural width)."""
    if isinstance(width, int) and not isinstance(width, bool):
        return f"{width}px"
    return "100%" if width == "stretch" else None


def width_layout(width: Any) -> dict[str, Any]:
    """The ``layout`` trait of an element box ``width`` wide: nothing for its natural width,
    else the column's width or a number of pixels, never wider than the column."""
    css = css_width(width)
    return {} if css is None else {"layout": {"width": css, "max_width": "100%"}}
