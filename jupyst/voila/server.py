"""Starting Voilà in this process to serve one app, and cleaning up after it.

Voilà runs in the `jupyst` process itself (no second Python to start, one process to signal):
SIGTERM and Ctrl-C stop its loop, it shuts its kernels down, and the private runtime folder
is removed on the way out. Two of Voilà's handlers are adjusted here: the kernel websocket
(Nagle off) and the page handler, which serves the app for ``/<page>`` too (a multipage app's
page URLs) instead of redirecting every path to a static file.
"""

from __future__ import annotations

import errno
import os
import re
import socket
import sys
from typing import Any, TextIO

from jupyst.runtime.request_info import REMOTE_IP_HEADER
from jupyst.runtime.script_errors import startup_line
from jupyst.voila.apps import App, write_script_notebook
from jupyst.voila.config import PublishOptions, voila_config
from jupyst.voila.runtime import KERNEL_NAME, RuntimeDir


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
            notebook = app.path
        runtime.trust(notebook)
        env = runtime.environment()
        # A preheated kernel asks the server for its visitor's request at this address.
        env.setdefault("VOILA_APP_IP", _connect_host(options.host))
        _use_environment(env)
        config = voila_config(options, runtime, notebook, kernel_cwd=app.folder)
        print(f"jupyst: serving {app.path.name} at {options.url}", file=out, flush=True)
        print(startup_line(options.show_error_details, options.error_details_reason or "default"), file=out, flush=True)
        if options.host not in ("127.0.0.1", "localhost", "::1"):
            print(f"jupyst: warning: {options.host} may be reachable from other machines", file=sys.stderr, flush=True)
        return _run_voila(config)
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


def _run_voila(config: Any) -> int:
    import voila.app

    voila.app.VoilaKernelWebsocketHandler = _nodelay_handler(voila.app.VoilaKernelWebsocketHandler)
    voila.app.TornadoVoilaHandler = _page_path_handler(voila.app.TornadoVoilaHandler)
    try:
        voila.app.Voila.launch_instance(argv=[], config=config)
    except SystemExit as exc:  # Voilà exits this way when it cannot listen
        return exc.code if isinstance(exc.code, int) else 1
    return 0


def _nodelay_handler(base: type) -> type:
    """Voilà's kernel websocket handler with Nagle's algorithm off, and tornado's pings in its units.

    Tornado sets TCP_NODELAY on a websocket only when asked, and jupyter_server does not ask:
    back-to-back widget updates then wait for delayed ACKs (about 50 ms median round trip
    instead of about 12 ms, measured with a slider).
    """

    class NoDelayKernelWebsocketHandler(base):
        _building_protocol = False

        async def open(self, *args: Any, **kwargs: Any) -> Any:
            self.set_nodelay(True)
            return await super().open(*args, **kwargs)

        # jupyter_server's WebSocketMixin answers ping_interval/ping_timeout in milliseconds
        # (30000/90000) for its own keep-alive pings; tornado >= 6.5 reads the same two
        # properties in seconds when it builds the connection, schedules pings every 8 hours
        # and logs "websocket_ping_timeout (90000) cannot be longer than ..." at the first
        # visit of every server. While tornado reads them they are None (tornado sends no
        # pings of its own); the mixin keeps pinging as in JupyterLab.
        def get_websocket_protocol(self) -> Any:
            self._building_protocol = True
            try:
                return super().get_websocket_protocol()
            finally:
                self._building_protocol = False

        @property
        def ping_interval(self) -> Any:
            return None if self._building_protocol else super().ping_interval

        @property
        def ping_timeout(self) -> Any:
            return None if self._building_protocol else super().ping_timeout

    return NoDelayKernelWebsocketHandler



#: a page of a multipage app: one path segment, no dot (``/voila/...`` and files keep theirs)
PAGE_PATH = re.compile(r"[^/.]+")


def _page_path_handler(base: type) -> type:
    """Voilà's page handler, serving the app at ``/<page>`` as at ``/``.

    In single-notebook mode Voilà redirects any other path to ``/voila/files/<path>``. A
    multipage app's pages have URLs of their own (``st.Page(url_path=...)``), so a single
    segment without a dot is the app: the kernel reads the page from ``SCRIPT_NAME``.
    """

    class PagePathVoilaHandler(base):
        async def get(self, path: str | None = None) -> Any:
            if path and PAGE_PATH.fullmatch(path):
                path = None
            # st.context.ip_address: the visitor's address travels as a header Voilà passes on
            # (one a visitor sent is replaced, never trusted).
            self.request.headers[REMOTE_IP_HEADER] = self.request.remote_ip or ""
            return await super().get(path=path)

    return PagePathVoilaHandler
