"""Large values load zero-copy from their files: private copies, eviction, damage, layout."""

from __future__ import annotations

import gc
import hashlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import diskcache
import numpy as np
import pandas as pd
import pytest

from jupyst import caching
from jupyst.caching import cache_data, mapping
from jupyst.caching.backend import get_backend
from jupyst.caching.entry import INLINE_MAX, Entry, decode, dump_value, encode, open_entry
from jupyst.caching.errors import CorruptEntryError

if TYPE_CHECKING:
    from tests.unit.caching.conftest import Workers

ROWS = 50_000  # 1.2 MB over three columns: a file entry, loaded through a mapping
PROC_MAPS = Path("/proc/self/maps")
PROC_FDS = Path("/proc/self/fd")


def reopen() -> None:
    """As a new kernel would see the directory: no local tier, the next hit maps the file."""
    caching.configure()


def make_frame(rows: int = ROWS) -> pd.DataFrame:
    rng = np.random.default_rng(rows)
    return pd.DataFrame(
        {"a": rng.random(rows), "b": np.arange(rows), "s": [f"r{i % 97}" for i in range(rows)]}
    )


def value_files(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.rglob("*.val"))


def mapped(cache_dir: Path) -> int:
    """How many mappings of value files under ``cache_dir`` this process has."""
    lines = PROC_MAPS.read_text().splitlines()
    return sum(str(cache_dir) in line and ".val" in line for line in lines)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(params=["libc mmap", "python mmap", "read into memory"])
def mapper(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each way of giving a hit its private view of a file (see ``mapping.py``)."""
    how = request.param
    if how == "read into memory":
        monkeypatch.setattr(mapping, "MAPS_FILES", False)
    elif not mapping.MAPS_FILES:
        pytest.skip("files are not mapped on this platform")
    elif how == "python mmap":
        monkeypatch.setattr(mapping, "_map_fd", mapping._python_mapper)
    elif mapping._map_fd is mapping._python_mapper:
        pytest.skip("libc's mmap is not used on this Python")
    return how


# -- the cache ---------------------------------------------------------------------------


@pytest.mark.skipif(not PROC_MAPS.exists(), reason="reads /proc/self/maps")
def test_a_frame_from_disk_references_its_file_until_dropped(cache_dir: Path) -> None:
    @cache_data
    def frame() -> pd.DataFrame:
        return make_frame()

    frame()
    reopen()
    df = frame()
    assert mapped(cache_dir) >= 1
    pd.testing.assert_frame_equal(df, make_frame())
    del df
    gc.collect()
    assert mapped(cache_dir) == 0


def test_every_hit_is_a_private_copy(cache_dir: Path, mapper: str) -> None:
    @cache_data
    def frame() -> pd.DataFrame:
        return make_frame()

    @cache_data
    def array() -> np.ndarray:
        return np.arange(ROWS, dtype="float64")

    frame(), array()
    [file_a, file_b] = value_files(cache_dir)
    before = digest(file_a), digest(file_b)
    reopen()
    from_disk, *from_tier = frame(), frame(), frame(), frame()
    for df in (from_disk, *from_tier[:2]):
        df.loc[0, "a"] = -1.0
        df.iloc[1, 1] = -2
        df.loc[2, "s"] = "changed"
    pd.testing.assert_frame_equal(from_tier[2], make_frame())
    pd.testing.assert_frame_equal(frame(), make_frame())
    for _ in range(2):
        arr = array()  # from disk, then from the tier
        arr[:] = -3.0
    assert (array() == np.arange(ROWS)).all()
    assert (digest(file_a), digest(file_b)) == before  # the files were never written
    reopen()
    pd.testing.assert_frame_equal(frame(), make_frame())
    assert (array() == np.arange(ROWS)).all()


def test_a_value_outlives_its_entry_being_cleared_or_evicted(cache_dir: Path) -> None:
    calls: list[int] = []

    @cache_data
    def frame(rows: int) -> pd.DataFrame:
        calls.append(rows)
        return make_frame(rows)

    frame(ROWS)
    reopen()
    cleared = frame(ROWS)
    cache_data.clear()
    assert value_files(cache_dir) == []
    pd.testing.assert_frame_equal(cleared, make_frame(ROWS))  # reads every page now

    caching.configure(size_limit=3_000_000)  # room for about two frames
    frame(ROWS)
    reopen()
    evicted = frame(ROWS)
    [file] = value_files(cache_dir)
    frame(ROWS + 1), frame(ROWS + 2)
    assert not file.exists()
    pd.testing.assert_frame_equal(evicted, make_frame(ROWS))
    assert calls == [ROWS, ROWS, ROWS + 1, ROWS + 2]


def test_a_file_evicted_by_another_kernel_is_a_plain_miss(
    cache_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[int] = []

    @cache_data
    def frame() -> pd.DataFrame:
        calls.append(1)
        return make_frame()

    frame()
    frame()  # the tier knows the file now
    with diskcache.Cache(str(cache_dir)) as other:  # evicting does not bump the generation
        [key] = [k for k in other.iterkeys() if not str(k).startswith("jupyst:")]
        other.delete(key)
    with caplog.at_level("WARNING", logger="jupyst.caching"):
        pd.testing.assert_frame_equal(frame(), make_frame())
    assert calls == [1, 1]
    assert caplog.text == ""


@pytest.mark.parametrize("through_tier", [False, True], ids=["new kernel", "local tier"])
def test_truncated_buffer_section_is_recomputed(
    cache_dir: Path, caplog: pytest.LogCaptureFixture, through_tier: bool
) -> None:
    calls: list[int] = []

    @cache_data
    def frame() -> pd.DataFrame:
        calls.append(1)
        return make_frame()

    frame()
    frame()  # from the tier
    [file] = value_files(cache_dir)
    data = file.read_bytes()
    file.write_bytes(data[: len(data) - 1000])  # the last array loses its tail
    if not through_tier:
        reopen()
    with caplog.at_level("WARNING", logger="jupyst.caching"):
        pd.testing.assert_frame_equal(frame(), make_frame())
    assert calls == [1, 1]
    assert "could not be read" in caplog.text
    reopen()
    pd.testing.assert_frame_equal(frame(), make_frame())
    assert calls == [1, 1]  # the recomputed entry replaced the damaged one


def test_read_only_arrays_come_back_writable() -> None:
    @cache_data
    def arrays() -> dict[str, np.ndarray]:
        big, small = np.arange(ROWS, dtype="float64"), np.arange(10)
        big.flags.writeable = small.flags.writeable = False
        return {"big": big, "small": small}

    arrays()
    for hit in (arrays(), arrays()):  # from the tier, then from a new kernel's disk read
        for name, arr in hit.items():
            assert arr.flags.writeable, name
            arr[0] = -1
        reopen()
    assert arrays()["big"][0] == 0
    assert arrays()["small"][0] == 0


def test_small_entries_with_arrays_give_copies() -> None:
    @cache_data
    def array() -> np.ndarray:
        return np.arange(2000, dtype="float64")  # out of band, in a blob kept in memory

    array()
    first = array()
    first[:] = -1
    assert (array() == np.arange(2000)).all()
    reopen()
    second = array()
    second[:] = -1
    assert (array() == np.arange(2000)).all()


@pytest.mark.skipif(not PROC_FDS.exists(), reason="reads /proc/self/fd")
def test_values_held_by_the_caller_hold_no_file_descriptors() -> None:
    if mapping._map_fd is mapping._python_mapper and sys.version_info < (3, 13):
        pytest.skip("mmap.mmap keeps a descriptor per mapping before Python 3.13")

    @cache_data
    def array() -> np.ndarray:
        return np.arange(ROWS, dtype="float64")

    array()
    array()
    before = len(os.listdir(PROC_FDS))
    held = [array() for _ in range(50)]
    assert len(os.listdir(PROC_FDS)) <= before + 1
    assert all((a == np.arange(ROWS)).all() for a in held)


def test_frame_hits_in_other_processes_are_shared_and_private(workers: Workers) -> None:
    results = [workers.run("frame", "200000") for _ in range(3)]
    assert workers.computed() == {"frame 200000": 1}
    expected = {"x": float(sum(range(200_000))), "y": sum(i % 7 for i in range(200_000))}
    for result in results:
        assert result is not None
        assert (result["x"], result["y"], result["rows"]) == (expected["x"], expected["y"], 200_000)
        assert result["scribbled"] == -200_000.0


# -- the layout --------------------------------------------------------------------------


def _entry_file(tmp_path: Path, value: Any, nodes: list[Any], expires_at: float | None) -> Path:
    encoded = encode(*dump_value(value), expires_at, nodes)
    path = tmp_path / "entry.val"
    with open(path, "wb") as f:
        reader = encoded.reader()
        while chunk := reader.read(1 << 16):
            f.write(chunk)
    assert path.stat().st_size == encoded.size
    return path


def test_layout_round_trip_with_buffers_nodes_and_expiry(tmp_path: Path) -> None:
    value = {"frame": make_frame(), "array": np.arange(5000.0), "text": "x" * 10}
    path = _entry_file(tmp_path, value, ["node"], 123.5)
    with open(path, "rb") as f:
        described, nothing = open_entry(f, view=False)
    with open(path, "rb") as f:
        entry, view = open_entry(f)
    assert nothing is None
    assert view is not None
    for e in (described, entry):
        assert (e.expires_at, e.nodes, e.size) == (123.5, ["node"], path.stat().st_size)
        assert e.path == str(path)
    assert (described.value, described.buffers) == (entry.value, entry.buffers)
    assert len(entry.buffers) >= 2
    assert all(start % 64 == 0 for start, _ in entry.buffers)
    for loaded in (entry.load_value(view), entry.load_value()):
        pd.testing.assert_frame_equal(loaded["frame"], value["frame"])
        assert (loaded["array"] == value["array"]).all()
        assert loaded["text"] == value["text"]


def test_small_entries_are_inline_blobs() -> None:
    encoded = encode(*dump_value({"x": 1}), None, [])
    assert encoded.inline
    assert encoded.size < INLINE_MAX
    entry = decode(encoded.blob())
    assert isinstance(entry, Entry)
    assert entry.expires_at is None
    assert entry.nodes == []
    assert entry.load_value() == {"x": 1}


@pytest.mark.parametrize("keep", [0, 10, 40, 100, 600, -5000, -1])
def test_layout_truncated_anywhere_is_damage(tmp_path: Path, keep: int) -> None:
    path = _entry_file(tmp_path, np.arange(10_000.0), ["node"], None)
    data = path.read_bytes()
    path.write_bytes(data[:keep])
    for view in (True, False):
        with pytest.raises(CorruptEntryError), open(path, "rb") as f:
            open_entry(f, view=view)
    with pytest.raises(CorruptEntryError):
        decode(data[:keep])


def test_tier_counts_a_file_entry_by_its_size(cache_dir: Path) -> None:
    @cache_data
    def frame() -> pd.DataFrame:
        return make_frame()

    frame()
    tier = get_backend().tier
    assert tier is not None
    assert len(tier) == 1
    [file] = value_files(cache_dir)
    assert tier._bytes == file.stat().st_size
