"""st.connection in a real browser: the hello app's database page, and an unchanged Streamlit app
that reads PostgreSQL through ``[connections.pg]`` in its secrets, served by ``jupyst run``."""

from __future__ import annotations

import json
import os
import sqlite3
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import open_url, save_screenshot
from tests.e2e.server import JupystServer
from tests.postgres import DATABASE, PASSWORD, USER, PostgresServer

pytestmark = pytest.mark.e2e

UPDATE_MS = 30_000


def metric(page: Any, label: str) -> Any:
    return page.locator(".jupyst-main .jupyst-metric", has_text=label)


def test_hello_database_page_filters_its_query(page: Any, hello_server: JupystServer) -> None:
    open_url(page, hello_server.url + "Database")
    grid = page.locator(".jupyst-main .jupyst-dataframe").first
    grid.locator(".jg-body .jg-row").first.wait_for(timeout=UPDATE_MS)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jupyst-main .jupyst-metric')].some(m => /Orders\\s*48/.test(m.innerText))",
        timeout=UPDATE_MS,
    )
    database = Path(os.environ["JUPYST_CACHE_DIR"]) / "hello-orders.db"
    with sqlite3.connect(database) as db:
        expected = db.execute("SELECT count(*) FROM orders WHERE total >= 300").fetchone()[0]
    handle = page.locator(".jupyst-main .jupyst-slider .noUi-handle").first
    handle.focus()
    for _ in range(6):  # step 50: 0 -> 300
        handle.press("ArrowRight")
    page.wait_for_function(
        f"() => [...document.querySelectorAll('.jupyst-main .jupyst-metric')].some(m => /Orders\\s*{expected}\\b/.test(m.innerText))",
        timeout=UPDATE_MS,
    )
    assert page.recorder.errors == []
    save_screenshot(page, "hello_database")


APP = """
import streamlit as st

st.title("Pets from PostgreSQL")
conn = st.connection("pg", type="sql")
kind = st.radio("Kind", ["dog", "cat"], horizontal=True)
pets = conn.query("SELECT name, age FROM e2e_pets WHERE kind = :kind ORDER BY name", params={"kind": kind}, ttl=600)
st.dataframe(pets, hide_index=True)
st.write(f"{len(pets)} {kind}s")
"""


@pytest.fixture(scope="module")
def pg_app_server(
    start_server: Callable[..., JupystServer], postgres_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory
) -> JupystServer:
    postgres_server.execute(
        "DROP TABLE IF EXISTS e2e_pets; CREATE TABLE e2e_pets (name TEXT, kind TEXT, age INTEGER);"
        "INSERT INTO e2e_pets VALUES ('Rex', 'dog', 3), ('Tom', 'cat', 5), ('Bo', 'dog', 9)"
    )
    folder = tmp_path_factory.mktemp("pg-app")
    (folder / ".streamlit").mkdir()
    section = {
        "dialect": "postgresql", "host": "127.0.0.1", "port": postgres_server.port,
        "database": DATABASE, "username": USER, "password": PASSWORD,
    }
    (folder / ".streamlit" / "secrets.toml").write_text(
        "[connections.pg]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in section.items())
    )
    (folder / "app.py").write_text(textwrap.dedent(APP))
    return start_server("run", str(folder / "app.py"), cwd=folder, name="pg-app")


def test_a_streamlit_app_reading_postgres_runs_unchanged(page: Any, pg_app_server: JupystServer) -> None:
    open_url(page, pg_app_server.url)
    main = page.locator(".jupyst-main")
    main.get_by_text("2 dogs", exact=True).wait_for(timeout=UPDATE_MS)
    grid = main.locator(".jupyst-dataframe").first
    assert "Bo" in grid.inner_text()
    assert "Rex" in grid.inner_text()
    main.locator(".jupyst-radio").get_by_text("cat", exact=True).click()
    main.get_by_text("1 cats", exact=True).wait_for(timeout=UPDATE_MS)
    assert "Tom" in grid.inner_text()
    assert "Rex" not in grid.inner_text()
    assert PASSWORD not in page.content()
    assert page.recorder.errors == []
    save_screenshot(page, "connection_postgres")
