"""All compat cases, by topic."""

from __future__ import annotations

from tests.compat.cases import (
    chat,
    container_state,
    elements,
    errors,
    formats,
    forms,
    fragments,
    late_writes,
    layout,
    layout_options,
    special_inputs,
    state,
    status_and_config,
    surface,
    text_extensions,
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
    *special_inputs.CASES,
    *text_extensions.CASES,
    *layout_options.CASES,
    *status_and_config.CASES,
    *fragments.CASES,
    *chat.CASES,
    *surface.CASES,
    *container_state.CASES,
    *late_writes.CASES,
]
