"""Worker processes forked from an interpreter that has already imported their modules.

The caching and connection tests start many short Python scripts as real, separate
processes (``tests/unit/caching/cache_worker.py``, ``tests/unit/connections/query_worker.py``).
A fresh interpreter spends about a second of CPU importing jupyst, pandas and sqlalchemy
before the script does anything, and on a loaded two-core machine that second becomes
several, eight times over in a race test. Here an interpreter (the *fork server*) imports
those modules once; each worker is then ``os.fork()``-ed from it and runs its script as
``python script.py ARGS`` would: its own pid and memory, the argv, environment, working
directory and stdin/stdout/stderr it was given, a fresh ``__main__``, atexit handlers and
an exit status (or the signal that killed it).

``PreloadedPython.popen`` returns a ``subprocess.Popen`` whose ``pid``, ``poll``, ``wait``,
``communicate``, ``send_signal``/``kill`` and ``returncode`` behave as for an exec'd child.
The fork server, not the test process, is the worker's parent: it reaps the worker and
reports the exit status over a socket the ``Popen`` reads.

Two fork servers serve each preload list in turn, so two workers started one after the
other never share a string hash seed (``PYTHONHASHSEED`` is random per interpreter, and
every fork of one server inherits its seed): a cache key that leaned on ``hash()`` would
still show up as a miss between processes.

Run as a script, this module is the fork server: ``python preloaded_python.py FD MODULE...``.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from typing import Any, NoReturn

_MAX_MESSAGE = 1 << 20


# -- the fork server (runs in its own interpreter) -----------------------------------------


def _serve(control: socket.socket) -> dict[str, Any] | None:
    """Fork a worker per request until the test process hangs up.

    Returns the request in the forked child (which then runs the script) and None in the
    server when the control socket closes.
    """
    selector = selectors.DefaultSelector()
    selector.register(control, selectors.EVENT_READ, None)
    waiting: dict[int, tuple[int, socket.socket]] = {}  # pidfd -> (pid, status socket)
    while True:
        for key, _ in selector.select():
            if key.data is None:
                message, fds, _flags, _addr = socket.recv_fds(control, _MAX_MESSAGE, 4)
                if not message:
                    return None
                request = json.loads(message)
                status_fd, stdin, stdout, stderr = fds
                pid = os.fork()
                if pid == 0:
                    # The child keeps only its stdio: nothing of the server's bookkeeping.
                    selector.close()
                    control.close()
                    os.close(status_fd)
                    for pidfd, (_pid, status) in waiting.items():
                        os.close(pidfd)
                        status.close()
                    for target, fd in enumerate((stdin, stdout, stderr)):
                        os.dup2(fd, target)
                    for fd in {stdin, stdout, stderr}:
                        if fd > 2:
                            os.close(fd)
                    return request
                for fd in {stdin, stdout, stderr}:
                    os.close(fd)
                status = socket.socket(fileno=status_fd)
                status.sendall(json.dumps({"pid": pid}).encode() + b"\n")
                pidfd = os.pidfd_open(pid)
                waiting[pidfd] = (pid, status)
                selector.register(pidfd, selectors.EVENT_READ, pid)
            else:
                pidfd = key.fd
                pid, status = waiting.pop(pidfd)
                selector.unregister(pidfd)
                os.close(pidfd)
                _, wait_status = os.waitpid(pid, 0)
                code = os.waitstatus_to_exitcode(wait_status)
                with contextlib.suppress(OSError):  # nobody is waiting for this one any more
                    status.sendall(json.dumps({"exit": code}).encode() + b"\n")
                status.close()


def _become(request: dict[str, Any], base_path: list[str]) -> str:
    """Make this forked process look like ``python SCRIPT ARGS`` started afresh."""
    script = os.path.abspath(request["argv"][0])
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.argv = [request["argv"][0], *request["argv"][1:]]
    extra = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    sys.path[:] = [os.path.dirname(script), *extra, *(p for p in base_path if p not in extra)]
    if "numpy" in sys.modules:  # its global generator was seeded once, in the server
        sys.modules["numpy"].random.seed()
    return script


def _server_main(argv: list[str]) -> None:
    control = socket.socket(fileno=int(argv[1]))
    del sys.path[0]  # this file's folder (tests/): nothing there may shadow what is preloaded
    own_path = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    base_path = [p for p in sys.path if p not in own_path]
    for module in argv[2:]:
        __import__(module)
    sys.stdout.flush()
    import gc

    gc.collect()
    gc.freeze()
    control.sendall(b"ready")
    request = _serve(control)
    if request is None:
        return
    script = _become(request, base_path)
    _run_as_main(script)


def _run_as_main(script: str) -> NoReturn:
    """Run ``script`` as ``__main__``; its exit status, after its atexit handlers ran.

    What the interpreter does at exit besides the atexit handlers (freeing every module and
    object one by one) is skipped: in a fork that writes to every page it shares with the
    server and took seconds per worker; a killed kernel skips it too.
    """
    import atexit
    import runpy
    import signal

    interrupted = False
    try:
        runpy.run_path(script, run_name="__main__")
        code = 0
    except SystemExit as exiting:
        code = _exit_status(exiting.code)
    except KeyboardInterrupt:
        sys.excepthook(*sys.exc_info())
        interrupted, code = True, 1
    except BaseException:
        sys.excepthook(*sys.exc_info())
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    if interrupted:  # as CPython does: die of the SIGINT, so the parent sees the signal
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    os._exit(code)


def _exit_status(code: object) -> int:
    """The status ``sys.exit(code)`` gives a process (a message goes to stderr, status 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    sys.stderr.write(f"{code}\n")
    return 1


# -- the test process's side ---------------------------------------------------------------


class _ForkServer:
    """One fork server process and its control socket."""

    def __init__(self, preload: Sequence[str], env: dict[str, str]) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - the server's stderr, kept open while it runs
        self.proc = subprocess.Popen(
            [sys.executable, __file__, str(theirs.fileno()), *preload],
            pass_fds=[theirs.fileno()], env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._log,
        )
        theirs.close()
        self.control = ours
        self._ready = False
        self._lock = threading.Lock()

    def _failure(self, what: str) -> RuntimeError:
        self._log.seek(0)
        return RuntimeError(f"the fork server {what}:\n{self._log.read().decode(errors='replace')}")

    def request(self, request: dict[str, Any], fds: list[int]) -> None:
        with self._lock:
            if not self._ready:
                self.control.settimeout(120)
                if self.control.recv(16) != b"ready":
                    raise self._failure("did not start")
                self.control.settimeout(None)
                self._ready = True
            try:
                socket.send_fds(self.control, [json.dumps(request).encode()], fds)
            except OSError as error:
                raise self._failure(f"is gone ({error})") from error

    def close(self) -> None:
        self.control.close()  # the server exits at end of file
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log.close()


class ForkedPopen(subprocess.Popen):  # type: ignore[type-arg]
    """A ``subprocess.Popen`` of a worker forked by a fork server rather than exec'd."""

    def __init__(self, server: _ForkServer, args: Sequence[str], **kwargs: Any) -> None:
        self._server = server
        self._status: socket.socket | None = None
        self._pending = b""
        super().__init__(list(args), **kwargs)

    # Popen calls this with the child's ends of the pipes it made (-1: inherit ours).
    def _execute_child(  # type: ignore[override]
        self, args: list[str], executable: Any, preexec_fn: Any, close_fds: Any, pass_fds: Any,
        cwd: Any, env: Any, startupinfo: Any, creationflags: Any, shell: Any,
        p2cread: int, p2cwrite: int, c2pread: int, c2pwrite: int, errread: int, errwrite: int,
        *_rest: Any,
    ) -> None:
        if shell or preexec_fn is not None or pass_fds:
            raise ValueError("a forked worker takes neither shell, preexec_fn nor pass_fds")
        if len(args) < 2 or not args[1].endswith(".py"):
            raise ValueError("a forked worker runs a script: [python, script.py, args...]")
        ours, theirs = socket.socketpair()
        stdio = [fd if fd != -1 else default for fd, default in ((p2cread, 0), (c2pwrite, 1), (errwrite, 2))]
        try:
            self._server.request(
                {
                    "argv": [str(a) for a in args[1:]],
                    "env": dict(os.environ if env is None else env),
                    # As an exec'd child would: the caller's directory now, not the server's.
                    "cwd": os.getcwd() if cwd is None else os.fspath(cwd),
                },
                [theirs.fileno(), *stdio],
            )
        finally:
            theirs.close()
            self._close_pipe_fds(p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite)  # type: ignore[attr-defined]
        self._status = ours
        line = self._read_line(timeout=120)
        if line is None:
            raise RuntimeError("the fork server did not report the worker's pid")
        self.pid = json.loads(line)["pid"]
        self._child_created = True

    def _read_line(self, timeout: float | None) -> bytes | None:
        """The next status line; None when it has not come within ``timeout`` (0: no wait)."""
        assert self._status is not None
        self._status.settimeout(timeout)
        while b"\n" not in self._pending:
            try:
                chunk = self._status.recv(256)
            except (TimeoutError, BlockingIOError):
                return None
            if not chunk:
                raise RuntimeError("the fork server went away before the worker ended")
            self._pending += chunk
        line, self._pending = self._pending.split(b"\n", 1)
        return line

    def _collect(self, timeout: float | None) -> None:
        line = self._read_line(timeout)
        if line is not None:
            self.returncode = json.loads(line)["exit"]
            assert self._status is not None
            self._status.close()

    def _internal_poll(self, _deadstate: Any = None, **_ignored: Any) -> int | None:
        if self.returncode is None and self._status is not None:
            self._collect(timeout=0)
        return self.returncode

    def _wait(self, timeout: float | None) -> int:
        if self.returncode is None:
            self._collect(timeout)
            if self.returncode is None:
                raise subprocess.TimeoutExpired(self.args, timeout or 0)
        return self.returncode


class PreloadedPython:
    """Fork servers by preload list, started on first use, two of each taking turns."""

    def __init__(self) -> None:
        self._servers: dict[tuple[str, ...], list[_ForkServer]] = {}
        self._turn = 0
        self._lock = threading.Lock()

    def _server(self, preload: tuple[str, ...], env: dict[str, str]) -> _ForkServer:
        with self._lock:
            if preload not in self._servers:
                # Both start at once: the second has imported by the time it is needed.
                self._servers[preload] = [_ForkServer(preload, env) for _ in range(2)]
            self._turn += 1
            return self._servers[preload][self._turn % 2]

    def popen(self, args: Sequence[str | os.PathLike[str]], *, preload: Sequence[str], **kwargs: Any) -> ForkedPopen:
        """``subprocess.Popen(args, **kwargs)`` for ``args = [python, script.py, ...]``, forked."""
        env = kwargs.get("env") or dict(os.environ)
        server = self._server(tuple(preload), env)
        return ForkedPopen(server, [os.fspath(a) for a in args], **kwargs)

    def run(
        self, args: Sequence[str | os.PathLike[str]], *, preload: Sequence[str], timeout: float | None = None,
        input: Any = None, **kwargs: Any,  # noqa: A002 - subprocess.run's name
    ) -> subprocess.CompletedProcess[Any]:
        """``subprocess.run(args, capture_output=True, ...)`` for a forked worker."""
        if input is not None:
            kwargs["stdin"] = subprocess.PIPE
        with self.popen(args, preload=preload, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs) as proc:
            try:
                out, err = proc.communicate(input, timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                raise
            return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)

    def close(self) -> None:
        with self._lock:
            for servers in self._servers.values():
                for server in servers:
                    server.close()
            self._servers.clear()


if __name__ == "__main__":
    _server_main(sys.argv)
