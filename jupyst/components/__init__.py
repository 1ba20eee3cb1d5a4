"""``st.components``: the namespace of custom components (``st.components.v1``)."""

from __future__ import annotations

from jupyst.components import v1 as v1
