"""``st.space`` (an empty gap of a named or pixel size) and ``st.skeleton`` (a loading
placeholder that later calls replace, like ``st.empty``)."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

import ipywidgets as w

from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.node import Node
from jupyst.elements.lib.registry import Renderer, classes, register
from jupyst.elements.lib.sizing import validate_height, validate_width
from jupyst.errors import StreamlitValueError

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator

#: Streamlit's space sizes, in rem
SIZE_REM = {"xxsmall": 0.25, "xsmall": 0.5, "small": 0.75, "medium": 2.5, "large": 4.25, "xlarge": 6, "xxlarge": 8}
_SIZES = ("stretch", *SIZE_REM)


def check_space_size(size: Any) -> None:
    if (isinstance(size, str) and size in _SIZES) or (isinstance(size, int) and not isinstance(size, bool) and size > 0):
        return
    raise StreamlitValueError("size", [*(f"'{s}'" for s in _SIZES), "a positive integer"], detail=f"Got {size!r}.")


class SkeletonPlaceholder:
    """What ``st.skeleton`` returns: its slot's element methods replace the skeleton.

    Used as a context manager it stays on screen while the block runs and is cleared when
    the block ends (Streamlit waits half a second before showing it; jupyst shows it at once).
    """

    def __init__(self, slot: DeltaGenerator) -> None:
        self._slot = slot

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        return getattr(self._slot, name)

    def __enter__(self) -> SkeletonPlaceholder:
        return self

    def __exit__(self, typ: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> Literal[False]:
        if exc is None:
            self._slot.empty()
        return False


class SpacingMixin(ElementMixin):
    def space(self, size: Any = "small") -> DeltaGenerator:
        """Add empty space: a named size, ``"stretch"`` (fill the rest) or pixels."""
        check_space_size(size)
        return self._dg._append(Node(kind="space", props={"size": size}))

    def skeleton(self, height: Any = None, *, width: Any = "stretch") -> SkeletonPlaceholder:
        """Show a loading placeholder; call an element method on it to put the content there."""
        if height is not None:
            validate_height(height)
        validate_width(width)
        return SkeletonPlaceholder(self._dg._append(Node(kind="skeleton", props={"height": height, "width": width})))


@register
class SpaceRenderer(Renderer):
    kind = "space"
    cls = w.Box

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        size = props["size"]
        if size == "stretch":
            layout = {"flex": "1 1 auto", "min_height": "0", "min_width": "0"}
        else:
            css = f"{size}px" if isinstance(size, int) else f"{SIZE_REM[size]}rem"
            layout = {"height": css, "min_height": css, "min_width": css, "flex": "0 0 auto"}
        return {"layout": layout, "_dom_classes": classes(self.kind)}


@register
class SkeletonRenderer(Renderer):
    kind = "skeleton"
    cls = w.Box

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        height = props.get("height")
        width = props.get("width")
        layout = {
            "height": f"{height}px" if isinstance(height, int) else "2.5rem",
            "width": f"{width}px" if isinstance(width, int) else "100%",
        }
        return {"layout": layout, "_dom_classes": classes(self.kind)}
