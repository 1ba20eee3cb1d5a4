"""The login routes against a real OpenID Connect provider, with an HTTP client as the browser.

The provider (``tests/oidc_provider.py``) and the app's login routes
(``jupyst.voila.auth_routes``) each serve on 127.0.0.1; the test follows every redirect by
hand, as a browser would, and reads what ``st.user`` would hold from the cookies it ends up
with (``visitor_user``, what a new session calls). Also: the signed cookie itself, and each
bad setting or forged request answered with Streamlit's message or a redirect, the server
answering the next request as before.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from jupyst.runtime.auth import (
    TOKENS_COOKIE,
    USER_COOKIE,
    provider_token,
    read_signed_cookies,
    sign,
    signed_cookies,
    visitor_user,
)
from jupyst.runtime.oidc_flow import STATE_COOKIE
from jupyst.runtime.request_info import parse_cookies
from jupyst.runtime.secrets import load_secrets
from jupyst.voila.auth_routes import auth_handlers
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, ProviderServer, ThreadedServer, free_port

SECRET = "a-cookie-secret-of-a-good-length-0123456789"


@pytest.fixture(scope="module")
def app_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("app")
    (folder / ".streamlit").mkdir()
    return folder


@pytest.fixture(scope="module")
def app(provider: ProviderServer, app_dir: Path) -> Iterator[str]:
    port = free_port()
    server = ThreadedServer(auth_handlers("/", str(app_dir), port), port)
    server.start()
    provider.allow_redirect(f"http://127.0.0.1:{port}/oauth2callback")
    yield f"http://127.0.0.1:{port}"
    server.stop()


def write_secrets(app_dir: Path, text: str) -> dict[str, Any]:
    path = app_dir / ".streamlit" / "secrets.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_secrets([path])


def default_auth(provider: ProviderServer, extra: str = "") -> str:
    return f"""
        [auth]
        redirect_uri = "http://127.0.0.1:{{port}}/oauth2callback"
        cookie_secret = "{SECRET}"
        client_id = "{CLIENT_ID}"
        client_secret = "{CLIENT_SECRET}"
        server_metadata_url = "{provider.metadata_url}"
        {extra}
    """


def consent(browser: requests.Session, authorize_url: str, decision: str = "allow", email: str = "grace@example.com") -> str:
    """Open the provider's consent page and press a button; the URL it sends the browser to."""
    page = browser.get(authorize_url, allow_redirects=False)
    assert page.status_code == 200, page.text
    fields = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
    fields = {k: html.unescape(v) for k, v in fields.items()}
    answer = browser.post(
        urlsplit(authorize_url)._replace(query="").geturl(), data={**fields, "email": email, "decision": decision},
        allow_redirects=False,
    )
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


def start_login(browser: requests.Session, app: str, provider_name: str = "default") -> str:
    token = provider_token(SECRET, provider_name)
    reply = browser.get(f"{app}/auth/login", params={"provider": token}, allow_redirects=False)
    assert reply.status_code == 302, reply.text
    return reply.headers["Location"]


def cookies_of(browser: requests.Session) -> dict[str, str]:
    """The cookies as a server reads them from the browser's Cookie header."""
    return parse_cookies("; ".join(f"{c.name}={c.value}" for c in browser.cookies))


def test_login_sets_the_identity_cookie_that_st_user_reads_and_logout_removes_it(
    provider: ProviderServer, app: str, app_dir: Path
) -> None:
    secrets = write_secrets(app_dir, default_auth(provider, 'expose_tokens = ["id"]'))
    browser = requests.Session()
    authorize = start_login(browser, app)
    assert authorize.startswith(f"{provider.issuer}/authorize?")
    query = parse_qs(urlsplit(authorize).query)
    assert query["client_id"] == [CLIENT_ID]
    assert query["scope"] == ["openid email profile"]
    assert query["prompt"] == ["select_account"]
    assert query["code_challenge_method"] == ["S256"]  # the provider offers PKCE
    assert query["redirect_uri"] == [f"{app}/oauth2callback"]  # {port} filled in
    assert STATE_COOKIE in cookies_of(browser)

    callback = consent(browser, authorize)
    assert callback.startswith(f"{app}/oauth2callback?")
    back = browser.get(callback, allow_redirects=False)
    assert back.status_code == 302
    assert back.headers["Location"] == "/"
    jar = cookies_of(browser)
    assert STATE_COOKIE not in jar
    identity = [h for h in back.raw.headers.getlist("Set-Cookie") if h.startswith(f"{USER_COOKIE}=")]
    assert len(identity) == 1
    assert "httponly" in identity[0].lower()
    assert "samesite=lax" in identity[0].lower()

    user = visitor_user(secrets, jar)
    assert user["is_logged_in"] is True
    assert user["email"] == "grace@example.com"
    assert user["name"] == "Grace"
    assert user["sub"] == "user-grace@example.com"
    assert user["iss"] == provider.issuer
    assert user["provider"] == "default"
    assert "origin" not in user
    assert set(user["tokens"]) == {"id"}
    assert user["tokens"]["id"] == provider.provider.id_tokens[-1]

    out = browser.get(f"{app}/auth/logout", allow_redirects=False)
    assert out.status_code == 302
    target = urlsplit(out.headers["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{provider.issuer}/logout"
    hint = parse_qs(target.query)
    assert hint["id_token_hint"] == [user["tokens"]["id"]]
    assert hint["post_logout_redirect_uri"] == [f"{app}/oauth2callback"]
    jar = cookies_of(browser)
    assert USER_COOKIE not in jar
    assert TOKENS_COOKIE not in jar
    assert visitor_user(secrets, jar) == {"is_logged_in": False}
    # The provider sends the browser back to the callback without a login: back to the app.
    home = browser.get(out.headers["Location"], allow_redirects=False)
    assert provider.provider.logouts[-1]["client_id"] == CLIENT_ID
    assert home.status_code == 302
    assert browser.get(home.headers["Location"], allow_redirects=False).headers["Location"] == "/"


def test_a_named_provider_with_client_kwargs(provider: ProviderServer, app: str, app_dir: Path) -> None:
    secrets = write_secrets(app_dir, f"""
        [auth]
        redirect_uri = "http://127.0.0.1:{{port}}/oauth2callback"
        cookie_secret = "{SECRET}"
        [auth.corp]
        client_id = "{CLIENT_ID}"
        client_secret = "{CLIENT_SECRET}"
        server_metadata_url = "{provider.metadata_url}"
        client_kwargs = {{ scope = "openid email", prompt = "login" }}
    """)
    browser = requests.Session()
    authorize = start_login(browser, app, "corp")
    query = parse_qs(urlsplit(authorize).query)
    assert query["scope"] == ["openid email"]
    assert query["prompt"] == ["login"]
    browser.get(consent(browser, authorize, email="lin@example.org"), allow_redirects=False)
    user = visitor_user(secrets, cookies_of(browser))
    assert (user["is_logged_in"], user["email"], user["provider"]) == (True, "lin@example.org", "corp")
    assert "tokens" not in user  # no expose_tokens


def test_a_callback_whose_state_this_browser_did_not_start_logs_nobody_in(
    provider: ProviderServer, app: str, app_dir: Path
) -> None:
    secrets = write_secrets(app_dir, default_auth(provider))
    victim = requests.Session()
    callback = consent(victim, start_login(victim, app))
    # Another browser (no state cookie) replays the callback: refused.
    attacker = requests.Session()
    reply = attacker.get(callback, allow_redirects=False)
    assert (reply.status_code, reply.headers["Location"]) == (302, "/")
    assert USER_COOKIE not in cookies_of(attacker)
    # The right browser with an altered state: refused too, and its pending login is dropped.
    altered = re.sub(r"state=[^&]+", "state=forged", callback)
    reply = victim.get(altered, allow_redirects=False)
    assert reply.status_code == 302
    assert USER_COOKIE not in cookies_of(victim)
    assert visitor_user(secrets, cookies_of(victim)) == {"is_logged_in": False}


def test_denied_consent_returns_to_the_app_logged_out(provider: ProviderServer, app: str, app_dir: Path) -> None:
    write_secrets(app_dir, default_auth(provider))
    browser = requests.Session()
    callback = consent(browser, start_login(browser, app), decision="deny")
    assert "error=access_denied" in callback
    reply = browser.get(callback, allow_redirects=False)
    assert (reply.status_code, reply.headers["Location"]) == (302, "/")
    assert USER_COOKIE not in cookies_of(browser)


def test_bad_settings_and_requests_get_a_page_or_a_redirect_and_the_server_lives_on(
    provider: ProviderServer, app: str, app_dir: Path
) -> None:
    browser = requests.Session()
    # A provider nobody listens for.
    write_secrets(app_dir, default_auth(provider).replace(provider.metadata_url, f"http://127.0.0.1:{free_port()}/x"))
    reply = browser.get(f"{app}/auth/login", params={"provider": provider_token(SECRET, "default")}, allow_redirects=False)
    assert reply.status_code == 502
    assert 'the provider "default" could not be reached' in html.unescape(reply.text)
    assert "Traceback" not in reply.text
    # Keys missing: Streamlit's message.
    write_secrets(app_dir, f"""
        [auth]
        redirect_uri = "http://127.0.0.1:{{port}}/oauth2callback"
        cookie_secret = "{SECRET}"
        client_id = "x"
    """)
    reply = browser.get(f"{app}/auth/login", params={"provider": provider_token(SECRET, "default")}, allow_redirects=False)
    assert reply.status_code == 400
    assert "are missing the following keys: ['client_secret', 'server_metadata_url']" in html.unescape(reply.text)
    # No [auth] at all.
    write_secrets(app_dir, 'title = "no auth"\n')
    reply = browser.get(f"{app}/auth/login", params={"provider": "x"}, allow_redirects=False)
    assert reply.status_code == 400
    assert "configure credentials" in reply.text
    # A forged provider token: back to the app.
    write_secrets(app_dir, default_auth(provider))
    forged = provider_token("another-secret-of-another-app-000000", "default")
    reply = browser.get(f"{app}/auth/login", params={"provider": forged}, allow_redirects=False)
    assert (reply.status_code, reply.headers["Location"]) == (302, "/")
    # The server still logs people in.
    browser.get(consent(browser, start_login(browser, app)), allow_redirects=False)
    assert USER_COOKIE in cookies_of(browser)


# ----- the signed cookie ------------------------------------------------------------------------
def _auth(**extra: Any) -> dict[str, Any]:
    return {"auth": {"redirect_uri": "http://127.0.0.1:{port}/oauth2callback", "cookie_secret": SECRET, **extra}}


def _user_cookie(payload: dict[str, Any], secret: str = SECRET) -> dict[str, str]:
    return signed_cookies(secret, USER_COOKIE, payload)


def test_a_valid_identity_cookie_gives_the_user_and_a_forged_one_gives_nobody() -> None:
    claims = {"email": "a@b.c", "sub": "1", "origin": "http://127.0.0.1:8501", "is_logged_in": True, "provider": "default"}
    assert visitor_user(_auth(), _user_cookie(claims)) == {"is_logged_in": True, "email": "a@b.c", "sub": "1", "provider": "default"}
    nobody = {"is_logged_in": False}
    assert visitor_user(_auth(), _user_cookie(claims, secret="someone-elses-secret-0000000000")) == nobody
    value = _user_cookie(claims)[USER_COOKIE]
    tampered = value.replace(value.split("|")[4], value.split("|")[4][:-4] + "AAA=")
    assert visitor_user(_auth(), {USER_COOKIE: tampered}) == nobody
    assert visitor_user(_auth(), {USER_COOKIE: "2|garbage"}) == nobody
    # Signed right, but for another app's address (same secret, other redirect_uri).
    assert visitor_user(_auth(), _user_cookie({**claims, "origin": "https://elsewhere.example"})) == nobody
    # Only the cookie's own name: a provider token is no identity.
    assert visitor_user(_auth(), {USER_COOKIE: sign(SECRET, "provider", claims)}) == nobody
    # Without [auth] nobody is logged in, whatever the cookies.
    assert visitor_user({}, _user_cookie(claims)) == nobody


def test_a_value_too_big_for_one_cookie_is_split_and_every_part_must_be_there() -> None:
    payload = {"id_token": "x" * 9000, "access_token": "y" * 3000}
    cookies = signed_cookies(SECRET, TOKENS_COOKIE, payload)
    assert len(cookies) > 3
    assert all(len(name) + len(value) < 4096 for name, value in cookies.items())
    assert read_signed_cookies(SECRET, TOKENS_COOKIE, cookies, 30) == payload
    missing = dict(cookies)
    missing.pop(f"{TOKENS_COOKIE}_2")
    assert read_signed_cookies(SECRET, TOKENS_COOKIE, missing, 30) is None
    swapped = dict(cookies)
    swapped[f"{TOKENS_COOKIE}_1"], swapped[f"{TOKENS_COOKIE}_2"] = cookies[f"{TOKENS_COOKIE}_2"], cookies[f"{TOKENS_COOKIE}_1"]
    assert read_signed_cookies(SECRET, TOKENS_COOKIE, swapped, 30) is None
