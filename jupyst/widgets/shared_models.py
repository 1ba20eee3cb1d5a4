"""Layout and Style models shared by every widget that never changes its own.

Every ipywidget otherwise opens a comm for its own layout and style: sharing them cuts the
messages of a first render by about two thirds.
"""

from __future__ import annotations

import threading

import ipywidgets as w

_shared_lock = threading.Lock()
_shared: dict[type, w.Widget] = {}


def shared(cls: type[w.Widget]) -> w.Widget:
    """One Layout or Style instance per class for widgets that never change theirs.

    Every ipywidget otherwise opens a comm for its own layout and style: sharing them cuts
    the messages of a first render by about two thirds.
    """
    with _shared_lock:
        inst = _shared.get(cls)
        if inst is None or inst.comm is None:
            inst = _shared[cls] = cls()
        return inst


def is_shared(widget: w.Widget) -> bool:
    return _shared.get(type(widget)) is widget
