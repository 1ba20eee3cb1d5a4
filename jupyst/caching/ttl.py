"""Turning the ``ttl`` and ``max_entries`` arguments of the cache decorators into numbers.

Streamlit hands ``ttl`` strings to ``pandas.Timedelta``; jupyst parses the same everyday
forms itself ("1h", "30m", "1d 2h", "1d2h34m", "2 days", "1.5 hours", "00:30:00") so
that decorating a function never imports pandas.
"""

from __future__ import annotations

import math
import re
from datetime import timedelta
from typing import Union

from jupyst.caching.errors import BadTimeStringError, CacheAPIError

TTL = Union[float, int, timedelta, str, None]

# Seconds per unit; each spelling a user is likely to type, long forms in singular and plural.
_UNITS: dict[str, float] = {}
for _names, _seconds in (
    (("w", "wk", "wks", "week", "weeks"), 7 * 86400.0),
    (("d", "day", "days"), 86400.0),
    (("h", "hr", "hrs", "hour", "hours"), 3600.0),
    (("m", "min", "mins", "minute", "minutes", "t"), 60.0),
    (("s", "sec", "secs", "second", "seconds"), 1.0),
    (("ms", "milli", "millis", "millisecond", "milliseconds", "l"), 1e-3),
    (("us", "µs", "micro", "micros", "microsecond", "microseconds", "u"), 1e-6),
    (("ns", "nano", "nanos", "nanosecond", "nanoseconds", "n"), 1e-9),
):
    for _name in _names:
        _UNITS[_name] = _seconds

_PART = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-zµ]+)\s*,?", re.IGNORECASE)
_CLOCK = re.compile(r"(?:(\d+)\s*days?,?\s*)?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)", re.IGNORECASE)


def parse_duration(text: str) -> float:
    """Seconds in a duration string such as ``"1d 2h"``; raises ``BadTimeStringError``."""
    stripped = text.strip()
    clock = _CLOCK.fullmatch(stripped)
    if clock:
        days, hours, minutes, seconds = clock.groups()
        return int(days or 0) * 86400 + int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    total = 0.0
    pos = 0
    matched = False
    while pos < len(stripped):
        part = _PART.match(stripped, pos)
        if part is None:
            raise BadTimeStringError(text)
        unit = _UNITS.get(part.group(2).lower())
        if unit is None:
            raise BadTimeStringError(text)
        total += float(part.group(1)) * unit
        pos = part.end()
        matched = True
    if not matched:
        raise BadTimeStringError(text)
    return total


def ttl_seconds(ttl: TTL) -> float | None:
    """``ttl`` as a number of seconds, or ``None`` for "never expires".

    Accepts seconds (int or float), a ``timedelta`` or a duration string. Negative or
    non-finite values and other types are rejected with a message naming the argument.
    """
    if ttl is None:
        return None
    if isinstance(ttl, timedelta):
        seconds = ttl.total_seconds()
    elif isinstance(ttl, str):
        seconds = parse_duration(ttl)
    elif isinstance(ttl, (int, float)) and not isinstance(ttl, bool):
        seconds = float(ttl)
    else:
        raise CacheAPIError(
            f"`ttl` must be a number of seconds, a `datetime.timedelta` or a string such as "
            f"'1h' or '30m'; got a `{type(ttl).__name__}`."
        )
    if math.isnan(seconds) or seconds < 0:
        raise CacheAPIError(f"`ttl` must be zero or positive; got {ttl!r}.")
    # An infinite ttl is the same as none: expiry timestamps stay finite numbers.
    return None if math.isinf(seconds) else seconds


def check_max_entries(max_entries: object) -> int | None:
    """Validate ``max_entries``: ``None`` (unbounded) or a whole number >= 0."""
    if max_entries is None:
        return None
    if isinstance(max_entries, float) and math.isinf(max_entries) and max_entries > 0:
        return None
    if isinstance(max_entries, bool) or not isinstance(max_entries, int):
        raise CacheAPIError(
            f"`max_entries` must be a whole number or None; got a `{type(max_entries).__name__}`."
        )
    if max_entries < 0:
        raise CacheAPIError(f"`max_entries` must be zero or positive; got {max_entries}.")
    return max_entries
