"""``st.user``, ``st.login`` and ``st.logout``.

``st.user`` shows the session's ``request.user`` dict read-only. Where the session has no
visitor request (JupyterLab, plain Python) it is empty; with an ``[auth]`` section in the
secrets, ``is_logged_in`` reads False until someone logs in, as in Streamlit.

``st.login(provider)`` checks Authlib and the ``[auth]`` settings (Streamlit's errors), then
sends the browser to the server's ``/auth/login`` route with a signed provider token; the
server runs the OpenID Connect flow (``jupyst.runtime.oidc_flow``, served by ``jupyst.voila.auth_routes``) and brings the browser back with
an identity cookie that the new session reads. ``st.logout()`` forgets the user in this
session and sends the browser to ``/auth/logout``, which removes the cookie.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from typing import Any, NoReturn
from urllib.parse import quote

from jupyst.errors import StreamlitAPIException
from jupyst.runtime.auth import (
    AUTH_LOGIN_ENDPOINT,
    AUTH_LOGOUT_ENDPOINT,
    auth_section,
    check_login_possible,
    provider_token,
)

log = logging.getLogger("jupyst")


def _session() -> Any:
    from jupyst.runtime.run_context import get_run_context

    ctx = get_run_context()
    return None if ctx is None else ctx.session


def _secrets() -> Any:
    from jupyst.runtime.secrets import secrets

    return secrets


def _user() -> dict[str, Any]:
    session = _session()
    if session is None:
        log.warning("No script run context available. st.user will return an empty dictionary.")
        return {}
    request = getattr(session, "request", None)
    user = dict(request.user) if request is not None else {}
    if "is_logged_in" not in user and auth_section(_secrets()) is not None:
        user["is_logged_in"] = False
    return user


class TokensProxy(Mapping[str, str]):
    """``st.user.tokens``: the provider's tokens that ``expose_tokens`` lets the app read."""

    _tokens: dict[str, str]

    def __init__(self, tokens: Mapping[str, str]) -> None:
        object.__setattr__(self, "_tokens", dict(tokens))

    def __getitem__(self, key: str) -> str:
        return self._tokens[key]

    def __getattr__(self, key: str) -> str:
        try:
            return self.__dict__["_tokens"][key]
        except KeyError:
            raise AttributeError(f'Token "{key}" is not exposed or does not exist.') from None

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise StreamlitAPIException("st.user.tokens cannot be modified")

    def __setitem__(self, name: str, value: Any) -> NoReturn:
        raise StreamlitAPIException("st.user.tokens cannot be modified")

    def __iter__(self) -> Iterator[str]:
        return iter(self._tokens)

    def __len__(self) -> int:
        return len(self._tokens)

    def to_dict(self) -> dict[str, str]:
        return dict(self._tokens)


class UserInfoProxy(Mapping[str, Any]):
    """``st.user``: who is logged in (``is_logged_in``, identity claims), read-only."""

    def __getitem__(self, key: str) -> Any:
        if key == "tokens":
            return self.tokens
        try:
            return _user()[key]
        except KeyError:
            raise KeyError(f'st.user has no key "{key}".') from None

    def __getattr__(self, key: str) -> Any:
        if key.startswith("__"):
            raise AttributeError(key)
        try:
            return _user()[key]
        except KeyError:
            raise AttributeError(f'st.user has no attribute "{key}".') from None

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise StreamlitAPIException("st.user cannot be modified")

    def __setitem__(self, name: str, value: Any) -> NoReturn:
        raise StreamlitAPIException("st.user cannot be modified")

    def __iter__(self) -> Iterator[str]:
        return iter(_user())

    def __len__(self) -> int:
        return len(_user())

    def to_dict(self) -> dict[str, Any]:
        return _user()

    @property
    def tokens(self) -> TokensProxy:
        """The exposed tokens (``id``, ``access``) of the logged-in user."""
        return TokensProxy(_user().get("tokens", {}))


def login(provider: str | None = None) -> None:
    """Send the visitor to log in with an OpenID Connect provider from ``[auth]`` in the secrets."""
    provider = "default" if provider is None else provider
    session = _session()
    if session is None:
        return
    settings = check_login_possible(_secrets(), provider)
    token = provider_token(settings["cookie_secret"], provider)
    _go(session, f"{AUTH_LOGIN_ENDPOINT}?provider={quote(token, safe='')}")


def logout() -> None:
    """Forget the logged-in user in this session and remove the identity cookie."""
    session = _session()
    if session is None:
        return
    request = getattr(session, "request", None)
    if request is not None:
        logged_flag = "is_logged_in" in request.user
        request.user.clear()
        if logged_flag:
            request.user["is_logged_in"] = False
    _go(session, AUTH_LOGOUT_ENDPOINT)


def _go(session: Any, path: str) -> None:
    request = getattr(session, "request", None)
    navigate = getattr(request, "navigate", None)
    if navigate is not None:
        navigate(path)


user = UserInfoProxy()
