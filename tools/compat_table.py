"""Generate docs/compatibility.md: every public ``st.*`` name of the pinned Streamlit, with
jupyst's status, derived from the compatibility suite.

    python tools/compat_table.py                  # run tests/compat, write docs/compatibility.md
    python tools/compat_table.py --results r.json # also keep the per-test results
    python tools/compat_table.py --from-results r.json  # re-render without running tests

The public names come from ``streamlit`` itself (its non-module attributes plus the
``column_config``, ``components`` and ``typing`` namespaces). Each compat test is mapped to
the names its script uses (``st.x`` and container methods ``.x(`` of public names, plus the
widget collections its steps drive). A name is

- **missing** when ``jupyst`` has no such attribute;
- **supported** when jupyst has it, at least one compat test covers it and every covering
  test passes, and no known difference is listed below;
- **partial** otherwise, with what differs: a known difference, failing tests, or no
  compat test yet.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import re
import sys
import types
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
NAMESPACES = ("column_config", "components", "typing")

#: Differences by design, shown for partial names (what a Streamlit user should know).
KNOWN_DIFFERENCES: dict[str, str] = {
    "html": "`unsafe_allow_javascript` does not run scripts (ipywidgets HTML); style-only HTML styles the app",
    "date_input": "`format` is not applied: the browser's date picker shows its locale's format",
    "datetime_input": "`format` is not applied: the browser's picker shows its locale's format",
    "time_input": "`format` (12h/24h) follows the browser's time picker",
    "camera_input": "no camera stream: takes a JPEG upload (phones offer the camera for it); `resolution` ignored",
    "file_uploader": "`'directory'` uploads files only",
    "get_option": "knows a subset of Streamlit's options, plus every option set in `.streamlit/config.toml`",
    "set_option": "only the `client.*` options can be set, as in Streamlit; `client.showErrorDetails` is honoured",
    "toast": "a rerun that does not draw the toast again removes it before it fades",
    "markdown": "emoji shortcodes come from a built-in table and Unicode names",
    "set_page_config": "page title and icon apply to the Voila page; in a notebook only layout and sidebar apply",
    "components": "v2: dataframes reach the component's JS as Arrow bytes (no Arrow library in the page), globs are not re-resolved after a rebuild; v1: dataframe values sent back are refused",
    "pdf": "needs no `streamlit-pdf`: the browser's own PDF viewer shows it (Streamlit raises without that package)",
    "pydeck_chart": "drawn by pydeck's own offline HTML (mapbox-gl and stylesheets from its CDNs, as pydeck does); selected objects are not recoloured (Streamlit dims the others) and there is no clear-selection button",
    "echarts_chart": "`on_select` returns an empty selection (clicks are not reported); the `streamlit` theme is ECharts' default",
    "graphviz_chart": "drawn as SVG by Graphviz's `dot` on the server; without it the DOT source is shown",
    "skeleton": "as a context manager it shows at once (Streamlit waits half a second)",
    "App": "Streamlit's ASGI application: jupyst raises an error naming `jupyst run` (no Starlette server)",
    "connection": "`conn.query` results live in the shared disk cache (every process on the machine, across restarts), not per connection object; session-scoped connections are not released when the session ends; Snowflake types fail with Streamlit's missing-package error or say they are not supported",
}


def public_names() -> list[str]:
    import streamlit

    names = {
        n for n, v in vars(streamlit).items() if not n.startswith("_") and not isinstance(v, types.ModuleType)
    }
    names.update(n for n in NAMESPACES if hasattr(streamlit, n))
    return sorted(names)


def jupyst_has(name: str) -> bool:
    import jupyst

    return name in vars(jupyst) and not name.startswith("_")


# ----- running the suite -----------------------------------------------------------------------------
class Collector:
    """A pytest plugin that keeps each test's outcome and the source it exercises."""

    def __init__(self) -> None:
        self.results: list[dict[str, Any]] = []

    def pytest_runtest_makereport(self, item: Any, call: Any) -> None:
        if call.when != "call" and not (call.when == "setup" and call.excinfo is not None):
            return
        outcome = "passed" if call.excinfo is None else "failed"
        if call.excinfo is not None and call.excinfo.errisinstance(_skip_types()):
            outcome = "skipped"
        xfail = item.get_closest_marker("xfail")
        if xfail is not None:
            outcome = "xpassed" if outcome == "passed" else "xfailed"
        self.results.append({"id": item.nodeid, "outcome": outcome, "source": _source_of(item)})


def _skip_types() -> tuple[type, ...]:
    from _pytest.outcomes import Skipped

    return (Skipped,)


def _source_of(item: Any) -> str:
    """The script text a test runs: its Case (script and steps), a code parameter, or itself."""
    import inspect

    parts: list[str] = []
    params = getattr(getattr(item, "callspec", None), "params", {}) or {}
    for value in params.values():
        script = getattr(value, "script", None)
        if isinstance(script, str):
            parts.append(script)
            parts.extend(f"st.{step[0].split('.')[-1]}(" for step in _actions(getattr(value, "steps", ())))
        elif isinstance(value, str):
            parts.append(value)
    if not parts:
        with contextlib.suppress(OSError, TypeError):
            parts.append(inspect.getsource(item.function))
    return "\n".join(parts)


def _actions(steps: Any) -> list[tuple[Any, ...]]:
    out = []
    for step in steps:
        for action in step if isinstance(step, list) else [step]:
            if action and action[0] not in ("run", "session_state"):
                out.append(action)
    return out


def run_suite(extra_args: list[str]) -> list[dict[str, Any]]:
    import pytest

    collector = Collector()
    os.chdir(REPO)
    sys.path.insert(0, str(REPO))
    code = pytest.main(["-q", "-p", "no:cacheprovider", "-W", "ignore", "tests/compat", *extra_args], plugins=[collector])
    if code not in (0, 1):
        raise SystemExit(f"pytest could not run the compat suite (exit code {code})")
    return collector.results


# ----- the table ----------------------------------------------------------------------------------------
_COLLECTIONS = {"button_group": ("pills", "segmented_control"), "date_time_input": ("datetime_input",)}


def names_used(source: str, catalog: set[str]) -> set[str]:
    found = set(re.findall(r"\bst\.([A-Za-z_]\w*)", source))
    found.update(m for m in re.findall(r"\.([a-z_]\w*)\s*\(", source) if m in catalog)
    for alias, targets in _COLLECTIONS.items():
        if f"st.{alias}(" in source:
            found.update(targets)
    return found & catalog


def build(results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    catalog = set(public_names())
    cover: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for result in results:
        for name in names_used(result["source"], catalog):
            cover[name].append(result)
    rows: dict[str, dict[str, Any]] = {}
    for name in sorted(catalog):
        tests = cover.get(name, [])
        passed = [t for t in tests if t["outcome"] == "passed"]
        failing = [t for t in tests if t["outcome"] in ("failed", "xfailed", "xpassed")]
        if not jupyst_has(name):
            status, note = "missing", ""
        elif failing:
            ids = ", ".join(_short(t["id"]) for t in failing[:3])
            status, note = "partial", f"failing compat tests: {ids}"
        elif not passed:
            status, note = "partial", "no compat test covers it yet"
        elif name in KNOWN_DIFFERENCES:
            status, note = "partial", KNOWN_DIFFERENCES[name]
        else:
            status, note = "supported", ""
        rows[name] = {"status": status, "passed": len(passed), "covering": len(tests), "note": note}
    return rows


def _short(nodeid: str) -> str:
    match = re.search(r"\[(.+)\]$", nodeid)
    return match.group(1) if match else nodeid.rsplit("::", 1)[-1]


def render(rows: dict[str, dict[str, Any]], results: list[dict[str, Any]]) -> str:
    import streamlit

    counts = defaultdict(int)
    for row in rows.values():
        counts[row["status"]] += 1
    total_tests = len(results)
    passed_tests = sum(1 for r in results if r["outcome"] == "passed")
    lines = [
        "# Compatibility with Streamlit",
        "",
        "<!-- Generated by tools/compat_table.py from the compat suite; do not edit by hand. -->",
        "",
        f"Every public name of `streamlit` {streamlit.__version__} and its status in jupyst. "
        f"{len(rows)} names: **{counts['supported']} supported**, **{counts['partial']} partial**, "
        f"**{counts['missing']} missing**.",
        "",
        f"Derived from `tests/compat` ({passed_tests} of {total_tests} tests passed, "
        f"{datetime.date.today().isoformat()}): each test runs a script under Streamlit's AppTest and "
        "jupyst's AppTest and compares what both show. A name is *supported* when jupyst has it, "
        "compat tests cover it and all of them pass, and no known difference is listed; *partial* "
        "says what differs; *missing* means `jupyst` has no such name.",
        "",
        "| name | status | compat tests (passed/covering) | what differs |",
        "|---|---|---|---|",
    ]
    for name, row in rows.items():
        badge = {"supported": "✅ supported", "partial": "🟡 partial", "missing": "❌ missing"}[row["status"]]
        tests = f"{row['passed']}/{row['covering']}" if row["covering"] else "–"
        lines.append(f"| `st.{name}` | {badge} | {tests} | {row['note']} |")
    lines += ["", *ignored_section(list(rows)), ""]
    return "\n".join(lines)


def ignored_section(names: list[str]) -> list[str]:
    """The table of parameters jupyst accepts (so scripts run unchanged) and does nothing with."""
    import jupyst

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from ignored_params import ignored_parameters

    ignored = ignored_parameters(jupyst, names)
    lines = [
        "## Accepted and ignored parameters",
        "",
        "These parameters are accepted so that Streamlit scripts run unchanged, and have no effect "
        "in jupyst (read from the source: the command's body never uses them).",
        "",
        "| name | ignored parameters |",
        "|---|---|",
    ]
    lines += [f"| `st.{name}` | {', '.join(f'`{p}`' for p in params)} |" for name, params in ignored.items()]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", default=str(REPO / "docs" / "compatibility.md"))
    parser.add_argument("--results", help="also write the per-test results (JSON) here")
    parser.add_argument("--from-results", help="render from a results file instead of running the tests")
    parser.add_argument("pytest_args", nargs="*", help="extra pytest arguments (after --)")
    args = parser.parse_args(argv)
    if args.from_results:
        results = json.loads(Path(args.from_results).read_text(encoding="utf-8"))
    else:
        results = run_suite(args.pytest_args)
    if args.results:
        Path(args.results).write_text(json.dumps(results, indent=1), encoding="utf-8")
    rows = build(results)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(rows, results), encoding="utf-8")
    summary = defaultdict(int)
    for row in rows.values():
        summary[row["status"]] += 1
    print(f"wrote {out.relative_to(REPO) if out.is_relative_to(REPO) else out}: " + ", ".join(f"{k} {v}" for k, v in sorted(summary.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
