"""``st.column_config``: how a column of ``st.dataframe`` / ``st.data_editor`` looks and edits.

Each function returns a plain dict in Streamlit's shape (``label``, ``width``, ``help``,
``disabled``, ``required``, ``pinned``, ``default``, ``alignment`` and a ``type_config``
with the column type and its options), so configs built for Streamlit work unchanged.
:mod:`jupyst.elements.lib.grid_model` reads them. A keyed :func:`ButtonColumn` is the one
exception: it returns a :class:`ButtonColumnResult`, the config together with what a click
calls, which the table registers as a trigger widget.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Callable

from jupyst.elements.lib.button_columns import ButtonColumnResult
from jupyst.errors import StreamlitAPIException, StreamlitMissingRequiredParameterError

ColumnConfig = dict

_WIDTHS = ("small", "medium", "large")


def _base(label: str | None, width: Any, help: str | None, disabled: bool | None = None, required: bool | None = None, pinned: bool | None = None, default: Any = None, alignment: str | None = None, hidden: bool | None = None) -> dict[str, Any]:
    if width is not None and not (isinstance(width, int) and not isinstance(width, bool) and width > 0) and width not in _WIDTHS:
        raise StreamlitAPIException(f"Invalid column width: {width!r}. Use 'small', 'medium', 'large' or a positive int.")
    if alignment is not None and alignment not in ("left", "center", "right"):
        raise StreamlitAPIException(f"Invalid alignment: {alignment!r}. Use 'left', 'center' or 'right'.")
    out = {
        "label": label,
        "width": width,
        "help": help,
        "disabled": disabled,
        "required": required,
        "pinned": pinned,
        "default": default,
        "alignment": alignment,
        "hidden": hidden,
    }
    return {k: v for k, v in out.items() if v is not None}


def _typed(base: dict[str, Any], type_: str, **options: Any) -> dict[str, Any]:
    base["type_config"] = {"type": type_, **{k: v for k, v in options.items() if v is not None}}
    return base


def Column(label: str | None = None, *, width: Any = None, help: str | None = None, disabled: bool | None = None, required: bool | None = None, pinned: bool | None = None, alignment: str | None = None) -> ColumnConfig:
    """A column of any type: label, width, tooltip, editability."""
    return _base(label, width, help, disabled, required, pinned, alignment=alignment)


def NumberColumn(label: str | None = None, *, width: Any = None, help: str | None = None, disabled: bool | None = None, required: bool | None = None, pinned: bool | None = None, alignment: str | None = None, default: float | None = None, format: str | None = None, min_value: float | None = None, max_value: float | None = None, step: float | None = None) -> ColumnConfig:
    """A numeric column: printf format or a preset ("dollar", "percent", "compact", ...)."""
    return _typed(_base(label, width, help, disabled, required, pinned, default, alignment), "number", format=format, min_value=min_value, max_value=max_value, step=step)


def TextColumn(label: str | None = None, *, width: Any = None, help: str | None = None, disabled: bool | None = None, required: bool | None = None, pinned: bool | None = None, alignment: str | None = None, default: str | None = None, max_chars: int | None = None, validate: str | None = None) -> ColumnConfig:
    """A text column; edits may be limited by length and a regular expression."""
    return _typed(_base(label, width, help, disabled, required, pinned, default, alignment), "text", max_chars=max_chars, validate=validate)


def LinkColumn(label: str | None = None, *, width: Any = None, help: str | None = None, disabled: bool | None = None, required: bool | None = None, pinned: bool | None = None, alignment: str | None = None, default: str | None = None, max_chars: int | None = None, validate: str | None = None, display_text: str | None = None) -> ColumnConfig:
    """A column of URLs shown as links; ``display_text`` may be a regex with a group."""
    return _typed(_base(label, width, help, disabled, required, pinned, default, alignment), "link", max_chars=max_chars, validate=validate, display_text=display_text)


def CheckboxColumn(label: str | None = None, *, width: Any = None, help: str | None = None, disabled: bool | None = None, required: bool | None = None, pinned: bool | None = None, alignment: str | None = None, default: bool | None = None) -> ColumnConfig:
    """A boolean column shown as checkboxes."""
    return _typed(_base(label, width, help, disabled, required, pinned, default, alignment), "checkbox")


def SelectboxColumn(label: str | None = None, *, width: Any = None, help: str | None = None, disabled: bool | None = None, required: bool | None = None, pinned: bool | None = None, default: Any = None, options: Iterable[Any] | None = None, format_func: Callable[[Any], str] | None = None) -> ColumnConfig:
    """A column whose cells are edited by choosing one of ``options``."""
    opts = None
    if options is not None:
        opts = [{"value": o, "label": format_func(o)} if format_func else o for o in options]
    return _typed(_base(label, width, help, disabled, required, pinned, default), "selectbox", options=opts)


def MultiselectColumn(label: str | None = None, *, width: Any = None, help: str | None = None, disabled: bool | None = None, required: bool | None = None, pinned: bool | None = None, default: Iterable[str] | None = None, options: Iterable[str] | None = None, accept_new_options: bool | None = None, color: Any = None, format_func: Callable[[str], str] | None = None) -> ColumnConfig:
    """A column of lists of strings chosen from ``options``."""
    opts = None if options is None else [{"value": o, "label": format_func(o)} if format_func else o for o in options]
    return _typed(_base(label, width, help, disabled, required, pinned, None if default is None else list(default)), "multiselect", options=opts, accept_new_options=accept_new_options)


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def DatetimeColumn(label: str | None = None, *, width: Any = None, help: str | None = None, disabled: bool | None = None, required: bool | None = None, pinned: bool | None = None, alignment: str | None = None, default: Any = None, format: str | None = None, min_value: Any = None, max_value: Any = None, step: Any = None, timezone: str | None = None) -> ColumnConfig:
    """A datetime column; ``format`` is a Moment.js pattern or a preset."""
    return _typed(_base(label, width, help, disabled, required, pinned, _iso(default), alignment), "datetime", format=format, min_value=_iso(min_value), max_value=_iso(max_value), step=_seconds(step), timezone=timezone)


def DateColumn(label: str | None = None, *, width: Any = None, help: str | None = None, disabled: bool | None = None, required: bool | None = None, pinned: bool | None = None, alignment: str | None = None, default: Any = None, format: str | None = None, min_value: Any = None, max_value: Any = None, step: int | None = None) -> ColumnConfig:
    """A date column; ``format`` is a Moment.js pattern, "localized", "distance" or "iso8601"."""
    return _typed(_base(label, width, help, disabled, required, pinned, _iso(default), alignment), "date", format=format, min_value=_iso(min_value), max_value=_iso(max_value), step=step)


def TimeColumn(label: str | None = None, *, width: Any = None, help: str | None = None, disabled: bool | None = None, required: bool | None = None, pinned: bool | None = None, alignment: str | None = None, default: Any = None, format: str | None = None, min_value: Any = None, max_value: Any = None, step: Any = None) -> ColumnConfig:
    """A time-of-day column."""
    return _typed(_base(label, width, help, disabled, required, pinned, _iso(default), alignment), "time", format=format, min_value=_iso(min_value), max_value=_iso(max_value), step=_seconds(step))


def _seconds(step: Any) -> Any:
    total = getattr(step, "total_seconds", None)
    return total() if callable(total) else step


def ProgressColumn(label: str | None = None, *, width: Any = None, help: str | None = None, pinned: bool | None = None, format: str | None = None, min_value: float | None = None, max_value: float | None = None, step: float | None = None, color: Any = None) -> ColumnConfig:
    """A read-only column of progress bars between ``min_value`` and ``max_value``."""
    return _typed(_base(label, width, help, pinned=pinned), "progress", format=format, min_value=min_value, max_value=max_value, step=step, color=color)


def ListColumn(label: str | None = None, *, width: Any = None, help: str | None = None, pinned: bool | None = None, disabled: bool | None = None, required: bool | None = None, default: Iterable[str] | None = None) -> ColumnConfig:
    """A column of lists, shown as comma-separated values."""
    return _typed(_base(label, width, help, disabled, required, pinned, None if default is None else list(default)), "list")


def ImageColumn(label: str | None = None, *, width: Any = None, help: str | None = None, pinned: bool | None = None, alignment: str | None = None) -> ColumnConfig:
    """A column of image URLs (http(s) or data URLs) shown as thumbnails."""
    return _typed(_base(label, width, help, pinned=pinned, alignment=alignment), "image")


def AudioColumn(label: str | None = None, *, width: Any = None, help: str | None = None, pinned: bool | None = None, alignment: str | None = None) -> ColumnConfig:
    """A column of audio URLs."""
    return _typed(_base(label, width, help, pinned=pinned, alignment=alignment), "audio")


def VideoColumn(label: str | None = None, *, width: Any = None, help: str | None = None, pinned: bool | None = None, alignment: str | None = None) -> ColumnConfig:
    """A column of video URLs."""
    return _typed(_base(label, width, help, pinned=pinned, alignment=alignment), "video")


def _chart(kind: str, label: str | None, width: Any, help: str | None, pinned: bool | None, y_min: float | None, y_max: float | None, color: Any) -> ColumnConfig:
    return _typed(_base(label, width, help, pinned=pinned), kind, y_min=y_min, y_max=y_max, color=color)


def LineChartColumn(label: str | None = None, *, width: Any = None, help: str | None = None, pinned: bool | None = None, y_min: float | None = None, y_max: float | None = None, color: Any = None) -> ColumnConfig:
    """A column of number lists drawn as small line charts."""
    return _chart("line_chart", label, width, help, pinned, y_min, y_max, color)


def BarChartColumn(label: str | None = None, *, width: Any = None, help: str | None = None, pinned: bool | None = None, y_min: float | None = None, y_max: float | None = None, color: Any = None) -> ColumnConfig:
    """A column of number lists drawn as small bar charts."""
    return _chart("bar_chart", label, width, help, pinned, y_min, y_max, color)


def AreaChartColumn(label: str | None = None, *, width: Any = None, help: str | None = None, pinned: bool | None = None, y_min: float | None = None, y_max: float | None = None, color: Any = None) -> ColumnConfig:
    """A column of number lists drawn as small area charts."""
    return _chart("area_chart", label, width, help, pinned, y_min, y_max, color)


def JsonColumn(label: str | None = None, *, width: Any = None, help: str | None = None, pinned: bool | None = None, alignment: str | None = None) -> ColumnConfig:
    """A column of JSON-like values, shown as compact JSON."""
    return _typed(_base(label, width, help, pinned=pinned, alignment=alignment), "json")


def MarkdownColumn(label: str | None = None, *, width: Any = None, help: str | None = None, disabled: bool | None = None, required: bool | None = None, pinned: bool | None = None, alignment: str | None = None, default: str | None = None) -> ColumnConfig:
    """A column of markdown text (shown as plain text here)."""
    return _typed(_base(label, width, help, disabled, required, pinned, default, alignment), "markdown")


def ButtonColumn(label: str | None = None, *, width: Any = None, help: str | None = None, pinned: bool | None = None, alignment: str | None = None, type: str = "secondary", on_click: Callable[..., Any] | None = None, args: Any = None, kwargs: Any = None, key: str | None = None) -> ButtonColumnResult | ColumnConfig:
    """A read-only column of buttons labelled by the cells (a list of labels makes a menu).

    ``type`` is "primary", "secondary" or "tertiary". With ``key``, a click reruns the app
    with ``st.session_state[key]`` set to the clicked row's position and label, for that run
    only, after ``on_click`` ran; without one the buttons do nothing.
    """
    config = _typed(_base(label, width, help, disabled=True, pinned=pinned, alignment=alignment), "button", button_type=type)
    if key is not None:
        return ButtonColumnResult(config, on_click, args, kwargs, key)
    if on_click is not None or args is not None or kwargs is not None:
        raise StreamlitMissingRequiredParameterError("key", detail="Callbacks passed via `on_click`, `args`, or `kwargs` need a unique key to be registered.")
    return config


__all__ = [
    "AreaChartColumn", "AudioColumn", "BarChartColumn", "ButtonColumn", "CheckboxColumn", "Column", "DateColumn",
    "DatetimeColumn", "ImageColumn", "JsonColumn", "LineChartColumn", "LinkColumn", "ListColumn",
    "MarkdownColumn", "MultiselectColumn", "NumberColumn", "ProgressColumn", "SelectboxColumn",
    "TextColumn", "TimeColumn", "VideoColumn",
]
