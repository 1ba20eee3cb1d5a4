"""The script an app runs: a file read again on every run, or the text of a notebook cell."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ScriptSource:
    """A script given as a file (read again each run) or as text (a notebook cell)."""

    path: str | None = None
    text: str | None = None
    name: str = "<jupyst-app>"
    #: names put into the script's namespace on every run (AppTest.from_function arguments)
    extra_globals: dict[str, Any] = field(default_factory=dict)

    def read(self) -> tuple[str, str]:
        if self.path is not None:
            with open(self.path, encoding="utf-8") as fh:
                return fh.read(), os.path.abspath(self.path)
        return self.text or "", self.name

    @property
    def directory(self) -> str:
        return os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()

    @property
    def page_hash(self) -> str:
        return hashlib.md5((self.path or self.name).encode(), usedforsecurity=False).hexdigest()
