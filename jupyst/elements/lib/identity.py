"""Element ids with Streamlit's rules: a hash of the call, not of its position.

An unkeyed widget is identified by its type, the arguments that define it, the page, its
form and its root container; a keyed widget by its type, key and page (plus the few
arguments Streamlit still hashes for that widget). Two elements with one id in a run raise
Streamlit's duplicate errors.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from jupyst.errors import StreamlitDuplicateElementId, StreamlitDuplicateElementKey

if TYPE_CHECKING:
    from jupyst.runtime.run_context import RunContext

ID_PREFIX = "$$ID"


def compute_id(element_type: str, user_key: str | None, **kwargs: Any) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(element_type.encode())
    if user_key:
        h.update(user_key.encode())
    for name, value in kwargs.items():
        h.update(str(name).encode())
        h.update(str(value).encode())
    return f"{ID_PREFIX}-{h.hexdigest()}-{user_key}"


def element_id(
    ctx: RunContext,
    element_type: str,
    user_key: str | None,
    *,
    form_id: str,
    root: str,
    key_as_main_identity: bool | Iterable[str] = True,
    **kwargs: Any,
) -> str:
    """Compute the id of a widget in this run and register it (raising on duplicates)."""
    keyed = user_key is not None and key_as_main_identity is not False
    if keyed and not isinstance(key_as_main_identity, bool):
        wanted = set(key_as_main_identity)
        used = {k: v for k, v in kwargs.items() if k in wanted}
    else:
        used = {} if keyed else dict(kwargs)
    used["active_script_hash"] = ctx.page_hash
    if not keyed:
        used["form_id"] = form_id
        used["active_dg_root_container"] = root
    eid = compute_id(element_type, user_key, **used)
    register(ctx, element_type, eid, user_key)
    return eid


def register(ctx: RunContext, element_type: str, eid: str, user_key: str | None) -> None:
    if user_key is not None:
        if user_key in ctx.user_keys:
            raise StreamlitDuplicateElementKey(user_key)
        ctx.user_keys.add(user_key)
    if eid in ctx.widget_ids:
        raise StreamlitDuplicateElementId(element_type)
    ctx.widget_ids.add(eid)
