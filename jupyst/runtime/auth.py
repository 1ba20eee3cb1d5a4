"""Login configuration and the signed values that carry a login between server and session.

The ``[auth]`` section of ``secrets.toml`` is checked as Streamlit checks it, with its
messages. The server side of the OpenID Connect flow (``jupyst.voila.auth``) signs two
values with the section's ``cookie_secret`` (tornado's signed values, as Streamlit uses):
the provider a login button asked for (the ``provider`` query parameter of
``/auth/login``) and, after a successful login, the user's identity claims in the
``_streamlit_user`` cookie, which a session reads back here to fill ``st.user``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any

from jupyst.errors import StreamlitAuthError, StreamlitMissingAuthlibError

AUTH_LOGIN_ENDPOINT = "auth/login"
AUTH_LOGOUT_ENDPOINT = "auth/logout"
CALLBACK_PATH = "oauth2callback"
USER_COOKIE = "_streamlit_user"
#: Streamlit's identity cookie lives 30 days; a provider token ten minutes
USER_COOKIE_DAYS = 30
PROVIDER_TOKEN_SECONDS = 600
REQUIRED_PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")

_NO_CREDENTIALS = (
    "To use authentication features you need to configure credentials for at\n"
    "            least one authentication provider in `.streamlit/secrets.toml`."
)


def is_authlib_installed() -> bool:
    """Authlib 1.3.2 or newer, which the OpenID Connect flow is built on."""
    try:
        import authlib
    except ImportError:
        return False
    try:
        return tuple(int(p) for p in authlib.__version__.split(".")[:3]) >= (1, 3, 2)
    except ValueError:
        return True


def auth_section(secrets: Any) -> Mapping[str, Any] | None:
    """The ``[auth]`` section of ``secrets`` (a mapping), or None without a file or section."""
    try:
        section = secrets.get("auth") if hasattr(secrets, "get") else None
    except FileNotFoundError:
        return None
    return section if isinstance(section, Mapping) else None


def provider_settings(auth: Mapping[str, Any] | None, provider: str) -> dict[str, Any]:
    """Check the settings of ``provider`` (``"default"``: the ``[auth]`` keys themselves) and
    return them, merged with the shared keys; Streamlit's errors for what is missing."""
    if auth is None:
        raise StreamlitAuthError(_NO_CREDENTIALS)
    if "redirect_uri" not in auth:
        raise StreamlitAuthError(
            'Authentication credentials in `.streamlit/secrets.toml` are missing the\n'
            '            "redirect_uri" key. Please check your configuration.'
        )
    if "cookie_secret" not in auth:
        raise StreamlitAuthError(
            'Authentication credentials in `.streamlit/secrets.toml` are missing the\n'
            '            "cookie_secret" key. Please check your configuration.'
        )
    section = auth.get(provider)
    if "_" in provider:
        raise StreamlitAuthError(
            f'Auth provider name "{provider}" contains an underscore. Please use a provider name without underscores.'
        )
    if section is None and provider == "default":
        section = {k: auth[k] for k in (*REQUIRED_PROVIDER_KEYS, "client_kwargs", "expose_tokens") if auth.get(k)}
        section = section or None
    if section is None:
        if provider == "default":
            raise StreamlitAuthError(
                "Authentication credentials in `.streamlit/secrets.toml` are missing for\n"
                "                the default authentication provider. Please check your configuration."
            )
        raise StreamlitAuthError(
            "Authentication credentials in `.streamlit/secrets.toml` are missing for "
            f'the authentication provider "{provider}". Please check your configuration.'
        )
    if not isinstance(section, Mapping):
        raise StreamlitAuthError(
            "Authentication credentials in `.streamlit/secrets.toml` for the "
            f'authentication provider "{provider}" must be valid TOML. Please check your configuration.'
        )
    missing = [k for k in REQUIRED_PROVIDER_KEYS if k not in section]
    if missing:
        who = "default authentication provider" if provider == "default" else f'authentication provider "{provider}"'
        raise StreamlitAuthError(
            f"Authentication credentials in `.streamlit/secrets.toml` for the {who} are missing the "
            f"following keys: {missing}. Please check your configuration."
        )
    settings = {k: _plain(v) for k, v in section.items()}
    settings["redirect_uri"] = str(auth["redirect_uri"])
    settings["cookie_secret"] = str(auth["cookie_secret"])
    if "expose_tokens" not in settings and "expose_tokens" in auth:
        settings["expose_tokens"] = _plain(auth["expose_tokens"])
    return settings


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


# ----- signed values ---------------------------------------------------------------------------
def sign(secret: str, name: str, payload: Any) -> str:
    from tornado.web import create_signed_value

    return create_signed_value(secret, name, json.dumps(payload)).decode("ascii")


def unsign(secret: str, name: str, value: str | None, max_age_days: float) -> Any:
    """The payload of a value :func:`sign` made, or None if forged, altered or expired."""
    from tornado.web import decode_signed_value

    if not value:
        return None
    raw = decode_signed_value(secret, name, value, max_age_days=max_age_days)
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def provider_token(secret: str, provider: str) -> str:
    """The signed ``provider`` parameter of a login URL (valid a few minutes)."""
    return sign(secret, "provider", {"provider": provider, "exp": int(time.time()) + PROVIDER_TOKEN_SECONDS})


def provider_from_token(secret: str, token: str | None) -> str | None:
    payload = unsign(secret, "provider", token, max_age_days=1)
    if not isinstance(payload, dict) or payload.get("exp", 0) < time.time():
        return None
    provider = payload.get("provider")
    return provider if isinstance(provider, str) else None


def user_from_cookies(secret: str, cookies: Mapping[str, str]) -> dict[str, Any] | None:
    """The user a valid identity cookie names (``is_logged_in`` True), or None."""
    payload = unsign(secret, USER_COOKIE, cookies.get(USER_COOKIE), max_age_days=USER_COOKIE_DAYS)
    if not isinstance(payload, dict) or payload.get("is_logged_in") is not True:
        return None
    return payload


def check_login_possible(secrets: Any, provider: str) -> dict[str, Any]:
    """What ``st.login(provider)`` checks before it sends the browser anywhere."""
    if not is_authlib_installed():
        raise StreamlitMissingAuthlibError()
    return provider_settings(auth_section(secrets), provider)


def visitor_user(secrets: Any, cookies: Mapping[str, str]) -> dict[str, Any]:
    """``st.user`` of a new session: the identity cookie's user if it is valid, else nobody."""
    auth = auth_section(secrets)
    secret = auth.get("cookie_secret") if auth is not None else None
    if isinstance(secret, str) and secret:
        found = user_from_cookies(secret, cookies)
        if found is not None:
            return found
    return {"is_logged_in": False}
