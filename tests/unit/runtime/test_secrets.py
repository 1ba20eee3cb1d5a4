"""st.secrets: files beside the app and in the home folder, Streamlit's access and errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jupyst.runtime.config_file import ConfigError
from jupyst.runtime.secrets import Secrets, StreamlitSecretNotFoundError, check_secrets_files


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    (home / ".streamlit").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return home


def test_item_and_attribute_access_nested_tables_and_environ(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (home / ".streamlit" / "secrets.toml").write_text('shared = "home"\ntoken = "from-home"\n', encoding="utf-8")
    app = tmp_path / "app"
    (app / ".streamlit").mkdir(parents=True)
    (app / ".streamlit" / "secrets.toml").write_text(
        'token = "from-app"\nport = 5432\n[db]\nuser = "ann"\n[db.options]\nssl = true\n', encoding="utf-8"
    )
    monkeypatch.delenv("token", raising=False)
    secrets = Secrets(script_dir=str(app))
    assert secrets["token"] == "from-app"
    assert secrets.shared == "home"
    assert secrets.db.user == "ann"
    assert secrets["db"]["options"].ssl is True
    assert secrets.to_dict()["db"] == {"user": "ann", "options": {"ssl": True}}
    assert "db" in secrets
    assert len(secrets) == 4
    # Root strings and numbers are copied to the environment, as Streamlit does.
    assert os.environ["token"] == "from-app"  # noqa: SIM112 - the secret's own name
    assert os.environ["port"] == "5432"  # noqa: SIM112 - the secret's own name
    with pytest.raises(KeyError, match='st.secrets has no key "nope". Did you forget'):
        secrets["nope"]
    with pytest.raises(AttributeError, match='st.secrets has no attribute "nope"'):
        secrets.db.nope  # noqa: B018
    with pytest.raises(TypeError, match="Secrets does not support item assignment."):
        secrets["x"] = 1
    with pytest.raises(TypeError, match="Secrets does not support attribute assignment."):
        secrets.db.user = "bob"
    secrets.reset()
    assert "token" not in os.environ


def test_no_file_and_malformed_file(home: Path, tmp_path: Path):
    secrets = Secrets()
    with pytest.raises(StreamlitSecretNotFoundError, match="No secrets found. Valid paths for a secrets.toml file"):
        secrets["x"]
    with pytest.raises(AttributeError):
        secrets.x  # noqa: B018 -- attribute access keeps its AttributeError contract
    assert secrets.load_if_toml_exists() is False
    (Path.cwd() / ".streamlit").mkdir()
    (Path.cwd() / ".streamlit" / "secrets.toml").write_text("a = [\n", encoding="utf-8")
    with pytest.raises(StreamlitSecretNotFoundError, match="Error parsing secrets file at"):
        Secrets()["a"]
    with pytest.raises(ConfigError, match=r"^\.streamlit/secrets\.toml is not valid TOML: "):
        check_secrets_files()
