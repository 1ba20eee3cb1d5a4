"""Status elements: ``st.spinner``, ``st.progress``, ``st.toast``, ``st.balloons``, ``st.snow``.

The spinner and progress bar show at once: the spinner forces what the run drew so far onto
the screen, and a progress bar updated in a loop is drawn at the run's regular flushes.
Toasts stack in the corner (the "event" root) and fade after their duration; balloons and
snow are CSS animations that play each time the command is called.
"""

from __future__ import annotations

import html
import itertools
import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from jupyst.elements.layout import EXPANDABLE_TYPES, ExpanderRenderer
from jupyst.elements.lib.icons import icon_html, validate_icon
from jupyst.elements.lib.markdown import render
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.node import Node
from jupyst.elements.lib.registry import Renderer, classes, register
from jupyst.errors import (
    StreamlitInvalidParameterTypeError,
    StreamlitMissingRequiredParameterError,
    StreamlitValueError,
    StreamlitValueOutOfRangeError,
)
from jupyst.runtime.run_context import require_run_context

#: A new number for every toast, balloons or snow call: the element's HTML changes, so the
#: browser plays its animation again even when a rerun draws it at the same place.
_nonce = itertools.count()
_DURATIONS = {"short": 4, "long": 10, "infinite": 0}

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator, StatusContainer

_STATES = {"running": "spinner", "complete": ":material/check:", "error": ":material/error:"}
_STATE_TEXT = {"running": "⏳", "complete": "✔", "error": "✖"}


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


class StatusMixin(ElementMixin):
    def status(self, label: str, *, expanded: bool = False, state: str = "running", type: str = "default", width: Any = "stretch") -> StatusContainer:
        """Open an expander that shows a long task's state: running, complete or error.

        Leaving its ``with`` block marks a running status complete (error on an exception);
        ``.update(label=, expanded=, state=)`` changes it at any time.
        """
        from jupyst.elements.lib.sizing import validate_width

        if type not in EXPANDABLE_TYPES:
            raise StreamlitValueError("type", [repr(t) for t in EXPANDABLE_TYPES])
        if state not in _STATES:
            raise StreamlitValueError("state", [repr(s) for s in _STATES])
        validate_width(width)
        props = {"label": label or "", "expanded": bool(expanded), "state": state, "icon": _STATES[state], "type": type}
        return self._dg._status_block(props)

    @contextmanager
    def spinner(self, text: str = "In progress...", *, show_time: bool = False, width: Any = "content") -> Iterator[None]:
        """Show a spinner with ``text`` while the ``with`` block runs."""

        ctx = require_run_context()
        slot = self._dg._append(Node(kind="spinner", props={"text": str(text)}))
        ctx.flush()
        try:
            yield
        finally:
            # Streamlit's spinner is a transient message, not an element: AppTest hides this slot.
            slot._append(Node(kind="empty", props={"transient": True}), yield_point=False)

    def progress(self, value: Any, text: str | None = None, width: Any = "stretch") -> DeltaGenerator:
        """Draw a progress bar (0-100 or 0.0-1.0); call ``.progress`` on it to move it."""
        props = {"value": _progress_value(value), "text": _progress_text(text)}
        return self._dg._append(Node(kind="progress", props=props))

    def toast(self, body: Any, *, icon: str | None = None, duration: Any = "short") -> DeltaGenerator:
        """Pop up a short message in the corner; it fades after ``duration``."""
        from jupyst.elements.text import clean_text

        if str(body) == "":
            raise StreamlitMissingRequiredParameterError("body", detail="Please provide a message.")
        text = clean_text(body)
        checked = validate_icon(icon)
        if duration in _DURATIONS:
            seconds = _DURATIONS[duration]
        elif isinstance(duration, int) and not isinstance(duration, bool) and duration > 0:
            seconds = duration
        else:
            raise StreamlitValueError("duration", ["short", "long", "infinite", "a positive integer"])
        props = {"body": text, "icon": checked, "duration": seconds, "nonce": next(_nonce)}
        return self._dg._append(Node(kind="toast", props=props))

    def balloons(self) -> DeltaGenerator:
        """Float balloons up the page."""
        return self._dg._append(Node(kind="balloons", props={"nonce": next(_nonce)}))

    def snow(self) -> DeltaGenerator:
        """Let snowflakes fall over the page."""
        return self._dg._append(Node(kind="snow", props={"nonce": next(_nonce)}))


def spinner(text: str = "In progress...") -> Any:
    """A spinner in the active container (for code that is not an element method)."""
    return require_run_context().active_container().spinner(text)


def update_status(node: Node, *, label: str | None, expanded: bool | None, state: str | None) -> None:
    """Apply ``StatusContainer.update()`` to the status block's node."""
    props = dict(node.props)
    if state is not None:
        if state not in _STATES:
            raise StreamlitValueError("state", [repr(s) for s in _STATES])
        props["state"], props["icon"] = state, _STATES[state]
    if label is not None:
        props["label"] = label
    if expanded is not None:
        props["expanded"] = expanded
    # A new dict, so the reconciler sees the change (it compares props objects).
    node.props = props

@register
class StatusRenderer(ExpanderRenderer):
    kind = "status"

    def title(self, props: dict[str, Any]) -> str:
        return f"{_STATE_TEXT[props['state']]} {props['label']}"

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        out = super().traits(props)
        out["_dom_classes"] = (*out["_dom_classes"], f"jupyst-status-{props['state']}")
        return out


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


@register
class ToastRenderer(Renderer):
    kind = "toast"
    cls = w.HTML

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        icon = icon_html(props.get("icon"))
        seconds = props.get("duration", 4)
        fade = f' style="animation-delay:0s,{seconds}s"' if seconds else ""
        cls = "jupyst-toast jupyst-toast-fade" if seconds else "jupyst-toast"
        # The nonce makes each call's HTML new, so the fade starts over.
        body = render(props["body"], inline=True)
        value = f'<div class="{cls}" data-n="{props["nonce"]}"{fade}>{icon}<span>{body}</span></div>'
        return {"value": value, "_dom_classes": classes("toast")}


def _particles(kind: str, nonce: int) -> str:
    import random

    rng = random.Random(nonce)
    glyphs = ("🎈",) if kind == "balloons" else ("❄", "❅", "❆")
    spans = []
    for i in range(30 if kind == "balloons" else 40):
        left = rng.uniform(0, 97)
        delay = rng.uniform(0, 1.5 if kind == "balloons" else 3.0)
        length = rng.uniform(2.5, 4.5) if kind == "balloons" else rng.uniform(4, 7)
        size = rng.uniform(1.6, 3.0) if kind == "balloons" else rng.uniform(0.8, 1.8)
        glyph = glyphs[i % len(glyphs)]
        spans.append(
            f'<span style="left:{left:.1f}%;animation-delay:{delay:.2f}s;'
            f'animation-duration:{length:.2f}s;font-size:{size:.2f}rem">{glyph}</span>'
        )
    return f'<div class="jupyst-{kind}-layer" data-n="{nonce}" aria-hidden="true">{"".join(spans)}</div>'


@register
class BalloonsRenderer(Renderer):
    kind = "balloons"
    cls = w.HTML

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"value": _particles(self.kind, props["nonce"]), "_dom_classes": classes(self.kind)}


@register
class SnowRenderer(BalloonsRenderer):
    kind = "snow"
