"""``st.form``: a block whose widgets send their values together, on submit only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jupyst.elements.lib.mixin import ElementMixin
from jupyst.errors import (
    StreamlitDuplicateElementKey,
    StreamlitInvalidLayoutContextError,
    StreamlitValueAssignmentNotAllowedError,
)
from jupyst.runtime.run_context import require_run_context

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator


class FormMixin(ElementMixin):
    def form(self, key: str, clear_on_submit: bool = False, *, enter_to_submit: bool = True, border: bool = True, width: Any = "stretch", height: Any = "content") -> DeltaGenerator:
        """Open a form: its widgets rerun the app only when its submit button is pressed."""

        ctx = require_run_context()
        if self._dg._form_id():
            raise StreamlitInvalidLayoutContextError("Forms cannot be nested in other forms.")
        form_id = str(key)
        state = ctx.session.state
        if form_id in ctx.form_ids or form_id in ctx.user_keys:
            raise StreamlitDuplicateElementKey(form_id)
        if state.is_new_user_value(form_id):
            raise StreamlitValueAssignmentNotAllowedError(form_id)
        ctx.form_ids.add(form_id)
        state.form_ids_this_run.add(form_id)
        ctx.session.forms.declare(form_id, clear_on_submit)
        props = {"form_id": form_id, "clear_on_submit": clear_on_submit, "border": border, "enter_to_submit": bool(enter_to_submit)}
        return self._dg._block("form", props, form_id=form_id)
