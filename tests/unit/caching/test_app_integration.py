"""The caches inside a real app run: elements replayed on hits, spinner on the outermost miss.

These drive jupyst's own ``AppTest`` (the real script runner and run context). Only the
spinner is replaced, by a recorder, because a finished run no longer shows it.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from jupyst.caching import runtime_hooks

if TYPE_CHECKING:
    from tests.unit.caching.conftest import Workers

AppTest = pytest.importorskip("jupyst.testing").AppTest

SCRIPT = """
import os
import jupyst as st
from jupyst.caching import cache_data, cache_resource

def record(what):
    with open(os.environ["CACHE_TEST_CALLS"], "a") as f:
        f.write(what + "\\n")

@cache_data
def inner(x):
    record("inner")
    st.markdown(f"inner drew {x}")
    return x + 1

@cache_data
def outer(x):
    record("outer")
    st.markdown(f"outer drew {x}")
    return inner(x) * 2

@cache_data(show_spinner="Loading the table...")
def table():
    return [1, 2, 3]

@cache_resource(show_spinner=False)
def quiet():
    return object()

st.markdown(f"result {outer(3)}")
table()
quiet()
"""


@pytest.fixture
def app_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[list[str], Path]:
    calls = tmp_path / "calls.log"
    calls.touch()
    monkeypatch.setenv("CACHE_TEST_CALLS", str(calls))
    # The real runtime hooks, with a spinner that records what it was asked to show.
    monkeypatch.setattr(runtime_hooks, "_get_run_context", runtime_hooks.get_run_context)
    shown: list[str] = []

    @contextlib.contextmanager
    def recording_spinner(text: str) -> Iterator[None]:
        shown.append(text)
        yield

    monkeypatch.setattr(runtime_hooks, "_spinner", recording_spinner)
    return shown, calls


def markdown(at: AppTest) -> list[str]:  # type: ignore[valid-type]
    return [m.value for m in at.markdown]


def test_hits_replay_what_the_function_drew(app_env: tuple[list[str], Path]) -> None:
    shown, calls = app_env
    at = AppTest.from_string(SCRIPT).run()
    assert not at.exception
    drawn = ["outer drew 3", "inner drew 3", "result 8"]
    assert markdown(at) == drawn
    # Only the outermost miss shows a spinner; the nested miss of inner() does not.
    assert shown == ["Running `outer(...)`.", "Loading the table..."]

    at.run()
    assert markdown(at) == drawn
    assert shown == ["Running `outer(...)`.", "Loading the table..."]  # hits: no spinner
    assert calls.read_text().split() == ["outer", "inner"]


def test_another_process_replays_what_this_one_drew(
    app_env: tuple[list[str], Path], workers: Workers
) -> None:
    _, calls = app_env
    code = (
        "from jupyst.testing import AppTest\n"
        f"at = AppTest.from_string({SCRIPT!r}).run()\n"
        "assert not at.exception, at.exception\n"
    )
    env = {**workers.env, "CACHE_TEST_CALLS": str(calls)}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    assert calls.read_text().split() == ["outer", "inner"]

    at = AppTest.from_string(SCRIPT).run()
    assert markdown(at) == ["outer drew 3", "inner drew 3", "result 8"]
    assert calls.read_text().split() == ["outer", "inner"]  # nothing recomputed here
