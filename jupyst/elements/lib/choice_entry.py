"""What a visitor may type into ``st.selectbox`` and ``st.multiselect``: the filter mode and new options.

Streamlit 1.67 filters the options of both widgets as one types (``filter_mode``: "fuzzy",
the default, ranks in-order subsequence matches by score; "contains" and "prefix" match a
case-insensitive substring or start; ``None`` turns typing off) and, with
``accept_new_options=True``, lets the visitor enter a value that is not an option; the script
then receives that text as a ``str``. This module checks those two arguments as Streamlit
does, chooses the placeholder Streamlit shows for each combination, and decides which values
from the browser a widget that accepts new options may take.
"""

from __future__ import annotations

from typing import Any

from jupyst.errors import StreamlitIncompatibleParametersError, StreamlitValueError

#: the modes Streamlit accepts, as the front end names them (``None`` becomes "none")
FILTER_MODES: dict[Any, str] = {"fuzzy": "fuzzy", "contains": "contains", "prefix": "prefix", None: "none"}


def check_filter_mode(filter_mode: Any, accept_new_options: bool) -> str:
    """``filter_mode`` as the browser takes it; Streamlit's errors for a bad one."""
    try:
        mode = FILTER_MODES.get(filter_mode)
    except TypeError:  # an unhashable value (a list) is no mode either
        mode = None
    if mode is None:
        raise StreamlitValueError("filter_mode", ["fuzzy", "contains", "prefix", "None"])
    if mode == "none" and accept_new_options:
        raise StreamlitIncompatibleParametersError(
            "filter_mode=None",
            "accept_new_options=True",
            explanation="`filter_mode` cannot be `None` when `accept_new_options=True`. Set `filter_mode` to `fuzzy`, `contains`, or `prefix`.",
        )
    return mode


def placeholder_text(placeholder: str | None, has_options: bool, accept_new_options: bool, multi: bool) -> str:
    """The text an empty box shows: the script's own, else Streamlit's words for the case."""
    if placeholder is not None:
        return placeholder
    if has_options:
        if multi:
            return "Choose or add options" if accept_new_options else "Choose options"
        return "Choose or add an option" if accept_new_options else "Choose an option"
    if accept_new_options:
        return "Add options" if multi else "Add an option"
    return "No options to select"


def is_new_option(value: Any, labels: list[str]) -> bool:
    """Whether ``value`` from the browser is a typed new option: text that is no option's label."""
    return isinstance(value, str) and value not in labels
