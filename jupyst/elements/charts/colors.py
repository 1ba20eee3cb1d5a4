"""Chart colours with Streamlit's rules: hex strings, RGB(A) tuples, built-in names, a palette.

Streamlit accepts hex strings (``#f00``, ``#ff000080``), ``rgb()``/``rgba()`` strings and
tuples of ints (0-255) or floats (0.0-1.0) as colours, plus its built-in theme names
("red", "blue", ..., "primary"). Series without a colour of their own take the next colour
of Streamlit's categorical palette.
"""

from __future__ import annotations

from typing import Any

#: Streamlit's light-theme categorical palette, in order
PALETTE = ("#0068c9", "#83c9ff", "#ff2b2b", "#ffabab", "#29b09d", "#7defa1", "#ff8700", "#ffd16a", "#6d3fc0", "#d5dae5")
#: Streamlit's theme colours for its built-in colour names
BUILTIN = {
    "red": "#ff4b4b",
    "orange": "#ffa421",
    "yellow": "#ffe312",
    "green": "#21c354",
    "blue": "#1c83e1",
    "violet": "#803df5",
    "gray": "#a3a8b8",
    "grey": "#a3a8b8",
    "primary": "#ff4b4b",
}
#: ends of the sequential scale for numeric colour fields (Vega-Lite's "blues")
SEQUENTIAL = ("#cfe1f2", "#0a4a90")


class StreamlitInvalidColorError(ValueError):
    def __init__(self, color: Any) -> None:
        super().__init__(
            f"This does not look like a valid color: {color!r}.\n\nColors must be in one of the following formats:\n\n"
            "* Hex string with 3, 4, 6, or 8 digits. Example: `'#00ff00'`\n"
            "* List or tuple with 3 or 4 components. Example: `[1.0, 0.5, 0, 0.2]`"
        )


def is_hex(color: Any) -> bool:
    return isinstance(color, str) and color.startswith("#") and color[1:].isalnum() and len(color) in (4, 5, 7, 9)


def is_css_rgb(color: Any) -> bool:
    return isinstance(color, str) and color.startswith(("rgb(", "rgba("))


def is_tuple(color: Any) -> bool:
    return isinstance(color, (tuple, list)) and len(color) in (3, 4) and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in color)


def is_color_like(color: Any) -> bool:
    """A hex or rgb() string or an RGB(A) tuple (not a built-in name)."""
    return is_hex(color) or is_css_rgb(color) or is_tuple(color)


def is_builtin(color: Any) -> bool:
    return isinstance(color, str) and color.lower() in BUILTIN


def _int(component: float) -> int:
    if isinstance(component, float):
        component = int(component * 255)
    return min(255, max(int(component), 0))


def _float(component: float) -> float:
    if isinstance(component, int):
        component = component / 255.0
    return min(1.0, max(float(component), 0.0))


def to_css(color: Any) -> str:
    """A CSS colour for any accepted colour value."""
    if is_builtin(color):
        return BUILTIN[color.lower()]
    if is_hex(color) or is_css_rgb(color):
        return str(color)
    if is_tuple(color):
        r, g, b = (_int(c) for c in color[:3])
        if len(color) == 4:
            return f"rgba({r}, {g}, {b}, {_float(color[3])})"
        return f"rgb({r}, {g}, {b})"
    raise StreamlitInvalidColorError(color)


def palette(n: int) -> list[str]:
    return [PALETTE[i % len(PALETTE)] for i in range(n)]


def _rgb(hex_color: str) -> tuple[int, int, int]:
    h = hex_color.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def sequential(fraction: float) -> str:
    """A colour of the sequential scale, ``fraction`` between 0 and 1."""
    lo, hi = _rgb(SEQUENTIAL[0]), _rgb(SEQUENTIAL[1])
    f = min(1.0, max(0.0, fraction))
    r, g, b = (round(a + (b - a) * f) for a, b in zip(lo, hi))
    return f"#{r:02x}{g:02x}{b:02x}"
