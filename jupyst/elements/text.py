"""Text elements: title, header, subheader, markdown, caption, text, code, divider, latex,
badge, html and ``st.echo``.

Each draws as one ``ipywidgets.HTML`` (``HTMLMath`` when there is LaTeX to typeset); the HTML
is computed only when the element's arguments change, so an unchanged rerun costs a dict
comparison. Headings get an anchor link, ``help=`` a tooltip icon.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from jupyst.elements.lib.icons import icon_html, validate_icon
from jupyst.elements.lib.markdown import has_math, render
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.node import Node
from jupyst.elements.lib.python_ast import parse as parse_python
from jupyst.elements.lib.registry import Renderer, classes, register
from jupyst.elements.lib.sizing import validate_width, width_layout
from jupyst.errors import StreamlitInvalidParameterTypeError, StreamlitValueError
from jupyst.runtime.run_context import require_run_context

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


TEXT_ALIGNMENTS = ("left", "center", "right", "justify")


def _laid_out(props: dict[str, Any], text_alignment: str, width: Any, *, auto: bool = False) -> dict[str, Any]:
    """``props`` with the element's width and its text's alignment, checked as Streamlit does
    (the width first). The defaults, a column-wide box and left-aligned text, are not stored;
    a box as wide as its content has no room to align in, and Streamlit shows it as it is.
    ``auto``: ``"auto"`` is a width too (st.markdown's default: the column's width)."""
    if not (auto and width == "auto"):
        validate_width(width, allow_content=True)
    if text_alignment not in TEXT_ALIGNMENTS:
        raise StreamlitValueError("text_alignment", [f"'{a}'" for a in TEXT_ALIGNMENTS])
    out = dict(props)
    if isinstance(width, int):
        out["width"] = width
    if text_alignment != "left" and width != "content":
        out["text_alignment"] = text_alignment
    return out


class TextMixin(ElementMixin):
    def _text_element(self, kind: str, props: dict[str, Any]) -> DeltaGenerator:
        return self._dg._append(Node(kind=kind, props=props))

    def _heading(self, kind: str, body: Any, anchor: str | bool | None, help: str | None, divider: bool | str, icon: str | None = None, text_alignment: str = "left", width: Any = "stretch") -> DeltaGenerator:
        if divider not in (True, False, None) and divider not in _DIVIDER_COLORS:
            raise StreamlitValueError("divider", ["True"] + [f"'{c}'" for c in _DIVIDER_COLORS])
        checked_icon = validate_icon(icon)
        if anchor is True:
            raise StreamlitValueError("anchor", ["None", "False", "any string"])
        if anchor is not None and anchor is not False and not isinstance(anchor, str):
            raise StreamlitInvalidParameterTypeError("anchor", type(anchor).__name__, ["str", "None", "False"])
        return self._dg._text_element(
            kind,
            _laid_out({"body": clean_text(body), "anchor": anchor, "help": _help_text(help), "divider": divider or False, "icon": checked_icon}, text_alignment, width),
        )

    def title(self, body: Any, anchor: str | bool | None = None, *, help: str | None = None, icon: str | None = None, width: Any = "stretch", text_alignment: str = "left", wrap: bool = True) -> DeltaGenerator:
        """Draw text as the page's main heading."""
        return self._dg._heading("title", body, anchor, help, False, icon, text_alignment, width)

    def header(self, body: Any, anchor: str | bool | None = None, *, help: str | None = None, icon: str | None = None, divider: bool | str = False, width: Any = "stretch", text_alignment: str = "left", wrap: bool = True) -> DeltaGenerator:
        """Draw a section heading, with an optional coloured rule under it."""
        return self._dg._heading("header", body, anchor, help, divider, icon, text_alignment, width)

    def subheader(self, body: Any, anchor: str | bool | None = None, *, help: str | None = None, icon: str | None = None, divider: bool | str = False, width: Any = "stretch", text_alignment: str = "left", wrap: bool = True) -> DeltaGenerator:
        """Draw a smaller heading, with an optional coloured rule under it."""
        return self._dg._heading("subheader", body, anchor, help, divider, icon, text_alignment, width)

    def markdown(self, body: Any, unsafe_allow_html: bool = False, *, help: str | None = None, width: Any = "auto", text_alignment: str = "left", anchors: bool = True, wrap: bool = True) -> DeltaGenerator:
        """Draw a markdown string (Streamlit's colour, icon, emoji and LaTeX extensions included)."""
        _check_wrap(wrap, unsafe_allow_html)
        return self._dg._text_element(
            "markdown",
            _laid_out({"body": clean_text(body), "allow_html": bool(unsafe_allow_html), "help": _help_text(help), "anchors": bool(anchors)}, text_alignment, width, auto=True),
        )

    def caption(self, body: Any, unsafe_allow_html: bool = False, *, help: str | None = None, width: Any = "stretch", text_alignment: str = "left", wrap: bool = True) -> DeltaGenerator:
        """Draw small, muted markdown text: notes, footers, explanations."""
        _check_wrap(wrap, unsafe_allow_html)
        return self._dg._text_element(
            "caption", _laid_out({"body": clean_text(body), "allow_html": bool(unsafe_allow_html), "help": _help_text(help)}, text_alignment, width)
        )

    def latex(self, body: Any, *, help: str | None = None, width: Any = "stretch") -> DeltaGenerator:
        """Draw a LaTeX formula (a string or a sympy expression) as display math."""
        if type(body).__module__.startswith("sympy"):
            import sympy

            body = sympy.latex(body)
        return self._dg._text_element("latex", {"body": f"$$\n{clean_text(body)}\n$$", "help": _help_text(help)})

    def badge(self, label: str, *, icon: str | None = None, color: str = "blue", width: Any = "content", help: str | None = None) -> DeltaGenerator:
        """Draw a small coloured label, optionally with an icon."""
        checked = validate_icon(icon)
        prefix = f"{checked} " if checked else ""
        escaped = str(label).replace("[", "\\[").replace("]", "\\]")
        return self._dg._text_element(
            "markdown", {"body": f":{color}-badge[{prefix}{escaped}]", "allow_html": False, "help": None if help is None else _help_text(help), "anchors": True}
        )

    def html(self, body: Any, *, width: Any = "stretch", unsafe_allow_javascript: bool = False) -> DeltaGenerator:
        """Draw raw HTML (scripts do not run). Style-only HTML styles the whole app."""
        from jupyst.errors import StreamlitMissingRequiredParameterError

        if callable(getattr(body, "_repr_html_", None)):
            content = body._repr_html_()
        elif _is_path(body):
            with open(body, encoding="utf-8") as fh:
                content = fh.read()
            if str(body).lower().endswith(".css"):
                content = f"<style>{content}</style>"
        else:
            content = clean_text(body)
        if content == "":
            raise StreamlitMissingRequiredParameterError("body")
        props = {"body": content, "unsafe_allow_javascript": bool(unsafe_allow_javascript)}
        if _only_style(content):
            return self._dg._root_container("event")._append(Node(kind="html", props=props))
        return self._dg._text_element("html", props)

    def text(self, body: Any, *, help: str | None = None, width: Any = "content", text_alignment: str = "left", wrap: bool = True) -> DeltaGenerator:
        """Draw plain text exactly as given, with no markdown."""
        return self._dg._text_element("text", _laid_out({"body": clean_text(body), "help": _help_text(help)}, text_alignment, width))

    def code(self, body: Any, language: str | None = "python", *, line_numbers: bool = False, wrap_lines: bool = False, height: Any = "content", width: Any = "stretch") -> DeltaGenerator:
        """Draw a block of code with syntax highlighting."""
        return self._dg._text_element(
            "code",
            {"body": _code_text(body), "language": language, "line_numbers": line_numbers, "wrap": wrap_lines},
        )

    def divider(self, *, width: Any = "stretch") -> DeltaGenerator:
        """Draw a horizontal rule."""
        return self._dg._text_element("divider", {"body": "---"})


def _help_text(help: Any) -> str | None:
    import textwrap

    return textwrap.dedent(str(help)) if help else None


def _check_wrap(wrap: Any, unsafe_allow_html: bool) -> None:
    from jupyst.errors import StreamlitIncompatibleParametersError

    if not isinstance(wrap, bool):
        raise StreamlitValueError("wrap", ["True", "False"])
    if wrap is False and unsafe_allow_html:
        raise StreamlitIncompatibleParametersError(
            "wrap=False", "unsafe_allow_html=True",
            explanation="One-line markdown cannot ellipsize raw HTML. Pass `wrap=True` to render HTML, or omit `unsafe_allow_html` to truncate.",
        )


def _is_path(body: Any) -> bool:
    from pathlib import Path

    return isinstance(body, Path)


def _only_style(content: str) -> bool:
    without = re.sub(r"<!--.*?-->", "", content, flags=re.S)
    without = re.sub(r"<style[^>]*>.*?</style>", "", without, flags=re.S | re.I)
    return without.strip() == ""


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

    def widget_class(self, props: dict[str, Any]) -> type[w.Widget]:
        # MathJax typesets only inside HTMLMath; plain HTML is cheaper for everything else.
        return w.HTMLMath if has_math(props.get("body", "")) else w.HTML

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        align = props.get("text_alignment")
        return {
            "value": self.html(props),
            "_dom_classes": classes(self.kind) + ((f"jupyst-text-align-{align}",) if align else ()),
            **width_layout(props.get("width")),  # only a width in pixels is stored
        }


class _PlainHTMLRenderer(_HTMLRenderer):
    def widget_class(self, props: dict[str, Any]) -> type[w.Widget]:
        return w.HTML


def _help_icon(props: dict[str, Any]) -> str:
    text = props.get("help")
    if not text:
        return ""
    # The tooltip is the help text as plain text: a title attribute cannot hold markup.
    return f' <span class="jupyst-help" title="{html.escape(str(text))}">?</span>'


class _HeadingRenderer(_HTMLRenderer):
    def html(self, props: dict[str, Any]) -> str:
        tag = _HEADINGS[self.kind]
        anchor = props.get("anchor")
        slug = "" if anchor is False else str(anchor or _slug(props["body"]))
        ident = f' id="{html.escape(slug)}"' if slug else ""
        link = f' <a class="jupyst-anchor" href="#{html.escape(slug)}" aria-label="Link to this heading">#</a>' if slug else ""
        icon = icon_html(props.get("icon"))
        inner = render(props["body"], inline=True)
        lead = f"{icon} " if icon else ""
        return f"<{tag}{ident}>{lead}{inner}{_help_icon(props)}{link}</{tag}>{_divider_html(props.get('divider') or False)}"


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
class LatexRenderer(_HTMLRenderer):
    kind = "latex"

    def widget_class(self, props: dict[str, Any]) -> type[w.Widget]:
        return w.HTMLMath

    def html(self, props: dict[str, Any]) -> str:
        return f"<div class='jupyst-latex'>{html.escape(props['body'], quote=False)}</div>{_help_icon(props)}"


@register
class HtmlRenderer(_HTMLRenderer):
    kind = "html"

    def widget_class(self, props: dict[str, Any]) -> type[w.Widget]:
        return w.HTML

    def html(self, props: dict[str, Any]) -> str:
        return props["body"]


@register
class TextRenderer(_PlainHTMLRenderer):
    kind = "text"

    def html(self, props: dict[str, Any]) -> str:
        return f"<pre class='jupyst-plain'>{html.escape(props['body'])}</pre>{_help_icon(props)}"


@register
class CodeRenderer(_PlainHTMLRenderer):
    kind = "code"

    def html(self, props: dict[str, Any]) -> str:
        body = highlight(props["body"], props.get("language"), bool(props.get("line_numbers")))
        wrap = " jupyst-wrap" if props.get("wrap") else ""
        return f"<pre class='jupyst-code{wrap}'><code>{body}</code></pre>"


@register
class DividerRenderer(_PlainHTMLRenderer):
    kind = "divider"

    def html(self, props: dict[str, Any]) -> str:
        return "<hr>"


@contextmanager
def echo(code_location: str = "above") -> Iterator[None]:
    """Run the ``with`` block and show its source code above (or below) what it draws."""
    import ast
    import linecache
    import sys
    import textwrap

    frame = sys._getframe(2)
    filename, line = frame.f_code.co_filename, frame.f_lineno
    here = require_run_context().active_container()
    show_code: Any
    if code_location == "below":
        show_code, show_warning = here.code, here.warning
    else:
        slot = here.empty()
        show_code, show_warning = slot.code, slot.warning
    code_text: str | None = None
    error: str | None = None
    try:
        lines = linecache.getlines(filename)
        if not lines:
            raise OSError(f"[Errno 2] No such file or directory: {filename!r}")
        statements: dict[int, ast.AST] = {}

        def collect(node: ast.AST) -> None:
            for child in ast.iter_child_nodes(node):
                if hasattr(child, "lineno"):
                    statements[child.lineno] = child
                    collect(child)

        collect(parse_python("".join(lines)))  # serialized: jupyst/elements/lib/python_ast.py
        block = statements[line]
        first = block.body[0]  # type: ignore[attr-defined]
        start = min([first.lineno] + [d.lineno for d in getattr(first, "decorator_list", [])])
        code_text = textwrap.dedent("".join(lines[start - 1 : block.end_lineno]))  # type: ignore[attr-defined]
    except OSError as err:
        error = f"Unable to display code. {err}"
    yield
    if code_text is not None:
        show_code(code_text, "python")
    elif error is not None:
        show_warning(error)
