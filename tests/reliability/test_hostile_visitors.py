"""Visitors who are not browsers, against a real `jupyst run` in both serving modes.

- Forged messages on a real websocket: updates of models the app did not create, values no
  widget's page would send (out of range, ``index: null``, a missing option, wrong JSON types),
  ``comm_open`` for any target and with megabyte payloads, malformed frames, unknown message
  types. The app must not rerun (its run counter and every widget value read back unchanged),
  the server and the kernel live, and the kernel's memory and open comms stay bounded.
- A flood of plain GETs (``/`` and random one-segment paths): nothing is left behind once the
  reclaim window has passed, and a real visitor arriving during the flood gets an answer
  (a page or the busy page); how fast is measured and reported, not asserted.

Each scenario is bounded (a fixed number of messages and requests, a deadline on every wait);
one server per mode serves the whole module and is stopped at its end.
"""

from __future__ import annotations

import contextlib
import json
import re
import struct
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import websocket

from tests.e2e.server import JupystServer
from tests.e2e.widget_client import PageClient, http_get
from tests.reliability.live_app import (
    MODES,
    app_texts,
    kernel_processes,
    leave,
    model,
    open_comms,
    report,
    rss_mb,
    served,
    server_process,
    session_process,
    tree_memory_mb,
    wait_until,
)

pytestmark = pytest.mark.reliability

APP = """import streamlit as st

st.session_state.setdefault("runs", 0)
st.session_state.runs += 1
who = st.query_params.get("who", "nobody")
n = st.slider("n", 0, 100, 5)
pick = st.selectbox("pick", ["a", "b", "c"])
on = st.checkbox("on")
name = st.text_input("name", "x", max_chars=5)
if st.button("go"):
    st.session_state.runs += 1000
st.text(f"{who} n={n} pick={pick} on={on} name={name} runs={st.session_state.runs}")
"""
#: visitors served at once: small, so that a flood meets the limit (kernels cost ~100 MB)
LIMIT = 2
#: requests in the flood: half ``/``, half a random one-segment path
FLOOD = 60
#: shared mode's wait for a page's socket; isolated mode's is fixed (capacity.RECLAIM_AFTER, 10 s)
CONNECT_TIMEOUT = 3
#: megabyte payloads sent in comm_open messages (the issue's attack: 200 x 1 MB)
BIG_OPENS = 40
#: how much memory the visitor's process may gain from the whole barrage (MB)
MEMORY_BOUND = 40.0


@pytest.fixture(scope="module", params=MODES)
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def server(mode: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupystServer]:
    extra = ["--max-sessions", str(LIMIT)]
    if mode == "shared":
        extra += ["--connect-timeout", str(CONNECT_TIMEOUT)]
    with served(mode, APP, tmp_path_factory.mktemp(f"hostile-{mode}"), *extra) as srv:
        yield srv


def summary(client: PageClient) -> str:
    (line,) = [t for t in app_texts(client) if " runs=" in t]
    return line


def update(client: PageClient, comm_id: Any, state: Any, **extra: Any) -> None:
    client.send("comm_msg", {"comm_id": comm_id, "data": {"method": "update", "state": state, "buffer_paths": []}, **extra})


def raw(client: PageClient, frame: str | bytes) -> None:
    assert client.ws is not None
    if isinstance(frame, bytes):
        client.ws.send_binary(frame)
    else:
        client.ws.send(frame)


def widget_values(client: PageClient) -> dict[str, Any]:
    """The values the kernel holds now, read back through a fresh widget control comm."""
    states = client.load_states()
    pick = states[model(client, "jupyst-selectbox")]
    return {
        "n": states[model(client, "jupyst-slider-input")]["value"],
        "pick": pick["index"],
        "on": states[model(client, "jupyst-checkbox")]["value"],
        "name": states[model(client, "jupyst-text_input")]["value"],
    }


def sessions_alive(server: JupystServer, kernel_ids: list[str]) -> list[str]:
    return [kid for kid in kernel_ids if http_get(f"{server.url}api/kernels/{kid}", timeout=10)[0] == 200]


def test_a_flood_of_gets_leaves_nothing_behind(server: JupystServer, mode: str) -> None:
    # First in the module: no visitor holds a session yet.
    assert kernel_processes(server) == []
    memory_before = tree_memory_mb(server)
    threads_before = server_process(server).num_threads()
    paths = ["" if i % 2 == 0 else uuid.uuid4().hex[:8] for i in range(FLOOD)]
    visitor: dict[str, Any] = {}

    def real_visitor() -> None:
        time.sleep(0.3)  # arrive while the flood is going
        began = time.perf_counter()
        status, _, body = http_get(server.url, timeout=60)
        visitor.update(status=status, seconds=time.perf_counter() - began, body=body)

    began = time.perf_counter()
    with ThreadPoolExecutor(9) as pool:
        arrival = pool.submit(real_visitor)
        answers = list(pool.map(lambda p: http_get(server.url + p, timeout=120), paths))
        arrival.result()
    flood_seconds = time.perf_counter() - began
    memory_peak = tree_memory_mb(server)
    statuses = [status for status, _, _ in answers]
    # Random one-segment paths are not the app (it has no pages): 404, nothing started.
    assert {statuses[i] for i, p in enumerate(paths) if p} == {404}
    assert set(statuses) <= {200, 404, 503}
    assert visitor["status"] in (200, 503)
    if visitor["status"] == 503:
        assert b"busy" in visitor["body"]
    started = [PageClient.kernel_id_of(body) for status, _, body in answers if status == 200]
    if visitor["status"] == 200:
        started.append(PageClient.kernel_id_of(visitor["body"]))
    assert 0 < len(started) <= LIMIT
    # No page connected: every session is reclaimed within the window, not at the idle cull.
    began_reclaim = time.perf_counter()
    wait_until(lambda: not sessions_alive(server, started) and not kernel_processes(server), 60, "the flood's sessions reclaimed")
    reclaim_seconds = time.perf_counter() - began_reclaim
    wait_until(lambda: server_process(server).num_threads() <= threads_before + 2, 30, "the flood's threads ended")
    memory_after = tree_memory_mb(server)
    report(f"get-flood-{mode}", {
        "mode": mode, "requests": FLOOD, "flood_seconds": round(flood_seconds, 2),
        "statuses": {str(s): statuses.count(s) for s in sorted(set(statuses))},
        "visitor_status": visitor["status"], "visitor_answer_seconds": round(visitor["seconds"], 3),
        "reclaimed_within_seconds": round(reclaim_seconds, 1), "memory_before_mb": round(memory_before, 1),
        "memory_peak_mb": round(memory_peak, 1), "memory_after_mb": round(memory_after, 1),
    })
    assert memory_after - memory_before < MEMORY_BOUND
    # The server takes visitors again (the next tests' visitors are its next real pages).
    assert http_get(server.url + "readyz", timeout=10)[0] == 200


@pytest.fixture(scope="module")
def alice(server: JupystServer) -> Iterator[PageClient]:
    client = PageClient(server.url, "?who=alice").open()
    yield client
    leave(server.url, client)


@pytest.fixture(scope="module")
def bob(server: JupystServer) -> Iterator[PageClient]:
    client = PageClient(server.url, "?who=bob").open()
    yield client
    leave(server.url, client)


def runs(client: PageClient) -> int:
    return int(summary(client).rsplit("runs=", 1)[1])


def move_is_one_run(client: PageClient, value: int) -> None:
    """A real slider move from ``client``'s page is exactly the app's next run."""
    line = summary(client)
    expected = re.sub(r" n=\d+ ", f" n={value} ", line).rsplit("runs=", 1)[0] + f"runs={runs(client) + 1}"
    update(client, model(client, "jupyst-slider-input"), {"value": value})
    client.wait_shows(expected)


def forge_updates(client: PageClient, other: PageClient) -> int:
    """Every update a widget's page would never send; returns how many were sent."""
    slider = model(client, "jupyst-slider-input")
    pick = model(client, "jupyst-selectbox")
    check = model(client, "jupyst-checkbox")
    text = model(client, "jupyst-text_input")
    (button,) = [m for m, s in client.states.items() if s.get("_model_name") == "ButtonModel" and s.get("description") == "go"]
    layout = client.states[slider]["layout"].removeprefix("IPY_MODEL_")
    sent = 0

    def forged(comm_id: Any, state: Any) -> None:
        nonlocal sent
        update(client, comm_id, state)
        sent += 1

    # models the app did not create: another visitor's, made-up ids, ids that are not strings
    forged(model(other, "jupyst-slider-input"), {"value": 50})
    for comm_id in (uuid.uuid4().hex, "", None, 42, ["x"], {"a": 1}, "x" * 10_000):
        forged(comm_id, {"value": 1})
    # out of the widget's domain, or of the wrong JSON type
    for value in (101, -1, 10**30, 5.5, "50", True, None, [1, 2], {"v": 1}, "x" * 100_000):
        forged(slider, {"value": value})
    for index in (None, 3, -1, 99, "1", 1.0, True, [0]):
        forged(pick, {"index": index})
    forged(pick, {"value": "z", "label": "z"})  # an option not in the list
    forged(pick, {"options": ["a", "z"], "_options_labels": ["a", "z"]})
    for value in ("yes", 1, None, [True]):
        forged(check, {"value": value})
    for value in ("longer than five", 7, None, ["ab"]):
        forged(text, {"value": value})
    # traits the page never sets, on widgets the app did create
    forged(slider, {"max": 1000, "value": 500})
    forged(slider, {"description": "y" * 1_000_000})
    forged(layout, {"width": "9999px", "display": "none"})
    forged(slider, {"_model_name": "Anything"})
    forged(slider, "not a state")
    forged(slider, None)
    # other methods and custom events
    for data in (
        {"method": "custom", "content": {"event": "click"}},  # a click on a slider
        {"method": "echo_update", "state": {"value": 60}},
        {"method": "frobnicate", "state": {"value": 61}},
        {"method": None},
        "not a dict",
        None,
    ):
        client.send("comm_msg", {"comm_id": slider, "data": data})
        sent += 1
    for content in ({"event": "dblclick"}, {"event": "click", "extra": 1}, "click", None):
        client.send("comm_msg", {"comm_id": button, "data": {"method": "custom", "content": content}})
        sent += 1
    return sent


def test_forged_updates_change_nothing_and_rerun_nothing(server: JupystServer, alice: PageClient, bob: PageClient) -> None:
    move_is_one_run(alice, 7)
    before, bob_before = widget_values(alice), summary(bob)
    line = summary(alice)
    sent = forge_updates(alice, bob)
    alice.drain(1.0)
    # Nothing reran and nothing changed: the kernel's values and the app's own line are as before.
    assert widget_values(alice) == before == {"n": 7, "pick": 0, "on": False, "name": "x"}
    assert summary(alice) == line
    # The next real moves are the app's next runs: none of the forged messages ran it.
    move_is_one_run(alice, 8)
    update(alice, model(alice, "jupyst-selectbox"), {"index": 2})
    alice.wait_shows(f"alice n=8 pick=c on=False name=x runs={runs(alice) + 1}")
    bob.drain(0.3)
    assert summary(bob) == bob_before
    assert server_process(server).is_running()
    log = server.log()
    assert log.count("refused") >= sent // 2, log[-3000:]
    # Each refusal is one bounded line, even for megabyte values.
    assert max(len(line) for line in log.splitlines()) < 2500


def big_widget_state(size: int) -> dict[str, Any]:
    return {
        "_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0", "_model_name": "TextModel",
        "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0", "_view_name": "TextView",
        "value": "x" * size,
    }


def test_comm_open_of_any_target_holds_nothing(server: JupystServer, mode: str, alice: PageClient) -> None:
    process = session_process(server, mode, alice)
    comms_before = open_comms(alice)
    memory_before = rss_mb(process)
    line = summary(alice)
    for i in range(BIG_OPENS):
        alice.send("comm_open", {"comm_id": uuid.uuid4().hex, "target_name": "jupyter.widget",
                                 "data": {"state": big_widget_state(1_000_000), "buffer_paths": []}},
                   metadata={"version": "2.1.0"})
        if i % 10 == 9:
            open_comms(alice)  # in step with the kernel: the messages are handled, not queued
    for target in ("anything.else", "jupyter.widget.control", "comm", "", None, 7, "x" * 5_000):
        for _ in range(20):
            alice.send("comm_open", {"comm_id": uuid.uuid4().hex, "target_name": target, "data": {"k": "v" * 1000}})
    for comm_id in (None, 5, "", ["a"]):
        alice.send("comm_open", {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}})
    comms_after = open_comms(alice)
    memory_after = rss_mb(process)
    report(f"forged-comm-open-{mode}", {
        "mode": mode, "comm_opens": BIG_OPENS + 7 * 20 + 4, "comms_before": comms_before,
        "comms_after": comms_after, "rss_before_mb": round(memory_before, 1), "rss_after_mb": round(memory_after, 1),
    })
    # Only a few widget control channels may stay open: no model the browser asked for.
    assert comms_after <= comms_before + 2
    assert memory_after - memory_before < MEMORY_BOUND
    assert process.is_running()
    # The app is as it was, and still answers.
    assert summary(alice) == line
    move_is_one_run(alice, 9)


def malformed_frames() -> list[str | bytes]:
    header = {"msg_id": "m", "msg_type": "comm_msg", "session": "s", "username": "u", "date": "", "version": "5.3"}
    good_json = json.dumps({"header": header, "parent_header": {}, "metadata": {}, "content": {}, "channel": "shell"}).encode()
    return [
        "{this is not json",
        "[1, 2, 3]",
        "null",
        json.dumps({"header": "nope", "content": {}}),
        json.dumps({"header": {"msg_type": 5}, "content": {}}),
        json.dumps({"header": header, "content": [1], "channel": "shell"}),
        json.dumps({"header": header, "content": {}, "metadata": "x", "channel": "shell"}),
        b"\x00\x00",
        struct.pack("!I", 100_000) + b"\x00" * 12,
        struct.pack("!II", 2, 8) + struct.pack("!I", 10**9) + good_json,
        struct.pack("!III", 2, 12, 4) + good_json,
        b"\xff" * 64,
    ]


UNKNOWN_TYPES = [
    "execute_request", "complete_request", "inspect_request", "history_request", "is_complete_request",
    "input_reply", "interrupt_request", "debug_request", "usage_request", "frobnicate_request", "",
]


def test_malformed_frames_and_unknown_types_leave_the_app_alive(
    server: JupystServer, mode: str, alice: PageClient, tmp_path: Path
) -> None:
    pid = session_process(server, mode, alice).pid
    line = summary(alice)
    target = tmp_path / "pwned"
    for msg_type in UNKNOWN_TYPES:
        alice.send(msg_type, {"code": f"open({str(target)!r}, 'w').write('x')", "silent": False})
    for frame in malformed_frames():
        # The server may close a socket that sent garbage: that is its right.
        with contextlib.suppress(websocket.WebSocketException, OSError):
            raw(alice, frame)
        if alice.ws is None or not alice.ws.connected:
            alice.close()
            alice.connect()
    # Whatever became of the socket, the page comes back to the same session, as it was.
    alice.close()
    alice.connect()
    alice.load_states()
    assert summary(alice) == line
    assert not target.exists()
    assert session_process(server, mode, alice).pid == pid  # the same kernel, not one restarted blank
    move_is_one_run(alice, 11)
    assert 'Received message of type "execute_request", which is not allowed' in server.log()


def test_the_page_cannot_close_the_apps_widgets(server: JupystServer, alice: PageClient) -> None:
    # A page closes only the control comm it opened; a comm_close naming one of the app's
    # widgets (or the app's main box) would leave that widget dead in the session.
    slider = model(alice, "jupyst-slider-input")
    line = summary(alice)
    for comm_id in (slider, model(alice, "jupyst-main"), model(alice, "jupyst-selectbox"), uuid.uuid4().hex, None, 3):
        alice.send("comm_close", {"comm_id": comm_id, "data": {}})
    alice.drain(0.5)
    assert summary(alice) == line
    move_is_one_run(alice, 13)
    again = PageClient(server.url)
    again.connect(alice.kernel_id)
    try:
        states = again.load_states()
        assert {slider, model(alice, "jupyst-main")} <= set(states)
    finally:
        again.close()
