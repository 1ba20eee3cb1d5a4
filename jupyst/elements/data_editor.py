"""``st.data_editor``: a grid whose cells the user edits, returning the edited data.

The widget's value is Streamlit's edit state, ``{"edited_rows": {position: {column:
value}}, "added_rows": [{column: value}], "deleted_rows": [position]}``, kept in session
state like any widget value, so edits survive reruns and ``on_change`` fires when it
changes. Each run applies that state to the script's data and returns the result in the
input's type (DataFrame, Series, ndarray, list of dicts, dict, pyarrow Table, ...). An edit
from the browser is checked against the column's type and editability; a wrong one is
refused and the grid shows the last good state again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jupyst.elements.lib import frames
from jupyst.elements.lib.button_columns import register_button_columns, split_button_columns
from jupyst.elements.lib.edit_state import (
    NUM_ROWS,
    apply_state,
    check_state,
    editor_columns,
    empty_state,
    state_to_widget,
)
from jupyst.elements.lib.grid_model import INDEX, check_column_order
from jupyst.elements.lib.grid_props import grid_props, process_column_config
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.sizing import use_container_width as _ucw
from jupyst.elements.lib.sizing import validate_height, validate_width
from jupyst.elements.lib.widget_base import WidgetCall, widget_value
from jupyst.errors import StreamlitAPIException, StreamlitValueError

if TYPE_CHECKING:
    pass

class DataEditorMixin(ElementMixin):
    def data_editor(self, data: Any, *, width: Any = "stretch", height: Any = "auto", use_container_width: bool | None = None, hide_index: bool | None = None, column_order: Any = None, column_config: Any = None, num_rows: str = "fixed", disabled: Any = False, key: Any = None, on_change: Any = None, args: Any = None, kwargs: Any = None, row_height: int | None = None, placeholder: str | None = None, alt: str | None = None) -> Any:
        """Show data in an editable grid and return it with the user's edits."""
        import pandas as pd

        if num_rows not in NUM_ROWS:
            raise StreamlitValueError("num_rows", [f"'{m}'" for m in NUM_ROWS])
        width = _ucw(width, use_container_width)
        validate_width(width, allow_content=True)
        validate_height(height, allow_content=True, extra=("auto",))
        fmt = frames.data_format(data)
        if fmt == "unknown":
            raise frames.StreamlitDataframeConversionError(
                f"The data type ({type(data).__name__}) or format is not supported by the data editor. "
                "Please convert your data into a Pandas Dataframe or another supported data format."
            )
        df = frames.to_pandas(data)
        if fmt == "pandas_series" and len(df.columns) == 1 and df.columns[0] == 0:
            df = df.rename(columns={0: "value"})
        if not all(isinstance(c, str) for c in df.columns):
            df = df.copy()
            df.columns = ["_".join(map(str, c)) if isinstance(c, tuple) else str(c) for c in df.columns]
        dupes = sorted({c for c in df.columns if list(df.columns).count(c) > 1})
        if dupes:
            raise StreamlitAPIException(
                "All column names are required to be unique for usage with data editor. "
                f"The following column names are duplicated: {dupes}. Please rename the duplicated columns in the provided data."
            )
        if INDEX in df.columns:
            raise StreamlitAPIException(f"The column name '{INDEX}' is reserved for the index column and can't be used for data columns.")
        column_config, buttons = split_button_columns(column_config)
        config = process_column_config(column_config)
        register_button_columns(self._dg, config, buttons)
        order = check_column_order(df, column_order)
        if hide_index is None and isinstance(df.index, pd.RangeIndex) and num_rows in ("dynamic", "add"):
            hide_index = True
        disabled_columns: bool | list[str] = disabled if isinstance(disabled, bool) else [str(c) for c in disabled]
        props = grid_props(
            df, editing_mode=num_rows, hide_index=hide_index, column_order=order, column_config=config,
            width=width, height=height, row_height=row_height, placeholder=placeholder, selection_mode=[],
            disabled_columns=disabled_columns,
        )
        columns = editor_columns({**props})
        keyed_fixed = key is not None and num_rows == "fixed"
        identity_data = repr((list(df.columns), [str(t) for t in df.dtypes], len(df))) if keyed_fixed else frames.fingerprint(df)

        def coerce(value: Any) -> Any:
            if value is default:
                return value
            try:
                return check_state({**props, "disabled": False}, state_to_widget(value))
            except (ValueError, TypeError, KeyError):
                return empty_state()

        default = empty_state()
        call = WidgetCall(
            kind="dataframe", label="", key=key, on_change=on_change, args=args, kwargs=kwargs,
            disabled=disabled is True,
            identity={
                "data": identity_data, "width": width, "height": height, "column_order": order,
                "column_config_mapping": repr(config), "num_rows": num_rows, "row_height": row_height,
                "placeholder": placeholder, "editor": True,
            },
            key_identity=("data", "num_rows") if keyed_fixed else False,
        )
        state = widget_value(self._dg, call, default, props, coerce)
        edited, ids = apply_state(df, state, columns)
        if fmt in ("pandas_styler", "pandas_index", "unknown", "empty"):
            return edited
        return frames.from_pandas(edited, fmt)

