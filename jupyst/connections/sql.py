"""``SQLConnection``: ``st.connection(name, type="sql")``, a SQLAlchemy engine with a cached ``query``.

Configuration comes from the ``[connections.<name>]`` secrets section and the keyword
arguments of ``st.connection``, keyword arguments winning key by key (Streamlit's rule): a
``url``, or ``dialect`` + ``username`` + ``host`` (and optionally ``driver``, ``password``,
``port``, ``database``, ``query``). Every other keyword argument goes to
``sqlalchemy.create_engine``, over the section's ``create_engine_kwargs``.

Unlike Streamlit, ``query`` results go to jupyst's disk cache: every kernel and process on
the machine that runs the same query on the same database gets the frame from disk without
touching the database, and it survives restarts. A query's key is the SQL, its parameters
and ``read_sql`` options, the ``ttl``, the connection's name and its URL without the
password (an absolute path for a SQLite file; an in-memory SQLite database is private to
its connection object, and so are its cached results).

PostgreSQL and MySQL connections get a connect timeout unless one is configured, so an
unreachable server is an error after seconds instead of a hang. Passwords never appear in
an error raised from here (see ``redact.py``).
"""

from __future__ import annotations

import os
import threading
import time
from typing import TYPE_CHECKING, Any, cast

from jupyst.caching import DataCachedFunction, cache_data
from jupyst.caching.ttl import TTL, ttl_seconds
from jupyst.connections.base import BaseConnection
from jupyst.connections.redact import Redactor, scrubbed
from jupyst.errors import StreamlitAPIException, StreamlitMissingRequiredParameterError

if TYPE_CHECKING:
    from pandas import DataFrame
    from sqlalchemy.engine import URL, Connection, Engine
    from sqlalchemy.orm import Session

_CONNECTION_PARAMS = ("url", "driver", "dialect", "username", "password", "host", "port", "database", "query")
_REQUIRED_PARAMS = ("dialect", "username", "host")

#: Seconds a PostgreSQL or MySQL connection attempt may take when the app sets no timeout.
DEFAULT_CONNECT_TIMEOUT = 10

# Drivers whose DBAPI connect() takes ``connect_timeout`` (seconds), by dialect.
_TIMEOUT_DRIVERS = {
    "postgresql": {"psycopg2", "psycopg", "psycopg2cffi"},
    "mysql": {"mysqldb", "pymysql"},
    "mariadb": {"mysqldb", "pymysql"},
}

# Streamlit's retry of a failing query: attempts, and the pause between them.
QUERY_ATTEMPTS = 3
QUERY_RETRY_WAIT = 1.0


def _missing_config() -> StreamlitAPIException:
    return StreamlitAPIException(
        "Missing SQL DB connection configuration. "
        "Did you forget to set this in `secrets.toml` or as kwargs to `st.connection`?"
    )


def _add_connect_timeout(url: URL, engine_kwargs: dict[str, Any]) -> None:
    """Give drivers that wait forever by default a bounded connect timeout."""
    dialect = url.get_backend_name()
    drivers = _TIMEOUT_DRIVERS.get(dialect)
    if drivers is None:
        return
    driver = url.get_driver_name()
    if driver not in drivers or "connect_timeout" in url.query:
        return
    connect_args = dict(engine_kwargs.get("connect_args") or {})
    if "connect_timeout" in connect_args:
        return
    connect_args["connect_timeout"] = DEFAULT_CONNECT_TIMEOUT
    engine_kwargs["connect_args"] = connect_args


def _secret_values(params: dict[str, Any], url: URL, engine_kwargs: dict[str, Any]) -> list[str]:
    found = [params.get("password"), url.password]
    connect_args = engine_kwargs.get("connect_args")
    if isinstance(connect_args, dict):
        found += [connect_args.get("password"), connect_args.get("passwd")]
    return [str(s) for s in found if s]


def _database_key(name: str, url: URL, instance_id: object) -> str:
    """Which database a connection reads: its name and URL, the password left out."""
    database = url.database
    if url.get_backend_name() == "sqlite":
        if not database or database == ":memory:" or "mode=memory" in str(url.query):
            # Private to this engine (and process): never share its results.
            return f"{name}|{url.drivername}|memory|{os.getpid()}|{instance_id}"
        if not database.startswith("file:"):
            url = url.set(database=os.path.abspath(database))
    return f"{name}|{url.render_as_string(hide_password=True)}"


def _retryable(exc: BaseException) -> bool:
    from sqlalchemy.exc import DatabaseError, InternalError, OperationalError

    return isinstance(exc, (DatabaseError, InternalError, OperationalError))


def _read_sql(
    _connection: SQLConnection,
    database: str,
    ttl: float | None,
    sql: str,
    index_col: str | list[str] | None,
    chunksize: int | None,
    params: Any,
    **kwargs: Any,
) -> DataFrame:
    """The cached body of ``SQLConnection.query``: read a frame, retrying as Streamlit does."""
    import pandas as pd
    from sqlalchemy import text

    attempt = 1
    while True:
        try:
            with _connection._instance.connect() as conn:
                return pd.read_sql(
                    text(sql), conn, index_col=index_col, chunksize=chunksize, params=params, **kwargs
                )
        except Exception as exc:
            if not _retryable(exc):
                raise
            # The connection may be what failed (server restarted, stale pool): make a new one.
            _connection.reset()
            if attempt >= QUERY_ATTEMPTS:
                raise
            time.sleep(QUERY_RETRY_WAIT)
            attempt += 1


_query_functions: dict[tuple[float | None, bool | str], DataCachedFunction[Any]] = {}
_query_functions_lock = threading.Lock()


def _cached_read_sql(ttl: float | None, show_spinner: bool | str) -> DataCachedFunction[Any]:
    """One cached ``_read_sql`` per (ttl, spinner): made once, not on every query."""
    key = (ttl, show_spinner)
    with _query_functions_lock:
        if key not in _query_functions:
            made = cache_data(ttl=ttl, show_spinner=show_spinner)(_read_sql)
            _query_functions[key] = cast("DataCachedFunction[Any]", made)
        return _query_functions[key]


class SQLConnection(BaseConnection["Engine"]):
    """A SQL database through a SQLAlchemy engine: ``st.connection("sql")``.

    Configure it with a ``[connections.<name>]`` section of ``.streamlit/secrets.toml``
    and/or keyword arguments: ``url``, or ``dialect``, ``username`` and ``host`` (plus
    ``driver``, ``password``, ``port``, ``database``, ``query``). Other keyword arguments
    (and the section's ``create_engine_kwargs``) go to ``sqlalchemy.create_engine``;
    ``autocommit=True`` opens the engine in autocommit mode.

    ``query()`` reads a DataFrame and caches it on disk for every kernel on the machine;
    ``session`` gives a SQLAlchemy ``Session`` for writes; ``engine``, ``driver`` and
    ``connect()`` reach SQLAlchemy directly. SQLAlchemy and the database's driver must be
    installed.
    """

    _redactor: Redactor

    def _connect(self, autocommit: bool = False, **kwargs: Any) -> Engine:
        self._redactor = Redactor()
        # Missing, this raises the ModuleNotFoundError that st.connection turns into
        # Streamlit's "You need to install the 'sqlalchemy' package" message.
        import sqlalchemy
        from sqlalchemy.engine import URL, make_url

        kwargs = dict(kwargs)
        from_kwargs = {k: kwargs.pop(k) for k in _CONNECTION_PARAMS if k in kwargs}
        section = self._secrets.to_dict()
        params = {**section, **from_kwargs}
        # Every secret we know of, before anything can fail with it in a message.
        self._redactor = Redactor([str(v) for v in (params.get("password"), section.get("password")) if v])
        with scrubbed(self._redactor):
            if not params:
                raise _missing_config()
            if "url" in params:
                url = make_url(params["url"])
            else:
                for required in _REQUIRED_PARAMS:
                    if required not in params:
                        raise StreamlitMissingRequiredParameterError(
                            required,
                            detail=(
                                "Set this SQL DB connection parameter in `secrets.toml` "
                                "or pass it as a kwarg to `st.connection`."
                            ),
                        )
                driver = params.get("driver")
                url = URL.create(
                    drivername=params["dialect"] + (f"+{driver}" if driver else ""),
                    username=params["username"],
                    password=params.get("password"),
                    host=params["host"],
                    port=int(params["port"]) if "port" in params else None,
                    database=params.get("database"),
                    query=params.get("query", {}),
                )
            engine_kwargs = {**dict(section.get("create_engine_kwargs") or {}), **kwargs}
            self._redactor = Redactor(_secret_values(params, url, engine_kwargs))
            _add_connect_timeout(url, engine_kwargs)
            engine = sqlalchemy.create_engine(url, **engine_kwargs)
        self._database = _database_key(self._connection_name, engine.url, self._connection_instance_id)
        if autocommit:
            return engine.execution_options(isolation_level="AUTOCOMMIT")
        return engine

    def query(
        self,
        sql: str,
        *,
        show_spinner: bool | str = "Running `sql.query(...)`.",
        ttl: TTL = None,
        index_col: str | list[str] | None = None,
        chunksize: int | None = None,
        params: Any | None = None,
        **kwargs: Any,
    ) -> DataFrame:
        """Run a read-only query and return its result as a ``pandas.DataFrame``.

        The result is cached on disk, shared by every kernel and process on the machine
        and kept across restarts, by the SQL text, ``params``, the other ``read_sql``
        options, ``ttl`` and the database; ``ttl`` (seconds, ``timedelta`` or a string
        such as ``"10m"``) bounds its age, and no ``ttl`` keeps it until the cache is
        cleared. ``params`` fill the ``:name`` placeholders of ``sql``; ``index_col`` and
        any other keyword argument go to ``pandas.read_sql``. A database error is retried
        twice, with a fresh connection, before it is raised. ``show_spinner`` (``True``,
        ``False`` or a message) is shown while the database works.
        """
        seconds = ttl_seconds(ttl)
        cached = _cached_read_sql(seconds, show_spinner)
        with scrubbed(self._redactor):
            # Reading the engine first applies a pending reset (the secrets changed).
            self._instance  # noqa: B018
            return cached(
                self,
                self._database,
                seconds,
                sql,
                index_col=index_col,
                chunksize=chunksize,
                params=params,
                **kwargs,
            )

    def connect(self) -> Connection:
        """A new SQLAlchemy ``Connection`` from the engine (use it in a ``with`` block)."""
        with scrubbed(self._redactor):
            return self._instance.connect()

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy ``Engine`` behind this connection."""
        return self._instance

    @property
    def driver(self) -> str:
        """The DBAPI driver's name, e.g. ``"psycopg2"`` or ``"pysqlite"``."""
        return str(self._instance.driver)

    @property
    def session(self) -> Session:
        """A new SQLAlchemy ``Session`` on the engine, for writes and transactions.

        Use it as a context manager and commit what you change::

            with conn.session as s:
                s.execute(text("INSERT INTO pets VALUES (:name)"), {"name": "Rex"})
                s.commit()
        """
        from sqlalchemy.orm import Session

        return Session(self._instance)

    def close(self) -> None:
        """Close the engine's pooled connections (when ``st.connection``'s cache drops it)."""
        engine = self._raw_instance
        if engine is not None:
            engine.dispose()
