"""jupyst.elements.lib.formatting against independent truths.

1. Python's ``%`` operator, for the printf cases where sprintf-js and Python agree.
2. Streamlit 1.67's own browser code: the installed ``streamlit`` package ships its front
   end, and ``streamlit_frontend.mjs`` runs that bundle's ``formatNumber`` (vendored
   sprintf-js, numbro, Intl) and ``formatMoment`` (moment.js) under Node. Every format of
   the tables below is computed by both and must match exactly.
3. Hand-checked cases where sprintf-js and Python differ, each with the reason.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from jupyst.elements.lib.formatting import (
    PrintfError,
    check_number_input_format,
    format_date,
    format_number,
    sprintf,
)
from jupyst.errors import StreamlitInvalidNumberFormatError

HERE = Path(__file__).parent


# ----- 1. where Python's % operator agrees ------------------------------------------------------
@pytest.mark.parametrize("fmt", ["%d", "%i", "%5d", "%-5d|", "%05d", "%+d", "%+05d", "%d px", "%d%%", "%x", "%X", "%o", "%s"])
@pytest.mark.parametrize("value", [0, 7, 42, 1234567, 255])
def test_integer_conversions_agree_with_python(fmt: str, value: int) -> None:
    assert sprintf(fmt, value) == fmt % value


@pytest.mark.parametrize("fmt", ["%.2f", "%.1f", "%10.3f", "%-10.3f|", "%010.3f", "%+.2f", "$%.2f", "%.1f%%", "%.0f km", "%.4f"])
@pytest.mark.parametrize("value", [0.0, 3.14159, -2.71828, 1234.5678, 1e-3, -0.001])
def test_fixed_point_agrees_with_python_away_from_ties(fmt: str, value: float) -> None:
    assert sprintf(fmt, value) == fmt % value


@pytest.mark.parametrize("value", [0, 999, 1000, -1234567, 1234567.891])
def test_thousands_separator_agrees_with_python_format_spec(value: float) -> None:
    # Streamlit's sprintf-js adds "," (and "_") as Python's format-spec does; %,d truncates
    # a float first (Python's "d" refuses floats, so the expectation truncates too).
    assert sprintf("%,d", value) == format(int(value), ",d")
    assert sprintf("%_d", value) == format(int(value), "_d")
    assert sprintf("%,.2f", value) == format(value, ",.2f")
    assert sprintf("Total: %,d units", value) == f"Total: {int(value):,d} units"


# ----- 3. where sprintf-js and Python differ ----------------------------------------------------
@pytest.mark.parametrize(
    ("fmt", "value", "text", "why"),
    [
        ("%f", 1.5, "1.5", "without a precision %f prints JavaScript's shortest form (Python: 1.500000)"),
        ("%s", 5.0, "5", "JavaScript numbers have no int/float split (Python: 5.0)"),
        ("%.0f", 2.5, "3", "toFixed breaks a tie away from zero (Python: half to even, 2)"),
        ("%.2f", 0.125, "0.13", "the same tie rule (Python: 0.12)"),
        ("%e", 1234.5, "1.2345e+3", "toExponential: shortest digits, no exponent padding (Python: 1.234500e+03)"),
        ("%.3g", 1234.5, "1230", "toPrecision is read back as a number (Python: 1.23e+03)"),
        ("%d", -0.5, "-0", "parseInt keeps the sign of -0.5 (Python: 0)"),
        ("%d", 2.9, "2", "%d truncates (Python too, but refuses %d for 1e21: sprintf-js prints 1)"),
        ("%d", 1e21, "1", "parseInt reads the text '1e+21'"),
        ("%x", -1, "ffffffff", "%x reads a 32-bit unsigned integer (Python: -1)"),
        ("%u", -5, "4294967291", "%u too (Python: -5)"),
        ("%5.1f%%", 12.34, " 12.3%", "agrees; here for %% after a width"),
        ("%'*8.2f", 3.14159, "****3.14", "a quote sets the pad character (not in Python)"),
        ("%,e", 12345.678, "1.2345678e+4", "',' groups only the digits before the point"),
    ],
)
def test_where_sprintf_js_differs_from_python(fmt: str, value: float, text: str, why: str) -> None:
    assert sprintf(fmt, value) == text, why


@pytest.mark.parametrize(
    ("fmt", "error"),
    [
        ("% d", "SyntaxError: [sprintf] unexpected placeholder"),  # no space flag
        ("%#x", "SyntaxError: [sprintf] unexpected placeholder"),  # no alternate form
        ("%E", "SyntaxError: [sprintf] unexpected placeholder"),  # lower-case types only
        ("%z", "SyntaxError: [sprintf] unexpected placeholder"),
        ("%.f", "SyntaxError: [sprintf] unexpected placeholder"),  # a dot needs digits
        ("%d to %d", "TypeError: [sprintf] expecting number but found [object Undefined]"),
        ("%(a)s %s", "Error: [sprintf] mixing positional and named placeholders is not (yet) supported"),
    ],
)
def test_formats_sprintf_js_refuses(fmt: str, error: str) -> None:
    with pytest.raises(PrintfError) as info:
        sprintf(fmt, 1)
    assert str(info.value) == error


def test_a_second_string_placeholder_prints_undefined() -> None:
    assert sprintf("%s and %s", 1) == "1 and undefined"


@pytest.mark.parametrize(("fmt", "ok"), [("%d", True), ("%.3f", True), ("%e", True), ("% d", True), ("%,d", False), ("$%.2f", False), ("%d px", False), ("%z", False), ("%s %s", False)])
def test_number_input_check_is_pythons_percent_operator(fmt: str, ok: bool) -> None:
    # Streamlit checks number_input's format in Python: float(fmt % 2) must work.
    try:
        float(fmt % 2)
        python_ok = True
    except (TypeError, ValueError):
        python_ok = False
    assert python_ok is ok
    if ok:
        check_number_input_format(fmt)
    else:
        with pytest.raises(StreamlitInvalidNumberFormatError, match="contains invalid characters"):
            check_number_input_format(fmt)


# ----- 2. Streamlit's own front end -------------------------------------------------------------
PRINTF = [
    "%d", "%i", "%u", "%f", "%e", "%g", "%x", "%X", "%o", "%b", "%c", "%s", "%t", "%T", "%v", "%j",
    "%5d", "%-5d|", "%05d", "%+d", "%+05.1f", "%'*8.2f", "%'*-8d", "%,d", "%_d", "%,.2f", "%0,10.1f",
    "%.0f", "%.1f", "%.2f", "%.3e", "%.0e", "%.3g", "%.1g", "%.10g", "%.2s", "%d px", "$%.2f", "%.1f%%",
    "% d", "%#x", "%E", "%d %d", "%s %s", "%1$d and %1$s", "%2$d", "%(x)s", "%(x.y)s", "abc", "", "%",
    "%z", "%.f", "%,u", "%,x", "%+u", "%'.,d", "%.101f", "%.0g", "%8.3e", "%-+8.2f|",
]
NAMED = ["plain", "localized", "dollar", "euro", "yen", "percent", "compact", "scientific", "engineering", "accounting", "bytes", ""]
VALUES = [
    0, -0.0, 5, -5, 2.5, -2.5, 0.125, 1.005, 1234.5678, -1234.5678, 1234567.891, 1e21, 1.5e-7, 0.000012345,
    123456789012, 3.0, 99.995, 0.5, -0.5, 4294967301.7, 255, 999.5, 999999, 1e15, 1.5e9, 12345, 123456,
    0.1234, -0.001, 1e-5, 9.9995, 0.0001, 999.95, 1e-10,
]
MOMENTS = [
    "YYYY-MM-DD", "YYYY/MM/DD", "DD.MM.YYYY", "HH:mm", "HH:mm:ss", "h:mm a", "hh:mm A", "Do MMMM YYYY",
    "ddd, MMM D", "dddd", "dd", "d do e E", "Q Qo", "DDD DDDo DDDD", "w wo ww W Wo WW", "gg gggg GG GGGG",
    "YY YYYYY YYYYYY Y", "y yo yy N NNNN", "k kk H", "hmm hmmss Hmm Hmmss", "S SS SSS SSSS SSSSSS",
    "Z ZZ z zz", "X x", "L LL LLL LLLL", "l ll lll llll", "LT LTS", "[Today is] dddd", "\\YYYY YYYY",
    "Today is", "[unclosed", "MMM D, YYYY [at] h:mm:ss.SSS A", "localized", "iso8601", "distance", "calendar", "",
]
INSTANTS = [
    "2024-03-05T14:07:09.123", "2024-01-01T00:00:00", "2023-12-31T23:59:59.999", "2021-01-03T12:00:00",
    "2020-02-29T06:05:04", "2000-01-01T08:30:00", "1999-12-27T00:00:00",
]
NOW = "2024-03-05T18:00:00"
RELATIVE = [
    "2024-03-05T17:59:30", "2024-03-05T17:15:00", "2024-03-05T16:31:00", "2024-03-05T10:00:00", "2024-03-04T17:00:00",
    "2024-03-01T18:00:00", "2024-02-10T18:00:00", "2024-01-20T18:00:00", "2023-06-05T18:00:00", "2020-03-05T18:00:00",
    "2024-03-05T18:00:40", "2024-03-06T09:00:00", "2024-03-09T09:00:00", "2024-03-12T09:00:00", "2024-05-05T18:00:00",
    "2025-03-05T18:00:00", "2024-02-28T00:00:00", "2024-03-11T23:59:00",
]


def _bundle_dir(tmp: Path) -> Path:
    """The installed Streamlit's formatter modules and everything they import, copied to a
    folder Node reads as ES modules."""
    streamlit = pytest.importorskip("streamlit")
    js = Path(streamlit.__file__).parent / "static" / "static" / "js"
    if not js.is_dir():
        pytest.fail("the installed streamlit has no bundled front end")
    wanted = [next(js.glob(f"{name}.*.js")).name for name in ("formatNumber", "formatMoment", "moment")]
    seen: set[str] = set()
    while wanted:
        name = wanted.pop()
        if name in seen:
            continue
        seen.add(name)
        shutil.copy(js / name, tmp / name)
        for a, b in re.findall(r'from\s*"\./([^"]+\.js)"|import\s*"\./([^"]+\.js)"', (js / name).read_text()):
            wanted.append(a or b)
    (tmp / "package.json").write_text('{"type": "module"}')
    return tmp


@pytest.fixture(scope="module")
def streamlit_frontend(tmp_path_factory: pytest.TempPathFactory) -> Any:
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.fail("Node.js is needed to run Streamlit's front-end formatters (make nodejs)")
    folder = _bundle_dir(tmp_path_factory.mktemp("streamlit_js"))

    def run(requests: list[list[Any]]) -> list[dict[str, str]]:
        done = subprocess.run(
            [node, str(HERE / "streamlit_frontend.mjs"), str(folder)], input=json.dumps(requests),
            capture_output=True, text=True, timeout=120, check=True,
        )
        return json.loads(done.stdout)

    return run


def _ours(call: Any) -> dict[str, str]:
    try:
        return {"ok": call()}
    except PrintfError as exc:
        return {"error": str(exc)}


def test_numbers_match_streamlits_front_end(streamlit_frontend: Any) -> None:
    cases = [[v, f, None] for f in PRINTF for v in VALUES] + [[v, f, p] for f in NAMED for v in VALUES for p in (None, 0, 2, 3)]
    want = streamlit_frontend([["number", *case] for case in cases])
    got = [_ours(lambda v=v, f=f, p=p: format_number(v, f, p)) for v, f, p in cases]
    wrong = [(case, w, g) for case, w, g in zip(cases, want, got) if w != g]
    assert not wrong, f"{len(wrong)} of {len(cases)} differ, e.g. {wrong[:5]}"
    assert len(cases) > 3000


def _nnbsp(answer: dict[str, str]) -> dict[str, str]:
    # Some ICU builds put a narrow no-break space before AM/PM in Intl time formats; browsers
    # (and Node's own ICU) print a plain space. Compare that character as a space.
    return {k: v.replace("\u202f", " ") for k, v in answer.items()}


def test_dates_match_streamlits_front_end(streamlit_frontend: Any) -> None:
    cases = [(at, f, kind) for f in MOMENTS for at in INSTANTS for kind in ("datetime", "date", "time")]
    cases += [(at, f, "datetime") for at in RELATIVE for f in ("distance", "calendar")]
    want = streamlit_frontend([["now", NOW + "Z"]] + [["moment", at + "Z", f, kind] for at, f, kind in cases])[1:]
    now = dt.datetime.fromisoformat(NOW)
    got = [_ours(lambda at=at, f=f, k=kind: format_date(dt.datetime.fromisoformat(at), f, k, now=now)) for at, f, kind in cases]
    wrong = [(case, w, g) for case, w, g in zip(cases, map(_nnbsp, want), got) if w != g]
    assert not wrong, f"{len(wrong)} of {len(cases)} differ, e.g. {wrong[:5]}"


def test_aware_values_keep_their_offset_and_zone() -> None:
    # moment-timezone in the grid: Z is the value's own offset, z its zone's abbreviation.
    when = dt.datetime(2024, 3, 5, 14, 7, tzinfo=dt.timezone(dt.timedelta(hours=-5), "EST"))
    assert format_date(when, "YYYY-MM-DD HH:mm Z z") == "2024-03-05 14:07 -05:00 EST"
    assert format_date(when, "iso8601", "datetime") == "2024-03-05T19:07:00.000Z"  # toISOString is UTC
