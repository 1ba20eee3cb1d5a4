"""``st.connection``: which connection class a name means, and the one cached instance of it.

The class comes from ``type`` (a first-party name such as ``"sql"``, a dotted import path,
or a ``BaseConnection`` subclass), else from the name itself when it is a first-party name,
else from ``type`` in the ``[connections.<name>]`` secrets section. A name of the form
``env:VAR`` is read from the environment variable ``VAR``.

The instance is made once per name, class and keyword arguments and kept by
``st.cache_resource`` (connections hold sockets and pools: they stay in the process that
made them). ``ttl`` and ``max_entries`` bound that cache; each pair of them gets a cache of
its own, as in Streamlit, so that calls with different limits do not evict each other.
A connection leaving the cache is closed. An omitted ``ttl`` takes the
``runner.connectionDefaultTTL`` option. Session-scoped classes get one instance per
session (kept until its ``ttl`` or a cache clear: jupyst does not yet release them when
the session ends).
"""

from __future__ import annotations

import importlib
import inspect
import math
import os
import re
import threading
import uuid
import weakref
from datetime import timedelta
from typing import Any, Callable, TypeVar, cast

from jupyst.caching import ResourceCachedFunction, cache_resource
from jupyst.caching.ttl import ttl_seconds
from jupyst.connections.base import BaseConnection
from jupyst.connections.snowflake import SnowflakeCallersRightsConnection, SnowflakeConnection
from jupyst.connections.sql import SQLConnection
from jupyst.errors import StreamlitAPIException, StreamlitValueError
from jupyst.runtime.secrets import secrets

ConnectionClass = TypeVar("ConnectionClass", bound=BaseConnection[Any])

FIRST_PARTY: dict[str, type[BaseConnection[Any]]] = {
    "snowflake": SnowflakeConnection,
    "snowflake-callers-rights": SnowflakeCallersRightsConnection,
    "sql": SQLConnection,
}

_SNOWPARK = "snowpark"
_SNOWPARK_REMOVED = (
    "The Snowpark connection was removed in favor of the Snowflake connection. "
    'Update your app to use `st.connection("<name>", type="snowflake")` with '
    "`SnowflakeConnection` instead."
)
_ENV_PREFIX = "env:"
_DEFAULT_TTL_OPTION = "runner.connectionDefaultTTL"

# The package to install for a module a connection could not import (Streamlit's list).
_PACKAGES = {
    "MySQLdb": "mysqlclient",
    "psycopg2": "psycopg2-binary",
    "sqlalchemy": "sqlalchemy",
    "snowflake": "snowflake-connector-python",
    "snowflake.connector": "snowflake-connector-python",
    "snowflake.snowpark": "snowflake-snowpark-python",
}
_NO_MODULE = re.compile(r"No module named '(.+?)'")


class _Unset:
    """``ttl`` not given at all (as opposed to ``ttl=None``, which means "never expires")."""

    def __repr__(self) -> str:
        return "<unset>"


_TTL_UNSET: Any = _Unset()


def _first_party(type_name: str) -> type[BaseConnection[Any]]:
    if type_name == _SNOWPARK:
        raise StreamlitAPIException(_SNOWPARK_REMOVED)
    try:
        return FIRST_PARTY[type_name]
    except KeyError:
        raise StreamlitAPIException(
            f"Invalid connection '{type_name}'. Supported connection classes: {FIRST_PARTY}"
        ) from None


def resolve_class(name: str, type: Any) -> Any:
    """The connection class ``st.connection(name, type=type)`` means (not yet checked)."""
    if type is None:
        if name == _SNOWPARK:
            raise StreamlitAPIException(_SNOWPARK_REMOVED)
        if name in FIRST_PARTY:
            return FIRST_PARTY[name]
        # No type given: the section must name one. A missing section or key raises
        # st.secrets' own KeyError, as in Streamlit.
        secrets.load_if_toml_exists()
        type = secrets["connections"][name]["type"]
    if isinstance(type, str):
        if "." not in type:
            return _first_party(type)
        module_name, _, class_name = type.rpartition(".")
        # Inside an app, a path under "streamlit." means jupyst's module of that name.
        if module_name == "streamlit" or module_name.startswith("streamlit."):
            module_name = "jupyst" + module_name[len("streamlit") :]
        return getattr(importlib.import_module(module_name), class_name)
    return type


def _default_ttl() -> float | None:
    try:
        from jupyst.runtime.config_file import get_config

        value = get_config().get(_DEFAULT_TTL_OPTION)
    except Exception:
        return None
    if value is None:
        return None
    original = value
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            value = None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise StreamlitAPIException(
            "Invalid `runner.connectionDefaultTTL` value. Use a finite, non-negative number of "
            "seconds, or leave the option unset to keep connections cached until they are "
            f"cleared. Received {original!r}."
        )
    return float(value)


# ----- the resource cache ----------------------------------------------------------------------
_session_tokens: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
_session_tokens_lock = threading.Lock()


def _scope_token(scope: str) -> str:
    """"" for global connections; a token unique to the running session for session ones."""
    if scope == "global":
        return ""
    from jupyst.runtime.run_context import get_run_context

    ctx = get_run_context()
    session = getattr(ctx, "session", None)
    if session is None:
        return ""  # no app running (a plain script or a test): the process is the session
    with _session_tokens_lock:
        token = _session_tokens.get(session)
        if token is None:
            token = _session_tokens[session] = uuid.uuid4().hex
        return token


def _release(connection: BaseConnection[Any]) -> None:
    connection.close()


_creators: dict[tuple[float | None, int | None], ResourceCachedFunction[Any]] = {}
_creators_lock = threading.Lock()


def _creator(ttl: float | None, max_entries: int | None) -> Callable[..., Any]:
    """The cached constructor for one (ttl, max_entries) pair: a resource cache of its own."""
    key = (ttl, max_entries)
    with _creators_lock:
        if key in _creators:
            return _creators[key]

        def make_connection(
            name: str, connection_class: type[BaseConnection[Any]], scope_token: str, **kwargs: Any
        ) -> BaseConnection[Any]:
            return connection_class(connection_name=name, **kwargs)

        # The cache of a function is found by its qualified name (and source): one name
        # per pair of limits keeps their caches apart.
        suffix = f"{ttl}_{max_entries}".replace(".", "_")
        make_connection.__qualname__ = f"{make_connection.__qualname__}_{suffix}"
        made = cache_resource(
            ttl=ttl,
            max_entries=max_entries,
            show_spinner="Running `st.connection(...)`.",
            on_release=_release,
        )(make_connection)
        _creators[key] = cast("ResourceCachedFunction[Any]", made)
        return _creators[key]


def _missing_module(exc: ModuleNotFoundError) -> ModuleNotFoundError:
    match = _NO_MODULE.search(str(exc))
    package = _PACKAGES.get(match.group(1)) if match else None
    if package:
        hint = f"You need to install the '{package}' package to use this connection."
    else:
        hint = "You may be missing a dependency required to use this connection."
    return ModuleNotFoundError(f"{exc}. {hint}")


def connection(
    name: str,
    type: Any = None,
    max_entries: int | None = None,
    ttl: float | timedelta | None = _TTL_UNSET,
    **kwargs: Any,
) -> Any:
    """Open a connection to a database or service, or return the one already open.

    ``name`` picks the ``[connections.<name>]`` section of ``.streamlit/secrets.toml``
    (``"env:VAR"`` reads the name from an environment variable). ``type`` is ``"sql"``,
    ``"snowflake"``, a ``BaseConnection`` subclass or the dotted path of one; without it
    the type comes from the name (``"sql"``) or from the section's ``type`` key.
    Keyword arguments are passed to the connection and win over the section's values.

    The connection is cached as a resource: the same arguments give the same object in
    every session of the process. ``max_entries`` and ``ttl`` (seconds or a
    ``timedelta``; omitted means the ``runner.connectionDefaultTTL`` option) bound that
    cache, and a connection that leaves it is closed.
    """
    if name.startswith(_ENV_PREFIX):
        name = os.environ[name[len(_ENV_PREFIX) :]]

    connection_class = resolve_class(name, type)
    if ttl is _TTL_UNSET:
        ttl = _default_ttl()
    seconds = ttl_seconds(ttl)

    if not (inspect.isclass(connection_class) and issubclass(connection_class, BaseConnection)):
        raise StreamlitAPIException(f"{connection_class} is not a subclass of BaseConnection!")
    scope = connection_class.scope()
    if scope not in ("global", "session"):
        raise StreamlitValueError(
            "scope",
            ["'global'", "'session'"],
            detail=f"Connection class {connection_class.__name__} has scope {scope!r}.",
        )
    create = _creator(seconds, max_entries)
    try:
        return create(name, connection_class, _scope_token(scope), **kwargs)
    except ModuleNotFoundError as exc:
        raise _missing_module(exc) from None

