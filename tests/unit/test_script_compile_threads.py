"""Scripts compiled by many sessions at once (shared mode: every visitor's first run).

CPython before 3.11.9 / 3.12.3 can fail an ``ast.parse`` with ``SystemError: AST
constructor recursion depth mismatch`` when another thread converts an AST at the same time
(a garbage collection running a finalizer that lets go of the GIL is enough): each session
here compiles on its own thread, with such finalizers about.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from jupyst.app.script_runner import CompiledScripts

SCRIPT = """import streamlit as st

n = st.slider("n", 0, 100, 5)
if n % 2:
    st.button(f"odd {n}")
for i in range(n % 4):
    st.text(f"row {i}")
"""


class _YieldsOnCollect:
    """Garbage in a cycle whose finalizer lets another thread run."""

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        time.sleep(0)


@pytest.fixture
def frequent_collections() -> Iterator[None]:
    before, interval = gc.get_threshold(), sys.getswitchinterval()
    gc.set_threshold(30, 5, 5)
    sys.setswitchinterval(1e-5)  # threads take turns often
    try:
        yield
    finally:
        gc.set_threshold(*before)
        sys.setswitchinterval(interval)


def test_sessions_compiling_together_all_get_their_code(frequent_collections: None) -> None:
    failures: list[BaseException] = []
    codes: list[object] = []

    def session(n: int) -> None:
        scripts = CompiledScripts()
        try:
            for k in range(30):
                # A text of its own each time: every call parses.
                codes.append(scripts.get(SCRIPT * 40 + f"\nx = {n * 1000 + k}\n", f"/apps/app{n}.py"))
                for _ in range(20):
                    _YieldsOnCollect()
        except BaseException as exc:  # what the app's run would have shown
            failures.append(exc)

    threads = [threading.Thread(target=session, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(codes) == 120


def test_sessions_share_the_code_of_one_text_and_recompile_a_changed_one() -> None:
    one, two = CompiledScripts(), CompiledScripts()
    first = one.get(SCRIPT, "/apps/shared.py")
    assert two.get(SCRIPT, "/apps/shared.py") is first
    changed = two.get(SCRIPT + "st.text('more')\n", "/apps/shared.py")
    assert changed is not first
    assert "more" in changed.co_consts or any("more" in str(c) for c in changed.co_consts)
    with pytest.raises(SyntaxError):
        one.get("if True\n", "/apps/broken.py")
