"""All compat cases, by topic."""

from __future__ import annotations

from tests.compat.cases import elements, errors, forms, layout, state, widgets
from tests.compat.harness import Case

CASES: list[Case] = [
    *elements.CASES,
    *widgets.CASES,
    *layout.CASES,
    *forms.CASES,
    *state.CASES,
    *errors.CASES,
]
