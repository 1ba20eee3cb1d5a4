"""How shared mode writes to a page: batched frames on a real websocket, one loop wake-up per
burst of messages, and message / comm ids that never repeat."""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import tornado.web
import tornado.websocket
import websocket

from jupyst.server.comms import create_comm, install, kernel_scope
from jupyst.server.kernel import VirtualKernel
from jupyst.server.protocol import message_ids
from jupyst.server.socket_writes import write_frames

#: text frames of every length encoding (7-bit, 16-bit, 64-bit), non-ASCII text, and binary frames
FRAMES: list[tuple[Any, bool]] = [
    ("short", False),
    ("é" * 200, False),
    ("x" * 70_000, False),
    (b"\x00\x01binary", True),
    (bytes(range(256)) * 300, True),
    ("{}", False),
]


class _Batch(tornado.websocket.WebSocketHandler):
    def open(self) -> None:
        write_frames(self, FRAMES)


@pytest.fixture
def ws_url() -> Iterator[str]:
    ready = threading.Event()
    state: dict[str, Any] = {}

    def serve() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        app = tornado.web.Application([(r"/ws", _Batch)])
        server = app.listen(0, "127.0.0.1")
        state["port"] = next(iter(server._sockets.values())).getsockname()[1]
        state["loop"], state["server"] = loop, server
        ready.set()
        loop.run_forever()
        server.stop()
        loop.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(10)
    yield f"ws://127.0.0.1:{state['port']}/ws"
    state["loop"].call_soon_threadsafe(state["loop"].stop)
    thread.join(10)


def test_a_batch_arrives_as_the_same_messages_in_order(ws_url: str) -> None:
    client = websocket.create_connection(ws_url, timeout=10)
    try:
        received = []
        for _ in FRAMES:
            opcode, data = client.recv_data()
            received.append((data if opcode == websocket.ABNF.OPCODE_BINARY else data.decode("utf-8"),
                             opcode == websocket.ABNF.OPCODE_BINARY))
    finally:
        client.close()
    assert received == FRAMES


def test_messages_published_before_the_loop_runs_wake_it_once() -> None:
    install()
    calls: list[Any] = []
    kernel = VirtualKernel(lambda fn, *args: calls.append((fn, args)))
    frames: list[Any] = []
    batches: list[int] = []
    kernel.attach(lambda frame, binary: frames.append(frame),
                  write_many=lambda many: (batches.append(len(many)), frames.extend(f for f, _ in many)))
    for n in range(5):
        kernel.publish("stream", {"n": n})
    assert len(calls) == 1  # one wake-up of the loop for the five
    fn, args = calls.pop()
    fn(*args)
    assert batches == [5]
    assert [json.loads(f)["content"]["n"] for f in frames] == [0, 1, 2, 3, 4]
    kernel.publish("stream", {"n": 5})  # the next message after the loop ran wakes it again
    assert len(calls) == 1
    fn, args = calls.pop()
    fn(*args)
    assert json.loads(frames[-1])["content"]["n"] == 5


def test_messages_from_many_threads_all_arrive_in_each_threads_order() -> None:
    pending: list[Any] = []
    lock = threading.Lock()

    def loop_call(fn: Any, *args: Any) -> None:
        with lock:
            pending.append((fn, args))

    kernel = VirtualKernel(loop_call)
    frames: list[Any] = []
    kernel.attach(lambda frame, binary: frames.append(frame))

    def publisher(who: int) -> None:
        for n in range(200):
            kernel.publish("stream", {"who": who, "n": n})

    threads = [threading.Thread(target=publisher, args=(who,)) for who in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    while pending:  # the event loop's turn
        with lock:
            fn, args = pending.pop(0)
        fn(*args)
    seen: dict[int, list[int]] = {}
    for frame in frames:
        content = json.loads(frame)["content"]
        seen.setdefault(content["who"], []).append(content["n"])
    assert seen == {who: list(range(200)) for who in range(4)}


def test_message_ids_are_jupyter_clients_and_never_repeat() -> None:
    ids = message_ids("abc")
    made = [ids.next() for _ in range(1000)]
    assert len(set(made)) == 1000
    assert all(re.fullmatch(r"abc_\d+_\d+", m) for m in made)


def test_comm_ids_never_repeat_across_kernels() -> None:
    install()
    made = []
    for _ in range(3):
        kernel = VirtualKernel(lambda fn, *args: None)
        with kernel_scope(kernel):
            made += [create_comm(target_name="jupyter.widget", primary=False).comm_id for _ in range(100)]
    assert len(set(made)) == 300
    assert all(re.fullmatch(r"[0-9a-f]{32}", c) for c in made)
    kernel = VirtualKernel(lambda fn, *args: None)
    with kernel_scope(kernel):  # an id given by the caller is kept
        assert create_comm(target_name="jupyter.widget", primary=False, comm_id="given").comm_id == "given"
