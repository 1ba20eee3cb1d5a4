"""st.login / st.logout in a real browser against a real OpenID Connect provider.

The provider (``tests/oidc_provider.py``) runs in the test process on 127.0.0.1; the app's
``[auth]`` secrets point at its discovery document, with ``{port}`` in ``redirect_uri`` for
the server to fill in. Chromium clicks the app's login button, goes through the provider's
consent page, comes back with the identity cookie and sees ``st.user``'s e-mail; the logout
button passes by the provider's end-session page and comes back logged out. Once per
serving mode: shared (the session reads the cookie of its page request) and isolated (the
visitor's kernel reads it from the request Voilà passes on).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.conftest import open_url
from tests.e2e.server import JupystServer
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, ProviderServer

pytestmark = [pytest.mark.e2e, pytest.mark.isolated_too]

UPDATE_MS = 20_000

APP = '''import streamlit as st

st.title("Members")
if st.user.is_logged_in:
    st.text("signed in as " + st.user.email)
    if st.button("Log out"):
        st.logout()
else:
    st.text("nobody signed in")
    st.button("Log in", on_click=st.login)
'''


@pytest.fixture(scope="module")
def server(
    start_server: Callable[..., JupystServer], provider: ProviderServer, tmp_path_factory: pytest.TempPathFactory
) -> JupystServer:
    folder = tmp_path_factory.mktemp("login_app")
    (folder / "app.py").write_text(APP, encoding="utf-8")
    (folder / ".streamlit").mkdir()
    (folder / ".streamlit" / "secrets.toml").write_text(textwrap.dedent(f"""
        [auth]
        redirect_uri = "http://127.0.0.1:{{port}}/oauth2callback"
        cookie_secret = "e2e-cookie-secret-0123456789abcdef"
        client_id = "{CLIENT_ID}"
        client_secret = "{CLIENT_SECRET}"
        server_metadata_url = "{provider.metadata_url}"
    """), encoding="utf-8")
    app = start_server("run", str(folder / "app.py"), cwd=folder, name="login")
    provider.allow_redirect(f"{app.url}oauth2callback")
    return app


def test_login_through_the_provider_shows_the_user_then_logout(page: Any, server: JupystServer, provider: ProviderServer) -> None:
    open_url(page, server.url)
    main = page.locator(".jupyst-main")
    main.get_by_text("nobody signed in", exact=True).wait_for(timeout=UPDATE_MS)

    main.get_by_role("button", name="Log in").click()
    # The provider's own consent page, on its own address.
    page.wait_for_url(f"{provider.issuer}/authorize?**", timeout=UPDATE_MS)
    page.fill("#email", "grace@example.com")
    page.click("#allow")

    page.wait_for_url(server.url, timeout=UPDATE_MS)
    main.get_by_text("signed in as grace@example.com", exact=True).wait_for(timeout=UPDATE_MS)
    cookies = {c["name"]: c for c in page.context.cookies(server.url)}
    assert cookies["_streamlit_user"]["httpOnly"] is True

    main.get_by_role("button", name="Log out").click()
    main.get_by_text("nobody signed in", exact=True).wait_for(timeout=UPDATE_MS)
    assert provider.provider.logouts, "the browser passed by the provider's end-session page"
    assert "_streamlit_user" not in {c["name"] for c in page.context.cookies(server.url)}
    assert page.recorder.errors == []
