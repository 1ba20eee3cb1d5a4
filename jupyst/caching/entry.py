"""The byte layout of one ``st.cache_data`` entry: pickling, framing and loading a value.

Values are pickled with protocol 5, and large contiguous buffers (numpy and pandas
arrays, Arrow buffers) are taken *out of band*: they follow the pickle in the entry, each
at a 64-byte aligned offset, instead of being copied into the pickle stream::

    prefix | nodes pickle | value pickle | buffer lengths (u64 each) | buffers, aligned

    prefix = magic (6 bytes) | 2 bytes padding | expiry time (f64, NaN: never)
             | total length (u64) | value pickle length (u64)
             | nodes pickle length (u32, 0: no nodes) | buffer count (u32)

The nodes are the elements the function drew (replayed on a hit). A small entry is one
``bytes`` blob (an SQLite row). A large one is a file, which a hit maps copy-on-write (see
``mapping.py``) and unpickles with the mapped buffers as ``buffers=``: arrays come back
referencing the file's pages, nothing is copied up front, and each hit has its own
mapping, so a caller that writes into its result changes nothing cached. From an in-memory
blob, which every hit of the process shares, buffers are copied instead; so are files
under ``mapping.COPY_MAX``, read whole into private memory.

Everything jupyst itself reads from a mapped file (the header, the elements, the in-band
pickle) is read with ``pread``, and the file's size is checked again once it is mapped: a
file truncated under a hit is a damaged entry (recomputed), never a SIGBUS while loading.
Only the caller's arrays reference the mapping.

The framing (total length, every span inside it) is checked before pickle reads anything,
so a truncated or damaged entry is recognised as such. A changed layout gets a new magic,
so entries of another version read as misses (``OtherFormatError``) and are recomputed.
"""

from __future__ import annotations

import copyreg
import io
import math
import os
import pickle
import struct
import sys
from dataclasses import dataclass
from typing import Any, BinaryIO, Callable, Union

from jupyst.caching import mapping
from jupyst.caching.errors import CorruptEntryError, OtherFormatError

MAGIC = b"JPST\x02\x00"
_PREFIX = struct.Struct("<6s2xdQQII")
_LENGTH = struct.Struct("<Q")
_ALIGN = 64
#: Entries this large or larger are written as files and mapped on a hit. It equals
#: diskcache's ``disk_min_file_size``: smaller blobs live in the SQLite row itself.
INLINE_MAX = 32 * 1024
#: Smaller buffers stay in the pickle stream: out of band they would save nothing.
_OUT_OF_BAND_MIN = 4096
_PICKLE_PROTOCOL = 5

#: What a store hands back: a blob, or an open file the reader owns (and must close).
Source = Union[bytes, BinaryIO]
_Span = tuple[int, int]


def _align(offset: int) -> int:
    return -(-offset // _ALIGN) * _ALIGN


def _reduce_ndarray(array: Any) -> Any:
    # Protocol 5 gives a read-only array back read-only. The copy a hit returns must be
    # the caller's to change, as with protocol 4 (and Streamlit), so those go in band.
    return array.__reduce_ex__(_PICKLE_PROTOCOL if array.flags.writeable else 4)


def dump_value(value: Any) -> tuple[bytes, list[memoryview]]:
    """The in-band pickle of ``value`` and its out-of-band buffers (views, not copies).

    The buffers point into ``value``'s own memory: write them out before it can change.
    """
    buffers: list[memoryview] = []

    def out_of_band(buffer: pickle.PickleBuffer) -> bool:
        try:
            raw = buffer.raw()
        except BufferError:  # not contiguous
            return True
        if raw.nbytes < _OUT_OF_BAND_MIN:
            return True
        buffers.append(raw)
        return False

    numpy = sys.modules.get("numpy")
    if numpy is None:
        return pickle.dumps(value, _PICKLE_PROTOCOL, buffer_callback=out_of_band), buffers
    file = io.BytesIO()
    pickler = pickle.Pickler(file, _PICKLE_PROTOCOL, buffer_callback=out_of_band)
    pickler.dispatch_table = {**copyreg.dispatch_table, numpy.ndarray: _reduce_ndarray}
    pickler.dump(value)
    return file.getvalue(), buffers


class _ChunkReader:
    """A file-like ``read`` over chunks, for diskcache to stream a large entry to disk."""

    def __init__(self, chunks: list[bytes | memoryview], size: int) -> None:
        self._chunks = [memoryview(c).cast("B") for c in reversed(chunks)]
        #: The total, so the file can be allocated before it is written (``value_files.py``).
        self.size = size

    def read(self, size: int = -1) -> bytes | memoryview:
        while self._chunks:
            chunk = self._chunks.pop()
            if not chunk:
                continue
            if 0 <= size < len(chunk):
                self._chunks.append(chunk[size:])
                return chunk[:size]
            return chunk
        return b""


@dataclass
class Encoded:
    """An entry ready to store: its chunks, in order, and its total size."""

    chunks: list[bytes | memoryview]
    size: int
    _blob: bytes | None = None

    @property
    def inline(self) -> bool:
        """Whether the entry is small enough to be stored (and kept in memory) as bytes."""
        return self.size < INLINE_MAX

    def blob(self) -> bytes:
        if self._blob is None:
            self._blob = b"".join(self.chunks)
        return self._blob

    def reader(self) -> _ChunkReader:
        return _ChunkReader(self.chunks, self.size)


def encode(
    value_pickle: bytes, buffers: list[memoryview], expires_at: float | None, nodes: list[Any]
) -> Encoded:
    """The entry for a pickled value (see ``dump_value``), its expiry and drawn elements."""
    nodes_pickle = pickle.dumps(nodes, pickle.HIGHEST_PROTOCOL) if nodes else b""
    table = b"".join(_LENGTH.pack(b.nbytes) for b in buffers)
    chunks: list[bytes | memoryview] = [b"", nodes_pickle, value_pickle, table]
    offset = _PREFIX.size + len(nodes_pickle) + len(value_pickle) + len(table)
    for buffer in buffers:
        start = _align(offset)
        if start > offset:
            chunks.append(bytes(start - offset))
        chunks.append(buffer)
        offset = start + buffer.nbytes
    expiry = math.nan if expires_at is None else expires_at
    chunks[0] = _PREFIX.pack(
        MAGIC, expiry, offset, len(value_pickle), len(nodes_pickle), len(buffers)
    )
    return Encoded(chunks, offset)


class Entry:
    """A decoded entry: its expiry and elements, and where its value lives.

    Exactly one of ``blob`` (a small entry, in memory) and ``path`` (a large entry's file)
    is set. ``value`` and ``buffers`` are ``(start, end)`` offsets into either; ``size`` is
    the entry's length in bytes.
    """

    __slots__ = ("blob", "buffers", "expires_at", "nodes", "path", "size", "value")

    def __init__(
        self,
        expires_at: float | None,
        nodes: list[Any],
        size: int,
        value: _Span,
        buffers: tuple[_Span, ...],
        *,
        blob: bytes | None = None,
        path: str | None = None,
    ) -> None:
        self.expires_at = expires_at
        self.nodes = nodes
        self.size = size
        self.value = value
        self.buffers = buffers
        self.blob = blob
        self.path = path

    def is_expired(self, now: float) -> bool:
        return self.expires_at is not None and now >= self.expires_at

    def load_value(self, view: FileView | None = None) -> Any:
        """A fresh copy of the cached value, the caller's to change.

        ``view`` is a private view of the entry's file that the caller opened already (the
        first hit, straight from the store); without it a file entry opens its file anew.
        Raises ``OSError`` if the file cannot be opened (another process evicted it), and
        ``CorruptEntryError`` if the value will not unpickle or the file changed size. Any
        exception counts: a class that moved or was renamed since the entry was written
        surfaces as AttributeError or ImportError, a damaged byte as almost anything.
        """
        start, end = self.value
        if self.blob is not None:
            data = memoryview(self.blob)
            # The blob is shared by every hit in this process: copy what arrays will own.
            buffers: list[Any] = [bytearray(data[a:b]) for a, b in self.buffers]
            in_band: bytes | memoryview = data[start:end]
        else:
            if view is None:
                view = self._open_file()
            buffers = [view.data[a:b] for a, b in self.buffers]
            in_band = view.in_band
        try:
            return pickle.loads(in_band, buffers=buffers)
        except Exception as exc:
            raise CorruptEntryError(f"cannot unpickle the cached value: {exc!r}") from exc

    def _open_file(self) -> FileView:
        assert self.path is not None
        with open(self.path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size != self.size:
                raise CorruptEntryError(f"entry file is {size} bytes, it was {self.size}")
            return _view_file(file, size, self.value)


class FileView:
    """A file entry's bytes as one hit sees them: its own copy or its own mapping.

    ``data`` spans the whole file; ``in_band`` is the value's pickle, always in memory
    that no change to the file can take away.
    """

    __slots__ = ("data", "in_band")

    def __init__(self, data: memoryview, in_band: bytes | memoryview) -> None:
        self.data = data
        self.in_band = in_band


def _pread_exactly(file: BinaryIO, offset: int, n: int) -> bytes:
    data = os.pread(file.fileno(), n, offset)
    if len(data) != n:
        raise CorruptEntryError("entry file shrank while being read")
    return data


def _view_file(file: BinaryIO, size: int, value: _Span, data: memoryview | None = None) -> FileView:
    """Copy (small) or map (large) an entry file of ``size`` bytes for one hit."""
    start, end = value
    if data is None and not mapping.maps(size):
        data = _read_all(file, size)
    if data is not None:
        return FileView(data, data[start:end])
    in_band = _pread_exactly(file, start, end - start)
    data = mapping.private_view(file, size)
    # Truncated before the mapping was made? Its pages past the end would raise SIGBUS.
    if os.fstat(file.fileno()).st_size != size:
        raise CorruptEntryError("entry file shrank while being mapped")
    return FileView(data, in_band)


def _read_all(file: BinaryIO, size: int) -> memoryview:
    try:
        return mapping.read_copy(file, size)
    except OSError as exc:
        raise CorruptEntryError(f"entry file shrank while being read: {exc}") from exc


def _parse(read: Callable[[int, int], Any], size: int, **where: Any) -> Entry:
    """Check the framing of an entry of ``size`` bytes and read its header.

    ``read(offset, n)`` returns ``n`` bytes of the entry: only the prefix, the nodes and the
    buffer table are read, never the value. ``CorruptEntryError`` if anything is off.
    """
    if size < _PREFIX.size:
        raise CorruptEntryError("entry shorter than its header")
    magic, expiry, total, value_len, nodes_len, count = _PREFIX.unpack(read(0, _PREFIX.size))
    if magic != MAGIC:
        if magic[:4] == MAGIC[:4]:
            raise OtherFormatError("entry written by another format version")
        raise CorruptEntryError("not a jupyst cache entry")
    if total != size:
        raise CorruptEntryError(f"entry is {size} bytes, its framing says {total}")
    nodes_end = _PREFIX.size + nodes_len
    value = (nodes_end, nodes_end + value_len)
    offset = value[1] + count * _LENGTH.size
    if offset > size:
        raise CorruptEntryError("entry shorter than its framing")
    buffers = []
    if count:
        for length in struct.unpack(f"<{count}Q", read(value[1], count * _LENGTH.size)):
            start = _align(offset)
            offset = start + length
            buffers.append((start, offset))
    if offset != size:
        raise CorruptEntryError(f"entry is {size} bytes, its buffers end at {offset}")
    nodes: list[Any] = []
    if nodes_len:
        try:
            nodes = pickle.loads(read(_PREFIX.size, nodes_len))
        except Exception as exc:
            raise CorruptEntryError(f"cannot read the entry's elements: {exc!r}") from exc
    expires_at = None if math.isnan(expiry) else expiry
    return Entry(expires_at, nodes, size, value, tuple(buffers), **where)


def _slicer(data: memoryview) -> Callable[[int, int], memoryview]:
    return lambda offset, n: data[offset : offset + n]


def decode(blob: bytes) -> Entry:
    """The entry in an in-memory blob; ``CorruptEntryError`` if damaged."""
    return _parse(_slicer(memoryview(blob)), len(blob), blob=blob)


def open_entry(source: Source, *, view: bool = True) -> tuple[Entry, FileView | None]:
    """The entry a store returned and, for a file, a private view to load it from.

    With ``view=False`` a file's header is read but nothing is mapped (or copied): the
    entry is only described, e.g. for the local tier. Closes a file source. Raises
    ``CorruptEntryError`` if the entry is damaged, ``OSError`` if the file cannot be read.
    """
    if isinstance(source, (bytes, bytearray)):
        return decode(bytes(source)), None
    with source:
        size = os.fstat(source.fileno()).st_size
        path = os.path.abspath(source.name)
        if size < _PREFIX.size:
            raise CorruptEntryError("entry shorter than its header")
        if view and not mapping.maps(size):
            # Small enough to copy: one read, then everything is parsed from the copy.
            data = _read_all(source, size)
            entry = _parse(_slicer(data), size, path=path)
            return entry, _view_file(source, size, entry.value, data)
        entry = _parse(lambda offset, n: _pread_exactly(source, offset, n), size, path=path)
        if not view:
            return entry, None
        return entry, _view_file(source, size, entry.value)
