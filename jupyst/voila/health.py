"""Health endpoints and the "busy" page, the same in both serving modes.

- ``/healthz``: the process answers (200 ``ok``);
- ``/readyz``: it would take a new visitor now (200 ``ok``), or 503 ``busy`` with
  ``Retry-After`` when every session slot is taken;
- ``/_stcore/health``: Streamlit's health route (200 ``ok``), for tools that expect it.

None of them needs a token or starts anything. A visitor refused for capacity gets a small
page saying the app is busy, with HTTP 503 and ``Retry-After``; it reloads itself then.
"""

from __future__ import annotations

import html
from typing import Any, Callable

import tornado.web

#: seconds a refused visitor (or a load balancer) is asked to wait before trying again
RETRY_AFTER = 10

BUSY_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="{retry}">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} is busy</title>
<style>body{{font-family:"Source Sans Pro",-apple-system,"Segoe UI",Roboto,sans-serif;color:#31333f;
display:flex;align-items:center;justify-content:center;min-height:90vh;margin:0}}
main{{max-width:32rem;padding:2rem;text-align:center}}h1{{font-size:1.5rem}}</style></head>
<body><main id="jupyst-busy"><h1>This app is busy, try again shortly.</h1>
<p>Every place for a visitor is taken. This page tries again in {retry} seconds.</p></main></body></html>
"""


def write_busy_page(handler: tornado.web.RequestHandler, title: str = "This app") -> None:
    handler.set_status(503)
    handler.set_header("Retry-After", str(RETRY_AFTER))
    handler.set_header("Content-Type", "text/html; charset=utf-8")
    handler.set_header("Cache-Control", "no-store")
    handler.finish(BUSY_PAGE.format(retry=RETRY_AFTER, title=html.escape(title)))


class HealthHandler(tornado.web.RequestHandler):
    """``/healthz`` and ``/_stcore/health``: 200 as long as the event loop answers."""

    def get(self) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish("ok")

    def head(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.finish()


class ReadyHandler(tornado.web.RequestHandler):
    """``/readyz``: whether a new visitor would get a session now."""

    def initialize(self, has_room: Callable[[], bool]) -> None:
        self.has_room = has_room

    def get(self) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        if self.has_room():
            self.finish("ok")
            return
        self.set_status(503)
        self.set_header("Retry-After", str(RETRY_AFTER))
        self.finish("busy")


def health_handlers(base_url: str, has_room: Callable[[], bool]) -> list[tuple[Any, ...]]:
    """The routes, to go before the app's catch-all page route.

    Under a base URL they answer there and at the root too, so probes that talk to the
    server directly (a container's HEALTHCHECK, Kubernetes) need no prefix.
    """
    routes: list[tuple[Any, ...]] = []
    for base in dict.fromkeys([base_url.rstrip("/"), ""]):
        routes += [
            (f"{base}/healthz", HealthHandler),
            (f"{base}/_stcore/health", HealthHandler),
            (f"{base}/readyz", ReadyHandler, {"has_room": has_room}),
        ]
    return routes
