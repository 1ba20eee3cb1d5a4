"""Fragment runs and ``run_every`` timers of one app session.

A fragment run reruns only the queued fragments instead of the script. It works on the
element tree the last full run committed: each fragment's container (and its slots in
containers made outside it) is emptied in place and drawn again by the fragment's body, and
only those blocks are committed, so no widget outside them gets a message. Widget state
cleanup at the end is limited to the widgets of the fragments that ran (Streamlit's rule).

``run_every`` timers live on one thread per session, which asks for a fragment run when a
fragment is due and none is already waiting for it: a slow fragment never piles up runs.
A published page and a notebook cell share this code, since the session owns its thread.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING

from jupyst.app.run_watchdog import RunTimedOut, run_timeout, timeout_message
from jupyst.app.script_runner import Outcome
from jupyst.delta_generator import main_dg
from jupyst.elements.lib.node import Node, place
from jupyst.errors import (
    SCRIPT_FAILURES,
    FragmentHandledException,
    RerunException,
    RerunInterrupt,
    StopException,
)
from jupyst.runtime.requests import RerunData, RerunRequests
from jupyst.runtime.run_context import RunContext, set_run_context

if TYPE_CHECKING:
    from jupyst.app.session import AppSession

log = logging.getLogger("jupyst")


class FragmentRun:
    """One fragment run: the fragments it reran and the blocks it commits."""

    def __init__(self, session: AppSession, ctx: RunContext) -> None:
        self.session = session
        self.ctx = ctx
        self.blocks: list[Node] = []
        self.stale: set[str] = set()
        self.executed: list[str] = []
        self.ran: set[str] = set()
        #: containers made outside the fragments whose slots (st.empty) this run refilled
        self.slot_parents: list[Node] = []

    def slot_written(self, parent: Node, replaced: Node | None) -> None:
        """A fragment refilled a slot of ``parent``: ``parent`` is redrawn at commit, and the
        element that was there is closed unless the run draws it again."""
        if not any(p is parent for p in self.slot_parents):
            self.slot_parents.append(parent)
        if replaced is not None:
            self.stale |= {n.key for n in replaced.walk()}

    def commit(self, final: bool) -> None:
        store = self.session.fragments
        blocks = list(self.blocks) + [p for p in self.slot_parents if not any(p is b for b in self.blocks)]
        for fid in sorted(self.ran):
            blocks += [w for w in store.wrappers_of(fid) if w not in blocks]
        self.session.reconciler.commit_blocks(blocks, final=final, stale=self.stale if final else set())

    def execute(self, data: RerunData) -> tuple[Outcome, list[str]]:
        session, ctx = self.session, self.ctx
        state, store = session.state, session.fragments
        due = state.begin_run(data.changes, data.triggers)
        for wid in data.carried:
            state.set_widget_value(wid, True)
        try:
            with session.run_watch.watch():  # --run-timeout (jupyst/app/run_watchdog.py)
                if due:
                    state.run_callbacks(due)
                    if state.rerun_from_callback:
                        return Outcome.RERUN, list(state.rerun_targets or ())
                for fid in ctx.fragment_ids_this_run:
                    frag = store.get(fid)
                    if frag is None or frag.block is None or store.has_ancestor_in(fid, self.executed):
                        continue
                    self.executed.append(fid)
                    self._mark_stale(fid, frag.block)
                    self.blocks.append(frag.block)
                    seq = store.sequence()
                    try:
                        frag.rerun()
                    except FragmentHandledException:
                        pass  # already shown inside the fragment; the other fragments still run
                    finally:
                        self.ran |= store.registered_after(seq) | {fid}
                        store.drop_stale_descendants(fid, store.registered_after(seq))
        except RunTimedOut as exc:
            self._show_error(exc)
            return Outcome.ERROR, []
        except StopException:
            return Outcome.STOPPED, []
        except RerunException as exc:
            return Outcome.RERUN, exc.fragment_ids
        except RerunInterrupt:
            return Outcome.INTERRUPTED, []
        except SCRIPT_FAILURES as exc:  # a callback failed: show it at the top of the first fragment
            log.debug("jupyst: callback error in a fragment run", exc_info=exc)
            self._show_error(exc)
            return Outcome.ERROR, []
        return Outcome.COMPLETED, []

    def _mark_stale(self, fid: str, block: Node) -> None:
        # Every widget key now under the fragment (and under its slots outside it): the ones
        # this run does not draw again are closed when it commits.
        store = self.session.fragments
        nodes = block.walk()[1:]
        for other in [fid, *[f for f in store.ids() if store.has_ancestor_in(f, [fid])]]:
            for slot in store.wrappers_of(other):
                nodes += slot.walk()
        self.stale |= {n.key for n in nodes}

    def _show_error(self, exc: BaseException) -> None:
        from jupyst.elements.alerts import exception_props
        from jupyst.runtime.script_errors import redact, report_script_error

        if isinstance(exc, RunTimedOut):
            shown = Node(kind="error", props={"body": timeout_message(run_timeout()), "icon": None, "title": None})
        else:
            report_script_error(exc, self.session.source.path or self.session.source.name)
            shown = Node(kind="exception", props=redact(exception_props(exc), self.session.show_error_details))
        if self.blocks:
            block = self.blocks[0]
        else:
            frag = self.session.fragments.get(self.ctx.fragment_ids_this_run[0])
            if frag is None or frag.block is None:
                return
            block = frag.block
            block.children = []
            self.blocks.append(block)
        place(block, len(block.children or ()), shown)


def run_fragments(session: AppSession, data: RerunData) -> None:
    """Rerun the fragments ``data`` asks for, on the last full run's tree."""
    last = session.last_ctx
    assert last is not None
    store = session.fragments
    ctx = RunContext(session=session, roots=last.roots, main=main_dg, page_hash=last.page_hash, page_config=last.page_config)
    ctx.fragment_ids_this_run = store.order(data.fragment_ids)
    run = FragmentRun(session, ctx)
    session.fragment_run = run
    session._running_click = bool(data.triggers or data.carried)
    submitted = session._submitted_forms(data.triggers)
    set_run_context(ctx)
    try:
        outcome, again = run.execute(data)
    finally:
        set_run_context(None)
        session.fragment_run = None
    if outcome is Outcome.INTERRUPTED:
        session.state.end_run(completed=False)
        session.requests.carry_over(data.triggers + data.carried)
        return
    if outcome is Outcome.RERUN:
        session.state.end_run(completed=False)
        if again:
            session.requests.request_fragments(again)
        else:
            session.requests.request_rerun()
        return
    session.state.end_run(completed=outcome is Outcome.COMPLETED, fragment_ids=run.executed)
    run.commit(final=True)
    session.fragment_runs += 1
    session.timers.sync(store.timed())
    for form_id in submitted:
        session._clear_form(form_id)


class FragmentTimers:
    """The ``run_every`` clock of one session: one thread, started with the first timer."""

    def __init__(self, requests: RerunRequests) -> None:
        self.requests = requests
        self.enabled = True
        self._cond = threading.Condition()
        #: fragment id -> (interval, next tick on the monotonic clock)
        self._due: dict[str, tuple[float, float]] = {}
        self._closed = False
        self._thread: threading.Thread | None = None
        self.ticks = 0

    def sync(self, intervals: dict[str, float]) -> None:
        """Keep a timer for exactly these fragments (new ones start a full interval from now)."""
        if not self.enabled:
            return
        now = time.monotonic()
        with self._cond:
            due = {}
            for fid, every in intervals.items():
                old = self._due.get(fid)
                due[fid] = old if old is not None and old[0] == every else (every, now + every)
            self._due = due
            if due and self._thread is None and not self._closed:
                self._thread = threading.Thread(target=self._loop, name="jupyst-run-every", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def active(self) -> dict[str, float]:
        with self._cond:
            return {fid: every for fid, (every, _) in self._due.items()}

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._due = {}
            self._cond.notify_all()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)

    def _loop(self) -> None:
        while True:
            with self._cond:
                if self._closed:
                    return
                if not self._due:
                    self._cond.wait()
                    continue
                fid, (every, at) = min(self._due.items(), key=lambda item: item[1][1])
                now = time.monotonic()
                if at > now:
                    self._cond.wait(at - now)
                    continue
                # Missed ticks (a slow run, a busy machine) are skipped, not made up.
                following = at + every
                self._due[fid] = (every, following if following > now else now + every)
            if not self.requests.fragment_pending(fid):
                self.ticks += 1
                self.requests.request_fragments([fid])

