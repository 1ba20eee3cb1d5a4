"""The Binder rehearsal's environment, built in the background while other tests run.

repo2docker installs ``binder/requirements.txt`` into a fresh Python environment, then runs
``binder/postBuild`` from the repository root. Here the same two steps go into a new
virtualenv (nothing of the test venv in it). They take one to five minutes of downloading and
unpacking, so the e2e conftest starts them as soon as collection has picked a Binder test, and
the test waits for them: the build overlaps the tests that run meanwhile.

Under pytest-xdist every worker collects every test, but only the first worker builds; the
folder is named after the run, so whichever worker runs the Binder test finds the build, and
the build says it is over by writing ``done`` (its timings) or ``failed`` (the log's tail).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from tests.e2e.server import private_env

REPO = Path(__file__).resolve().parents[2]
BINDER = REPO / "binder"
STEP_TIMEOUT = 900
#: the run's id under pytest-xdist (the same in every worker); one of our own otherwise
RUN_ID = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex


def build_root() -> Path:
    return Path(tempfile.gettempdir()) / f"jupyst-binder-{RUN_ID}"


def build_env(root: Path) -> dict[str, str]:
    """The environment of the build and of the JupyterLab it installs: only the new venv."""
    env = private_env(root / "env")
    env.pop("PYTHONPATH", None)  # nothing of this checkout but what postBuild installs
    env.pop("VIRTUAL_ENV", None)
    env["PATH"] = os.pathsep.join([str(root / "venv" / "bin"), env.get("PATH", "")])
    # pip's own cache of wheels, as a Binder build would reuse its layer cache
    env["PIP_CACHE_DIR"] = os.environ.get("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))
    return env


def start_build() -> threading.Thread:
    """Build into ``build_root()`` on a thread of this process."""
    root = build_root()
    root.mkdir(parents=True, exist_ok=True)
    thread = threading.Thread(target=_build, args=(root,), name="binder-build", daemon=True)
    thread.start()
    return thread


def wait_for_build(timeout: float = 3 * STEP_TIMEOUT) -> tuple[Path, dict[str, float]]:
    """The venv and the steps' timings once the build is over; AssertionError if it failed."""
    root = build_root()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (root / "failed").exists():
            raise AssertionError((root / "failed").read_text(errors="replace"))
        if (root / "done").exists():
            return root / "venv", json.loads((root / "done").read_text())
        time.sleep(1)
    raise AssertionError(f"the Binder build did not finish in {timeout:.0f} s")


def remove_build() -> None:
    shutil.rmtree(build_root(), ignore_errors=True)


_CLEANUPS: list[threading.Thread] = []


def clean_up_in_background(*steps: Callable[[], object]) -> None:
    """Run ``steps`` on a thread while the worker goes on to its next test: stopping JupyterLab
    (its kernels' shutdowns) and deleting the built environment take up to a minute and a half
    on a loaded machine. :func:`wait_for_cleanups` (the session's end) waits for them."""

    def run() -> None:
        for step in steps:
            step()

    thread = threading.Thread(target=run, name="binder-cleanup")
    thread.start()
    _CLEANUPS.append(thread)


def wait_for_cleanups() -> None:
    for thread in _CLEANUPS:
        thread.join()


def _build(root: Path) -> None:
    try:
        _run_steps(root)
    except Exception as exc:  # whatever stops the build must reach the waiting test
        (root / "failed").write_text(f"the Binder build stopped: {exc!r}")


def _run_steps(root: Path) -> None:
    venv = root / "venv"
    env = build_env(root)
    log = root / "build.log"
    steps = {
        "venv": [sys.executable, "-m", "venv", str(venv)],
        "requirements.txt": [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "-r", str(BINDER / "requirements.txt")],
        "postBuild": ["bash", str(BINDER / "postBuild")],
    }
    timings: dict[str, float] = {}
    began = time.perf_counter()
    with open(log, "ab") as out:
        for name, command in steps.items():
            step = time.perf_counter()
            out.write(f"$ {' '.join(command)}\n".encode())
            out.flush()
            try:
                code = subprocess.run(command, env=env, cwd=REPO, stdout=out, stderr=subprocess.STDOUT, timeout=STEP_TIMEOUT).returncode
            except subprocess.TimeoutExpired:
                code = -1
            if code != 0:
                out.flush()
                (root / "failed").write_text(f"{command} failed ({code}):\n{log.read_text(errors='replace')[-4000:]}")
                return
            timings[name] = time.perf_counter() - step
    timings["build"] = time.perf_counter() - began
    (root / "done").write_text(json.dumps(timings))
