"""The label of a control built from several widgets, tied to the control's real input.

A :class:`~jupyst.widgets.composite.ValueBox` draws its label above child widgets that each
have a view of their own, so no ``for=`` can be written from Python. :class:`FieldLabel` is
that label as a ``<label>`` element drawn by ``field_label.js``, which looks in the box around
it for the control and ties the two: a text field, a select or a file input gets an ``id``
and the label's ``for``; each slider handle (``role="slider"``) gets ``aria-labelledby``, and
a row of toggle buttons (pills, segmented control) becomes a ``role="group"`` named by it.
A screen reader then reads the label for the input, and clicking the label focuses it. The
browser sends nothing back.
"""

from __future__ import annotations

import traitlets as t

from jupyst.widgets.browser_input import add_browser_traits
from jupyst.widgets.module_widget import ModuleWidget, es_module

_ESM = es_module("field_label")


class FieldLabel(ModuleWidget):
    """A ``<label>`` for the control beside it (same traits as the HTML label it replaces)."""

    _esm = t.Unicode(_ESM, help="The label's ES module (field_label.js).").tag(sync=True)
    _anywidget_id = t.Unicode("jupyst.widgets.field_label.FieldLabel", help="Names the module for anywidget's hot reload.").tag(sync=True)

    value = t.Unicode("", help="The label, as HTML.").tag(sync=True)
    tooltip = t.Unicode(None, allow_none=True, help="The help text shown on hover.").tag(sync=True)


# The label's front end sends nothing.
add_browser_traits(FieldLabel, {})
