"""The element tree AppTest exposes: wrappers over one run's nodes, as Streamlit's testing API.

Reads come from the nodes of the last committed run. Interactions record a value on the
wrapper; ``AppTest.run()`` then applies it to the real ipywidget, so the same observer path
as a browser event runs.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from jupyst.elements.lib.node import Node

if TYPE_CHECKING:
    from jupyst.testing.app_test import AppTest

_UNSET = object()

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
}

#: Node kinds that AppTest reports under another element type, as Streamlit's tree does.
_TYPES = {"pills": "button_group", "segmented_control": "button_group", "help": "help_info", "mermaid_chart": "markdown"}


class AppTestError(Exception):
    """An interaction AppTest cannot perform (a disabled widget, an unsupported method)."""


class Element:
    """One element of the tree; unknown attributes fall through to the element's props."""

    def __init__(self, node: Node, app: AppTest) -> None:
        self.node = node
        self._app = app

    @property
    def type(self) -> str:
        return _TYPES.get(self.node.kind, self.node.kind)

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
        self._assert_can_interact()
        self._pending = value
        self._app._stage(self)
        return self

    def _assert_can_interact(self) -> None:
        if self.node.props.get("disabled"):
            key_part = f" (key={self.key!r})" if self.key else ""
            raise AppTestError(
                f"Cannot update a disabled {self.type} widget{key_part}. "
                "A browser user cannot interact with a disabled widget."
            )


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
        from jupyst.elements.lib.options import index_of

        value = self.value
        return None if value is None else index_of(self.node.props["choices"], value)

    def select(self, value: Any) -> Selectbox:
        return self.set_value(value)  # type: ignore[return-value]

    def select_index(self, index: int | None) -> Selectbox:
        return self.set_value(None if index is None else self.node.props["choices"][index])  # type: ignore[return-value]


class Multiselect(Widget):
    @property
    def indices(self) -> list[int]:
        from jupyst.elements.lib.options import index_of

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
        """As a click on "+"; like Streamlit's AppTest, a max of 0 counts as no max."""
        if self.value is None:
            return self
        props = self.node.props
        return self.set_value(min(self.value + props["step"], props["max"] or float("inf")))  # type: ignore[return-value]

    def decrement(self) -> NumberInput:
        if self.value is None:
            return self
        props = self.node.props
        return self.set_value(max(self.value - props["step"], props["min"] or float("-inf")))  # type: ignore[return-value]


class SelectSlider(Widget):
    def set_range(self, lower: Any, upper: Any) -> SelectSlider:
        return self.set_value([lower, upper])

    def set_value(self, value: Any) -> SelectSlider:
        if isinstance(value, list):
            value = tuple(value)
        return super().set_value(value)  # type: ignore[return-value]

    @property
    def format_func(self) -> Any:
        return self.node.props["format_func"]


class DateInput(Widget):
    """``st.date_input``: ``min``/``max`` are dates, ``is_range`` tells a range picker."""

    def set_value(self, value: Any) -> DateInput:
        from jupyst.elements.time_widgets import _to_date

        if isinstance(value, (list, tuple)):
            value = tuple(_to_date(v) for v in value)
        elif value is not None:
            value = _to_date(value)
            if self.node.props.get("is_range"):
                value = (value,)
        return super().set_value(value)  # type: ignore[return-value]


class TimeInput(Widget):
    def set_value(self, value: Any) -> TimeInput:
        import datetime as dt

        if isinstance(value, dt.datetime):
            value = value.time()
        return super().set_value(value)  # type: ignore[return-value]

    def _shift(self, sign: int) -> TimeInput:
        import datetime as dt

        current = self.value
        if current is None:
            return self
        moved = dt.datetime.combine(dt.date.today(), current) + sign * dt.timedelta(seconds=self.node.props["step"])
        return self.set_value(moved.time())

    def increment(self) -> TimeInput:
        return self._shift(1)

    def decrement(self) -> TimeInput:
        return self._shift(-1)


class DateTimeInput(Widget):
    pass


class ColorPicker(Widget):
    def pick(self, value: str) -> ColorPicker:
        return self.set_value(value)  # type: ignore[return-value]


class ButtonGroup(Widget):
    """``st.pills`` and ``st.segmented_control`` (type ``button_group``)."""

    @property
    def options(self) -> list[str]:
        """The option labels without a leading icon, as Streamlit's ``ButtonGroup.options``."""
        return list(self.node.props["contents"])

    @property
    def format_func(self) -> Any:
        return self.node.props["format_func"]

    @property
    def indices(self) -> list[int]:
        from jupyst.elements.lib.options import index_of

        value = self.value
        values = value if self.node.props["multi"] else ([] if value is None else [value])
        return [i for i in (index_of(self.node.props["choices"], v) for v in values) if i is not None]

    @property
    def formatted_values(self) -> list[str]:
        value = self.value
        values = value if self.node.props["multi"] else ([] if value is None else [value])
        return [str(self.format_func(v)) for v in values]

    def select(self, value: Any) -> ButtonGroup:
        if not self.node.props["multi"]:
            return self.set_value(value)  # type: ignore[return-value]
        current = list(self.value or [])
        if value in current:
            return self
        return self.set_value([*current, value])  # type: ignore[return-value]

    def unselect(self, value: Any) -> ButtonGroup:
        if not self.node.props["multi"]:
            return self.set_value(None) if self.value == value else self  # type: ignore[return-value]
        current = list(self.value or [])
        if value not in current:
            return self
        return self.set_value([v for v in current if v != value])  # type: ignore[return-value]


class Feedback(Widget):
    pass


class DownloadButton(Button):
    pass


class FileUploader(Widget):
    """``st.file_uploader``: files are ``(name, content, mime_type)`` tuples."""

    @property
    def accept_multiple_files(self) -> bool:
        return bool(self.node.props["multiple_files"])

    @property
    def allowed_type(self) -> list[str]:
        return list(self.node.props["type"])

    def _files(self, files: Any) -> Any:
        import uuid

        from jupyst.elements.file_uploader import UploadedFile

        if files is None:
            return None
        if isinstance(files, tuple) and len(files) == 3 and isinstance(files[0], str):
            files = [files]
        out = [UploadedFile(str(uuid.uuid4()), name, mime, bytes(content)) for name, content, mime in files]
        return out if self.node.props["multiple_files"] else (out[0] if out else None)

    def set_value(self, files: Any) -> FileUploader:
        return super().set_value(self._files(files))  # type: ignore[return-value]

    def upload(self, filename: str, content: bytes, mime_type: str = "application/octet-stream") -> FileUploader:
        self._assert_can_interact()
        new = self._files([(filename, content, mime_type)])
        if self.node.props["multiple_files"]:
            # As Streamlit's AppTest: uploads add to the files staged since the last run,
            # not to the files the widget held.
            staged = [] if self._pending is _UNSET else list(self._pending or [])
            return Widget.set_value(self, [*staged, *new])  # type: ignore[return-value]
        return Widget.set_value(self, new)  # type: ignore[return-value]

    def clear(self) -> FileUploader:
        return Widget.set_value(self, [] if self.node.props["multiple_files"] else None)  # type: ignore[return-value]


class CameraInput(FileUploader):
    """``st.camera_input``: one ``.jpg`` photo, ``(filename, content, "image/jpeg")``."""

    @property
    def resolution(self) -> str | None:
        return self.node.props.get("resolution")

    def set_value(self, file: Any) -> CameraInput:
        if file is not None:
            file = _camera_file(file)
        return FileUploader.set_value(self, file)  # type: ignore[return-value]

    def upload(self, filename: str, content: bytes, mime_type: str = "image/jpeg") -> CameraInput:
        return self.set_value((filename, content, mime_type))

    def clear(self) -> CameraInput:
        return Widget.set_value(self, None)  # type: ignore[return-value]


class AudioInput(FileUploader):
    """``st.audio_input``: one ``.wav`` recording, ``(filename, content, "audio/wav")``."""

    def set_value(self, file: Any) -> AudioInput:
        if file is not None:
            if isinstance(file, list):
                raise AppTestError("st.audio_input records one recording. A list is not accepted.")
            name, content, mime = file
            if not str(name).lower().endswith(".wav"):
                raise AppTestError(f"st.audio_input only records .wav files. Got filename {name!r}.")
            if mime != "audio/wav":
                raise AppTestError(f"st.audio_input recordings use MIME type 'audio/wav'. Got {mime!r}.")
        return FileUploader.set_value(self, file)  # type: ignore[return-value]

    def upload(self, filename: str, content: bytes, mime_type: str = "audio/wav") -> AudioInput:
        return self.set_value((filename, content, mime_type))

    def clear(self) -> AudioInput:
        return Widget.set_value(self, None)  # type: ignore[return-value]


class MenuButton(Widget):
    """``st.menu_button``: ``click(option)`` picks an option for the next run."""

    @property
    def options(self) -> list[str]:
        return list(self.node.props["options"])

    def click(self, value: Any) -> MenuButton:
        return self.set_value(value)  # type: ignore[return-value]

    def click_index(self, index: int) -> MenuButton:
        return self.set_value(self.node.props["choices"][index])  # type: ignore[return-value]


class Pagination(Widget):
    """``st.pagination``: ``select(page)`` chooses a page (1-based) for the next run."""

    @property
    def num_pages(self) -> int:
        return int(self.node.props["num_pages"])

    def set_value(self, value: Any) -> Pagination:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= self.num_pages:
            key_part = f" (key={self.key!r})" if self.key else ""
            raise AppTestError(f"Cannot set pagination{key_part} to {value!r}. Page must be an int between 1 and {self.num_pages}.")
        return super().set_value(value)  # type: ignore[return-value]

    def select(self, page: int) -> Pagination:
        return self.set_value(page)


#: numbers of AppTest's chat sends (the browser numbers its own)
_SENDS = itertools.count(1)


class ChatInput(Widget):
    """``st.chat_input``: ``set_value`` types a message, ``upload`` attaches files; the next
    ``run()`` sends both at once, as one press of Enter. ``value`` is the text pending, or
    what the script received in the last run (None when nothing was sent)."""

    def __init__(self, node: Node, app: AppTest) -> None:
        super().__init__(node, app)
        self._files: list[tuple[str, bytes, str]] | None = None

    @property
    def placeholder(self) -> str:
        return str(self.node.props["placeholder"])

    @property
    def max_chars(self) -> int:
        return int(self.node.props.get("max_chars") or 0)

    @property
    def value(self) -> Any:
        if self._pending is not _UNSET and self._pending is not None:
            return self._pending
        return self._app._state_value(self.node)

    def set_value(self, value: str | None) -> ChatInput:
        """The message text to send on the next run (None: no text)."""
        return super().set_value(value)  # type: ignore[return-value]

    def _key_part(self) -> str:
        return f" (key={self.key!r})" if self.key else ""

    def upload(self, filename: str, content: bytes, mime_type: str = "application/octet-stream") -> ChatInput:
        """Attach one file to the next send (``"multiple"``/``"directory"`` add up)."""
        from jupyst.elements.file_uploader import check_file_name
        from jupyst.errors import StreamlitAPIException

        self._assert_can_interact()
        self._assert_accepts_files()
        if not isinstance(filename, str) or filename == "":
            raise AppTestError(f"st.chat_input file names must be a non-empty string. Got {filename!r}.")
        if not isinstance(content, bytes):
            raise AppTestError(f"st.chat_input file content must be bytes. Got {type(content).__name__}.")
        if not isinstance(mime_type, str) or mime_type == "":
            raise AppTestError(f"st.chat_input file MIME types must be a non-empty string. Got {mime_type!r}.")
        allowed = list(self.node.props["file_type"])
        if allowed:
            try:
                check_file_name(filename, allowed)
            except StreamlitAPIException as exc:
                raise AppTestError(str(exc)) from exc
        if self.node.props["accept_file"] in ("multiple", "directory"):
            self._files = [*(self._files or []), (filename, content, mime_type)]
        else:
            self._files = [(filename, content, mime_type)]
        self._app._stage(self)
        return self

    def clear(self) -> ChatInput:
        """Drop the files attached for the next send (the text stays)."""
        self._assert_can_interact()
        self._assert_accepts_files()
        self._files = None
        return self

    def _assert_accepts_files(self) -> None:
        if self.node.props["accept_file"] == "none":
            raise AppTestError(
                f"st.chat_input{self._key_part()} does not accept files. Pass accept_file=True, 'multiple', or 'directory'."
            )

    def _raw(self) -> Any:
        """The submission a browser would send: its text area stops at ``max_chars``."""
        files = self._files or []
        text = None if self._pending is _UNSET else self._pending
        if text is None and not files:
            return None
        text = "" if text is None else str(text)
        if self.max_chars:
            text = text[: self.max_chars]
        payload = [{"name": n, "type": m, "size": len(c), "content": c} for n, c, m in files]
        return {"seq": next(_SENDS), "text": text, "files": payload}


def _camera_file(file: Any) -> tuple[str, bytes, str]:
    if (
        isinstance(file, tuple) and len(file) == 3 and isinstance(file[0], str)
        and isinstance(file[1], (bytes, bytearray)) and isinstance(file[2], str)
    ):
        name, content, mime = file
        if not name.lower().endswith(".jpg"):
            raise AppTestError(f"st.camera_input only captures .jpg files. Got filename {name!r}.")
        if mime.lower() != "image/jpeg":
            raise AppTestError(f"st.camera_input photos use MIME type 'image/jpeg'. Got {mime!r}.")
        return name, bytes(content), "image/jpeg"
    if isinstance(file, list):
        raise AppTestError("st.camera_input captures one photo. A list is not accepted.")
    raise AppTestError(
        "st.camera_input captures one photo. Pass one (filename, content, mime_type) tuple whose "
        f"content is bytes, or None to clear. Got {type(file).__name__}."
    )


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
    "select_slider": SelectSlider,
    "date_input": DateInput,
    "time_input": TimeInput,
    "date_time_input": DateTimeInput,
    "color_picker": ColorPicker,
    "pills": ButtonGroup,
    "segmented_control": ButtonGroup,
    "feedback": Feedback,
    "download_button": DownloadButton,
    "file_uploader": FileUploader,
    "camera_input": CameraInput,
    "chat_input": ChatInput,
    "audio_input": AudioInput,
    "menu_button": MenuButton,
    "pagination": Pagination,
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
        return {i: self._app._wrap(c) for i, c in enumerate(self.node.children or ()) if not c.props.get("transient")}

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
        for node in self._descendants():
            yield self._app._wrap(node)

    def __getitem__(self, index: int) -> Element | Block:
        return self.children[index]

    def _descendants(self) -> list[Node]:
        return [n for n in self.node.walk() if n is not self.node and not n.props.get("transient")]

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


class LinkButton(Element):
    """``st.link_button``: read-only; its value is the label, as in Streamlit's AppTest."""

    @property
    def value(self) -> Any:
        return self.node.props.get("label")

    def click(self) -> Any:
        key_part = f" (key={self.key!r})" if self.key else ""
        raise AppTestError(
            f"click() is not supported for link_button{key_part}. AppTest does not open URLs or "
            "trigger on_click. Use a Playwright e2e test."
        )

    def set_value(self, _value: Any) -> Any:
        return self.click()


class Progress(Element):
    @property
    def value(self) -> Any:
        return self.node.props["value"]

    @property
    def text(self) -> str:
        return self.node.props.get("text") or ""


_ELEMENTS: dict[str, type[Element]] = {
    "exception": ExceptionElement,
    "dataframe": Dataframe,
    "link_button": LinkButton,
    "progress": Progress,
}


def widget_class(kind: str) -> type[Element]:
    return _ELEMENTS.get(kind) or _WIDGETS.get(kind) or Element


__all__: Sequence[str] = ["AppTestError", "Block", "Element", "ElementList", "Widget", "widget_class"]
