"""``st.components``: the namespace of custom components (``st.components.v1`` and ``v2``)."""

from __future__ import annotations

from jupyst.components import v1 as v1
from jupyst.components import v2 as v2
