"""Markdown to HTML as Streamlit draws it, for every text element and widget label.

markdown-it-py does CommonMark with tables and strikethrough; raw HTML is escaped unless the
caller allows it, as ``unsafe_allow_html`` does in Streamlit. Streamlit's own extensions are
applied on top:

- ``:red[...]``, ``:blue-background[...]``, ``:green-badge[...]``, ``:small[...]``,
  ``:shimmer[...]`` and ``:color[...]{foreground="..." background="..."}`` spans;
- emoji shortcodes (``:rocket:``) and Material Symbols (``:material/home:``);
- the typographic replacements ``<- -> <-> -- >= <= ~=``;
- LaTeX in ``$...$`` and ``$$...$$``, left for the widget's MathJax (``HTMLMath``) to typeset.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from jupyst.elements.lib import icons

_COLORS = ("red", "orange", "yellow", "green", "blue", "violet", "gray", "grey", "rainbow", "primary")
_SPAN_RE = re.compile(
    r":(?:(" + "|".join(_COLORS) + r")(-background|-badge)?|(small|shimmer)|(color))\[((?:[^\[\]]|\\\[|\\\])*)\]"
    r"(\{[^{}]*\})?"
)
_ATTR_RE = re.compile(r'(foreground|background)\s*=\s*"([^"]*)"')
_CSS_COLOR_RE = re.compile(
    r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|(rgb|rgba|hsl|hsla)\(\s*[-0-9.%]+\s*(,\s*[-0-9.%]+\s*){2,3}\))$"
)
_MARK_RE = re.compile("\ue000(\\d+)\ue001")
_MATH_MARK_RE = re.compile("\ue010(\\d+)\ue011")
_INLINE_TOKEN_RE = re.compile(r":material/[a-z0-9_]+:|:[a-z0-9_+-]+:|<->|<-|->|--|>=|<=|~=")
_TYPOGRAPHY = {"<->": "↔", "<-": "←", "->": "→", "--": "—", ">=": "≥", "<=": "≤", "~=": "≈"}


def _extensions(md: MarkdownIt) -> MarkdownIt:
    md.core.ruler.push("jupyst_inline", _inline_rule)
    return md


def _inline_rule(state: Any) -> None:
    """Shortcodes, Material icons and typography in text (never inside code)."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        out: list[Token] = []
        for tok in block.children:
            if tok.type != "text" or not _INLINE_TOKEN_RE.search(tok.content):
                out.append(tok)
                continue
            out.extend(_split_text(tok.content))
        block.children = out


def _split_text(text: str) -> list[Token]:
    parts: list[Token] = []
    buf: list[str] = []
    pos = 0
    for m in _INLINE_TOKEN_RE.finditer(text):
        piece = m.group(0)
        replacement: str | None = None
        raw_html: str | None = None
        if piece in _TYPOGRAPHY:
            replacement = _TYPOGRAPHY[piece]
        elif piece.startswith(":material/"):
            raw_html = icons.icon_html(piece)
        else:
            replacement = icons.shortcode(piece[1:-1])
        if replacement is None and raw_html is None:
            continue
        buf.append(text[pos:m.start()])
        pos = m.end()
        if replacement is not None:
            buf.append(replacement)
            continue
        if buf:
            parts.append(_token("text", "".join(buf)))
            buf = []
        parts.append(_token("html_inline", raw_html or ""))
    buf.append(text[pos:])
    joined = "".join(buf)
    if joined:
        parts.append(_token("text", joined))
    return parts


def _token(kind: str, content: str) -> Token:
    tok = Token(kind, "", 0)
    tok.content = content
    return tok


_safe = _extensions(MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(["table", "strikethrough"]))
_unsafe = _extensions(MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]))


# ----- LaTeX ---------------------------------------------------------------------------------
def _code_regions(text: str) -> list[tuple[int, int]]:
    """Spans of fenced code blocks and inline code, where ``$`` is not math."""
    regions = [(m.start(), m.end()) for m in re.finditer(r"(?ms)^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1[ \t]*$", text)]
    for m in re.finditer(r"(`+)(?!`).+?(?<!`)\1(?!`)", text, re.S):
        if not any(a <= m.start() < b for a, b in regions):
            regions.append((m.start(), m.end()))
    return regions


_BLOCK_MATH_RE = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE_MATH_RE = re.compile(r"(?<![\\$])\$(?![\s$])((?:\\\$|[^$\n])+?)(?<![\s\\])\$(?![\d$])")


def _protect_math(text: str) -> tuple[str, list[str]]:
    if "$" not in text:
        return text, []
    code = _code_regions(text)
    found: list[str] = []

    def keep(m: re.Match[str]) -> str:
        if any(a <= m.start() < b for a, b in code):
            return m.group(0)
        found.append(m.group(0))
        return f"\ue010{len(found) - 1}\ue011"

    text = _BLOCK_MATH_RE.sub(keep, text)
    code = _code_regions(text)
    text = _INLINE_MATH_RE.sub(keep, text)
    return text, found


def has_math(text: str) -> bool:
    """Whether a markdown string holds LaTeX for MathJax (it needs an ``HTMLMath`` widget)."""
    return "$" in text and bool(_protect_math(text)[1])


# ----- rendering ------------------------------------------------------------------------------
def _span_open(m: re.Match[str]) -> str:
    color, variant, special, custom, _, attrs = m.groups()
    if special:
        return f'<span class="jupyst-{special}">'
    if custom:
        style = []
        for name, value in _ATTR_RE.findall(attrs or ""):
            value = value.strip()
            if _CSS_COLOR_RE.match(value):
                style.append(f"{'color' if name == 'foreground' else 'background-color'}:{value}")
        return f'<span style="{";".join(style)}">' if style else "<span>"
    if variant == "-badge":
        return f'<span class="jupyst-badge jupyst-badge-{color}">'
    return f'<span class="jupyst-{"bg" if variant else "fg"}-{color}">'


@lru_cache(maxsize=2048)
def render(text: str, allow_html: bool = False, inline: bool = False) -> str:
    """HTML for a markdown string; ``inline`` drops the wrapping paragraph (labels)."""
    text, maths = _protect_math(text)
    spans: list[str] = []

    def mark(m: re.Match[str]) -> str:
        spans.append(_span_open(m))
        inner = m.group(5).replace("\\[", "[").replace("\\]", "]")
        return f"\ue000{len(spans) - 1}\ue001{inner}\ue002"

    # Spans become private-use markers so the user's own HTML stays escaped; nested spans
    # (a badge inside a colour) are marked from the inside out.
    previous = None
    while previous != text:
        previous = text
        text = _SPAN_RE.sub(mark, text)
    engine = _unsafe if allow_html else _safe
    out = engine.renderInline(text) if inline else engine.render(text)
    if spans:
        out = _MARK_RE.sub(lambda m: spans[int(m.group(1))], out)
        out = out.replace("\ue002", "</span>")
    if maths:
        out = _MATH_MARK_RE.sub(lambda m: html.escape(maths[int(m.group(1))], quote=False), out)
    return out.strip()


def plain(text: str) -> str:
    return html.escape(text)
