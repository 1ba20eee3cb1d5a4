"""``st.typing``: the types of values ``st.*`` commands return, for annotating app code.

The classes the commands really return are re-exported (``isinstance`` works); the states
of elements whose selections jupyst does not report yet are typed dictionaries of
Streamlit's shape.
"""

from __future__ import annotations

import typing as _typing

from jupyst.elements.charts_extra import EChartsState as EChartsState
from jupyst.elements.charts_extra import PydeckState as PydeckState
from jupyst.elements.chat import ChatInputValue as ChatInputValue
from jupyst.elements.dataframe import DataframeState as DataframeState
from jupyst.elements.file_uploader import UploadedFile as UploadedFile
from jupyst.elements.lib.button_columns import ButtonColumnClickState as ButtonColumnClickState


class PlotlyState(_typing.TypedDict):
    """The value of a selectable ``st.plotly_chart``: ``{"selection": {...}}``."""

    selection: dict[str, _typing.Any]


class VegaLiteState(_typing.TypedDict):
    """The value of a selectable Altair or Vega-Lite chart: ``{"selection": {...}}``."""

    selection: dict[str, _typing.Any]


class DataEditorState(_typing.TypedDict, total=False):
    """``st.session_state[key]`` of ``st.data_editor``: the edits since the data was given."""

    edited_rows: dict[int, dict[str, _typing.Any]]
    added_rows: list[dict[str, _typing.Any]]
    deleted_rows: list[int]


__all__ = [
    "ButtonColumnClickState",
    "ChatInputValue",
    "DataEditorState",
    "DataframeState",
    "EChartsState",
    "PlotlyState",
    "PydeckState",
    "UploadedFile",
    "VegaLiteState",
]
