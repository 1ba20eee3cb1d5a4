"""The script an app runs: a file read again on every run, or the text of a notebook cell.

"Read again" means: whenever the file may have changed. Each run stats the file; its text is
read only when its stamp (modification and change times, size, inode) differs from the
last read's, or when that stamp was too recent to trust: a file written twice within one
tick of the file system's clock keeps one modification time, so a text read within
``SETTLE_NS`` of its modification is read again next time (git's "racily clean" rule). A
run thus costs one system call for its script instead of eight, each of which lets go of the
GIL that every visitor's session shares in shared mode.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from typing import Any

#: a stamp younger than this may hide a second write within the same clock tick
SETTLE_NS = 2_000_000_000


@dataclass
class ScriptSource:
    """A script given as a file (read again each run) or as text (a notebook cell)."""

    path: str | None = None
    text: str | None = None
    name: str = "<jupyst-app>"
    #: names put into the script's namespace on every run (AppTest.from_function arguments)
    extra_globals: dict[str, Any] = field(default_factory=dict)

    #: (path, stamp, text) of the last read that can be trusted
    _last: tuple[str, tuple[int, ...], str] | None = field(default=None, init=False, repr=False, compare=False)

    def read(self) -> tuple[str, str]:
        if self.path is None:
            return self.text or "", self.name
        try:
            st = os.stat(self.path)
        except OSError:
            st = None  # open() below raises what a missing or unreadable file raises
        stamp = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino) if st is not None else ()
        last = self._last
        if stamp and last is not None and last[0] == self.path and last[1] == stamp:
            return last[2], os.path.abspath(self.path)
        with open(self.path, encoding="utf-8") as fh:
            text = fh.read()
        settled = stamp and time.time_ns() - max(stamp[0], stamp[1]) > SETTLE_NS
        self._last = (self.path, stamp, text) if settled else None
        return text, os.path.abspath(self.path)

    @property
    def directory(self) -> str:
        return os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()

    @property
    def page_hash(self) -> str:
        return hashlib.md5((self.path or self.name).encode(), usedforsecurity=False).hexdigest()
