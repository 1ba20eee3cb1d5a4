"""The element tree AppTest exposes: wrappers over one run's nodes, as Streamlit's testing API.

Reads come from the nodes of the last committed run. Interactions record a value on the
wrapper; ``AppTest.run()`` then applies it to the real ipywidget, so the same observer path
as a browser event runs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from jupyst.elements.node import Node

if TYPE_CHECKING:
    from jupyst.testing.app_test import AppTest

_UNSET = object()

#: AppTest collection names that cover several node kinds. As in Streamlit, ``button``
#: includes the submit buttons of forms.
_ALIASES = {"columns": ("column",), "tabs": ("tab",), "button": ("button", "form_submit_button")}


class Element:
    """One element of the tree; unknown attributes fall through to the element's props."""

    def __init__(self, node: Node, app: AppTest) -> None:
        self.node = node
        self._app = app

    @property
    def type(self) -> str:
        return self.node.kind

    @property
    def key(self) -> str | None:
        return self.node.props.get("key")

    @property
    def value(self) -> Any:
        props = self.node.props
        if "body" in props:
            return props["body"]
        return props.get("value")

    @property
    def proto(self) -> SimpleNamespace:
        """The element's fields, as Streamlit's ``Element.proto`` gives its protobuf fields.

        ``at.exception[0].proto.type`` is the exception's class name in both AppTests
        (``.type`` of the element itself is the element type, ``"exception"``).
        """
        return SimpleNamespace(**self.node.props)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        props = self.__dict__["node"].props
        if name in props:
            return props[name]
        raise AttributeError(f"{type(self).__name__} has no attribute {name!r}")

    def run(self, *, timeout: float | None = None) -> AppTest:
        return self._app.run(timeout=timeout)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(type={self.type!r}, value={self.value!r})"


class ExceptionElement(Element):
    @property
    def value(self) -> Any:
        return self.node.props["message"]


class Dataframe(Element):
    @property
    def value(self) -> Any:
        """The data as a pandas DataFrame, as Streamlit's ``Dataframe.value``."""
        return self.node.props["data"]


class Widget(Element):
    """An input widget: ``set_value`` records what the next run receives."""

    def __init__(self, node: Node, app: AppTest) -> None:
        super().__init__(node, app)
        self._pending: Any = _UNSET

    @property
    def id(self) -> str | None:
        return self.node.widget_id

    @property
    def form_id(self) -> str:
        return self.node.form_id

    @property
    def value(self) -> Any:
        if self._pending is not _UNSET:
            return self._pending
        return self._app._state_value(self.node)

    def set_value(self, value: Any) -> Widget:
        self._pending = value
        self._app._stage(self)
        return self


class Button(Widget):
    def click(self) -> Button:
        return self.set_value(True)  # type: ignore[return-value]


class Checkbox(Widget):
    def check(self) -> Checkbox:
        return self.set_value(True)  # type: ignore[return-value]

    def uncheck(self) -> Checkbox:
        return self.set_value(False)  # type: ignore[return-value]


class Selectbox(Widget):
    @property
    def index(self) -> int | None:
        from jupyst.elements.options import index_of

        value = self.value
        return None if value is None else index_of(self.node.props["choices"], value)

    def select(self, value: Any) -> Selectbox:
        return self.set_value(value)  # type: ignore[return-value]

    def select_index(self, index: int | None) -> Selectbox:
        return self.set_value(None if index is None else self.node.props["choices"][index])  # type: ignore[return-value]


class Multiselect(Widget):
    @property
    def indices(self) -> list[int]:
        from jupyst.elements.options import index_of

        return [i for i in (index_of(self.node.props["choices"], v) for v in self.value) if i is not None]

    def select(self, value: Any) -> Multiselect:
        current = list(self.value)
        if value not in current:
            current.append(value)
        return self.set_value(current)  # type: ignore[return-value]

    def unselect(self, value: Any) -> Multiselect:
        return self.set_value([v for v in self.value if v != value])  # type: ignore[return-value]


class Slider(Widget):
    def set_range(self, lower: Any, upper: Any) -> Slider:
        return self.set_value((lower, upper))  # type: ignore[return-value]


class TextInput(Widget):
    def input(self, value: str) -> TextInput:
        return self.set_value(value)  # type: ignore[return-value]


class NumberInput(Widget):
    def increment(self) -> NumberInput:
        props = self.node.props
        value = self.value + props["step"]
        return self.set_value(value if props["max"] is None else min(value, props["max"]))  # type: ignore[return-value]

    def decrement(self) -> NumberInput:
        props = self.node.props
        value = self.value - props["step"]
        return self.set_value(value if props["min"] is None else max(value, props["min"]))  # type: ignore[return-value]


_WIDGETS: dict[str, type[Widget]] = {
    "button": Button,
    "form_submit_button": Button,
    "checkbox": Checkbox,
    "toggle": Checkbox,
    "radio": Selectbox,
    "selectbox": Selectbox,
    "multiselect": Multiselect,
    "slider": Slider,
    "text_input": TextInput,
    "text_area": TextInput,
    "number_input": NumberInput,
}

T = TypeVar("T")


class ElementList(Generic[T]):
    """A sequence of elements; call it with ``key=`` to find one by its key."""

    def __init__(self, items: list[T]) -> None:
        self._items = items

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: int) -> T:
        return self._items[index]

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __call__(self, key: str) -> T:
        for item in self._items:
            if getattr(item, "key", None) == key:
                return item
        raise KeyError(key)

    @property
    def values(self) -> list[Any]:
        return [getattr(i, "value", None) for i in self._items]

    def __repr__(self) -> str:
        return repr(self._items)


class Block:
    """A container (main, sidebar, column, tab, expander, form): children and typed lookups."""

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
        return {i: self._app._wrap(c) for i, c in enumerate(self.node.children or ())}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        node = self.__dict__["node"]
        if name in node.props:
            return node.props[name]
        return self.get(name)

    def __len__(self) -> int:
        return len(self.node.children or ())

    def __iter__(self) -> Iterator[Element | Block]:
        for node in self._descendants():
            yield self._app._wrap(node)

    def __getitem__(self, index: int) -> Element | Block:
        return self.children[index]

    def _descendants(self) -> list[Node]:
        return [n for n in self.node.walk() if n is not self.node]

    def get(self, element_type: str) -> ElementList[Any]:
        kinds = _ALIASES.get(element_type, (element_type,))
        return ElementList([self._app._wrap(n) for n in self._descendants() if n.kind in kinds])

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


_ELEMENTS: dict[str, type[Element]] = {"exception": ExceptionElement, "dataframe": Dataframe}


def widget_class(kind: str) -> type[Element]:
    return _ELEMENTS.get(kind) or _WIDGETS.get(kind, Element)


__all__: Sequence[str] = ["Block", "Element", "ElementList", "Widget", "widget_class"]
