"""``st.grid``: a CSS grid container whose elements are its cells, and ``grid.cell()``.

Each element written into the grid is one cell; ``cell()`` groups several elements into one
cell that may span columns (``"all"`` for a whole row) or rows. The grid is an ipywidgets
GridBox: ``columns`` fixes the track count, ``"auto"`` fits as many tracks of
``min_column_width`` as the width allows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w

from jupyst.elements.layout import _block_key, _check_gap
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.registry import Renderer, classes, register
from jupyst.elements.lib.sizing import validate_height, validate_width
from jupyst.errors import (
    StreamlitAPIException,
    StreamlitIncompatibleParametersError,
    StreamlitInvalidParameterTypeError,
    StreamlitValueError,
    StreamlitValueOutOfRangeError,
)

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator

COLUMNS_MIN, COLUMNS_MAX = 1, 24
_UINT32_MAX = 2**32 - 1
#: CSS of Streamlit's gap sizes
GAP_CSS = {None: "0", "xxsmall": "0.25rem", "xsmall": "0.5rem", "small": "1rem", "medium": "1.5rem", "large": "2rem", "xlarge": "6rem", "xxlarge": "8rem"}
_ALIGN = {"top": "flex-start", "center": "center", "bottom": "flex-end"}
#: the narrowest track of an "auto" grid without ``min_column_width``
AUTO_MIN_PX = 240


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _positive(name: str, value: Any, word: str) -> Any:
    """``word`` (a literal) or a positive int below 2**32, with Streamlit's errors."""
    if isinstance(value, str):
        if value == word:
            return value
        raise StreamlitValueError(name, [f'"{word}"', "a positive integer"], detail=f"Got {value!r}.")
    if not _is_int(value):
        raise StreamlitInvalidParameterTypeError(name, type(value).__name__, ["int", f'"{word}"'])
    if value < 1:
        raise StreamlitValueError(name, [f'"{word}"', "a positive integer"], detail=f"Got {value!r}.")
    if value > _UINT32_MAX:
        raise StreamlitValueOutOfRangeError(name, value, 1, _UINT32_MAX)
    return value


def _gap_css(gap: Any) -> str:
    if _is_int(gap):
        return f"{gap}px"
    return GAP_CSS[gap.lower() if isinstance(gap, str) else gap]


class GridMixin(ElementMixin):
    def grid(self, columns: Any = "auto", *, min_column_width: Any = "auto", wrap: bool = True, gap: Any = "small", vertical_alignment: str = "top", border: bool = False, row_height: Any = "content", width: Any = "stretch", height: Any = "content", key: Any = None, dense: bool = False) -> DeltaGenerator:
        """Open a grid: every element written into it is one cell, placed row by row."""
        for name, flag in (("wrap", wrap), ("border", border), ("dense", dense)):
            if not isinstance(flag, bool):
                raise StreamlitValueError(name, ["True", "False"])
        if isinstance(columns, str) and columns != "auto":
            raise StreamlitValueError("columns", ['"auto"', "an integer from 1 to 24"], detail=f"Got {columns!r}.")
        if not isinstance(columns, str):
            if not _is_int(columns):
                raise StreamlitInvalidParameterTypeError("columns", type(columns).__name__, ["int", '"auto"'])
            if not COLUMNS_MIN <= columns <= COLUMNS_MAX:
                raise StreamlitValueOutOfRangeError("columns", columns, COLUMNS_MIN, COLUMNS_MAX)
        if columns == "auto" and wrap is False:
            raise StreamlitIncompatibleParametersError(
                'columns="auto"', "wrap=False",
                explanation="`wrap=False` requires an explicit column count. Pass an integer, such as `st.grid(3, wrap=False)`.",
            )
        _positive("min_column_width", min_column_width, "auto")
        if isinstance(gap, (tuple, list)):
            if len(gap) != 2:
                raise StreamlitValueError("gap", ["a gap size", "a 2-tuple or 2-list of (row_gap, column_gap)"], detail=f"Got a sequence with {len(gap)} elements.")
            row_gap, column_gap = gap
        else:
            row_gap = column_gap = gap
        _check_gap(row_gap)
        _check_gap(column_gap)
        if vertical_alignment not in _ALIGN:
            raise StreamlitValueError("vertical_alignment", [f"'{a}'" for a in _ALIGN], detail=f"Got {vertical_alignment!r}.")
        _positive("row_height", row_height, "content")
        validate_width(width)
        validate_height(height, allow_content=True)
        props = {
            "columns": columns, "min_column_width": min_column_width, "wrap": wrap, "row_gap": row_gap, "column_gap": column_gap,
            "vertical_alignment": vertical_alignment, "border": border, "row_height": row_height, "height": height,
            "dense": dense, "key": _block_key(self._dg, "grid", key),
        }
        return self._dg._block("grid_container", props)

    def cell(self, *, column_span: Any = 1, row_span: int = 1) -> DeltaGenerator:
        """Open the grid's next cell: several elements in one cell, spanning columns or rows."""
        node = self._dg._block_node
        if node is None or node.kind != "grid_container":
            raise StreamlitAPIException("`cell()` is a method of the containers `st.grid` returns.")
        if column_span != "all":
            if isinstance(column_span, str):
                raise StreamlitValueError("column_span", ['"all"', "a positive integer"], detail=f"Got {column_span!r}.")
            if not _is_int(column_span):
                raise StreamlitInvalidParameterTypeError("column_span", type(column_span).__name__, ["int", '"all"'])
            if column_span < 1:
                raise StreamlitValueError("column_span", ['"all"', "a positive integer"], detail=f"Got {column_span!r}.")
            declared = node.props["columns"]
            if declared != "auto" and column_span > declared:
                raise StreamlitValueOutOfRangeError("column_span", column_span, 1, declared)
        if not _is_int(row_span):
            raise StreamlitInvalidParameterTypeError("row_span", type(row_span).__name__, ["int"])
        if row_span < 1:
            raise StreamlitValueError("row_span", ["a positive integer"], detail=f"Got {row_span!r}.")
        props = {"border": False, "gap": "small", "horizontal": False, "column_span": column_span, "row_span": row_span,
                 "horizontal_alignment": "left", "vertical_alignment": "top", "wrap": False, "height": "content", "width": "stretch"}
        return self._dg._block("container", props)


@register
class GridRenderer(Renderer):
    kind = "grid_container"
    cls = w.GridBox

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        columns = props["columns"]
        least = props["min_column_width"]
        if columns != "auto" and (not props["wrap"] or least == "auto"):
            # A fixed count keeps its columns unless a minimum width makes it wrap.
            template = f"repeat({columns}, minmax(0, 1fr))"
        elif columns != "auto":
            gaps = f"{columns - 1} * {_gap_css(props['column_gap'])}"
            template = f"repeat(auto-fill, minmax(min(100%, max({least}px, calc((100% - {gaps}) / {columns}))), 1fr))"
        else:
            least_px = least if least != "auto" else AUTO_MIN_PX
            template = f"repeat(auto-fill, minmax(min(100%, {least_px}px), 1fr))"
        row_height = props["row_height"]
        height = props["height"]
        layout = {
            "grid_template_columns": template,
            "grid_auto_rows": "auto" if row_height == "content" else f"{row_height}px",
            "grid_gap": f"{_gap_css(props['row_gap'])} {_gap_css(props['column_gap'])}",
            "align_items": _ALIGN[props["vertical_alignment"]],
            "width": "100%",
            **({"height": f"{height}px", "overflow": "auto"} if _is_int(height) else {}),
        }
        extra = ["jupyst-border"] if props["border"] else []
        if props["dense"]:
            extra.append("jupyst-grid-dense")
        return {"layout": layout, "_dom_classes": classes("grid", *extra)}

