"""What every AppTest element shares: reading a node's fields, staging a widget's next value,
and the errors of interactions AppTest cannot perform.

An element wraps one node of the last committed run. Reads come from the node's props;
``proto`` gives all of them at once as attributes (a plain namespace: jupyst has no protobuf
messages, so this is the proto-free stand-in for Streamlit's ``Element.proto``). A widget's
interaction only records the value on the wrapper; ``AppTest.run()`` applies it to the real
ipywidget.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Callable, NoReturn

from jupyst.elements.lib.node import Node

if TYPE_CHECKING:
    from typing_extensions import Self

    from jupyst.testing.app_test import AppTest

#: a widget without a staged value
UNSET: Any = object()

#: Node kinds that AppTest reports under another element type, as Streamlit's tree does.
REPORTED_TYPES = {
    "pills": "button_group",
    "segmented_control": "button_group",
    "help": "help_info",
    "page_link_external": "page_link",
    "mermaid_chart": "markdown",
}

#: interactions every element answers, if only with an AppTestError
_INTERACTIONS = ("set_value", "click")


class AppTestError(Exception):
    """An interaction AppTest cannot perform (a disabled widget, an unsupported method)."""


def format_value_for_widget(format_func: Callable[[Any], str], value: Any) -> str:
    """The option label of ``value``; a string ``format_func`` cannot format is taken as a label.

    AppTest lets a test pick an option by its value or by the label the browser shows.
    Only strings fall back to themselves, so a ``format_func`` that fails on a real option
    still raises.
    """
    try:
        return format_func(value)
    except Exception:
        if isinstance(value, str):
            return value
        raise


class Element:
    """One element of the tree; unknown attributes fall through to the element's fields."""

    def __init__(self, node: Node, app: AppTest) -> None:
        self.node = node
        self._app = app

    @property
    def type(self) -> str:
        return REPORTED_TYPES.get(self.node.kind, self.node.kind)

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
        """All the element's fields as attributes, where Streamlit gives its protobuf message.

        ``at.exception[0].proto.type`` is the exception's class name in both AppTests
        (``.type`` of the element itself is the element type, ``"exception"``).
        """
        return SimpleNamespace(**self.node.props)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name in _INTERACTIONS:
            def unsupported(*_args: Any, **_kwargs: Any) -> NoReturn:
                self._unsupported(name)

            return unsupported
        props = self.__dict__["node"].props
        if name in props:
            return props[name]
        raise AttributeError(f"{type(self).__name__} has no attribute {name!r}")

    def _key_part(self) -> str:
        return f" (key={self.key!r})" if self.key else ""

    def _unsupported(self, method: str) -> NoReturn:
        """Streamlit's AppTestError for an interaction this element does not have."""
        raise AppTestError(
            f"{method}() is not supported for {self.type}{self._key_part()}. AppTest can inspect this "
            "element but does not implement interactions for it. Set its value through "
            "at.session_state if it has a key, or use a Playwright e2e test."
        )

    def __iter__(self) -> Iterator[Self]:
        yield self

    def run(self, *, timeout: float | None = None) -> AppTest:
        """Run the app this element belongs to (``AppTest.run``)."""
        return self._app.run(timeout=timeout)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(type={self.type!r}, value={self.value!r})"


class Widget(Element):
    """An input widget: ``set_value`` records what the next run receives."""

    def __init__(self, node: Node, app: AppTest) -> None:
        super().__init__(node, app)
        self._pending: Any = UNSET

    @property
    def id(self) -> str | None:
        return self.node.widget_id

    @property
    def form_id(self) -> str:
        return self.node.form_id

    @property
    def value(self) -> Any:
        if self._pending is not UNSET:
            return self._pending
        return self._app._state_value(self.node)

    def set_value(self, value: Any) -> Self:
        """The value the widget sends on the next ``run()``."""
        self._assert_can_interact()
        self._pending = value
        self._app._stage(self)
        return self

    def _value_for_run(self) -> Any:
        """The staged value in the form the widget's renderer takes (a raw option value)."""
        return self._pending

    def _assert_can_interact(self) -> None:
        if self.node.props.get("disabled"):
            raise AppTestError(
                f"Cannot update a disabled {self.type} widget{self._key_part()}. "
                "A browser user cannot interact with a disabled widget."
            )

    def _unsupported(self, method: str) -> NoReturn:
        raise AppTestError(
            f"{method}() is not supported for {self.type}{self._key_part()}. "
            "Use set_value() or one of this widget's typed interaction methods."
        )
