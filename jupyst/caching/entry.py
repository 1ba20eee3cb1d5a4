"""The byte layout of one ``st.cache_data`` entry, and its decoding.

An entry is one ``bytes`` blob, so the store (diskcache, or a dict) never unpickles
anything itself::

    magic (6 bytes) | header length (u32) | value length (u64) | header pickle | value pickle

The header holds the expiry time and the elements the function drew (replayed on a hit).
The value pickle is kept apart from the header so that a hit unpickles only the value, from
a zero-copy view into the blob. The two lengths let a truncated file be recognised before
pickle tries to read it. A changed layout gets a new magic, so old entries read as misses.
"""

from __future__ import annotations

import pickle
import struct
from dataclasses import dataclass, field
from typing import Any

from jupyst.caching.errors import CorruptEntryError

MAGIC = b"JPST\x01\x00"
_PREFIX = struct.Struct("<6sIQ")


@dataclass(frozen=True)
class Entry:
    """A decoded entry: the blob it came from and where its value pickle starts."""

    blob: bytes
    value_offset: int
    expires_at: float | None
    nodes: list[Any] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.blob)

    def is_expired(self, now: float) -> bool:
        return self.expires_at is not None and now >= self.expires_at

    def load_value(self) -> Any:
        """A fresh copy of the cached value; ``CorruptEntryError`` if it will not unpickle.

        Any exception counts: a class that moved or was renamed since the entry was
        written surfaces as AttributeError or ImportError, a damaged byte as almost
        anything.
        """
        try:
            return pickle.loads(memoryview(self.blob)[self.value_offset :])
        except Exception as exc:
            raise CorruptEntryError(f"cannot unpickle the cached value: {exc!r}") from exc


def encode(value_pickle: bytes, expires_at: float | None, nodes: list[Any]) -> bytes:
    """One blob from an already pickled value, its expiry time and drawn elements."""
    header = pickle.dumps({"expires_at": expires_at, "nodes": nodes}, pickle.HIGHEST_PROTOCOL)
    return b"".join((_PREFIX.pack(MAGIC, len(header), len(value_pickle)), header, value_pickle))


def decode(blob: bytes) -> Entry:
    """Check a blob's framing and read its header; ``CorruptEntryError`` if damaged."""
    if len(blob) < _PREFIX.size:
        raise CorruptEntryError("entry shorter than its header")
    magic, header_len, value_len = _PREFIX.unpack_from(blob)
    if magic != MAGIC:
        raise CorruptEntryError("entry written by another format version")
    start = _PREFIX.size + header_len
    if len(blob) != start + value_len:
        raise CorruptEntryError(f"entry is {len(blob)} bytes, its framing says {start + value_len}")
    try:
        header = pickle.loads(memoryview(blob)[_PREFIX.size : start])
        return Entry(blob, start, header["expires_at"], header["nodes"])
    except Exception as exc:
        raise CorruptEntryError(f"cannot read the entry header: {exc!r}") from exc
