"""AppTest's read-only elements: text, headings, alerts, toasts, JSON, exceptions, media,
metrics, progress, links and tables, with the fields Streamlit's AppTest gives each.

Fields Streamlit reads from its protobuf messages are read here from the node's props, with
the protobuf defaults Streamlit shows for an unset field (``""`` for a missing anchor or
icon), so a test reads the same values under either harness.
"""

from __future__ import annotations

from typing import Any, NoReturn

from jupyst.testing.elements.base import AppTestError, Element

#: heading element type -> the HTML tag Streamlit gives it
HEADING_TAGS = {"title": "h1", "header": "h2", "subheader": "h3"}


class Markdown(Element):
    """``st.markdown`` and the elements Streamlit draws as markdown: caption, divider, latex."""

    @property
    def value(self) -> str:
        return str(self.node.props.get("body", ""))

    @property
    def is_caption(self) -> bool:
        return self.node.kind == "caption"

    @property
    def allow_html(self) -> bool:
        return bool(self.node.props.get("allow_html", False))

    @property
    def help(self) -> str:
        return self.node.props.get("help") or ""


class Heading(Element):
    """``st.title``, ``st.header`` and ``st.subheader``."""

    @property
    def value(self) -> str:
        return str(self.node.props.get("body", ""))

    @property
    def tag(self) -> str:
        return HEADING_TAGS[self.node.kind]

    @property
    def anchor(self) -> str:
        """The anchor the script gave; ``""`` when it gave none (or hid it)."""
        anchor = self.node.props.get("anchor")
        return anchor if isinstance(anchor, str) else ""

    @property
    def hide_anchor(self) -> bool:
        return self.node.props.get("anchor") is False

    @property
    def icon(self) -> str:
        return self.node.props.get("icon") or ""

    @property
    def help(self) -> str:
        return self.node.props.get("help") or ""

    @property
    def divider(self) -> str:
        """The divider colour ("" for none), as Streamlit's heading field."""
        divider = self.node.props.get("divider")
        if divider is True:
            return "auto"
        return divider if isinstance(divider, str) else ""


class Code(Element):
    @property
    def value(self) -> str:
        return str(self.node.props.get("body", ""))

    @property
    def language(self) -> str:
        return self.node.props.get("language") or ""

    @property
    def show_line_numbers(self) -> bool:
        return bool(self.node.props.get("line_numbers"))


class Json(Element):
    """``st.json``: ``value`` is the JSON text as Streamlit keeps it (compact for objects)."""

    @property
    def value(self) -> str:
        return str(self.node.props["body"])

    @property
    def expanded(self) -> bool:
        return bool(self.node.props.get("expanded", True))


class ExceptionElement(Element):
    """``st.exception`` and an uncaught exception: ``value`` is the message."""

    @property
    def value(self) -> str:
        return str(self.node.props["message"])

    @property
    def message(self) -> str:
        return str(self.node.props["message"])

    @property
    def is_markdown(self) -> bool:
        return bool(self.node.props.get("is_markdown"))

    @property
    def is_warning(self) -> bool:
        return bool(self.node.props.get("is_warning"))

    @property
    def stack_trace(self) -> list[str]:
        return list(self.node.props.get("stack_trace") or [])


class Alert(Element):
    """``st.success``, ``st.info``, ``st.warning``, ``st.error``."""

    @property
    def value(self) -> str:
        return str(self.node.props.get("body", ""))

    @property
    def icon(self) -> str:
        return self.node.props.get("icon") or ""


class Toast(Alert):
    """``st.toast``: found under ``at.toast`` wherever the script called it."""


class Text(Element):
    @property
    def value(self) -> str:
        return str(self.node.props.get("body", ""))

    @property
    def help(self) -> str:
        return self.node.props.get("help") or ""


class Image(Element):
    """``st.image``: ``value`` lists the images' URLs, ``captions`` their captions."""

    @property
    def value(self) -> list[str]:
        return [str(v) for v in self.node.props.get("value") or []]

    @property
    def captions(self) -> list[str]:
        captions = list(self.node.props.get("captions") or [])
        return [str(c or "") for c in captions] + [""] * (len(self.value) - len(captions))


class Metric(Element):
    @property
    def value(self) -> str:
        return str(self.node.props.get("body", ""))

    @property
    def label(self) -> str:
        return str(self.node.props.get("label", ""))

    @property
    def delta(self) -> str:
        return self.node.props.get("delta") or ""

    @property
    def help(self) -> str:
        return self.node.props.get("help") or ""


class Progress(Element):
    """``st.progress``: ``value`` is the percentage (0.25 shows as 25), ``text`` its label."""

    @property
    def value(self) -> Any:
        return self.node.props["value"]

    @property
    def text(self) -> str:
        return self.node.props.get("text") or ""


class LinkButton(Element):
    """``st.link_button``: read-only; its value is the label, as in Streamlit's AppTest."""

    @property
    def value(self) -> Any:
        return self.node.props.get("label")

    def _unsupported(self, method: str) -> NoReturn:
        raise AppTestError(
            f"{method}() is not supported for link_button{self._key_part()}. AppTest does not open "
            "URLs or trigger on_click. Use a Playwright e2e test."
        )

    def click(self) -> NoReturn:
        self._unsupported("click")

    def set_value(self, _value: Any) -> NoReturn:
        self._unsupported("set_value")


class PageLink(Element):
    """``st.page_link``: read-only; its value is the label. Pages change with ``switch_page``."""

    @property
    def value(self) -> Any:
        return self.node.props.get("label")

    @property
    def key(self) -> None:
        return None

    def _unsupported(self, method: str) -> NoReturn:
        raise AppTestError(
            f"{method}() is not supported for page_link. Switch pages with AppTest.switch_page(page_path)."
        )


class Dataframe(Element):
    @property
    def value(self) -> Any:
        """The data as a pandas DataFrame, as Streamlit's ``Dataframe.value``."""
        return self.node.props["data"]


class Table(Element):
    @property
    def value(self) -> Any:
        return self.node.props["value"]


DISPLAY_ELEMENTS: dict[str, type[Element]] = {
    "markdown": Markdown,
    "caption": Markdown,
    "divider": Markdown,
    "latex": Markdown,
    "title": Heading,
    "header": Heading,
    "subheader": Heading,
    "code": Code,
    "json": Json,
    "exception": ExceptionElement,
    "success": Alert,
    "info": Alert,
    "warning": Alert,
    "error": Alert,
    "toast": Toast,
    "text": Text,
    "image": Image,
    "metric": Metric,
    "progress": Progress,
    "link_button": LinkButton,
    "page_link": PageLink,
    "page_link_external": PageLink,
    "dataframe": Dataframe,
    "table": Table,
}
