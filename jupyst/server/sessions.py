"""Every visitor's session in the shared server: creation, capacity, reconnection, the end.

A page GET reserves a slot and creates a virtual kernel and its session; the page then opens
its websocket. The pool ends a session when:

- its tab closed (Voilà's unload beacon, ``POST voila/api/shutdown/<id>``): at once;
- its socket dropped and did not come back within ``reconnect_grace`` seconds (a reconnect
  within the grace period finds the session as it left it);
- its page never opened a socket within ``connect_timeout`` seconds of its HTML being sent
  (a GET from a script, a tab closed while loading);
- it has been unconnected and idle for ``cull_idle`` seconds (as Jupyter's culler does).

``max_sessions`` bounds the sessions alive at once, reserved ones included: past it a new
visitor is refused before anything is created, so a refused visitor costs the others
nothing. Sessions are created and closed on worker threads (closing joins a script thread),
never on the event loop.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable

from tornado.ioloop import IOLoop, PeriodicCallback

from jupyst.runtime.script_source import ScriptSource
from jupyst.server.kernel import ManyWriter, VirtualKernel, Writer
from jupyst.server.session import SharedSession, VisitorRequest

log = logging.getLogger("jupyst.server")

#: memory a visitor is budgeted when --max-sessions is not given, and the ceiling of that default
SESSION_BUDGET_BYTES = 2 * 1024 * 1024
MAX_SESSIONS_CEILING = 500
#: how long a page GET waits for the app's first run before sending the page anyway
FIRST_RUN_WAIT = 50.0


def default_max_sessions() -> int:
    """Available memory / 2 MiB, at least 1, at most MAX_SESSIONS_CEILING."""
    try:
        available = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 100
    return max(1, min(MAX_SESSIONS_CEILING, available // SESSION_BUDGET_BYTES))


@dataclass(frozen=True)
class PoolOptions:
    max_sessions: int = 100
    reconnect_grace: float = 60.0
    connect_timeout: float = 30.0
    cull_idle: float = 600.0
    show_error_details: bool | str = False
    run_on_save: bool = False
    #: --run-timeout: the first run ends by then, so the page waits for it a little longer
    run_timeout: float = 0.0


class Busy(Exception):
    """No room for another session."""


class SessionPool:
    def __init__(self, script: str, options: PoolOptions, loop: IOLoop | None = None) -> None:
        self.script = script
        self.options = options
        self.kernels: dict[str, VirtualKernel] = {}
        self.loop = loop or IOLoop.current()
        self._workers = ThreadPoolExecutor(max_workers=4, thread_name_prefix="jupyst-sessions")
        self._closing: set[str] = set()
        self._cull: PeriodicCallback | None = None
        if options.cull_idle > 0:
            interval = min(60.0, max(0.5, options.cull_idle / 2))
            self._cull = PeriodicCallback(self.cull, interval * 1000)
            self._cull.start()

    # ----- capacity ------------------------------------------------------------------------
    @property
    def count(self) -> int:
        return len(self.kernels)

    def has_room(self) -> bool:
        return len(self.kernels) < self.options.max_sessions

    # ----- a new visitor (event loop) ------------------------------------------------------------
    def reserve(self) -> VirtualKernel:
        if not self.has_room():
            raise Busy()
        kernel = VirtualKernel(self.loop.add_callback)
        self.kernels[kernel.id] = kernel
        return kernel

    def page_sent(self, kernel: VirtualKernel) -> None:
        """The page's HTML is out (or its request ended): its socket should follow soon."""
        self.loop.call_later(self.options.connect_timeout, self._check_connected, kernel)

    async def start_session(self, kernel: VirtualKernel, request: VisitorRequest) -> SharedSession | None:
        """Create ``kernel``'s session and wait (bounded) for its first run to be on screen."""
        loop = asyncio.get_running_loop()
        source = ScriptSource(path=self.script)
        try:
            session = await loop.run_in_executor(self._workers, self._new_session, source, kernel, request)
        except Exception:
            log.exception("jupyst: could not start a session")
            self.close(kernel.id)
            return None
        if kernel.closed:
            return None
        done: asyncio.Future[None] = loop.create_future()

        def finished() -> None:
            def settle() -> None:
                if not done.done():
                    done.set_result(None)

            loop.call_soon_threadsafe(settle)

        session.when_first_run(finished)
        wait = self.options.run_timeout + 5 if self.options.run_timeout > 0 else FIRST_RUN_WAIT
        try:
            await asyncio.wait_for(done, wait)
        except asyncio.TimeoutError:
            log.warning("jupyst: the app's first run took over %s s; sending the page anyway", wait)
        return session

    def _new_session(self, source: ScriptSource, kernel: VirtualKernel, request: VisitorRequest) -> SharedSession:
        session = SharedSession(
            source, kernel, request, show_error_details=self.options.show_error_details,
            run_on_save=self.options.run_on_save,
        )
        kernel.session = session
        if kernel.closed:  # ended while it was being created: end this too
            session.close()
        return session

    def get(self, kernel_id: str) -> VirtualKernel | None:
        kernel = self.kernels.get(kernel_id)
        return None if kernel is None or kernel.closed else kernel

    # ----- sockets (event loop) ----------------------------------------------------------------
    def attach(
        self, kernel: VirtualKernel, writer: Writer, hang_up: Callable[[], None], write_many: ManyWriter | None = None,
    ) -> None:
        kernel.attach(writer, hang_up, write_many)

    def detach(self, kernel: VirtualKernel, writer: Writer) -> None:
        kernel.detach(writer)
        if not kernel.closed and not kernel.connected:
            kernel.last_activity = time.monotonic()
            self.loop.call_later(self.options.reconnect_grace, self._check_returned, kernel, kernel.last_activity)

    def _check_connected(self, kernel: VirtualKernel) -> None:
        if not kernel.connected_once and not kernel.closed:
            log.info("jupyst: session %s: its page never connected; closing it", kernel.id)
            self.close(kernel.id)

    def _check_returned(self, kernel: VirtualKernel, since: float) -> None:
        if not kernel.connected and not kernel.closed and kernel.last_activity == since:
            log.info("jupyst: session %s: its page did not come back; closing it", kernel.id)
            self.close(kernel.id)

    def cull(self) -> None:
        now = time.monotonic()
        for kernel in list(self.kernels.values()):
            if not kernel.connected and kernel.connected_once and now - kernel.last_activity >= self.options.cull_idle:
                log.info("jupyst: session %s: idle and unconnected; culling it", kernel.id)
                self.close(kernel.id)

    # ----- the end -------------------------------------------------------------------------------
    def close(self, kernel_id: str, on_closed: Callable[[], Any] | None = None) -> bool:
        """End a session (from the event loop); its widgets are freed on a worker thread."""
        kernel = self.kernels.pop(kernel_id, None)
        if kernel is None:
            return False
        kernel.hang_up()
        future = self._workers.submit(kernel.close)
        if on_closed is not None:
            future.add_done_callback(lambda _: self.loop.add_callback(on_closed))
        return True

    def close_all(self) -> None:
        if self._cull is not None:
            self._cull.stop()
        kernels = list(self.kernels.values())
        self.kernels.clear()
        for kernel in kernels:
            kernel.close()
        self._workers.shutdown(wait=True)
