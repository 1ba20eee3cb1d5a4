"""The cache survives damage to its own files: no SIGBUS, a recompute or memory instead.

Each case runs real kernels (``cache_worker.py`` processes): a process that would die of
SIGBUS shows up as a non-zero exit code. The damage is done from outside, the way another
process or a full disk would do it: the shared ``generation`` file truncated, deleted or
unwritable; a value file truncated in place while a kernel has it; a filesystem with no
room left (a 2 MB tmpfs, which needs root and permission to mount).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import diskcache
import pytest

from jupyst import caching
from jupyst.caching import cache_data, generation, mapping
from jupyst.caching.backend import get_backend
from jupyst.caching.disk_store import DiskStore
from jupyst.caching.storage import MemoryStore

if TYPE_CHECKING:
    from tests.unit.caching.conftest import Workers

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX files, signals and mounts")

# A value whose file is copied on a hit, and one whose file is mapped (see mapping.py).
COPIED_N = 100_000  # 800 KB of float64
MAPPED_N = 300_000  # 2.4 MB
assert COPIED_N * 8 < mapping.COPY_MAX < MAPPED_N * 8


def warnings_in(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("jupyst cache:")]


def finish(proc: subprocess.Popen[str]) -> tuple[str, str]:
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, f"exit code {proc.returncode}:\n{err}"
    return out, err


def wait_for(path: Path, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"worker ended early:\n{proc.communicate()[1]}")
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.01)


@contextlib.contextmanager
def paused(workers: Workers, tmp_path: Path, *args: str) -> Iterator[subprocess.Popen[str]]:
    """Start a two-phase worker; the body runs between its phases (damage goes there)."""
    sync = tmp_path / "sync"
    sync.mkdir(exist_ok=True)
    proc = workers.start(*args, str(sync))
    try:
        wait_for(sync / "first", proc)
        yield proc
        (sync / "again").touch()
    except BaseException:
        proc.kill()
        proc.communicate()
        raise


def value_files(directory: Path) -> list[Path]:
    return sorted(directory.rglob("*.val"))


# -- the generation file -----------------------------------------------------------------


def test_generation_file_truncated_under_a_running_kernel(
    workers: Workers, cache_dir: Path, tmp_path: Path
) -> None:
    with paused(workers, tmp_path, "twice", "compute", "5") as proc:
        os.truncate(cache_dir / "generation", 0)
    out, err = finish(proc)
    [warning] = warnings_in(err)
    assert "truncated" in warning
    # Its tier started over; the entry on disk was still good.
    assert workers.computed() == {"compute 5": 1}
    assert (cache_dir / "generation").stat().st_size == 8


def test_generation_file_deleted_under_a_running_kernel_still_carries_clears(
    workers: Workers, cache_dir: Path, tmp_path: Path
) -> None:
    with paused(workers, tmp_path, "twice", "compute", "5") as proc:
        (cache_dir / "generation").unlink()
        workers.run("clear", "compute")  # a new kernel: creates the file anew and bumps it
        time.sleep(generation.RECHECK_SECONDS + 0.1)  # the kernel looks again after this
    out, err = finish(proc)
    [warning] = warnings_in(err)
    assert "deleted" in warning
    assert workers.computed() == {"compute 5": 2}  # it saw the clear


@pytest.mark.parametrize("content", [b"", b"abc", None], ids=["empty", "short", "missing"])
def test_new_kernel_with_a_damaged_generation_file(
    workers: Workers, cache_dir: Path, content: bytes | None
) -> None:
    first = workers.run("call", "compute", "1")
    path = cache_dir / "generation"
    if content is None:
        path.unlink()
    else:
        path.write_bytes(content)
    assert workers.run("call", "compute", "1") == first
    assert workers.computed() == {"compute 1": 1}


def test_generation_file_that_cannot_be_opened_means_memory(
    workers: Workers, cache_dir: Path
) -> None:
    cache_dir.mkdir()
    (cache_dir / "generation").mkdir()  # not a file: opening it for writing fails
    proc = workers.start("call", "compute", "1")
    out, err = finish(proc)
    [warning] = warnings_in(err)
    assert "falls back to memory" in warning
    assert workers.computed() == {"compute 1": 1}


# -- value files -------------------------------------------------------------------------


def test_copied_value_survives_its_file_truncated_in_place(
    workers: Workers, cache_dir: Path, tmp_path: Path
) -> None:
    with paused(workers, tmp_path, "hold", str(COPIED_N), "keep") as proc:
        [file] = value_files(cache_dir)
        os.truncate(file, file.stat().st_size // 2)
    out, err = finish(proc)
    expected = float(sum(range(COPIED_N)))
    assert workers.result_of(out) == {"held": expected, "again": expected}
    [warning] = warnings_in(err)
    assert "could not be read" in warning
    assert workers.computed() == {f"array {COPIED_N}": 2}


def test_mapped_value_file_truncated_in_place_is_recomputed(
    workers: Workers, cache_dir: Path, tmp_path: Path
) -> None:
    with paused(workers, tmp_path, "hold", str(MAPPED_N), "drop") as proc:
        [file] = value_files(cache_dir)
        os.truncate(file, 4096)
    out, err = finish(proc)
    assert workers.result_of(out) == {"held": None, "again": float(sum(range(MAPPED_N)))}
    [warning] = warnings_in(err)
    assert "could not be read" in warning
    assert workers.computed() == {f"array {MAPPED_N}": 2}


def test_value_files_are_read_only_and_allocated(cache_dir: Path) -> None:
    @cache_data
    def big() -> bytes:
        return b"v" * 300_000

    big()
    [file] = value_files(cache_dir)
    assert stat.S_IMODE(file.stat().st_mode) == 0o444
    assert file.stat().st_blocks * 512 >= 300_000  # no holes


# -- a full filesystem -------------------------------------------------------------------


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs, unmounted afterwards."""
    mount_point = tmp_path / "small-fs"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(
            f"cannot mount a tmpfs ({done.stderr.strip()}); a full filesystem cannot be "
            "made here. Truncation in place, the other way to SIGBUS, is tested above."
        )
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(directory: Path, leave: int = 0) -> None:
    """Write files into ``directory`` until its filesystem is full, then free ``leave`` bytes."""
    chunk = b"\0" * 4096
    with open(directory / "filler", "wb", buffering=0) as f:
        while True:
            try:
                f.write(chunk)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                break
    if leave:
        with open(directory / "filler", "r+b") as f:
            f.truncate(max(0, os.fstat(f.fileno()).st_size - leave))


def test_full_filesystem_and_a_large_value(workers: Workers, small_fs: Path) -> None:
    cache = small_fs / "cache"
    env = {"JUPYST_CACHE_DIR": str(cache)}
    workers.run("call", "compute", "1", **env)
    fill(small_fs, leave=256 * 1024)
    out, err = finish(workers.start("call", "array", str(COPIED_N), **env))
    [warning] = warnings_in(err)
    assert "No space left" in warning
    assert workers.result_of(out) == {"sum": float(sum(range(COPIED_N)))}
    assert value_files(cache) == []  # nothing half written left behind
    (small_fs / "filler").unlink()
    workers.run("call", "array", str(COPIED_N), **env)
    workers.run("call", "array", str(COPIED_N), **env)
    assert workers.computed() == {"compute 1": 1, f"array {COPIED_N}": 2}


def test_full_filesystem_under_a_sparse_generation_file(
    workers: Workers, small_fs: Path
) -> None:
    cache = small_fs / "cache"
    workers.env["JUPYST_CACHE_DIR"] = str(cache)
    workers.run("call", "compute", "1")
    # Another kernel is running: it keeps the database's log open, grown by earlier writes
    # and rewound, so a new kernel can open the database on a full disk.
    with diskcache.Cache(str(cache)) as running:
        for i in range(40):
            running.set(f"jupyst:padding:{i}", b"p" * 2000)
        running.clear()
        running._sql("PRAGMA wal_checkpoint(RESTART)").fetchall()
        # A generation file without blocks (``ftruncate`` makes them so, as do copy tools):
        # a page of it needs room the moment it is touched.
        path = cache / "generation"
        path.unlink()
        path.touch()
        os.truncate(path, 8)
        fill(small_fs)
        out, err = finish(workers.start("call", "compute", "2"))
    [warning] = warnings_in(err)
    assert "falls back to memory" in warning, err
    assert "generation" in warning, err
    assert workers.result_of(out) is not None


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """``path`` (a file or folder) read-only, even for root: a read-only bind mount."""
    done = subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot bind-mount ({done.stderr.strip()})")
    try:
        subprocess.run(
            ["mount", "-o", "remount,bind,ro", str(path)], check=True, capture_output=True
        )
        yield
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@pytest.mark.parametrize("what", ["generation file", "cache folder"])
def test_unwritable_generation_file_or_folder_means_memory(
    workers: Workers, cache_dir: Path, what: str
) -> None:
    workers.run("call", "compute", "1")
    target = cache_dir / "generation" if what == "generation file" else cache_dir
    with read_only(target):
        out, err = finish(workers.start("call", "compute", "2"))
    [warning] = warnings_in(err)
    assert "falls back to memory" in warning
    assert workers.computed() == {"compute 1": 1, "compute 2": 1}


# -- the folder's mode -------------------------------------------------------------------


def test_cache_folder_is_created_private(cache_dir: Path) -> None:
    nested = cache_dir / "a" / "b"
    caching.configure(directory=nested)

    @cache_data
    def f() -> int:
        return 1

    f()
    assert isinstance(get_backend().store, DiskStore)
    assert stat.S_IMODE(nested.stat().st_mode) == 0o700
    assert stat.S_IMODE((nested / "generation").stat().st_mode) == 0o600


@pytest.mark.parametrize("mode", [0o700, 0o750, 0o755])
def test_existing_folder_keeps_its_mode(
    cache_dir: Path, mode: int, caplog: pytest.LogCaptureFixture
) -> None:
    cache_dir.mkdir()
    cache_dir.chmod(mode)

    @cache_data
    def f() -> int:
        return 1

    with caplog.at_level("WARNING", logger="jupyst.caching"):
        f()
    assert stat.S_IMODE(cache_dir.stat().st_mode) == mode
    assert caplog.text == ""


def test_folder_others_can_write_to_is_used_with_a_warning(
    cache_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache_dir.mkdir()
    cache_dir.chmod(0o770)

    @cache_data
    def f() -> int:
        return 1

    with caplog.at_level("WARNING", logger="jupyst.caching"):
        f()
    assert "other users can write" in caplog.text
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o770
    assert not isinstance(get_backend().store, MemoryStore)

