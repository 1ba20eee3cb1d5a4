"""Starting Voilà in this process to serve one app, and cleaning up after it.

Voilà runs in the `jupyst` process itself (no second Python to start, one process to signal):
SIGTERM and Ctrl-C stop its loop, it shuts its kernels down, and the private runtime folder
is removed on the way out. Two of Voilà's handlers are adjusted here: the kernel websocket
(Nagle off) and the page handler, which serves the app for ``/<page>`` too (a multipage app's
page URLs) instead of redirecting every path to a static file.
"""

from __future__ import annotations

import contextvars
import errno
import os
import re
import socket
import sys
from typing import Any, TextIO

from jupyst.app.run_watchdog import RUN_TIMEOUT_ENV
from jupyst.runtime.component_folders import REGISTRY_ENV
from jupyst.runtime.request_info import REMOTE_IP_HEADER
from jupyst.runtime.script_errors import startup_line
from jupyst.voila.apps import App, write_script_notebook, write_served_notebook
from jupyst.voila.auth_routes import auth_handlers
from jupyst.voila.capacity import (
    KernelWatch,
    app_has_pages,
    default_max_kernels,
    is_app_route,
)
from jupyst.voila.component_files import component_file_handlers
from jupyst.voila.config import PublishOptions, voila_config
from jupyst.voila.health import health_handlers, write_busy_page
from jupyst.voila.kernel_frames import FramingAwareWrites
from jupyst.voila.ping_units import PingUnitsMixin
from jupyst.voila.proxy import base_url_handlers, listen_behind_proxy
from jupyst.voila.runtime import KERNEL_NAME, RuntimeDir
from jupyst.voila.static_assets import caching_routes, compress_responses


class ServeError(Exception):
    """The server cannot start; the message is one line."""


def check_port(host: str, port: int) -> None:
    """Fail early, in one line, when the address cannot be listened on.

    Binds the way tornado does (``SO_REUSEADDR``), so a port left in TIME_WAIT by a previous
    server counts as free and only a live listener counts as in use.
    """
    try:
        infos = socket.getaddrinfo(host, port, socket.AF_UNSPEC, socket.SOCK_STREAM, 0, socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ServeError(f"cannot listen on {host!r}: {exc.strerror}") from None
    for family, kind, proto, _name, address in infos:
        with socket.socket(family, kind, proto) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6 and hasattr(socket, "IPPROTO_IPV6"):
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                sock.bind(address)
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE:
                    raise ServeError(f"port {port} on {host} is already in use (choose another with --port)") from None
                raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def serve(app: App, options: PublishOptions, out: TextIO = sys.stdout) -> int:
    """Serve ``app`` until the server is stopped; returns the exit status."""
    check_port(options.host, options.port)
    runtime = RuntimeDir.create()
    try:
        if app.kind == "script":
            notebook = write_script_notebook(
                app, runtime.app_dir, kernel_name=KERNEL_NAME,
                show_error_details="full" if options.dev else options.show_error_details,
                run_on_save=options.run_on_save, argv=options.script_argv,
            )
        else:
            notebook = write_served_notebook(app, runtime.app_dir, kernel_name=KERNEL_NAME)
        runtime.trust(notebook)
        env = runtime.environment()
        # A preheated kernel asks the server for its visitor's request at this address.
        env.setdefault("VOILA_APP_IP", _connect_host(options.host))
        env[RUN_TIMEOUT_ENV] = f"{options.run_timeout:g}"
        _use_environment(env)
        config = voila_config(options, runtime, notebook, kernel_cwd=app.folder)
        print(f"jupyst: serving {app.path.name} at {options.url}", file=out, flush=True)
        print(startup_line(options.show_error_details, options.error_details_reason or "default"), file=out, flush=True)
        if options.host not in ("127.0.0.1", "localhost", "::1"):
            print(f"jupyst: warning: {options.host} may be reachable from other machines", file=sys.stderr, flush=True)
        max_kernels = options.max_sessions or default_max_kernels()
        print(f"jupyst: at most {max_kernels} visitors at once (--max-sessions)", file=out, flush=True)
        watch = KernelWatch(max_kernels)
        return _run_voila(config, watch, app_has_pages(app.path, app.kind), app.name, str(app.folder))
    finally:
        runtime.remove()


def _connect_host(host: str) -> str:
    """An address of this server that a kernel on this machine can connect to."""
    if host in ("", "0.0.0.0"):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


def _use_environment(env: dict[str, str]) -> None:
    # Voilà reads the Jupyter paths from os.environ, and its kernels inherit it.
    for name in set(os.environ) - set(env):
        del os.environ[name]
    os.environ.update(env)


def _run_voila(config: Any, watch: KernelWatch, has_pages: bool, title: str, app_folder: str) -> int:
    import voila.app

    voila.app.VoilaKernelWebsocketHandler = _nodelay_handler(voila.app.VoilaKernelWebsocketHandler, watch)
    voila.app.TornadoVoilaHandler = _page_path_handler(voila.app.TornadoVoilaHandler, watch, has_pages, title)
    try:
        voila_app: Any = _publishing_voila(voila.app.Voila, watch, app_folder)
        voila_app.launch_instance(argv=[], config=config)
    except SystemExit as exc:  # Voilà exits this way when it cannot listen
        return exc.code if isinstance(exc.code, int) else 1
    return 0


def _nodelay_handler(base: type, watch: KernelWatch) -> type:
    """Voilà's kernel websocket handler with Nagle's algorithm off, tornado's pings in its units,
    and binary frames of a socket without a subprotocol read as legacy frames (kernel_frames.py).

    Tornado sets TCP_NODELAY on a websocket only when asked, and jupyter_server does not ask:
    back-to-back widget updates then wait for delayed ACKs (about 50 ms median round trip
    instead of about 12 ms, measured with a slider).
    """

    class NoDelayKernelWebsocketHandler(PingUnitsMixin, FramingAwareWrites, base):
        async def open(self, *args: Any, **kwargs: Any) -> Any:
            self.set_nodelay(True)
            watch.on_connect(args[0] if args else kwargs.get("kernel_id"))  # the page became a visitor
            return await super().open(*args, **kwargs)

    return NoDelayKernelWebsocketHandler



#: a page of a multipage app: one path segment, no dot (``/voila/...`` and files keep theirs)
PAGE_PATH = re.compile(r"[^/.]+")


#: the page request being served, so that the kernel started for it is known to be its own
_PAGE: contextvars.ContextVar[Any] = contextvars.ContextVar("jupyst_page", default=None)


def _page_path_handler(base: type, watch: KernelWatch, has_pages: bool, title: str) -> type:
    """Voilà's page handler, serving the app at ``/<page>`` as at ``/``, within capacity.

    In single-notebook mode Voilà redirects any other path to ``/voila/files/<path>``. A
    multipage app's pages have URLs of their own (``st.Page(url_path=...)``), so a single
    segment without a dot is the app: the kernel reads the page from ``SCRIPT_NAME``. Any
    other path is a 404 that starts nothing; a full server answers 503 at once
    (jupyst/voila/capacity.py).
    """

    class PagePathVoilaHandler(base):
        jupyst_kernel_id: str | None = None

        async def get(self, path: str | None = None) -> Any:
            if not is_app_route(path, has_pages):
                self.set_status(404)
                self.set_header("Content-Type", "text/plain; charset=utf-8")
                return self.finish("404: Not Found\n")
            _track_kernel_starts(self.kernel_manager, watch)
            watch.start_sweeping(self.kernel_manager)
            if watch.full(self.kernel_manager):
                return write_busy_page(self, title)
            if path and PAGE_PATH.fullmatch(path):
                path = None
            # st.context.ip_address: the visitor's address travels as a header Voilà passes on
            # (one a visitor sent is replaced, never trusted).
            self.request.headers[REMOTE_IP_HEADER] = self.request.remote_ip or ""
            token = _PAGE.set(self)
            watch.starting += 1
            self._jupyst_starting = True
            try:
                return await super().get(path=path)
            finally:
                _PAGE.reset(token)
                self._jupyst_started(None)
                watch.page_done(self.jupyst_kernel_id)

        def _jupyst_started(self, kernel_id: str | None) -> None:
            """This page's kernel is there (or will not be): it counts as a kernel from now on."""
            if getattr(self, "_jupyst_starting", False):
                self._jupyst_starting = False
                watch.starting -= 1
            if kernel_id is not None:
                self.jupyst_kernel_id = kernel_id
                watch.started(kernel_id)

        def on_connection_close(self) -> None:
            # A tab closed (or a client gone) before the page was whole: its kernel is shut down
            # at the next sweep, a stuck first run with it. Tornado notices the close when it
            # writes, which Voilà's heartbeat does every 10 s while a cell runs. (A 1 s heartbeat
            # was tried: a kernel ending itself during the first run then at times left its
            # page without the stopped notice.)
            super().on_connection_close()
            watch.page_closed(self.jupyst_kernel_id)

    return PagePathVoilaHandler


HAS_ROOM = "jupyst_has_room"


def _publishing_voila(base: type, watch: KernelWatch, app_folder: str) -> type:
    """Voilà's app with the health and login routes; ``/readyz`` says whether ``watch`` has room."""
    class PublishingVoila(base):
        def has_room(self) -> bool:
            return not watch.full(self.kernel_manager)

        def init_settings(self) -> Any:
            settings = super().init_settings()
            settings[HAS_ROOM] = self.has_room
            return settings

        def init_handlers(self) -> Any:
            base = self.server_url or self.base_url
            logins = auth_handlers(base, app_folder, self.port)
            components = component_file_handlers(base, os.environ.get(REGISTRY_ENV))
            routes = caching_routes(super().init_handlers(), self.server_url, self.app.settings, self.static_paths)
            return health_handlers(base, self.has_room) + base_url_handlers(base) + logins + components + routes

        def listen(self) -> Any:
            compress_responses(self.app)
            listen_behind_proxy(self.app)  # forwarded headers, when --trust-proxy names the proxy
            return super().listen()

    return PublishingVoila


def _track_kernel_starts(kernel_manager: Any, watch: KernelWatch) -> None:
    """Note which page each kernel was started for (or taken from the preheated pool for)."""
    if getattr(kernel_manager, "_jupyst_tracked", False):
        return
    start, take = kernel_manager.start_kernel, getattr(kernel_manager, "get_rendered_notebook", None)

    def mine(kernel_id: Any) -> None:
        page = _PAGE.get()
        if page is not None and isinstance(kernel_id, str):
            page._jupyst_started(kernel_id)

    async def start_kernel(*args: Any, **kwargs: Any) -> Any:
        result = start(*args, **kwargs)
        kernel_id = await result if hasattr(result, "__await__") else result
        mine(kernel_id)
        return kernel_id

    kernel_manager.start_kernel = start_kernel
    if take is not None:

        async def get_rendered_notebook(*args: Any, **kwargs: Any) -> Any:
            rendered = await take(*args, **kwargs)
            mine(rendered[2] if isinstance(rendered, tuple) and len(rendered) > 2 else None)
            return rendered

        kernel_manager.get_rendered_notebook = get_rendered_notebook
    kernel_manager._jupyst_tracked = True
