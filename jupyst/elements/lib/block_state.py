"""Containers that are also widgets: the open state of expanders and popovers, the selected
tab of ``st.tabs``, when the script asks to track it (``on_change`` other than "ignore").

Streamlit 1.67 registers such a container as a widget: its id hashes the container's
arguments (and key), its value lives in session state under the key, ``on_change`` runs as
a widget callback, and ``.open`` tells the script the current state. :func:`block_widget`
does that registration and returns the id and the value; the container's renderer carries
the browser's changes back as widget values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jupyst.elements.lib import identity
from jupyst.elements.lib.widget_base import check_key
from jupyst.errors import StreamlitInvalidFormCallbackError
from jupyst.runtime.run_context import require_run_context
from jupyst.runtime.session_state import WidgetMeta, require_valid_key

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator


def block_widget(
    dg: DeltaGenerator,
    kind: str,
    key: Any,
    initial: Any,
    on_change: Any,
    args: Any,
    kwargs: Any,
    defining: dict[str, Any],
    widget_disabled: bool = False,
) -> tuple[str, Any, str | None]:
    """Register a stateful container in this run: (widget id, current value, user key)."""
    ctx = require_run_context()
    target = dg._active()
    form_id = target._form_id()
    check_key(key)
    user_key = require_valid_key(key)
    callback = on_change if callable(on_change) else None
    if form_id and callback is not None:
        raise StreamlitInvalidFormCallbackError()
    wid = identity.element_id(
        ctx, kind, user_key, form_id=form_id, root=target._root_name(), key_as_main_identity=False, **defining
    )
    meta = WidgetMeta(
        id=wid, kind=kind, default=initial, user_key=user_key, callback=callback,
        args=tuple(args or ()) if callback else (), kwargs=dict(kwargs or {}) if callback else {},
        form_id=form_id, disabled=widget_disabled,
    )
    value = ctx.session.state.register_widget(meta)
    return wid, value, user_key
