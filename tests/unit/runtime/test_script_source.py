"""A script file is read again whenever it may have changed (each run stats it; the text is
read again when its stamp moved or was too recent to trust)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jupyst.runtime.script_source import SETTLE_NS, ScriptSource


def test_edits_in_quick_succession_are_all_seen(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    source = ScriptSource(path=str(app))
    for text in ("x = 1\n", "x = 2\n", "x = 3\n"):  # one size, likely one clock tick
        app.write_text(text, encoding="utf-8")
        assert source.read() == (text, os.path.abspath(app))


def test_an_edit_of_a_settled_file_is_seen(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text("x = 1\n", encoding="utf-8")
    old = app.stat().st_mtime_ns - 2 * SETTLE_NS
    os.utime(app, ns=(old, old))
    source = ScriptSource(path=str(app))
    assert source.read()[0] == "x = 1\n"
    assert source.read()[0] == "x = 1\n"  # from the settled read
    app.write_text("x = 2\n", encoding="utf-8")
    os.utime(app, ns=(old, old))  # even with its old modification time (the change time moves)
    assert source.read()[0] == "x = 2\n"


def test_a_file_replaced_or_removed_is_seen(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text("x = 1\n", encoding="utf-8")
    source = ScriptSource(path=str(app))
    assert source.read()[0] == "x = 1\n"
    (tmp_path / "new.py").write_text("x = 9\n", encoding="utf-8")
    os.replace(tmp_path / "new.py", app)  # an editor's save
    assert source.read()[0] == "x = 9\n"
    app.unlink()
    with pytest.raises(FileNotFoundError):
        source.read()
