"""Every widget message a benchmark's app would send to the browser, recorded instead of sent."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Sent:
    comm_id: str
    msg_type: str
    data: Any
    buffers: list[Any] = field(default_factory=list)
    at: float = 0.0


@contextmanager
def recording_messages() -> Iterator[list[Sent]]:
    """Widgets made inside the block send into the yielded list (comm messages, in order)."""
    import comm
    from comm import DummyComm

    sent: list[Sent] = []

    class Recording(DummyComm):
        def publish_msg(self, msg_type: str, data: Any = None, metadata: Any = None, buffers: Any = None, **keys: Any) -> None:
            sent.append(Sent(self.comm_id, msg_type, data, list(buffers or ()), time.perf_counter()))

    original = comm.create_comm
    comm.create_comm = lambda *a, **k: Recording(*a, **k)
    try:
        yield sent
    finally:
        comm.create_comm = original
