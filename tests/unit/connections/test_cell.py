"""st.connection in a real Jupyter kernel: a %%jupyst cell reads PostgreSQL through its secrets.

The kernel starts in a folder with ``.streamlit/secrets.toml`` (a cell's app reads the working
directory's secrets, as Streamlit does). A cell with a wrong password shows Streamlit's error,
no iopub message carries a password, and the kernel runs the next cell.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.kernels import execute, running_kernel
from tests.postgres import DATABASE, PASSWORD, USER, PostgresServer

jupyter_client = pytest.importorskip("jupyter_client")

WRONG = "wrong-Kernel-9a7e"


@pytest.fixture
def kernel(tmp_path: Path, postgres_server: PostgresServer) -> Iterator[Any]:
    postgres_server.execute(
        "DROP TABLE IF EXISTS cell_pets; CREATE TABLE cell_pets (name TEXT, age INTEGER);"
        "INSERT INTO cell_pets VALUES ('Rex', 3), ('Tom', 5)"
    )
    (tmp_path / ".streamlit").mkdir()
    sections = ""
    for name, password in (("pg", PASSWORD), ("bad", WRONG)):
        values = {
            "dialect": "postgresql", "host": "127.0.0.1", "port": postgres_server.port,
            "database": DATABASE, "username": USER, "password": password,
        }
        sections += f"[connections.{name}]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in values.items())
    (tmp_path / ".streamlit" / "secrets.toml").write_text(sections)
    with running_kernel(tmp_path) as kc:
        yield kc


def states(messages: list[dict[str, Any]], css: str) -> list[dict[str, Any]]:
    return [
        m["content"]["data"]["state"]
        for m in messages
        if m["msg_type"] == "comm_open" and css in m["content"]["data"]["state"].get("_dom_classes", [])
    ]


def test_a_cell_reads_postgres_and_a_bad_password_leaves_the_kernel_running(kernel: Any) -> None:
    execute(kernel, "%load_ext jupyst")
    good = execute(
        kernel,
        "%%jupyst pets\nimport streamlit as st\n"
        "df = st.connection('pg', type='sql').query('SELECT name, age FROM cell_pets ORDER BY age')\n"
        "st.text(f\"{len(df)} pets: {', '.join(df['name'])}\")\n",
    )
    assert any("2 pets: Rex, Tom" in s.get("value", "") for s in states(good, "jupyst-text"))

    bad = execute(
        kernel,
        "%%jupyst broken\nimport streamlit as st\nst.connection('bad', type='sql').query('SELECT 1')\n",
    )
    shown = json.dumps([m["content"] for m in bad], default=str)
    assert "password authentication failed" in shown
    assert WRONG not in shown
    assert PASSWORD not in shown

    after = execute(kernel, "print(6 * 7)")
    assert any(m["msg_type"] == "stream" and "42" in m["content"]["text"] for m in after)
