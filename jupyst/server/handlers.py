"""The HTTP and websocket routes of shared mode, each talking to one visitor's session only.

- ``/`` and ``/<page>``: a new session and its page (503 "busy" past ``--max-sessions``);
- ``/api/kernels/<id>``: the kernel model the page's widget manager asks for first;
- ``/api/kernels/<id>/channels``: the page's websocket, routed to that virtual kernel;
- ``/voila/api/shutdown/<id>``: the unload beacon of a closing tab.

An id that names no live session is a 404, whatever it is: a guessed or stale id never
reaches another visitor. The websocket refuses frames over the size limit (tornado closes
that socket: code 1009), and closes its own socket on a malformed frame; the session stays
for the page to reconnect.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from datetime import datetime, timezone
from typing import Any

import tornado.web
import tornado.websocket
from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.base.websocket import WebSocketMixin
from voila.tornado.handler import TornadoVoilaHandler
from voila.utils import get_page_config

from jupyst.server.kernel import VirtualKernel
from jupyst.server.page import SessionRenderer
from jupyst.server.protocol import ProtocolError, parse_frame
from jupyst.server.session import VisitorRequest
from jupyst.server.sessions import Busy, SessionPool
from jupyst.server.socket_writes import write_frames
from jupyst.voila.capacity import is_app_route
from jupyst.voila.health import write_busy_page
from jupyst.voila.ping_units import PingUnitsMixin
from jupyst.voila.static_assets import versioned_page_config

log = logging.getLogger("jupyst.server")

#: a page of a multipage app: one path segment, no dot (``/voila/...`` and files keep theirs)
PAGE_PATH = re.compile(r"[^/.]+")
POOL = "jupyst_sessions"
#: whether the app has page URLs of its own (a pages/ folder or st.navigation)
HAS_PAGES = "jupyst_has_pages"
TITLE = "jupyst_title"
PAGE_CONFIG = "jupyst_page_config"


def pool_of(handler: tornado.web.RequestHandler) -> SessionPool:
    return handler.settings[POOL]


class SharedPageHandler(TornadoVoilaHandler):
    """A new visitor: reserve a session, then stream Voilà's page around its app."""

    @tornado.web.authenticated
    async def get(self, path: str | None = None) -> None:
        if path and not PAGE_PATH.fullmatch(path):
            self.redirect_to_file(path)
            return
        if not is_app_route(path, self.settings.get(HAS_PAGES, True)):
            # Only the app's own routes answer (/lab, /login, ... are not pages of a one-page app).
            raise tornado.web.HTTPError(404)
        pool = pool_of(self)
        try:
            kernel = pool.reserve()
        except Busy:
            write_busy_page(self)
            return
        self._jupyst_kernel = kernel
        request = VisitorRequest(
            path=self.request.path, query_string=str(self.request.query), base_url=self.base_url,
            headers=tuple(self.request.headers.get_all()), remote_ip=self.request.remote_ip,
            url=self.request.full_url(),
        )
        page_config = self.settings.get(PAGE_CONFIG)
        if page_config is None:  # the same for every page of this server: read the extensions once
            page_config = self.settings[PAGE_CONFIG] = versioned_page_config(get_page_config(
                base_url=self.base_url, settings=self.settings, log=self.log, voila_configuration=self.voila_configuration,
            ), self.settings)
        renderer = SessionRenderer(
            pool=pool, kernel=kernel, request=request, title=self.settings[TITLE],
            request_handler=self, voila_configuration=self.voila_configuration, traitlet_config=self.traitlet_config,
            notebook_path=self.notebook_path, template_paths=self.template_paths, config_manager=self.config_manager,
            contents_manager=self.contents_manager, base_url=self.base_url, kernel_spec_manager=self.kernel_spec_manager,
            page_config=page_config, mathjax_config=self.settings.get("mathjax_config"),
            mathjax_url=self.settings.get("mathjax_url"),
        )
        try:
            await renderer.initialize(template=None, theme=None)
            self.set_header("Content-Type", "text/html")
            self.set_header("Cache-Control", "no-cache, no-store, must-revalidate")
            self.set_header("Pragma", "no-cache")
            self.set_header("Expires", "0")
            async for html, _ in renderer.generate_content_generator(kernel.id, None):
                self.write(html)
                self.flush()
        finally:
            pool.page_sent(kernel)

    def on_connection_close(self) -> None:
        # The tab closed while its page was still coming (a first run still going, stuck
        # even): its session ends now, its run stopped (jupyst/app/run_watchdog.py).
        super().on_connection_close()
        kernel: VirtualKernel | None = getattr(self, "_jupyst_kernel", None)
        if kernel is not None and not kernel.connected_once and pool_of(self).close(kernel.id):
            log.info("jupyst: session %s: its tab closed before its page was whole; closing it", kernel.id)


def _live_kernel(handler: tornado.web.RequestHandler, kernel_id: str) -> VirtualKernel:
    kernel = pool_of(handler).get(kernel_id)
    if kernel is None:
        raise tornado.web.HTTPError(404, "no such session")
    return kernel


class KernelModelHandler(APIHandler):
    """``GET /api/kernels/<id>``: the model @jupyterlab/services fetches before connecting."""

    @tornado.web.authenticated
    def get(self, kernel_id: str) -> None:
        kernel = _live_kernel(self, kernel_id)
        activity = datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")
        self.finish(json.dumps({
            "id": kernel.id, "name": "jupyst-python3", "last_activity": activity,
            "execution_state": "idle", "connections": 1 if kernel.connected else 0,
        }))


class ShutdownHandler(APIHandler):
    """``POST /voila/api/shutdown/<id>``: the tab closed; its session ends now."""

    @tornado.web.authenticated
    def post(self, kernel_id: str) -> None:
        _live_kernel(self, kernel_id)
        pool_of(self).close(kernel_id)
        self.set_status(204)
        self.finish()


class ChannelsHandler(PingUnitsMixin, WebSocketMixin, tornado.websocket.WebSocketHandler, JupyterHandler):
    """The page's kernel websocket, speaking to its virtual kernel only."""

    kernel: VirtualKernel
    _too_big = False

    @property
    def max_message_size(self) -> int:
        return int(self.settings["websocket_max_message_size"])

    async def get(self, kernel_id: str, *args: Any, **kwargs: Any) -> None:
        if self.current_user is None:
            raise tornado.web.HTTPError(403)
        self.kernel = _live_kernel(self, kernel_id)
        await super().get(kernel_id, *args, **kwargs)

    def get_websocket_protocol(self) -> Any:
        protocol = super().get_websocket_protocol()
        if protocol is not None:
            # Tornado refuses an oversized frame by closing with 1009 and tells the handler
            # nothing: note it here, to log it when the socket closes.
            close = protocol.close

            def noting_close(code: int | None = None, reason: str | None = None) -> None:
                if code == 1009:
                    self._too_big = True
                close(code, reason)

            protocol.close = noting_close  # watch for the size-limit close
        return protocol

    def select_subprotocol(self, subprotocols: list[str]) -> str | None:
        return None  # the "legacy" JSON / binary framing that every Jupyter front end speaks

    def open(self, kernel_id: str, *args: Any, **kwargs: Any) -> None:
        super().open(kernel_id, *args, **kwargs)
        # Without it back-to-back widget updates wait for delayed ACKs (jupyst/voila/server.py).
        self.set_nodelay(True)
        if self.kernel.closed:
            self.close(1001, "session ended")
            return
        pool_of(self).attach(self.kernel, self._send, self._hang_up, self._send_many)

    def _send(self, frame: Any, binary: bool) -> None:
        if self.ws_connection is None or self.ws_connection.is_closing():
            return
        with contextlib.suppress(tornado.websocket.WebSocketClosedError):
            self.write_message(frame, binary=binary)

    def _send_many(self, frames: list[tuple[Any, bool]]) -> None:
        write_frames(self, frames)  # one send for a rerun's messages (jupyst/server/socket_writes.py)

    def _hang_up(self) -> None:
        if self.ws_connection is not None:
            self.close(1001, "session ended")

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        # A socket request for a session that is gone: a plain answer (the HTML error page
        # needs settings this server has not, and logged a traceback for each such request).
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code}: {self._reason}\n")

    def on_message(self, message: str | bytes) -> None:
        try:
            msg = parse_frame(message)
        except ProtocolError as exc:
            log.warning("jupyst: session %s: malformed message (%s); closing its socket", self.kernel.id, exc)
            self.close(1003, "malformed message")
            return
        if not self.kernel.receive(msg):
            self.close(1008, "too many messages")

    def on_close(self) -> None:
        if self._too_big:
            log.warning(
                "jupyst: session %s: refused a message over %d bytes; its socket closed, the session stays",
                self.kernel.id, self.max_message_size,
            )
        if getattr(self, "kernel", None) is not None:
            pool_of(self).detach(self.kernel, self._send)
        if self.ping_callback is not None:
            self.ping_callback.stop()
