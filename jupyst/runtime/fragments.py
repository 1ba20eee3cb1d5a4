"""The fragments of one app session: what ``st.fragment`` and ``st.dialog`` registered, by id.

A full run registers every fragment it calls; when it ends, the fragments it did not call are
dropped (and with them their ``run_every`` timers). A fragment run registers the fragments
nested in it again and drops the nested ones it no longer calls. A fragment's id is a hash
of its function and of the place it is drawn, so the same fragment drawn by a full run and
by a rerun of itself keeps its id (and the ids of its elements).

The store is read by the shell thread (which fragment a widget event reruns, timers) and
written by the script thread, so every access takes its lock.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Callable

from jupyst.elements.lib.node import Node
from jupyst.errors import StreamlitAPIException


@dataclass(eq=False)
class Fragment:
    """One registered fragment: how to rerun it and where it draws."""

    id: str
    #: reruns the body in place (called by the session with a fragment run's context)
    rerun: Callable[[], Any]
    #: the fragment whose run drew this one ("" for a fragment of the script body)
    parent_id: str = ""
    run_every: float | None = None
    #: a dialog's body stays registered until a full run, whoever reruns around it
    full_app_scoped: bool = False
    key: str | None = None
    #: the container the fragment's elements go into, in the current element tree
    block: Node | None = None
    seq: int = 0


class FragmentStore:
    """A session's registered fragments (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[str, Fragment] = {}
        self._seq = 0
        #: the slots fragments write into in containers made outside them:
        #: fragment id -> id(container) -> (container, slot)
        self._wrappers: dict[str, dict[int, tuple[Node, Node]]] = {}

    def register(self, fragment: Fragment) -> None:
        with self._lock:
            self._seq += 1
            fragment.seq = self._seq
            self._items[fragment.id] = fragment

    def get(self, fragment_id: str) -> Fragment | None:
        with self._lock:
            return self._items.get(fragment_id)

    def __contains__(self, fragment_id: object) -> bool:
        with self._lock:
            return fragment_id in self._items

    def ids(self) -> list[str]:
        with self._lock:
            return list(self._items)

    def sequence(self) -> int:
        with self._lock:
            return self._seq

    def registered_after(self, seq: int) -> set[str]:
        with self._lock:
            return {f.id for f in self._items.values() if f.seq > seq}

    def keep_only(self, ids: Iterable[str]) -> list[str]:
        """After a full run: drop every fragment it did not call; return the dropped ids."""
        keep = set(ids)
        with self._lock:
            dropped = [fid for fid in self._items if fid not in keep]
            for fid in dropped:
                del self._items[fid]
            return dropped

    def drop_stale_descendants(self, root_id: str, registered: set[str]) -> list[str]:
        """After ``root_id`` reran: drop the fragments nested in it that it did not call again.

        A dialog body nested in it stays (with what is nested in that) until a full run.
        """
        with self._lock:
            children: dict[str, list[str]] = {}
            for frag in self._items.values():
                children.setdefault(frag.parent_id, []).append(frag.id)
            todo, dropped = [root_id], []
            while todo:
                for fid in children.get(todo.pop(), ()):
                    if fid in registered:
                        todo.append(fid)
                    elif not self._items[fid].full_app_scoped:
                        dropped.append(fid)
                        todo.append(fid)
            for fid in dropped:
                self._items.pop(fid, None)
            return dropped

    def has_ancestor_in(self, fragment_id: str, ids: Iterable[str]) -> bool:
        wanted = set(ids)
        with self._lock:
            seen = {fragment_id}
            frag = self._items.get(fragment_id)
            while frag is not None and frag.parent_id and frag.parent_id not in seen:
                if frag.parent_id in wanted:
                    return True
                seen.add(frag.parent_id)
                frag = self._items.get(frag.parent_id)
            return False

    def order(self, ids: list[str]) -> list[str]:
        """Queued fragments in arrival order, except that a parent runs before its children."""
        left, out = list(ids), []
        while left:
            for i, fid in enumerate(left):
                if not self.has_ancestor_in(fid, left):
                    out.append(left.pop(i))
                    break
            else:  # a cycle cannot happen; keep the order if it somehow did
                out.extend(left)
                break
        return out

    def timed(self) -> dict[str, float]:
        """The ``run_every`` interval of each fragment that has one."""
        with self._lock:
            return {f.id: f.run_every for f in self._items.values() if f.run_every}

    def resolve_keys(self, names: list[str]) -> list[str]:
        """The ids of the fragments with these ``key=`` names (``st.rerun("name")``)."""
        out: dict[str, None] = {}
        with self._lock:
            for name in names:
                ids = [f.id for f in self._items.values() if f.key == name]
                if not ids:
                    raise StreamlitAPIException(
                        f"No fragment found for target '{name}'. Pass the same `key` you set on "
                        "`@st.fragment(key=...)`, and make sure that fragment has rendered at least once."
                    )
                out.update(dict.fromkeys(ids))
        return list(out)

    def any_in(self, ids: Iterable[str]) -> bool:
        with self._lock:
            return any(fid in self._items for fid in ids)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._wrappers.clear()

    # ----- slots in outside containers ----------------------------------------------------
    def wrapper(self, fragment_id: str, container: Node) -> Node | None:
        with self._lock:
            found = self._wrappers.get(fragment_id, {}).get(id(container))
        return found[1] if found is not None and found[0] is container else None

    def add_wrapper(self, fragment_id: str, container: Node, slot: Node) -> None:
        with self._lock:
            self._wrappers.setdefault(fragment_id, {})[id(container)] = (container, slot)

    def wrappers_of(self, fragment_id: str) -> list[Node]:
        with self._lock:
            return [slot for _, slot in self._wrappers.get(fragment_id, {}).values()]

    def clear_wrappers(self) -> None:
        """A full run starts: its containers are new, and so will be the slots in them."""
        with self._lock:
            self._wrappers.clear()
