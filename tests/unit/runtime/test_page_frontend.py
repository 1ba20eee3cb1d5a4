"""`--frontend` / `$JUPYST_FRONTEND`: which page front end a published app's page runs, and
what the template then puts in the page (jupyst's page.js, or Voilà's voila.js)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jupyst.cli import CliError, build_parser, publish_options
from jupyst.voila.config import voila_config
from jupyst.voila.frontend import ENV_VAR
from jupyst.voila.runtime import RuntimeDir


def frontend_of(argv: list[str], folder: Path) -> str:
    return publish_options(build_parser().parse_args(["run", "app.py", *argv]), folder).frontend


def test_lean_front_end_is_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert frontend_of([], tmp_path) == "lean"
    assert frontend_of(["--frontend", "voila"], tmp_path) == "voila"  # the fallback


def test_the_command_line_outranks_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "voila")
    assert frontend_of([], tmp_path) == "voila"
    assert frontend_of(["--frontend", "lean"], tmp_path) == "lean"


def test_an_unknown_front_end_in_the_environment_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "react")
    with pytest.raises(CliError, match="JUPYST_FRONTEND: unknown page front end 'react'"):
        frontend_of([], tmp_path)


def test_an_unknown_front_end_on_the_command_line_is_refused() -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["run", "app.py", "--frontend", "react"])


def test_the_choice_reaches_the_template_resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    options = publish_options(build_parser().parse_args(["run", "app.py", "--frontend", "lean"]), tmp_path)
    runtime = RuntimeDir.create()
    try:
        config = voila_config(options, runtime, tmp_path / "app.ipynb", kernel_cwd=tmp_path)
    finally:
        runtime.remove()
    assert config.VoilaConfiguration.resources["jupyst"]["frontend"] == "lean"
