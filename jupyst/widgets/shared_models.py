"""Layout and Style models shared by every widget that never changes its own.

Every ipywidget otherwise opens a comm for its own layout and style: sharing them cuts the
messages of a first render by about two thirds. A server that holds many visitors in one
process gives each visitor's virtual kernel its own store (a page only knows the models
opened on its own connection) by replacing :data:`shared_store`.
"""

from __future__ import annotations

import threading
from typing import Callable

import ipywidgets as w

_shared_lock = threading.Lock()
_shared: dict[type, w.Widget] = {}


def _process_store() -> dict[type, w.Widget]:
    return _shared


#: where shared instances live: one store per process unless a server says otherwise
shared_store: Callable[[], dict[type, w.Widget]] = _process_store


def shared(cls: type[w.Widget]) -> w.Widget:
    """One Layout or Style instance per class (and store) for widgets that never change theirs."""
    with _shared_lock:
        store = shared_store()
        inst = store.get(cls)
        if inst is None or inst.comm is None:
            inst = store[cls] = cls()
            inst._jupyst_shared = True
        return inst


def is_shared(widget: w.Widget) -> bool:
    return getattr(widget, "_jupyst_shared", False) is True
