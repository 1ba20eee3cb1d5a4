"""Private, copy-on-write views of cache files: how a large hit avoids copying its data.

``private_view(file)`` maps a whole file ``MAP_PRIVATE`` with read and write access
(``mmap.ACCESS_COPY``): pages are read from the page cache when first touched, shared with
every other process mapping the same file, and copied only when this process writes to
them. Writes never reach the file. Arrays unpickled over such a view reference the mapped
pages, so a hit costs what the pickle's small in-band part costs, and each hit gets its
own mapping, so one caller's writes stay invisible to the next.

A mapping outlives its file: on POSIX, unlinking a mapped file (diskcache evicting or
clearing the entry) frees the pages only when the last mapping goes. What a mapping does
not survive is a file truncated *in place* under it (reading the lost pages would raise
SIGBUS); diskcache never rewrites a value file, it writes a new one and unlinks the old,
and jupyst creates value files read-only (``value_files.py``). Since nothing can stop root
or a careless ``chmod`` from truncating one anyway, only files of ``COPY_MAX`` bytes or more
are mapped, where not copying matters; smaller ones are read into private memory, which no
change to the file can take away.

Python's ``mmap.mmap`` keeps a duplicate file descriptor open per mapping until Python
3.13's ``trackfd=False``, and every cached DataFrame alive in a kernel would hold one, so
on older Pythons the mapping is made with libc's ``mmap`` through ctypes and unmapped when
the last view of it is released. Where neither works (Windows, where a mapped file could
not be deleted by another kernel), the file is read into a private ``bytearray``: one
copy, the same semantics.
"""

from __future__ import annotations

import ctypes
import functools
import io
import mmap
import os
import sys
import weakref
from typing import Any, BinaryIO, Callable, cast

# Whether views share the page cache (tests look at this to know what to expect).
MAPS_FILES = os.name == "posix"

#: Files smaller than this are read into memory rather than mapped (see above).
COPY_MAX = 1 << 20

_PROT = getattr(mmap, "PROT_READ", 1) | getattr(mmap, "PROT_WRITE", 2)
_FLAGS = getattr(mmap, "MAP_PRIVATE", 2)


@functools.lru_cache(maxsize=256)
def _region_type(size: int) -> type[ctypes.Array[ctypes.c_ubyte]]:
    # A new ctypes array type costs some 10 µs; the same entry's hits share theirs.
    return ctypes.c_ubyte * size


def _libc_mapper() -> Callable[[int, int], memoryview] | None:
    """A ``(fd, size) -> view`` over libc's mmap and munmap, or None where unavailable."""
    if not MAPS_FILES or sys.version_info >= (3, 13) or ctypes.sizeof(ctypes.c_void_p) != 8:
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc_mmap, libc_munmap = libc.mmap, libc.munmap
    except (OSError, AttributeError):
        return None
    libc_mmap.restype = ctypes.c_void_p
    libc_mmap.argtypes = [
        ctypes.c_void_p,
        ctypes.c_size_t,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_int64,
    ]
    libc_munmap.restype = ctypes.c_int
    libc_munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
    failed = ctypes.c_void_p(-1).value

    def map_fd(fd: int, size: int) -> memoryview:
        addr = libc_mmap(None, size, _PROT, _FLAGS, fd, 0)
        if addr is None or addr == failed:
            errno = ctypes.get_errno()
            raise OSError(errno, f"mmap failed: {os.strerror(errno)}")
        region = _region_type(size).from_address(addr)
        # Unmap when the last view (a memoryview, a numpy array's base) lets go of the
        # region; not at interpreter exit, while objects may still point into it.
        finalizer = weakref.finalize(region, libc_munmap, addr, size)
        finalizer.atexit = False
        return memoryview(region).cast("B")

    return map_fd


def _python_mapper(fd: int, size: int) -> memoryview:
    extra: dict[str, Any] = {"trackfd": False} if sys.version_info >= (3, 13) else {}
    return memoryview(mmap.mmap(fd, size, access=mmap.ACCESS_COPY, **extra))


_map_fd = _libc_mapper() or _python_mapper


def maps(size: int) -> bool:
    """Whether ``private_view`` maps a file of ``size`` bytes (else it reads a copy)."""
    return MAPS_FILES and size >= COPY_MAX


def private_view(file: BinaryIO, size: int) -> memoryview:
    """A writable view of the first ``size`` bytes of ``file`` that only this caller sees.

    ``size`` must be the file's current size (the caller checked it), and not zero.
    """
    if maps(size):
        return _map_fd(file.fileno(), size)
    return read_copy(file, size)


def read_copy(file: BinaryIO, size: int) -> memoryview:
    """The first ``size`` bytes of ``file`` in a new ``bytearray``; ``OSError`` if shorter."""
    file.seek(0)
    data = bytearray(size)
    view = memoryview(data)
    got = 0
    while got < size:
        n = cast(io.BufferedIOBase, file).readinto(view[got:])
        if not n:
            raise OSError(f"file ended after {got} of {size} bytes")
        got += n
    return view
