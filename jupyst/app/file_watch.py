"""Run on save: a file that changes on disk reruns every app session that uses it.

One polling thread per watched file and process, shared by every session that watches it
(several notebook cells may show the same script). A poll is one ``stat``; only when size,
mtime or inode changed is the file read, and only a change of its content counts, so an
editor that rewrites the same bytes does not rerun anything.

:class:`DevLoop` is what a session in development mode uses: it watches the script, the
pages' scripts, the modules the app imports from its own folder (dropped from
``sys.modules`` when they change, so the rerun imports them again) and the secrets files.
The rerun keeps session state; a script that no longer compiles shows its error in the app,
and the next save that fixes it brings the app back.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jupyst.app.session import AppSession

log = logging.getLogger("jupyst")

#: seconds between two looks at a file
POLL_INTERVAL = 0.2
#: at most this many of the app's own modules are watched (a thread each)
MAX_LOCAL_MODULES = 50

Callback = Callable[[str], None]


def _signature(path: str) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _digest(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.md5(fh.read(), usedforsecurity=False).hexdigest()
    except OSError:
        return None


class _Watcher:
    """The thread that polls one file and calls its subscribers when the content changes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.callbacks: dict[int, Callback] = {}
        self._signature = _signature(path)
        self._digest = _digest(path)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=f"jupyst-watch {os.path.basename(path)}", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(POLL_INTERVAL):
            signature = _signature(self.path)
            if signature == self._signature:
                continue
            self._signature = signature
            digest = _digest(self.path)
            if digest == self._digest or digest is None:
                continue
            self._digest = digest
            for callback in list(self.callbacks.values()):
                try:
                    callback(self.path)
                except Exception:  # one subscriber must not stop the others
                    log.exception("jupyst: a file watch callback failed")

    def stop(self) -> None:
        self._stop.set()


_lock = threading.Lock()
_watchers: dict[str, _Watcher] = {}
_ids = iter(range(1, 1 << 62))


def watch(path: str | os.PathLike[str], callback: Callback) -> Callable[[], None]:
    """Call ``callback(path)`` whenever the file's content changes; returns the unsubscribe."""
    key = os.path.abspath(path)
    with _lock:
        watcher = _watchers.get(key)
        if watcher is None:
            watcher = _watchers[key] = _Watcher(key)
        token = next(_ids)
        watcher.callbacks[token] = callback

    def unwatch() -> None:
        with _lock:
            current = _watchers.get(key)
            if current is None:
                return
            current.callbacks.pop(token, None)
            if not current.callbacks:
                current.stop()
                del _watchers[key]

    return unwatch


def watched_files() -> list[str]:
    with _lock:
        return sorted(_watchers)


# ----- a session's development loop ------------------------------------------------------------------
def _is_library(path: str) -> bool:
    parts = Path(path).parts
    return "site-packages" in parts or "dist-packages" in parts or any(p.startswith(".") and len(p) > 1 for p in parts)


class DevLoop:
    """Reruns one session when its script, pages, local modules or secrets change."""

    def __init__(self, session: AppSession) -> None:
        self.session = session
        self.folder = os.path.abspath(session.source.directory)
        self._unwatch: dict[str, Callable[[], None]] = {}
        self._modules_seen = -1
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        if self.session.source.path:
            self._watch(os.path.abspath(self.session.source.path), self._script_changed)
        from jupyst.runtime.secrets import secrets_paths

        for path in secrets_paths(self.folder):
            if path.is_file():
                self._watch(str(path), self._secrets_changed)
        self.after_run()

    def after_run(self) -> None:
        """Pick up the files the last run used: pages and modules from the app's folder."""
        if self._closed:
            return
        for page in self.session.pages.page_files():
            self._watch(page, self._script_changed)
        from jupyst.app.app_imports import APP_MODULES

        # the app's private module copies count too: they are not in sys.modules
        seen = len(sys.modules) + len(APP_MODULES.private)
        if seen != self._modules_seen:
            self._modules_seen = seen
            for path in self._local_modules().values():
                self._watch(path, self._module_changed)

    def _local_modules(self) -> dict[str, str]:
        from jupyst.app.app_imports import APP_MODULES

        out: dict[str, str] = {}
        prefix = self.folder + os.sep
        # the app's private copies of modules code outside the app imported too
        for name, private_path in APP_MODULES.private_files().items():
            if private_path.startswith(prefix) and len(out) < MAX_LOCAL_MODULES:
                out[name] = private_path
        for name, module in list(sys.modules.items()):
            if name == "jupyst" or name.startswith("jupyst.") or name == "__main__":
                continue
            path = getattr(module, "__file__", None)
            if isinstance(path, str) and path.startswith(prefix) and path.endswith(".py") and not _is_library(path[len(prefix):]):
                out[name] = path
                if len(out) >= MAX_LOCAL_MODULES:
                    break
        return out

    def _watch(self, path: str, callback: Callback) -> None:
        with self._lock:
            if self._closed or path in self._unwatch:
                return
            self._unwatch[path] = watch(path, callback)

    def _script_changed(self, path: str) -> None:
        log.info("jupyst: %s changed, rerunning", path)
        self.session.request_rerun()

    def _module_changed(self, path: str) -> None:
        from jupyst.app.app_imports import APP_MODULES

        for name, module in list(sys.modules.items()):
            if getattr(module, "__file__", None) == path:
                sys.modules.pop(name, None)
        APP_MODULES.forget_file(path)
        self._script_changed(path)

    def _secrets_changed(self, path: str) -> None:
        from jupyst.runtime.secrets import secrets

        secrets.reset()
        self._script_changed(path)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            unwatch, self._unwatch = list(self._unwatch.values()), {}
        for stop in unwatch:
            stop()


def start_dev_loop(session: AppSession) -> Any:
    loop = DevLoop(session)
    loop.start()
    return loop
