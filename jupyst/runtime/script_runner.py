"""Runs one script execution: compile (cached), fresh ``__main__``, control-flow outcomes.

The script is compiled with magic once per source text. Each run gets a new module named
``__main__`` whose ``import streamlit`` resolves to jupyst, and the script's folder on
``sys.path``. The outcome says how the run ended, which decides what the session cleans up.
"""

from __future__ import annotations

import builtins
import enum
import hashlib
import importlib.util
import linecache
import os
import sys
import types
from dataclasses import dataclass, field
from typing import Any

from jupyst.runtime.magic import MAGIC_NAME, compile_script


class Outcome(enum.Enum):
    COMPLETED = "completed"
    STOPPED = "stopped"
    ERROR = "error"
    COMPILE_ERROR = "compile_error"
    RERUN = "rerun"
    INTERRUPTED = "interrupted"


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


class CompiledScripts:
    """Compiled code by source text: a rerun of an unchanged script skips parsing."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], Any] = {}

    def get(self, source: str, filename: str) -> Any:
        key = (filename, source)
        code = self._cache.get(key)
        if code is None:
            if not os.path.exists(filename):
                # Cell scripts: let tracebacks show the cell's lines.
                linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
            code = compile_script(source, filename)
            self._cache.clear()
            self._cache[key] = code
        return code


_ALIASES = {"streamlit": "jupyst"}


def _aliased_import(name: str, globals: Any = None, locals: Any = None, fromlist: Any = (), level: int = 0) -> Any:
    if level == 0 and (name == "streamlit" or name.startswith("streamlit.")):
        name = "jupyst" + name[len("streamlit"):]
        name = _SUBMODULES.get(name, name)
    return builtins.__import__(name, globals, locals, fromlist, level)


_SUBMODULES = {
    "jupyst.runtime.scriptrunner": "jupyst.runtime.scriptrunner_shim",
    "jupyst.testing.v1": "jupyst.testing",
}


def alias_streamlit_if_missing() -> bool:
    """Make ``import streamlit`` mean jupyst in every module, when Streamlit is not installed.

    The script itself always gets jupyst (its ``__import__`` is scoped); this covers the
    helper modules an app imports. With Streamlit installed nothing global changes, so
    Streamlit stays usable next to jupyst in one process.
    """
    if "streamlit" in sys.modules:
        return sys.modules["streamlit"] is sys.modules.get("jupyst")
    try:
        missing = importlib.util.find_spec("streamlit") is None
    except (ImportError, ValueError):
        missing = True
    if not missing:
        return False
    import jupyst
    import jupyst.connections
    import jupyst.errors
    import jupyst.runtime
    import jupyst.runtime.scriptrunner_shim
    import jupyst.testing

    sys.modules["streamlit"] = jupyst
    sys.modules["streamlit.connections"] = jupyst.connections
    sys.modules["streamlit.errors"] = jupyst.errors
    sys.modules["streamlit.runtime"] = jupyst.runtime
    sys.modules["streamlit.runtime.scriptrunner"] = jupyst.runtime.scriptrunner_shim
    sys.modules["streamlit.testing"] = jupyst.testing
    sys.modules["streamlit.testing.v1"] = jupyst.testing
    return True


def fresh_module(filename: str, magic: Any) -> types.ModuleType:
    module = types.ModuleType("__main__")
    module.__file__ = filename
    module.__loader__ = None  # type: ignore[assignment]
    scoped_builtins = dict(vars(builtins))
    scoped_builtins["__import__"] = _aliased_import
    module.__dict__["__builtins__"] = scoped_builtins
    module.__dict__[MAGIC_NAME] = magic
    return module


def ensure_on_path(directory: str) -> None:
    if directory not in sys.path:
        sys.path.insert(0, directory)
