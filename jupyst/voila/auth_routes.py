"""The login routes of a published app, the same in both serving modes.

- ``/auth/login?provider=<signed token>``: where ``st.login()`` sends the browser; on to the
  provider's consent page;
- ``/oauth2callback``: where the provider sends the browser back (the ``redirect_uri`` of
  ``[auth]``); sets the identity cookie and returns to the app;
- ``/auth/logout``: where ``st.logout()`` sends the browser; removes the identity cookie.

The flow itself is :mod:`jupyst.runtime.oidc_flow`; these handlers read the app's secrets
(again at each request, so an edited ``secrets.toml`` counts without a restart), run a step
off the event loop (it talks to the provider) and write its answer. The page that follows
reads the cookie: a shared-mode session from the page request, an isolated kernel from the
``Cookie`` header Voilà passes into its environment. Nothing here raises into tornado: a
failure is a redirect to the app or a short page, and the server carries on.
"""

from __future__ import annotations

import html
import logging
from typing import Any

import tornado.web
from tornado.ioloop import IOLoop

from jupyst.runtime.auth import AUTH_LOGIN_ENDPOINT, AUTH_LOGOUT_ENDPOINT, CALLBACK_PATH
from jupyst.runtime.oidc_flow import AuthReply, begin_login, finish_login, logout

log = logging.getLogger("jupyst.server")

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Login failed</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:"Source Sans Pro",-apple-system,"Segoe UI",Roboto,sans-serif;color:#31333f;
display:flex;align-items:center;justify-content:center;min-height:90vh;margin:0}}
main{{max-width:40rem;padding:2rem}}h1{{font-size:1.5rem}}</style></head>
<body><main id="jupyst-auth-error"><h1>Login failed</h1><p>{message}</p>
<p><a href="{home}">Back to the app</a></p></main></body></html>
"""


def load_app_secrets(app_folder: str) -> dict[str, Any]:
    """The app's secrets as ``st.secrets`` would read them; empty without a (valid) file."""
    from jupyst.runtime.secrets import load_secrets, secrets_paths

    try:
        return load_secrets(secrets_paths(app_folder))
    except FileNotFoundError:
        return {}


class AuthRoute(tornado.web.RequestHandler):
    """One step of the login flow; ``step`` picks it."""

    def initialize(self, step: str, app_folder: str, base_url: str, port: int | None) -> None:
        self.step = step
        self.app_folder = app_folder
        self.base = base_url if base_url.endswith("/") else base_url + "/"
        self.port = port

    def _cookies(self) -> dict[str, str]:
        return {name: morsel.value for name, morsel in self.request.cookies.items()}

    def _query(self) -> dict[str, str]:
        return {name: self.get_query_argument(name) for name in self.request.query_arguments}

    def _run(self) -> AuthReply:
        secrets = load_app_secrets(self.app_folder)
        cookies = self._cookies()
        if self.step == "login":
            return begin_login(secrets, self.get_query_argument("provider", None), cookies, self.port)
        if self.step == "callback":
            return finish_login(secrets, self._query(), cookies)
        return logout(secrets, cookies, self.port)

    async def get(self) -> None:
        try:
            reply = await IOLoop.current().run_in_executor(None, self._run)
        except Exception:  # a bug of ours: the visitor gets a page, the log the traceback
            log.exception("jupyst: the %s route failed", self.step)
            reply = AuthReply(status=500, message="Authentication error: the server could not complete this step.")
        self._answer(reply)

    def _answer(self, reply: AuthReply) -> None:
        self.set_header("Cache-Control", "no-store")
        for name in reply.clear_cookies:
            self.clear_cookie(name, path=self.base)
        for name, (value, seconds) in reply.set_cookies.items():
            # Lax: the cookie comes along when the provider sends the browser back here.
            self.set_cookie(name, value, path=self.base, httponly=True, samesite="Lax", expires_days=seconds / 86400)
        if reply.status == 302:
            self.redirect(reply.location or self.base)
            return
        self.set_status(reply.status)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(PAGE.format(message=html.escape(reply.message), home=html.escape(self.base)))


def auth_handlers(base_url: str, app_folder: str, port: int | None) -> list[tuple[Any, ...]]:
    """The three routes, to go before the app's catch-all page route."""
    base = base_url.rstrip("/")
    shared: dict[str, Any] = {"app_folder": app_folder, "base_url": base + "/", "port": port}
    steps: list[tuple[str, str]] = [(AUTH_LOGIN_ENDPOINT, "login"), (CALLBACK_PATH, "callback"), (AUTH_LOGOUT_ENDPOINT, "logout")]
    return [(f"{base}/{path}", AuthRoute, {"step": step, **shared}) for path, step in steps]
