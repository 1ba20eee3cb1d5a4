"""Comms in a process that serves many visitors: each comm belongs to one virtual kernel.

ipywidgets opens a comm for every widget through the ``comm`` package
(``comm.create_comm``, ``comm.get_comm_manager``), which expects one kernel per process.
:func:`install` replaces both with versions that ask which virtual kernel is *current on this
thread*: a session's script thread, the thread that handles its page's messages, and any
code that creates or closes that session's widgets run inside :func:`kernel_scope`. A thread
the app started itself and attached a run context to (``add_script_run_ctx``) runs as the
kernel of that context's session. A widget created with no current kernel gets a comm that sends nowhere (and a log line): it can never
show up in a visitor's page.

A :class:`VirtualComm` remembers its kernel for good, so messages it sends later (a trait
change, from whatever thread) reach that kernel's socket and no other. What a comm needs of
its kernel is :class:`CommKernel`; the virtual kernel (``jupyst.server.kernel``) is built on
this module, never the reverse.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

import comm as comm_package
from comm.base_comm import BaseComm, BuffersType, CommManager, MaybeDict

from jupyst.runtime.run_context import get_run_context
from jupyst.server.protocol import CountedIds

log = logging.getLogger("jupyst.server")


class CommKernel(Protocol):
    """What a comm asks of the kernel it belongs to."""

    #: the kernel's comms, by id (its widgets and its page's control channels)
    comms: CommManager
    #: the Layout and Style models its widgets share, by class
    shared_widgets: dict[type, Any]
    closed: bool

    def publish(
        self, msg_type: str, content: dict[str, Any], *, metadata: dict[str, Any] | None = None,
        buffers: list[Any] | None = None,
    ) -> None:
        """Send one message to the kernel's page (from any thread)."""

_local = threading.local()
_installed = False
_install_lock = threading.Lock()
#: the comm manager of code running outside every virtual kernel (nothing reaches a page)
_orphans = CommManager()


def current_kernel() -> CommKernel | None:
    """The virtual kernel whose code runs on this thread, if any.

    A helper thread of an app (one with a run context attached) is its session's code.
    """
    kernel = getattr(_local, "kernel", None)
    if kernel is None:
        ctx = get_run_context()
        if ctx is not None:
            kernel = getattr(ctx.session, "kernel", None)
    return kernel


@contextmanager
def kernel_scope(kernel: CommKernel | None) -> Iterator[None]:
    """Run the block as ``kernel``'s code: widgets created inside belong to it."""
    before = current_kernel()
    _local.kernel = kernel
    try:
        yield
    finally:
        _local.kernel = before


def set_thread_kernel(kernel: CommKernel | None) -> None:
    """Make ``kernel`` current for the rest of this thread's life (its own threads)."""
    _local.kernel = kernel


class VirtualComm(BaseComm):
    """A comm of one virtual kernel: opens, sends and closes on that kernel's socket only."""

    def __init__(self, kernel: CommKernel, **kwargs: Any) -> None:
        self.kernel = kernel
        super().__init__(**kwargs)

    def publish_msg(
        self, msg_type: str, data: MaybeDict = None, metadata: MaybeDict = None, buffers: BuffersType = None,
        **keys: Any,
    ) -> None:
        content = {"data": {} if data is None else data, "comm_id": self.comm_id, **keys}
        self.kernel.publish(msg_type, content, metadata=metadata, buffers=buffers)

    # BaseComm registers through comm.get_comm_manager(), which depends on the calling thread;
    # a comm is opened and closed in its own kernel's registry whatever thread does it.
    def open(self, data: MaybeDict = None, metadata: MaybeDict = None, buffers: BuffersType = None) -> None:
        self.kernel.comms.register_comm(self)
        try:
            self.publish_msg(
                "comm_open", data=self._open_data if data is None else data, metadata=metadata, buffers=buffers,
                target_name=self.target_name, target_module=self.target_module,
            )
            self._closed = False
        except Exception:
            self.kernel.comms.unregister_comm(self)
            raise

    def close(
        self, data: MaybeDict = None, metadata: MaybeDict = None, buffers: BuffersType = None, deleting: bool = False
    ) -> None:
        if self._closed:
            return
        self._closed = True
        self.publish_msg("comm_close", data=self._close_data if data is None else data, metadata=metadata, buffers=buffers)
        self.kernel.comms.comms.pop(self.comm_id, None)

    def handle_msg(self, msg: dict[str, Any]) -> None:
        # BaseComm's version imports IPython to fire its execute events: nothing to fire here.
        if self._msg_callback is not None:
            self._msg_callback(msg)


class NowhereComm(comm_package.DummyComm):
    """The comm of a widget created outside every virtual kernel: it reaches no page."""


#: comm (widget model) ids unique in this process, with uuid4's look (32 hex digits): a random
#: half drawn once, then a count. ``BaseComm`` draws a uuid4 per comm (see CountedIds). That
#: they can be told apart but not guessed matters little: a page reaches only its kernel's comms.
_comm_ids = CountedIds(uuid.uuid4().hex[:16], "016x")


def create_comm(*args: Any, **kwargs: Any) -> BaseComm:
    kernel = current_kernel()
    if kernel is None or kernel.closed:
        if kwargs.get("target_name") == "jupyter.widget":
            log.warning("jupyst: a widget was created outside any visitor's session; it is shown nowhere")
        return NowhereComm(*args, **kwargs)
    if not kwargs.get("comm_id") and len(args) < 5:  # comm_id is BaseComm's fifth argument
        kwargs["comm_id"] = _comm_ids.next()
    return VirtualComm(kernel, *args, **kwargs)


def get_comm_manager() -> CommManager:
    kernel = current_kernel()
    return _orphans if kernel is None else kernel.comms


def install() -> None:
    """Route every comm of this process through its virtual kernel (idempotent)."""
    global _installed
    with _install_lock:
        # Installed and still in place (code that swaps comm's factories and puts back what it
        # found, as tests do, can leave them replaced).
        comm_package.create_comm = create_comm
        comm_package.get_comm_manager = get_comm_manager
        if _installed:
            return
        # Shared Layout/Style instances: one set per visitor's kernel.
        from jupyst.widgets import shared_models as registry

        process_store = registry.shared_store

        def kernel_store() -> dict[type, Any]:
            kernel = current_kernel()
            return process_store() if kernel is None else kernel.shared_widgets

        registry.shared_store = kernel_store
        _installed = True
