"""Which widget writes are the runtime's own: a thread's flag that observers and validators read.

The reconciler sets traits on the app's behalf (a new run's props, a restored value). Those
writes must not count as a visitor's input, and a widget that refuses browser input (a
read-only grid) must still accept them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

_tls = threading.local()


def applying() -> bool:
    """True while this thread writes widget traits on the runtime's behalf."""
    return getattr(_tls, "applying", False)


@contextmanager
def runtime_writes() -> Iterator[None]:
    """Mark the writes made inside the block as the runtime's."""
    before = applying()
    _tls.applying = True
    try:
        yield
    finally:
        _tls.applying = before
