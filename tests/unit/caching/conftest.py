"""Fixtures of the caching tests: a fresh cache directory per test, and worker processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.preloaded_python import PreloadedPython

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))

from jupyst import caching  # noqa: E402
from jupyst.caching import runtime_hooks  # noqa: E402

WORKER = HERE / "cache_worker.py"
#: What cache_worker.py imports, at its top or in its functions: forked workers find them loaded.
WORKER_IMPORTS = ("jupyst.caching", "jupyst.caching.disk_store", "numpy", "pandas", "redis")


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own cache directory (through the environment, as users set it)."""
    directory = tmp_path / "cache"
    monkeypatch.setenv("JUPYST_CACHE_DIR", str(directory))
    caching.reset()
    # No app run unless a test installs one.
    monkeypatch.setattr(runtime_hooks, "_get_run_context", runtime_hooks._no_context)
    yield directory
    caching.reset()
    caching.cache_resource.clear()


class Workers:
    """Starts ``cache_worker.py`` processes on the test's cache directory."""

    def __init__(self, cache_dir: Path, tmp_path: Path, python: PreloadedPython) -> None:
        self.python = python
        self.cache_dir = cache_dir
        self.calls = tmp_path / "calls.log"
        self.calls.touch()
        self.env = dict(os.environ)
        self.env.update(
            JUPYST_CACHE_DIR=str(cache_dir),
            CACHE_TEST_CALLS=str(self.calls),
            # The caller's own path first (e.g. a development checkout), then this repo.
            PYTHONPATH=os.pathsep.join(
                p for p in (os.environ.get("PYTHONPATH", ""), str(REPO)) if p
            ),
        )

    def start(self, *args: str, **env: str) -> subprocess.Popen[str]:
        """A worker process running ``cache_worker.py ARGS`` (forked from a preloaded interpreter)."""
        return self.python.popen(
            [sys.executable, str(WORKER), *args],
            preload=WORKER_IMPORTS,
            env={**self.env, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run(self, *args: str, timeout: float = 60, **env: str) -> dict[str, object] | None:
        """Run one worker to completion; its JSON result (or None for commands without)."""
        proc = self.start(*args, **env)
        out, err = proc.communicate(timeout=timeout)
        assert proc.returncode == 0, err
        return result_of(out)

    @staticmethod
    def result_of(stdout: str) -> dict[str, object] | None:
        return result_of(stdout)

    def computed(self) -> Counter[str]:
        """How many times each ``name arg`` was really computed, over all processes."""
        lines = self.calls.read_text().splitlines()
        return Counter(line.rsplit(" ", 1)[0] for line in lines)


def result_of(stdout: str) -> dict[str, object] | None:
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else None


@pytest.fixture
def workers(cache_dir: Path, tmp_path: Path, preloaded_python: PreloadedPython) -> Workers:
    return Workers(cache_dir, tmp_path, preloaded_python)
