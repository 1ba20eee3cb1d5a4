"""The compatibility table's list of accepted-and-ignored parameters is read from the code."""

from __future__ import annotations

import sys
from pathlib import Path

import jupyst

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from ignored_params import ignored_parameters, unread_parameters  # noqa: E402


def test_a_parameter_the_body_never_reads_is_listed_and_one_it_reads_is_not() -> None:
    def command(label: str, *, width: int = 1, shortcut: str | None = None) -> str:
        return label * width

    assert unread_parameters(command) == ["shortcut"]


def test_the_st_namespace_reports_what_jupyst_ignores() -> None:
    found = ignored_parameters(jupyst, ["title", "dataframe", "slider", "secrets", "sidebar"])
    assert "wrap" in found["title"]
    assert "body" not in found["title"]
    assert "alt" in found["dataframe"]
    assert "height" not in found["dataframe"]
    assert "secrets" not in found  # not a command
