"""Writes into a container that an earlier run made: Streamlit's out-of-order deltas.

A callback runs at the start of a run, before the script. When it writes into a container
object the previous run returned (passed as an ``args`` of ``on_click``, or kept in session
state), that container is not in the new tree yet. Streamlit sends such a write to the
container's place with the next index after what the container held, and the script then
builds the container again at the same place: the callback's elements end up after the
script's (unless the script writes as many elements there, which replace them).

jupyst does the same in two steps. :func:`late_target` keeps the write aside (never in the
old tree, which the reconciler still shows) together with the container's key and that
index. When the run ends, :func:`merge_late_writes` puts each kept element into this run's
container of the same key, after the script's elements; a container the run did not build
again drops them, as it is no longer on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jupyst.elements.lib.node import Node, place

if TYPE_CHECKING:
    from jupyst.runtime.run_context import RunContext


def track_block(ctx: RunContext, node: Node) -> None:
    """Note that this run made ``node`` (a block): writes into it go straight in."""
    ctx.blocks.add(id(node))


def is_late(ctx: RunContext, parent: Node) -> bool:
    """Whether writing into ``parent`` (a block) is a write into an earlier run's container.

    Fragment runs write into containers of earlier runs by design (see
    :mod:`jupyst.elements.fragment`); only full runs outside a fragment count.
    """
    if ctx.fragment_id or ctx.fragment_ids_this_run or parent.children is None:
        return False
    return id(parent) not in ctx.blocks and all(parent is not root for root in ctx.roots.values())


def late_target(ctx: RunContext, parent: Node) -> Node:
    """A holder for one write into ``parent``: the element goes into it, not into ``parent``."""
    earlier = sum(1 for key, _, _ in ctx.late_writes if key == parent.key)
    index = len(parent.children or ()) + earlier
    holder = Node(kind="late_write", children=[], form_id=parent.form_id)
    ctx.late_writes.append((parent.key, index, holder))
    return holder


def merge_late_writes(ctx: RunContext) -> list[Node]:
    """Put the kept writes into this run's containers; return the elements placed."""
    if not ctx.late_writes:
        return []
    blocks = {n.key: n for root in ctx.roots.values() for n in root.walk() if n.children is not None}
    placed = []
    for key, index, holder in ctx.late_writes:
        block = blocks.get(key)
        if block is None or not holder.children:
            continue  # the container is gone from the app
        assert block.children is not None
        if index < len(block.children):
            continue  # the script wrote there too, later: its element wins, as in Streamlit
        node = holder.children[0]
        place(block, len(block.children), node)
        placed.append(node)
    return placed


def late_nodes(ctx: RunContext | None) -> set[int]:
    """Ids of the elements a run placed from late writes (they arrived before the script's)."""
    if ctx is None:
        return set()
    return {id(holder.children[0]) for _, _, holder in ctx.late_writes if holder.children}
