"""Runs one script execution: compile (cached), fresh ``__main__``, control-flow outcomes.

The script is compiled with magic once per source text. Each run gets a new module named
``__main__`` whose ``import streamlit`` resolves to jupyst, and the script's folder on
``sys.path``. The outcome says how the run ended, which decides what the session cleans up.
"""

from __future__ import annotations

import builtins
import enum
import importlib.util
import linecache
import os
import sys
import types
from typing import Any

from jupyst.app.magic import MAGIC_NAME, compile_script


class Outcome(enum.Enum):
    COMPLETED = "completed"
    STOPPED = "stopped"
    ERROR = "error"
    COMPILE_ERROR = "compile_error"
    RERUN = "rerun"
    INTERRUPTED = "interrupted"


class CompiledScripts:
    """A session's compiled scripts (entrypoint and pages): a rerun of unchanged files skips parsing.

    One entry per file, replaced when the file's text changes.
    """

    def __init__(self) -> None:
        self._cache: dict[str, tuple[str, Any]] = {}

    def get(self, source: str, filename: str) -> Any:
        cached = self._cache.get(filename)
        if cached is not None and cached[0] == source:
            return cached[1]
        if not os.path.exists(filename):
            # Cell scripts: let tracebacks show the cell's lines.
            linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        code = compile_script(source, filename)
        self._cache[filename] = (source, code)
        return code


_ALIASES = {"streamlit": "jupyst"}


def _aliased_import(name: str, globals: Any = None, locals: Any = None, fromlist: Any = (), level: int = 0) -> Any:
    if level == 0 and (name == "streamlit" or name.startswith("streamlit.")):
        name = _jupyst_name(name)
    return builtins.__import__(name, globals, locals, fromlist, level)


_SUBMODULES = {"jupyst.testing.v1": "jupyst.testing"}


def alias_streamlit_if_missing() -> bool:
    """Make ``import streamlit`` mean jupyst in every module, when Streamlit is not installed.

    The script itself always gets jupyst (its ``__import__`` is scoped); this covers the
    helper modules an app imports. With Streamlit installed nothing global changes, so
    Streamlit stays usable next to jupyst in one process. The mapping is by module name, as
    the scoped import's is: ``streamlit.X`` is the module ``jupyst.X``.
    """
    if "streamlit" in sys.modules:
        return sys.modules["streamlit"] is sys.modules.get("jupyst")
    try:
        missing = importlib.util.find_spec("streamlit") is None
    except (ImportError, ValueError):
        missing = True
    if not missing:
        return False
    for name in ("streamlit", "streamlit.connections", "streamlit.errors", "streamlit.runtime", "streamlit.runtime.scriptrunner", "streamlit.testing", "streamlit.testing.v1"):
        sys.modules[name] = importlib.import_module(_jupyst_name(name))
    return True


def _jupyst_name(name: str) -> str:
    """The jupyst module that stands for the Streamlit module ``name``."""
    mapped = "jupyst" + name[len("streamlit"):]
    return _SUBMODULES.get(mapped, mapped)


def fresh_module(filename: str, magic: Any) -> types.ModuleType:
    module = types.ModuleType("__main__")
    module.__file__ = filename
    module.__loader__ = None
    scoped_builtins = dict(vars(builtins))
    scoped_builtins["__import__"] = _aliased_import
    module.__dict__["__builtins__"] = scoped_builtins
    module.__dict__[MAGIC_NAME] = magic
    return module


def ensure_on_path(directory: str) -> None:
    if directory not in sys.path:
        sys.path.insert(0, directory)
