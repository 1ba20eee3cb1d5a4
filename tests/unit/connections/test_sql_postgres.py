"""SQLConnection against a real PostgreSQL server: apps, the cache shared by processes, bad input.

The server logs every statement it receives, so "served from the cache" is checked where it
matters: the SELECT reached PostgreSQL once, whatever the number of processes that ran it.
Bad input (wrong password, nobody listening, a server that never answers, SQL errors, no
configuration) must give Streamlit's error in the app, leave the session running, and never
show a password: not on the page, not in a log record, not in the exception.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sys
import threading
import traceback
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

import jupyst as st
from jupyst.connections import sql
from jupyst.testing import AppTest
from tests.postgres import DATABASE, PASSWORD, USER, PostgresServer
from tests.preloaded_python import PreloadedPython
from tests.unit.connections.conftest import tree_text, write_app

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
WRONG_PASSWORD = "wrong-Pass-5d1c0b"
SECRETS = (PASSWORD, WRONG_PASSWORD)


@pytest.fixture(scope="module")
def pg(postgres_server: PostgresServer) -> PostgresServer:
    postgres_server.execute(
        "DROP TABLE IF EXISTS pets; CREATE TABLE pets (name TEXT, kind TEXT, age INTEGER);"
        "INSERT INTO pets VALUES ('Rex', 'dog', 3), ('Tom', 'cat', 5), ('Bo', 'dog', 9), ('Kit', 'cat', 1);"
    )
    return postgres_server


@pytest.fixture(autouse=True)
def _fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sql, "QUERY_RETRY_WAIT", 0.05)


def section(pg: PostgresServer, **overrides: object) -> str:
    values: dict[str, object] = {
        "dialect": "postgresql", "host": "127.0.0.1", "port": pg.port,
        "database": DATABASE, "username": USER, "password": PASSWORD,
    }
    values.update(overrides)
    lines = [f"{k} = {json.dumps(v)}" for k, v in values.items()]
    return "[connections.pg]\n" + "\n".join(lines) + "\n"


def assert_no_secret(*texts: str) -> None:
    for secret in SECRETS:
        for shown in texts:
            assert secret not in shown


def test_an_app_reads_postgres_through_its_secrets_and_kwargs_win(pg: PostgresServer, tmp_path: Path) -> None:
    script = write_app(
        tmp_path,
        """
        import streamlit as st
        conn = st.connection("pg", type="sql", database="jupyst_test")
        kind = st.selectbox("Kind", ["dog", "cat"])
        st.dataframe(conn.query("SELECT name, age FROM pets WHERE kind = :k ORDER BY age", params={"k": kind}))
        st.write(conn.driver)
        """,
        section(pg, database="no_such_database"),
    )
    at = AppTest.from_file(script).run(timeout=30)
    try:
        assert not at.exception
        assert at.dataframe[0].value.to_dict("list") == {"name": ["Rex", "Bo"], "age": [3, 9]}
        assert at.markdown[0].value == "psycopg"
        at.selectbox[0].select("cat").run(timeout=30)
        assert at.dataframe[0].value.to_dict("list") == {"name": ["Kit", "Tom"], "age": [1, 5]}
    finally:
        at.close()


#: What query_worker.py imports, at its top and through st.connection: forked workers find them loaded.
QUERY_WORKER_IMPORTS = ("jupyst", "jupyst.connections.sql", "sqlalchemy", "pandas", "psycopg")


def run_worker(python: PreloadedPython, sql_text: str, pg: PostgresServer, *params: str) -> dict[str, object]:
    """Run ``query_worker.py`` as a separate process (forked from a preloaded interpreter)."""
    env = dict(os.environ)
    env["PG_URL"] = pg.url
    env["PYTHONPATH"] = os.pathsep.join(p for p in (env.get("PYTHONPATH", ""), str(REPO)) if p)
    done = python.run(
        [sys.executable, str(HERE / "query_worker.py"), sql_text, *params],
        preload=QUERY_WORKER_IMPORTS, env=env, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_another_process_gets_the_query_from_the_shared_cache(
    pg: PostgresServer, preloaded_python: PreloadedPython
) -> None:
    marker = f"marker_{uuid.uuid4().hex}"
    query = f"SELECT name, age FROM pets WHERE age > :p ORDER BY name /* {marker} */"
    first = run_worker(preloaded_python, query, pg, "2")
    assert first["data"] == [["Bo", 9], ["Rex", 3], ["Tom", 5]]
    assert pg.statements_containing(marker) == 1
    second = run_worker(preloaded_python, query, pg, "2")
    assert second == first
    assert pg.statements_containing(marker) == 1  # the database never saw the second one
    # This process too: same URL, same name, same query.
    here = st.connection("pg", type="sql", url=pg.url).query(query, params={"p": 2})
    assert here.to_dict("split") == first
    assert pg.statements_containing(marker) == 1
    run_worker(preloaded_python, query, pg, "4")  # other parameters: the database answers
    assert pg.statements_containing(marker) == 2


def test_session_writes_to_postgres(pg: PostgresServer) -> None:
    pg.execute("DROP TABLE IF EXISTS numbers; CREATE TABLE numbers (val INTEGER)")
    conn = st.connection("pg", type="sql", url=pg.url)
    with conn.session as session:
        session.execute(text("INSERT INTO numbers VALUES (:n)"), [{"n": 1}, {"n": 2}])
        session.commit()
    assert conn.query("SELECT sum(val) AS total FROM numbers")["total"].tolist() == [3]


# ----- bad input ----------------------------------------------------------------------------------
class SilentServer:
    """Accepts TCP connections on 127.0.0.1 and never answers: a server that hangs."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = int(self.sock.getsockname()[1])
        self.accepted: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.accepted:
            conn.close()


@pytest.fixture
def silent_server() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_bad_app(tmp_path: Path, secrets_toml: str, caplog: pytest.LogCaptureFixture, query: str = "SELECT 1 AS one") -> AppTest:
    script = write_app(
        tmp_path,
        f"""
        import streamlit as st
        st.title("Pets")
        conn = st.connection("pg", type="sql")
        st.dataframe(conn.query({query!r}))
        """,
        secrets_toml,
    )
    caplog.set_level(logging.DEBUG)
    at = AppTest.from_file(script).run(timeout=60)
    assert [t.value for t in at.title] == ["Pets"]
    assert len(at.exception) == 1
    assert_no_secret(tree_text(at), caplog.text)
    # The session lives on: the next run works and fails the same way.
    at.run(timeout=60)
    assert len(at.exception) == 1
    assert at.title[0].value == "Pets"
    return at


def test_wrong_password(pg: PostgresServer, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    at = run_bad_app(tmp_path, section(pg, password=WRONG_PASSWORD), caplog)
    try:
        error = at.exception[0]
        assert error.message.startswith("(psycopg.OperationalError) connection failed:")
        assert f'password authentication failed for user "{USER}"' in error.message
    finally:
        at.close()


def test_nobody_listening(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    port = closed_port()
    secrets_toml = (
        f'[connections.pg]\nurl = "postgresql://{USER}:{PASSWORD}@127.0.0.1:{port}/{DATABASE}"\n'
    )
    at = run_bad_app(tmp_path, secrets_toml, caplog)
    try:
        assert "Connection refused" in at.exception[0].message
        assert f"port {port} failed" in at.exception[0].message
    finally:
        at.close()


def test_a_server_that_never_answers_times_out(
    silent_server: SilentServer, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The default bound is what is tested; it is made short so the test is.
    monkeypatch.setattr(sql, "DEFAULT_CONNECT_TIMEOUT", 1)
    secrets_toml = (
        f'[connections.pg]\ndialect = "postgresql"\nhost = "127.0.0.1"\nport = {silent_server.port}\n'
        f'username = "{USER}"\npassword = "{PASSWORD}"\ndatabase = "{DATABASE}"\n'
    )
    at = run_bad_app(tmp_path, secrets_toml, caplog)
    try:
        assert "timeout expired" in at.exception[0].message
        # Streamlit's policy: three attempts per query, each on a new connection; two runs.
        assert len(silent_server.accepted) == 6
    finally:
        at.close()


def test_sql_error(pg: PostgresServer, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    at = run_bad_app(tmp_path, section(pg), caplog, query="SELECT nope FROM pets")
    try:
        error = at.exception[0]
        assert error.message.startswith(
            "Execution failed on sql 'SELECT nope FROM pets': (psycopg.errors.UndefinedColumn) "
            'column "nope" does not exist'
        )
    finally:
        at.close()


def test_missing_section(pg: PostgresServer, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    at = run_bad_app(tmp_path, section(pg).replace("[connections.pg]", "[connections.other]"), caplog)
    try:
        assert at.exception[0].message == (
            "Missing SQL DB connection configuration. "
            "Did you forget to set this in `secrets.toml` or as kwargs to `st.connection`?"
        )
    finally:
        at.close()


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://{user}:{password}@127.0.0.1:notaport/db",
        "postgresql+nodriver://{user}:{password}@127.0.0.1/db",
        "postgresql://{user}:{password}@127.0.0.1:{closed}/db?sslmode=bogus",
        "not a url {password}",
    ],
)
def test_no_password_in_exceptions_from_malformed_configuration(url: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    filled = url.format(user=USER, password=PASSWORD, closed=closed_port())
    with pytest.raises(Exception) as info:  # noqa: PT011 - whatever the driver raises, scrubbed
        st.connection("pg", type="sql", url=filled).query("SELECT 1")
    shown = "".join(traceback.format_exception(type(info.value), info.value, info.value.__traceback__))
    assert_no_secret(shown, caplog.text, repr(info.value.args))


def test_password_given_as_kwarg_is_not_in_a_connect_error(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    conn = st.connection(
        "pg", type="sql", dialect="postgresql", host="127.0.0.1", port=closed_port(),
        username=USER, password=PASSWORD, database=DATABASE,
    )
    assert PASSWORD not in repr(conn.engine)
    with pytest.raises(Exception) as info:  # noqa: PT011 - whatever the driver raises, scrubbed
        conn.query("SELECT 1")
    shown = "".join(traceback.format_exception(type(info.value), info.value, info.value.__traceback__))
    assert "Connection refused" in shown
    assert_no_secret(shown, caplog.text)
