"""The server side of ``st.login`` / ``st.logout``: the OpenID Connect flow, apart from any web server.

Three steps, one per route of the app's server (``jupyst.voila.auth_routes`` serves them in
both serving modes), each a function from what the browser sent to an :class:`AuthReply`
(where to send the browser, which cookies to set or remove, or a short page):

- :func:`begin_login` (``/auth/login?provider=<signed token>``): reads the provider's
  discovery document, builds the authorization URL (state, nonce, PKCE S256 when the
  provider offers it) and keeps what the callback needs in a short-lived signed cookie,
  which also ties the callback to the browser that started the login;
- :func:`finish_login` (``/oauth2callback``): checks the state against that cookie,
  exchanges the code for tokens, verifies the ID token (signature from the provider's
  JWKS, issuer, audience, expiry, nonce) and sets the identity cookie that ``st.user`` reads;
- :func:`logout` (``/auth/logout``): removes the identity cookies and sends the browser to
  the provider's ``end_session_endpoint`` when it has one, else back to the app.

The OAuth and OIDC work (discovery, authorization URL, token request, JWKS, ID token
validation) is Authlib's client, as in Streamlit; its HTTP calls block, so a server calls
these functions off its event loop. Every failure (bad settings, a provider that cannot be
reached, a forged or stale callback) becomes a redirect or a short page and a log line,
never an exception for the server.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jupyst.errors import StreamlitAuthError
from jupyst.runtime.auth import (
    TOKENS_COOKIE,
    USER_COOKIE,
    USER_COOKIE_DAYS,
    auth_section,
    cookie_names,
    is_authlib_installed,
    origin_of,
    provider_from_token,
    provider_settings,
    read_signed_cookies,
    redirect_uri_of,
    sign,
    signed_cookies,
    unsign,
)

log = logging.getLogger("jupyst.server")

#: the cookie that carries a login in progress from ``/auth/login`` to ``/oauth2callback``
STATE_COOKIE = "_jupyst_oauth_state"
STATE_SECONDS = 600
#: seconds any request to the provider may take
PROVIDER_TIMEOUT = 10
DEFAULT_SCOPE = "openid email profile"
_NO_CREDENTIALS = (
    "To use authentication features you need to configure credentials for at least one "
    "authentication provider in `.streamlit/secrets.toml`."
)


@dataclass
class AuthReply:
    """What the server answers: a redirect (``location``; None: the app's root) or a page."""

    location: str | None = None
    #: cookies to set: name -> (signed value, lifetime in seconds)
    set_cookies: dict[str, tuple[str, int]] = field(default_factory=dict)
    clear_cookies: list[str] = field(default_factory=list)
    #: a short page instead of a redirect (status, plain text)
    status: int = 302
    message: str = ""


def _error_page(status: int, message: str) -> AuthReply:
    return AuthReply(status=status, message=message)


@functools.cache
def _client_classes() -> tuple[type, type]:
    """Authlib's framework-free OpenID Connect client, and a token store that keeps nothing."""
    from authlib.integrations.base_client import BaseApp, FrameworkIntegration
    from authlib.integrations.base_client.sync_app import OAuth2Mixin
    from authlib.integrations.base_client.sync_openid import OpenIDMixin
    from authlib.integrations.requests_client import OAuth2Session

    class OidcClient(OAuth2Mixin, OpenIDMixin, BaseApp):
        client_cls = OAuth2Session

        def load_server_metadata(self) -> dict[str, Any]:
            metadata: dict[str, Any] = super().load_server_metadata()
            # PKCE with S256 whenever the provider supports it, as Streamlit does.
            if "S256" in (metadata.get("code_challenge_methods_supported") or []):
                self.client_kwargs["code_challenge_method"] = "S256"
            return metadata

    class NoTokenStore(FrameworkIntegration):
        def update_token(self, token: Any, refresh_token: Any = None, access_token: Any = None) -> None:
            return None  # tokens are never refreshed: the login ends with the ID token

    return OidcClient, NoTokenStore


def _client(settings: Mapping[str, Any], provider: str) -> Any:
    """An Authlib OpenID Connect client for one provider's settings (one per request)."""
    client_cls, store_cls = _client_classes()
    kwargs = dict(settings.get("client_kwargs") or {})
    kwargs.setdefault("scope", DEFAULT_SCOPE)
    kwargs.setdefault("prompt", "select_account")
    kwargs.setdefault("default_timeout", PROVIDER_TIMEOUT)
    return client_cls(
        store_cls(provider), name=provider, client_id=settings["client_id"], client_secret=settings["client_secret"],
        server_metadata_url=settings["server_metadata_url"], client_kwargs=kwargs,
    )


def _clearing_state(reply: AuthReply, cookies: Mapping[str, str]) -> AuthReply:
    if STATE_COOKIE in cookies:
        reply.clear_cookies.append(STATE_COOKIE)
    return reply


def _clearing_identity(reply: AuthReply, cookies: Mapping[str, str]) -> AuthReply:
    for name in (USER_COOKIE, TOKENS_COOKIE):
        reply.clear_cookies += cookie_names(name, cookies)
    return reply


def begin_login(secrets: Any, token: str | None, cookies: Mapping[str, str], port: int | None) -> AuthReply:
    """``/auth/login``: the provider's authorization URL for the provider ``token`` names."""
    auth = auth_section(secrets)
    secret = auth.get("cookie_secret") if auth is not None else None
    if auth is None or not isinstance(secret, str) or not secret:
        return _error_page(400, _NO_CREDENTIALS)
    provider = provider_from_token(secret, token)
    if provider is None:
        # A stale or forged login link: back to the app, as Streamlit does.
        log.warning("jupyst: login refused: the provider token is missing, altered or expired")
        return AuthReply()
    if not is_authlib_installed():
        return _error_page(500, "Authentication requires Authlib>=1.3.2. Install it via `pip install streamlit[auth]`.")
    try:
        settings = provider_settings(auth, provider)
    except StreamlitAuthError as exc:
        return _error_page(400, str(exc))
    redirect_uri = redirect_uri_of(auth, port)
    try:
        found = _client(settings, provider).create_authorization_url(redirect_uri)
    except Exception as exc:  # the provider is unreachable, or its discovery document is not one
        log.warning("jupyst: login with %r failed: %s", provider, _describe(exc))
        return _error_page(502, f"Authentication error: the provider \"{provider}\" could not be reached ({_describe(exc)}).")
    state = {
        "provider": provider, "state": found["state"], "nonce": found.get("nonce"),
        "code_verifier": found.get("code_verifier"), "redirect_uri": redirect_uri,
        "exp": int(time.time()) + STATE_SECONDS,
    }
    reply = AuthReply(location=found["url"])
    reply.set_cookies[STATE_COOKIE] = (sign(secret, STATE_COOKIE, state), STATE_SECONDS)
    return reply


def finish_login(secrets: Any, query: Mapping[str, str], cookies: Mapping[str, str]) -> AuthReply:
    """``/oauth2callback``: the identity cookie for a valid callback; back to the app in any case."""
    auth = auth_section(secrets)
    secret = auth.get("cookie_secret") if auth is not None else None
    if auth is None or not isinstance(secret, str) or not secret:
        log.error("jupyst: login callback without [auth] settings in secrets.toml")
        return AuthReply()
    if query.get("error"):
        log.error(
            "jupyst: error during authentication: %s. Error description: %s",
            _one_line(query["error"]), _one_line(query.get("error_description", "")),
        )
        return _clearing_state(AuthReply(), cookies)
    pending = unsign(secret, STATE_COOKIE, cookies.get(STATE_COOKIE), max_age_days=1)
    if (
        not isinstance(pending, dict) or pending.get("exp", 0) < time.time()
        or not query.get("state") or pending.get("state") != query.get("state")
    ):
        # No login of this browser is waiting for this state: stale, replayed or forged.
        log.warning("jupyst: login callback refused: its state matches no login this browser started")
        return _clearing_state(AuthReply(), cookies)
    provider = str(pending.get("provider"))
    reply = _clearing_state(AuthReply(), cookies)
    try:
        client = _client(provider_settings(auth, provider), provider)
        params: dict[str, Any] = {"code": query.get("code"), "redirect_uri": pending.get("redirect_uri")}
        if pending.get("code_verifier"):
            params["code_verifier"] = pending["code_verifier"]
        token = client.fetch_access_token(**params)
        claims = client.parse_id_token(token, nonce=pending.get("nonce")) if "id_token" in token else None
    except Exception as exc:  # a refused code, a bad signature, an unreachable provider
        log.warning("jupyst: token exchange with %r failed: %s", provider, _describe(exc))
        return _clearing_identity(reply, cookies)
    if not claims:
        log.error("jupyst: provider %r returned no ID token", provider)
        return reply
    origin = origin_of(str(pending.get("redirect_uri")))
    user = {**dict(claims), "origin": origin, "is_logged_in": True, "provider": provider}
    tokens = {k: token[k] for k in ("id_token", "access_token") if k in token}
    lifetime = USER_COOKIE_DAYS * 24 * 3600
    try:
        for name, payload in ((USER_COOKIE, user), (TOKENS_COOKIE, tokens)):
            for cookie, value in signed_cookies(secret, name, payload).items():
                reply.set_cookies[cookie] = (value, lifetime)
    except StreamlitAuthError as exc:
        log.error("jupyst: %s", exc)
        return reply
    # Parts of an earlier, bigger cookie that this login does not overwrite.
    stale = [c for n in (USER_COOKIE, TOKENS_COOKIE) for c in cookie_names(n, cookies) if c not in reply.set_cookies]
    reply.clear_cookies += stale
    return reply


def logout(secrets: Any, cookies: Mapping[str, str], port: int | None) -> AuthReply:
    """``/auth/logout``: forget the identity; the provider's logout page when it has one."""
    reply = _clearing_identity(AuthReply(), cookies)
    auth = auth_section(secrets)
    secret = auth.get("cookie_secret") if auth is not None else None
    if auth is None or not isinstance(secret, str) or not secret:
        return reply
    user = read_signed_cookies(secret, USER_COOKIE, cookies, max_age_days=USER_COOKIE_DAYS)
    provider = user.get("provider") if isinstance(user, dict) else None
    redirect_uri = redirect_uri_of(auth, port)
    if not isinstance(provider, str) or not redirect_uri.endswith("/oauth2callback"):
        return reply
    try:
        client = _client(provider_settings(auth, provider), provider)
        end_session = client.load_server_metadata().get("end_session_endpoint")
    except Exception as exc:
        log.warning("jupyst: provider logout URL of %r unavailable: %s", provider, _describe(exc))
        return reply
    if not end_session:
        return reply
    from authlib.common.urls import add_params_to_uri

    params = {"client_id": client.client_id, "post_logout_redirect_uri": redirect_uri}
    tokens = read_signed_cookies(secret, TOKENS_COOKIE, cookies, max_age_days=USER_COOKIE_DAYS)
    if isinstance(tokens, dict) and isinstance(tokens.get("id_token"), str):
        params["id_token_hint"] = tokens["id_token"]
    reply.location = add_params_to_uri(end_session, params)
    return reply


def _one_line(text: str) -> str:
    return text.replace("\r", "").replace("\n", "")


def _describe(exc: BaseException) -> str:
    text = _one_line(str(exc)) or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."
