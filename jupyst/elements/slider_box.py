"""Sliders whose readout the kernel writes: ``st.slider`` for numbers, dates and times.

ipywidgets' own slider readout formats with d3-format in the browser, which has no room for
Streamlit's printf formats (``"%d px"``, ``"%,d"``) or moment formats. A :class:`SliderBox`
draws an ipywidgets slider without its readout and, beside it, the value as
:mod:`jupyst.elements.lib.formatting` writes it. The inner slider (single or range) is made
when first needed, so a box holds one.
"""

from __future__ import annotations

import html
from numbers import Real
from typing import Any

import ipywidgets as w
import traitlets

from jupyst.elements.composite import CompositeWidgetRenderer, ValueBox
from jupyst.elements.lib import formatting
from jupyst.elements.numbers import (
    StrictFloatRangeSlider,
    StrictFloatSlider,
    StrictIntRangeSlider,
    StrictIntSlider,
)
from jupyst.elements.registry import InvalidWidgetValue


class SliderBox(ValueBox):
    """A single or range slider with a readout in ``fmt``; subclasses say how a value reads."""

    min = traitlets.Any(0)
    max = traitlets.Any(1)
    step = traitlets.Any(1)
    is_range = traitlets.Bool(False)
    fmt = traitlets.Unicode("")
    #: the ipywidgets slider classes (single, range) under the readout
    slider_classes: tuple[type[w.Widget], type[w.Widget]] = (StrictIntSlider, StrictIntRangeSlider)

    def build(self) -> w.Widget:
        self._made: dict[bool, w.Widget] = {}
        self._readout = w.HTML(_dom_classes=("jupyst-slider-readout",))
        return w.HBox(children=(self._readout,), _dom_classes=("jupyst-slider-row",))

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

    def _show(self, value: Any) -> None:
        items = list(value) if self.is_range else [value]
        texts, problems = [], []
        for v in items:
            try:
                texts.append(self.text(v))
            except formatting.PrintfError as exc:
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
        self._body.children = (self._slider(), self._readout)
        self._syncing = True
        try:
            self.push(self.value)
        finally:
            self._syncing = False


class NumberSliderBox(SliderBox):
    """An int slider whose readout is ``format_number(value, fmt)``: printf (text around
    the number kept) or a named format, as Streamlit's slider shows it."""

    def text(self, value: Any) -> str:
        return formatting.format_number(value, self.fmt)

    def bare(self, value: Any) -> str:
        return formatting.js_str(float(value))


class FloatSliderBox(NumberSliderBox):
    """The same over floats."""

    slider_classes = (StrictFloatSlider, StrictFloatRangeSlider)


class NumberSliderRenderer(CompositeWidgetRenderer):
    """The int/float side of the ``slider`` kind (``SliderRenderer`` hands over to it)."""

    kind = "slider"

    def widget_class(self, props: dict[str, Any]) -> type[w.Widget]:
        return NumberSliderBox if props["data_type"] == "int" else FloatSliderBox

    def own_traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"min": props["min"], "max": props["max"], "step": props["step"], "is_range": props["range"], "fmt": str(props["format"])}

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        return tuple(value) if props["range"] else value

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        values = list(raw) if props["range"] and isinstance(raw, (list, tuple)) else [raw]
        if props["range"] and len(values) != 2:
            raise InvalidWidgetValue(raw)
        out = []
        for v in values:
            if isinstance(v, bool) or not isinstance(v, Real) or not props["min"] <= v <= props["max"]:
                raise InvalidWidgetValue(raw)
            out.append(int(v) if props["data_type"] == "int" else float(v))
        return tuple(out) if props["range"] else out[0]


NUMBER_SLIDER = NumberSliderRenderer()
