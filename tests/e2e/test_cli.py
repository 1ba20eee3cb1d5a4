"""`jupyst` on bad input: one clear line on stderr, a non-zero exit, no traceback, no server."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import save_text
from tests.e2e.server import free_port, jupyst_command, private_env

pytestmark = pytest.mark.e2e

#: a command that fails must fail at once: well before a server would have started
FAIL_FAST = 30


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return private_env(tmp_path_factory.mktemp("cli-env"))


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield int(sock.getsockname()[1])


def run_cli(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(jupyst_command(*args), env=env, cwd=cwd, capture_output=True, text=True, timeout=FAIL_FAST)


def assert_one_line_error(result: subprocess.CompletedProcess[str], expected: str, name: str) -> None:
    save_text(name, f"exit {result.returncode}\nstdout: {result.stdout!r}\nstderr: {result.stderr!r}")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("jupyst: error: ")
    assert expected in lines[0]
    assert "serving" not in result.stdout


def write_notebook(path: Path, sources: list[str]) -> Path:
    cells = [{"cell_type": "code", "metadata": {}, "source": s, "outputs": [], "execution_count": None} for s in sources]
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    return path


def test_missing_app_file(env: dict[str, str], tmp_path: Path, request: pytest.FixtureRequest) -> None:
    result = run_cli(["run", "no_such_app.py", "--port", str(free_port())], env, tmp_path)
    assert_one_line_error(result, "no such file: no_such_app.py", request.node.name)


def test_unreadable_and_wrong_kind_of_file(env: dict[str, str], tmp_path: Path, request: pytest.FixtureRequest) -> None:
    # Tests may run as root, which reads any file whatever its mode: undecodable bytes
    # stand in for an unreadable file.
    (tmp_path / "binary.py").write_bytes(b"\xff\xfe\x00garbage")
    result = run_cli(["run", "binary.py"], env, tmp_path)
    assert_one_line_error(result, "cannot read binary.py", request.node.name + "_binary")

    (tmp_path / "folder.py").mkdir()
    result = run_cli(["run", "folder.py"], env, tmp_path)
    assert_one_line_error(result, "not a file: folder.py", request.node.name + "_folder")

    (tmp_path / "app.txt").write_text("print('hi')\n", encoding="utf-8")
    result = run_cli(["run", "app.txt"], env, tmp_path)
    assert_one_line_error(result, ".py script or an .ipynb notebook", request.node.name + "_suffix")


def test_notebook_without_a_jupyst_cell(env: dict[str, str], tmp_path: Path, request: pytest.FixtureRequest) -> None:
    write_notebook(tmp_path / "plain.ipynb", ["import pandas\n", "print('hello')\n"])
    result = run_cli(["run", "plain.ipynb"], env, tmp_path)
    assert_one_line_error(result, "has no %%jupyst cell", request.node.name)

    write_notebook(tmp_path / "noload.ipynb", ["%%jupyst\nimport streamlit as st\nst.write('hi')\n"])
    result = run_cli(["run", "noload.ipynb"], env, tmp_path)
    assert_one_line_error(result, "%load_ext jupyst", request.node.name + "_no_load_ext")

    write_notebook(tmp_path / "app.ipynb", ["%load_ext jupyst\n", "%%jupyst\nimport streamlit as st\nst.write('hi')\n"])
    result = run_cli(["run", "app.ipynb", "--shared"], env, tmp_path)
    assert_one_line_error(result, "--shared serves .py scripts only", request.node.name + "_shared_notebook")

    (tmp_path / "broken.ipynb").write_text("{not json", encoding="utf-8")
    result = run_cli(["run", "broken.ipynb"], env, tmp_path)
    assert_one_line_error(result, "is not a Jupyter notebook", request.node.name + "_broken")


def test_port_in_use(env: dict[str, str], tmp_path: Path, busy_port: int, request: pytest.FixtureRequest) -> None:
    # The console script, as a user would type it.
    console_script = shutil.which("jupyst", path=str(Path(sys.executable).parent))
    command = [console_script] if console_script else jupyst_command()
    result = subprocess.run(
        [*command, "hello", "--port", str(busy_port)], env=env, cwd=tmp_path, capture_output=True, text=True,
        timeout=FAIL_FAST,
    )
    assert_one_line_error(result, f"port {busy_port} on 127.0.0.1 is already in use", request.node.name)


def test_bad_port_number(env: dict[str, str], tmp_path: Path, request: pytest.FixtureRequest) -> None:
    result = run_cli(["hello", "--port", "70000"], env, tmp_path)
    save_text(request.node.name, result.stderr)
    # argparse's own format: the usage line, then the error.
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "port must be between 1 and 65535" in result.stderr.strip().splitlines()[-1]


def test_malformed_config_or_secrets_file(env: dict[str, str], tmp_path: Path, request: pytest.FixtureRequest) -> None:
    (tmp_path / "app.py").write_text("import streamlit as st\nst.write('hi')\n", encoding="utf-8")
    streamlit_dir = tmp_path / ".streamlit"
    streamlit_dir.mkdir()
    (streamlit_dir / "config.toml").write_text("[server]\nport = \n", encoding="utf-8")
    result = run_cli(["run", "app.py"], env, tmp_path)
    assert_one_line_error(result, ".streamlit/config.toml is not valid TOML", request.node.name + "_config")

    (streamlit_dir / "config.toml").write_text('[server]\nport = "eighty"\n', encoding="utf-8")
    result = run_cli(["run", "app.py"], env, tmp_path)
    assert_one_line_error(result, "server.port must be a whole number", request.node.name + "_port_type")

    (streamlit_dir / "config.toml").unlink()
    (streamlit_dir / "secrets.toml").write_text('password = "unterminated\n', encoding="utf-8")
    result = run_cli(["run", "app.py"], env, tmp_path)
    assert_one_line_error(result, ".streamlit/secrets.toml is not valid TOML", request.node.name + "_secrets")
