"""What a session knows of its visitor: the request that opened the page, and who is logged in.

One :class:`RequestInfo` hangs off each session (``session.request``; None where there is no
visitor request, as in JupyterLab). ``st.context`` reads the request side (headers, cookies,
URL, address, browser settings) and ``st.user`` the ``user`` dict.

Where it comes from depends on how the app is served. Under Voilà (a kernel per visitor) the
server puts the request into the kernel's environment: the page URL (``VOILA_REQUEST_URL``),
the headers the jupyst server asks Voilà to pass (``HTTP_*``, see
``jupyst.voila.config.REQUEST_HEADERS``) and the visitor's address, which the jupyst page
handler adds as the header ``X-Jupyst-Remote-Ip``. A server that serves many sessions in one
process builds the object from its own request instead. AppTest builds it from
``at.context`` and ``at.user``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

#: the header the jupyst page handler sets to the visitor's address (a visitor's own is replaced)
REMOTE_IP_HEADER = "X-Jupyst-Remote-Ip"


@dataclass
class RequestInfo:
    headers: list[tuple[str, str]] = field(default_factory=list)
    cookies: dict[str, str] = field(default_factory=dict)
    remote_ip: str | None = None
    #: the page's URL without query string or fragment
    url: str | None = None
    # What a browser reports about itself (None when nothing reported it).
    timezone: str | None = None
    timezone_offset: int | None = None
    locale: str | None = None
    color_scheme: str | None = None
    is_embedded: bool | None = None
    #: ``st.user``: identity claims, ``is_logged_in``, ``tokens`` (empty: nobody)
    user: dict[str, Any] = field(default_factory=dict)
    #: sends the browser to a URL of the app's own server (login, logout); None: nowhere to go
    navigate: Callable[[str], None] | None = None

    def header(self, name: str) -> str | None:
        """The last value of a header, by case-insensitive name."""
        wanted = name.lower()
        found = [v for k, v in self.headers if k.lower() == wanted]
        return found[-1] if found else None

    @classmethod
    def from_http(
        cls, headers: list[tuple[str, str]], remote_ip: str | None, request_url: str | None, query_string: str
    ) -> RequestInfo:
        """The request as an HTTP server saw it: headers, the peer's address, URL and query."""
        info = cls(headers=list(headers), remote_ip=remote_ip or None)
        info.cookies = parse_cookies(info.header("Cookie") or "")
        if request_url:
            parts = urlsplit(request_url)
            info.url = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        query = parse_qs(query_string, keep_blank_values=True)
        info.is_embedded = any(v.lower() == "true" for v in query.get("embed", []))
        info.locale = first_language(info.header("Accept-Language"))
        # jupyst's template is light; a browser-reported scheme would replace this.
        info.color_scheme = "light"
        info.user = {"is_logged_in": False}
        return info

    @classmethod
    def from_environ(cls, env: Mapping[str, str]) -> RequestInfo:
        """The request a Voilà kernel was started (or woken) for, from its environment."""
        headers: list[tuple[str, str]] = []
        remote_ip = None
        for name, value in env.items():
            if not name.startswith("HTTP_"):
                continue
            header = "-".join(part.capitalize() for part in name[5:].split("_"))
            if header.lower() == REMOTE_IP_HEADER.lower():
                remote_ip = value or None
                continue
            headers.append((header, value))
        return cls.from_http(headers, remote_ip, env.get("VOILA_REQUEST_URL"), env.get("QUERY_STRING", ""))


def parse_cookies(text: str) -> dict[str, str]:
    """The cookies of a ``Cookie`` header; a malformed header gives what could be read."""
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(text)
    except CookieError:
        out = {}
        for part in text.split(";"):
            name, sep, value = part.strip().partition("=")
            if sep and name:
                out[name] = value
        return out
    return {name: morsel.value for name, morsel in jar.items()}


def first_language(accept_language: str | None) -> str | None:
    """The visitor's first language (``navigator.language`` is the first entry of this header)."""
    if not accept_language:
        return None
    first = accept_language.split(",")[0].split(";")[0].strip()
    return first or None if first != "*" else None


def visitor_request(navigate: Callable[[str], None] | None = None, info: RequestInfo | None = None) -> RequestInfo:
    """The visitor's request (``info``, or this Voilà kernel's), with the user its identity cookie names."""
    import os

    from jupyst.runtime.auth import visitor_user
    from jupyst.runtime.secrets import secrets

    info = info if info is not None else RequestInfo.from_environ(os.environ)
    info.user = visitor_user(secrets, info.cookies)
    info.navigate = navigate
    return info
