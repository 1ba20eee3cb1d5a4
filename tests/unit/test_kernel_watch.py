"""How many visitors' kernels an isolated-mode server counts against ``--max-sessions``.

A visitor counts once from the moment their page is let in: while its kernel starts (the page
is "starting"), and once the kernel is there. A kernel is listed by the kernel manager a few
event-loop turns before its start returns to the page; in that gap the page must not count
twice (twenty visitors arriving together were refused with a limit of 22). Preheated spare
kernels never count. The kernel manager here is the two things the count reads of Jupyter's
(its kernel ids, Voilà's preheated pools), in the states a real server passes through.
"""

from __future__ import annotations

import asyncio
from typing import Any

from jupyst.voila.capacity import KernelWatch


class Kernels:
    """The kernel ids a kernel manager lists and Voilà's preheated pools (done tasks)."""

    def __init__(self, ids: list[str], spare: list[str] = ()) -> None:  # type: ignore[assignment]
        self.ids = list(ids) + list(spare)
        loop = asyncio.new_event_loop()
        pool = []
        for kid in spare:
            done = loop.create_future()
            done.set_result({"kernel_id": kid})
            pool.append(done)
        loop.close()
        self._pools = {"app.py": pool} if pool else {}

    def list_kernel_ids(self) -> list[str]:
        return list(self.ids)


def watch_with(limit: int, pages_starting: int, attributed: list[str]) -> KernelWatch:
    watch = KernelWatch(limit)
    watch.starting = pages_starting
    for kid in attributed:
        watch.started(kid)
    return watch


def test_a_kernel_listed_before_its_page_heard_of_it_counts_once() -> None:
    # 20 visitors let in together: 15 kernels already theirs, 5 listed but not yet handed to
    # their pages, which are still "starting". 20 visitors with a limit of 22: room for 2.
    owned = [f"k{i}" for i in range(15)]
    kernels = Kernels(owned + [f"new{i}" for i in range(5)], spare=["warm"])
    watch = watch_with(22, 5, owned)
    assert watch.visitors(kernels) == 20
    assert not watch.full(kernels)
    watch.starting += 2  # two more let in
    assert watch.full(kernels)


def test_pages_whose_kernels_are_not_listed_yet_count_as_starting() -> None:
    kernels = Kernels(["a", "b"], spare=["warm1", "warm2"])
    watch = watch_with(5, 3, ["a", "b"])
    assert watch.visitors(kernels) == 5
    assert watch.full(kernels)


def test_an_unknown_kernel_counts_when_no_page_is_starting() -> None:
    # a kernel no page was seen starting (its page request is over) still holds memory
    kernels = Kernels(["a", "b", "stray"])
    watch = watch_with(3, 0, ["a", "b"])
    assert watch.visitors(kernels) == 3
    assert watch.full(kernels)


def test_a_kernel_manager_that_cannot_list_is_never_full() -> None:
    class Broken:
        def list_kernel_ids(self) -> Any:
            raise RuntimeError("gone")

    assert not KernelWatch(1).full(Broken())
