"""The queue of rerun requests between widget events and the script thread.

Widget events arrive on the kernel's shell thread; the script runs on its own thread. Value
changes coalesce (the newest value of a widget wins); button clicks queue in order and each
gets a run of its own, so a burst of events never loses a click. Values of widgets with
``on_change="ignore"`` are staged: stored for the next run without starting one.

An event of a widget drawn by a fragment asks for a rerun of that fragment only. Fragment
requests queue their ids in order (each once) and never cut a running run short; any request
for a full run takes them all in (Streamlit's ``ScriptRequests`` rules).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any


@dataclass
class RerunData:
    """What one run starts from: changed widget values and at most one fresh click."""

    changes: dict[str, Any] = field(default_factory=dict)
    triggers: list[str] = field(default_factory=list)
    #: clicks carried over from an interrupted run: True again, callbacks already ran
    carried: list[str] = field(default_factory=list)
    #: the fragments to rerun, in order; empty for a run of the whole script
    fragment_ids: list[str] = field(default_factory=list)


class RerunRequests:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._changes: dict[str, Any] = {}
        self._staged: dict[str, Any] = {}
        self._triggers: list[tuple[list[str], str]] = []
        self._batch: list[str] = []
        self._batch_fragment: str | None = None
        #: a value change outside any fragment is waiting: the next run is a full one
        self._full = False
        self._fragments: list[str] = []
        self._carried: list[str] = []
        self._rerun = False
        self._closed = False
        self._held = 0
        self._busy = False

    def put(self, changes: dict[str, Any], trigger: str | None = None, fragment_id: str = "") -> None:
        """Queue value changes (and a click) as one event, of a fragment's widget or not.

        While held, clicks join one batch that a single run receives (AppTest: several
        buttons clicked before one ``run()``); otherwise each click is a run of its own.
        """
        with self._cond:
            self._changes.update(changes)
            if trigger is not None:
                if self._held:
                    self._batch.append(trigger)
                    if self._batch_fragment is None or self._batch_fragment == fragment_id:
                        self._batch_fragment = fragment_id
                    else:  # clicks in different places: one run of the whole app
                        self._batch_fragment = ""
                else:
                    self._triggers.append(([trigger], fragment_id))
            elif changes:
                if fragment_id:
                    self._queue_fragment(fragment_id)
                else:
                    self._full = True
            self._cond.notify_all()

    def put_value(self, widget_id: str, value: Any, fragment_id: str = "") -> None:
        self.put({widget_id: value}, fragment_id=fragment_id)

    def request_fragments(self, fragment_ids: list[str]) -> None:
        """Ask for a rerun of these fragments (``run_every``, ``st.rerun(scope="fragment")``)."""
        with self._cond:
            for fid in fragment_ids:
                self._queue_fragment(fid)
            self._cond.notify_all()

    def fragment_pending(self, fragment_id: str) -> bool:
        with self._cond:
            return fragment_id in self._fragments

    def _queue_fragment(self, fragment_id: str) -> None:
        if fragment_id not in self._fragments:
            self._fragments.append(fragment_id)

    def stage(self, widget_id: str, value: Any) -> None:
        """Keep a value for the next run without asking for one."""
        with self._cond:
            self._staged[widget_id] = value

    def request_rerun(self) -> None:
        with self._cond:
            self._rerun = True
            self._cond.notify_all()

    def carry_over(self, triggers: list[str]) -> None:
        """Give the clicks of an interrupted run to the next run."""
        with self._cond:
            self._carried = list(triggers) + self._carried
            self._rerun = True
            self._cond.notify_all()

    def hold(self) -> None:
        """Let events gather without starting a run (a test sets several widgets)."""
        with self._cond:
            self._held += 1

    def release(self) -> None:
        with self._cond:
            self._held -= 1
            if not self._held and self._batch:
                self._triggers.append((self._batch, self._batch_fragment or ""))
                self._batch, self._batch_fragment = [], None
            self._cond.notify_all()

    def is_pending(self, widget_id: str) -> bool:
        return widget_id in self._changes

    def has_pending(self, running_click: bool = False) -> bool:
        """Whether a newer event should end the current run.

        A click never interrupts a run that is handling a click: it waits its turn, so each
        click gets one run in which its button is True.
        """
        if self._held:
            return False
        full_click = any(not fid for _, fid in self._triggers)
        return bool(self._full or self._rerun or (full_click and not running_click))

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def wait_take(self) -> RerunData | None:
        """Block until there is something to run; None once closed."""
        with self._cond:
            self._busy = False
            self._cond.notify_all()
            while not self._closed and (self._held or not self._pending()):
                self._cond.wait()
            if self._closed:
                return None
            self._busy = True
            data = RerunData(changes={**self._staged, **self._changes}, carried=self._carried)
            full = self._full or self._rerun or bool(self._carried)
            fragments = list(self._fragments)
            self._changes, self._staged, self._carried = {}, {}, []
            self._rerun, self._full, self._fragments = False, False, []
            if self._triggers:
                batch, fragment_id = self._triggers.pop(0)
                data.triggers.extend(batch)
                if not fragment_id:
                    full = True
                elif fragment_id not in fragments:
                    fragments.append(fragment_id)
            data.fragment_ids = [] if full else fragments
            return data

    def wait_idle(self, timeout: float | None) -> bool:
        """Wait until no run is going and none is asked for; False on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._busy or (self._pending() and not self._held and not self._closed):
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._cond.wait(remaining)
            return True

    def _pending(self) -> bool:
        return bool(self._changes or self._triggers or self._rerun or self._fragments)
