"""Sliders that refuse what they do not offer, and sliders whose readout the kernel writes.

ipywidgets clamps an out-of-range value from the browser to the bounds; a visitor could then
move a value where the app never offered it. The strict slider classes refuse such a value
instead, leaving the state untouched.

ipywidgets' own slider readout formats with d3-format in the browser, which has no room for
Streamlit's printf formats (``"%d px"``, ``"%,d"``) or moment formats. A :class:`SliderBox`
draws a strict slider without its readout and, beside it, the value as its subclass's
:meth:`SliderBox.text` writes it (the element layer formats). The inner slider (single or
range) is made when first needed, so a box holds one.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
import traitlets
from traitlets import TraitError, validate

from jupyst.widgets.composite import ValueBox


def _bounded(cls: type[w.Widget], name: str) -> type[w.Widget]:
    def check(self: Any, proposal: Any) -> Any:
        value = proposal["value"]
        values = value if isinstance(value, (tuple, list)) else (value,)
        for v in values:
            if v is None:
                continue
            if v < self.min or v > self.max:
                raise TraitError(f"{v} is outside [{self.min}, {self.max}]")
        return value

    return type(name, (cls,), {"_validate_value": validate("value")(check)})


StrictIntSlider = _bounded(w.IntSlider, "StrictIntSlider")
StrictFloatSlider = _bounded(w.FloatSlider, "StrictFloatSlider")
StrictIntRangeSlider = _bounded(w.IntRangeSlider, "StrictIntRangeSlider")
StrictFloatRangeSlider = _bounded(w.FloatRangeSlider, "StrictFloatRangeSlider")


class SliderBox(ValueBox):
    """A single or range slider with a readout in ``fmt``; subclasses say how a value reads."""

    min = traitlets.Any(0, help="The smallest value.")
    max = traitlets.Any(1, help="The largest value.")
    step = traitlets.Any(1, help="The distance between two values.")
    is_range = traitlets.Bool(False, help="Two handles (a range) instead of one.")
    fmt = traitlets.Unicode("", help="How the readout writes a value (the subclass reads it).")
    #: the ipywidgets slider classes (single, range) under the readout
    slider_classes: tuple[type[w.Widget], type[w.Widget]] = (StrictIntSlider, StrictIntRangeSlider)

    def build(self) -> w.Widget:
        self._made: dict[bool, w.Widget] = {}
        self._readout = w.HTML(_dom_classes=("jupyst-slider-readout",))
        # The smallest and largest value under the two ends of the track, as Streamlit shows them.
        self._bounds = w.HTML(_dom_classes=("jupyst-slider-bounds",))
        self._track = w.VBox(children=(self._bounds,), _dom_classes=("jupyst-slider-track",))
        return w.HBox(children=(self._track, self._readout), _dom_classes=("jupyst-slider-row",))

    def text(self, value: Any) -> str:
        """One value as the readout shows it; raise to show the bare value instead."""
        raise NotImplementedError

    def bare(self, value: Any) -> str:
        return str(value)

    # ----- the inner slider ------------------------------------------------------------------------
    @property
    def _single(self) -> w.Widget:
        return self._slider_for(False)

    @property
    def _double(self) -> w.Widget:
        return self._slider_for(True)

    def _slider_for(self, is_range: bool) -> w.Widget:
        slider = self._made.get(is_range)
        if slider is None:
            cls = self.slider_classes[is_range]
            slider = self._made[is_range] = cls(
                readout=False, continuous_update=False, min=0, max=1, disabled=self.disabled,
                _dom_classes=("jupyst-slider-input",),
            )
            self.watch(slider)
        return slider

    def _slider(self) -> w.Widget:
        return self._slider_for(self.is_range)

    def parts(self) -> list[w.Widget]:
        return [self._body, *self._made.values()]

    def widget_step(self) -> Any:
        return self.step

    # ----- ValueBox ------------------------------------------------------------------------------
    def pull(self) -> Any:
        value = self._slider().value
        self._show(value)
        return tuple(value) if self.is_range else value

    def push(self, value: Any) -> None:
        slider = self._slider()
        # Widen the bounds first, then set the value, then narrow: no order of these steps
        # makes the slider clamp (or refuse) a value that fits the final bounds.
        slider.max = max(slider.max, self.max)
        slider.min = min(slider.min, self.min)
        slider.step = self.widget_step()
        if value is not None:
            slider.value = tuple(value) if self.is_range else value
            self._show(value)
        slider.min = self.min
        slider.max = self.max

    def _written(self, value: Any) -> str:
        try:
            return self.text(value)
        except ValueError:
            return self.bare(value)

    def _show(self, value: Any) -> None:
        items = list(value) if self.is_range else [value]
        texts, problems = [], []
        for v in items:
            try:
                texts.append(self.text(v))
            except ValueError as exc:
                # Streamlit's browser fails on such a format; jupyst keeps the slider usable,
                # shows the bare value and says why on hover.
                texts.append(self.bare(v))
                problems.append(f"Invalid format {self.fmt!r}: {exc}")
        self._readout.value = html.escape(" – ".join(texts))
        self._readout.tooltip = problems[0] if problems else None

    @traitlets.validate("value")
    def _inside(self, proposal: Any) -> Any:
        # As the inner slider does: a value outside the bounds is refused, not stored.
        value = proposal["value"]
        for v in value if isinstance(value, (tuple, list)) else (value,):
            try:
                inside = v is None or self.min <= v <= self.max
            except TypeError:
                inside = False
            if not inside:
                raise traitlets.TraitError(f"{v!r} is outside [{self.min}, {self.max}]")
        return value

    @traitlets.observe("min", "max", "step", "is_range", "fmt")
    def _config(self, _change: dict[str, Any]) -> None:
        self._track.children = (self._slider(), self._bounds)
        self._bounds.value = "".join(f"<span>{html.escape(self._written(v))}</span>" for v in (self.min, self.max))
        self._syncing = True
        try:
            self.push(self.value)
        finally:
            self._syncing = False
