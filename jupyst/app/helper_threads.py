"""When the writes of an app's helper threads reach the screen.

A helper thread is one the app started and attached a run context to
(``add_script_run_ctx``). Its ``st.*`` calls change the session's live tree (see
:mod:`jupyst.elements.lib.thread_writes`); this module shows the change:

- while the live run is going, as a mid-run flush (the script thread's own flushes and its
  final commit show it too);
- after the run ended, by committing that run's tree again: the reconciler sends only what
  changed, so a placeholder a thread updates every second costs one message a second;
- at most every ``FLUSH_INTERVAL`` seconds: a thread writing in a tight loop does not
  commit the tree at every call, and its last write still shows (a timer catches it up).

Everything here runs under the session's tree lock, so a helper thread's commit never
interleaves with the script thread's and never shows a tree an older run left behind.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from jupyst.runtime.run_context import FLUSH_INTERVAL, RunContext, attach_run_context

if TYPE_CHECKING:
    from jupyst.app.session import AppSession


class HelperWrites:
    """The live run of a session and the showing of what helper threads drew into it."""

    def __init__(self, session: AppSession) -> None:
        self.session = session
        #: the newest full run (going or ended): where helper threads draw
        self.live: RunContext | None = None
        #: the full run going now, None between runs
        self.running: RunContext | None = None
        self._timer: threading.Timer | None = None

    def run_started(self, ctx: RunContext) -> None:
        self.live = ctx
        self.running = ctx

    def run_ended(self) -> None:
        self.running = None

    def show(self, ctx: RunContext) -> None:
        """A helper thread drew into ``ctx``: show it now, or when the interval is up."""
        if ctx is not self.live:
            return
        wait = FLUSH_INTERVAL - (time.perf_counter() - ctx.last_flush)
        if wait <= 0:
            self._show(ctx)
        elif self._timer is None:
            timer = threading.Timer(wait, self._show_later, (ctx,))
            timer.name = "jupyst-helper-writes"
            timer.daemon = True
            # The timer commits as the session's code (in shared mode: in its visitor's kernel).
            attach_run_context(timer, ctx)
            self._timer = timer
            timer.start()

    def _show_later(self, ctx: RunContext) -> None:
        with self.session.tree_lock:
            self._timer = None
            self._show(ctx)

    def _show(self, ctx: RunContext) -> None:
        session = self.session
        if session.closed or ctx is not self.live:
            return
        ctx.last_flush = time.perf_counter()
        if ctx is self.running:
            session.commit(ctx, final=False)
        elif ctx is session.last_ctx:
            # An ended run's tree is complete: commit it as final, unless a fragment run is
            # redrawing part of it now (that run's own commit ends its blocks).
            session.reconciler.commit(ctx, final=session.fragment_run is None)
        # else: a run that was interrupted (a newer one starts now) shows nothing.

    def close(self) -> None:
        timer = self._timer
        if timer is not None:
            timer.cancel()
