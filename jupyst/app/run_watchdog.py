"""The limit on how long one script run may take, and stopping a run that no st.* call ends.

A run is normally ended early at its next ``st.*`` call (a newer event, ``st.stop``, a closed
session). A script spinning in plain Python (``while True: pass``) makes no such call, so
it would hold its session (shared mode) or its kernel (isolated mode) at 100 % CPU for
good. This module raises an exception *in the script thread itself*
(``PyThreadState_SetAsyncExc``): Python delivers it between two bytecodes, whatever the
script is doing in Python code. A script blocked inside one C call (``time.sleep(3600)``)
gets it when that call returns.

- :func:`set_run_timeout` sets the limit for every app session of this process (``jupyst
  run --run-timeout``; 0, the default outside ``jupyst run``, means no limit). One daemon
  thread per process watches every session's run.
- :meth:`RunWatch.watch` brackets the part of a run that executes the app's code (callbacks
  and the script); only there is the exception raised, never inside the runtime's commit.
- :meth:`RunWatch.stop` ends a run at once (a closing session whose script is stuck).
"""

from __future__ import annotations

import ctypes
import logging
import os
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from jupyst.errors import ScriptControlException, StopException

log = logging.getLogger("jupyst")

#: the environment variable that gives a visitor's kernel its limit (isolated mode)
RUN_TIMEOUT_ENV = "JUPYST_RUN_TIMEOUT"
#: how often the watchdog looks at the runs going on (seconds)
CHECK_EVERY = 0.25
#: how often an exception is raised again into a run that caught it (seconds)
RAISE_AGAIN_EVERY = 1.0

_limit = 0.0
_lock = threading.Lock()
_watches: weakref.WeakSet[RunWatch] = weakref.WeakSet()
_thread: threading.Thread | None = None


class RunTimedOut(ScriptControlException):
    """The run took longer than ``--run-timeout`` seconds and was stopped.

    Raised asynchronously in the script thread (so it takes no arguments); a
    ``ScriptControlException`` so that a script's ``except Exception`` does not swallow it.
    """


def set_run_timeout(seconds: float) -> None:
    """Stop every run of this process's app sessions after ``seconds`` (0: never)."""
    global _limit
    if seconds < 0:
        raise ValueError(f"a run timeout is 0 (none) or more seconds, not {seconds}")
    _limit = float(seconds)
    if _limit > 0:
        _ensure_thread()


def set_run_timeout_from_env() -> None:
    """In a visitor's kernel: take the limit `jupyst run` gave its kernels (if any)."""
    text = os.environ.get(RUN_TIMEOUT_ENV, "")
    try:
        seconds = float(text)
    except ValueError:
        return
    if seconds >= 0:
        set_run_timeout(seconds)


def run_timeout() -> float:
    """The limit in seconds (0: none)."""
    return _limit


def timeout_message(seconds: float) -> str:
    """What the visitor reads in place of the rest of a run that was stopped."""
    return (
        f"This app took longer than {seconds:g} seconds to run and was stopped. "
        "Change a widget or reload the page to run it again."
    )


def raise_in_thread(thread_id: int, exc_type: type[BaseException] | None) -> bool:
    """Schedule ``exc_type`` in thread ``thread_id`` (None clears a pending one)."""
    exc = ctypes.py_object(exc_type) if exc_type is not None else None
    count = ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), exc)
    return bool(count == 1)


class RunWatch:
    """One session's run as the watchdog sees it: which thread runs app code since when."""

    def __init__(self) -> None:
        self._thread_id: int | None = None
        self._started = 0.0
        self._raised_at = 0.0
        #: the exception to raise: RunTimedOut, or StopException for a closing session
        self._pending: type[BaseException] | None = None
        self._fired = False
        with _lock:
            _watches.add(self)

    @property
    def running(self) -> bool:
        return self._thread_id is not None

    @contextmanager
    def watch(self) -> Iterator[None]:
        """Run the block as app code that the watchdog may stop. The caller catches
        :class:`RunTimedOut` (and ``StopException``) around this block, since one raised
        just as the block ends surfaces at its exit."""
        with _lock:
            self._thread_id = threading.get_ident()
            self._started = time.monotonic()
            self._pending = None
            self._fired = False
        try:
            yield
        finally:
            with _lock:
                thread_id, fired = self._thread_id, self._fired
                self._thread_id = None
            if fired and thread_id is not None:
                raise_in_thread(thread_id, None)  # one scheduled but not yet delivered

    def stop(self) -> bool:
        """End the run going on now (a closing session); False when none is."""
        with _lock:
            if self._thread_id is None:
                return False
            self._pending = StopException
            self._fire(time.monotonic())
        _ensure_thread()  # keeps raising if the script catches it
        return True

    def check(self, now: float, limit: float) -> None:
        """Called by the watchdog (under the lock): raise into a run past the limit."""
        if self._thread_id is None:
            return
        if self._pending is None and limit > 0 and now - self._started > limit:
            self._pending = RunTimedOut
            log.warning("jupyst: a run took over %g s and was stopped (--run-timeout)", limit)
        if self._pending is not None and now - self._raised_at >= RAISE_AGAIN_EVERY:
            self._fire(now)

    def _fire(self, now: float) -> None:
        assert self._thread_id is not None
        self._fired = True
        self._raised_at = now
        raise_in_thread(self._thread_id, self._pending)


def _ensure_thread() -> None:
    global _thread
    with _lock:
        if _thread is not None and _thread.is_alive():
            return
        _thread = threading.Thread(target=_watchdog, name="jupyst-run-watchdog", daemon=True)
        _thread.start()


def _watchdog() -> None:
    while True:
        time.sleep(CHECK_EVERY)
        now = time.monotonic()
        with _lock:
            for watch in list(_watches):
                try:
                    watch.check(now, _limit)
                except Exception:  # one bad watch must not end the watchdog
                    log.exception("jupyst: the run watchdog failed on one session")
