"""A form's submit button that also submits the form when Enter is pressed in its fields.

Streamlit submits a form when Enter is pressed in one of its text or number fields, as if
its first submit button were clicked, unless the form says ``enter_to_submit=False`` or that
button is disabled. ipywidgets' text views keep their keys to themselves, so the submit button
does it: :class:`SubmitButton` is an ipywidgets Button (its clicks reach Python as every
button's do, and the browser-input guard allows only those) whose view is drawn by
``submit_button.js``. That view listens for Enter in the form around it; the first submit
button of a form whose box carries the class ``jupyst-enter-submits`` commits the field's
text and then clicks itself.
"""

from __future__ import annotations

import ipywidgets as w
import traitlets as t

from jupyst.widgets.module_widget import ModuleWidget, es_module

_ESM = es_module("submit_button")

#: the class a form's box carries when Enter in its fields submits it
ENTER_SUBMITS = "jupyst-enter-submits"


class SubmitButton(ModuleWidget, w.Button):
    """``st.form_submit_button``: a Button whose front end also answers Enter in the form."""

    _esm = t.Unicode(_ESM, help="The submit button's ES module (submit_button.js).").tag(sync=True)
    _anywidget_id = t.Unicode("jupyst.widgets.submit_button.SubmitButton", help="Names the module for anywidget's hot reload.").tag(sync=True)
