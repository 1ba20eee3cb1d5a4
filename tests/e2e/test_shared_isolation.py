"""Shared mode keeps visitors apart: what one page receives, sends or breaks stays its own.

Two visitors open the same app with different query strings (``?who=alice``, ``?who=bob``);
the app shows the name in its texts, so a frame carrying another visitor's values would
carry their name. Frames are read where they arrive: in real Chromium pages (every websocket
frame the page received) and on raw protocol sockets (tests/e2e/widget_client.py).
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import VIEWPORT, save_screenshot
from tests.e2e.server import JupystServer
from tests.e2e.widget_client import PageClient, decode_frame, http_get

pytestmark = pytest.mark.e2e

UPDATE_MS = 20_000

APP = '''import logging
import time
import streamlit as st

who = st.query_params.get("who", "nobody")
st.text(f"page of {who}")
n = st.slider("n", 0, 100, 5)
st.text(f"{who} n={n}")
print(f"PRINTED-{who}-{n}", flush=True)
logging.getLogger("isolation-app").warning("LOGGED-%s-%s", who, n)
st.session_state.setdefault("clicks", 0)
if st.button("Count"):
    st.session_state.clicks += 1
st.text(f"{who} clicks={st.session_state.clicks}")
if st.button("Spin"):
    end = time.time() + 8
    while time.time() < end:  # no st.* call: nothing can interrupt this run
        pass
    st.text(f"{who} spun")
if n == 13:
    raise ValueError(f"unlucky {who}")
if n == 14:
    st.stop()
st.text(f"{who} end")
'''


@pytest.fixture(scope="module")
def isolation_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("isolation-app")
    (folder / "app.py").write_text(APP, encoding="utf-8")
    return folder / "app.py"


@pytest.fixture(scope="module")
def shared_server(isolation_app: Path, server_env: dict[str, str], e2e_root: Path) -> Iterator[JupystServer]:
    # Error details hidden, as for visitors of a published app (loopback would show them).
    args = ["run", str(isolation_app), "--shared", "--client.showErrorDetails", "none"]
    server = JupystServer(args, server_env, isolation_app.parent, e2e_root / "isolation.log")
    server.start()
    yield server
    server.stop()


def frame_text(frame: str | bytes) -> str:
    return frame if isinstance(frame, str) else frame.decode("utf-8", errors="replace")


def model_ids(frames: list[str | bytes]) -> set[str]:
    """Every widget model id the frames name (comm ids and the ids inside update_states)."""
    ids: set[str] = set()
    for frame in frames:
        msg = decode_frame(frame)
        content = msg.get("content", {})
        if "comm_id" in content:
            ids.add(content["comm_id"])
        states = content.get("data", {}).get("states") if isinstance(content.get("data"), dict) else None
        if isinstance(states, dict):
            ids.update(states)
    return ids


def page_states(page: Any) -> str:
    """The widget states the server wrote into a lean page's HTML ("" on another front end)."""
    return str(page.evaluate("() => (document.getElementById('jupyst-widget-states') || {}).textContent || ''"))


def page_state_ids(page: Any) -> set[str]:
    text = page_states(page)
    return set(json.loads(text)["states"]) if text else set()


def click(client: PageClient, label: str) -> None:
    for model_id, state in client.states.items():
        if "jupyst-button" in (state.get("_dom_classes") or ()) and state.get("description") == label:
            client.send("comm_msg", {"comm_id": model_id, "data": {"method": "custom", "content": {"event": "click"}}})
            return
    raise AssertionError(f"no button {label!r}")


def slider(client: PageClient) -> str:
    # the ipywidgets slider inside the slider element's box: the one a browser sends values to
    (model_id,) = client.models("jupyst-slider-input")
    return model_id


def test_two_browser_pages_receive_only_their_own_frames(
    shared_server: JupystServer, browser: Any, request: pytest.FixtureRequest
) -> None:
    frames: dict[str, list[str | bytes]] = {"alice": [], "bob": []}
    pages = {}
    for who in frames:
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        page.on("websocket", lambda ws, who=who: ws.on("framereceived", lambda payload, who=who: frames[who].append(payload)))
        page.goto(f"{shared_server.url}?who={who}", wait_until="commit")
        page.locator(".jupyst-main").get_by_text(f"{who} n=5", exact=True).wait_for(timeout=UPDATE_MS)
        pages[who] = page
    for steps, who in ((1, "alice"), (3, "bob")):
        handle = pages[who].locator(".jupyst-main .jupyst-slider .noUi-handle").first
        handle.focus()
        for _ in range(steps):
            handle.press("ArrowRight")
        pages[who].locator(".jupyst-main").get_by_text(f"{who} n={5 + steps}", exact=True).wait_for(timeout=UPDATE_MS)
    for who, page in pages.items():
        save_screenshot(page, f"{request.node.name}_{who}")
    assert pages["alice"].locator(".jupyst-main").get_by_text("bob", exact=False).count() == 0
    alice, bob = (" ".join([page_states(pages[w]), *map(frame_text, frames[w])]) for w in ("alice", "bob"))
    assert "alice n=6" in alice
    assert "bob n=8" in bob
    assert "bob" not in alice
    assert "alice" not in bob
    # The widgets each page was sent: with its HTML (the lean page's states) and on its socket.
    a_ids, b_ids = (model_ids(frames[w]) | page_state_ids(pages[w]) for w in ("alice", "bob"))
    assert len(a_ids) > 10
    assert len(b_ids) > 10
    assert a_ids.isdisjoint(b_ids)
    for page in pages.values():
        page.context.close()


def test_protocol_sockets_forged_messages_and_prints_stay_with_their_visitor(shared_server: JupystServer) -> None:
    alice = PageClient(shared_server.url, "?who=alice").open()
    bob = PageClient(shared_server.url, "?who=bob").open()
    try:
        assert alice.kernel_id != bob.kernel_id
        bob_slider = slider(bob)
        # Alice's socket names Bob's slider: a forged message goes nowhere.
        alice.set_value(bob_slider, 77)
        alice.send("comm_msg", {"comm_id": str(uuid.uuid4()), "data": {"method": "update", "state": {"value": 1}}})
        alice.set_value(slider(alice), 9)
        alice.wait_shows("alice n=9")
        bob.drain(1.0)
        assert bob.states[bob_slider]["value"] == 5
        assert not bob.shows("bob n=77")
        bob.set_value(bob_slider, 11)
        bob.wait_shows("bob n=11")
        alice.drain(0.5)
        # Every frame either socket got is its own visitor's.
        assert not any("bob" in frame_text(f) for f in alice.frames)
        assert not any("alice" in frame_text(f) for f in bob.frames)
        assert model_ids(alice.frames).isdisjoint(model_ids(bob.frames))
        # print and logging of a script go to the server's output, never to a page.
        log = shared_server.log()
        assert "PRINTED-alice-9" in log
        assert "LOGGED-bob-11" in log
        assert not any("PRINTED" in frame_text(f) or "LOGGED" in frame_text(f) for f in alice.frames + bob.frames)
    finally:
        alice.close()
        bob.close()


def test_errors_stop_and_a_spinning_script_stay_in_their_session(shared_server: JupystServer) -> None:
    alice = PageClient(shared_server.url, "?who=alice").open()
    bob = PageClient(shared_server.url, "?who=bob").open()
    try:
        # Alice's run raises, then stops: her page says so, Bob's app is untouched.
        alice.set_value(slider(alice), 13)
        alice.wait_shows("This app has encountered an error")
        bob.set_value(slider(bob), 20)
        bob.wait_shows("bob end")
        bob.wait_shows("bob n=20")
        alice.set_value(slider(alice), 14)
        alice.wait_shows("alice n=14")
        assert not bob.shows("encountered an error")
        # Alice's script spins for seconds without an st.* call; Bob's page still updates.
        alice.set_value(slider(alice), 30)
        alice.wait_shows("alice end")
        click(alice, "Spin")
        time.sleep(0.5)  # let the spin begin
        done: list[float] = []
        spun = threading.Thread(target=lambda: (alice.wait_shows("alice spun", timeout=60), done.append(time.monotonic())))
        spun.start()
        began = time.monotonic()
        bob.set_value(slider(bob), 21)
        bob.wait_shows("bob n=21")
        bob_done = time.monotonic()
        spun.join(70)
        assert done, "alice's spin never finished"
        # Bob's round trip ended while Alice's run was still spinning.
        assert bob_done < done[0], (bob_done - began, done[0] - began)
    finally:
        alice.close()
        bob.close()


def test_unknown_and_forged_session_ids_are_404(shared_server: JupystServer) -> None:
    import websocket

    forged = str(uuid.uuid4())
    assert http_get(f"{shared_server.url}api/kernels/{forged}")[0] == 404
    assert http_get(f"{shared_server.url}api/kernels/not-a-kernel-id")[0] in (403, 404)
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        PageClient(shared_server.url).connect(forged)
    assert refused.value.status_code == 404
    # A live visitor's id is not a way into anything else either: the model endpoint is all.
    alice = PageClient(shared_server.url, "?who=alice").open()
    try:
        assert http_get(f"{shared_server.url}api/kernels/{alice.kernel_id}")[0] == 200
        assert http_get(f"{shared_server.url}api/kernels")[0] in (403, 404, 405)
    finally:
        alice.close()
