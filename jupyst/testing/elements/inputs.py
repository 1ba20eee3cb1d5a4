"""AppTest's value widgets: buttons, checkboxes, text, numbers, sliders, dates, times and
colours, each with the interaction methods of Streamlit's AppTest (``click``, ``check``,
``input``, ``increment``, ``set_range``, ``pick``...). Every method returns the widget, so
calls chain: ``at.slider[0].set_value(5).run()``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from jupyst.testing.elements.base import Widget

if TYPE_CHECKING:
    from typing_extensions import Self


class Button(Widget):
    """``st.button``, ``st.form_submit_button``: ``click()`` presses it for the next run."""

    def click(self) -> Self:
        return self.set_value(True)


class DownloadButton(Button):
    pass


class Checkbox(Widget):
    """``st.checkbox`` and ``st.toggle``."""

    def check(self) -> Self:
        return self.set_value(True)

    def uncheck(self) -> Self:
        return self.set_value(False)


class TextInput(Widget):
    """``st.text_input`` and ``st.text_area``."""

    def input(self, value: str) -> Self:
        return self.set_value(value)


class NumberInput(Widget):
    def increment(self) -> Self:
        """As a click on "+"; like Streamlit's AppTest, a max of 0 counts as no max."""
        if self.value is None:
            return self
        props = self.node.props
        return self.set_value(min(self.value + props["step"], props["max"] or float("inf")))

    def decrement(self) -> Self:
        """As a click on "-"; like Streamlit's AppTest, a min of 0 counts as no min."""
        if self.value is None:
            return self
        props = self.node.props
        return self.set_value(max(self.value - props["step"], props["min"] or float("-inf")))


class Slider(Widget):
    def set_range(self, lower: Any, upper: Any) -> Self:
        """Both ends of a range slider."""
        return self.set_value((lower, upper))


class DateInput(Widget):
    """``st.date_input``: ``min``/``max`` are dates, ``is_range`` tells a range picker."""

    def set_value(self, value: Any) -> Self:
        from jupyst.elements.lib.dates import to_date as _to_date

        if isinstance(value, (list, tuple)):
            value = tuple(_to_date(v) for v in value)
        elif value is not None:
            value = _to_date(value)
            if self.node.props.get("is_range"):
                value = (value,)
        return super().set_value(value)


class TimeInput(Widget):
    def set_value(self, value: Any) -> Self:
        if isinstance(value, dt.datetime):
            value = value.time()
        return super().set_value(value)

    def _shift(self, sign: int) -> Self:
        current = self.value
        if current is None:
            return self
        moved = dt.datetime.combine(dt.date.today(), current) + sign * dt.timedelta(seconds=self.node.props["step"])
        return self.set_value(moved.time())

    def increment(self) -> Self:
        """One ``step`` later."""
        return self._shift(1)

    def decrement(self) -> Self:
        """One ``step`` earlier."""
        return self._shift(-1)


class DateTimeInput(Widget):
    pass


class ColorPicker(Widget):
    def pick(self, value: str) -> Self:
        """A colour as a hex string (``"#123456"`` or ``"#ABC"``)."""
        return self.set_value(value)


class Feedback(Widget):
    pass


INPUT_WIDGETS: dict[str, type[Widget]] = {
    "button": Button,
    "form_submit_button": Button,
    "download_button": DownloadButton,
    "checkbox": Checkbox,
    "toggle": Checkbox,
    "text_input": TextInput,
    "text_area": TextInput,
    "number_input": NumberInput,
    "slider": Slider,
    "date_input": DateInput,
    "time_input": TimeInput,
    "date_time_input": DateTimeInput,
    "color_picker": ColorPicker,
    "feedback": Feedback,
}
