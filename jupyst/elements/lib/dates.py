"""Dates and times as Streamlit's date and time widgets read them: parsing, bounds, steps, and
the microseconds a date/time slider moves over. Pure functions, no widgets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jupyst.errors import (
    StreamlitInvalidMinMaxError,
    StreamlitInvalidParameterTypeError,
    StreamlitValueAboveMaxError,
    StreamlitValueBelowMinError,
    StreamlitValueError,
)

DATE_FORMATS = (
    "YYYY/MM/DD", "DD/MM/YYYY", "MM/DD/YYYY", "YYYY.MM.DD", "DD.MM.YYYY", "MM.DD.YYYY",
    "YYYY-MM-DD", "DD-MM-YYYY", "MM-DD-YYYY",
)


DEFAULT_STEP = dt.timedelta(minutes=15)


MIN_BOUND_TIME = dt.time(0, 0)


MAX_BOUND_TIME = dt.time(23, 59)


UTC = dt.timezone.utc


EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)


MAX_SAFE = 2**53 - 1


SAFE_SPAN = dt.timedelta(microseconds=MAX_SAFE)


MIN_SAFE_DAY = (dt.datetime(1970, 1, 1) - SAFE_SPAN).date() + dt.timedelta(days=1)


MAX_SAFE_DAY = (dt.datetime(1970, 1, 1) + SAFE_SPAN).date() - dt.timedelta(days=1)


# ----- parsing ----------------------------------------------------------------------------------
def adjust_years(day: dt.date, years: int) -> dt.date:
    """``day`` moved by whole years, saturating at the calendar's ends (29 Feb -> 28 Feb)."""
    year = day.year + years
    if year > dt.date.max.year:
        return dt.date.max
    if year < dt.date.min.year:
        return dt.date.min
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def to_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value == "today":
        return dt.date.today()
    if isinstance(value, str):
        for parse in (dt.date.fromisoformat, lambda s: dt.datetime.fromisoformat(s).date()):
            try:
                return parse(value)
            except ValueError:
                pass
    raise StreamlitInvalidParameterTypeError("value", type(value).__name__, ["date", "datetime", "ISO string", '"today"'])


def to_time(value: Any) -> dt.time:
    if value == "now":
        return dt.datetime.now().time().replace(microsecond=0)
    if isinstance(value, str):
        for parse in (dt.time.fromisoformat, lambda s: dt.datetime.fromisoformat(s).time()):
            try:
                return parse(value).replace(microsecond=0)
            except ValueError:
                pass
    if isinstance(value, dt.datetime):
        return value.time().replace(microsecond=0, tzinfo=None)
    if isinstance(value, dt.time):
        return value
    raise StreamlitInvalidParameterTypeError("value", type(value).__name__, ["datetime", "time", "ISO string"])


def to_minute(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=None, second=0, microsecond=0)


def combine_day_time(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time.replace(second=0, microsecond=0, tzinfo=None))


def to_datetime(value: Any, day: dt.date, time: dt.time) -> dt.datetime:
    if value == "now":
        return to_minute(dt.datetime.now())
    if isinstance(value, dt.datetime):
        return to_minute(value)
    if isinstance(value, dt.date):
        return combine_day_time(value, time)
    if isinstance(value, dt.time):
        return combine_day_time(day, value)
    if isinstance(value, str):
        text = value.strip()
        try:
            return to_minute(dt.datetime.fromisoformat(text))
        except ValueError:
            pass
        for fmt in ("%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"):
            try:
                return to_minute(dt.datetime.strptime(text, fmt))
            except ValueError:
                pass
        try:
            return combine_day_time(dt.date.fromisoformat(text), time)
        except ValueError:
            pass
        try:
            return combine_day_time(day, dt.time.fromisoformat(text))
        except ValueError:
            pass
    raise StreamlitInvalidParameterTypeError("value", type(value).__name__, ["datetime", "date", "time", "ISO string", '"now"'])


def bound_date(value: Any, name: str, dates: list[dt.date] | None, years: int) -> dt.date:
    if isinstance(value, (dt.datetime, dt.date, str)):
        return to_date(value)
    if value is None:
        anchor = (dates[0] if years < 0 else dates[-1]) if dates else dt.date.today()
        return adjust_years(anchor, years)
    raise StreamlitInvalidParameterTypeError(name, type(value).__name__, ["date", "datetime", "ISO string", "None"])


def check_date_format(fmt: Any) -> None:
    if not isinstance(fmt, str):
        raise StreamlitInvalidParameterTypeError("format", type(fmt).__name__, ["str"])
    if fmt not in DATE_FORMATS:
        raise StreamlitValueError("format", [repr(f) for f in DATE_FORMATS], detail=f"Provided value: {fmt!r}.")


def step_seconds(step: Any) -> int:
    if isinstance(step, bool) or not isinstance(step, (int, dt.timedelta)):
        raise StreamlitInvalidParameterTypeError("step", type(step).__name__, ["int", "timedelta"])
    return int(step.total_seconds()) if isinstance(step, dt.timedelta) else step


def iso_day(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def iso_minute(value: dt.datetime) -> str:
    value = to_minute(value)
    return f"{iso_day(value)}T{value.hour:02d}:{value.minute:02d}"


# ----- microseconds, as Streamlit's slider sends dates and times ----------------------------------
def to_micros(value: Any, data_type: str) -> int:
    if data_type == "date":
        value = dt.datetime.combine(value, dt.time())
    elif data_type == "time":
        value = dt.datetime.combine(dt.date(2000, 1, 1), value)
    delta = value.replace(tzinfo=UTC) - EPOCH
    return delta.microseconds + (delta.seconds + delta.days * 86400) * 1_000_000


def from_micros(micros: int, data_type: str, tz: Any = None) -> Any:
    moment = (EPOCH + dt.timedelta(microseconds=int(micros))).replace(tzinfo=tz)
    if data_type == "date":
        return moment.date()
    if data_type == "time":
        return moment.time().replace(tzinfo=tz)
    return moment


def default_window(anchor: dt.date, span: dt.timedelta) -> tuple[dt.date, dt.date]:
    if isinstance(anchor, dt.datetime):
        floor: dt.date = dt.datetime.combine(MIN_SAFE_DAY, dt.time.min, tzinfo=anchor.tzinfo)
        ceiling: dt.date = dt.datetime.combine(MAX_SAFE_DAY, dt.time.max, tzinfo=anchor.tzinfo)
    else:
        floor, ceiling = MIN_SAFE_DAY, MAX_SAFE_DAY
    try:
        low = min(anchor, max(anchor - span, floor))
    except OverflowError:
        low = anchor
    try:
        high = max(anchor, min(anchor + span, ceiling))
    except OverflowError:
        high = anchor
    return low, high


def time_kind(value: Any) -> str | None:
    """The slider data type of a date-like value: "datetime", "date", "time" or None."""
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, dt.time):
        return "time"
    return None


def as_datetime(value: Any, data_type: str) -> Any:
    if data_type == "date":
        return dt.datetime.combine(value, dt.time())
    if data_type == "time":
        return dt.datetime.combine(dt.date(2000, 1, 1), value)
    return value


def day_of(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def date_values(value: Any, min_value: Any, max_value: Any) -> tuple[list[dt.date] | None, bool, dt.date, dt.date]:
    """Streamlit's parse of date_input's value and bounds, with its checks."""
    dates: list[dt.date] | None
    if value is None:
        dates, is_range = None, False
    else:
        if isinstance(value, (list, tuple)):
            is_range, items = True, list(value)
        else:
            is_range, items = False, [value]
        if len(items) > 2:
            raise StreamlitInvalidParameterTypeError("value", type(value).__name__, ["date", "datetime", "sequence of 0 to 2 date or datetime values"])
        dates = [to_date(v) for v in items]
    lo = bound_date(min_value, "min_value", dates, -10)
    hi = bound_date(max_value, "max_value", dates, 10)
    if value == "today" and dates:
        if dates[0] < lo:
            dates = [lo]
        if dates[0] > hi:
            dates = [hi]
    if lo > hi:
        raise StreamlitInvalidMinMaxError(lo, hi)
    if dates:
        if dates[0] < lo:
            raise StreamlitValueBelowMinError(dates[0], lo)
        if dates[-1] > hi:
            raise StreamlitValueAboveMaxError(dates[-1], hi)
    return dates, is_range, lo, hi
