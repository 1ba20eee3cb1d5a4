"""What a published app's kernel accepts from its visitor's socket, and where its prints go.

Runs inside the kernel (no Voilà imports). :func:`harden_kernel` runs when a published app's
kernel starts (jupyst's kernelspec, jupyst/voila/runtime.py: before a notebook's first cell)
and again, doing nothing the second time, when the app starts (``jupyst.notebook.show_app``):

- ``comm_open`` from the browser is refused for every target but the widget control comm,
  the one channel the page's widget manager opens (to fetch the state of the widgets the app
  shows). Each ``jupyter.widget`` model the browser opened would be a widget held by the
  kernel: 200 forged models of 1 MB each took a kernel from 63 to 256 MB. At most
  :data:`MAX_CONTROL_COMMS` control comms stay open; older ones are closed. ``comm_close``
  from the browser closes only those control comms, never one of the app's widgets.
- The app's widgets take updates only through :mod:`jupyst.widgets.browser_input` (guarded
  by the reconciler), so a forged update is refused and logged in one bounded line.
- ``sys.stdout``/``sys.stderr`` go to the server log (:mod:`jupyst.app.server_log`): nothing
  the script prints reaches the page's HTML or the visitor's socket.
- A run that takes longer than ``jupyst run --run-timeout`` is stopped
  (:mod:`jupyst.app.run_watchdog`).
"""

from __future__ import annotations

import contextlib
import logging
from collections import deque
from typing import Any

from jupyst.app.run_watchdog import set_run_timeout_from_env
from jupyst.app.server_log import send_prints_to_server_log
from jupyst.widgets.browser_input import excerpt

log = logging.getLogger("jupyst")

#: the comm target of ipywidgets' page-side manager (``request_states``)
CONTROL_TARGET = "jupyter.widget.control"
#: control comms a kernel keeps open at once (a page opens one, then closes it)
MAX_CONTROL_COMMS = 2


class CommOpenGuard:
    """The kernel's ``comm_open`` handler, letting only the widget control comm through."""

    def __init__(self, kernel: Any, handler: Any) -> None:
        self.kernel = kernel
        self.handler = handler
        self.control: deque[str] = deque()

    def __call__(self, stream: Any, ident: Any, msg: dict[str, Any]) -> Any:
        content = msg.get("content") if isinstance(msg, dict) else None
        content = content if isinstance(content, dict) else {}
        target = content.get("target_name")
        comm_id = content.get("comm_id")
        if target != CONTROL_TARGET or not isinstance(comm_id, str):
            log.warning("jupyst: refused a comm_open from the browser (target %s)", excerpt(target, 80))
            self._answer_closed(comm_id, msg)
            return None
        self._close_old_control_comms()
        self.control.append(comm_id)
        return self.handler(stream, ident, msg)

    def _close_old_control_comms(self) -> None:
        comms = getattr(self.kernel.comm_manager, "comms", {})
        alive = deque(c for c in self.control if c in comms)
        while len(alive) >= MAX_CONTROL_COMMS:
            old = comms.get(alive.popleft())
            if old is not None:
                with contextlib.suppress(Exception):  # already gone
                    old.close()
        self.control = alive

    def _answer_closed(self, comm_id: Any, parent: dict[str, Any]) -> None:
        """Tell the page the comm it asked for is closed, so it does not wait for it."""
        if not isinstance(comm_id, str) or len(comm_id) > 200:
            return
        # The answer is a courtesy; the refusal stands without it.
        with contextlib.suppress(Exception):
            self.kernel.session.send(
                self.kernel.iopub_socket, "comm_close", {"comm_id": comm_id, "data": {}},
                parent=parent, ident=self.kernel._topic("comm"),
            )


class CommCloseGuard:
    """The kernel's ``comm_close`` handler: the page may close the control comms it opened,
    never one of the app's widgets (which would leave that widget dead in its session)."""

    def __init__(self, kernel: Any, handler: Any) -> None:
        self.kernel = kernel
        self.handler = handler

    def __call__(self, stream: Any, ident: Any, msg: dict[str, Any]) -> Any:
        content = msg.get("content") if isinstance(msg, dict) else None
        comm_id = content.get("comm_id") if isinstance(content, dict) else None
        comms = getattr(self.kernel.comm_manager, "comms", {})
        comm = comms.get(comm_id) if isinstance(comm_id, str) else None
        if comm is None:
            return None  # nothing to close (ipykernel would log the whole id as an error)
        if getattr(comm, "target_name", None) != CONTROL_TARGET:
            log.warning("jupyst: refused a comm_close from the browser for a widget of the app")
            return None
        return self.handler(stream, ident, msg)


def harden_kernel(kernel: Any = None) -> bool:
    """Apply the publishing rules to this kernel (once); False outside a Jupyter kernel."""
    if kernel is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        kernel = getattr(get_ipython(), "kernel", None)
    if kernel is None:
        return False
    if getattr(kernel, "_jupyst_hardened", False):
        return True
    handlers = getattr(kernel, "shell_handlers", None)
    if isinstance(handlers, dict) and "comm_open" in handlers:
        handlers["comm_open"] = CommOpenGuard(kernel, handlers["comm_open"])
    if isinstance(handlers, dict) and "comm_close" in handlers:
        handlers["comm_close"] = CommCloseGuard(kernel, handlers["comm_close"])
    send_prints_to_server_log()
    set_run_timeout_from_env()
    kernel._jupyst_hardened = True
    return True
