"""Ties ipywidgets' own description labels to the controls they name, once per app.

ipywidgets draws a widget's ``description`` as a ``<label>``; for a text field or a select it
also writes ``for=``, but a radio group and a slider's handle stay unnamed, so a screen reader
reads them without their label and Playwright's ``get_by_label`` does not find them.
:class:`LabelTier` is an invisible widget in the app's frame whose front end
(``label_tier.js``) watches the app and, for every such label, gives the radio group its role
and ``aria-labelledby``, and each slider handle ``aria-labelledby``. It also shows
Streamlit's hint of what Enter does in a text or number field being edited ("Press Enter to
apply", or "Press Enter to submit form" in a form that Enter submits), and makes Ctrl+Enter
(Cmd+Enter on a Mac) commit a text area and submit its form, with the matching hint, as
Streamlit's text area does. The browser sends nothing of its own.
"""

from __future__ import annotations

import traitlets as t

from jupyst.widgets.browser_input import add_browser_traits
from jupyst.widgets.module_widget import ModuleWidget, es_module

_ESM = es_module("label_tier")
#: the Enter hint sits inside the field, at its right end, as Streamlit's does
_CSS = """
.jupyst-input-hinted { position: relative; }
.jupyst-input-hint { position: absolute; right: 0.5rem; bottom: 0.2rem; font-size: 12px; line-height: 1.2;
  color: var(--jupyst-muted, rgba(49, 51, 63, 0.6)); pointer-events: none; white-space: nowrap; }
"""


class LabelTier(ModuleWidget):
    """An invisible helper that names radio groups and slider handles by their labels."""

    _esm = t.Unicode(_ESM, help="The helper's ES module (label_tier.js).").tag(sync=True)
    _css = t.Unicode(_CSS, help="The Enter hint's style.").tag(sync=True)
    _anywidget_id = t.Unicode("jupyst.widgets.label_tier.LabelTier", help="Names the module for anywidget's hot reload.").tag(sync=True)


# The helper's front end sends nothing.
add_browser_traits(LabelTier, {})
