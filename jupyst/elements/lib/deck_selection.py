"""Selections of ``st.pydeck_chart``: the selectable page and the check of what it sends.

With ``on_select`` on, the chart's page is pydeck's own HTML with one addition: a script
(widgets/deck_select.js) that pydeck's ``createDeck`` calls on each click and that reports
the selection through the custom-component protocol, so the chart's frame
(widgets/component_frame.py) hands it to the kernel as its value. As Streamlit does, every
layer is made pickable when none says whether it is.

The selection is Streamlit's: ``{"selection": {"indices": {layer id: [index, ...]},
"objects": {layer id: [object, ...]}}}``. What the browser sends is checked here before the
script sees it: the shape, non-negative indices, one object per index, at most one object
in "single-object" mode.
"""

from __future__ import annotations

import json
from typing import Any

from jupyst.widgets.module_widget import module_source

#: where pydeck's page creates its deck; the click handler goes into that call
_CREATE_DECK = "createDeck({"
SELECTION_MODES = ("single-object", "multi-object")


def empty_selection() -> dict[str, Any]:
    return {"indices": {}, "objects": {}}


def pickable_spec(spec: str) -> str:
    """The deck's JSON with ``pickable`` on every layer when no layer sets it (Streamlit's rule)."""
    deck = json.loads(spec)
    layers = [layer for layer in deck.get("layers") or [] if isinstance(layer, dict)]
    if layers and not any("pickable" in layer for layer in layers):
        for layer in layers:
            layer["pickable"] = True
    return json.dumps(deck)


def selectable_page(deck: Any, spec: str, height: int) -> str:
    """pydeck's standalone page for ``deck`` (drawn from ``spec``) that reports clicks."""
    from pydeck.io.html import deck_to_html
    from pydeck.settings import settings

    page = deck_to_html(
        pickable_spec(spec),
        mapbox_key=getattr(deck, "mapbox_key", None),
        google_maps_key=getattr(deck, "google_maps_key", None),
        tooltip=getattr(deck, "_tooltip", True),
        custom_libraries=settings.custom_libraries,
        configuration=settings.configuration,
        as_string=True,
        offline=True,
        notebook_display=False,
        iframe_height=height,
        show_error=getattr(deck, "_show_error", False),
    )
    at = page.rfind(_CREATE_DECK)
    if at < 0:  # a pydeck whose page is not the one this was written for: draw, do not select
        return str(page)
    script = "<script>\n" + module_source("deck_select.js") + "\n</script>\n"
    body = page.find("<body>")
    page = page[:at] + _CREATE_DECK + "\n      handleEvent: jupystDeckEvent," + page[at + len(_CREATE_DECK):]
    if body >= 0:
        body += len("<body>")
        return str(page[:body] + script + page[body:])
    return str(script + page)


def _index(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def check_selection(value: Any, mode: str) -> dict[str, Any]:
    """The selection in ``value`` (the chart's state as the page sends it), checked.

    Raises ``ValueError`` saying what is wrong.
    """
    if not isinstance(value, dict) or set(value) != {"selection"}:
        raise ValueError("a pydeck chart's state is {'selection': {...}}")
    selection = value["selection"]
    if not isinstance(selection, dict) or set(selection) != {"indices", "objects"}:
        raise ValueError("a selection has 'indices' and 'objects'")
    indices, objects = selection["indices"], selection["objects"]
    if not isinstance(indices, dict) or not isinstance(objects, dict) or set(indices) != set(objects):
        raise ValueError("'indices' and 'objects' name the same layers")
    count = 0
    for layer, chosen in indices.items():
        things = objects[layer]
        if not isinstance(chosen, list) or not all(_index(i) for i in chosen) or len(set(chosen)) != len(chosen):
            raise ValueError(f"the indices of layer {layer!r} are not distinct non-negative integers")
        if not isinstance(things, list) or len(things) != len(chosen) or not chosen:
            raise ValueError(f"layer {layer!r} needs one object per selected index")
        count += len(chosen)
    if mode == "single-object" and count > 1:
        raise ValueError("a single-object selection holds one object")
    return {"indices": dict(indices), "objects": dict(objects)}
