"""st.cache_data shared by real processes: hits, stampedes, killed holders, clears, expiry."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.unit.caching.conftest import Workers

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses SIGKILL and fork-free POSIX")


def wait_until(predicate, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_second_process_hits_without_computing(workers: Workers) -> None:
    first = workers.run("call", "compute", "1")
    second = workers.run("call", "compute", "1")
    assert second == first
    assert workers.computed() == {"compute 1": 1}


def test_eight_processes_racing_on_one_key_compute_it_once(
    workers: Workers, tmp_path: Path
) -> None:
    sync = tmp_path / "sync"
    sync.mkdir()
    procs = [workers.start("race", "compute", "7", "1.0", str(sync)) for _ in range(8)]
    wait_until(lambda: len(list(sync.glob("ready-*"))) == 8, timeout=60)
    (sync / "go").touch()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        results.append(out)
    assert workers.computed() == {"compute 7": 1}
    assert len(set(results)) == 1  # everyone got the one computed value


def test_killed_holder_blocks_others_only_until_the_lock_times_out(workers: Workers) -> None:
    timeout = 1.0
    env = {"JUPYST_CACHE_LOCK_TIMEOUT": str(timeout)}
    holder = workers.start("call", "compute", "3", "60", **env)
    wait_until(lambda: workers.computed()["compute 3"] == 1)
    waiter = workers.start("call", "compute", "3", "0", **env)
    time.sleep(1.5)  # the waiter is up and polling; the holder keeps renewing its lease
    assert waiter.poll() is None
    assert workers.computed()["compute 3"] == 1
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    # A lock that outlived its killed holder would keep the waiter waiting past this bound
    # (the holder's computation was to take 60 s): it is a liveness bound, not a timing.
    out, err = waiter.communicate(timeout=30)
    assert waiter.returncode == 0, err
    assert workers.computed()["compute 3"] == 2


def test_slow_computation_keeps_its_lock_past_the_timeout(workers: Workers) -> None:
    env = {"JUPYST_CACHE_LOCK_TIMEOUT": "0.6"}
    holder = workers.start("call", "compute", "4", "2.0", **env)
    wait_until(lambda: workers.computed()["compute 4"] == 1)
    waiter = workers.start("call", "compute", "4", "0", **env)
    for proc in (holder, waiter):
        assert proc.wait(timeout=60) == 0
    # The heartbeat renewed the lease: the waiter got the holder's value, not its own.
    assert workers.computed() == {"compute 4": 1}


def test_clear_in_one_process_is_seen_by_a_running_one(workers: Workers, tmp_path: Path) -> None:
    sync = tmp_path / "sync"
    sync.mkdir()
    watcher = workers.start("watch", "5", str(sync))
    wait_until(lambda: (sync / "first").exists())
    # The watcher now holds compute(5) in its local tier; clear it from elsewhere.
    workers.run("clear", "compute")
    (sync / "again").touch()
    out, err = watcher.communicate(timeout=60)
    assert watcher.returncode == 0, err
    assert workers.computed() == {"compute 5": 2}


def test_clear_all_in_one_process_is_seen_by_another(workers: Workers) -> None:
    workers.run("call", "compute", "1")
    workers.run("call", "limited", "1")
    workers.run("clear")
    workers.run("call", "compute", "1")
    workers.run("call", "limited", "1")
    assert workers.computed() == {"compute 1": 2, "limited 1": 2}


def test_ttl_expiry_is_seen_by_every_process(workers: Workers) -> None:
    first = workers.run("call", "short_lived", "1")
    assert first is not None
    assert workers.run("call", "short_lived", "1") == first
    time.sleep(max(0.0, float(first["at"]) + 4.1 - time.time()))  # its ttl is 4 s
    assert workers.run("call", "short_lived", "1") != first
    assert workers.computed() == {"short_lived 1": 2}


def test_max_entries_eviction_across_processes(workers: Workers) -> None:
    for x in ("1", "2", "3"):
        workers.run("call", "limited", x)
    workers.run("call", "limited", "3")
    workers.run("call", "limited", "1")
    assert workers.computed() == {"limited 1": 2, "limited 2": 1, "limited 3": 1}
