"""The button columns of ``st.dataframe`` and ``st.data_editor``: trigger widgets and clicks.

A keyed ``st.column_config.ButtonColumn`` registers a trigger widget, as Streamlit does for
each keyed button column: a click in the grid sets it to a :class:`ButtonColumnClickState`
(the row's position in the script's data, whatever the grid's sort, and the clicked label)
for the one run the click starts, after the column's ``on_click`` ran. The widget's id rides
in the column's ``type_config`` (``trigger``), so the grid knows which columns take clicks
and :func:`click_changes` which widget a click sets. A click is checked against the table
before it counts: a keyed button column, a row of the data, a label that cell shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from jupyst.elements.lib.frames import AttributeDictionary
from jupyst.elements.lib.grid_model import GridModel, cell_labels
from jupyst.elements.lib.widget_base import WidgetCall, register_widget_call

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator


@dataclass(frozen=True)
class ButtonColumnResult:
    """A button column with a key (``st.column_config.ButtonColumn``): its config, and the
    callback its clicks run."""

    config: dict[str, Any]
    on_click: Callable[..., Any] | None = None
    args: Any = None
    kwargs: Any = None
    key: str | None = None


class ButtonColumnClickState(AttributeDictionary):
    """A button column's click: ``row`` (position in the data) and ``label`` (the button's)."""


def split_button_columns(column_config: Any) -> tuple[Any, dict[Any, ButtonColumnResult]]:
    """``column_config`` with each keyed button column's plain config, and those columns."""
    if not isinstance(column_config, Mapping):
        return column_config, {}
    buttons = {name: c for name, c in column_config.items() if isinstance(c, ButtonColumnResult)}
    if not buttons:
        return column_config, {}
    plain = {name: c.config if isinstance(c, ButtonColumnResult) else c for name, c in column_config.items()}
    return plain, buttons


def register_button_columns(dg: DeltaGenerator, config: dict[Any, Any], buttons: dict[Any, ButtonColumnResult]) -> None:
    """Register each keyed button column's trigger widget; its id goes into the column's config."""
    for name, button in buttons.items():
        call = WidgetCall(
            kind="dataframe_button", label="", key=button.key, on_change=button.on_click, args=button.args,
            kwargs=button.kwargs, trigger=True, writable=False,
        )
        config[name]["type_config"]["trigger"] = register_widget_call(dg, call, None).wid


def click_changes(model: GridModel, raw: Any) -> dict[str, ButtonColumnClickState] | None:
    """The trigger value a click the grid reported sets, or None when the table has no such button.

    ``row`` is the row's id in the grid: its position in the script's data.
    """
    if not isinstance(raw, dict):
        return None
    column, row, label = raw.get("column"), raw.get("row"), raw.get("label")
    if not isinstance(row, int) or isinstance(row, bool) or not isinstance(label, str):
        return None
    spec = next((s for s in model.columns if s.key == column and s.kind == "button"), None)
    trigger = spec.config.get("trigger") if spec is not None else None
    if spec is None or not isinstance(trigger, str):
        return None
    try:
        shown = model.value_of(spec, row)
    except KeyError:
        return None
    if label not in cell_labels(shown):
        return None
    return {trigger: ButtonColumnClickState({"row": row, "label": label})}
