"""st.connection under Streamlit's AppTest and jupyst's: same scripts, same databases, same frames.

Each case is an app folder: ``app.py`` and ``.streamlit/secrets.toml`` with its
``[connections.*]`` sections, beside a SQLite file, or pointing at the test PostgreSQL
server. Both AppTests run from that folder (Streamlit's AppTest reads the working
directory's secrets file) after every cache and the secrets of the last case are dropped,
and what they show after each step is compared with the compat harness: the dataframes
cell by cell, errors by type and message.
"""

from __future__ import annotations

import re
import sqlite3
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.compat.harness import Step, apply_step, compare, snapshot
from tests.postgres import PASSWORD, USER, PostgresServer

TIMEOUT = 60


@dataclass(frozen=True)
class ConnectionCase:
    name: str
    script: str
    #: secrets.toml; ``{port}`` is the PostgreSQL server's port
    secrets: str
    steps: list[Step] = field(default_factory=list)
    postgres: bool = False


PG_SECTION = f"""
[connections.pg]
dialect = "postgresql"
host = "127.0.0.1"
port = {{port}}
database = "no_such_database"
username = "{USER}"
password = "{PASSWORD}"
"""

CASES = [
    ConnectionCase(
        "sqlite_filter",
        """
        import streamlit as st
        conn = st.connection("pets_db", type="sql")
        kind = st.selectbox("Kind", ["dog", "cat"], key="kind")
        df = conn.query("SELECT name, age FROM pets WHERE kind = :kind ORDER BY age", params={"kind": kind}, ttl=600)
        st.dataframe(df)
        st.write(conn.driver)
        """,
        '[connections.pets_db]\nurl = "sqlite:///pets.db"\n',
        steps=[("selectbox", "kind", "select", "cat")],
    ),
    ConnectionCase(
        "sqlite_by_path_and_kwargs",
        """
        import streamlit as st
        from streamlit.connections import SQLConnection
        conn = st.connection("sql", type="streamlit.connections.SQLConnection", url="sqlite:///pets.db")
        st.write(isinstance(conn, SQLConnection))
        st.dataframe(conn.query("SELECT * FROM pets ORDER BY name", index_col="name"))
        st.dataframe(conn.query("SELECT kind, count(*) AS n FROM pets GROUP BY kind ORDER BY kind"))
        """,
        "",
    ),
    ConnectionCase(
        "sqlite_errors",
        """
        import streamlit as st
        for args, kwargs in [
            (("nothing",), {"type": "sql"}),
            (("nothing",), {}),
            (("pets_db",), {"type": "snowflake"}),
            (("nothing",), {"type": "sql", "host": "h", "username": "u"}),
            (("pets_db",), {"type": "sql", "host": "h", "username": "u"}),  # the url wins
            (("pets_db",), {"type": "nosuchtype"}),
        ]:
            try:
                st.connection(*args, **kwargs)
            except Exception as exc:
                st.exception(exc)
        conn = st.connection("pets_db", type="sql")
        conn.query("SELECT * FROM no_such_table")
        """,
        '[connections.pets_db]\nurl = "sqlite:///pets.db"\n[connections.other]\nurl = "sqlite:///x.db"\n',
    ),
    ConnectionCase(
        "postgres_secrets_kwargs_and_session",
        """
        import streamlit as st
        from sqlalchemy import text
        conn = st.connection("pg", type="sql", database="jupyst_test")
        with conn.session as s:
            s.execute(text("DELETE FROM visits"))
            s.execute(text("INSERT INTO visits VALUES (:n)"), [{"n": 1}, {"n": 2}, {"n": 4}])
            s.commit()
        low = st.slider("Above", 0, 10, 0, key="low")
        st.dataframe(conn.query("SELECT n FROM visits WHERE n > :low ORDER BY n", params={"low": low}))
        """,
        PG_SECTION,
        steps=[("slider", "low", "set_value", 1)],
        postgres=True,
    ),
    ConnectionCase(
        "postgres_wrong_password",
        """
        import streamlit as st
        st.connection("pg", type="sql", database="jupyst_test").query("SELECT 1 AS one")
        """,
        PG_SECTION.replace(PASSWORD, "not-the-password"),
        postgres=True,
    ),
]


@pytest.fixture
def streamlit_state() -> Iterator[None]:
    """Streamlit keeps secrets and caches in module singletons: drop them around a case."""
    import streamlit as real_st
    from streamlit.runtime.secrets import secrets_singleton

    def drop() -> None:
        secrets_singleton._reset()
        real_st.cache_resource.clear()
        real_st.cache_data.clear()

    drop()
    yield
    drop()


@pytest.fixture
def jupyst_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from jupyst import caching
    from jupyst.runtime.secrets import secrets

    monkeypatch.setenv("JUPYST_CACHE_DIR", str(tmp_path / "jupyst-cache"))
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.streamlit/secrets.toml of the machine
    caching.reset()
    caching.cache_resource.clear()
    secrets.reset()
    yield
    caching.cache_resource.clear()
    caching.reset()
    secrets.reset()


def make_app(folder: Path, case: ConnectionCase, port: int | None) -> Path:
    folder.mkdir()
    with sqlite3.connect(folder / "pets.db") as db:
        db.execute("CREATE TABLE pets (name TEXT, kind TEXT, age INTEGER)")
        db.executemany(
            "INSERT INTO pets VALUES (?, ?, ?)",
            [("Rex", "dog", 3), ("Tom", "cat", 5), ("Bo", "dog", 9), ("Kit", "cat", 1)],
        )
    (folder / ".streamlit").mkdir()
    (folder / ".streamlit" / "secrets.toml").write_text(case.secrets.replace("{port}", str(port)))
    script = folder / "app.py"
    script.write_text(textwrap.dedent(case.script))
    return script


_CLASS_REPR = re.compile(r"<class '(?:streamlit|jupyst)\.connections\.[\w.]*\.(\w+)'>")


def _normalize(value: Any) -> Any:
    """Representation: class reprs in messages name each package's own module; keep the class."""
    if isinstance(value, str):
        return _CLASS_REPR.sub(r"<class \1>", value)
    if isinstance(value, (list, tuple)):
        return type(value)(_normalize(v) for v in value)
    if isinstance(value, dict):
        return {k: _normalize(v) for k, v in value.items()}
    return value


def snapshots(app_test_cls: Any, script: Path, case: ConnectionCase) -> list[dict[str, Any]]:
    at = app_test_cls.from_file(str(script), default_timeout=TIMEOUT)
    try:
        at.run()
        out = [_normalize(snapshot(at))]
        for step in case.steps:
            apply_step(at, step)
            out.append(_normalize(snapshot(at)))
        return out
    finally:
        close = getattr(at, "close", None)
        if close is not None:
            close()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_connection_case(
    case: ConnectionCase,
    streamlit_app_test: Any,
    jupyst_app_test: Any,
    streamlit_state: None,
    jupyst_state: None,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port = None
    if case.postgres:
        server: PostgresServer = request.getfixturevalue("postgres_server")
        server.execute("CREATE TABLE IF NOT EXISTS visits (n INTEGER)")
        port = server.port
    script = make_app(tmp_path / "app", case, port)
    monkeypatch.chdir(script.parent)
    want = snapshots(streamlit_app_test, script, case)
    got = snapshots(jupyst_app_test, script, case)
    # The cases must exercise a database: at least one frame or error in the first run.
    assert any(el[0] in ("dataframe", "exception") for el in want[0]["main"]), want[0]
    compare(case, want, got)  # type: ignore[arg-type]
    shown = repr(got)
    assert PASSWORD not in shown
    assert "not-the-password" not in shown
