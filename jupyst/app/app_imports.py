"""Imports inside an app: every ``import streamlit`` of the app's code is jupyst.

The app's code is its script, its pages and the user's own modules the app imports (helper
modules, packages beside the script): every module whose source is not part of an installed
library. All of them run with :func:`app_import` as their ``__import__``, so:

- ``streamlit`` and ``streamlit.X`` are the jupyst modules that stand for them
  (:data:`PROVIDED`); a Streamlit module jupyst does not provide is a ``ModuleNotFoundError``
  that names it and says what jupyst offers instead;
- a user module is the app's copy of it: loaded with :func:`app_import` as its
  ``__import__`` (so its own imports, nested functions included, follow the same rules).

The app's copy is the one in ``sys.modules`` when nothing else holds that name, so pickling
(``st.cache_data``) and ``importlib`` see it. When code outside the app already imported the
module with the real Streamlit bound, or the real Streamlit is loaded in this process (tests
that compare both) and the module uses Streamlit, the app's copy stays private to the apps
and ``sys.modules`` keeps what code outside the apps sees: Streamlit keeps working next to
jupyst in one process. (A module the apps put into ``sys.modules`` before the real Streamlit
was first imported is what outside code gets from then on.)

Without Streamlit installed, :class:`StreamlitAliasFinder` on ``sys.meta_path`` makes
``import streamlit`` mean jupyst everywhere in the process.
"""

from __future__ import annotations

import builtins
import contextlib
import functools
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import site
import sys
import sysconfig
import threading
import types
from collections.abc import Sequence
from typing import Any

#: Streamlit modules and the jupyst modules that stand for them
PROVIDED: dict[str, str] = {
    "streamlit": "jupyst",
    "streamlit.errors": "jupyst.errors",
    "streamlit.connections": "jupyst.connections",
    "streamlit.delta_generator": "jupyst.delta_generator",
    "streamlit.runtime": "jupyst.runtime",
    "streamlit.runtime.scriptrunner": "jupyst.runtime.scriptrunner",
    "streamlit.runtime.scriptrunner_utils": "jupyst.runtime.scriptrunner_utils",
    "streamlit.runtime.scriptrunner_utils.script_run_context": "jupyst.runtime.scriptrunner_utils.script_run_context",
    "streamlit.testing": "jupyst.testing",
    "streamlit.testing.v1": "jupyst.testing.v1",
    "streamlit.hello": "jupyst.hello",
    "streamlit.hello.utils": "jupyst.hello.utils",
    "streamlit.components": "jupyst.components",
    "streamlit.components.v1": "jupyst.components.v1",
    "streamlit.components.v2": "jupyst.components.v2",
    "streamlit.typing": "jupyst.typing",
}

#: what jupyst offers instead of a Streamlit module it does not provide
INSTEAD: dict[str, str] = {
    "streamlit.web": "serve the app with `jupyst run app.py` (options as in `streamlit run`)",
    "streamlit.proto": "jupyst draws ipywidgets, not Streamlit's protobuf messages",
    "streamlit.runtime.state": "use st.session_state",
    "streamlit.runtime.secrets": "use st.secrets",
    "streamlit.runtime.caching": "use st.cache_data and st.cache_resource",
    "streamlit.elements": "use the st.* commands",
    "streamlit.config": "use st.get_option and st.set_option",
}

_MARK = "__jupyst_app_module__"


def _is_streamlit(name: str) -> bool:
    return name == "streamlit" or name.startswith("streamlit.")


def not_provided(name: str) -> ModuleNotFoundError:
    """The error for a Streamlit module jupyst has no stand-in for."""
    hint = next((text for prefix, text in INSTEAD.items() if name == prefix or name.startswith(prefix + ".")), None)
    offered = ", ".join(sorted(PROVIDED))
    text = f"No module named {name!r} in jupyst, which runs this app in place of Streamlit"
    text += f": {hint}. " if hint else ". "
    text += f"jupyst provides the st namespace and these modules: {offered}."
    return ModuleNotFoundError(text, name=name)


def jupyst_module(name: str) -> types.ModuleType:
    """The jupyst module that stands for the Streamlit module ``name`` (imported)."""
    target = PROVIDED.get(name)
    if target is None:
        raise not_provided(name)
    return importlib.import_module(target)


def _import_streamlit(name: str, fromlist: Sequence[str] | None) -> types.ModuleType:
    # Parents first, as the import system does; `import streamlit.a.b` binds `streamlit`,
    # and the jupyst parents carry their children as attributes once imported.
    if name not in PROVIDED:
        raise not_provided(name)
    parts = name.split(".")
    for i in range(1, len(parts) + 1):
        jupyst_module(".".join(parts[:i]))
    module = jupyst_module(name)
    if not fromlist:
        return jupyst_module("streamlit")
    for item in fromlist:
        if item == "*" or hasattr(module, item):
            continue
        sub = f"{name}.{item}"
        if sub in PROVIDED:
            jupyst_module(sub)
        elif any(key == sub or key.startswith(sub + ".") for key in INSTEAD) and hasattr(module, "__path__"):
            raise not_provided(sub)
    return module


# ----- which modules are the user's ----------------------------------------------------------------------
def _library_roots() -> tuple[str, ...]:
    roots: set[str] = set()
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        path = sysconfig.get_paths().get(key)
        if path:
            roots.add(os.path.realpath(path))
    with contextlib.suppress(AttributeError):  # virtualenv's old site.py has no getsitepackages
        roots.update(os.path.realpath(p) for p in site.getsitepackages())
    user_site = getattr(site, "USER_SITE", None)
    if user_site:
        roots.add(os.path.realpath(user_site))
    roots.add(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # jupyst itself
    return tuple(sorted(roots))


_LIBRARY_ROOTS = _library_roots()


@functools.lru_cache(maxsize=4096)
def is_user_path(path: str) -> bool:
    """Whether a source file is the user's own code (not an installed library, not jupyst)."""
    real = os.path.realpath(path)
    parts = real.split(os.sep)
    if "site-packages" in parts or "dist-packages" in parts:
        return False
    return not any(real == root or real.startswith(root + os.sep) for root in _LIBRARY_ROOTS)


def _spec_is_user(spec: importlib.machinery.ModuleSpec) -> bool:
    if isinstance(spec.loader, importlib.machinery.SourceFileLoader) and spec.origin:
        return is_user_path(spec.origin)
    locations = spec.submodule_search_locations
    if spec.origin in (None, "namespace") and locations:  # a namespace package
        return all(is_user_path(p) for p in locations)
    return False


def _module_is_user(module: types.ModuleType) -> bool:
    spec = getattr(module, "__spec__", None)
    return spec is not None and _spec_is_user(spec)


def is_app_module(module: types.ModuleType) -> bool:
    return bool(module.__dict__.get(_MARK))


def _uses_streamlit(module: types.ModuleType, seen: set[str]) -> bool:
    """Whether a module (or a user module it holds) imports or uses Streamlit."""
    if module.__name__ in seen:
        return False
    seen.add(module.__name__)
    path = getattr(module, "__file__", None)
    if isinstance(path, str):
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                if "streamlit" in fh.read():
                    return True
        except OSError:
            pass
    for value in list(vars(module).values()):
        other = value if isinstance(value, types.ModuleType) else sys.modules.get(getattr(value, "__module__", None) or "")
        if other is None or other is module:
            continue
        if _is_streamlit(other.__name__):
            return True
        if _module_is_user(other) and not is_app_module(other) and _uses_streamlit(other, seen):
            return True
    return False


def _mentions_streamlit(path: str | None) -> bool:
    if not path or path == "namespace":
        return True  # a namespace package: its modules decide for themselves
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return "streamlit" in fh.read()
    except OSError:
        return True


def real_streamlit_loaded() -> bool:
    loaded = sys.modules.get("streamlit")
    return loaded is not None and not loaded.__name__.startswith("jupyst")


# ----- the app's copies of user modules ------------------------------------------------------------------
class AppModules:
    """The user modules loaded for the apps of this process (one copy per module name)."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        #: app copies kept out of sys.modules (code outside the apps owns that name)
        self.private: dict[str, types.ModuleType] = {}
        #: outside modules already looked at: (name, id) -> whether they use Streamlit
        self._outside: dict[tuple[str, int], bool] = {}

    def get(self, name: str) -> types.ModuleType:
        """The app's view of module ``name``, its parents loaded first."""
        with self._lock:
            parent: types.ModuleType | None = None
            parts = name.split(".")
            module: types.ModuleType | None = None
            for i in range(1, len(parts) + 1):
                module = self._one(".".join(parts[:i]), parent)
                parent = module
            assert module is not None
            return module

    def _one(self, name: str, parent: types.ModuleType | None) -> types.ModuleType:
        if name in self.private:
            return self.private[name]
        current = sys.modules.get(name)
        if current is not None:
            if is_app_module(current) or not _module_is_user(current):
                return current
            key = (name, id(current))
            if key not in self._outside:
                self._outside[key] = _uses_streamlit(current, set())
            if not self._outside[key]:
                return current
            return self._load(name, current.__spec__, parent, share=False)
        spec = _find_spec(name, getattr(parent, "__path__", None) if parent is not None else None)
        if spec is None:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        if not _spec_is_user(spec):
            return importlib.import_module(name)  # a library: imported as anywhere else
        # With the real Streamlit loaded, code outside the apps may import this module too:
        # a module that uses Streamlit then stays the apps' own.
        share = not real_streamlit_loaded() or not _mentions_streamlit(spec.origin)
        return self._load(name, spec, parent, share=share)

    def _load(
        self, name: str, spec: importlib.machinery.ModuleSpec | None, parent: types.ModuleType | None, share: bool
    ) -> types.ModuleType:
        if spec is None:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        if spec.loader is not None and not isinstance(spec.loader, importlib.machinery.SourceFileLoader):
            return importlib.import_module(name)
        # A fresh spec: the module outside the apps keeps its own.
        spec = importlib.util.spec_from_file_location(
            name, spec.origin, submodule_search_locations=spec.submodule_search_locations
        ) if spec.origin not in (None, "namespace") else spec
        assert spec is not None
        module = importlib.util.module_from_spec(spec)
        module.__dict__["__builtins__"] = scoped_builtins()
        module.__dict__[_MARK] = True
        table: dict[str, types.ModuleType] = sys.modules if share else self.private
        table[name] = module  # before running it: circular imports see it
        try:
            if spec.loader is not None:
                spec.loader.exec_module(module)
        except BaseException:
            table.pop(name, None)
            raise
        module = table.get(name, module)
        if parent is not None:
            setattr(parent, name.rpartition(".")[2], module)
        return module

    def forget_file(self, path: str) -> None:
        """Drop the app copies of a file that changed (the next import loads it again)."""
        with self._lock:
            for name, module in list(self.private.items()):
                if getattr(module, "__file__", None) == path:
                    del self.private[name]
            self._outside.clear()

    def private_files(self) -> dict[str, str]:
        with self._lock:
            return {n: m.__file__ for n, m in self.private.items() if isinstance(getattr(m, "__file__", None), str)}  # type: ignore[misc]


def _find_spec(name: str, path: Any) -> importlib.machinery.ModuleSpec | None:
    for finder in list(sys.meta_path):
        find = getattr(finder, "find_spec", None)
        if find is None or isinstance(finder, StreamlitAliasFinder):
            continue
        spec = find(name, path, None)
        if spec is not None:
            return spec
    return None


APP_MODULES = AppModules()


def _resolve(name: str, globals: dict[str, Any] | None, level: int) -> str:
    package = (globals or {}).get("__package__")
    if package is None:
        spec = (globals or {}).get("__spec__")
        package = spec.parent if spec is not None else (globals or {}).get("__name__", "").rpartition(".")[0]
    if not package:
        raise ImportError("attempted relative import with no known parent package")
    return importlib.util.resolve_name("." * level + name, package)


def app_import(
    name: str, globals: dict[str, Any] | None = None, locals: Any = None, fromlist: Sequence[str] | None = (), level: int = 0
) -> types.ModuleType:
    """``__import__`` of the app's code: Streamlit is jupyst, user modules are the app's copies."""
    if level == 0 and _is_streamlit(name):
        return _import_streamlit(name, fromlist)
    absolute = _resolve(name, globals, level) if level else name
    if level and not fromlist:  # only reachable by calling __import__ by hand
        return builtins.__import__(name, globals, locals, fromlist, level)
    module = APP_MODULES.get(absolute)
    if fromlist:
        if hasattr(module, "__path__"):
            items = list(fromlist)
            if "*" in items:
                items = [i for i in items if i != "*"] + list(getattr(module, "__all__", ()))
            for item in items:
                if not hasattr(module, item):
                    try:
                        APP_MODULES.get(f"{absolute}.{item}")
                    except ModuleNotFoundError as exc:
                        if exc.name != f"{absolute}.{item}":
                            raise
        return module
    return APP_MODULES.get(absolute.partition(".")[0])


def scoped_builtins() -> dict[str, Any]:
    """The builtins of the app's modules: Python's, with :func:`app_import` as ``__import__``."""
    scoped = dict(vars(builtins))
    scoped["__import__"] = app_import
    return scoped


# ----- without Streamlit installed -------------------------------------------------------------------
class _AliasLoader(importlib.abc.Loader):
    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return jupyst_module(spec.name)

    def exec_module(self, module: types.ModuleType) -> None:
        pass  # the jupyst module is imported already


class StreamlitAliasFinder(importlib.abc.MetaPathFinder):
    """``import streamlit`` anywhere in the process is jupyst (used only without Streamlit)."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if not _is_streamlit(fullname):
            return None
        if fullname not in PROVIDED:
            raise not_provided(fullname)
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader())


_install_lock = threading.Lock()


def alias_streamlit_if_missing() -> bool:
    """Without Streamlit installed, make ``import streamlit`` mean jupyst in the whole process.

    Returns whether it does. With Streamlit installed nothing global changes: only the app's
    code (which :func:`app_import` serves) sees jupyst.
    """
    with _install_lock:
        if any(isinstance(f, StreamlitAliasFinder) for f in sys.meta_path):
            return True
        if "streamlit" in sys.modules:
            return sys.modules["streamlit"].__name__.startswith("jupyst")
        try:
            missing = importlib.util.find_spec("streamlit") is None
        except (ImportError, ValueError):
            missing = True
        if not missing:
            return False
        sys.meta_path.insert(0, StreamlitAliasFinder())
        return True
