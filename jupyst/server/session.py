"""An app session that lives in the shared server: one visitor, one virtual kernel.

It is an ordinary :class:`~jupyst.app.session.AppSession` with two differences: the
visitor's request (path, query string) comes from the HTTP request that opened the page,
given at creation, never from the process environment; and its script thread runs as its
virtual kernel's code, so every widget a run creates belongs to that visitor alone.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jupyst.app.session import AppSession
from jupyst.runtime.request_info import RequestInfo, visitor_request
from jupyst.runtime.requests import RerunData
from jupyst.runtime.script_source import ScriptSource
from jupyst.server.comms import kernel_scope, set_thread_kernel

if TYPE_CHECKING:
    from jupyst.server.kernel import VirtualKernel


@dataclass(frozen=True)
class VisitorRequest:
    """What the session may know of the request that opened the page."""

    path: str = "/"
    query_string: str = ""
    base_url: str = "/"
    #: for st.context: the request's headers, the peer's address and the page's full URL
    headers: tuple[tuple[str, str], ...] = ()
    remote_ip: str | None = None
    url: str | None = None


class SharedSession(AppSession):
    """An app session whose widgets all belong to ``kernel``."""

    def __init__(
        self, source: ScriptSource, kernel: VirtualKernel, request: VisitorRequest, *,
        show_error_details: bool | str = False, run_on_save: bool = False,
    ) -> None:
        self.kernel = kernel
        self.visitor = request
        #: set once the first run has shown its result (or the session closed)
        self.first_run_done = threading.Event()
        self._first_run_callbacks: list[Callable[[], None]] = []
        self._callbacks_lock = threading.Lock()
        with kernel_scope(kernel):
            super().__init__(source, show_error_details=show_error_details, start=False, run_on_save=run_on_save)
            # The hidden widget that keeps the address bar in step (shown next to the app).
            self.browser_url.widget  # noqa: B018 (creates it in this kernel)
            self.start()

    def open_request(self) -> None:
        visitor = self.visitor
        seen = RequestInfo.from_http(list(visitor.headers), visitor.remote_ip, visitor.url, visitor.query_string)
        self.request = visitor_request(self.browser_url.navigate, seen)
        self.query_params.replace_quietly(visitor.query_string)
        self.pages.open_url(visitor.path, visitor.base_url)
        self.browser_url.set(page=self.pages.url_page, query=self.query_params.query_string)

    def when_first_run(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` (from any thread) once the first run is on screen or the session ended."""
        with self._callbacks_lock:
            if not self.first_run_done.is_set():
                self._first_run_callbacks.append(callback)
                return
        callback()

    def _first_run_over(self) -> None:
        with self._callbacks_lock:
            if self.first_run_done.is_set():
                return
            self.first_run_done.set()
            callbacks, self._first_run_callbacks = self._first_run_callbacks, []
        for callback in callbacks:
            callback()

    def _loop(self) -> None:
        set_thread_kernel(self.kernel)
        try:
            super()._loop()
        finally:
            self._first_run_over()

    def _run(self, data: RerunData) -> None:
        super()._run(data)
        if self.run_count:
            self._first_run_over()

    def close(self) -> None:
        with kernel_scope(self.kernel):
            super().close()
        self._first_run_over()
