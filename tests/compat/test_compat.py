"""Every compat case under Streamlit's AppTest and jupyst's AppTest: the snapshots must match."""

from __future__ import annotations

from typing import Any

import pytest

from tests.compat.cases import CASES
from tests.compat.harness import Case, compare, run_snapshots


def _param(case: Case) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.name, marks=marks)


def test_case_names_are_unique() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))
    assert len(CASES) >= 120


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_compat(case: Case, streamlit_app_test: Any, jupyst_app_test: Any) -> None:
    want = run_snapshots(streamlit_app_test, case)
    if case.expect is not None:
        case.expect(want)
    got = run_snapshots(jupyst_app_test, case)
    compare(case, want, got)
