"""Voilà's application with the shared-mode routes: no kernels, one session per visitor.

Importing this module imports Voilà and jupyter_server (the server process only).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, ClassVar

from jupyter_server.services.kernels.handlers import KernelHandler
from tornado.ioloop import IOLoop
from voila.app import Voila
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from jupyst.runtime.component_folders import REGISTRY_ENV
from jupyst.server.handlers import (
    HAS_PAGES,
    POOL,
    TITLE,
    ChannelsHandler,
    KernelModelHandler,
    SharedPageHandler,
    ShutdownHandler,
)
from jupyst.server.sessions import PoolOptions, SessionPool
from jupyst.voila.auth_routes import auth_handlers
from jupyst.voila.capacity import app_has_pages
from jupyst.voila.component_files import component_file_handlers
from jupyst.voila.health import health_handlers
from jupyst.voila.proxy import base_url_handlers, listen_behind_proxy
from jupyst.voila.static_assets import caching_routes, compress_responses

#: Voilà's handler -> the shared-mode handler that replaces it on the same route
REPLACED: tuple[tuple[type, type], ...] = (
    (VoilaKernelWebsocketHandler, ChannelsHandler),
    (KernelHandler, KernelModelHandler),
    (VoilaShutdownKernelHandler, ShutdownHandler),
    (TornadoVoilaHandler, SharedPageHandler),
)


class SharedVoila(Voila):
    """Set the ``jupyst_*`` class attributes, then ``launch_instance``."""

    jupyst_script: ClassVar[str] = ""
    jupyst_title: ClassVar[str] = ""
    jupyst_pool_options: ClassVar[PoolOptions] = PoolOptions()
    jupyst_max_message_size: ClassVar[int] = 200 * 1024 * 1024
    pool: SessionPool | None = None

    def start(self) -> None:
        self.pool = SessionPool(self.jupyst_script, self.jupyst_pool_options, IOLoop.current())
        super().start()

    def init_settings(self) -> dict[str, Any]:
        settings = super().init_settings()
        settings[POOL] = self.pool
        settings[TITLE] = self.jupyst_title
        settings[HAS_PAGES] = app_has_pages(Path(self.jupyst_script), "script")
        settings["websocket_max_message_size"] = self.jupyst_max_message_size
        return settings

    def init_handlers(self) -> list[Any]:
        handlers = []
        for route in super().init_handlers():
            handler = route[1]
            for old, new in REPLACED:
                if isinstance(handler, type) and issubclass(handler, old):
                    route = (route[0], new, *route[2:])
                    break
            handlers.append(route)
        handlers = caching_routes(handlers, self.server_url, self.app.settings, self.static_paths)
        assert self.pool is not None
        base = self.server_url or self.base_url
        logins = auth_handlers(base, str(Path(self.jupyst_script).parent), self.port)
        components = component_file_handlers(base, os.environ.get(REGISTRY_ENV))
        return health_handlers(base, self.pool.has_room) + base_url_handlers(base) + logins + components + handlers

    def listen(self) -> None:
        compress_responses(self.app)
        listen_behind_proxy(self.app)  # forwarded headers, when --trust-proxy names the proxy
        super().listen()

    def stop(self) -> None:
        if self.pool is not None:
            self.pool.close_all()
        super().stop()
