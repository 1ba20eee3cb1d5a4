"""The queue of rerun requests between widget events and the script thread.

Widget events arrive on the kernel's shell thread; the script runs on its own thread. Value
changes coalesce (the newest value of a widget wins); button clicks queue in order and each
gets a run of its own, so a burst of events never loses a click. Values of widgets with
``on_change="ignore"`` are staged: stored for the next run without starting one.
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


class RerunRequests:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._changes: dict[str, Any] = {}
        self._staged: dict[str, Any] = {}
        self._triggers: list[list[str]] = []
        self._batch: list[str] = []
        self._carried: list[str] = []
        self._rerun = False
        self._closed = False
        self._held = 0
        self._busy = False

    def put(self, changes: dict[str, Any], trigger: str | None = None) -> None:
        """Queue value changes (and a click) as one event.

        While held, clicks join one batch that a single run receives (AppTest: several
        buttons clicked before one ``run()``); otherwise each click is a run of its own.
        """
        with self._cond:
            self._changes.update(changes)
            if trigger is not None:
                if self._held:
                    self._batch.append(trigger)
                else:
                    self._triggers.append([trigger])
            self._cond.notify_all()

    def put_value(self, widget_id: str, value: Any) -> None:
        self.put({widget_id: value})

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
                self._triggers.append(self._batch)
                self._batch = []
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
        return bool(self._changes or self._rerun or (self._triggers and not running_click))

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
            self._changes, self._staged, self._carried = {}, {}, []
            self._rerun = False
            if self._triggers:
                data.triggers.extend(self._triggers.pop(0))
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
        return bool(self._changes or self._triggers or self._rerun)
