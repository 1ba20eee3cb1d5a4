"""The multiselect box (and the selectbox that takes new options): a labelled combobox with
a dropdown that filters as one types.

:class:`MultiselectBox` speaks anywidget's protocol with ``multiselect.js``. Its ``value`` is
the list of chosen option labels, in the order chosen, as ipywidgets' TagsInput kept it, so
the element layer's value semantics stay the same. The browser sends nothing else: the
label, the options, the placeholder and the limit come from the kernel. The browser-input
guard checks the shape (a list of strings); whether each string is an option (or a new
option the box may add), and whether there are no more than ``max_selections``, is the
element's renderer's call. :class:`SelectboxCombo` is the same front end holding one choice.
"""

from __future__ import annotations

from typing import Any

import traitlets as t

from jupyst.widgets.browser_input import add_browser_traits
from jupyst.widgets.module_widget import ModuleWidget, es_module, module_source

# One ES module: the filter's functions first (choice_filter.js exports nothing), then the box.
_ESM = es_module("multiselect")
_CSS = module_source("multiselect.css")


class MultiselectBox(ModuleWidget):
    """Chosen options as chips, the others in a dropdown filtered by what is typed."""

    _esm = t.Unicode(_ESM, help="The multiselect's ES module (multiselect.js).").tag(sync=True)
    _css = t.Unicode(_CSS, help="The multiselect's stylesheet (multiselect.css).").tag(sync=True)
    _anywidget_id = t.Unicode("jupyst.widgets.multiselect.MultiselectBox", help="Names the module for anywidget's hot reload.").tag(sync=True)

    value = t.List(t.Unicode(), help="The chosen options' labels, in the order chosen.").tag(sync=True)
    options = t.List(t.Unicode(), help="Every option's label, in the script's order.").tag(sync=True)
    description = t.Unicode("", help="The label, as HTML; empty for no label.").tag(sync=True)
    tooltip = t.Unicode(None, allow_none=True, help="The help text shown on hover of the label.").tag(sync=True)
    placeholder = t.Unicode("Choose options", help="Text shown while nothing is chosen.").tag(sync=True)
    max_selections = t.Int(0, help="Most options that can be chosen; 0 for no limit.").tag(sync=True)
    select_all = t.Int(1000, help='The "Select all" row: shown when at most this many options can be picked; -1 always, 0 never.').tag(sync=True)
    disabled = t.Bool(False, help="A disabled box takes no input.").tag(sync=True)
    accept_new_options = t.Bool(False, help='Whether typed text that is no option can be added ("Add: ..." row, Enter).').tag(sync=True)
    filter_mode = t.Enum(("fuzzy", "contains", "prefix", "none"), "fuzzy", help="How typing filters the dropdown; none: no typing.").tag(sync=True)


class SelectboxCombo(ModuleWidget):
    """``st.selectbox`` with ``accept_new_options``: one choice, typed or picked, in the same
    combobox as the multiselect (``multiselect.js`` in its single mode).

    ``index`` is the chosen option's position, the text of a new option, or None.
    """

    _esm = t.Unicode(_ESM, help="The combobox's ES module (multiselect.js).").tag(sync=True)
    _css = t.Unicode(_CSS, help="The combobox's stylesheet (multiselect.css).").tag(sync=True)
    _anywidget_id = t.Unicode("jupyst.widgets.multiselect.SelectboxCombo", help="Names the module for anywidget's hot reload.").tag(sync=True)

    single = t.Bool(True, help="Tells multiselect.js to hold one choice.").tag(sync=True)
    index = t.Union([t.Int(), t.Unicode()], allow_none=True, default_value=None, help="The chosen option's position, a new option's text, or None.").tag(sync=True)
    options = t.List(t.Unicode(), help="Every option's label, in the script's order.").tag(sync=True)
    description = t.Unicode("", help="The label, as HTML; empty for no label.").tag(sync=True)
    tooltip = t.Unicode(None, allow_none=True, help="The help text shown on hover of the label.").tag(sync=True)
    placeholder = t.Unicode("Choose or add an option", help="Text shown while nothing is chosen.").tag(sync=True)
    clearable = t.Bool(False, help="Whether the choice can be cleared (the widget started empty).").tag(sync=True)
    disabled = t.Bool(False, help="A disabled box takes no input.").tag(sync=True)
    accept_new_options = t.Bool(True, help="Whether typed text that is no option can be chosen.").tag(sync=True)
    filter_mode = t.Enum(("fuzzy", "contains", "prefix", "none"), "fuzzy", help="How typing filters the dropdown.").tag(sync=True)


def _labels(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value)


def _choice(value: Any) -> bool:
    return value is None or isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


# What multiselect.js sends: the chosen labels, or one choice (checked by the renderer).
add_browser_traits(MultiselectBox, {"value": _labels})
add_browser_traits(SelectboxCombo, {"index": _choice})
