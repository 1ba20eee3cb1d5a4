"""Runs one script execution: compile (cached), fresh ``__main__``, control-flow outcomes.

The script is compiled with magic once per source text. Each run gets a new module named
``__main__`` whose imports are the app's (jupyst/app/app_imports.py: ``import streamlit``
is jupyst, in the helper modules too), and the script's folder on ``sys.path``. The
outcome says how the run ended, which decides what the session cleans up.
"""

from __future__ import annotations

import enum
import linecache
import os
import sys
import threading
import types
from typing import Any

from jupyst.app.app_imports import alias_streamlit_if_missing as alias_streamlit_if_missing
from jupyst.app.app_imports import scoped_builtins
from jupyst.app.magic import MAGIC_NAME, compile_script


class Outcome(enum.Enum):
    COMPLETED = "completed"
    STOPPED = "stopped"
    ERROR = "error"
    COMPILE_ERROR = "compile_error"
    RERUN = "rerun"
    INTERRUPTED = "interrupted"


#: files whose compiled code the whole process keeps (past it, the oldest goes)
SHARED_SCRIPTS = 256
_shared: dict[str, tuple[str, Any]] = {}
_shared_lock = threading.Lock()


def _compiled(source: str, filename: str) -> Any:
    """The code of ``source`` as ``filename``, compiled once for every session of the process.

    Code objects never change, so sessions can share them: twenty visitors arriving together
    at a shared-mode server compile the app once, not twenty times on one GIL.
    """
    with _shared_lock:
        cached = _shared.get(filename)
        if cached is not None and cached[0] == source:
            return cached[1]
        if not os.path.exists(filename):
            # Cell scripts: let tracebacks show the cell's lines.
            linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        code = compile_script(source, filename)
        _shared.pop(filename, None)
        _shared[filename] = (source, code)
        while len(_shared) > SHARED_SCRIPTS:
            del _shared[next(iter(_shared))]
        return code


class CompiledScripts:
    """A session's compiled scripts (entrypoint and pages): a rerun of unchanged files skips parsing.

    The code comes from the process-wide cache above (one entry per file, replaced when the
    file's text changes), shared with every other session.
    """

    def get(self, source: str, filename: str) -> Any:
        return _compiled(source, filename)


def fresh_module(filename: str, magic: Any) -> types.ModuleType:
    module = types.ModuleType("__main__")
    module.__file__ = filename
    module.__loader__ = None
    module.__dict__["__builtins__"] = scoped_builtins()
    module.__dict__[MAGIC_NAME] = magic
    return module


def ensure_on_path(directory: str) -> None:
    if directory not in sys.path:
        sys.path.insert(0, directory)
