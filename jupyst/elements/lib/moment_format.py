"""Moment.js date formats with the semantics of Streamlit's front end.

Streamlit's browser shows date/time slider readouts and date, time and datetime grid columns
with ``moment(value).format(fmt)`` in moment's English locale, plus four named formats
(``"localized"``, ``"distance"``, ``"calendar"``, ``"iso8601"``). The rules reproduced here:

- tokens are found left to right, longest first (``YYYY``, ``MMMM``, ``Do``, ``hmm``, ...);
  ``[text]`` is literal and a backslash escapes the token after it; any other character
  that is a one-letter token (``d``, ``a``, ``s``, ``Y``, ...) is formatted too, so plain
  words must be bracketed, as in moment;
- ``L``/``LL``/``LT``... expand to the English locale's long formats first;
- a naive value is a UTC moment (Streamlit's slider builds ``moment.utc``); an aware one
  keeps its offset (``Z``) and zone name (``z``); a bare date is its midnight and a bare time
  sits on 2000-01-01, as Streamlit's slider sends it.

"localized" follows ``Intl.DateTimeFormat`` in en-US (medium styles): the kernel cannot know
the visitor's locale or time zone, so jupyst shows the value's own wall time in US English.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import math
import re
from typing import Callable

_TOKENS = re.compile(
    r"(\[[^\[]*\])|(\\)?([Hh]mm(?:ss)?|Mo|MM?M?M?|Do|DDDo|DD?D?D?|ddd?d?|do?|w[o|w]?|W[o|W]?|Qo?|N{1,5}"
    r"|YYYYYY|YYYYY|YYYY|YY|y{2,4}|yo?|gg(?:ggg?)?|GG(?:GGG?)?|e|E|a|A|hh?|HH?|kk?|mm?|ss?|S{1,9}|x|X|zz?|ZZ?|.)",
    re.S,
)
_LOCALE_TOKENS = re.compile(r"(\[[^\[]*\])|(\\)?(LTS|LT|LL?L?L?|l{1,4})")
_LONG = {
    "LTS": "h:mm:ss A", "LT": "h:mm A", "L": "MM/DD/YYYY", "LL": "MMMM D, YYYY",
    "LLL": "MMMM D, YYYY h:mm A", "LLLL": "dddd, MMMM D, YYYY h:mm A",
    "l": "M/D/YYYY", "ll": "MMM D, YYYY", "lll": "MMM D, YYYY h:mm A", "llll": "ddd, MMM D, YYYY h:mm A",
}
_MONTHS = [_calendar.month_name[i] for i in range(1, 13)]
_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
_TIME_DAY = dt.date(2000, 1, 1)


def ordinal(n: int) -> str:
    """English ordinal, moment's way: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    suffix = "th" if (n % 100) // 10 == 1 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def as_datetime(value: dt.date | dt.time | dt.datetime) -> dt.datetime:
    """The moment a value stands for (see the module docstring)."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    return dt.datetime.combine(_TIME_DAY, value)


def _pad(n: int, width: int, force_sign: bool = False) -> str:
    sign = "-" if n < 0 else ("+" if force_sign else "")
    return sign + str(abs(n)).zfill(width)


def _js_day(d: dt.date) -> int:
    return (d.weekday() + 1) % 7  # Sunday 0, as Date.getUTCDay()


def _first_week_offset(year: int, dow: int, doy: int) -> int:
    fwd = 7 + dow - doy
    fwdlw = (7 + _js_day(dt.date(year, 1, 1) + dt.timedelta(days=fwd - 1)) - dow) % 7
    return -fwdlw + fwd - 1


def _weeks_in_year(year: int, dow: int, doy: int) -> int:
    days = 366 if _calendar.isleap(year) else 365
    return (days - _first_week_offset(year, dow, doy) + _first_week_offset(year + 1, dow, doy)) // 7


def _week(d: dt.date, dow: int, doy: int) -> tuple[int, int]:
    """(week, week-year) by moment's rule: weeks start on ``dow``; week 1 holds day ``doy``."""
    week = (d.timetuple().tm_yday - _first_week_offset(d.year, dow, doy) - 1) // 7 + 1
    if week < 1:
        return week + _weeks_in_year(d.year - 1, dow, doy), d.year - 1
    if week > _weeks_in_year(d.year, dow, doy):
        return week - _weeks_in_year(d.year, dow, doy), d.year + 1
    return week, d.year


def _offset(m: dt.datetime, sep: str) -> str:
    delta = m.utcoffset() or dt.timedelta()
    minutes = int(delta.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{sep}{mins:02d}"


def _epoch_ms(m: dt.datetime) -> int:
    aware = m if m.tzinfo is not None else m.replace(tzinfo=dt.timezone.utc)
    delta = aware - dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    return delta.days * 86_400_000 + delta.seconds * 1000 + delta.microseconds // 1000


def _fraction(m: dt.datetime, n: int) -> str:
    ms = m.microsecond // 1000  # moment keeps milliseconds only
    return str(ms * 10**n // 1000).zfill(n) if n <= 3 else str(ms).zfill(3) + "0" * (n - 3)


def _table(m: dt.datetime) -> dict[str, Callable[[], str]]:
    d = m.date()
    hour12 = m.hour % 12 or 12
    week, week_year = _week(d, 0, 6)
    iso_year, iso_week, iso_day = d.isocalendar()
    era = "AD" if d.year >= 1 else "BC"
    day_of_year = d.timetuple().tm_yday
    quarter = (m.month - 1) // 3 + 1
    table: dict[str, Callable[[], str]] = {
        "M": lambda: str(m.month), "Mo": lambda: ordinal(m.month), "MM": lambda: _pad(m.month, 2),
        "MMM": lambda: _MONTHS[m.month - 1][:3], "MMMM": lambda: _MONTHS[m.month - 1],
        "Q": lambda: str(quarter), "Qo": lambda: ordinal(quarter),
        "D": lambda: str(m.day), "Do": lambda: ordinal(m.day), "DD": lambda: _pad(m.day, 2),
        "DDD": lambda: str(day_of_year), "DDDo": lambda: ordinal(day_of_year), "DDDD": lambda: _pad(day_of_year, 3),
        "d": lambda: str(_js_day(d)), "do": lambda: ordinal(_js_day(d)), "dd": lambda: _DAYS[_js_day(d)][:2],
        "ddd": lambda: _DAYS[_js_day(d)][:3], "dddd": lambda: _DAYS[_js_day(d)],
        "e": lambda: str(_js_day(d)), "E": lambda: str(iso_day),
        "w": lambda: str(week), "wo": lambda: ordinal(week), "ww": lambda: _pad(week, 2),
        "W": lambda: str(iso_week), "Wo": lambda: ordinal(iso_week), "WW": lambda: _pad(iso_week, 2),
        "Y": lambda: _pad(m.year, 4) if m.year <= 9999 else f"+{m.year}",
        "YY": lambda: _pad(m.year % 100, 2), "YYYY": lambda: _pad(m.year, 4) if m.year <= 9999 else f"+{m.year}",
        "YYYYY": lambda: _pad(m.year, 5), "YYYYYY": lambda: _pad(m.year, 6, force_sign=True),
        "y": lambda: str(m.year), "yo": lambda: ordinal(m.year), "yy": lambda: str(m.year),
        "yyy": lambda: str(m.year), "yyyy": lambda: str(m.year),
        "N": lambda: era, "NN": lambda: era, "NNN": lambda: era,
        "NNNN": lambda: "Anno Domini" if era == "AD" else "Before Christ", "NNNNN": lambda: era,
        "gg": lambda: _pad(week_year % 100, 2), "gggg": lambda: _pad(week_year, 4), "ggggg": lambda: _pad(week_year, 5),
        "GG": lambda: _pad(iso_year % 100, 2), "GGGG": lambda: _pad(iso_year, 4), "GGGGG": lambda: _pad(iso_year, 5),
        "a": lambda: "pm" if m.hour > 11 else "am", "A": lambda: "PM" if m.hour > 11 else "AM",
        "H": lambda: str(m.hour), "HH": lambda: _pad(m.hour, 2),
        "h": lambda: str(hour12), "hh": lambda: _pad(hour12, 2),
        "k": lambda: str(m.hour or 24), "kk": lambda: _pad(m.hour or 24, 2),
        "hmm": lambda: f"{hour12}{m.minute:02d}", "hmmss": lambda: f"{hour12}{m.minute:02d}{m.second:02d}",
        "Hmm": lambda: f"{m.hour}{m.minute:02d}", "Hmmss": lambda: f"{m.hour}{m.minute:02d}{m.second:02d}",
        "m": lambda: str(m.minute), "mm": lambda: _pad(m.minute, 2),
        "s": lambda: str(m.second), "ss": lambda: _pad(m.second, 2),
        "Z": lambda: _offset(m, ":"), "ZZ": lambda: _offset(m, ""),
        "z": lambda: "UTC" if m.tzinfo is None else (m.tzname() or ""),
        "X": lambda: str(math.floor(_epoch_ms(m) / 1000)), "x": lambda: str(_epoch_ms(m)),
    }
    table["zz"] = lambda: "Coordinated Universal Time" if m.tzinfo is None else (m.tzname() or "")
    for n in range(1, 10):
        table["S" * n] = lambda n=n: _fraction(m, n)  # type: ignore[misc]
    return table


def _expand(fmt: str) -> str:
    # moment expands the long formats up to five times (a long format may use another).
    for _ in range(5):
        expanded = _LOCALE_TOKENS.sub(lambda t: _LONG.get(t.group(3), t.group(0)) if t.group(3) and not t.group(2) else t.group(0), fmt)
        if expanded == fmt:
            break
        fmt = expanded
    return fmt


def moment(value: dt.date | dt.time | dt.datetime, fmt: str) -> str:
    """``moment(value).format(fmt)`` in moment's English locale."""
    m = as_datetime(value)
    if not fmt:  # moment's default format, UTC or with the offset
        fmt = "YYYY-MM-DDTHH:mm:ss[Z]" if m.tzinfo is None else "YYYY-MM-DDTHH:mm:ssZ"
    table = _table(m)
    out = []
    for match in _TOKENS.finditer(_expand(fmt)):
        text = match.group(0)
        if text in table:
            out.append(table[text]())
        elif re.match(r"\[[\s\S]", text):
            out.append(re.sub(r"^\[|\]$", "", text))
        else:
            out.append(text.replace("\\", ""))
    return "".join(out)


# ----- the named formats ------------------------------------------------------------------------------
_RELATIVE = (  # moment's thresholds and English words, first match wins
    ("s", 44, "a few seconds"), ("m", 1, "a minute"), ("m", 44, "{} minutes"), ("h", 1, "an hour"),
    ("h", 21, "{} hours"), ("d", 1, "a day"), ("d", 25, "{} days"), ("M", 1, "a month"), ("M", 10, "{} months"),
    ("y", 1, "a year"),
)
_UNIT_DAYS = {"s": 1 / 86400, "m": 1 / 1440, "h": 1 / 24, "d": 1.0}


def _utc(m: dt.datetime) -> dt.datetime:
    return m.astimezone(dt.timezone.utc).replace(tzinfo=None) if m.tzinfo is not None else m


def _add_months(m: dt.datetime, months: int) -> dt.datetime:
    index = m.month - 1 + months
    year, month = m.year + index // 12, index % 12 + 1
    return m.replace(year=year, month=month, day=min(m.day, _calendar.monthrange(year, month)[1]))


def _js_round(x: float) -> int:
    return math.floor(x + 0.5)


def distance(value: dt.date | dt.time | dt.datetime, now: dt.datetime) -> str:
    """``moment(value).fromNow()``: "3 hours ago", "in a month", "a few seconds ago"."""
    to, base = _utc(as_datetime(value)), _utc(now)
    future = to > base
    early, late = (base, to) if future else (to, base)
    months = late.month - early.month + (late.year - early.year) * 12
    if _add_months(early, months) > late:
        months -= 1
    ms = (late - _add_months(early, months)) / dt.timedelta(milliseconds=1)
    days = ms / 86_400_000
    span = {unit: _js_round((days + round(months * 146097 / 4800)) / per) for unit, per in _UNIT_DAYS.items()}
    span["M"] = _js_round(months + days * 4800 / 146097)
    span["y"] = _js_round((months + days * 4800 / 146097) / 12)
    words = next((w.format(span[u]) for u, limit, w in _RELATIVE if span[u] <= limit), f"{span['y']} years")
    return f"in {words}" if future else f"{words} ago"


def calendar_day(value: dt.date | dt.time | dt.datetime, now: dt.datetime) -> str:
    """``moment(value).calendar()``: "Today at 2:07 PM", "Last Monday at 9:00 AM", "03/05/2024"."""
    m = as_datetime(value)
    start = _utc(now).replace(hour=0, minute=0, second=0, microsecond=0)
    diff = (_utc(m) - start) / dt.timedelta(days=1)
    pattern = (
        "L" if diff < -6 else "[Last] dddd [at] LT" if diff < -1 else "[Yesterday at] LT" if diff < 0
        else "[Today at] LT" if diff < 1 else "[Tomorrow at] LT" if diff < 2 else "dddd [at] LT" if diff < 7 else "L"
    )
    return moment(m, pattern)


def format_date(value: dt.date | dt.time | dt.datetime, fmt: str, kind: str = "datetime", now: dt.datetime | None = None) -> str:
    """Streamlit's ``formatMoment``: a moment format or ``"localized"``, ``"distance"``,
    ``"calendar"``, ``"iso8601"``; ``kind`` is "date", "time" or "datetime"."""
    m = as_datetime(value)
    if fmt == "localized":
        day = f"{_MONTHS[m.month - 1][:3]} {m.day}, {m.year}"
        clock = moment(m, "h:mm:ss A")
        return day if kind == "date" else clock if kind == "time" else f"{day}, {clock}"
    if fmt in ("distance", "calendar"):
        current = now if now is not None else dt.datetime.now(dt.timezone.utc)
        return distance(m, current) if fmt == "distance" else calendar_day(m, current)
    if fmt == "iso8601":
        if kind == "date":
            return moment(m, "YYYY-MM-DD")
        if kind == "time":
            return moment(m, "HH:mm:ss.SSS[Z]")
        utc = _utc(m)
        return moment(utc, ("YYYY" if 0 <= utc.year <= 9999 else "YYYYYY") + "-MM-DD[T]HH:mm:ss.SSS[Z]")
    return moment(m, fmt)
