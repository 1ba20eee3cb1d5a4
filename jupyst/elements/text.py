"""Text elements: title, header, subheader, markdown, caption, text, code, divider.

Each draws as one ``ipywidgets.HTML``; the HTML is computed only when the element's
arguments change, so an unchanged rerun costs a dict comparison.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from jupyst.elements.markdown import render
from jupyst.elements.node import Node
from jupyst.elements.registry import Renderer, classes, register
from jupyst.errors import StreamlitInvalidParameterTypeError, StreamlitValueError

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator

_HEADINGS = {"title": "h1", "header": "h2", "subheader": "h3"}
_DIVIDER_COLORS = ("red", "orange", "yellow", "blue", "green", "violet", "gray", "grey", "rainbow")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _divider_html(divider: bool | str) -> str:
    if divider is False or divider is None:
        return ""
    color = "gray" if divider is True else divider
    return f'<hr class="jupyst-divider-line jupyst-divider-{color}">'


class TextMixin:
    def _text_element(self: Any, kind: str, props: dict[str, Any]) -> DeltaGenerator:
        return self._append(Node(kind=kind, props=props))

    def _heading(self: Any, kind: str, body: Any, anchor: str | bool | None, help: str | None, divider: bool | str) -> DeltaGenerator:
        if divider not in (True, False, None) and divider not in _DIVIDER_COLORS:
            raise StreamlitValueError("divider", ["True"] + [f"'{c}'" for c in _DIVIDER_COLORS])
        if anchor is True:
            raise StreamlitValueError("anchor", ["None", "False", "any string"])
        if anchor is not None and anchor is not False and not isinstance(anchor, str):
            raise StreamlitInvalidParameterTypeError("anchor", type(anchor).__name__, ["str", "None", "False"])
        return self._text_element(
            kind, {"body": clean_text(body), "anchor": anchor, "help": help, "divider": divider or False}
        )

    def title(self: Any, body: Any, anchor: str | bool | None = None, *, help: str | None = None, width: Any = "stretch", text_alignment: str = "left") -> DeltaGenerator:
        """Draw text as the page's main heading."""
        return self._heading("title", body, anchor, help, False)

    def header(self: Any, body: Any, anchor: str | bool | None = None, *, help: str | None = None, divider: bool | str = False, width: Any = "stretch", text_alignment: str = "left") -> DeltaGenerator:
        """Draw a section heading, with an optional coloured rule under it."""
        return self._heading("header", body, anchor, help, divider)

    def subheader(self: Any, body: Any, anchor: str | bool | None = None, *, help: str | None = None, divider: bool | str = False, width: Any = "stretch", text_alignment: str = "left") -> DeltaGenerator:
        """Draw a smaller heading, with an optional coloured rule under it."""
        return self._heading("subheader", body, anchor, help, divider)

    def markdown(self: Any, body: Any, unsafe_allow_html: bool = False, *, help: str | None = None, width: Any = "auto", text_alignment: str = "left") -> DeltaGenerator:
        """Draw a markdown string (Streamlit's colour extensions included)."""
        return self._text_element(
            "markdown", {"body": clean_text(body), "allow_html": bool(unsafe_allow_html), "help": help}
        )

    def caption(self: Any, body: Any, unsafe_allow_html: bool = False, *, help: str | None = None, width: Any = "stretch", text_alignment: str = "left") -> DeltaGenerator:
        """Draw small, muted markdown text: notes, footers, explanations."""
        return self._text_element(
            "caption", {"body": clean_text(body), "allow_html": bool(unsafe_allow_html), "help": help}
        )

    def text(self: Any, body: Any, *, help: str | None = None, width: Any = "content", text_alignment: str = "left") -> DeltaGenerator:
        """Draw plain text exactly as given, with no markdown."""
        return self._text_element("text", {"body": clean_text(body), "help": help})

    def code(self: Any, body: Any, language: str | None = "python", *, line_numbers: bool = False, wrap_lines: bool = False, height: Any = "content", width: Any = "stretch") -> DeltaGenerator:
        """Draw a block of code with syntax highlighting."""
        return self._text_element(
            "code",
            {"body": _code_text(body), "language": language, "line_numbers": line_numbers, "wrap": wrap_lines},
        )

    def divider(self: Any, *, width: Any = "stretch") -> DeltaGenerator:
        """Draw a horizontal rule."""
        return self._text_element("divider", {"body": "---"})


def clean_text(body: Any) -> str:
    """Text as Streamlit's text elements store it: dedented, surrounding whitespace removed."""
    import textwrap

    return textwrap.dedent(str(body)).strip()


def _code_text(body: Any) -> str:
    # Streamlit drops one newline at each end of a code body and keeps other whitespace.
    text = str(body)
    if text.startswith("\n"):
        text = text[1:]
    if text.endswith("\n"):
        text = text[:-1]
    return text


@lru_cache(maxsize=512)
def highlight(body: str, language: str | None, line_numbers: bool) -> str:
    from pygments import highlight as pyg_highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import TextLexer, get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        lexer = get_lexer_by_name(language) if language else TextLexer()
    except ClassNotFound:
        lexer = TextLexer()
    fmt = HtmlFormatter(noclasses=True, nowrap=True, style="friendly")
    code = pyg_highlight(body, lexer, fmt)
    if line_numbers:
        lines = code.rstrip("\n").split("\n")
        code = "\n".join(f'<span class="jupyst-lineno">{i}</span>{line}' for i, line in enumerate(lines, 1))
    return code


class _HTMLRenderer(Renderer):
    cls = w.HTML

    def html(self, props: dict[str, Any]) -> str:
        raise NotImplementedError

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"value": self.html(props), "_dom_classes": classes(self.kind)}


def _help_icon(props: dict[str, Any]) -> str:
    text = props.get("help")
    if not text:
        return ""
    return f' <span class="jupyst-help" title="{html.escape(str(text))}">?</span>'


class _HeadingRenderer(_HTMLRenderer):
    def html(self, props: dict[str, Any]) -> str:
        tag = _HEADINGS[self.kind]
        anchor = props.get("anchor")
        ident = "" if anchor is False else f' id="{html.escape(str(anchor or _slug(props["body"])))}"'
        inner = render(props["body"], inline=True)
        return f"<{tag}{ident}>{inner}{_help_icon(props)}</{tag}>{_divider_html(props.get('divider'))}"


@register
class TitleRenderer(_HeadingRenderer):
    kind = "title"


@register
class HeaderRenderer(_HeadingRenderer):
    kind = "header"


@register
class SubheaderRenderer(_HeadingRenderer):
    kind = "subheader"


@register
class MarkdownRenderer(_HTMLRenderer):
    kind = "markdown"

    def html(self, props: dict[str, Any]) -> str:
        return render(props["body"], allow_html=props.get("allow_html", False)) + _help_icon(props)


@register
class CaptionRenderer(MarkdownRenderer):
    kind = "caption"


@register
class TextRenderer(_HTMLRenderer):
    kind = "text"

    def html(self, props: dict[str, Any]) -> str:
        return f"<pre class='jupyst-plain'>{html.escape(props['body'])}</pre>{_help_icon(props)}"


@register
class CodeRenderer(_HTMLRenderer):
    kind = "code"

    def html(self, props: dict[str, Any]) -> str:
        body = highlight(props["body"], props.get("language"), bool(props.get("line_numbers")))
        wrap = " jupyst-wrap" if props.get("wrap") else ""
        return f"<pre class='jupyst-code{wrap}'><code>{body}</code></pre>"


@register
class DividerRenderer(_HTMLRenderer):
    kind = "divider"

    def html(self, props: dict[str, Any]) -> str:
        return "<hr>"
