"""printf-style number formats with the semantics of Streamlit's front end.

Streamlit's browser code formats slider readouts, number inputs, metrics and grid columns
with its copy of sprintf-js, which adds ``,`` and ``_`` thousands separators. Its rules differ
from Python's ``%`` operator in ways a visitor sees, so they are reproduced here, for the one
number a widget shows:

- a placeholder is ``%[argnum$|(name)][+][0|'c][-][,|_][width][.precision]type`` in exactly
  that order; there is no space or ``#`` flag and no ``E``/``F``/``G`` type (those raise);
- numbers are JavaScript numbers: ``%f`` without a precision and ``%s`` print the shortest
  form (``"%f" % 1.5`` is ``1.5``, ``"%s" % 5.0`` is ``5``); a rounding tie goes away from
  zero (``%.0f`` of 2.5 is ``3``); ``%e`` writes ``1.5e+3``; ``%.3g`` of 1234.5 is ``1230``;
- ``%d`` truncates toward zero; ``%u``, ``%x``, ``%X``, ``%o``, ``%b`` and ``%c`` read the
  number as a 32-bit unsigned integer;
- text around the placeholders is kept and ``%%`` is a percent sign; a second placeholder
  has no argument (numeric types raise, ``%s`` prints ``undefined``).
"""

from __future__ import annotations

import decimal
import functools
import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

#: enough digits for any double written out in full (up to 1e21 with 100 decimals)
DECIMALS = decimal.Context(prec=400)

_PLACEHOLDER = re.compile(
    r"%(?:([1-9]\d*)\$|\(([^)]+)\))?(\+)?(0|'[^$])?(-)?(,|_)?(\d+)?(?:\.(\d+))?([b-gijostTuvxX])"
)
_KEY_PATH = re.compile(r"[a-z_][a-z_\d]*(?:\.[a-z_][a-z_\d]*|\[\d+\])*", re.I)
_NUMERIC_ARG = set("bcdiefguxX")
_SIGNED = set("diefg")
_GROUPED = set("diefgu")


class PrintfError(ValueError):
    """A format sprintf-js refuses; ``str()`` reads as the browser reports it."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind


@dataclass(frozen=True)
class _Spec:
    param_no: int | None
    keyed: bool
    keys: tuple[str, ...]
    sign: bool
    pad: str | None
    left: bool
    separator: str | None
    width: int
    precision: int | None
    type: str


_UNDEFINED = object()


# ----- JavaScript's number to string conversions ------------------------------------------------
def js_str(x: float) -> str:
    """``String(x)`` in JavaScript: the shortest digits, laid out by ECMAScript's rules."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    digits, point = _shortest(abs(x))
    k = len(digits)
    if k <= point <= 21:
        body = digits + "0" * (point - k)
    elif 0 < point <= 21:
        body = f"{digits[:point]}.{digits[point:]}"
    elif -6 < point <= 0:
        body = "0." + "0" * -point + digits
    else:
        exp = point - 1
        mantissa = digits if k == 1 else f"{digits[0]}.{digits[1:]}"
        body = f"{mantissa}e{'+' if exp >= 0 else '-'}{abs(exp)}"
    return sign + body


def _shortest(x: float) -> tuple[str, int]:
    """Shortest round-trip digits of ``x > 0`` and the decimal point's position (Python's repr
    and JavaScript use the same shortest digits)."""
    mantissa, _, exp = f"{x!r}".partition("e")
    whole, _, frac = mantissa.partition(".")
    digits = (whole + frac).lstrip("0").rstrip("0") or "0"
    point = (len(whole) if whole != "0" else -(len(frac) - len(frac.lstrip("0")))) + (int(exp) if exp else 0)
    return digits, point


def _to_fixed(x: float, places: int) -> str:
    if not 0 <= places <= 100:
        raise PrintfError("RangeError", "toFixed() digits argument must be between 0 and 100")
    if not math.isfinite(x) or abs(x) >= 1e21:
        return js_str(x)
    text = format(Decimal(abs(x)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=DECIMALS), "f")
    return ("-" if x < 0 else "") + text


def _round_significant(x: float, digits: int) -> tuple[str, int]:
    """``abs(x)`` rounded to ``digits`` significant digits, ties away from zero: (digits, exponent)."""
    exact = Decimal(abs(x))
    if exact == 0:
        return "0" * digits, 0
    exp = exact.adjusted()
    rounded = exact.scaleb(-exp, DECIMALS).quantize(Decimal(1).scaleb(1 - digits), ROUND_HALF_UP, DECIMALS)
    if rounded >= 10:
        exp += 1
        rounded = exact.scaleb(-exp, DECIMALS).quantize(Decimal(1).scaleb(1 - digits), ROUND_HALF_UP, DECIMALS)
    return str(rounded).replace(".", ""), exp


def _to_exponential(x: float, places: int | None) -> str:
    if not math.isfinite(x):
        return js_str(x)
    if places is not None and not 0 <= places <= 100:
        raise PrintfError("RangeError", "toExponential() argument must be between 0 and 100")
    if places is None:
        digits, point = _shortest(abs(x)) if x else ("0", 1)
        exp = point - 1
    else:
        digits, exp = _round_significant(x, places + 1)
    mantissa = digits if len(digits) == 1 else f"{digits[0]}.{digits[1:]}"
    return f"{'-' if x < 0 else ''}{mantissa}e{'+' if exp >= 0 else '-'}{abs(exp)}"


def _to_precision_number(x: float, places: int) -> str:
    """``String(Number(x.toPrecision(places)))``: rounded, then printed the shortest way."""
    if not 1 <= places <= 100:
        raise PrintfError("RangeError", "toPrecision() argument must be between 1 and 100")
    if not math.isfinite(x) or x == 0:
        return js_str(x)
    digits, exp = _round_significant(x, places)
    return js_str(float(f"{'-' if x < 0 else ''}{digits[0]}.{digits[1:] or '0'}e{exp}"))


def _parse_int(x: float) -> float:
    """``parseInt(String(x), 10)``: the leading integer of the number's text (``1e+21`` -> 1)."""
    m = re.match(r"-?\d+", js_str(x))
    if m is None:
        return math.nan
    return float(int(m.group(0))) if m.group(0) != "-0" else -0.0


def _uint32(x: float) -> int:
    return 0 if not math.isfinite(x) else int(x) % 2**32


# ----- sprintf --------------------------------------------------------------------------------
def parse(fmt: str) -> list[str | _Spec]:
    """The format split into literal text and placeholders; raises :class:`PrintfError`."""
    out: list[str | _Spec] = []
    rest = fmt
    keyed = positional = False
    while rest:
        if not rest.startswith("%"):
            text = rest.split("%", 1)[0]
            out.append(text)
            rest = rest[len(text):]
            continue
        if rest.startswith("%%"):
            out.append("%")
            rest = rest[2:]
            continue
        m = _PLACEHOLDER.match(rest)
        if m is None:
            raise PrintfError("SyntaxError", "[sprintf] unexpected placeholder")
        argnum, name, sign, pad, left, sep, width, precision, kind = m.groups()
        if name is not None:
            keyed = True
            if not _KEY_PATH.fullmatch(name):
                raise PrintfError("SyntaxError", "[sprintf] failed to parse named argument key")
        else:
            positional = True
        if keyed and positional:
            raise PrintfError("Error", "[sprintf] mixing positional and named placeholders is not (yet) supported")
        out.append(_Spec(
            param_no=int(argnum) if argnum else None, keyed=name is not None,
            keys=tuple(p for p in re.split(r"\.|\[(\d+)\]", name) if p) if name else (), sign=bool(sign), pad=pad,
            left=bool(left), separator=sep, width=int(width) if width else 0,
            precision=int(precision) if precision is not None else None, type=kind,
        ))
        rest = rest[m.end():]
    return out


@functools.lru_cache(maxsize=256)
def _parsed(fmt: str) -> tuple[str | _Spec, ...]:
    # A slider formats its value with the same few formats on every run (a refused format
    # raises again each time: exceptions are not cached).
    return tuple(parse(fmt))


def sprintf(fmt: str, value: float) -> str:
    """``sprintf(fmt, value)`` as Streamlit's front end computes it; raises :class:`PrintfError`."""
    out = []
    cursor = 1
    for part in _parsed(fmt):
        if isinstance(part, str):
            out.append(part)
            continue
        if part.keyed:
            # A number has no named fields: its first key reads undefined, a second one fails.
            if len(part.keys) > 1:
                raise PrintfError("Error", f'[sprintf] Cannot access property "{part.keys[1]}" of undefined value "{part.keys[0]}"')
            arg: object = _UNDEFINED
        elif part.param_no is not None:
            arg = value if part.param_no == 1 else _UNDEFINED
        else:
            arg = value if cursor == 1 else _UNDEFINED
            cursor += 1
        out.append(_one(part, arg))
    return "".join(out)


def _one(spec: _Spec, arg: object) -> str:
    kind = spec.type
    if arg is _UNDEFINED:
        if kind == "j":
            return "undefined"
        if kind in _NUMERIC_ARG:
            raise PrintfError("TypeError", "[sprintf] expecting number but found [object Undefined]")
        if kind == "v":
            raise PrintfError("TypeError", "Cannot read properties of undefined (reading 'valueOf')")
        text = {"t": "false"}.get(kind, "undefined")
        return _pad(spec, "", text[: spec.precision] if spec.precision is not None and kind != "j" else text)
    x = float(arg)  # type: ignore[arg-type]
    p = spec.precision
    if kind in "di":
        text = js_str(_parse_int(x))
    elif kind == "e":
        text = _to_exponential(x, p)
    elif kind == "f":
        text = _to_fixed(x, p) if p is not None else js_str(x)
    elif kind == "g":
        text = _to_precision_number(x, p) if p is not None else js_str(x)
    elif kind == "b":
        whole = _parse_int(x)  # signed, not read as 32 bits
        text = "NaN" if math.isnan(whole) else f"{int(whole):b}"
    elif kind in "uxXo":
        n = _uint32(_parse_int(x))
        text = {"u": str(n), "x": f"{n:x}", "X": f"{n:X}", "o": f"{n:o}"}[kind]
    elif kind == "c":
        text = chr(_uint32(_parse_int(x)) % 2**16)
    elif kind == "j":
        return js_str(x) if math.isfinite(x) else "null"
    elif kind == "t":
        text = "false" if x == 0 or math.isnan(x) else "true"
    elif kind == "T":
        text = "number"
    else:  # s, v
        text = js_str(x)
    if kind in "stTv" and p is not None:
        text = text[:p]
    sign = ""
    if kind in _SIGNED:
        non_negative = x >= 0
        if not non_negative or spec.sign:
            sign = "+" if non_negative else "-"
            text = text[1:] if text[:1] in "+-" else text
    if spec.separator and kind in _GROUPED:
        mark = "_" if spec.separator == "_" else (spec.pad[1] if spec.pad and spec.pad.startswith("'") else ",")
        text = group_thousands(text, mark)
    return _pad(spec, sign, text)


def group_thousands(text: str, mark: str = ",") -> str:
    """Separate the integer digits of a number's text in threes (``1234.5`` -> ``1,234.5``)."""
    sign = text[:1] if text[:1] in "+-" else ""
    whole, dot, frac = text[len(sign):].partition(".")
    return sign + re.sub(r"\B(?=(\d{3})+(?!\d))", mark, whole) + dot + frac


def _pad(spec: _Spec, sign: str, text: str) -> str:
    char = "0" if spec.pad == "0" else spec.pad[1] if spec.pad else " "
    fill = char * max(0, spec.width - len(sign + text))
    if spec.left:
        return sign + text + fill
    return sign + fill + text if char == "0" else fill + sign + text
