"""How many visitors' kernels a `jupyst run` server holds, and which requests may start one.

- Only the app's routes start a kernel: ``/`` and, for a multipage app (a ``pages/`` folder,
  or a script calling ``st.navigation``), one path segment that is not a Jupyter route. Any
  other path is a plain 404 (``/lab``, ``/tree``, ``/login``, ``/metrics`` used to start one).
- At most ``max_kernels`` visitors' kernels at once (default: from the memory available at
  start); the next visitor gets a "busy" page at once, HTTP 503 with ``Retry-After``.
- A kernel whose page never connected its websocket (a ``curl``, a crawler, a tab closed
  while the first run was going) is shut down :data:`RECLAIM_AFTER` seconds after its request
  ended, not at the idle cull.
"""

from __future__ import annotations

import logging
import math
import time
from pathlib import Path
from typing import Any

log = logging.getLogger("jupyst")

#: memory one visitor's kernel takes, for the default limit (a kernel with jupyst, pandas and
#: an app's widgets measured 60-120 MB)
KERNEL_MEMORY = 150 * 1024 * 1024
#: share of the available memory the default limit lets kernels take
MEMORY_SHARE = 0.75
MIN_KERNELS, MAX_DEFAULT_KERNELS = 2, 64
#: seconds after its page request ended that a never-connected kernel is shut down
RECLAIM_AFTER = 10.0
#: what a busy server tells the visitor's browser to wait before trying again (seconds)
#: one-segment paths that are Jupyter's or a server's, never an app page
RESERVED = frozenset({
    "api", "lab", "tree", "login", "logout", "metrics", "files", "notebooks", "edit", "view", "terminals",
    "nbconvert", "kernelspecs", "static", "custom", "nbextensions", "hub", "user", "voila", "healthz", "readyz",
})


def available_memory() -> int | None:
    """Bytes of memory available now (Linux's MemAvailable), None where unknown."""
    try:
        for line in Path("/proc/meminfo").read_text(encoding="ascii").splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def default_max_kernels(memory: int | None = None) -> int:
    """The limit when none is given: what fits in three quarters of the available memory."""
    memory = available_memory() if memory is None else memory
    if memory is None:
        return 8
    return max(MIN_KERNELS, min(MAX_DEFAULT_KERNELS, int(memory * MEMORY_SHARE // KERNEL_MEMORY)))


def app_has_pages(app_path: Path, kind: str) -> bool:
    """Whether the app may have page URLs of its own (``/<url_path>``)."""
    if kind != "script":
        return True
    if (app_path.parent / "pages").is_dir():
        return True
    try:
        return "navigation(" in app_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return True


def is_app_route(path: str | None, has_pages: bool) -> bool:
    """Whether a GET of ``/<path>`` is the app (and may start a kernel)."""
    if not path:
        return True
    return has_pages and "/" not in path and "." not in path and path.lower() not in RESERVED


class KernelWatch:
    """Which kernels were started for a page, and whether that page ever connected."""

    def __init__(self, max_kernels: int, reclaim_after: float = RECLAIM_AFTER) -> None:
        self.max_kernels = max_kernels
        self.reclaim_after = reclaim_after
        #: kernel id -> when its page request ended (None while it is still going)
        self.pending: dict[str, float | None] = {}
        self.connected: set[str] = set()
        #: page requests let in whose kernel is not started yet (they count against the limit)
        self.starting = 0
        self._sweeper: Any = None

    def visitors(self, kernel_manager: Any) -> int:
        """Visitors holding or starting a kernel now (preheated spare kernels do not count).

        A started kernel is listed a few event-loop turns before its start returns to the page
        that asked for it: a listed kernel no page has claimed yet is a starting page's, and
        that page counts once, not twice.
        """
        ids = set(kernel_manager.list_kernel_ids())
        spare = sum(len(pool) for pool in (getattr(kernel_manager, "_pools", None) or {}).values())
        claimed = ids & (self.pending.keys() | self.connected)
        unclaimed = max(0, len(ids) - len(claimed) - spare)
        return len(ids) - spare + self.starting - min(unclaimed, self.starting)

    def full(self, kernel_manager: Any) -> bool:
        """Whether a new visitor would go over the limit."""
        try:
            return self.visitors(kernel_manager) >= self.max_kernels
        except Exception:
            return False

    def started(self, kernel_id: str) -> None:
        if kernel_id not in self.connected:
            self.pending[kernel_id] = None

    def page_done(self, kernel_id: str | None) -> None:
        if kernel_id and kernel_id in self.pending and self.pending[kernel_id] is None:
            self.pending[kernel_id] = time.monotonic()

    def page_closed(self, kernel_id: str | None) -> None:
        """The visitor went away before the page was whole: its kernel goes at the next sweep."""
        if kernel_id and kernel_id in self.pending:
            self.pending[kernel_id] = -math.inf

    def on_connect(self, kernel_id: str | None) -> None:
        if kernel_id:
            self.connected.add(kernel_id)
            self.pending.pop(kernel_id, None)

    def due(self, now: float | None = None) -> list[str]:
        """Kernels whose page ended more than ``reclaim_after`` seconds ago and never connected."""
        now = time.monotonic() if now is None else now
        return [kid for kid, ended in self.pending.items() if ended is not None and now - ended > self.reclaim_after]

    def start_sweeping(self, kernel_manager: Any) -> None:
        """Shut due kernels down every second or two (on the server's IOLoop; once)."""
        if self._sweeper is not None:
            return
        from tornado.ioloop import PeriodicCallback

        async def sweep() -> None:
            live = set(kernel_manager.list_kernel_ids())
            self.connected &= live
            for kid in self.due():
                self.pending.pop(kid, None)
                if kid in live:
                    log.warning("jupyst: shutting down kernel %s: its page never connected", kid)
                    try:
                        await kernel_manager.shutdown_kernel(kid)
                    except Exception as exc:  # already gone
                        log.warning("jupyst: could not shut down kernel %s: %s", kid, exc)

        self._sweeper = PeriodicCallback(sweep, 1500)
        self._sweeper.start()


def logout_handler() -> type:
    """``/logout`` of a published app: a plain 404 (Jupyter's own page fails in Voilà's
    template folders with a traceback; jupyst's sign-out is ``auth/logout``)."""
    from jupyter_server.base.handlers import JupyterHandler

    class LogoutNotFound(JupyterHandler):
        def get(self) -> None:
            self.set_status(404)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish("404: Not Found\n")

    return LogoutNotFound
