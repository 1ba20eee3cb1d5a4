"""All compat cases, by topic."""

from __future__ import annotations

from tests.compat.cases import (
    elements,
    errors,
    formats,
    forms,
    inputs3,
    layout,
    layout3,
    state,
    status3,
    text3,
    widgets,
)
from tests.compat.harness import Case

CASES: list[Case] = [
    *elements.CASES,
    *widgets.CASES,
    *layout.CASES,
    *forms.CASES,
    *formats.CASES,
    *state.CASES,
    *errors.CASES,
    *inputs3.CASES,
    *text3.CASES,
    *layout3.CASES,
    *status3.CASES,
]
