"""The props of a grid element, built once for ``st.dataframe`` and ``st.data_editor``."""

from __future__ import annotations

from typing import Any

from jupyst.errors import StreamlitInvalidParameterTypeError

DEFAULT_ROW_HEIGHT = 35
#: rows an "auto" height shows before the grid scrolls (Streamlit's ~400 px)
AUTO_ROWS = 10


def grid_props(
    df: Any,
    *,
    editing_mode: str,
    hide_index: bool | None,
    column_order: list[Any] | None,
    column_config: dict[Any, Any],
    width: Any,
    height: Any,
    row_height: int | None,
    placeholder: str | None,
    selection_mode: list[str],
    disabled_columns: bool | list[str] = False,
) -> dict[str, Any]:
    """What the grid renderer reads, whichever command drew the grid."""
    return {
        "data": df,
        "editing_mode": editing_mode,
        "hide_index": hide_index,
        "column_order": column_order,
        "column_config": column_config,
        "width": width,
        "height": height,
        "row_height": row_height or DEFAULT_ROW_HEIGHT,
        "placeholder": placeholder,
        "selection_mode": selection_mode,
        "disabled_columns": disabled_columns,
    }


def process_column_config(column_config: Any) -> dict[Any, Any]:
    """Streamlit's reading of ``column_config``: None hides, a str is a label, a dict is a config."""
    if column_config is None:
        return {}
    out: dict[Any, Any] = {}
    for column, config in dict(column_config).items():
        if config is None:
            out[column] = {"hidden": True}
        elif isinstance(config, str):
            out[column] = {"label": config}
        elif isinstance(config, dict):
            out[column] = {**config, "type_config": dict(config.get("type_config") or {})}
        else:
            raise StreamlitInvalidParameterTypeError("column_config", type(config).__name__, ["None", "str", "dict"], detail=f"Invalid configuration for column `{column}`.")
    return out


def grid_height(height: Any, n_rows: int, row_height: int, extra_rows: int = 0) -> int:
    """Pixels of the scrolling area: header plus rows, as Streamlit sizes its grid."""
    if isinstance(height, int) and not isinstance(height, bool):
        return height
    shown = n_rows + extra_rows
    shown = min(shown, 500) if height == "content" else min(shown, AUTO_ROWS)
    return (max(shown, 1) + 1) * row_height + 2
