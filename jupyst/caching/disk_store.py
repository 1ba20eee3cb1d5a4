"""The shared ``st.cache_data`` store: a diskcache directory every kernel on the machine opens.

Small entries are blobs in diskcache's SQLite rows; large ones are written to diskcache's
value files straight from the value's buffers, and read back as the open file, which the
caller maps (``entry.py``). Three things are added on top of diskcache:

* **A clear counter in a small file.** Each process keeps decoded entries in a local tier
  (``local_tier.py``) so that a hit does not touch SQLite. To learn about clears made by
  other processes, a hit reads an 8-byte counter from the file ``generation``
  (``generation.py``); every clear increments it after deleting, so a reader that sees the
  old number can only have read entries that were still current.
* **Leases** for computing a missing key: ``Cache.add`` of a lock key with an expiry,
  renewed by a heartbeat thread while the computation runs. A process killed mid-compute
  stops renewing, so the others take over once ``lock_timeout`` has passed.
* **Damage control.** A database file that SQLite refuses is set aside and recreated; a
  failing read is a miss and a failing write is skipped, each with a logged warning,
  because a cache must never be the reason an app stops working. Large entries' files are
  allocated before they are written and created read-only (``value_files.py``), so a full
  disk is a failed write, not a crash in a reader.

The directory is created private (0700): entries are pickles, and whoever can write a file
there runs code in every kernel that reads it. An existing directory keeps its mode.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sqlite3
import stat
import threading
import time
import uuid
from typing import Any, Callable, TypeVar

import diskcache

from jupyst.caching.entry import Encoded, Source
from jupyst.caching.generation import GenerationCounter
from jupyst.caching.storage import Lease
from jupyst.caching.value_files import ValueFileDisk

log = logging.getLogger("jupyst.caching")

T = TypeVar("T")

_LOCK_PREFIX = "jupyst:lock:"
_INDEX_PREFIX = "jupyst:index:"

# Errors that mean "the store cannot do this right now": SQLite trouble, a lock wait that
# ran out, files that vanished or cannot be written.
_STORE_ERRORS = (sqlite3.Error, diskcache.Timeout, OSError)


def make_private_dir(directory: str) -> None:
    """Create ``directory`` readable by this user only; warn if it exists and others may write."""
    os.makedirs(directory, mode=0o700, exist_ok=True)
    mode = os.stat(directory).st_mode
    if os.name == "posix" and mode & (stat.S_IWGRP | stat.S_IWOTH):
        log.warning(
            "jupyst cache: other users can write to the cache directory %r (mode %o); an entry "
            "they plant there runs code in every kernel that reads it",
            directory,
            stat.S_IMODE(mode),
        )


class DiskLease:
    """A compute lock stored in the cache: held while its key exists and has not expired."""

    def __init__(self, store: DiskStore, key: str, timeout: float) -> None:
        self._store = store
        self._key = _LOCK_PREFIX + key
        self._timeout = timeout
        self._token = f"{os.getpid()}:{uuid.uuid4().hex}"
        self._stop = threading.Event()
        self._heartbeat: threading.Thread | None = None

    def try_acquire(self) -> bool:
        try:
            taken = self._store.cache.add(self._key, self._token, expire=self._timeout, retry=True)
        except _STORE_ERRORS as exc:
            # Without a working store there is nothing to coordinate through: compute.
            log.warning("jupyst cache: cannot take the compute lock (%s); computing anyway", exc)
            return True
        if taken:
            self._heartbeat = threading.Thread(
                target=self._renew, name="jupyst-cache-lease", daemon=True
            )
            self._heartbeat.start()
        return bool(taken)

    def _renew(self) -> None:
        # Renew well before expiry, so a slow computation keeps its lock while a killed
        # process (whose heartbeat died with it) loses it within one timeout.
        while not self._stop.wait(self._timeout / 3):
            try:
                cache = self._store.cache
                with cache.transact(retry=True):
                    if cache.get(self._key) != self._token:
                        return
                    cache.touch(self._key, expire=self._timeout)
            except _STORE_ERRORS:
                return

    def release(self) -> None:
        self._stop.set()
        if self._heartbeat is not None:
            self._heartbeat.join()
            self._heartbeat = None
        try:
            cache = self._store.cache
            with cache.transact(retry=True):
                # Only our own lock: after an expiry another process may hold this key.
                if cache.get(self._key) == self._token:
                    cache.delete(self._key)
        except _STORE_ERRORS:
            pass


class DiskStore:
    """The ``Store`` over a diskcache directory, visible to every process that opens it."""

    shared = True

    def __init__(self, directory: str, *, size_limit: int, lock_timeout: float) -> None:
        self.directory = directory
        self._size_limit = size_limit
        self._lock_timeout = lock_timeout
        self._reopen_lock = threading.Lock()
        make_private_dir(directory)
        self._db_path = os.path.join(directory, diskcache.core.DBNAME)
        self._cache = self._open()
        try:
            self._counter = GenerationCounter(os.path.join(directory, "generation"))
        except BaseException:
            self._cache.close()
            raise

    # -- opening and recovering ----------------------------------------------------------

    def _connect(self) -> diskcache.Cache:
        cache = diskcache.Cache(
            self.directory,
            size_limit=self._size_limit,
            # Least recently *stored* goes first: an LRU policy would turn every read into
            # a write transaction, and reads are what many kernels do at once.
            eviction_policy="least-recently-stored",
            # diskcache culls in batches of ten, which empties a cache of a few large
            # entries at once; ``_trim`` evicts one entry at a time instead.
            cull_limit=0,
            tag_index=True,
            statistics=False,
            disk=ValueFileDisk,
        )
        self._db_ino = os.stat(self._db_path).st_ino
        return cache

    def _open(self) -> diskcache.Cache:
        try:
            return self._connect_when_free()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError):
                raise  # cannot open at all (permissions, missing directory): not damage
            log.warning(
                "jupyst cache: %s is damaged (%s); starting a new cache database",
                self._db_path,
                exc,
            )
            self._set_aside()
            return self._connect()

    def _connect_when_free(self) -> diskcache.Cache:
        """Connect, waiting while another process holds the database busy.

        Kernels that start together all set the database up at once, and SQLite answers
        "database is locked" at once to some of those statements instead of waiting. Giving up
        there would send a kernel to a private memory cache, where it recomputes what the
        others share.
        """
        deadline = time.monotonic() + max(self._lock_timeout, 5.0)
        delay = 0.02
        while True:
            try:
                return self._connect()
            except sqlite3.OperationalError as exc:
                busy = "locked" in str(exc) or "busy" in str(exc)
                if not busy or time.monotonic() >= deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.5)

    def _set_aside(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self._db_path + suffix)

    def _recover(self, exc: sqlite3.DatabaseError) -> None:
        """After SQLite reported damage: replace the database, or adopt a replacement."""
        with self._reopen_lock:
            try:
                same_file = os.stat(self._db_path).st_ino == self._db_ino
            except FileNotFoundError:
                same_file = False
            if same_file:
                log.warning("jupyst cache: database damaged (%s); starting a new one", exc)
                self._set_aside()
            # Else another process replaced the file already: just open the new one.
            with contextlib.suppress(*_STORE_ERRORS):
                self._cache.close()
            try:
                self._cache = self._connect_when_free()
            except _STORE_ERRORS as again:
                log.warning("jupyst cache: cannot reopen the cache database: %s", again)

    @property
    def cache(self) -> diskcache.Cache:
        return self._cache

    def _guard(self, what: str, op: Callable[[diskcache.Cache], T], default: T) -> T:
        """Run ``op`` on the cache; on a store error, warn and return ``default``."""
        try:
            return op(self._cache)
        except sqlite3.DatabaseError as exc:
            if not isinstance(exc, sqlite3.OperationalError):
                self._recover(exc)
            log.warning("jupyst cache: %s failed: %s", what, exc)
        except _STORE_ERRORS as exc:
            log.warning("jupyst cache: %s failed: %s", what, exc)
        return default

    # -- the Store protocol --------------------------------------------------------------

    def generation(self) -> int:
        return self._counter.read()

    def read(self, key: str) -> Source | None:
        # read=True: an entry kept in a file comes back as the open file, to be mapped.
        found: Any = self._guard(
            "reading an entry", lambda c: c.get(key, read=True, retry=True), None
        )
        if found is None or isinstance(found, (bytes, io.BufferedReader)):
            return found
        return b""  # not ours (entries are stored raw): let the decoder call it damaged

    def write(
        self, key: str, entry: Encoded, *, tag: str, ttl: float | None, max_entries: int | None
    ) -> list[str]:
        def write(cache: diskcache.Cache) -> list[str]:
            # The value goes in on its own: a 100 MB file must not hold the write lock. A
            # large entry is streamed to its file from the value's own buffers.
            if entry.inline:
                cache.set(key, entry.blob(), expire=ttl, tag=tag, retry=True)
            else:
                cache.set(key, entry.reader(), read=True, expire=ttl, tag=tag, retry=True)
            evicted = []
            if max_entries is not None:
                evicted = self._enforce_max_entries(cache, key, tag, ttl, max_entries)
            return evicted + self._trim(cache, keep=key)

        return self._guard("storing an entry", write, [])

    def _enforce_max_entries(
        self, cache: diskcache.Cache, key: str, tag: str, ttl: float | None, max_entries: int
    ) -> list[str]:
        # Each limited function keeps a list of its keys in store order; the oldest beyond
        # the limit are deleted. Expired keys are dropped from the list first.
        index_key = _INDEX_PREFIX + tag
        now = time.time()
        with cache.transact(retry=True):
            index = cache.get(index_key, default=[])
            kept = [(k, exp) for k, exp in index if k != key and (exp is None or exp > now)]
            kept.append((key, None if ttl is None else now + ttl))
            cut = max(0, len(kept) - max_entries)
            evicted = [k for k, _ in kept[:cut]]
            for k in evicted:
                cache.delete(k)
            cache.set(index_key, kept[cut:], tag=tag)
        return evicted

    def _trim(self, cache: diskcache.Cache, keep: str) -> list[str]:
        """Evict the least recently stored entries until the cache fits its size limit.

        The entry just written stays even if it alone is over the limit, and so do the
        lock and index records. This reads diskcache's table directly (its schema has
        been stable through the 5.x series) because no public call evicts one entry.
        """
        if cache.volume() <= self._size_limit:
            return []
        cache.expire(retry=True)
        evicted: list[str] = []
        oldest = (
            "SELECT key FROM Cache WHERE raw = 1 AND key != ? AND key NOT LIKE 'jupyst:%'"
            " ORDER BY store_time, rowid LIMIT 1"
        )
        while cache.volume() > self._size_limit:
            rows = cache._sql(oldest, (keep,)).fetchall()
            if not rows:
                break
            cache.delete(rows[0][0], retry=True)
            evicted.append(rows[0][0])
        return evicted

    def discard(self, key: str) -> None:
        self._guard("dropping a damaged entry", lambda c: c.delete(key, retry=True), False)

    def clear(self, *, tag: str | None = None, key: str | None = None) -> None:
        def clear(cache: diskcache.Cache) -> None:
            if key is not None:
                cache.delete(key, retry=True)
            elif tag is not None:
                cache.evict(tag, retry=True)
            else:
                cache.clear(retry=True)

        self._guard("clearing", clear, None)

        def bump(cache: diskcache.Cache) -> bool:
            # The transaction is the cross-process mutex that keeps two bumps from merging.
            with cache.transact(retry=True):
                self._counter.bump()
            return True

        if not self._guard("announcing a clear", bump, False):
            # Unserialised, but better than other kernels not knowing; if the counter file
            # itself failed, that was warned about above.
            with contextlib.suppress(OSError):
                self._counter.bump()

    def lease(self, key: str) -> Lease:
        return DiskLease(self, key, self._lock_timeout)

    def close(self) -> None:
        with contextlib.suppress(*_STORE_ERRORS):
            self._cache.close()
        self._counter.close()
