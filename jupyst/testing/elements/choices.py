"""AppTest's option widgets: selectbox, radio, multiselect, select_slider, pills and
segmented_control.

As in Streamlit's AppTest, a test picks an option by its value or by the label the browser
shows for it (what ``format_func`` made of it); anything else is a ``ValueError`` (``'x' is
not in list``) when the run sends it, or when ``index`` is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jupyst.elements.lib.options import index_of
from jupyst.testing.elements.base import UNSET, AppTestError, Widget, format_value_for_widget

if TYPE_CHECKING:
    from typing_extensions import Self


def option_index(props: dict[str, Any], value: Any) -> int:
    """The index of the option ``value`` names: its value first, then its shown label.

    ValueError names the label ``format_func`` makes of a value no option has, as Streamlit's
    AppTest does (it looks the label up among the shown options).
    """
    found = index_of(props["choices"], value)
    if found is not None:
        return found
    format_func = props.get("format_func") or str
    label = format_value_for_widget(format_func, value)
    found = index_of(list(props["options"]), label)
    if found is None:
        raise ValueError(f"{label!r} is not in list")
    return found


def option_value(props: dict[str, Any], value: Any) -> Any:
    """The option ``value`` names, as the script receives it."""
    try:
        return props["choices"][option_index(props, value)]
    except ValueError:
        if props.get("accept_new_options") and isinstance(value, str):
            # A new option: as in Streamlit's AppTest, the text goes to the app as its
            # format_func shows it (the browser would send what was typed).
            return str(format_value_for_widget(props.get("format_func") or str, value))
        raise


class _OneOption(Widget):
    """A widget holding one option or None."""

    @property
    def options(self) -> list[str]:
        """The options as the browser shows them (after ``format_func``)."""
        return list(self.node.props["options"])

    @property
    def index(self) -> int | None:
        value = self.value
        return None if value is None else option_index(self.node.props, value)

    @property
    def format_func(self) -> Any:
        return self.node.props.get("format_func") or str

    def _value_for_run(self) -> Any:
        value = self._pending
        return None if value is None else option_value(self.node.props, value)


class Radio(_OneOption):
    """``st.radio``: ``set_value`` picks an option (by value or by its shown label)."""


class Selectbox(_OneOption):
    """``st.selectbox``: ``select`` picks an option, ``select_index`` the option at a position."""

    def select(self, value: Any) -> Self:
        return self.set_value(value)

    def select_index(self, index: int | None) -> Self:
        return self.set_value(None if index is None else self.node.props["choices"][index])


class Multiselect(Widget):
    @property
    def options(self) -> list[str]:
        return list(self.node.props["options"])

    @property
    def indices(self) -> list[int]:
        return [option_index(self.node.props, v) for v in self.value]

    def select(self, value: Any) -> Self:
        """Add an option to the selection."""
        current = list(self.value)
        if index_of(current, value) is None:
            current.append(value)
        return self.set_value(current)

    def unselect(self, value: Any) -> Self:
        """Take an option out of the selection."""
        return self.set_value([v for v in self.value if v != value])

    def _value_for_run(self) -> Any:
        return [option_value(self.node.props, v) for v in self._pending]


class SelectSlider(Widget):
    @property
    def options(self) -> list[str]:
        return list(self.node.props["options"])

    @property
    def format_func(self) -> Any:
        return self.node.props["format_func"]

    def set_range(self, lower: Any, upper: Any) -> Self:
        """Both ends of a range select_slider."""
        return self.set_value([lower, upper])

    def set_value(self, value: Any) -> Self:
        if isinstance(value, list):
            value = tuple(value)
        return super().set_value(value)

    def _value_for_run(self) -> Any:
        value = self._pending
        if isinstance(value, tuple):
            return tuple(option_value(self.node.props, v) for v in value)
        return option_value(self.node.props, value)


class ButtonGroup(Widget):
    """``st.pills`` and ``st.segmented_control`` (type ``button_group``)."""

    @property
    def options(self) -> list[str]:
        """The option labels without a leading icon, as Streamlit's ``ButtonGroup.options``."""
        return list(self.node.props["contents"])

    @property
    def format_func(self) -> Any:
        return self.node.props["format_func"]

    def _selected(self) -> list[Any]:
        value = self.value
        if self.node.props["multi"]:
            return list(value or [])
        return [] if value is None else [value]

    @property
    def indices(self) -> list[int]:
        return [i for i in (index_of(self.node.props["choices"], v) for v in self._selected()) if i is not None]

    @property
    def formatted_values(self) -> list[str]:
        return [str(self.format_func(v)) for v in self._selected()]

    def select(self, value: Any) -> Self:
        """Select an option (added to the selection when several may be selected)."""
        if not self.node.props["multi"]:
            return self.set_value(value)
        current = self._selected()
        if value in current:
            return self
        return self.set_value([*current, value])

    def unselect(self, value: Any) -> Self:
        """Deselect an option."""
        if not self.node.props["multi"]:
            return self.set_value(None) if self.value == value else self
        current = self._selected()
        if value not in current:
            return self
        return self.set_value([v for v in current if v != value])

    def _value_for_run(self) -> Any:
        value = self._pending
        if value is None or value is UNSET:
            return value
        if self.node.props["multi"]:
            return [self._option(v) for v in value]
        return self._option(value)

    def _option(self, value: Any) -> Any:
        if index_of(self.node.props["choices"], value) is not None:
            return value
        labels = [str(self.format_func(c)) for c in self.node.props["choices"]]
        found = index_of(labels, value) if isinstance(value, str) else None
        return value if found is None else self.node.props["choices"][found]


class MenuButton(Widget):
    """``st.menu_button``: ``click(option)`` picks an option for the next run."""

    @property
    def options(self) -> list[str]:
        return list(self.node.props["options"])

    def click(self, value: Any) -> Self:
        return self.set_value(value)

    def click_index(self, index: int) -> Self:
        return self.set_value(self.node.props["choices"][index])


class Pagination(Widget):
    """``st.pagination``: ``select(page)`` chooses a page (1-based) for the next run."""

    @property
    def num_pages(self) -> int:
        return int(self.node.props["num_pages"])

    def set_value(self, value: Any) -> Self:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= self.num_pages:
            key_part = f" (key={self.key!r})" if self.key else ""
            raise AppTestError(f"Cannot set pagination{key_part} to {value!r}. Page must be an int between 1 and {self.num_pages}.")
        return super().set_value(value)

    def select(self, page: int) -> Self:
        return self.set_value(page)


CHOICE_WIDGETS: dict[str, type[Widget]] = {
    "selectbox": Selectbox,
    "radio": Radio,
    "multiselect": Multiselect,
    "select_slider": SelectSlider,
    "pills": ButtonGroup,
    "segmented_control": ButtonGroup,
    "menu_button": MenuButton,
    "pagination": Pagination,
}
