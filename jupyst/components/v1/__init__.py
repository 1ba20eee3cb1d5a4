"""``streamlit.components.v1``: ``html``, ``iframe`` and ``declare_component``.

``import streamlit.components.v1 as components`` inside an app imports this module. ``html``
and ``iframe`` draw a sandboxed frame in the current container (``with`` blocks included);
``declare_component`` makes a custom component whose front end talks to the app through
streamlit-component-lib's messages.
"""

from __future__ import annotations

from jupyst.delta_generator import main_dg as _main
from jupyst.elements.custom_component import CustomComponent as CustomComponent
from jupyst.elements.custom_component import (
    MarshallComponentException as MarshallComponentException,
)
from jupyst.elements.custom_component import declare_component as declare_component

html = _main._html
iframe = _main._iframe

__all__ = ["CustomComponent", "MarshallComponentException", "declare_component", "html", "iframe"]
