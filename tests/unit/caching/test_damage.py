"""A damaged cache is a miss, never an error: bad entries, vanished classes, a broken database."""

from __future__ import annotations

import pickle
import struct
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import diskcache
import pytest

from jupyst import caching
from jupyst.caching import cache_data
from jupyst.caching.backend import get_backend

if TYPE_CHECKING:
    from tests.unit.caching.conftest import Workers


def reopen() -> None:
    caching.configure()  # as a new kernel would: no local tier, straight to disk


def _only_entry_key(cache_dir: Path) -> str:
    with diskcache.Cache(str(cache_dir)) as cache:
        keys = [k for k in cache.iterkeys() if not str(k).startswith("jupyst:")]
    assert len(keys) == 1
    return str(keys[0])


def test_truncated_value_file_is_recomputed(
    cache_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[int] = []

    @cache_data
    def big() -> bytes:
        calls.append(1)
        return b"x" * 200_000  # large enough for diskcache to keep it in a file

    assert big() == b"x" * 200_000
    files = list(cache_dir.rglob("*.val"))
    assert len(files) == 1
    files[0].write_bytes(files[0].read_bytes()[:1000])
    reopen()
    with caplog.at_level("WARNING", logger="jupyst.caching"):
        assert big() == b"x" * 200_000
    assert calls == [1, 1]
    assert "could not be read" in caplog.text
    reopen()
    big()
    assert calls == [1, 1]  # the recomputed entry replaced the damaged one


@pytest.mark.parametrize("garbage", [b"", b"not an entry at all", b"JPST\x01\x00" + b"\xff" * 40])
def test_garbage_entry_is_recomputed(cache_dir: Path, garbage: bytes) -> None:
    calls: list[int] = []

    @cache_data
    def small(x: int) -> int:
        calls.append(x)
        return x

    small(1)
    key = _only_entry_key(cache_dir)
    caching.reset()
    with diskcache.Cache(str(cache_dir)) as cache:
        cache.set(key, garbage)
    assert small(1) == 1
    assert calls == [1, 1]


def test_entry_in_an_older_layout_is_a_quiet_miss(
    cache_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[int] = []

    @cache_data
    def small(x: int) -> int:
        calls.append(x)
        return x

    small(1)
    key = _only_entry_key(cache_dir)
    caching.reset()
    # The first layout: magic, header length, value length, header pickle, value pickle.
    header = pickle.dumps({"expires_at": None, "nodes": []})
    value = pickle.dumps(1, 4)
    old = struct.pack("<6sIQ", b"JPST\x01\x00", len(header), len(value)) + header + value
    with diskcache.Cache(str(cache_dir)) as cache:
        cache.set(key, old)
    with caplog.at_level("WARNING", logger="jupyst.caching"):
        assert small(1) == 1
    assert calls == [1, 1]
    assert caplog.text == ""


def test_value_that_no_longer_unpickles_is_recomputed(workers: Workers, tmp_path: Path) -> None:
    module_dir = tmp_path / "mods"
    module_dir.mkdir()
    (module_dir / "vanishing_module.py").write_text(
        textwrap.dedent(
            """
            class Thing:
                def __repr__(self):
                    return "Thing()"
            """
        )
    )
    first = workers.run("call", "make_thing", "1", CACHE_TEST_MODULE_DIR=str(module_dir))
    assert first is not None
    assert first["thing"] == "Thing()"
    # A later kernel where the class cannot be imported any more.
    second = workers.run("call", "make_thing", "1")
    assert second is not None
    assert second["thing"] == "'made without the vanished class'"
    assert workers.computed() == {"make_thing 1": 2}
    third = workers.run("call", "make_thing", "1")
    assert third == second


def test_corrupted_database_file_is_replaced(workers: Workers, cache_dir: Path) -> None:
    workers.run("call", "compute", "1")
    db = cache_dir / "cache.db"
    db.write_bytes(b"this is not an SQLite database" * 100)
    for suffix in ("-wal", "-shm"):
        (cache_dir / f"cache.db{suffix}").unlink(missing_ok=True)
    workers.run("call", "compute", "1")
    workers.run("call", "compute", "1")
    assert workers.computed() == {"compute 1": 2}


def test_database_damaged_while_open_recovers(
    cache_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[int] = []

    @cache_data
    def f(x: int) -> int:
        calls.append(x)
        return x

    f(1)
    get_backend().tier.clear()  # type: ignore[union-attr]
    store = get_backend().store
    store.cache.close()  # type: ignore[attr-defined]
    (cache_dir / "cache.db").write_bytes(b"\0garbage" * 1000)
    for suffix in ("-wal", "-shm"):
        (cache_dir / f"cache.db{suffix}").unlink(missing_ok=True)
    with caplog.at_level("WARNING", logger="jupyst.caching"):
        assert f(1) == 1
        assert f(2) == 2
    assert calls == [1, 1, 2]
    assert "damaged" in caplog.text
    reopen()
    assert f(2) == 2
    assert calls == [1, 1, 2]


def test_size_limit_evicts_old_entries(cache_dir: Path) -> None:
    caching.configure(size_limit=1_000_000)
    calls: list[int] = []

    @cache_data
    def blob(i: int) -> bytes:
        calls.append(i)
        return bytes([i]) * 300_000

    for i in range(8):
        blob(i)
    with diskcache.Cache(str(cache_dir)) as cache:
        assert cache.volume() < 2_000_000
    reopen()
    blob(0)
    blob(7)
    assert calls == [*range(8), 0]


def test_local_tier_respects_its_byte_budget() -> None:
    caching.configure(memory_limit=500_000)

    @cache_data
    def blob(i: int) -> bytes:
        return bytes([i]) * 200_000

    for i in range(5):
        blob(i)
    tier = get_backend().tier
    assert tier is not None
    assert len(tier) == 2
    assert blob(0) == bytes([0]) * 200_000  # evicted locally, still on disk
