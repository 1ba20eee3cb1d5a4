"""Markdown to HTML as Streamlit draws it, for every text element and widget label.

markdown-it-py does CommonMark with tables and strikethrough; raw HTML is escaped unless the
caller allows it, as ``unsafe_allow_html`` does in Streamlit. Streamlit's own extensions
(``:red[...]`` colours and backgrounds) are applied on top.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from markdown_it import MarkdownIt

_safe = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(["table", "strikethrough"])
_unsafe = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

_COLORS = ("red", "orange", "yellow", "green", "blue", "violet", "gray", "grey", "rainbow", "primary")
_COLOR_RE = re.compile(r":(" + "|".join(_COLORS) + r")(-background)?\[([^\[\]]*)\]")
_OPEN_RE = re.compile("\ue000(\\d+)\ue001")


@lru_cache(maxsize=2048)
def render(text: str, allow_html: bool = False, inline: bool = False) -> str:
    """HTML for a markdown string; ``inline`` drops the wrapping paragraph (labels)."""
    spans: list[str] = []

    def mark(m: re.Match[str]) -> str:
        spans.append(f"jupyst-{'bg' if m.group(2) else 'fg'}-{m.group(1)}")
        return f"\ue000{len(spans) - 1}\ue001{m.group(3)}\ue002"

    # Colour spans become private-use markers so the user's own HTML stays escaped.
    marked = _COLOR_RE.sub(mark, text)
    engine = _unsafe if allow_html else _safe
    out = engine.renderInline(marked) if inline else engine.render(marked)
    if spans:
        out = _OPEN_RE.sub(lambda m: f'<span class="{spans[int(m.group(1))]}">', out)
        out = out.replace("\ue002", "</span>")
    return out.strip()


def plain(text: str) -> str:
    return html.escape(text)
