"""``st.cache_data``: results pickled into the shared store, a fresh copy on every hit.

Lookups go local tier first (decoded entries of this process, checked against the store's
clear counter), then the store. A large result's arrays are not copied on a hit: they are
mapped copy-on-write from the entry's file, privately for each hit (``entry.py``). A
damaged or unreadable entry is logged and recomputed. On a miss, the process takes the
key's lease so that kernels missing the same key at once compute it once: the others poll
until the value appears or the lease frees up (its holder finished without storing,
failed, or died).

With a Redis tier configured (``redis_tier.py``), a lookup that misses on this host asks
Redis and keeps what it finds on this host's disk; a computed value goes to both, and a
lock in Redis makes the hosts compute a missing key once between them.

``persist`` is accepted for compatibility and changes nothing: every entry is already on
disk, shared by all kernels and kept across restarts. Unlike Streamlit's
``persist="disk"``, ``ttl`` is honoured either way.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any, Callable, TypeVar, overload

from jupyst.caching import runtime_hooks as hooks
from jupyst.caching.backend import Backend, get_backend
from jupyst.caching.cached_function import CachedFunction, Hit, check_callable, spinner_text
from jupyst.caching.entry import (
    Encoded,
    Entry,
    FileView,
    decode,
    dump_value,
    encode,
    open_entry,
)
from jupyst.caching.errors import (
    CacheAPIError,
    CorruptEntryError,
    OtherFormatError,
    UnserializableReturnValueError,
    func_name,
)
from jupyst.caching.ttl import TTL, check_max_entries, ttl_seconds

log = logging.getLogger("jupyst.caching")

F = TypeVar("F", bound=Callable[..., Any])
R = TypeVar("R")

# Waiting for another process's computation: poll quickly at first (most are short),
# then back off so that many waiting kernels do not hammer SQLite.
_POLL_FIRST = 0.002
_POLL_MAX = 0.05
# Waiting for another host: each poll is a Redis round trip, so poll less often; and give
# up after a while, since a host that keeps its lock alive may still never store a value.
_REMOTE_POLL_MAX = 0.2
_REMOTE_WAIT_MAX = 600.0


class DataCachedFunction(CachedFunction[R]):
    """A function cached by ``st.cache_data``."""

    decorator = "cache_data"

    def _full_key(self, key: str) -> str:
        return f"{self._function_key}:{key}"

    # -- lookup ----------------------------------------------------------------------

    def _lookup(self, key: str) -> Hit | None:
        backend = get_backend()
        full = self._full_key(key)
        tier = backend.tier
        if backend.remote is not None:
            backend.remote.sync(lambda function_key: _clear_here(backend, function_key))
        generation = 0
        if tier is not None:
            # Read the counter before anything else: what we read afterwards is at least
            # as new as this generation, so it is safe to keep under it.
            generation = backend.store.generation()
            entry = tier.get(full, generation)
            if entry is not None:
                if not entry.is_expired(time.time()):
                    try:
                        return self._open(backend, full, entry)
                    except OSError:
                        pass  # its file is gone (evicted by another kernel): ask the store
                tier.discard([full])
        source = backend.store.read(full)
        if source is None:
            return self._lookup_remote(backend, full)
        try:
            entry, view = open_entry(source)
        except CorruptEntryError as exc:
            self._drop_damaged(backend, full, exc)
            return None
        except OSError as exc:
            log.warning(
                "jupyst cache: cannot open the cached result of %s() (%s); recomputing it",
                func_name(self._func),
                exc,
            )
            return None
        if entry.is_expired(time.time()):
            return None
        if tier is not None:
            tier.put(full, entry, generation)
        return self._open(backend, full, entry, view)

    def _lookup_remote(self, backend: Backend, full: str) -> Hit | None:
        """Ask the Redis tier; keep what it has on this host's disk too."""
        if backend.remote is None:
            return None
        blob = backend.remote.get(full, self._function_key)
        if blob is None:
            return None
        try:
            entry = decode(blob)
        except CorruptEntryError as exc:
            self._drop_damaged(backend, full, exc)
            return None
        now = time.time()
        if entry.is_expired(now):
            return None
        ttl = None if entry.expires_at is None else entry.expires_at - now
        backend.store.write(
            full, Encoded([blob], len(blob)), tag=self._function_key, ttl=ttl,
            max_entries=self._max_entries,
        )
        return self._open(backend, full, entry)

    def _open(
        self, backend: Backend, full: str, entry: Entry, view: FileView | None = None
    ) -> Hit | None:
        try:
            return Hit(entry.load_value(view), entry.nodes)
        except CorruptEntryError as exc:
            self._drop_damaged(backend, full, exc)
            return None

    def _drop_damaged(self, backend: Backend, full: str, exc: Exception) -> None:
        # An entry from an older jupyst is expected after an upgrade: no need to warn.
        log.log(
            logging.INFO if isinstance(exc, OtherFormatError) else logging.WARNING,
            "jupyst cache: the cached result of %s() could not be read (%s); recomputing it",
            func_name(self._func),
            exc,
        )
        if backend.tier is not None:
            backend.tier.discard([full])
        backend.store.discard(full)

    # -- miss --------------------------------------------------------------------------

    def _compute(self, key: str, args: tuple[Any, ...], kwargs: dict[str, Any], ctx: Any) -> R:
        backend = get_backend()
        full = self._full_key(key)
        lease = backend.store.lease(full)
        wait = hooks.yield_check(ctx)
        delay = _POLL_FIRST
        while not lease.try_acquire():
            hit = self._lookup(key)
            if hit is not None:
                hooks.replay(ctx, hit.nodes)
                return hit.value
            wait()
            time.sleep(delay)
            delay = min(delay * 1.5, _POLL_MAX)
        remote_lease = None
        try:
            # The lease holder before us may have stored it just before letting go.
            hit = self._lookup(key)
            if hit is None and backend.remote is not None:
                remote_lease = backend.remote.lease(full)
                hit = self._wait_for_hosts(key, remote_lease, wait)
            if hit is not None:
                hooks.replay(ctx, hit.nodes)
                return hit.value
            counters = None if backend.remote is None else backend.remote.counters(
                self._function_key
            )
            value, nodes = hooks.run_capturing(ctx, self._func, args, kwargs)
            self._store(backend, full, value, nodes, counters)
            return value
        finally:
            if remote_lease is not None:
                remote_lease.release()
            lease.release()

    def _wait_for_hosts(self, key: str, remote_lease: Any, wait: Callable[[], None]) -> Hit | None:
        """Take the Redis lock for ``key``, or the value another host stores meanwhile."""
        delay = _POLL_FIRST * 5
        deadline = time.monotonic() + _REMOTE_WAIT_MAX
        while not remote_lease.try_acquire():
            hit = self._lookup(key)
            if hit is not None:
                return hit
            if time.monotonic() > deadline:
                log.warning(
                    "jupyst cache: waited %g s for another host to compute %s(); computing it "
                    "here", _REMOTE_WAIT_MAX, func_name(self._func),
                )
                return None
            wait()
            time.sleep(delay)
            delay = min(delay * 1.5, _REMOTE_POLL_MAX)
        # Taken: the holder before us may have stored it just before letting go.
        return self._lookup(key)

    def _store(
        self, backend: Backend, full: str, value: Any, nodes: list[Any],
        counters: tuple[int, int] | None = None,
    ) -> None:
        try:
            value_pickle, buffers = dump_value(value)
        except Exception as exc:
            raise UnserializableReturnValueError(self._func, value) from exc
        if self._max_entries == 0:
            return
        expires_at = None if self._ttl is None else time.time() + self._ttl
        try:
            encoded = encode(value_pickle, buffers, expires_at, nodes)
        except Exception as exc:
            log.warning(
                "jupyst cache: the elements drawn by %s() cannot be pickled (%s); its result "
                "is not cached",
                func_name(self._func),
                exc,
            )
            return
        if backend.remote is not None:
            backend.remote.put(full, self._function_key, encoded, self._ttl, counters)
        tier = backend.tier
        generation = backend.store.generation() if tier is not None else 0
        evicted = backend.store.write(
            full, encoded, tag=self._function_key, ttl=self._ttl, max_entries=self._max_entries
        )
        if tier is not None:
            tier.discard([full, *evicted])
            if encoded.inline:
                tier.put(full, decode(encoded.blob()), generation)
            else:
                self._tier_file_entry(backend, full, generation)

    def _tier_file_entry(self, backend: Backend, full: str, generation: int) -> None:
        # The store names the file it wrote only when asked: one read of its header.
        source = backend.store.read(full)
        if source is None or backend.tier is None:
            return
        try:
            entry, _ = open_entry(source, view=False)
        except (CorruptEntryError, OSError):
            return
        backend.tier.put(full, entry, generation)

    # -- clear -------------------------------------------------------------------------

    def _clear(self, key: str | None) -> None:
        backend = get_backend()
        if backend.remote is not None:
            backend.remote.clear(self._function_key, key)
        if key is None:
            backend.store.clear(tag=self._function_key)
        else:
            backend.store.clear(key=self._full_key(key))
        if backend.tier is not None:
            backend.tier.clear()


def _clear_here(backend: Backend, function_key: str | None) -> None:
    """Clear this host's tiers: everything, or one function's entries."""
    if function_key is None:
        backend.store.clear()
    else:
        backend.store.clear(tag=function_key)
    if backend.tier is not None:
        backend.tier.clear()


class CacheDataAPI:
    """The ``st.cache_data`` decorator: ``@st.cache_data`` or ``@st.cache_data(...)``.

    Results are pickled into a disk cache that every kernel on the machine shares and that
    survives restarts; each hit returns a new copy. ``ttl`` (seconds, ``timedelta`` or a
    string such as ``"1h"``) limits an entry's age, ``max_entries`` the number of entries
    kept per function (the least recently stored goes first). ``persist`` is accepted for
    compatibility: everything is on disk already.
    """

    @overload
    def __call__(self, func: F) -> F: ...

    @overload
    def __call__(
        self,
        func: None = None,
        *,
        ttl: TTL = None,
        max_entries: int | None = None,
        show_spinner: bool | str = True,
        persist: bool | str | None = None,
        hash_funcs: Mapping[Any, Callable[[Any], Any]] | None = None,
    ) -> Callable[[F], F]: ...

    def __call__(
        self,
        func: Callable[..., Any] | None = None,
        *,
        ttl: TTL = None,
        max_entries: int | None = None,
        show_spinner: bool | str = True,
        persist: bool | str | None = None,
        hash_funcs: Mapping[Any, Callable[[Any], Any]] | None = None,
    ) -> Any:
        if not (persist is None or isinstance(persist, bool) or persist == "disk"):
            raise CacheAPIError("Invalid `persist` value. Supported values: 'disk', None.")
        # Check the options now, so a bad one fails at the decorator line.
        ttl_seconds(ttl)
        check_max_entries(max_entries)
        spinner_text(show_spinner)

        def decorate(f: Callable[..., Any]) -> DataCachedFunction[Any]:
            return DataCachedFunction(
                f,
                ttl=ttl,
                max_entries=max_entries,
                show_spinner=show_spinner,
                hash_funcs=hash_funcs,
            )

        if func is None:
            return decorate
        check_callable("cache_data", func)
        return decorate(func)

    def clear(self) -> None:
        """Clear every ``st.cache_data`` entry, in every kernel sharing the cache."""
        backend = get_backend()
        if backend.remote is not None:
            backend.remote.clear(None)
        _clear_here(backend, None)

    def __repr__(self) -> str:
        return "st.cache_data"


cache_data = CacheDataAPI()
