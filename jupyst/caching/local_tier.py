"""The in-process tier in front of the shared store: decoded entries, no SQLite on a hit.

A hit in the same process should cost what Streamlit's in-memory cache costs, or less:
hash the arguments, find the entry, unpickle it. This tier keeps decoded entries by key,
least recently used first out once a byte budget is exceeded. A small entry is kept with
its blob; a large one only as the name and layout of its file, which each hit maps anew
(see ``entry.py``), so the tier holds no second copy of a large value. Either counts its
full size against the budget, which thereby bounds how much cached data this process
reaches without asking SQLite.

Entries are only valid for the store generation they were read under. Every lookup passes
the current generation; when it differs from the tier's, a clear happened somewhere and the
whole tier is dropped (clears are rare, so dropping everything is cheaper than tracking
what each clear touched). Expiry needs no coordination: it is a wall-clock time stored in
the entry, the same for every process. An entry whose file another process evicted (an
eviction does not change the generation) fails to open, and the lookup asks the store.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from jupyst.caching.entry import Entry


class LocalTier:
    """Decoded entries of this process, bounded by total bytes."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._bytes = 0
        self._generation: int | None = None

    def get(self, key: str, generation: int) -> Entry | None:
        with self._lock:
            if generation != self._generation:
                self._reset(generation)
                return None
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: Entry, generation: int) -> None:
        """Keep ``entry`` if it was read under the tier's current generation and fits."""
        if entry.size > self.max_bytes:
            return
        with self._lock:
            if generation != self._generation:
                return  # read before a clear this tier already knows about, or after one
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old.size
            self._entries[key] = entry
            self._bytes += entry.size
            while self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= dropped.size

    def discard(self, keys: list[str]) -> None:
        with self._lock:
            for key in keys:
                old = self._entries.pop(key, None)
                if old is not None:
                    self._bytes -= old.size

    def clear(self) -> None:
        with self._lock:
            self._reset(None)

    def _reset(self, generation: int | None) -> None:
        self._entries.clear()
        self._bytes = 0
        self._generation = generation

    def __len__(self) -> int:
        return len(self._entries)
