"""Keep tornado from reading jupyter_server's websocket ping settings in the wrong unit.

jupyter_server's ``WebSocketMixin`` answers ``ping_interval``/``ping_timeout`` in milliseconds
(30000/90000) for its own keep-alive pings; tornado >= 6.5 reads the same two properties in
seconds when it builds the connection, schedules pings every 8 hours and logs
"websocket_ping_timeout (90000) cannot be longer than ..." at the first visit of every server.
While tornado reads them they are None (tornado sends no pings of its own); the mixin keeps
pinging as in JupyterLab.
"""

from __future__ import annotations

from typing import Any


class PingUnitsMixin:
    """Put first in the bases of a websocket handler that also has ``WebSocketMixin``."""

    _building_protocol = False

    def get_websocket_protocol(self) -> Any:
        self._building_protocol = True
        try:
            return super().get_websocket_protocol()  # type: ignore[misc]
        finally:
            self._building_protocol = False

    @property
    def ping_interval(self) -> Any:
        return None if self._building_protocol else super().ping_interval  # type: ignore[misc]

    @property
    def ping_timeout(self) -> Any:
        return None if self._building_protocol else super().ping_timeout  # type: ignore[misc]
