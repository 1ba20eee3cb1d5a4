"""The element tree AppTest exposes: blocks, element lists and the class each node kind gets.

Reads come from the nodes of the last committed run. Interactions record a value on the
wrapper; ``AppTest.run()`` then applies it to the real ipywidget, so the same observer path
as a browser event runs. The element classes live in :mod:`jupyst.testing.elements`, one
module per family; this module maps node kinds to them and gives the containers
(:class:`Block`) and sequences (:class:`ElementList`) that queries return.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from jupyst.elements.lib.node import Node
from jupyst.testing.elements.base import REPORTED_TYPES, AppTestError, Element, Widget
from jupyst.testing.elements.base import format_value_for_widget as _format_value_for_widget
from jupyst.testing.elements.choices import CHOICE_WIDGETS
from jupyst.testing.elements.display import DISPLAY_ELEMENTS
from jupyst.testing.elements.files import FILE_WIDGETS
from jupyst.testing.elements.inputs import INPUT_WIDGETS

if TYPE_CHECKING:
    from jupyst.testing.app_test import AppTest

#: AppTest collection names that cover several node kinds. As in Streamlit, ``button``
#: includes the submit buttons of forms, and ``button_group`` both pills and segmented
#: controls.
_ALIASES = {
    "columns": ("column",),
    "tabs": ("tab",),
    "button": ("button", "form_submit_button"),
    "button_group": ("pills", "segmented_control"),
    "datetime_input": ("date_time_input",),
    "date_time_input": ("date_time_input",),
    "page_link": ("page_link", "page_link_external"),
    "help_info": ("help",),
}

_CLASSES: dict[str, type[Element]] = {**DISPLAY_ELEMENTS, **INPUT_WIDGETS, **CHOICE_WIDGETS, **FILE_WIDGETS}

T = TypeVar("T")


class ElementList(Generic[T]):
    """A sequence of elements (or blocks); call it with a key to find one by its key."""

    def __init__(self, items: Sequence[T]) -> None:
        self._items: list[T] = list(items)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def len(self) -> int:
        """The number of elements (``at.text.len``), as Streamlit's lists give it."""
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> ElementList[T]: ...

    def __getitem__(self, index: int | slice) -> T | ElementList[T]:
        if isinstance(index, slice):
            return type(self)(self._items[index])
        return self._items[index]

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ElementList):
            return self._items == other._items
        return self._items == other

    def __hash__(self) -> int:
        return hash(tuple(id(i) for i in self._items))

    def __call__(self, key: str) -> T:
        """The first element with this user key; KeyError when none has it."""
        for item in self._items:
            if getattr(item, "key", None) == key:
                return item
        raise KeyError(key)

    @property
    def values(self) -> list[Any]:
        return [getattr(i, "value", None) for i in self._items]

    def __repr__(self) -> str:
        return repr(self._items)


#: the same sequence, named as Streamlit names its widget and block lists
WidgetList = ElementList
BlockList = ElementList


class Block:
    """A container (main, sidebar, column, tab, expander, form...): children and typed lookups."""

    def __init__(self, node: Node, app: AppTest) -> None:
        self.node = node
        self._app = app

    @property
    def type(self) -> str:
        kind = self.node.kind
        return kind.split(":", 1)[1] if kind.startswith("root:") else kind

    @property
    def key(self) -> str | None:
        props = self.node.props
        if self.node.kind == "form":
            # Streamlit reports a form's key (its form id) as the block's key.
            return props.get("form_id")
        return props.get("key")

    @property
    def children(self) -> dict[int, Element | Block]:
        """The children by position, in the order they arrived (see :func:`arrival_order`)."""
        late = self._app._late_ids()
        return {i: self._app._wrap(c) for i, c in arrival_order(self.node, late) if not c.props.get("transient")}

    @property
    def proto(self) -> Any:
        """The block's fields as attributes (the proto-free stand-in for Streamlit's)."""
        from types import SimpleNamespace

        return SimpleNamespace(**self.node.props)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        node = self.__dict__["node"]
        if name in node.props:
            return node.props[name]
        return self.get(name)

    def __len__(self) -> int:
        return len(self.children)

    def __iter__(self) -> Iterator[Element | Block]:
        # As Streamlit's: the block itself, then everything inside, depth first.
        yield self
        for node in self._descendants():
            yield self._app._wrap(node)

    def __getitem__(self, index: int) -> Element | Block:
        return self.children[index]

    def _descendants(self) -> list[Node]:
        late = self._app._late_ids()
        out: list[Node] = []

        def walk(node: Node) -> None:
            for _, child in arrival_order(node, late):
                if not child.props.get("transient"):
                    out.append(child)
                walk(child)

        walk(self.node)
        return out

    def get(self, element_type: str) -> ElementList[Any]:
        """Every element of this type inside the block (``"button"``, ``"expander"``...)."""
        kinds = _ALIASES.get(element_type, (element_type,))
        return ElementList([self._app._wrap(n) for n in self._descendants() if n.kind in kinds])

    def get_by_key(self, key: str) -> Element | Block:
        """The one element or block inside with this user key.

        KeyError when none has it; AppTestError when several do (a key reused across element
        types: ask the typed collection, ``block.text_input(key=...)``, instead).
        """
        return unique_by_key(list(self), key)

    @property
    def label(self) -> Any:
        return self.node.props.get("label")

    @property
    def weight(self) -> Any:
        return self.node.props.get("weight")

    def run(self, *, timeout: float | None = None) -> AppTest:
        return self._app.run(timeout=timeout)

    def __repr__(self) -> str:
        return f"Block(type={self.type!r}, children={len(self)})"


def arrival_order(node: Node, late: set[int]) -> list[tuple[int, Node]]:
    """A block's children with their positions, in the order Streamlit's AppTest lists them.

    Streamlit's tree lists a block's elements in the order they reached it. That is their
    position order, except for elements a callback wrote into the previous run's container
    (:mod:`jupyst.elements.lib.late_writes`): they arrive before the script's and are listed
    first, though the page shows them after.
    """
    pairs = list(enumerate(node.children or ()))
    if not late:
        return pairs
    return sorted(pairs, key=lambda pair: id(pair[1]) not in late)


def unique_by_key(items: list[Element | Block], key: str) -> Element | Block:
    matches = [item for item in items if getattr(item, "key", None) == key]
    if not matches:
        raise KeyError(key)
    if len(matches) > 1:
        raise AppTestError(f"Multiple elements have key {key!r}. Scope the query to a container or use a typed collection.")
    return matches[0]


def widget_class(kind: str) -> type[Element]:
    """The AppTest class that wraps a node of this kind (plain :class:`Element` by default)."""
    return _CLASSES.get(kind, Element)


__all__: Sequence[str] = [
    "REPORTED_TYPES",
    "AppTestError",
    "Block",
    "BlockList",
    "Element",
    "ElementList",
    "Widget",
    "WidgetList",
    "_format_value_for_widget",
    "unique_by_key",
    "widget_class",
]
