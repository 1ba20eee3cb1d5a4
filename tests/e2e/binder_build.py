"""The Binder rehearsal's environment, built in the background while other tests run.

repo2docker installs ``binder/requirements.txt`` into a fresh Python environment, then runs
``binder/postBuild`` from the repository root. Here the same two steps go into a new
virtualenv (nothing of the test venv in it). They take one to three minutes of mostly
downloading and unpacking, so the e2e conftest starts them as soon as collection has picked
a Binder test, and the test waits for them: the build overlaps the suites that run first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.e2e.server import private_env

REPO = Path(__file__).resolve().parents[2]
BINDER = REPO / "binder"
STEP_TIMEOUT = 900


class BinderBuild:
    """One background build of the Binder environment; ``wait()`` gives its venv or raises."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="jupyst-binder-"))
        self.venv = self.root / "venv"
        self.log = self.root / "build.log"
        self.env = private_env(self.root / "env")
        self.env.pop("PYTHONPATH", None)  # nothing of this checkout but what postBuild installs
        self.env.pop("VIRTUAL_ENV", None)
        self.env["PATH"] = os.pathsep.join([str(self.venv / "bin"), self.env.get("PATH", "")])
        # pip's own cache of wheels, as a Binder build would reuse its layer cache
        self.env["PIP_CACHE_DIR"] = os.environ.get("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))
        self.timings: dict[str, float] = {}
        self._error: str | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._stopped = False
        self._thread = threading.Thread(target=self._build, name="binder-build", daemon=True)

    def start(self) -> BinderBuild:
        self._thread.start()
        return self

    def wait(self) -> Path:
        """Block until the build is done; the venv, or an AssertionError with the log's tail."""
        self._thread.join()
        if self._error is not None:
            raise AssertionError(self._error)
        return self.venv

    def close(self) -> None:
        """Stop a build still running and remove what it made."""
        self._stopped = True
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
        self._thread.join(30)
        shutil.rmtree(self.root, ignore_errors=True)

    def _build(self) -> None:
        steps = {
            "venv": [sys.executable, "-m", "venv", str(self.venv)],
            "requirements.txt": [str(self.venv / "bin" / "python"), "-m", "pip", "install", "-q", "-r", str(BINDER / "requirements.txt")],
            "postBuild": ["bash", str(BINDER / "postBuild")],
        }
        began = time.perf_counter()
        with open(self.log, "ab") as out:
            for name, command in steps.items():
                if self._stopped:
                    self._error = "the build was stopped"
                    return
                step = time.perf_counter()
                out.write(f"$ {' '.join(command)}\n".encode())
                out.flush()
                self._proc = subprocess.Popen(command, env=self.env, cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
                try:
                    code = self._proc.wait(STEP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    self._proc.kill()
                    code = -1
                if code != 0:
                    out.flush()
                    self._error = f"{command} failed ({code}):\n{self.log.read_text(errors='replace')[-4000:]}"
                    return
                self.timings[name] = time.perf_counter() - step
        self.timings["build"] = time.perf_counter() - began
