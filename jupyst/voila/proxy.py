"""Serving behind a reverse proxy: a path prefix, forwarded headers, websocket keep-alive.

- **Base URL** (``--base-url /team/app``, Streamlit's ``server.baseUrlPath``): every route of the
  server (page, static files, widget files, websocket, health) lives below the prefix, for a
  proxy that forwards ``/team/app/...`` unchanged. :func:`normal_base_url` checks and
  normalises what the user wrote.
- **Forwarded headers** (``--trust-proxy ADDRESSES``): a request that comes from one of those
  addresses has its ``X-Forwarded-For`` / ``X-Real-Ip`` (the visitor's address),
  ``X-Forwarded-Proto`` (``http``/``https``) and ``X-Forwarded-Host`` believed, so
  ``st.context.ip_address``, ``st.context.url`` and the websocket's origin check see what the
  visitor's browser saw. From any other peer they are ordinary headers and change nothing:
  anyone can send them. Off unless asked, by the flag or by ``FORWARDED_ALLOW_IPS`` (the
  variable Streamlit 1.67's server, uvicorn, reads for the same list). Unlike Streamlit, whose
  uvicorn believes loopback peers when the variable is unset, nothing is believed by default.
- **Keep-alive** (``server.websocketPingInterval``, Streamlit's option, in seconds): the server
  pings every open websocket at that interval, so that a proxy's idle timeout never cuts a
  quiet visitor's socket. jupyter_server's websocket mixin sends the pings in both serving
  modes; it reads its interval and timeout from these tornado settings, in milliseconds.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass
from typing import Any

import tornado.web
from tornado import httputil
from tornado.httpserver import HTTPServer

#: seconds between keep-alive pings when nothing says otherwise (Streamlit's default too)
DEFAULT_PING_INTERVAL = 30
#: tornado settings that jupyter_server's ``WebSocketMixin`` reads, in milliseconds
PING_INTERVAL_SETTING = "ws_ping_interval"
PING_TIMEOUT_SETTING = "ws_ping_timeout"
#: tornado setting holding the addresses whose forwarded headers are believed
TRUSTED_PROXIES_SETTING = "jupyst_trusted_proxies"

#: one path segment of a base URL: RFC 3986's unreserved characters (Voilà puts the prefix into
#: its route patterns as it is, so nothing that means more in a regular expression than a dot)
_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")
#: a Host value: a name or IPv4 address, or a bracketed IPv6 address, with an optional port
_HOST = re.compile(r"(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")


class ProxyOptionError(ValueError):
    """A base URL, proxy address or ping interval that cannot be used; the message is one line."""


def normal_base_url(text: str | None) -> str:
    """``"team/app"``, ``"/team/app/"`` → ``"/team/app/"``; empty or ``"/"`` → ``"/"``."""
    if text is None:
        return "/"
    if not isinstance(text, str):
        raise ProxyOptionError(f"the base URL must be a path like /apps/demo, not {text!r}")
    stripped = text.strip()
    if "://" in stripped or "?" in stripped or "#" in stripped or "\\" in stripped:
        raise ProxyOptionError(f"the base URL must be a path like /apps/demo, not {text!r}")
    segments = [part for part in stripped.split("/") if part]
    for part in segments:
        if part in (".", "..") or not _SEGMENT.fullmatch(part):
            raise ProxyOptionError(
                f"the base URL {text!r} has a path segment jupyst cannot serve: {part!r} "
                "(letters, digits and . _ ~ - only)"
            )
    return "/" + "".join(f"{part}/" for part in segments)


def ping_interval_seconds(value: Any) -> float:
    """Streamlit's ``server.websocketPingInterval`` (seconds; None: the default) checked."""
    if value is None or value == "":
        return float(DEFAULT_PING_INTERVAL)
    try:
        seconds = float(value) if not isinstance(value, bool) else float("nan")
    except (TypeError, ValueError):
        seconds = float("nan")
    if not seconds > 0 or seconds != seconds or seconds == float("inf"):
        raise ProxyOptionError(f"server.websocketPingInterval must be a positive number of seconds, not {value!r}")
    return seconds


def ping_settings(seconds: float) -> dict[str, int]:
    """The tornado settings for a ping every ``seconds``; a socket that has answered none of
    three pings in a row is closed (jupyter_server's own rule)."""
    millis = max(1, round(seconds * 1000))
    return {PING_INTERVAL_SETTING: millis, PING_TIMEOUT_SETTING: 3 * millis}


@dataclass(frozen=True)
class TrustedProxies:
    """The peers whose forwarded headers are believed: networks, or every peer (``*``)."""

    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    everyone: bool = False

    @classmethod
    def parse(cls, text: str | Iterable[str] | None) -> TrustedProxies:
        """``"127.0.0.1,10.0.0.0/8"`` or ``"*"``; empty: nobody."""
        if text is None:
            return cls()
        words = text.split(",") if isinstance(text, str) else list(text)
        networks = []
        everyone = False
        for word in (w.strip() for w in words):
            if not word:
                continue
            if word == "*":
                everyone = True
                continue
            try:
                networks.append(ipaddress.ip_network(word, strict=False))
            except ValueError:
                raise ProxyOptionError(
                    f"--trust-proxy takes addresses or networks (127.0.0.1, 10.0.0.0/8) or *, not {word!r}"
                ) from None
        return cls(tuple(networks), everyone)

    def __bool__(self) -> bool:
        return self.everyone or bool(self.networks)

    def as_setting(self) -> list[str]:
        return ["*"] if self.everyone else [str(net) for net in self.networks]

    def trusts(self, address: str | None) -> bool:
        """Whether the peer ``address`` is a proxy whose forwarded headers are believed."""
        return self.everyone or self.listed(address)

    def listed(self, address: str | None) -> bool:
        """Whether ``address`` is one of the named networks (``*`` names none of them: it
        believes any peer, but an X-Forwarded-For entry is a proxy only when listed)."""
        ip = _ip(address)
        return ip is not None and any(ip.version == net.version and ip in net for net in self.networks)


def _ip(text: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if not text:
        return None
    try:
        ip = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    # An IPv4 peer on a dual-stack socket shows as ::ffff:a.b.c.d.
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def forwarded_view(headers: httputil.HTTPHeaders, peer: str | None, trusted: TrustedProxies) -> dict[str, str]:
    """What a trusted proxy says of the request: ``remote_ip``, ``protocol``, ``host`` (each only
    when its header is present and well formed). Nothing when ``peer`` is not trusted."""
    if not trusted.trusts(peer):
        return {}
    view: dict[str, str] = {}
    chain = [part.strip() for part in ",".join(headers.get_list("X-Forwarded-For")).split(",") if part.strip()]
    # The visitor is the nearest address not itself a trusted proxy (each proxy appends its peer).
    for candidate in reversed(chain):
        if _ip(candidate) is None:
            break
        view["remote_ip"] = candidate
        if not trusted.listed(candidate):
            break
    if not chain and _ip(headers.get("X-Real-Ip")) is not None:
        view["remote_ip"] = str(headers.get("X-Real-Ip")).strip()
    proto = (headers.get("X-Forwarded-Proto") or "").split(",")[-1].strip().lower()
    if proto in ("http", "https"):
        view["protocol"] = proto
    host = (headers.get("X-Forwarded-Host") or "").split(",")[-1].strip()
    if host and _HOST.fullmatch(host):
        view["host"] = host
    return view


class _ForwardedRequest(httputil.HTTPMessageDelegate):
    """One request: the forwarded view applied to its connection while it is handled."""

    def __init__(self, delegate: httputil.HTTPMessageDelegate, request_conn: Any, trusted: TrustedProxies) -> None:
        self.delegate = delegate
        self.context = getattr(request_conn, "context", None)
        self.trusted = trusted
        self.saved: dict[str, Any] = {}

    def headers_received(
        self, start_line: httputil.RequestStartLine | httputil.ResponseStartLine, headers: httputil.HTTPHeaders
    ) -> Awaitable[None] | None:
        context = self.context
        if context is not None:
            view = forwarded_view(headers, getattr(context, "remote_ip", None), self.trusted)
            for name in ("remote_ip", "protocol"):
                if name in view:
                    self.saved[name] = getattr(context, name, None)
                    setattr(context, name, view[name])
            if "host" in view:
                # The Host header itself: full_url(), redirects and the websocket origin check read it.
                headers["Host"] = view["host"]
        return self.delegate.headers_received(start_line, headers)

    def data_received(self, chunk: bytes) -> Awaitable[None] | None:
        return self.delegate.data_received(chunk)

    def finish(self) -> None:
        self.delegate.finish()
        self._restore()

    def on_connection_close(self) -> None:
        self.delegate.on_connection_close()
        self._restore()

    def _restore(self) -> None:
        # The next request on a kept-alive connection starts from the peer's own view again.
        for name, value in self.saved.items():
            setattr(self.context, name, value)
        self.saved.clear()


class ForwardedHeaders(httputil.HTTPServerConnectionDelegate):
    """A tornado application wrapped so that trusted proxies' forwarded headers apply."""

    def __init__(self, app: Any, trusted: TrustedProxies) -> None:
        self.app = app
        self.trusted = trusted

    def start_request(self, server_conn: object, request_conn: httputil.HTTPConnection) -> httputil.HTTPMessageDelegate:
        return _ForwardedRequest(self.app.start_request(server_conn, request_conn), request_conn, self.trusted)

    def on_close(self, server_conn: object) -> None:
        self.app.on_close(server_conn)


class _SlashRedirect(tornado.web.RequestHandler):
    """``/prefix`` → ``/prefix/`` (query string kept): where a visitor typing the bare prefix lands."""

    def get(self) -> None:
        query = f"?{self.request.query}" if self.request.query else ""
        self.redirect(self.request.path + "/" + query, permanent=False)

    head = get


def base_url_handlers(base_url: str) -> list[tuple[Any, ...]]:
    """Routes of the base URL itself, to go before the app's catch-all page route."""
    if base_url == "/":
        return []
    return [(re.escape(base_url.rstrip("/")), _SlashRedirect)]


def listen_behind_proxy(app: Any) -> None:
    """Make ``app.listen`` (what Voilà calls) serve through :class:`ForwardedHeaders` when the
    app's settings name trusted proxies; otherwise leave it as it is."""
    trusted = TrustedProxies.parse(app.settings.get(TRUSTED_PROXIES_SETTING) or ())
    if not trusted:
        return

    def listen(port: int, address: str | None = None, **kwargs: Any) -> HTTPServer:
        bind = {k: kwargs.pop(k) for k in ("family", "backlog", "flags", "reuse_port") if k in kwargs}
        server = HTTPServer(ForwardedHeaders(app, trusted), **kwargs)
        server.listen(port, address=address or "", **bind)
        return server

    app.listen = listen
