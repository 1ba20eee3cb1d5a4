"""Status elements drawn while a run goes on: ``st.spinner`` and ``st.progress``.

Both show at once: the spinner forces what the run drew so far onto the screen, and a
progress bar updated in a loop is drawn at the run's regular flushes.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from jupyst.elements.node import Node
from jupyst.elements.registry import Renderer, classes, register
from jupyst.errors import StreamlitInvalidParameterTypeError, StreamlitValueOutOfRangeError

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator


def _progress_value(value: Any) -> int:
    # Streamlit's checks and messages; a float a rounding error outside [0, 1] still counts.
    if isinstance(value, int):
        if not 0 <= value <= 100:
            raise StreamlitValueOutOfRangeError("value", value, 0, 100)
        return int(value)
    if isinstance(value, float):
        if not (0.0 <= value <= 1.0 or math.isclose(value, 0.0, abs_tol=1e-9) or math.isclose(value, 1.0, rel_tol=1e-9, abs_tol=1e-9)):
            raise StreamlitValueOutOfRangeError("value", value, 0.0, 1.0)
        return int(min(max(value, 0.0), 1.0) * 100)
    raise StreamlitInvalidParameterTypeError("value", type(value).__name__, ["int", "float"])


def _progress_text(text: Any) -> str | None:
    if text is None or isinstance(text, str):
        return text
    raise StreamlitInvalidParameterTypeError("text", type(text).__name__, ["str"])


class StatusMixin:
    @contextmanager
    def spinner(self: Any, text: str = "In progress...", *, show_time: bool = False, width: Any = "content") -> Iterator[None]:
        """Show a spinner with ``text`` while the ``with`` block runs."""
        from jupyst.delta_generator import _require_ctx

        ctx = _require_ctx()
        slot = self._append(Node(kind="spinner", props={"text": str(text)}))
        ctx.flush()
        try:
            yield
        finally:
            slot._append(Node(kind="empty"), yield_point=False)

    def progress(self: Any, value: Any, text: str | None = None, width: Any = "stretch") -> DeltaGenerator:
        """Draw a progress bar (0-100 or 0.0-1.0); call ``.progress`` on it to move it."""
        props = {"value": _progress_value(value), "text": _progress_text(text)}
        return self._append(Node(kind="progress", props=props))


def spinner(text: str = "In progress...") -> Any:
    """A spinner in the active container (for code that is not an element method)."""
    from jupyst.delta_generator import active_dg

    return active_dg().spinner(text)


@register
class SpinnerRenderer(Renderer):
    kind = "spinner"
    cls = w.HTML

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        text = html.escape(props["text"])
        return {"value": f'<div class="jupyst-spinner-box"><span class="jupyst-spinner-icon"></span>{text}</div>', "_dom_classes": classes("spinner")}


@register
class ProgressRenderer(Renderer):
    kind = "progress"
    cls = w.HTML

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        text = props.get("text")
        label = f'<div class="jupyst-progress-text">{html.escape(text)}</div>' if text else ""
        bar = f'<div class="jupyst-progress-track"><div class="jupyst-progress-fill" style="width:{props["value"]}%"></div></div>'
        return {"value": label + bar, "_dom_classes": classes("progress")}
