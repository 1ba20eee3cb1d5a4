"""One place for how Streamlit shows numbers and dates; every element formats through it.

Streamlit's front end formats slider readouts, number inputs and grid columns with one
``formatNumber`` (a printf format via its sprintf-js, or a named format) and dates with one
``formatMoment`` (a moment.js format or a named one). jupyst formats in the kernel, with the
same rules, so a ``format=`` string shows the same text on every widget:

- :func:`format_number` -- printf (see :mod:`.printf_format`) or ``"plain"``, ``"localized"``,
  ``"percent"``, ``"dollar"``, ``"euro"``, ``"yen"``, ``"accounting"``, ``"compact"``,
  ``"scientific"``, ``"engineering"``, ``"bytes"``; no format shows up to four decimals;
- :func:`format_date` -- a moment format or ``"localized"``, ``"distance"``, ``"calendar"``,
  ``"iso8601"`` (see :mod:`.moment_format`);
- :func:`check_number_input_format` -- ``st.number_input``'s own check, made in Python by
  Streamlit with Python's ``%`` operator (so ``"%,d"`` is refused there, shown elsewhere).

Named formats use ``Intl.NumberFormat`` in the visitor's locale in Streamlit; the kernel
cannot know that locale, so jupyst writes them as en-US does.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from jupyst.elements.lib.moment_format import format_date, moment
from jupyst.elements.lib.printf_format import (
    DECIMALS,
    PrintfError,
    group_thousands,
    js_str,
    sprintf,
)

__all__ = [
    "NUMBER_FORMATS", "PrintfError", "check_number_input_format", "format_date", "format_number",
    "js_str", "moment", "sprintf",
]

#: the named number formats Streamlit's front end knows (anything else is a printf format)
NUMBER_FORMATS = frozenset(
    ("plain", "localized", "dollar", "euro", "yen", "percent", "compact", "scientific", "engineering", "accounting", "bytes")
)
_CURRENCY = {"dollar": ("$", 2), "euro": ("€", 2), "yen": ("¥", 0)}
_COMPACT = ("", "K", "M", "B", "T")


def check_number_input_format(fmt: str) -> None:
    """Refuse a ``number_input`` format as Streamlit does: ``fmt % 2`` must read as a number."""
    from jupyst.errors import StreamlitInvalidNumberFormatError

    try:
        float(fmt % 2)
    except (TypeError, ValueError):
        raise StreamlitInvalidNumberFormatError(fmt) from None


def format_number(value: float, fmt: str | None = None, precision: int | None = None) -> str:
    """Streamlit's ``formatNumber(value, format, precision)``; raises :class:`PrintfError`
    for a printf format sprintf-js refuses. ``precision`` (from a grid column's ``step``)
    fixes the decimals of the default and most named formats."""
    x = float(value)
    if not math.isfinite(x):
        return ""
    if not fmt:
        if precision is not None:
            return _fixed(round_half_up(x) if precision == 0 else x, precision)
        return _trim(_fixed(x, _auto_decimals(x)))  # numbro's trimMantissa
    if fmt == "plain":
        return _trim(_fixed(x, 20))
    if fmt == "localized":
        return _minus(x) + _grouped(_intl_round(x, 0 if precision is None else precision, 3 if precision is None else precision))
    if fmt == "percent":
        # Intl scales the decimal form by 100, exactly.
        places = None if precision is None else max(precision - 2, 0)
        hundred = Decimal(repr(abs(x))).scaleb(2)
        return _minus(x) + _grouped(_intl_digits(hundred, places or 0, 2 if places is None else places)) + "%"
    if fmt in _CURRENCY:
        symbol, default = _CURRENCY[fmt]
        places = default if precision is None else precision
        return f"{_minus(x)}{symbol}{_grouped(_intl_round(x, places, places))}"
    if fmt == "accounting":
        text = group_thousands(_fixed(x, 2 if precision is None else precision))
        return f"({text[1:]})" if text.startswith("-") else text
    if fmt == "compact":
        return _compact(x, bytes_unit=False)
    if fmt == "bytes":
        return _compact(x, bytes_unit=True)
    if fmt in ("scientific", "engineering"):
        return _exponent(x, 3 if fmt == "engineering" else 1)
    return sprintf(fmt, x)


# ----- numbro (the default, "plain" and "accounting") --------------------------------------------
def round_half_up(x: float) -> float:
    """JavaScript's ``Math.round``: halves go toward +infinity."""
    whole = math.floor(x)
    return whole + 1 if x - whole >= 0.5 else whole


def _auto_decimals(x: float) -> int:
    # Four decimals, or as many as a tiny number needs to show its first digit.
    if x == 0 or abs(x) >= 1e-4:
        return 4
    return abs(Decimal(repr(abs(x))).adjusted())


def _fixed(x: float, places: int) -> str:
    """numbro's fixed decimals: ``Math.round`` of the number shifted by its text, divided
    back as a double, then written with exactly ``places`` decimals (a result of zero has
    no sign)."""
    text = js_str(x)
    if "e" in text:
        # numbro writes such a number out digit by digit, cutting (not rounding) the decimals.
        mantissa, exp = text.split("e")
        whole, _, frac = mantissa.partition(".")
        sign = "-" if whole.startswith("-") else ""
        whole = whole.lstrip("-")
        if int(exp) > 0:
            return sign + whole + frac + "0" * (int(exp) - len(frac)) + ("." + "0" * places if places else "")
        if places == 0:
            return "0"
        return f"{sign}0." + ("0" * (-int(exp) - 1) + whole + frac)[:places].ljust(places, "0")
    shifted = round_half_up(float(Decimal(text).scaleb(places, DECIMALS))) / 10.0**places
    exact = Decimal(js_str(shifted)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP, DECIMALS)
    return format(exact, "f")


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


# ----- Intl.NumberFormat in en-US ------------------------------------------------------------------
def _intl_round(x: float, min_places: int, max_places: int) -> str:
    """``x`` with between ``min_places`` and ``max_places`` decimals; Intl rounds the
    shortest decimal form half away from zero."""
    return _intl_digits(Decimal(repr(abs(x))), min_places, max_places)


def _intl_digits(x: Decimal, min_places: int, max_places: int) -> str:
    text = format(x.quantize(Decimal(1).scaleb(-max_places), ROUND_HALF_UP, DECIMALS), "f")
    if "." in text:
        whole, frac = text.split(".")
        frac = frac.rstrip("0").ljust(min_places, "0")
        text = f"{whole}.{frac}" if frac else whole
    return text


def _minus(x: float) -> str:
    """Intl writes a minus for every negative number, -0 included."""
    return "-" if math.copysign(1.0, x) < 0 else ""


def _grouped(text: str) -> str:
    return group_thousands(text)


def _significant(x: Decimal, digits: int) -> Decimal:
    if x == 0:
        return x
    return x.quantize(Decimal(1).scaleb(x.adjusted() + 1 - digits), rounding=ROUND_HALF_UP)


def _compact(x: float, bytes_unit: bool) -> str:
    """Intl's compact notation: K, M, B, T; two significant digits or the whole number,
    whichever is more precise ("bytes": one decimal, with a B unit, "BB" read as GB)."""
    exact = Decimal(repr(abs(x)))
    scale = 0 if exact < 1000 else min((exact.adjusted()) // 3, 4)
    while True:
        scaled = exact.scaleb(-3 * scale)
        if bytes_unit:
            rounded = scaled.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        else:
            whole = scaled.quantize(Decimal(1), rounding=ROUND_HALF_UP)
            two = _significant(scaled, 2)
            rounded = two if two.as_tuple().exponent < whole.as_tuple().exponent else whole  # type: ignore[operator]
        if rounded >= 1000 and scale < 4:
            scale += 1
            continue
        break
    text = format(rounded.normalize(), "f") if rounded else "0"
    if len(text.split(".")[0]) >= 5:  # compact notation groups only five digits or more
        text = group_thousands(text)
    sign = _minus(x)
    suffix = _COMPACT[scale]
    if bytes_unit:
        suffix = ("G" if suffix == "B" else suffix) + "B"
    return f"{sign}{text}{suffix}"


def _exponent(x: float, step: int) -> str:
    """Intl's scientific (``step`` 1) or engineering (``step`` 3) notation, three decimals."""
    if x == 0:
        return _minus(x) + "0E0"
    exact = Decimal(repr(abs(x)))
    exp = exact.adjusted() // step * step
    mantissa = exact.scaleb(-exp).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    if mantissa >= 10**step:
        exp += step
        mantissa = exact.scaleb(-exp).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    text = _trim(format(mantissa, "f"))
    return f"{'-' if x < 0 else ''}{text}E{exp}"
