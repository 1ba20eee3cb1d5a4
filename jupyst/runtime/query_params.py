"""``st.query_params``: the query string of the URL the visitor opened, readable and writable.

Each app session holds a :class:`QueryParams`, filled from the ``QUERY_STRING`` that Voilà
puts into the kernel's environment (empty in JupyterLab). In a preheated kernel the
environment only gets the visitor's request once one arrives: :func:`request_environ` waits
for it (``voila.utils.wait_for_request``) before the first run reads it.

Semantics are Streamlit's: a read gives the last value of a repeated key, ``get_all`` every
value, values are stored as strings, ``embed`` / ``embed_options`` are neither listed nor
settable. A write calls the session's ``on_change`` hook, which puts the new query string into
the browser's URL (see :mod:`jupyst.app.browser_url`) without a reload.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import Any, Callable
from urllib import parse

from jupyst.errors import StreamlitAPIException

log = logging.getLogger("jupyst")

EMBED_KEYS = ("embed", "embed_options")
#: Streamlit ignores query strings longer than this, or with more fields than that
MAX_QUERY_LENGTH = 512 * 1024
MAX_QUERY_FIELDS = 1000


def missing_key_message(key: str) -> str:
    return f'st.query_params has no key "{key}".'


def missing_attr_message(key: str) -> str:
    return f'st.query_params has no attribute "{key}".'


class StreamlitQueryParamDictValueError(StreamlitAPIException):
    def __init__(self, key: str) -> None:
        super().__init__(
            f"Query param value for `{key}` cannot be set to a dictionary. "
            "Provide a string or iterable of strings instead."
        )


def parse_query_string(query_string: str) -> dict[str, list[str] | str]:
    """Parse as Streamlit does: blank values kept, a single value as a string."""
    if not query_string:
        return {}
    if len(query_string) > MAX_QUERY_LENGTH or query_string.count("&") + 1 > MAX_QUERY_FIELDS:
        log.warning("jupyst: ignoring a query string over Streamlit's limits (%d characters)", len(query_string))
        return {}
    parsed = parse.parse_qs(query_string.lstrip("?"), keep_blank_values=True)
    return {k: (v[0] if len(v) == 1 else v) for k, v in parsed.items()}


def _is_embed(key: str) -> bool:
    return key.lower() in EMBED_KEYS


def _stringify(key: str, value: Any) -> list[str] | str:
    if isinstance(value, dict):
        raise StreamlitQueryParamDictValueError(key)
    if _is_embed(key):
        raise StreamlitAPIException(
            "Query param embed and embed_options (case-insensitive) cannot be set programmatically."
        )
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        return [str(item) for item in value]
    return str(value)


class QueryParams(MutableMapping[str, str]):
    """One session's query parameters. ``on_change`` is called after every write."""

    def __init__(self, query_string: str = "", on_change: Callable[[], None] | None = None) -> None:
        self._params: dict[str, list[str] | str] = parse_query_string(query_string)
        self._lock = threading.RLock()
        self.on_change = on_change

    # ----- reading --------------------------------------------------------------------------
    def __getitem__(self, key: str) -> str:
        if _is_embed(key):
            raise KeyError(missing_key_message(key))
        try:
            value = self._params[key]
        except KeyError:
            raise KeyError(missing_key_message(key)) from None
        if isinstance(value, list):
            return value[-1] if value else ""
        return value

    def __iter__(self) -> Iterator[str]:
        return iter([k for k in self._params if not _is_embed(k)])

    def __len__(self) -> int:
        return sum(1 for k in self._params if not _is_embed(k))

    def __str__(self) -> str:
        return str(self._params)

    def __repr__(self) -> str:
        return repr(self.to_dict())

    def get_all(self, key: str) -> list[str]:
        if key not in self._params or _is_embed(key):
            return []
        value = self._params[key]
        return list(value) if isinstance(value, list) else [value]

    def to_dict(self) -> dict[str, str]:
        return {k: self[k] for k in self._params if not _is_embed(k)}

    @property
    def query_string(self) -> str:
        """The URL's query string for these parameters (without the ``?``)."""
        return parse.urlencode(self._params, doseq=True)

    # ----- writing --------------------------------------------------------------------------
    def __setitem__(self, key: str, value: str | Iterable[str]) -> None:
        with self._lock:
            self._params[key] = _stringify(key, value)
        self._changed()

    def __delitem__(self, key: str) -> None:
        with self._lock:
            if _is_embed(key) or key not in self._params:
                raise KeyError(missing_key_message(key))
            del self._params[key]
        self._changed()

    def update(self, other: Any = (), /, **kwds: Any) -> None:
        if isinstance(other, Mapping) or (hasattr(other, "keys") and hasattr(other, "__getitem__")):
            pairs = [(k, other[k]) for k in list(other.keys())]
        else:
            pairs = list(other)
        pairs += list(kwds.items())
        with self._lock:
            staged = dict(self._params)
            for key, value in pairs:
                staged[key] = _stringify(key, value)
            self._params = staged
        self._changed()

    def clear(self) -> None:
        with self._lock:
            self._params = {k: v for k, v in self._params.items() if _is_embed(k)}
        self._changed()

    def from_dict(self, params: Any) -> None:
        """Replace every parameter (except ``embed``) with ``params``."""
        with self._lock:
            old = self._params
            self._params = {k: v for k, v in old.items() if _is_embed(k)}
            try:
                self.update(params)
            except Exception:
                self._params = old
                raise

    def replace_quietly(self, query_string: str) -> None:
        """Take a new URL's parameters without telling the browser (it already shows them)."""
        with self._lock:
            self._params = parse_query_string(query_string)

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()


# ----- st.query_params ---------------------------------------------------------------------------
_bare = QueryParams()


def current_query_params() -> QueryParams:
    """The query parameters of the session whose run is on this thread (outside a run: a spare)."""
    from jupyst.runtime.run_context import get_run_context

    ctx = get_run_context()
    params = getattr(getattr(ctx, "session", None), "query_params", None)
    return params if isinstance(params, QueryParams) else _bare


class QueryParamsProxy(MutableMapping[str, str]):
    """``st.query_params``: item and attribute access to the current session's parameters."""

    def __getitem__(self, key: str) -> str:
        return current_query_params()[key]

    def __setitem__(self, key: str, value: str | Iterable[str]) -> None:
        current_query_params()[key] = value

    def __delitem__(self, key: str) -> None:
        del current_query_params()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(current_query_params())

    def __len__(self) -> int:
        return len(current_query_params())

    def __str__(self) -> str:
        return str(current_query_params())

    def __repr__(self) -> str:
        return repr(current_query_params())

    def __getattr__(self, key: str) -> str:
        if key.startswith("__"):
            raise AttributeError(key)
        try:
            return current_query_params()[key]
        except KeyError:
            raise AttributeError(missing_attr_message(key)) from None

    def __setattr__(self, key: str, value: str | Iterable[str]) -> None:
        current_query_params()[key] = value

    def __delattr__(self, key: str) -> None:
        try:
            del current_query_params()[key]
        except KeyError:
            raise AttributeError(missing_key_message(key)) from None

    def update(self, other: Any = (), /, **kwds: Any) -> None:
        current_query_params().update(other, **kwds)

    def get_all(self, key: str) -> list[str]:
        return current_query_params().get_all(key)

    def clear(self) -> None:
        current_query_params().clear()

    def to_dict(self) -> dict[str, str]:
        return current_query_params().to_dict()

    def from_dict(self, params: Any) -> None:
        current_query_params().from_dict(params)


# ----- the visitor's request ----------------------------------------------------------------------
_request_lock = threading.Lock()
_request_done = False


def in_preheated_kernel() -> bool:
    return os.environ.get("VOILA_PREHEAT") == "True" and bool(os.environ.get("VOILA_KERNEL_ID"))


def wait_for_visitor() -> None:
    """In a preheated Voilà kernel, block until a visitor's request info arrives (once)."""
    global _request_done
    with _request_lock:
        if _request_done:
            return
        _request_done = True
        if not in_preheated_kernel():
            return
        try:
            _wait_for_request()
        except ImportError:  # no websockets client: Voilà's own helper (imports all of Voilà)
            from voila.utils import wait_for_request

            wait_for_request()


def _wait_for_request() -> None:
    """What ``voila.utils.wait_for_request()`` does, without importing Voilà in the kernel.

    Importing ``voila.utils`` takes about 2.3 s (it pulls in jupyter_server and nbconvert):
    time a preheated kernel would otherwise spend after its visitor arrived, or before it is
    ready. The protocol is Voilà's: the kernel connects to ``<server>voila/query/<kernel id>``
    and the server sends the request's environment as one JSON message.
    """
    import asyncio
    import json

    from websockets.asyncio.client import connect

    env = os.environ
    url = (
        f"{env.get('VOILA_WS_PROTOCOL', 'ws')}://{env.get('VOILA_APP_IP', '127.0.0.1')}:"
        f"{env.get('VOILA_APP_PORT', '8866')}"
        f"{env.get('VOILA_WS_BASE_URL', env.get('VOILA_SERVER_URL', '/'))}voila/query/{env['VOILA_KERNEL_ID']}"
    )

    async def receive() -> Any:
        async with connect(url, open_timeout=5) as websocket:
            return await websocket.recv()

    info: list[Any] = []

    def run() -> None:  # the kernel's own event loop may be running on this thread
        try:
            info.append(asyncio.run(receive()))
        except (OSError, TimeoutError) as exc:
            log.warning("jupyst: could not get the visitor's request from Voilà: %s", exc)

    thread = threading.Thread(target=run, name="jupyst-wait-for-visitor", daemon=True)
    thread.start()
    thread.join()
    if info:
        for key, value in json.loads(info[0]).items():
            os.environ[key] = str(value)


def request_environ() -> dict[str, str] | None:
    """The visitor's request as Voilà gives it to the kernel (query string, path, base URL),
    or None outside a Voilà kernel."""
    wait_for_visitor()
    env = os.environ
    if "QUERY_STRING" not in env and "SCRIPT_NAME" not in env:
        return None
    return {
        "query_string": env.get("QUERY_STRING", ""),
        "path": env.get("SCRIPT_NAME", ""),
        "base_url": env.get("VOILA_BASE_URL", "/"),
    }
