"""The one URL check: what counts as a URL an element may link to or load from.

``st.page_link``/``st.Page`` take web URLs, ``set_page_config(menu_items=...)`` also
``mailto:``, media also ``data:`` URLs; a link drawn in the page never gets a script scheme.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

#: schemes that name no host (everything after the colon is the address)
_HOSTLESS = ("mailto", "tel", "data")
#: schemes a link drawn in the page may use
LINK_SCHEMES = ("http", "https", "mailto", "tel", "ftp", "data")


def is_url(text: Any, schemes: tuple[str, ...] = ("http", "https")) -> bool:
    """Whether ``text`` is a full URL with one of ``schemes`` (and a host where it needs one)."""
    if not isinstance(text, str):
        return False
    try:
        parsed = urlparse(text.strip())
    except ValueError:
        return False
    scheme = parsed.scheme.lower()
    if scheme not in schemes:
        return False
    return scheme in _HOSTLESS or bool(parsed.netloc)


def safe_href(url: str) -> str:
    """``url`` for an ``href``: relative or a link scheme as given, anything else (``javascript:``) "#"."""
    text = url.strip()
    head = text.split("/", 1)[0]
    if ":" not in head:
        return text
    return text if head.split(":", 1)[0].lower() in LINK_SCHEMES else "#"
