"""st.connection: which class a name means, the cached instance, custom connections, errors."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

import jupyst as st
from jupyst.connections import BaseConnection, ExperimentalBaseConnection, SQLConnection
from jupyst.errors import StreamlitAPIException
from jupyst.testing import AppTest
from tests.unit.connections.conftest import make_pets_db, write_app


class Counter(BaseConnection[dict]):
    """A custom connection whose raw object records how often it was made."""

    made = 0

    def _connect(self, **kwargs: Any) -> dict:
        Counter.made += 1
        return {"n": Counter.made, "secrets": self._secrets.to_dict(), "kwargs": kwargs}

    def number(self) -> int:
        return int(self._instance["n"])


class Sessional(Counter):
    @classmethod
    def scope(cls) -> str:  # type: ignore[override]
        return "session"


class Closing(Counter):
    closed: list[int] = []

    def close(self) -> None:
        Closing.closed.append(self.number())


@pytest.fixture(autouse=True)
def _counter() -> None:
    Counter.made = 0
    Closing.closed = []


def test_module_exports_what_streamlit_connections_exports() -> None:
    streamlit_connections = pytest.importorskip("streamlit.connections")
    import jupyst.connections as ours

    assert sorted(ours.__all__) == sorted(streamlit_connections.__all__)
    for name in ours.__all__:
        assert isinstance(getattr(ours, name), type)
    assert ExperimentalBaseConnection is BaseConnection


def test_sql_by_name_by_type_by_path_and_by_class_are_one_cached_connection(tmp_path: Path) -> None:
    make_pets_db(tmp_path / "pets.db")
    url = "sqlite:///pets.db"
    by_name = st.connection("sql", url=url)
    assert isinstance(by_name, SQLConnection)
    assert st.connection("sql", url=url) is by_name
    assert st.connection("sql", type="sql", url=url) is by_name
    assert st.connection("sql", type="streamlit.connections.SQLConnection", url=url) is by_name
    assert st.connection("sql", type=SQLConnection, url=url) is by_name
    # Other kwargs: another connection.
    assert st.connection("sql", url=url, echo=False) is not by_name


def test_type_from_the_secrets_section_and_its_values_reach_connect(tmp_path: Path) -> None:
    folder = tmp_path / "secrets_app"
    (folder / ".streamlit").mkdir(parents=True)
    (folder / ".streamlit" / "secrets.toml").write_text(
        '[connections.counter]\ntype = "tests.unit.connections.test_factory.Counter"\nregion = "eu"\n'
    )
    from jupyst.runtime.secrets import secrets

    secrets._script_dir = str(folder)
    try:
        conn = st.connection("counter", extra=1)
    finally:
        secrets._script_dir = None
    assert isinstance(conn, Counter)
    assert conn._instance["secrets"]["region"] == "eu"
    assert conn._instance["kwargs"] == {"extra": 1}


def test_env_prefix_reads_the_name_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MY_CONN", "counted")
    conn = st.connection("env:MY_CONN", type=Counter)
    assert conn._connection_name == "counted"


def test_reset_makes_a_new_raw_connection_on_next_use() -> None:
    conn = st.connection("c", type=Counter)
    assert conn.number() == 1
    assert conn.number() == 1
    conn.reset()
    assert conn.number() == 2


def test_raw_client_attribute_on_the_wrapper_points_to_instance() -> None:
    conn = st.connection("c", type=Counter)
    with pytest.raises(AttributeError, match=r"`keys` doesn't exist here, but you can call `._instance.keys` instead"):
        conn.keys  # noqa: B018


def test_ttl_and_max_entries_bound_the_cache_and_released_connections_close() -> None:
    first = st.connection("a", type=Closing, max_entries=1)
    assert st.connection("a", type=Closing, max_entries=1) is first
    st.connection("b", type=Closing, max_entries=1)  # evicts "a"
    assert Closing.closed == [1]
    assert st.connection("a", type=Closing, max_entries=1) is not first
    # Another (ttl, max_entries) pair is a cache of its own: it keeps its own "a".
    other = st.connection("a", type=Closing, ttl=timedelta(hours=1))
    assert st.connection("a", type=Closing, ttl=3600) is other
    expired = st.connection("z", type=Closing, ttl=0)
    assert st.connection("z", type=Closing, ttl=0) is not expired


def test_default_ttl_option_applies_when_ttl_is_omitted(tmp_path: Path) -> None:
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "config.toml").write_text("[runner]\nconnectionDefaultTTL = 0\n")
    conn = st.connection("t", type=Counter)
    assert st.connection("t", type=Counter) is not conn  # expired at once
    kept = st.connection("t", type=Counter, ttl=None)  # an explicit None wins
    assert st.connection("t", type=Counter, ttl=None) is kept
    (tmp_path / ".streamlit" / "config.toml").write_text('[runner]\nconnectionDefaultTTL = "soon"\n')
    with pytest.raises(StreamlitAPIException, match=r"Invalid `runner.connectionDefaultTTL` value.*'soon'"):
        st.connection("t", type=Counter)


def test_session_scoped_connections_are_one_per_session(tmp_path: Path) -> None:
    script = write_app(
        tmp_path / "scoped",
        """
        import streamlit as st
        from tests.unit.connections.test_factory import Sessional
        a = st.connection("s", type=Sessional)
        st.write(f"{a.number()} {a is st.connection('s', type=Sessional)}")
        """,
    )
    one, two = AppTest.from_file(script).run(), AppTest.from_file(script).run()
    try:
        assert [m.value for m in one.markdown] == ["1 True"]
        assert [m.value for m in two.markdown] == ["2 True"]
        assert [m.value for m in one.run().markdown] == ["1 True"]
    finally:
        one.close()
        two.close()


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"type": "snowflake"}, ModuleNotFoundError,
         "No module named 'snowflake'. You need to install the 'snowflake-connector-python' package to use this connection."),
        ({"type": "snowflake-callers-rights"}, ModuleNotFoundError,
         "No module named 'snowflake'. You need to install the 'snowflake-connector-python' package to use this connection."),
        ({"type": "snowpark"}, StreamlitAPIException, "The Snowpark connection was removed in favor of the Snowflake connection."),
        ({"type": "mongo"}, StreamlitAPIException, "Invalid connection 'mongo'. Supported connection classes: "),
        ({"type": dict}, StreamlitAPIException, "<class 'dict'> is not a subclass of BaseConnection!"),
        ({"type": "sql"}, StreamlitAPIException,
         "Missing SQL DB connection configuration. Did you forget to set this in `secrets.toml` or as kwargs to `st.connection`?"),
        ({"type": "sql", "host": "h", "username": "u"}, StreamlitAPIException,
         "The `dialect` parameter is required. Set this SQL DB connection parameter in `secrets.toml` or pass it as a kwarg to `st.connection`."),
    ],
)
def test_errors_carry_streamlits_wording(kwargs: dict[str, Any], error: type, message: str) -> None:
    with pytest.raises(error) as info:
        st.connection("db", **kwargs)
    assert str(info.value).startswith(message)


def test_no_type_and_no_section_is_st_secrets_own_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="No secrets found"):
        st.connection("db")
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text('[other]\nx = 1\n')
    from jupyst.runtime.secrets import secrets

    secrets.reset()
    with pytest.raises(KeyError, match='st.secrets has no key "connections"'):
        st.connection("db")


def test_streamlit_connections_inside_an_app_is_jupysts(tmp_path: Path) -> None:
    script = write_app(
        tmp_path / "imports",
        """
        import streamlit as st
        import streamlit.connections
        from streamlit.connections import SQLConnection, BaseConnection
        st.write(SQLConnection.__module__, BaseConnection.__module__)
        st.write(streamlit.connections.__name__)
        """,
    )
    at = AppTest.from_file(script).run()
    try:
        assert not at.exception
        assert [m.value for m in at.markdown] == [
            "jupyst.connections.sql jupyst.connections.base",
            "jupyst.connections",
        ]
    finally:
        at.close()
