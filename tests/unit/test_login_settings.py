"""``[auth]`` settings that cannot log anyone in: jupyst's error is Streamlit's, word for word.

Streamlit (installed, 1.67) is the oracle: its ``validate_auth_credentials`` reads a real
``Secrets`` object holding the same section, as its AppTest installs secrets.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import streamlit.auth_util as st_auth
from streamlit.errors import StreamlitAuthError as StAuthError
from streamlit.runtime.secrets import Secrets as StSecrets

from jupyst.errors import StreamlitAuthError
from jupyst.runtime.auth import check_login_possible

GOOD = {"client_id": "c", "client_secret": "s", "server_metadata_url": "https://p/.well-known/openid-configuration"}
BASE = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32}

CASES: list[tuple[str, dict[str, Any], str]] = [
    ("no auth section", {"title": "x"}, "default"),
    ("no redirect_uri", {"auth": {"cookie_secret": "x", **GOOD}}, "default"),
    ("no cookie_secret", {"auth": {"redirect_uri": "http://a/oauth2callback", **GOOD}}, "default"),
    ("default provider missing", {"auth": dict(BASE)}, "default"),
    ("default provider incomplete", {"auth": {**BASE, "client_id": "c"}}, "default"),
    ("named provider missing", {"auth": {**BASE, **GOOD}}, "corp"),
    ("named provider incomplete", {"auth": {**BASE, "corp": {"client_id": "c"}}}, "corp"),
    ("named provider not a table", {"auth": {**BASE, "corp": "oops"}}, "corp"),
    ("underscore in the name", {"auth": {**BASE, "my_corp": dict(GOOD)}}, "my_corp"),
]


@pytest.fixture
def streamlit_secrets() -> Iterator[StSecrets]:
    saved = st_auth.secrets_singleton
    secrets = StSecrets()
    st_auth.secrets_singleton = secrets
    try:
        yield secrets
    finally:
        st_auth.secrets_singleton = saved


@pytest.mark.parametrize(("name", "secrets", "provider"), CASES, ids=[c[0] for c in CASES])
def test_bad_auth_settings_give_streamlits_error(
    streamlit_secrets: StSecrets, name: str, secrets: dict[str, Any], provider: str
) -> None:
    streamlit_secrets._secrets = secrets
    with pytest.raises(StAuthError) as theirs:
        st_auth.validate_auth_credentials(provider)
    with pytest.raises(StreamlitAuthError) as ours:
        check_login_possible(secrets, provider)
    assert str(ours.value) == str(theirs.value)


@pytest.mark.parametrize("provider", ["default", "corp"])
def test_complete_settings_pass_both(streamlit_secrets: StSecrets, provider: str) -> None:
    secrets = {"auth": {**BASE, **GOOD, "corp": dict(GOOD)}}
    streamlit_secrets._secrets = secrets
    st_auth.validate_auth_credentials(provider)
    settings = check_login_possible(secrets, provider)
    assert (settings["client_id"], settings["redirect_uri"]) == ("c", BASE["redirect_uri"])
