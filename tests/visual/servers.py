"""`streamlit run` for the visual parity suite: the oracle page beside jupyst's.

Bound to 127.0.0.1 on a free port, headless, no usage statistics, started in its own
process session and stopped (SIGTERM, then SIGKILL of the group) by the fixture.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.e2e.server import free_port


class StreamlitServer:
    """``streamlit run <script>`` in the background, with its output in a log file."""

    def __init__(self, script: Path, env: dict[str, str], cwd: Path, log_path: Path) -> None:
        self.port = free_port()
        self.script = script
        self.env = env
        self.cwd = cwd
        self.log_path = log_path
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self, timeout: float = 90.0) -> StreamlitServer:
        command = [
            sys.executable, "-m", "streamlit", "run", str(self.script),
            "--server.port", str(self.port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
        ]
        with open(self.log_path, "wb") as log:
            self._proc = subprocess.Popen(command, cwd=self.cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self._proc.returncode}:\n{self.log_path.read_text(errors='replace')}")
            with contextlib.suppress(OSError), urllib.request.urlopen(self.url + "_stcore/health", timeout=5) as response:
                if response.status == 200:
                    return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"streamlit did not get ready in {timeout} s")

    def stop(self) -> None:
        proc = self._proc
        if proc is None:
            return
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)
        self._proc = None
