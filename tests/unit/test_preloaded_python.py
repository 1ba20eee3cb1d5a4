"""Workers forked by tests/preloaded_python.py behave as ``python script.py`` processes do.

The caching and connection tests trust these workers to be separate processes that see
exactly the argv, environment, directory and stdio they were given, and whose exit status
and death by signal reach the test; each of those is checked here on a tiny script.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.preloaded_python import PreloadedPython

SCRIPT = """
import json, os, sys
line = sys.stdin.readline().strip()
print(json.dumps({
    "pid": os.getpid(), "argv": sys.argv[1:], "cwd": os.getcwd(), "mark": os.environ.get("MARK"),
    "extra": os.environ.get("EXTRA"), "main": __name__, "line": line, "hash": hash("seed?"),
    "path0": sys.path[0],
}), flush=True)
print("to stderr", file=sys.stderr)
if sys.argv[1] == "exit":
    sys.exit(int(sys.argv[2]))
if sys.argv[1] == "message":
    sys.exit("bad input")
if sys.argv[1] == "raise":
    raise ValueError("from the worker")
if sys.argv[1] == "hang":
    import time
    while True:
        time.sleep(1)
"""
PRELOAD = ("json",)


@pytest.fixture(scope="module")
def python() -> Iterator[PreloadedPython]:
    servers = PreloadedPython()
    yield servers
    servers.close()


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "worker.py"
    path.write_text(SCRIPT, encoding="utf-8")
    return path


def run(python: PreloadedPython, script: Path, *args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MARK": "given", **kwargs.pop("env", {})}  # type: ignore[dict-item]
    return python.run(
        [sys.executable, str(script), *args], preload=PRELOAD, env=env, text=True, timeout=60,
        input="hello\n", **kwargs,  # type: ignore[arg-type]
    )


def test_a_worker_sees_its_argv_environment_directory_and_stdin(
    python: PreloadedPython, script: Path, tmp_path: Path
) -> None:
    done = run(python, script, "ok", "two", cwd=tmp_path, env={"EXTRA": "x"})
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["argv"] == ["ok", "two"]
    assert seen["cwd"] == str(tmp_path)
    assert (seen["mark"], seen["extra"], seen["line"]) == ("given", "x", "hello")
    assert seen["main"] == "__main__"
    assert seen["path0"] == str(script.parent)
    assert seen["pid"] not in (os.getpid(), None)
    assert done.stderr == "to stderr\n"


def test_a_worker_starts_in_the_callers_current_directory(
    python: PreloadedPython, script: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for folder in (tmp_path / "one", tmp_path / "two"):  # the server stays where it started
        folder.mkdir()
        monkeypatch.chdir(folder)
        assert json.loads(run(python, script, "ok").stdout)["cwd"] == str(folder)


def test_workers_are_separate_processes_with_different_hash_seeds(python: PreloadedPython, script: Path) -> None:
    first, second = (json.loads(run(python, script, "ok").stdout) for _ in range(2))
    assert first["pid"] != second["pid"]
    # Two in a row come from different servers: str hashes differ as between fresh interpreters.
    assert first["hash"] != second["hash"]


def test_exit_statuses_reach_the_test_as_a_fresh_interpreters_would(python: PreloadedPython, script: Path) -> None:
    assert run(python, script, "exit", "3").returncode == 3
    message = run(python, script, "message")
    assert (message.returncode, message.stderr.splitlines()[-1]) == (1, "bad input")
    raised = run(python, script, "raise")
    assert raised.returncode == 1
    assert raised.stderr.splitlines()[-1] == "ValueError: from the worker"


def test_a_killed_worker_reports_the_signal(python: PreloadedPython, script: Path) -> None:
    proc = python.popen(
        [sys.executable, str(script), "hang"], preload=PRELOAD, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdin is not None
        assert proc.stdout is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline())["pid"] == proc.pid
        assert proc.poll() is None
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(timeout=0.2)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        proc.kill()
        proc.communicate()
