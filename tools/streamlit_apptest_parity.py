"""Measure how many of Streamlit's own AppTest tests pass against ``jupyst.testing.AppTest``.

Streamlit tests its harness in ``lib/tests/streamlit/testing/app_test_test.py`` and
``element_tree_test.py`` (with ``test_data/`` beside them and ``../test_data/`` one level
up). Those files are Streamlit's, so they are not in this repository: get them from a
Streamlit checkout of the pinned version, then point this tool at the folder that holds them::

    python tools/streamlit_apptest_parity.py path/to/lib/tests/streamlit/testing
    python tools/streamlit_apptest_parity.py path/to/... --oracle   # also run under Streamlit

The tool copies the folder (and its sibling ``test_data``) to a temporary directory,
rewrites only the import lines that name ``streamlit.testing.v1`` so they name
``jupyst.testing`` instead, runs pytest there and prints pass/fail counts per file and the
name of every failing test. With ``--oracle`` it runs the unmodified copies under
Streamlit's own AppTest first: a test that fails there is newer (or older) than the pinned
Streamlit and is reported apart instead of counted against jupyst.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

TEST_FILES = ("app_test_test.py", "element_tree_test.py")

#: ``from streamlit.testing.v1 import AppTest``, ``... .v1.app_test import AppTest``,
#: ``... .v1.element_tree import name``: the module part after ``v1`` is kept when jupyst
#: has a module of that name (element_tree), dropped otherwise (app_test lives in the package).
_IMPORT = re.compile(r"^(\s*)from streamlit\.testing\.v1(\.\w+)? import (.+)$", re.MULTILINE)


def rewrite_imports(source: str) -> str:
    """Point every ``streamlit.testing.v1`` import line at ``jupyst.testing``."""

    def replace(match: re.Match[str]) -> str:
        indent, module, names = match.group(1), match.group(2) or "", match.group(3)
        target = "jupyst.testing" + (".element_tree" if module == ".element_tree" else "")
        return f"{indent}from {target} import {names}"

    return _IMPORT.sub(replace, source)


def stage(source_dir: Path, into: Path, *, jupyst: bool) -> Path:
    """Copy the test folder (and ``../test_data``) under ``into``; return the copied folder."""
    tests = into / "pkg" / source_dir.name
    shutil.copytree(source_dir, tests, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    sibling = source_dir.parent / "test_data"
    if sibling.is_dir():
        shutil.copytree(sibling, into / "pkg" / "test_data")
    if jupyst:
        for name in TEST_FILES:
            path = tests / name
            if path.exists():
                path.write_text(rewrite_imports(path.read_text(encoding="utf-8")), encoding="utf-8")
    return tests


def _pytest(tests: Path, targets: list[str], report: Path, extra_args: list[str]) -> dict[str, dict[str, str]]:
    """One pytest process; map file -> test name -> "passed" / "failed" / "skipped"."""
    cmd = [
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
        "--continue-on-collection-errors", f"--junitxml={report}", *targets, *extra_args,
    ]
    subprocess.run(cmd, cwd=tests, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    outcomes: dict[str, dict[str, str]] = {}
    if not report.exists():
        return outcomes
    for case in ET.parse(report).getroot().iter("testcase"):
        classname = case.get("classname") or ""
        if not classname:  # a file that failed to import: no test of it ran
            continue
        file_name = classname.split(".")[0] + ".py"
        outcome = "passed"
        for child in case:
            if child.tag in ("failure", "error"):
                outcome = "failed"
            elif child.tag == "skipped":
                outcome = "skipped"
        outcomes.setdefault(file_name, {})[case.get("name") or "?"] = outcome
    report.unlink()
    return outcomes


def run_pytest(tests: Path, extra_args: list[str]) -> dict[str, dict[str, str]]:
    """Run the staged test files, then each failed test once more on its own.

    AppTest's default timeout is 3 seconds; on a loaded machine a run can miss it under
    either harness, so a failure counts only when it repeats.
    """
    report = tests.parent.parent / "report.xml"
    files = [name for name in TEST_FILES if (tests / name).exists()]
    outcomes = _pytest(tests, files, report, extra_args)
    for file_name, results in outcomes.items():
        for name, outcome in results.items():
            if outcome == "failed":
                again = _pytest(tests, [f"{file_name}::{name}"], report, extra_args)
                results[name] = again.get(file_name, {}).get(name, "failed")
    for name in files:
        outcomes.setdefault(name, {})
    return outcomes


def measure(source_dir: Path, *, jupyst: bool, extra_args: list[str]) -> dict[str, dict[str, str]]:
    with tempfile.TemporaryDirectory(prefix="apptest-parity-") as tmp:
        return run_pytest(stage(source_dir, Path(tmp), jupyst=jupyst), extra_args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the folder holding Streamlit's two AppTest test files")
    parser.add_argument("--oracle", action="store_true", help="also run the tests under Streamlit's AppTest")
    parser.add_argument("pytest_args", nargs="*", help="extra pytest arguments (after --)")
    args = parser.parse_args(argv)
    folder = args.folder.resolve()
    missing = [name for name in TEST_FILES if not (folder / name).exists()]
    if len(missing) == len(TEST_FILES):
        parser.error(f"{folder} holds neither of {', '.join(TEST_FILES)}")

    oracle = measure(folder, jupyst=False, extra_args=args.pytest_args) if args.oracle else None
    ours = measure(folder, jupyst=True, extra_args=args.pytest_args)
    total_pass = total = 0
    for file_name, results in ours.items():
        for name in (oracle or {}).get(file_name, {}):
            results.setdefault(name, "failed")
        counted = {
            name: outcome for name, outcome in results.items()
            if oracle is None or oracle.get(file_name, {}).get(name) == "passed"
        }
        passed = sorted(n for n, o in counted.items() if o == "passed")
        failed = sorted(n for n, o in counted.items() if o != "passed")
        total_pass += len(passed)
        total += len(counted)
        print(f"{file_name}: {len(passed)} of {len(counted)} pass under jupyst.testing.AppTest")
        if not results:
            print("    (no test ran: the file failed to import; run pytest on it to see why)")
        for name in failed:
            print(f"    FAIL {name}")
        if oracle is not None:
            beyond = sorted(n for n in results if oracle.get(file_name, {}).get(n) != "passed")
            if beyond:
                print(f"  not counted (fail under Streamlit's own AppTest too): {len(beyond)}")
                for name in beyond:
                    print(f"    {name} (jupyst: {results[name]})")
    print(f"total: {total_pass} of {total}")
    return 0 if total_pass == total else 1


if __name__ == "__main__":
    raise SystemExit(main())
