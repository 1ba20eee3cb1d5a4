"""Run on save: one polling thread per file, content changes only, sessions rerun in place."""

from __future__ import annotations

import os
import textwrap
import threading
import time
from pathlib import Path

from jupyst.app import file_watch
from jupyst.app.session import AppSession
from jupyst.runtime.script_source import ScriptSource
from tests.unit.helpers import leaves, settle


def wait_until(predicate, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_one_thread_per_file_and_only_content_changes_count(tmp_path: Path):
    path = tmp_path / "watched.py"
    path.write_text("a = 1\n", encoding="utf-8")
    seen_a: list[str] = []
    seen_b: list[str] = []
    stop_a = file_watch.watch(path, seen_a.append)
    stop_b = file_watch.watch(path, seen_b.append)
    threads = [t for t in threading.enumerate() if t.name == "jupyst-watch watched.py"]
    assert len(threads) == 1
    # Same bytes, new mtime: not a change.
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    time.sleep(3 * file_watch.POLL_INTERVAL)
    assert seen_a == []
    path.write_text("a = 2\n", encoding="utf-8")
    assert wait_until(lambda: len(seen_a) == 1 and len(seen_b) == 1)
    stop_a()
    path.write_text("a = 3\n", encoding="utf-8")
    assert wait_until(lambda: len(seen_b) == 2)
    assert len(seen_a) == 1
    stop_b()
    assert str(path) not in file_watch.watched_files()
    assert wait_until(lambda: not any(t.name == "jupyst-watch watched.py" for t in threading.enumerate()))


APP = """
    import jupyst as st
    from helper_mod_{n} import WORD
    st.session_state.setdefault("n", 0)
    st.session_state.n += 1
    st.text(f"{VERSION} {WORD} run {st.session_state.n}")
"""


def test_dev_loop_reruns_on_save_keeps_state_and_recovers_from_errors(tmp_path: Path):
    n = time.time_ns()  # a module name no other test imported
    helper = tmp_path / f"helper_mod_{n}.py"
    helper.write_text('WORD = "alpha"\n', encoding="utf-8")
    app = tmp_path / "app.py"

    def write(version: str) -> None:
        app.write_text(textwrap.dedent(APP.replace("{n}", str(n)).replace("{VERSION}", version)), encoding="utf-8")

    write("v1")
    session = AppSession(ScriptSource(path=str(app)), run_on_save=True)
    settle(session)
    assert leaves(session) == [("text", "v1 alpha run 1")]
    write("v2")
    assert wait_until(lambda: leaves(session) == [("text", "v2 alpha run 2")])
    app.write_text("import jupyst as st\nst.text('broken'\n", encoding="utf-8")
    assert wait_until(lambda: any(kind == "exception" for kind, _ in leaves(session)))
    write("v3")
    assert wait_until(lambda: leaves(session) == [("text", "v3 alpha run 3")])
    helper.write_text('WORD = "beta"\n', encoding="utf-8")
    assert wait_until(lambda: leaves(session) == [("text", "v3 beta run 4")])
    session.close()
    assert str(app) not in file_watch.watched_files()
    assert str(helper) not in file_watch.watched_files()
