"""Forms on the session side: values held back until submit, and clear_on_submit.

A change to a widget inside a form is kept here instead of starting a run. The submit
button hands all of the form's held values to one run, together with its own click.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class FormState:
    clear_on_submit: bool = False
    pending: dict[str, Any] = field(default_factory=dict)


class Forms:
    def __init__(self) -> None:
        self._forms: dict[str, FormState] = {}
        #: forms submitted in the run now going, to clear once it ends
        self.submitted: list[str] = []

    def declare(self, form_id: str, clear_on_submit: bool) -> None:
        self._forms.setdefault(form_id, FormState()).clear_on_submit = clear_on_submit

    def hold(self, form_id: str, widget_id: str, value: Any) -> None:
        self._forms.setdefault(form_id, FormState()).pending[widget_id] = value

    def is_held(self, form_id: str, widget_id: str) -> bool:
        form = self._forms.get(form_id)
        return form is not None and widget_id in form.pending

    def submit(self, form_id: str) -> dict[str, Any]:
        form = self._forms.setdefault(form_id, FormState())
        values, form.pending = form.pending, {}
        return values

    def clears_on_submit(self, form_id: str) -> bool:
        form = self._forms.get(form_id)
        return form is not None and form.clear_on_submit
