"""config.toml: the files Streamlit reads, flattened, checked, and the theme as safe CSS."""

from __future__ import annotations

from pathlib import Path

import pytest

from jupyst.runtime.config_file import (
    ConfigError,
    get_config,
    load_config,
    show_error_details,
    streamlit_file_paths,
    theme_css,
    theme_variables,
)


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    home, work, app = tmp_path / "home", tmp_path / "work", tmp_path / "app"
    for folder in (home, work, app):
        (folder / ".streamlit").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    return home, work, app


def test_later_files_win_and_options_are_flat(dirs: tuple[Path, Path, Path]):
    home, work, app = dirs
    (home / ".streamlit" / "config.toml").write_text('[server]\nport = 9000\naddress = "0.0.0.0"\n', encoding="utf-8")
    (app / ".streamlit" / "config.toml").write_text(
        '[server]\nport = 9100\nmaxUploadSize = 50\n[theme]\nprimaryColor = "#123456"\n[theme.sidebar]\ntextColor = "red"\n',
        encoding="utf-8",
    )
    config = get_config(app)
    assert config["server.port"] == 9100
    assert config["server.address"] == "0.0.0.0"
    assert config["server.maxUploadSize"] == 50
    assert config["theme.sidebar.textColor"] == "red"
    assert streamlit_file_paths("config.toml", work)[1] == work / ".streamlit" / "config.toml"
    assert len(streamlit_file_paths("config.toml", work)) == 2  # the same folder once


def test_bad_files_and_values_are_one_line_errors(dirs: tuple[Path, Path, Path]):
    _, work, _ = dirs
    path = work / ".streamlit" / "config.toml"
    path.write_text("[server\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config([path])
    assert "\n" not in str(exc.value)
    assert "is not valid TOML" in str(exc.value)
    for text, message in [
        ("[server]\nport = 0\n", "server.port"),
        ('[client]\nshowErrorDetails = "maybe"\n', "client.showErrorDetails"),
        ("[theme]\nprimaryColor = 3\n", "theme.primaryColor must be a string"),
        ('[theme]\nbase = "blue"\n', "theme.base"),
    ]:
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=message):
            load_config([path])


def test_show_error_details_follows_streamlit_values():
    assert show_error_details({}, default=False) is False
    assert show_error_details({"client.showErrorDetails": "full"}, default=False) is True
    assert show_error_details({"client.showErrorDetails": "none"}, default=True) is False
    assert show_error_details({"client.showErrorDetails": False}, default=True) is False


def test_theme_css_keeps_only_safe_values():
    variables = theme_variables({
        "theme.primaryColor": "#1f77b4",
        "theme.textColor": "rgb(10, 20, 30)",
        "theme.backgroundColor": "red; } body { display: none",
        "theme.font": "monospace",
    })
    assert variables["--jupyst-primary"] == "#1f77b4"
    assert variables["--jupyst-text"] == "rgb(10, 20, 30)"
    assert "--jupyst-bg" not in variables
    assert "Source Code Pro" in variables["--jupyst-font"]
    css = theme_css({"theme.base": "dark"})
    assert "--jupyst-bg: #0e1117;" in css
    assert "background: var(--jupyst-bg)" in css
    assert "<" not in theme_css({"theme.font": "</style><script>"})
    assert theme_css({}) == ""
