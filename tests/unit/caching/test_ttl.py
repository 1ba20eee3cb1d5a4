"""Parsing of ``ttl`` and validation of ``max_entries``."""

from __future__ import annotations

import datetime
import math

import pytest

from jupyst.caching.errors import BadTimeStringError, CacheAPIError
from jupyst.caching.ttl import check_max_entries, parse_duration, ttl_seconds


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1h", 3600),
        ("30m", 1800),
        ("1d 2h", 93600),
        ("1d2h34m", 95640),
        ("2 days", 172800),
        ("1 day, 2 hours", 93600),
        ("1.5h", 5400),
        ("10 s", 10),
        ("250ms", 0.25),
        ("1w", 604800),
        ("1 min", 60),
        ("1H", 3600),
        ("00:30:00", 1800),
        ("1 day 02:00:00", 93600),
    ],
)
def test_duration_strings(text: str, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "  ", "h", "1", "1x", "one hour", "1h and 2m", "-1h"])
def test_bad_duration_strings(text: str) -> None:
    with pytest.raises(BadTimeStringError) as err:
        parse_duration(text)
    assert f"Got: {text}" in str(err.value)


def test_ttl_seconds_forms() -> None:
    assert ttl_seconds(None) is None
    assert ttl_seconds(math.inf) is None
    assert ttl_seconds(0) == 0
    assert ttl_seconds(2.5) == 2.5
    assert ttl_seconds(datetime.timedelta(days=1)) == 86400
    assert ttl_seconds("1h") == 3600
    for bad in (-1, float("nan"), True, [1], datetime.timedelta(seconds=-1)):
        with pytest.raises(CacheAPIError):
            ttl_seconds(bad)  # type: ignore[arg-type]


def test_max_entries() -> None:
    assert check_max_entries(None) is None
    assert check_max_entries(math.inf) is None
    assert check_max_entries(0) == 0
    assert check_max_entries(5) == 5
    for bad in (-1, 1.5, "3", True):
        with pytest.raises(CacheAPIError):
            check_max_entries(bad)
