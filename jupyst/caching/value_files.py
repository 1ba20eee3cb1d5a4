"""How the disk cache writes a large entry's file: allocated first, read-only, never partial.

Large entries are files that readers map (``mapping.py``), and a mapped file must never
shrink or have holes: a page the file no longer backs raises SIGBUS in the reader. diskcache
writes a file with plain ``write`` calls; ``ValueFileDisk`` changes three things:

* The file's full size is allocated (``posix_fallocate``) before anything is written, so a
  filesystem too full for it fails right there with ``ENOSPC`` (a warning, and the value is
  simply not cached) instead of later, or with a sparse file.
* It is created read-only (mode 0444): a script or tool of the same user that opens it for
  writing gets "permission denied" rather than truncating it under other kernels' mappings.
  Removing it (which is how diskcache and jupyst evict: a mapping outlives an unlinked
  file) only needs write access to its folder.
* A write that fails half way removes its file, so nothing partial is left behind.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable
from typing import Any

import diskcache

from jupyst.caching.generation import allocate

_pending = threading.local()
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
# Windows cannot delete a read-only file: keep diskcache's default there.
_FILE_MODE = 0o444 if os.name == "posix" else 0o644


class ValueFileDisk(diskcache.Disk):
    """diskcache's ``Disk`` with allocated, read-only value files (see the module doc)."""

    def store(self, value: Any, read: bool, key: Any = diskcache.core.UNKNOWN) -> Any:
        # The size of a streamed value, for ``_write`` (our readers carry it as ``size``).
        _pending.size = getattr(value, "size", None) if read else None
        try:
            return super().store(value, read, key=key)
        finally:
            _pending.size = None

    def _write(
        self, full_path: str, iterator: Iterable[Any], mode: str, encoding: str | None = None
    ) -> int:
        if mode != "xb":
            return super()._write(full_path, iterator, mode, encoding)
        size_hint = getattr(_pending, "size", None)
        fd = self._create(full_path)
        try:
            if size_hint:
                allocate(fd, size_hint)
            size = 0
            for chunk in iterator:
                view = memoryview(chunk).cast("B")
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
                    size += written
            if size_hint and size < size_hint:
                os.ftruncate(fd, size)  # only ever shrinks a file nobody has seen yet
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(full_path)
            raise
        os.close(fd)
        return size

    @staticmethod
    def _create(full_path: str) -> int:
        full_dir = os.path.dirname(full_path)
        for attempt in range(10):
            os.makedirs(full_dir, exist_ok=True)
            try:
                return os.open(full_path, _CREATE, _FILE_MODE)
            except FileNotFoundError:
                # Another process removed the (empty) folder between the two calls.
                if attempt == 9:
                    raise
        raise AssertionError("unreachable")
