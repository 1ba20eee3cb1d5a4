"""Process-stable content hashing of cache keys."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import functools
import io
import os
import re
import subprocess
import sys
import threading
import uuid
from collections import OrderedDict, namedtuple
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from jupyst.caching.errors import UnhashableTypeError
from jupyst.caching.hashing import hash_value
from jupyst.caching.keys import ArgumentBinder, function_key

REPO = Path(__file__).resolve().parents[3]


class Color(enum.Enum):
    RED = 1
    BLUE = 2


@dataclasses.dataclass
class Point:
    x: int
    y: list[int]


Pair = namedtuple("Pair", "a b")

# Built in the same way in this process and in a child process with another hash seed.
SAMPLES = """
import datetime, uuid, enum
import numpy as np, pandas as pd
samples = [
    "text", b"bytes", 12345678901234567890, -3, 2.5, None, True,
    {"b", "a", "c"}, frozenset({"x", "y"}), {"k": ["v", ("t", 1)]},
    datetime.datetime(2024, 5, 6, 7, 8, 9), datetime.date(2024, 1, 1),
    uuid.UUID("12345678-1234-5678-1234-567812345678"),
    pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}), pd.Series(["p", "q"]),
    np.arange(6, dtype="int32").reshape(2, 3), np.array(["o", None], dtype=object),
]
"""


def test_hashes_are_the_same_in_another_process() -> None:
    namespace: dict[str, object] = {}
    exec(SAMPLES, namespace)
    here = [hash_value(s) for s in namespace["samples"]]  # type: ignore[attr-defined]
    code = (
        SAMPLES
        + "from jupyst.caching.hashing import hash_value\n"
        + "print('\\n'.join(hash_value(s) for s in samples))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={
            **os.environ,
            "PYTHONHASHSEED": "12345",
            "PYTHONPATH": os.pathsep.join(
                p for p in (os.environ.get("PYTHONPATH"), str(REPO)) if p
            ),
        },
    )
    assert out.stdout.split() == here


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ([1, 2], (1, 2)),
        ("12", [1, 2]),
        (1, 1.0),
        (1, True),
        ("a", b"a"),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}),
        ([[1], [2]], [[1, 2]]),
        (Color.RED, Color.BLUE),
        (Point(1, [2]), Point(1, [3])),
        (datetime.date(2024, 1, 1), datetime.datetime(2024, 1, 1)),
        (pd.DataFrame({"a": [1]}), pd.DataFrame({"b": [1]})),
        (pd.DataFrame({"a": [1]}), pd.DataFrame({"a": [1.0]})),
        (pd.DataFrame({"a": [1, 2]}), pd.DataFrame({"a": [1, 2]}, index=[5, 6])),
        (np.zeros(4), np.zeros((2, 2))),
        (np.zeros(4, dtype="int64"), np.zeros(4, dtype="float64")),
        (Pair(1, 2), (1, 2)),
        (Decimal("1.0"), Decimal("1.00")),
        (io.BytesIO(b"ab"), io.BytesIO(b"ac")),
        (re.compile("a"), re.compile("a", re.I)),
        (lambda: 1, lambda: 2),
    ],
)
def test_different_values_hash_differently(a: object, b: object) -> None:
    assert hash_value(a) != hash_value(b)


@pytest.mark.parametrize(
    "make",
    [
        lambda: {3, 1, 2},
        lambda: Point(1, [2, 3]),
        lambda: Color.RED,
        lambda: uuid.UUID(int=7),
        lambda: OrderedDict(a=1),
        lambda: functools.partial(int, base=2),
        lambda: pd.DataFrame({"a": range(100_000)}),
        lambda: np.random.default_rng(0).random((300, 300)),
        lambda: np.arange(10)[::2],  # not contiguous
        lambda: Path("/some/where"),
        lambda: datetime.timedelta(hours=1),
    ],
)
def test_equal_values_hash_equally(make) -> None:  # type: ignore[no-untyped-def]
    assert hash_value(make()) == hash_value(make())


def test_large_dataframes_are_hashed_by_full_content() -> None:
    df = pd.DataFrame({"a": np.arange(200_000)})
    changed = df.copy()
    changed.loc[123_457, "a"] = -1  # one cell; a 10k-row sample would likely miss it
    assert hash_value(df) != hash_value(changed)


def test_cycles_do_not_recurse_forever() -> None:
    a: list[object] = [1]
    a.append(a)
    b: dict[str, object] = {}
    b["self"] = b
    assert hash_value(a) == hash_value(a)
    assert hash_value(b)


def test_objects_without_a_reduction_are_unhashable() -> None:
    with pytest.raises(UnhashableTypeError):
        hash_value(threading.Lock())
    with pytest.raises(UnhashableTypeError):
        hash_value(i for i in range(3))

    class Holder:
        def __init__(self) -> None:
            self.lock = threading.Lock()

    with pytest.raises(UnhashableTypeError):
        hash_value(Holder())


def test_plain_objects_hash_by_state() -> None:
    class Box:
        def __init__(self, v: int) -> None:
            self.v = v

    assert hash_value(Box(1)) == hash_value(Box(1))
    assert hash_value(Box(1)) != hash_value(Box(2))


def test_function_key_depends_on_source_and_name() -> None:
    ns: dict[str, object] = {}
    exec("def f():\n    return 1\n", ns)
    first = function_key("cache_data", ns["f"])  # type: ignore[arg-type]
    exec("def f():\n    return 2\n", ns)
    second = function_key("cache_data", ns["f"])  # type: ignore[arg-type]
    exec("def g():\n    return 2\n", ns)
    third = function_key("cache_data", ns["g"])  # type: ignore[arg-type]
    assert len({first, second, third}) == 3
    assert function_key("cache_data", test_cycles_do_not_recurse_forever) != function_key(
        "cache_resource", test_cycles_do_not_recurse_forever
    )


def test_binder_names_arguments_and_fills_defaults() -> None:
    def f(a, b=2, *rest, c, d=4, **extra):  # type: ignore[no-untyped-def]
        pass

    binder = ArgumentBinder(f)
    assert binder.bind((1,), {"c": 3}) == [("a", 1), ("b", 2), ("c", 3), ("d", 4)]
    assert binder.bind((1, 5, 6, 7), {"c": 3, "z": 9, "y": 8}) == [
        ("a", 1),
        ("b", 5),
        ("c", 3),
        ("d", 4),
        (None, 6),
        (None, 7),
        ("y", 8),
        ("z", 9),
    ]
