"""SQLConnection on real SQLite files: configuration precedence, the query cache, writes, errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import event, text

import jupyst as st
from jupyst.connections import SQLConnection, sql
from jupyst.testing import AppTest
from tests.unit.connections.conftest import make_pets_db, write_app


def count_statements(conn: SQLConnection) -> list[str]:
    """Every statement the engine sends to the database from now on."""
    seen: list[str] = []

    @event.listens_for(conn.engine, "before_cursor_execute")
    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    return seen


@pytest.fixture(autouse=True)
def _fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sql, "QUERY_RETRY_WAIT", 0.01)


def test_query_reads_a_frame_with_params_index_col_and_read_sql_kwargs(tmp_path: Path) -> None:
    make_pets_db(tmp_path / "pets.db")
    conn = st.connection("pets", type="sql", url="sqlite:///pets.db")
    df = conn.query("SELECT name, age FROM pets WHERE kind = :kind ORDER BY age", params={"kind": "dog"})
    assert df.to_dict("list") == {"name": ["Rex", "Bo"], "age": [3, 9]}
    indexed = conn.query("SELECT name, age FROM pets ORDER BY name", index_col="name", dtype={"age": "float64"})
    assert indexed.index.tolist() == ["Bo", "Kit", "Rex", "Tom"]
    assert indexed["age"].dtype == "float64"
    assert conn.driver == "pysqlite"


def test_a_repeated_query_is_served_from_the_cache(tmp_path: Path) -> None:
    make_pets_db(tmp_path / "pets.db")
    conn = st.connection("pets", type="sql", url="sqlite:///pets.db")
    sent = count_statements(conn)
    first = conn.query("SELECT * FROM pets WHERE age > :a", params={"a": 2})
    again = conn.query("SELECT * FROM pets WHERE age > :a", params={"a": 2})
    pd.testing.assert_frame_equal(first, again)
    assert len(sent) == 1
    conn.query("SELECT * FROM pets WHERE age > :a", params={"a": 4})  # other params: a miss
    conn.query("SELECT * FROM pets WHERE age > :a", params={"a": 2}, ttl=60)  # other ttl: a miss
    assert len(sent) == 3
    conn.query("SELECT * FROM pets WHERE age > :a", params={"a": 2}, ttl=0)
    conn.query("SELECT * FROM pets WHERE age > :a", params={"a": 2}, ttl=0)  # expired at once
    assert len(sent) == 5


def test_session_writes_and_a_new_query_sees_them(tmp_path: Path) -> None:
    make_pets_db(tmp_path / "pets.db")
    conn = st.connection("pets", type="sql", url="sqlite:///pets.db")
    with conn.session as session:
        session.execute(text("INSERT INTO pets VALUES (:n, 'owl', 2)"), {"n": "Hoot"})
        session.commit()
    with conn.connect() as raw:
        assert raw.execute(text("SELECT count(*) FROM pets")).scalar() == 5
    assert conn.query("SELECT name FROM pets WHERE kind = 'owl'")["name"].tolist() == ["Hoot"]


def test_keyword_arguments_win_over_the_secrets_section(tmp_path: Path) -> None:
    make_pets_db(tmp_path / "pets.db")
    make_pets_db(tmp_path / "other.db")
    with __import__("sqlite3").connect(tmp_path / "other.db") as db:
        db.execute("DELETE FROM pets WHERE kind = 'cat'")
    script = write_app(
        tmp_path,
        """
        import streamlit as st
        section = st.connection("pets", type="sql")
        chosen = st.connection("pets", type="sql", url="sqlite:///other.db", pool_pre_ping=False)
        st.write(len(section.query("SELECT * FROM pets")), len(chosen.query("SELECT * FROM pets")))
        st.write(f"{section.engine.pool._pre_ping} {chosen.engine.pool._pre_ping}")
        """,
        """
        [connections.pets]
        url = "sqlite:///pets.db"

        [connections.pets.create_engine_kwargs]
        pool_pre_ping = true
        """,
    )
    at = AppTest.from_file(script).run()
    try:
        assert not at.exception
        assert [m.value for m in at.markdown] == ["`4` `2`", "True False"]
    finally:
        at.close()


def test_relative_sqlite_files_of_two_apps_do_not_share_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, rows in (("a", 4), ("b", 2)):
        (tmp_path / name).mkdir()
        make_pets_db(tmp_path / name / "pets.db")
        if rows == 2:
            with __import__("sqlite3").connect(tmp_path / name / "pets.db") as db:
                db.execute("DELETE FROM pets WHERE kind = 'cat'")
    counts = []
    for name in ("a", "b"):
        monkeypatch.chdir(tmp_path / name)
        st.cache_resource.clear()
        conn = st.connection("pets", type="sql", url="sqlite:///pets.db")
        counts.append(len(conn.query("SELECT * FROM pets")))
    assert counts == [4, 2]


def test_in_memory_databases_never_share_results() -> None:
    one = st.connection("mem", type="sql", url="sqlite://", poolclass=__import__("sqlalchemy").pool.StaticPool)
    two = st.connection("mem", type="sql", url="sqlite://", poolclass=__import__("sqlalchemy").pool.StaticPool, echo=False)
    for conn, n in ((one, 1), (two, 2)):
        with conn.session as s:
            s.execute(text("CREATE TABLE t (x INTEGER)"))
            s.execute(text("INSERT INTO t VALUES (:n)"), {"n": n})
            s.commit()
    assert one.query("SELECT x FROM t")["x"].tolist() == [1]
    assert two.query("SELECT x FROM t")["x"].tolist() == [2]


def test_autocommit_engine(tmp_path: Path) -> None:
    conn = st.connection("auto", type="sql", url="sqlite:///auto.db", autocommit=True)
    assert conn.engine.get_execution_options()["isolation_level"] == "AUTOCOMMIT"


def test_a_sql_error_is_raised_with_the_statement_and_the_connection_stays_usable(tmp_path: Path) -> None:
    make_pets_db(tmp_path / "pets.db")
    conn = st.connection("pets", type="sql", url="sqlite:///pets.db")
    sent = count_statements(conn)
    with pytest.raises(Exception) as info:  # noqa: PT011 - pandas wraps the driver's error
        conn.query("SELECT * FROM no_such_table")
    # pandas wraps the driver's error; as in Streamlit, that is not retried (connect errors are).
    assert type(info.value).__name__ == "DatabaseError"
    assert str(info.value).startswith(
        "Execution failed on sql 'SELECT * FROM no_such_table': (sqlite3.OperationalError) "
        "no such table: no_such_table"
    )
    assert len(sent) == 1
    assert conn.query("SELECT count(*) AS n FROM pets")["n"].tolist() == [4]
