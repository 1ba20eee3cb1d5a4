"""``st.cache_resource``: one shared object per key, kept in this kernel and returned as is.

Resources (connections, models, clients) are neither copied nor pickled, so they stay in
the process that made them; callers must treat them as shared between threads. Each
cached function owns a ``ResourceShelf`` found by function key, so the decorator can run
again on every rerun and still find last run's objects. Entries leave when they expire
(``ttl``), when ``max_entries`` is exceeded (least recently used first, as in Streamlit),
when ``validate`` rejects them on a hit, or on a clear; ``on_release`` sees each one go.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Callable, TypeVar, overload

from jupyst.caching.cached_function import CachedFunction, Hit, check_callable, spinner_text
from jupyst.caching.errors import CacheAPIError
from jupyst.caching.runtime_hooks import run_capturing
from jupyst.caching.ttl import TTL, check_max_entries, ttl_seconds

log = logging.getLogger("jupyst.caching")

F = TypeVar("F", bound=Callable[..., Any])
R = TypeVar("R")


@dataclass
class _Slot:
    value: Any
    nodes: list[Any]
    expires_at: float | None  # time.monotonic(): resources never leave the process


class ResourceShelf:
    """The resources of one cached function, safe to use from several threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._slots: OrderedDict[str, _Slot] = OrderedDict()
        self.ttl: float | None = None
        self.max_entries: int | None = None
        self.on_release: Callable[[Any], None] | None = None

    def get(self, key: str) -> _Slot | None:
        gone: list[_Slot] = []
        with self._lock:
            slot = self._slots.get(key)
            if slot is not None:
                if slot.expires_at is not None and time.monotonic() >= slot.expires_at:
                    gone.append(self._slots.pop(key))
                    slot = None
                else:
                    self._slots.move_to_end(key)
        self._release(gone)
        return slot

    def put(self, key: str, value: Any, nodes: list[Any]) -> None:
        expires_at = None if self.ttl is None else time.monotonic() + self.ttl
        gone: list[_Slot] = []
        with self._lock:
            if self.max_entries != 0:
                old = self._slots.pop(key, None)
                if old is not None:
                    gone.append(old)
                self._slots[key] = _Slot(value, nodes, expires_at)
            while self.max_entries is not None and len(self._slots) > self.max_entries:
                gone.append(self._slots.popitem(last=False)[1])
        self._release(gone)

    def remove(self, key: str, only: _Slot | None = None) -> None:
        """Drop ``key`` (only if it still holds ``only``, when given)."""
        with self._lock:
            slot = self._slots.get(key)
            if slot is None or (only is not None and slot is not only):
                return
            del self._slots[key]
        self._release([slot])

    def clear(self) -> None:
        with self._lock:
            gone = list(self._slots.values())
            self._slots.clear()
        self._release(gone)

    def _release(self, slots: list[_Slot]) -> None:
        # Called outside the lock: a release hook may be slow or use the cache itself.
        if self.on_release is None:
            return
        for slot in slots:
            try:
                self.on_release(slot.value)
            except Exception:
                log.warning("jupyst cache: on_release failed", exc_info=True)

    def __len__(self) -> int:
        return len(self._slots)


_shelves_lock = threading.Lock()
_shelves: dict[str, ResourceShelf] = {}


def _shelf_for(function_key: str) -> ResourceShelf:
    with _shelves_lock:
        shelf = _shelves.get(function_key)
        if shelf is None:
            shelf = _shelves[function_key] = ResourceShelf()
        return shelf


class ResourceCachedFunction(CachedFunction[R]):
    """A function cached by ``st.cache_resource``."""

    decorator = "cache_resource"

    def __init__(
        self,
        func: Callable[..., R],
        *,
        ttl: TTL,
        max_entries: int | None,
        show_spinner: bool | str,
        validate: Callable[[Any], bool] | None,
        hash_funcs: Mapping[Any, Callable[[Any], Any]] | None,
        on_release: Callable[[Any], None] | None,
    ) -> None:
        super().__init__(
            func,
            ttl=ttl,
            max_entries=max_entries,
            show_spinner=show_spinner,
            hash_funcs=hash_funcs,
        )
        self._validate = validate
        self._shelf = _shelf_for(self._function_key)
        # The same source gives the same key, so a rerun's decorator normally brings the
        # same settings; if they were computed and changed, the newest decorator wins.
        self._shelf.ttl = self._ttl
        self._shelf.max_entries = self._max_entries
        self._shelf.on_release = on_release

    def _lookup(self, key: str) -> Hit | None:
        slot = self._shelf.get(key)
        if slot is None:
            return None
        if self._validate is not None and not self._validate(slot.value):
            self._shelf.remove(key, only=slot)
            return None
        return Hit(slot.value, slot.nodes)

    def _compute(self, key: str, args: tuple[Any, ...], kwargs: dict[str, Any], ctx: Any) -> R:
        value, nodes = run_capturing(ctx, self._func, args, kwargs)
        self._shelf.put(key, value, nodes)
        return value

    def _clear(self, key: str | None) -> None:
        if key is None:
            self._shelf.clear()
        else:
            self._shelf.remove(key)


def _check_hook(name: str, hook: object) -> None:
    if hook is not None and not callable(hook):
        raise CacheAPIError(f"`{name}` must be a function or None; got {hook!r}.")


class CacheResourceAPI:
    """The ``st.cache_resource`` decorator: ``@st.cache_resource`` or ``@st.cache_resource(...)``.

    The result is kept in this kernel and the same object is returned to every caller, so
    it must be safe to share between threads. ``validate(value) -> bool`` is checked on
    every hit; a ``False`` drops the entry and recomputes it. ``on_release(value)`` runs
    when an entry is dropped.
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
        validate: Callable[[Any], bool] | None = None,
        hash_funcs: Mapping[Any, Callable[[Any], Any]] | None = None,
        on_release: Callable[[Any], None] | None = None,
    ) -> Callable[[F], F]: ...

    def __call__(
        self,
        func: Callable[..., Any] | None = None,
        *,
        ttl: TTL = None,
        max_entries: int | None = None,
        show_spinner: bool | str = True,
        validate: Callable[[Any], bool] | None = None,
        hash_funcs: Mapping[Any, Callable[[Any], Any]] | None = None,
        on_release: Callable[[Any], None] | None = None,
    ) -> Any:
        ttl_seconds(ttl)
        check_max_entries(max_entries)
        spinner_text(show_spinner)
        _check_hook("validate", validate)
        _check_hook("on_release", on_release)

        def decorate(f: Callable[..., Any]) -> ResourceCachedFunction[Any]:
            return ResourceCachedFunction(
                f,
                ttl=ttl,
                max_entries=max_entries,
                show_spinner=show_spinner,
                validate=validate,
                hash_funcs=hash_funcs,
                on_release=on_release,
            )

        if func is None:
            return decorate
        check_callable("cache_resource", func)
        return decorate(func)

    def clear(self) -> None:
        """Drop every cached resource of this kernel (``on_release`` sees each one)."""
        with _shelves_lock:
            shelves = list(_shelves.values())
        for shelf in shelves:
            shelf.clear()

    def __repr__(self) -> str:
        return "st.cache_resource"


cache_resource = CacheResourceAPI()
