"""The visitor request an AppTest run sees: ``at.context`` and ``at.user``, checked as
Streamlit's AppTest checks them."""

from __future__ import annotations

import copy
from typing import Any

from jupyst.runtime.request_info import RequestInfo
from jupyst.testing.element_tree import AppTestError

#: ``at.context`` keys: the RequestInfo field each fills and the type its value must have
CONTEXT_FIELDS: dict[str, tuple[str, type]] = {
    "timezone": ("timezone", str),
    "timezone_offset": ("timezone_offset", int),
    "locale": ("locale", str),
    "url": ("url", str),
    "is_embedded": ("is_embedded", bool),
    "theme": ("color_scheme", str),
}
_INT32 = (-(2**31), 2**31 - 1)


def test_request(context: Any, user: Any) -> RequestInfo:
    """A RequestInfo for one run; AppTestError for a value Streamlit's AppTest refuses."""
    if not isinstance(user, dict):
        raise AppTestError(f"AppTest.user must be a dict, not {type(user).__name__}.")
    if not isinstance(context, dict):
        raise AppTestError(f"AppTest.context must be a dict, not {type(context).__name__}.")
    info = RequestInfo(user=copy.deepcopy(user))
    for key, value in context.items():
        if key not in CONTEXT_FIELDS:
            raise AppTestError(
                f"AppTest.context does not support {key!r}. Supported keys: {', '.join(sorted(CONTEXT_FIELDS))}."
            )
        if value is None:
            continue
        attr, kind = CONTEXT_FIELDS[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise AppTestError(f"AppTest.context[{key!r}] must be {kind.__name__}, not {type(value).__name__}.")
        if key == "theme" and value not in ("light", "dark"):
            raise AppTestError(f"AppTest.context['theme'] must be 'light' or 'dark', not {value!r}.")
        if key == "timezone_offset" and isinstance(value, int) and not _INT32[0] <= value <= _INT32[1]:
            raise AppTestError(f"AppTest.context[{key!r}] has an invalid value {value!r}: out of the int32 range")
        setattr(info, attr, value)
    return info
