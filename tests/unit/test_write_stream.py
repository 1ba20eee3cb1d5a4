"""st.write_stream in an app session: one growing element, messages at the flush rate."""

from __future__ import annotations

from typing import Any

import comm
from comm import DummyComm

from tests.unit.helpers import leaves, settle, start

STREAM = """
import jupyst as st
st.text("before")
out = st.write_stream(f"w{i} " for i in range(1000))
st.text(f"returned {len(out)} chars")
"""


def test_a_thousand_tokens_are_one_element_and_far_fewer_messages() -> None:
    sent: list[Any] = []

    class Counting(DummyComm):
        def publish_msg(self, msg_type: str, data: Any = None, *args: Any, **kwargs: Any) -> None:
            sent.append(data)

    original = comm.create_comm
    comm.create_comm = lambda *a, **k: Counting(*a, **k)
    try:
        session = start("import jupyst as st\nst.text('before')\n")
        sent.clear()
        session.source.text = STREAM  # type: ignore[misc]
        session.request_rerun()
        settle(session, 60)
    finally:
        comm.create_comm = original
    full = "".join(f"w{i} " for i in range(1000))
    assert leaves(session) == [("text", "before"), ("markdown", full.strip()), ("text", f"returned {len(full)} chars")]
    # Coalesced to the run context's flush rate: not one message per token.
    assert len(sent) < 200, len(sent)
    # The last message carrying the stream holds all of it.
    carrying = [d for d in sent if "w999" in repr(d)]
    assert carrying
    assert "w0 w1 w2" in repr(carrying[-1])
    session.close()
