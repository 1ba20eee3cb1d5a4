"""Fixtures of the st.connection tests: a clean slate per test and app folders with secrets.

Each test gets its own cache directory, an empty resource cache, secrets read afresh, and
a working directory and home of its own (so no secrets.toml of the machine is read).
"""

from __future__ import annotations

import sqlite3
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jupyst import caching
from jupyst.runtime.secrets import secrets


@pytest.fixture(autouse=True)
def clean_slate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("JUPYST_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    caching.reset()
    caching.cache_resource.clear()
    secrets.reset()
    yield
    caching.cache_resource.clear()
    caching.reset()
    secrets.reset()


def write_app(folder: Path, script: str, secrets_toml: str | None = None) -> Path:
    """``folder/app.py`` with ``script``, and ``folder/.streamlit/secrets.toml`` when given."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "app.py"
    path.write_text(textwrap.dedent(script))
    if secrets_toml is not None:
        (folder / ".streamlit").mkdir(exist_ok=True)
        (folder / ".streamlit" / "secrets.toml").write_text(textwrap.dedent(secrets_toml))
    return path


def make_pets_db(path: Path) -> Path:
    """A small SQLite file: ``pets(name, kind, age)``."""
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE pets (name TEXT, kind TEXT, age INTEGER)")
        db.executemany(
            "INSERT INTO pets VALUES (?, ?, ?)",
            [("Rex", "dog", 3), ("Tom", "cat", 5), ("Bo", "dog", 9), ("Kit", "cat", 1)],
        )
    return path


def tree_text(at: Any) -> str:
    """Everything the app shows (every prop of every element), as one string."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        parts.append(repr(node.props))
        for child in node.children or ():
            walk(child)

    for root in at._session.last_ctx.roots.values():
        walk(root)
    return "\n".join(parts)
