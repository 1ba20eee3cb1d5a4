"""Login configuration and the signed values that carry a login between server and session.

The ``[auth]`` section of ``secrets.toml`` is checked as Streamlit checks it, with its
messages. The server side of the OpenID Connect flow (``jupyst.runtime.oidc_flow``, served by
``jupyst.voila.auth_routes``) signs values with the section's ``cookie_secret`` (tornado's
signed values): the provider a login button asked for (the ``provider`` query parameter of
``/auth/login``) and, after a successful login, the user's identity claims in the
``_streamlit_user`` cookie and the provider's tokens in ``_streamlit_user_tokens``, which a
session reads back here to fill ``st.user``. A value too big for one browser cookie (4 KB)
is split over ``<name>_1``, ``<name>_2``, ... with the count in the main cookie, as Streamlit
splits it.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from jupyst.errors import StreamlitAuthError, StreamlitMissingAuthlibError

log = logging.getLogger("jupyst")

AUTH_LOGIN_ENDPOINT = "auth/login"
AUTH_LOGOUT_ENDPOINT = "auth/logout"
CALLBACK_PATH = "oauth2callback"
USER_COOKIE = "_streamlit_user"
TOKENS_COOKIE = "_streamlit_user_tokens"
#: what a browser keeps of one cookie (name, value and attributes)
MAX_COOKIE_BYTES = 4096
#: room kept for the attributes (path, expiry, flags) and the signature's envelope
_COOKIE_OVERHEAD = 400
#: a split value has at most this many parts (a browser keeps about 50 cookies per site)
_MAX_CHUNKS = 20
_CHUNKS = re.compile(r"chunks-(\d+)")
#: the tokens ``expose_tokens`` may name, and the key each has in the tokens cookie
EXPOSABLE_TOKENS = {"id": "id_token", "access": "access_token"}
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
        # As Streamlit: the top-level keys, even none (then the missing ones are listed).
        section = {k: auth[k] for k in (*REQUIRED_PROVIDER_KEYS, "client_kwargs", "expose_tokens") if auth.get(k)}
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
def _sign_text(secret: str, name: str, text: str) -> str:
    from tornado.web import create_signed_value

    return create_signed_value(secret, name, text).decode("ascii")


def _unsign_text(secret: str, name: str, value: str | None, max_age_days: float) -> str | None:
    from tornado.web import decode_signed_value

    if not value:
        return None
    try:
        raw = decode_signed_value(secret, name, value, max_age_days=max_age_days)
    except (ValueError, TypeError):  # a malformed value is as good as a forged one
        return None
    if raw is None:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def sign(secret: str, name: str, payload: Any) -> str:
    return _sign_text(secret, name, json.dumps(payload))


def unsign(secret: str, name: str, value: str | None, max_age_days: float) -> Any:
    """The payload of a value :func:`sign` made, or None if forged, altered or expired."""
    text = _unsign_text(secret, name, value, max_age_days)
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def signed_cookies(secret: str, name: str, payload: Any) -> dict[str, str]:
    """The cookie values that carry ``payload`` signed: ``{name: value}`` when it fits one
    cookie, else the parts ``name_1``, ``name_2``, ... each signed under its own name and
    ``name`` holding their count."""
    text = json.dumps(payload)  # ASCII only: a character is a byte
    whole = _sign_text(secret, name, text)
    if len(name) + len(whole) + _COOKIE_OVERHEAD <= MAX_COOKIE_BYTES:
        return {name: whole}
    # A signed value is the base64 of the text (4/3 as long) inside a short envelope.
    size = (MAX_COOKIE_BYTES - _COOKIE_OVERHEAD - len(name) - 8) * 3 // 4
    parts = [text[i:i + size] for i in range(0, len(text), size)]
    if len(parts) > _MAX_CHUNKS:
        raise StreamlitAuthError(f"The {name} cookie would need {len(parts)} cookies; at most {_MAX_CHUNKS} are kept.")
    out = {name: _sign_text(secret, name, f"chunks-{len(parts)}")}
    for i, part in enumerate(parts, 1):
        out[f"{name}_{i}"] = _sign_text(secret, f"{name}_{i}", part)
    return out


def read_signed_cookies(secret: str, name: str, cookies: Mapping[str, str], max_age_days: float) -> Any:
    """What :func:`signed_cookies` carried, from a request's cookies; None if any part is
    missing, forged, altered or expired."""
    text = _unsign_text(secret, name, cookies.get(name), max_age_days)
    if text is None:
        return None
    split = _CHUNKS.fullmatch(text)
    if split is not None:
        count = int(split.group(1))
        if not 0 < count <= _MAX_CHUNKS:
            return None
        parts = [_unsign_text(secret, f"{name}_{i}", cookies.get(f"{name}_{i}"), max_age_days) for i in range(1, count + 1)]
        if any(part is None for part in parts):
            return None
        text = "".join(part or "" for part in parts)
    try:
        return json.loads(text)
    except ValueError:
        return None


def cookie_names(name: str, cookies: Mapping[str, str]) -> list[str]:
    """``name`` and the parts of a split value among a request's cookies (to remove them all)."""
    prefix = f"{name}_"
    return [name, *(c for c in cookies if c.startswith(prefix) and c[len(prefix):].isdigit())]


def provider_token(secret: str, provider: str) -> str:
    """The signed ``provider`` parameter of a login URL (valid a few minutes)."""
    return sign(secret, "provider", {"provider": provider, "exp": int(time.time()) + PROVIDER_TOKEN_SECONDS})


def provider_from_token(secret: str, token: str | None) -> str | None:
    payload = unsign(secret, "provider", token, max_age_days=1)
    if not isinstance(payload, dict) or payload.get("exp", 0) < time.time():
        return None
    provider = payload.get("provider")
    return provider if isinstance(provider, str) else None


def redirect_uri_of(auth: Mapping[str, Any], port: int | str | None = None) -> str:
    """The ``redirect_uri`` setting, its ``{port}`` filled with the server's port when known."""
    uri = str(auth.get("redirect_uri", ""))
    return uri.replace("{port}", str(port)) if port is not None else uri


def origin_of(uri: str) -> str:
    """``scheme://host[:port]`` of a URL."""
    parts = urlsplit(uri)
    return f"{parts.scheme}://{parts.netloc}"


def _origin_matches(auth: Mapping[str, Any], origin: Any) -> bool:
    """Whether a cookie's ``origin`` is that of this app's ``redirect_uri`` (any port for ``{port}``)."""
    if not isinstance(origin, str):
        return False
    expected = origin_of(redirect_uri_of(auth, "{port}"))
    if "{port}" not in expected:
        return origin == expected
    pattern = re.escape(expected).replace(re.escape("{port}"), r"\d+")
    return re.fullmatch(pattern, origin) is not None


def exposed_tokens(auth: Mapping[str, Any]) -> list[str]:
    """The token kinds ``expose_tokens`` lets ``st.user.tokens`` show ("id", "access")."""
    value = auth.get("expose_tokens")
    names = [value] if isinstance(value, str) else [str(v) for v in value] if isinstance(value, (list, tuple)) else []
    unknown = set(names) - set(EXPOSABLE_TOKENS)
    if unknown:
        log.warning("Invalid expose_tokens configuration. Only 'id' and 'access' are allowed.")
    return [n for n in names if n in EXPOSABLE_TOKENS]


def user_from_cookies(auth: Mapping[str, Any], cookies: Mapping[str, str]) -> dict[str, Any] | None:
    """``st.user`` as the identity cookie names it (``is_logged_in`` True, the ID token's claims,
    ``provider``, the exposed ``tokens``), or None when there is no valid cookie of this app."""
    secret = auth.get("cookie_secret")
    if not isinstance(secret, str) or not secret:
        return None
    payload = read_signed_cookies(secret, USER_COOKIE, cookies, max_age_days=USER_COOKIE_DAYS)
    if not isinstance(payload, dict) or payload.get("is_logged_in") is not True:
        return None
    if not _origin_matches(auth, payload.pop("origin", None)):
        log.error("Origin mismatch, the origin of the identity cookie is not the origin of redirect_uri in secrets.toml")
        return None
    user: dict[str, Any] = {"is_logged_in": True, **{k: v for k, v in payload.items() if k != "is_logged_in"}}
    expose = exposed_tokens(auth)
    if expose:
        tokens = read_signed_cookies(secret, TOKENS_COOKIE, cookies, max_age_days=USER_COOKIE_DAYS)
        if isinstance(tokens, dict):
            user["tokens"] = {k: tokens[EXPOSABLE_TOKENS[k]] for k in expose if EXPOSABLE_TOKENS[k] in tokens}
    return user


def check_login_possible(secrets: Any, provider: str) -> dict[str, Any]:
    """What ``st.login(provider)`` checks before it sends the browser anywhere."""
    if not is_authlib_installed():
        raise StreamlitMissingAuthlibError()
    return provider_settings(auth_section(secrets), provider)


def visitor_user(secrets: Any, cookies: Mapping[str, str]) -> dict[str, Any]:
    """``st.user`` of a new session: the identity cookie's user if it is valid, else nobody."""
    auth = auth_section(secrets)
    if auth is not None:
        found = user_from_cookies(auth, cookies)
        if found is not None:
            return found
    return {"is_logged_in": False}
