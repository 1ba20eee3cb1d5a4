"""Writes from a helper thread: a thread the app started and attached a run context to.

Streamlit sends such a thread's elements to the browser at the delta path its container
had, whether the run that attached it is still going, has ended, or a newer run of the
session has begun: the browser puts them at that place of whatever is on screen. jupyst
has a tree per run, so a helper thread's write goes into the session's *live* run (the
newest full run, going or finished; :meth:`SessionHandle.live_context`):

- into the same container object when the live run made it (the usual case: the thread
  writes into a placeholder of the run that started it, during or after that run);
- otherwise into the live run's container at the same place (same key), as Streamlit's
  delta path would land: a thread kept across reruns keeps updating "its" placeholder;
- nowhere when the live run has no such container (yet): the write is dropped.

The caller holds the session's tree lock, so the script thread never sees half a write,
and a write never goes into a tree that an older run left behind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jupyst.elements.lib.node import Node

if TYPE_CHECKING:
    from jupyst.runtime.run_context import RunContext


def live_block(live: RunContext, block: Node) -> Node | None:
    """``block`` itself when it is in ``live``'s tree, else the live block at its place."""
    for name, root in live.roots.items():
        if root is block:
            return root
        if block.kind == f"root:{name}":
            return root
    by_key = None
    for root in live.roots.values():
        for node in root.walk():
            if node is block:
                return node
            if by_key is None and node.children is not None and node.key == block.key and node.kind == block.kind:
                by_key = node
    return by_key


def thread_target(live: RunContext, parent: Node, index: int | None) -> tuple[Node, int] | None:
    """Where a helper thread's element goes in the live tree: (block, index), or None.

    ``index`` is the slot the write refills (``st.empty`` and the like), or None to append.
    """
    block = live_block(live, parent)
    if block is None:
        return None
    assert block.children is not None
    if index is None:
        return block, len(block.children)
    if index > len(block.children):  # the live run has not drawn that far: no place yet
        return None
    return block, index
