"""A real `jupyst run` server for browser tests: started in its own process session, on a
free 127.0.0.1 port, with HOME and every Jupyter folder in a temporary directory.

Readiness is a GET of a static asset (``/voila/static/voila.js``): a GET of ``/`` would start
a kernel. Stopping sends SIGTERM (Voilà then shuts its kernels down) and kills the process
group if it has not exited in 20 s.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO

READY_PATH = "/voila/static/voila.js"
STOP_GRACE = 20.0
#: how many free ports a server start tries (another process can take one before the bind)
PORT_TRIES = 3


class PortTaken(RuntimeError):
    """The server found its port taken before it could bind it."""


#: ports servers are started on: below Linux's ephemeral range (32768 up), where the ports of
#: kernels' ZMQ sockets and of outgoing connections are drawn and could take one meanwhile
SERVER_PORTS = (20000, 32000)


def free_port() -> int:
    """A 127.0.0.1 port free now, from SERVER_PORTS (any free port if none is found there)."""
    for _ in range(100):
        port = random.randint(*SERVER_PORTS)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def private_env(root: Path) -> dict[str, str]:
    """An environment whose home and Jupyter/IPython/XDG folders all live under ``root``."""
    env = dict(os.environ)
    dirs = {
        "HOME": "home",
        "JUPYTER_CONFIG_DIR": "jupyter/config",
        "JUPYTER_DATA_DIR": "jupyter/data",
        "JUPYTER_RUNTIME_DIR": "jupyter/runtime",
        "IPYTHONDIR": "ipython",
        "XDG_CONFIG_HOME": "xdg/config",
        "XDG_DATA_HOME": "xdg/data",
        "XDG_CACHE_HOME": "xdg/cache",
        "XDG_RUNTIME_DIR": "xdg/runtime",
    }
    for name, sub in dirs.items():
        path = root / sub
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        env[name] = str(path)
    for name in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH"):
        env.pop(name, None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def jupyst_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "jupyst", *args]


class JupystServer:
    """``jupyst <args> --port P`` running in the background, with its output in a log file."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path, log_path: Path) -> None:
        self.port = self._picked_port = free_port()
        self.args = [*args, "--port", str(self.port), "--host", "127.0.0.1"]
        self.env = env
        self.cwd = cwd
        self.log_path = log_path
        self.started_in = 0.0
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self._term_sent = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self, timeout: float = 180.0) -> JupystServer:
        for _ in range(PORT_TRIES - 1):
            try:
                return self._start(timeout)
            except PortTaken:
                # Between free_port() and the server's bind another process (a kernel's ZMQ
                # sockets, a parallel test's server) took the port: pick another. A port the
                # test chose itself (a restart on the same port) is never swapped.
                if self.port != self._picked_port:
                    raise
                self._take_port(free_port())
        return self._start(timeout)

    def _take_port(self, port: int) -> None:
        """Start on ``port`` instead: the value after ``--port`` (or ``--server.port``) changes."""
        args = list(self.args)
        for i in range(1, len(args)):
            if args[i - 1] in ("--port", "--server.port") and args[i] == str(self.port):
                args[i] = str(port)
        self.args = args
        self.port = self._picked_port = port

    def _start(self, timeout: float) -> JupystServer:
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - open while the server runs; stop() closes it
        began = time.perf_counter()
        self._proc = subprocess.Popen(
            jupyst_command(*self.args), cwd=self.cwd, env=self.env, stdout=self._log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = began + timeout
        while time.perf_counter() < deadline:
            if self._proc.poll() is not None:
                self._log.close()
                if "is already in use" in self.log():
                    raise PortTaken(self.log())
                raise RuntimeError(f"jupyst exited with {self._proc.returncode}:\n{self.log()}")
            if self.status(READY_PATH) == 200:
                self.started_in = time.perf_counter() - began
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"jupyst did not get ready in {timeout} s:\n{self.log()}")

    def status(self, path: str) -> int:
        """The HTTP status of a GET of ``path`` (0 when nothing answers)."""
        try:
            with urllib.request.urlopen(self.url.rstrip("/") + path, timeout=5) as response:
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return int(exc.code)
        except (OSError, http.client.HTTPException):  # nothing there, or not an HTTP server
            return 0

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url.rstrip("/") + path, timeout=30) as response:
                return int(response.status), response.read()
        except urllib.error.HTTPError as exc:
            return int(exc.code), exc.read()

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def request_stop(self) -> None:
        """Send SIGTERM without waiting (servers stopped together shut down in parallel)."""
        if self._proc is not None and self._proc.poll() is None and not self._term_sent:
            self._proc.send_signal(signal.SIGTERM)
            self._term_sent = True

    def stop(self) -> int | None:
        proc = self._proc
        if proc is None:
            return None
        if proc.poll() is None:
            self.request_stop()
            try:
                proc.wait(STOP_GRACE)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)
        if self._log is not None:
            self._log.close()
        self._proc = None
        return proc.returncode
