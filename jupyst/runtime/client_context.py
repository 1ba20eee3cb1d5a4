"""``st.context``: the visitor's request and browser, read-only.

Values come from the session's :class:`~jupyst.runtime.request_info.RequestInfo`. Without a
visitor request (JupyterLab, plain Python, AppTest without ``at.context``) headers and
cookies are empty and every other property is None, as in Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from jupyst.runtime.request_info import RequestInfo

CONTEXT_KEYS = frozenset(
    {"headers", "cookies", "theme", "timezone", "timezone_offset", "locale", "url", "ip_address", "is_embedded"}
)
_LOCAL_ADDRESSES = ("::1", "127.0.0.1")


def _header_case(name: str) -> str:
    return "-".join(part.capitalize() for part in name.split("-"))


class StreamlitHeaders(Mapping[str, str]):
    """Request headers: names are case-insensitive; a repeated header reads as its first value."""

    def __init__(self, headers: Iterable[tuple[str, str]]) -> None:
        grouped: dict[str, list[str]] = {}
        for name, value in headers:
            grouped.setdefault(_header_case(name), []).append(value)
        self._headers = grouped

    def get_all(self, key: str) -> list[str]:
        return list(self._headers.get(_header_case(key), []))

    def __getitem__(self, key: str) -> str:
        try:
            return self._headers[_header_case(key)][0]
        except LookupError:
            raise KeyError(key) from None

    def __len__(self) -> int:
        return len(self._headers)

    def __iter__(self) -> Iterator[str]:
        return iter(self._headers)

    def to_dict(self) -> dict[str, str]:
        return {key: self[key] for key in self}


class StreamlitCookies(Mapping[str, str]):
    """The request's cookies by name."""

    def __init__(self, cookies: Mapping[str, str]) -> None:
        self._cookies = dict(cookies)

    def __getitem__(self, key: str) -> str:
        return self._cookies[key]

    def __len__(self) -> int:
        return len(self._cookies)

    def __iter__(self) -> Iterator[str]:
        return iter(self._cookies)

    def to_dict(self) -> dict[str, str]:
        return dict(self._cookies)


class StreamlitTheme(dict):
    """``{"type": "light" | "dark" | None}``, also readable as ``theme.type``."""

    def __getattr__(self, key: str) -> Any:
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None


def _request() -> RequestInfo | None:
    from jupyst.runtime.run_context import get_run_context

    ctx = get_run_context()
    if ctx is None:
        return None
    return getattr(ctx.session, "request", None)


class ContextProxy:
    """``st.context``: read by attribute or key; ``in`` tells the valid names; not iterable."""

    __iter__ = None  # a __getitem__ alone would make iter() probe integer keys

    @property
    def headers(self) -> StreamlitHeaders:
        """The headers of the request that opened the page."""
        request = _request()
        return StreamlitHeaders(request.headers if request else ())

    @property
    def cookies(self) -> StreamlitCookies:
        """The cookies of the request that opened the page."""
        request = _request()
        return StreamlitCookies(request.cookies if request else {})

    @property
    def theme(self) -> StreamlitTheme:
        """The page's theme type: ``theme.type`` is "light", "dark" or None."""
        request = _request()
        return StreamlitTheme({"type": request.color_scheme if request else None})

    @property
    def timezone(self) -> str | None:
        """The browser's time zone name, such as "Europe/Berlin"."""
        request = _request()
        return request.timezone if request else None

    @property
    def timezone_offset(self) -> int | None:
        """Minutes the browser's time is behind UTC (-60 for UTC+1)."""
        request = _request()
        return request.timezone_offset if request else None

    @property
    def locale(self) -> str | None:
        """The browser's preferred language, such as "en-US"."""
        request = _request()
        return request.locale if request else None

    @property
    def url(self) -> str | None:
        """The page's URL without its query string."""
        request = _request()
        return request.url if request else None

    @property
    def ip_address(self) -> str | None:
        """The visitor's address; None on this machine (and spoofable: not for security)."""
        request = _request()
        if request is None or request.remote_ip in _LOCAL_ADDRESSES:
            return None
        return request.remote_ip

    @property
    def is_embedded(self) -> bool | None:
        """Whether the page was opened with ``embed=true``."""
        request = _request()
        return request.is_embedded if request else None

    def __getitem__(self, key: str) -> Any:
        if key not in CONTEXT_KEYS:
            raise KeyError(f'st.context has no key "{key}". Valid keys are: {", ".join(sorted(CONTEXT_KEYS))}.')
        return getattr(self, key)

    def __contains__(self, key: object) -> bool:
        return key in CONTEXT_KEYS
