"""Which store ``st.cache_data`` uses in this process, and how to point it elsewhere.

The store is opened on first use, from the environment:

``JUPYST_CACHE_DIR``
    The cache directory (default: the user cache directory, e.g. ``~/.cache/jupyst`` on
    Linux). Every kernel that sees the same directory shares the cache.
``JUPYST_CACHE_SIZE_LIMIT``
    Bytes on disk before the oldest entries are evicted (default 1 GiB).
``JUPYST_CACHE_LOCK_TIMEOUT``
    Seconds before a compute lock held by a vanished process is taken over (default 10).

``JUPYST_CACHE_REDIS_URL`` (with ``JUPYST_CACHE_SECRET``)
    A Redis shared by every host of the app, behind the disk cache (``redis_tier.py``).

If the directory cannot be created or written, the cache falls back to memory (this
process only) and logs a warning. ``configure()`` overrides any of these in code;
``reset()`` closes the store and forgets overrides so the next use reads the environment
again, which is what tests use to give each test its own directory.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from dataclasses import dataclass, replace

from jupyst.caching.local_tier import LocalTier
from jupyst.caching.redis_tier import RedisSettings, RedisTier
from jupyst.caching.storage import MemoryStore, Store

log = logging.getLogger("jupyst.caching")

GiB = 1024**3


def default_cache_dir() -> str:
    """The per-user cache directory jupyst uses when ``JUPYST_CACHE_DIR`` is not set."""
    try:
        import platformdirs
    except ImportError:
        if sys.platform == "win32":
            base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~")
            return os.path.join(base, "jupyst", "Cache")
        if sys.platform == "darwin":
            return os.path.expanduser("~/Library/Caches/jupyst")
        base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
        return os.path.join(base, "jupyst")
    return platformdirs.user_cache_dir("jupyst", appauthor=False)


@dataclass(frozen=True)
class CacheConfig:
    """Settings of the data cache store."""

    directory: str
    size_limit: int = GiB
    lock_timeout: float = 10.0
    #: Bytes of entries each process keeps in its local tier (a large entry is kept as its
    #: file's name, but counts its full size).
    memory_limit: int = GiB

    @classmethod
    def from_env(cls) -> CacheConfig:
        env = os.environ
        return cls(
            directory=env.get("JUPYST_CACHE_DIR") or default_cache_dir(),
            size_limit=int(env.get("JUPYST_CACHE_SIZE_LIMIT") or GiB),
            lock_timeout=float(env.get("JUPYST_CACHE_LOCK_TIMEOUT") or 10.0),
        )


@dataclass
class Backend:
    """The open store, the local tier in front of it (if shared), the Redis tier behind it
    (if configured), and their settings."""

    config: CacheConfig
    store: Store
    tier: LocalTier | None
    remote: RedisTier | None = None


_lock = threading.Lock()
_backend: Backend | None = None
_overrides: dict[str, object] = {}


def get_backend() -> Backend:
    """The data cache backend of this process, opened on first use."""
    backend = _backend
    if backend is not None:
        return backend
    return _open()


def _open() -> Backend:
    global _backend
    with _lock:
        if _backend is not None:
            return _backend
        config = replace(CacheConfig.from_env(), **_overrides)  # type: ignore[arg-type]
        store, tier = _open_store(config)
        settings = RedisSettings.load(config.lock_timeout)
        remote = None
        if settings is not None:
            remote = RedisTier(settings, config.directory if store.shared else None)
        _backend = Backend(config, store, tier, remote)
        return _backend


def _open_store(config: CacheConfig) -> tuple[Store, LocalTier | None]:
    import sqlite3

    from jupyst.caching.disk_store import DiskStore

    try:
        store = DiskStore(
            config.directory, size_limit=config.size_limit, lock_timeout=config.lock_timeout
        )
    except (OSError, sqlite3.Error) as exc:
        log.warning(
            "jupyst cache: cannot use the cache directory %r (%s); st.cache_data falls back "
            "to memory in this process, shared with no other kernel",
            config.directory,
            exc,
        )
        return MemoryStore(config.size_limit), None
    return store, LocalTier(config.memory_limit)


def configure(
    *,
    directory: str | os.PathLike[str] | None = None,
    size_limit: int | None = None,
    lock_timeout: float | None = None,
    memory_limit: int | None = None,
) -> None:
    """Override settings from the environment; takes effect at the next cache use."""
    given = {
        "directory": os.fspath(directory) if directory is not None else None,
        "size_limit": size_limit,
        "lock_timeout": lock_timeout,
        "memory_limit": memory_limit,
    }
    with _lock:
        _overrides.update({k: v for k, v in given.items() if v is not None})
        _close_locked()


def reset() -> None:
    """Close the store and forget ``configure()`` overrides; the environment rules again."""
    with _lock:
        _overrides.clear()
        _close_locked()


def _close_locked() -> None:
    global _backend
    if _backend is not None:
        _backend.store.close()
        if _backend.remote is not None:
            _backend.remote.close()
        _backend = None
