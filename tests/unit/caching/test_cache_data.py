"""st.cache_data in one process: the API, its semantics and its errors."""

from __future__ import annotations

import dataclasses
import datetime
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from jupyst import caching
from jupyst.caching import (
    BadTimeStringError,
    CacheAPIError,
    UnhashableParamError,
    UnserializableReturnValueError,
    UserHashError,
    cache_data,
)
from jupyst.caching.backend import get_backend
from jupyst.errors import StreamlitAPIException


def reopen() -> None:
    """Drop this process's store and tier, as if a new kernel opened the same directory."""
    caching.configure()


def test_with_and_without_parentheses() -> None:
    calls: list[int] = []

    @cache_data
    def plain(x: int) -> int:
        calls.append(x)
        return x * 2

    @cache_data()
    def called(x: int) -> int:
        calls.append(-x)
        return x * 3

    assert plain(2) == 4
    assert plain(2) == 4
    assert called(2) == 6
    assert called(2) == 6
    assert calls == [2, -2]
    assert plain.__name__ == "plain"
    assert plain.__wrapped__ is not None


def test_hit_returns_a_fresh_copy() -> None:
    @cache_data
    def data() -> dict[str, list[int]]:
        return {"a": [1, 2]}

    first = data()
    first["a"].append(3)  # the caller's own object: mutating it changes nothing cached
    second, third = data(), data()
    assert second == {"a": [1, 2]}
    assert second is not third
    assert second["a"] is not third["a"]


def test_result_survives_a_new_process_view_of_the_directory() -> None:
    calls: list[int] = []

    @cache_data
    def stamp(x: int) -> float:
        calls.append(x)
        return time.time()

    value = stamp(1)
    reopen()
    assert stamp(1) == value
    assert calls == [1]


def test_arguments_are_bound_to_parameter_names() -> None:
    calls: list[tuple[int, int]] = []

    @cache_data
    def add(a: int, b: int = 10) -> int:
        calls.append((a, b))
        return a + b

    assert add(1) == add(1, 10) == add(a=1) == add(b=10, a=1) == 11
    assert calls == [(1, 10)]
    assert add(1, 2) == 3
    assert len(calls) == 2


def test_underscore_arguments_are_not_hashed() -> None:
    calls: list[object] = []

    @cache_data
    def load(name: str, _conn: object) -> str:
        calls.append(_conn)
        return name.upper()

    lock = threading.Lock()  # unhashable, and ignored
    assert load("a", lock) == "A"
    assert load("a", object()) == "A"
    assert calls == [lock]


def test_extra_args_and_kwargs_are_hashed() -> None:
    calls: list[object] = []

    @cache_data
    def gather(*args: int, **kwargs: int) -> int:
        calls.append((args, kwargs))
        return sum(args) + sum(kwargs.values())

    assert gather(1, 2, x=3) == 6
    assert gather(1, 2, x=3) == 6
    assert gather(2, 1, x=3) == 6
    assert gather(1, 2, y=3) == 6
    assert len(calls) == 3


@pytest.mark.parametrize(
    "make",
    [
        lambda: pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]}),
        lambda: pd.Series([1.5, 2.5], name="s"),
        lambda: np.arange(12).reshape(3, 4),
        lambda: datetime.date(2024, 1, 2),
        lambda: b"bytes",
        lambda: {"nested": [1, (2, 3), {"k": {4, 5}}]},
    ],
    ids=["dataframe", "series", "ndarray", "date", "bytes", "nested"],
)
def test_equal_content_hits(make) -> None:  # type: ignore[no-untyped-def]
    calls: list[int] = []

    @cache_data
    def describe(value: object) -> str:
        calls.append(1)
        return repr(type(value))

    describe(make())
    describe(make())  # a new but equal object
    assert len(calls) == 1


def test_different_dataframe_content_misses() -> None:
    calls: list[int] = []

    @cache_data
    def total(df: pd.DataFrame) -> int:
        calls.append(1)
        return int(df["a"].sum())

    assert total(pd.DataFrame({"a": [1, 2]})) == 3
    assert total(pd.DataFrame({"a": [1, 5]})) == 6
    assert total(pd.DataFrame({"b": [1, 2]}).rename(columns={"b": "a"})) == 3
    assert len(calls) == 2


def test_unhashable_argument_names_argument_function_and_type() -> None:
    @cache_data
    def query(conn: object, sql: str) -> str:
        return sql

    with pytest.raises(UnhashableParamError) as err:
        query(threading.Lock(), "select 1")
    message = str(err.value)
    assert isinstance(err.value, StreamlitAPIException)
    assert "Cannot hash argument 'conn' (of type `_thread.lock`) in 'query'." in message
    assert "def query(_conn, ...):" in message
    assert "@st.cache_data" in message
    assert "hash_funcs" in message


def test_hash_funcs_by_type_and_by_name() -> None:
    class Conn:
        def __init__(self, url: str) -> None:
            self.url = url
            self.lock = threading.Lock()

    calls: list[str] = []

    @cache_data(hash_funcs={Conn: lambda c: c.url})
    def by_type(conn: Conn) -> str:
        calls.append(conn.url)
        return conn.url

    by_type(Conn("db://a"))
    by_type(Conn("db://a"))
    by_type(Conn("db://b"))
    assert calls == ["db://a", "db://b"]

    name = f"{Conn.__module__}.{Conn.__qualname__}"

    @cache_data(hash_funcs={name: lambda c: c.url})
    def by_name(conn: Conn) -> str:
        return conn.url

    assert by_name(Conn("db://c")) == "db://c"


def test_failing_hash_func_raises_user_hash_error() -> None:
    def broken(_: object) -> str:
        raise ValueError("boom")

    @cache_data(hash_funcs={int: broken})
    def f(x: int) -> int:
        return x

    with pytest.raises(UserHashError, match="broken"):
        f(1)


def test_methods_hash_self_unless_named_underscore_self() -> None:
    calls: list[str] = []

    @dataclasses.dataclass
    class Model:
        name: str

        @cache_data
        def predict(self, x: int) -> str:
            calls.append(f"{self.name}:{x}")
            return f"{self.name}:{x}"

    class Service:
        def __init__(self) -> None:
            self.lock = threading.Lock()  # would make `self` unhashable

        @cache_data
        def fetch(_self, x: int) -> int:  # noqa: N805 - Streamlit's opt-out spelling
            calls.append(f"fetch:{x}")
            return x

    assert Model("a").predict(1) == "a:1"
    assert Model("a").predict(1) == "a:1"  # equal instance: hit
    assert Model("b").predict(1) == "b:1"
    assert Service().fetch(2) == 2
    assert Service().fetch(2) == 2
    assert calls == ["a:1", "b:1", "fetch:2"]
    Model("a").predict.clear(1)
    Model("a").predict(1)
    assert calls[-1] == "a:1"
    assert len(calls) == 4


def test_clear_one_entry_one_function_and_everything() -> None:
    calls: list[str] = []

    @cache_data
    def f(x: int) -> int:
        calls.append(f"f{x}")
        return x

    @cache_data
    def g(x: int) -> int:
        calls.append(f"g{x}")
        return x

    for fn in (f, g):
        fn(1), fn(2)
    f.clear(1)
    f(1), f(2)
    assert calls[-1] == "f1"
    assert calls.count("f2") == 1
    f.clear()
    f(2), g(2)
    assert calls.count("f2") == 2
    assert calls.count("g2") == 1
    cache_data.clear()
    g(1)
    assert calls.count("g1") == 2


def test_ttl_expires_entries() -> None:
    calls: list[int] = []

    @cache_data(ttl=1)
    def f(x: int) -> int:
        calls.append(x)
        return x

    def recomputed_after_expiry(before: int) -> None:
        deadline = time.monotonic() + 10
        while len(calls) == before:
            assert time.monotonic() < deadline, "the entry never expired"
            time.sleep(0.05)
            f(1)

    f(1), f(1)
    assert calls == [1]
    recomputed_after_expiry(1)
    assert calls == [1, 1]
    reopen()  # the disk path honours expiry too: a fresh process-level view of the cache
    recomputed_after_expiry(2)
    assert calls == [1, 1, 1]


@pytest.mark.parametrize(
    ("ttl", "seconds"),
    [(5, 5.0), (datetime.timedelta(minutes=2), 120.0), ("1h", 3600.0), ("1d 2h", 93600.0)],
)
def test_ttl_forms_are_accepted(ttl: object, seconds: float) -> None:
    @cache_data(ttl=ttl)  # type: ignore[arg-type]
    def f() -> int:
        return 1

    assert f._ttl == seconds
    assert f() == 1


def test_max_entries_evicts_the_oldest() -> None:
    calls: list[int] = []

    @cache_data(max_entries=2)
    def f(x: int) -> int:
        calls.append(x)
        return x

    f(1), f(2), f(3)
    f(3), f(2)
    assert calls == [1, 2, 3]
    f(1)
    assert calls == [1, 2, 3, 1]
    reopen()  # the disk keeps two entries as well: 3 and 1
    f(3), f(1)
    assert calls == [1, 2, 3, 1]
    f(2)
    assert calls == [1, 2, 3, 1, 2]


def test_max_entries_zero_stores_nothing() -> None:
    calls: list[int] = []

    @cache_data(max_entries=0)
    def f(x: int) -> int:
        calls.append(x)
        return x

    f(1), f(1)
    assert calls == [1, 1]


def test_persist_is_accepted_and_validated() -> None:
    for persist in (None, False, True, "disk"):
        cache_data(persist=persist)(lambda: 1)
    with pytest.raises(CacheAPIError, match="Invalid `persist` value"):
        cache_data(persist="memory")


@pytest.mark.parametrize("bad", ["soon", "1 fortnight", "", "10", "-1h"])
def test_bad_ttl_strings(bad: str) -> None:
    with pytest.raises(BadTimeStringError, match="Time string doesn't look right"):
        cache_data(ttl=bad)


def test_bad_options_fail_at_the_decorator_line() -> None:
    with pytest.raises(CacheAPIError, match="max_entries"):
        cache_data(max_entries=-1)
    with pytest.raises(CacheAPIError, match="max_entries"):
        cache_data(max_entries="3")  # type: ignore[arg-type]
    with pytest.raises(CacheAPIError, match="ttl"):
        cache_data(ttl=-5)
    with pytest.raises(CacheAPIError, match="ttl"):
        cache_data(ttl=[1])  # type: ignore[arg-type]
    with pytest.raises(CacheAPIError, match="show_spinner"):
        cache_data(show_spinner=3)  # type: ignore[arg-type]
    with pytest.raises(CacheAPIError, match="hash_funcs"):
        cache_data(lambda: 1, hash_funcs=[int])  # type: ignore[arg-type]


def test_decorating_a_non_function_is_refused() -> None:
    with pytest.raises(CacheAPIError, match="can only decorate a function"):
        cache_data(42)  # type: ignore[call-overload]
    with pytest.raises(CacheAPIError, match=r"ttl='1h'"):
        cache_data("1h")  # type: ignore[call-overload]
    with pytest.raises(CacheAPIError, match="can only decorate a function"):
        cache_data()(None)  # type: ignore[arg-type]

    async def coro() -> int:
        return 1

    with pytest.raises(CacheAPIError, match="async"):
        cache_data(coro)


def test_unpicklable_result_raises_and_stores_nothing() -> None:
    calls: list[int] = []

    @cache_data
    def make_lock() -> threading.Lock:
        calls.append(1)
        return threading.Lock()

    for _ in range(2):
        with pytest.raises(UnserializableReturnValueError) as err:
            make_lock()
    assert "`make_lock()`" in str(err.value)
    assert "_thread.lock" in str(err.value)
    assert "st.cache_resource" in str(err.value)
    assert calls == [1, 1]


def test_exceptions_are_not_cached() -> None:
    calls: list[int] = []

    @cache_data
    def flaky() -> int:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("first time fails")
        return 7

    with pytest.raises(RuntimeError):
        flaky()
    assert flaky() == 7
    assert flaky() == 7
    assert len(calls) == 2


def test_editing_the_source_changes_the_key() -> None:
    namespace: dict[str, object] = {}
    for body in ("return 1", "return 2"):
        exec(f"def f():\n    {body}\n", namespace)
        f = cache_data(namespace["f"])  # type: ignore[arg-type]
        assert f() == int(body[-1])


def test_threads_missing_one_key_compute_it_once() -> None:
    calls: list[int] = []
    start = threading.Barrier(8)

    @cache_data
    def slow(x: int) -> int:
        calls.append(x)
        time.sleep(0.2)
        return x

    results: list[int] = []

    def worker() -> None:
        start.wait()
        results.append(slow(5))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [5] * 8
    assert calls == [5]


def test_hit_is_served_from_the_local_tier_and_honours_clears() -> None:
    @cache_data
    def f(x: int) -> int:
        return x

    f(1)
    backend = get_backend()
    assert backend.tier is not None
    assert len(backend.tier) == 1
    f.clear()
    assert len(backend.tier) == 0


def test_unwritable_directory_falls_back_to_memory(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    caching.configure(directory=blocker / "cache")
    calls: list[int] = []

    @cache_data
    def f(x: int) -> int:
        calls.append(x)
        return x

    with caplog.at_level("WARNING", logger="jupyst.caching"):
        assert f(1) == 1
        assert f(1) == 1
    assert calls == [1]
    assert "falls back to memory" in caplog.text
    assert not get_backend().store.shared
    f.clear()
    f(1)
    assert calls == [1, 1]
