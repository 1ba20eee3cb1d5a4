"""The element tree one script run produces: plain data, no widgets.

A run appends :class:`Node` objects to container blocks; the reconciler turns the finished
(or partly finished) tree into ipywidgets. Nodes are picklable so that cached functions can
store what they drew and replay it in another kernel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(eq=False)
class Node:
    """One element or block of a run.

    ``key`` is the reconciler identity: the widget id for widgets, the position in the parent
    otherwise. ``children`` is ``None`` for leaf elements.
    """

    kind: str
    props: dict[str, Any] = field(default_factory=dict)
    children: list[Node] | None = None
    widget_id: str | None = None
    form_id: str = ""
    key: str = ""
    #: the innermost ``st.fragment`` whose run drew this node ("" outside fragments)
    fragment_id: str = ""

    def walk(self) -> list[Node]:
        """This node and every node below it, depth first."""
        out = [self]
        for child in self.children or ():
            out.extend(child.walk())
        return out

    def copy_detached(self) -> Node:
        """A deep copy without keys, for replaying under another parent."""
        return Node(
            kind=self.kind,
            props=dict(self.props),
            children=None if self.children is None else [c.copy_detached() for c in self.children],
            widget_id=self.widget_id,
            form_id=self.form_id,
            fragment_id=self.fragment_id,
        )


def place(parent: Node, index: int, node: Node) -> Node:
    """Put ``node`` at ``index`` of ``parent`` (append or replace) and give it its key."""
    assert parent.children is not None
    node.key = node.widget_id or f"{parent.key}/{index}.{node.kind}"
    if index == len(parent.children):
        parent.children.append(node)
    else:
        parent.children[index] = node
    if node.children:
        _rekey_children(node)
    return node


def _rekey_children(block: Node) -> None:
    for i, child in enumerate(block.children or ()):
        child.key = child.widget_id or f"{block.key}/{i}.{child.kind}"
        if child.children:
            _rekey_children(child)
