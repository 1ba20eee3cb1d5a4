"""What ``st.cache_data`` and ``st.cache_resource`` have in common: the cached function object.

``CachedFunction`` wraps the user's function. A call binds the arguments to parameter
names, hashes them into a value key and asks the concrete cache (data or resource) for a
hit. On a miss it shows the spinner (outermost cached call only), takes this process's
lock for the key so threads do not compute the same value twice, and lets the concrete
cache compute and store. Methods work through the descriptor protocol: ``self`` is hashed
like any argument unless the parameter is named ``_self``.
"""

from __future__ import annotations

import functools
import inspect
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Callable, Generic, TypeVar

from jupyst.caching import runtime_hooks as hooks
from jupyst.caching.errors import CacheAPIError
from jupyst.caching.hashing import normalize_hash_funcs
from jupyst.caching.keys import ArgumentBinder, function_key, value_key
from jupyst.caching.ttl import TTL, check_max_entries, ttl_seconds

R = TypeVar("R")

#: How often a thread waiting for another thread's computation checks for a newer rerun.
_LOCAL_WAIT_POLL = 0.1


class Hit:
    """A found entry: the value to return (already copied, for cache_data) and what to redraw."""

    __slots__ = ("nodes", "value")

    def __init__(self, value: Any, nodes: list[Any]) -> None:
        self.value = value
        self.nodes = nodes


class KeyedLocks:
    """One thread lock per key, created on demand and dropped when nobody uses it."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, list[Any]] = {}  # key -> [lock, users]

    @contextmanager
    def hold(self, key: str, while_waiting: Callable[[], None]) -> Iterator[None]:
        with self._guard:
            slot = self._locks.setdefault(key, [threading.Lock(), 0])
            slot[1] += 1
        lock: threading.Lock = slot[0]
        try:
            while not lock.acquire(timeout=_LOCAL_WAIT_POLL):
                while_waiting()
            try:
                yield
            finally:
                lock.release()
        finally:
            with self._guard:
                slot[1] -= 1
                if slot[1] == 0:
                    del self._locks[key]


def check_callable(decorator: str, func: object) -> None:
    """Refuse to decorate what is not a function, with a hint for the usual mistakes."""
    if callable(func) and not isinstance(func, type):
        return
    hint = ""
    if isinstance(func, (int, float, str)) and not isinstance(func, bool):
        hint = f" To set a time limit, pass it by name: `@st.{decorator}(ttl={func!r})`."
    raise CacheAPIError(
        f"`st.{decorator}` can only decorate a function or method, but it was given "
        f"{func!r} (of type `{type(func).__name__}`).{hint}"
    )


def spinner_text(show_spinner: bool | str) -> bool | str:
    if isinstance(show_spinner, (bool, str)):
        return show_spinner
    raise CacheAPIError(
        f"`show_spinner` must be True, False or a message string; got {show_spinner!r}."
    )


class CachedFunction(ABC, Generic[R]):
    """A function whose results are cached; call it as you would the function."""

    #: "cache_data" or "cache_resource", for keys and messages.
    decorator: str = ""

    def __init__(
        self,
        func: Callable[..., R],
        *,
        ttl: TTL,
        max_entries: int | None,
        show_spinner: bool | str,
        hash_funcs: Mapping[Any, Callable[[Any], Any]] | None,
    ) -> None:
        check_callable(self.decorator, func)
        if inspect.iscoroutinefunction(func) or inspect.isasyncgenfunction(func):
            raise CacheAPIError(
                f"`st.{self.decorator}` cannot cache the async function "
                f"`{getattr(func, '__name__', func)}()` in jupyst yet; cache a synchronous "
                "function that returns the awaited result instead."
            )
        if hash_funcs is not None and not isinstance(hash_funcs, Mapping):
            raise CacheAPIError(
                "`hash_funcs` must be a dict mapping types (or their full names) to functions."
            )
        self._func = func
        self._ttl = ttl_seconds(ttl)
        self._max_entries = check_max_entries(max_entries)
        self._show_spinner = spinner_text(show_spinner)
        self._hash_funcs = normalize_hash_funcs(hash_funcs)
        self._binder = ArgumentBinder(func)
        self._function_key = function_key(self.decorator, func)
        # Name, docstring and __wrapped__ only: copying the wrapped object's __dict__ would
        # clobber our state when the function is itself a cached function.
        functools.update_wrapper(self, func, updated=())

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self._func!r}>"

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        return BoundCachedFunction(self, instance)

    def _key(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
        pairs = self._binder.bind(args, kwargs)
        return value_key(pairs, self._hash_funcs, decorator=self.decorator, func=self._func)

    def __call__(self, *args: Any, **kwargs: Any) -> R:
        key = self._key(args, kwargs)
        ctx = hooks.run_context()
        hit = self._lookup(key)
        if hit is not None:
            hooks.replay(ctx, hit.nodes)
            return hit.value
        with (
            hooks.spinner(self._spinner_text(args, kwargs), ctx),
            _thread_locks.hold(f"{self._function_key}:{key}", hooks.yield_check(ctx)),
        ):
            # Another thread may have computed it while we waited for the lock.
            hit = self._lookup(key)
            if hit is not None:
                hooks.replay(ctx, hit.nodes)
                return hit.value
            return self._compute(key, args, kwargs, ctx)

    def _spinner_text(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str | None:
        if isinstance(self._show_spinner, str):
            return self._show_spinner
        if not self._show_spinner:
            return None
        name = getattr(self._func, "__qualname__", None) or getattr(self._func, "__name__", "")
        return f"Running `{name}(...)`." if args or kwargs else f"Running `{name}()`."

    def clear(self, *args: Any, **kwargs: Any) -> None:
        """Forget every cached result of this function, or only the one for these arguments."""
        self._clear(self._key(args, kwargs) if args or kwargs else None)

    @abstractmethod
    def _lookup(self, key: str) -> Hit | None:
        """The cached entry for ``key``, or ``None`` on a miss (damaged entries included)."""

    @abstractmethod
    def _compute(self, key: str, args: tuple[Any, ...], kwargs: dict[str, Any], ctx: Any) -> R:
        """Compute on a miss (holding this process's lock for ``key``), store, return."""

    @abstractmethod
    def _clear(self, key: str | None) -> None:
        """Drop one entry, or all of this function's entries when ``key`` is None."""


class BoundCachedFunction(Generic[R]):
    """A cached method looked up on an instance: the instance is the first argument."""

    def __init__(self, cached: CachedFunction[R], instance: Any) -> None:
        self._cached = cached
        self._instance = instance
        functools.update_wrapper(self, cached, updated=())

    def __repr__(self) -> str:
        return f"<BoundCachedFunction: {self._cached._func!r} of {self._instance!r}>"

    def __call__(self, *args: Any, **kwargs: Any) -> R:
        return self._cached(self._instance, *args, **kwargs)

    def clear(self, *args: Any, **kwargs: Any) -> None:
        """Without arguments: the whole method's cache; with them: this instance's entry."""
        if args or kwargs:
            self._cached.clear(self._instance, *args, **kwargs)
        else:
            self._cached.clear()


_thread_locks = KeyedLocks()
