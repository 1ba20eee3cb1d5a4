"""st.cache_resource: one object per key, kept in the kernel, returned by identity."""

from __future__ import annotations

import threading
import time

import pytest

from jupyst.caching import CacheAPIError, UnhashableParamError, cache_resource


def test_same_object_every_call_with_and_without_parentheses() -> None:
    @cache_resource
    def conn() -> list[str]:
        return []

    @cache_resource()
    def other(name: str) -> dict[str, str]:
        return {"name": name}

    conn().append("kept")  # mutations persist: it is the same object
    assert conn() is conn()
    assert conn() == ["kept"]
    assert other("a") is other("a")
    assert other("a") is not other("b")


def test_unpicklable_values_are_fine() -> None:
    @cache_resource
    def lock() -> threading.Lock:
        return threading.Lock()

    assert lock() is lock()


def test_redecorating_the_same_function_finds_the_same_cache() -> None:
    # A script rerun defines and decorates the function again.
    made: list[object] = []

    def define():  # type: ignore[no-untyped-def]
        @cache_resource
        def model() -> object:
            made.append(object())
            return made[-1]

        return model

    assert define()() is define()()
    assert len(made) == 1


def test_validate_runs_on_every_hit() -> None:
    made: list[dict[str, bool]] = []

    @cache_resource(validate=lambda conn: conn["open"])
    def connect() -> dict[str, bool]:
        made.append({"open": True})
        return made[-1]

    first = connect()
    assert connect() is first
    first["open"] = False
    second = connect()
    assert second is not first
    assert len(made) == 2


def test_ttl_max_entries_and_on_release() -> None:
    released: list[int] = []

    @cache_resource(ttl=0.2, max_entries=2, on_release=released.append)
    def res(x: int) -> int:
        return x * 10

    res(1), res(2), res(1), res(3)  # 2 is the least recently used
    assert released == [20]
    time.sleep(0.25)
    res(1)
    assert 10 in released
    res.clear()
    assert sorted(released) == [10, 10, 20, 30]


def test_clear_one_entry_and_everything() -> None:
    calls: list[int] = []

    @cache_resource
    def res(x: int) -> object:
        calls.append(x)
        return object()

    a, b = res(1), res(2)
    res.clear(1)
    assert res(1) is not a
    assert res(2) is b
    cache_resource.clear()
    assert res(2) is not b
    assert calls == [1, 2, 1, 2]


def test_threads_share_one_computation() -> None:
    calls: list[int] = []
    start = threading.Barrier(6)

    @cache_resource
    def slow() -> object:
        calls.append(1)
        time.sleep(0.2)
        return object()

    got: list[object] = []

    def worker() -> None:
        start.wait()
        got.append(slow())

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert all(g is got[0] for g in got)


def test_methods_and_unhashable_arguments() -> None:
    class Pool:
        def __init__(self) -> None:
            self.lock = threading.Lock()

        @cache_resource
        def session(_self, name: str) -> object:  # noqa: N805
            return object()

        @cache_resource
        def broken(self, name: str) -> object:
            return object()

    pool = Pool()
    assert pool.session("a") is Pool().session("a")
    with pytest.raises(UnhashableParamError, match="Cannot hash argument 'self'"):
        pool.broken("a")
    with pytest.raises(UnhashableParamError, match="@st.cache_resource"):
        pool.broken("a")


def test_bad_options() -> None:
    with pytest.raises(CacheAPIError, match="validate"):
        cache_resource(validate=True)  # type: ignore[arg-type]
    with pytest.raises(CacheAPIError, match="max_entries"):
        cache_resource(max_entries=-2)
    with pytest.raises(CacheAPIError, match="Time string"):
        cache_resource(ttl="forever")
    with pytest.raises(CacheAPIError, match="can only decorate"):
        cache_resource(3)  # type: ignore[call-overload]
