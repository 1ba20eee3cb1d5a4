"""Where ``st.cache_data`` entries live: the store protocol and the in-memory store.

A store keeps encoded entries (``entry.py``) under string keys, each tagged with the key
of the function that produced it, so one function's entries can be cleared together. It
also hands out a *generation* number that changes whenever anything is cleared, which lets
a process-local tier in front of a shared store notice clears made elsewhere for the price
of reading one integer; and *leases*, the cross-process compute locks that keep N kernels from
computing the same missing entry N times.

``MemoryStore`` is the fallback when the cache directory cannot be used: the same
semantics, inside one process. The shared store on disk is in ``disk_store.py``.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Protocol

from jupyst.caching.entry import Encoded, Source


class Lease(Protocol):
    """A compute lock for one key, shared by every process using the store."""

    def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; never blocks."""

    def release(self) -> None:
        """Give the lock back (a no-op if it was lost, e.g. after expiring)."""


class Store(Protocol):
    """Entries by key, with tags, expiry, per-tag entry limits and a clear counter."""

    #: True if other processes see the same entries (a local tier is then worth having).
    shared: bool

    def generation(self) -> int:
        """A number that changes after every clear, in this process or any other."""

    def read(self, key: str) -> Source | None:
        """The entry under ``key`` (a blob, or an open file the caller closes), or ``None``
        if absent, expired or unreadable."""

    def write(
        self, key: str, entry: Encoded, *, tag: str, ttl: float | None, max_entries: int | None
    ) -> list[str]:
        """Store an entry; return the keys evicted to keep ``tag`` within ``max_entries``."""

    def discard(self, key: str) -> None:
        """Drop one damaged entry without bumping the generation."""

    def clear(self, *, tag: str | None = None, key: str | None = None) -> None:
        """Remove one entry (``key``), one function's entries (``tag``) or everything."""

    def lease(self, key: str) -> Lease:
        """The compute lock for ``key``."""

    def close(self) -> None:
        """Release files and connections."""


class NullLease:
    """A lease that is always free: within one process, thread locks already serialise."""

    def try_acquire(self) -> bool:
        return True

    def release(self) -> None:
        pass


class MemoryStore:
    """A ``Store`` inside this process, bounded by total bytes (oldest stored goes first)."""

    shared = False

    def __init__(self, size_limit: int) -> None:
        self._size_limit = size_limit
        self._lock = threading.Lock()
        # key -> (blob, tag, expires_at); order is store order, which is eviction order.
        self._entries: OrderedDict[str, tuple[bytes, str, float | None]] = OrderedDict()
        self._by_tag: dict[str, OrderedDict[str, None]] = {}
        self._bytes = 0
        self._generation = 0

    def generation(self) -> int:
        return self._generation

    def read(self, key: str) -> bytes | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            blob, _, expires_at = found
            if expires_at is not None and time.time() >= expires_at:
                self._remove(key)
                return None
            return blob

    def write(
        self, key: str, entry: Encoded, *, tag: str, ttl: float | None, max_entries: int | None
    ) -> list[str]:
        blob = entry.blob()
        expires_at = None if ttl is None else time.time() + ttl
        evicted: list[str] = []
        with self._lock:
            self._remove(key)
            self._entries[key] = (blob, tag, expires_at)
            self._by_tag.setdefault(tag, OrderedDict())[key] = None
            self._bytes += len(blob)
            keys = self._by_tag[tag]
            while max_entries is not None and len(keys) > max_entries:
                oldest = next(iter(keys))
                self._remove(oldest)
                evicted.append(oldest)
            while self._bytes > self._size_limit and len(self._entries) > 1:
                oldest = next(iter(self._entries))
                self._remove(oldest)
                evicted.append(oldest)
        return evicted

    def _remove(self, key: str) -> None:
        found = self._entries.pop(key, None)
        if found is None:
            return
        blob, tag, _ = found
        self._bytes -= len(blob)
        keys = self._by_tag.get(tag)
        if keys is not None:
            keys.pop(key, None)
            if not keys:
                del self._by_tag[tag]

    def discard(self, key: str) -> None:
        with self._lock:
            self._remove(key)

    def clear(self, *, tag: str | None = None, key: str | None = None) -> None:
        with self._lock:
            if key is not None:
                self._remove(key)
            elif tag is not None:
                for k in list(self._by_tag.get(tag, ())):
                    self._remove(k)
            else:
                self._entries.clear()
                self._by_tag.clear()
                self._bytes = 0
            self._generation += 1

    def lease(self, key: str) -> Lease:
        return NullLease()

    def close(self) -> None:
        with self._lock:
            self._entries.clear()
            self._by_tag.clear()
            self._bytes = 0
