"""``streamlit.components.v2.types``: the argument types and the mounting command's signature."""

from __future__ import annotations

from typing import Any, Protocol, Union

from jupyst.elements.bidi_component import ComponentResult

BidiComponentKey = Union[str, int, None]
BidiComponentData = Any
BidiComponentDefaults = Union[dict[str, Any], None]
ComponentIsolateStyles = bool


class ComponentRenderer(Protocol):
    """The mounting command ``st.components.v2.component`` returns."""

    def __call__(
        self,
        *,
        key: BidiComponentKey = None,
        data: BidiComponentData = None,
        default: BidiComponentDefaults = None,
        width: Any = "stretch",
        height: Any = "content",
        **on_callbacks: Any,
    ) -> ComponentResult: ...


__all__ = [
    "BidiComponentData",
    "BidiComponentDefaults",
    "BidiComponentKey",
    "ComponentIsolateStyles",
    "ComponentRenderer",
    "ComponentResult",
]
