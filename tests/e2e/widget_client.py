"""A visitor's page without a browser: the page GET, then the widget protocol on its socket.

It does what the page's JavaScript does first: read the kernel id from the page, open
``/api/kernels/<id>/channels``, ask for ``kernel_info``, open the widget control comm and ask
for every widget's state. It keeps every frame it receives, raw, so that tests can check what
crossed the socket. Written against the Jupyter message spec, not against jupyst's server
code, so it checks that code rather than echoing it.
"""

from __future__ import annotations

import contextlib
import json
import re
import struct
import time
import urllib.error
import urllib.request
import uuid
from typing import Any, Callable

import websocket

CONFIG_DATA = re.compile(r'<script id="jupyter-config-data" type="application/json">\s*(\{.*?\})\s*</script>', re.S)


def decode_frame(frame: str | bytes) -> dict[str, Any]:
    """A received frame as a message (with ``buffers`` for a binary one)."""
    if isinstance(frame, str):
        return json.loads(frame)
    (count,) = struct.unpack("!I", frame[:4])
    offsets = list(struct.unpack("!" + "I" * count, frame[4 : 4 * (count + 1)])) + [len(frame)]
    parts = [frame[a:b] for a, b in zip(offsets, offsets[1:])]
    msg = json.loads(parts[0])
    msg["buffers"] = parts[1:]
    return msg


def http_get(url: str, timeout: float = 60) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return int(response.status), dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return int(exc.code), dict(exc.headers), exc.read()


class PageClient:
    """One visitor. ``open()`` loads the page and its widgets; frames land in ``frames``."""

    def __init__(self, base_url: str, path: str = "") -> None:
        self.base_url = base_url.rstrip("/") + "/"
        self.path = path
        self.kernel_id = ""
        self.session = uuid.uuid4().hex
        self.frames: list[str | bytes] = []
        self.messages: list[dict[str, Any]] = []
        self.states: dict[str, dict[str, Any]] = {}
        self.ws: websocket.WebSocket | None = None
        self.status = 0

    # ----- opening ------------------------------------------------------------------------
    def load_page(self) -> int:
        status, _, body = http_get(self.base_url + self.path)
        self.status = status
        if status == 200:
            self.kernel_id = self.kernel_id_of(body)
        return status

    @staticmethod
    def kernel_id_of(page: bytes) -> str:
        """The kernel (or shared-mode session) id a page's HTML names."""
        match = CONFIG_DATA.search(page.decode("utf-8"))
        assert match, "no jupyter-config-data in the page"
        return str(json.loads(match.group(1))["kernelId"])

    def connect(self, kernel_id: str | None = None) -> PageClient:
        kernel_id = kernel_id or self.kernel_id
        url = self.base_url.replace("http://", "ws://") + f"api/kernels/{kernel_id}/channels?session_id={self.session}"
        self.ws = websocket.create_connection(url, timeout=30)
        return self

    def open(self) -> PageClient:
        status = self.load_page()
        assert status == 200, status
        self.connect()
        reply = self.request("kernel_info_request", {})
        assert reply["msg_type"] == "kernel_info_reply"
        self.load_states()
        return self

    def load_states(self) -> dict[str, dict[str, Any]]:
        control = uuid.uuid4().hex
        self.send("comm_open", {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}}, metadata={"version": "1.0.0"})
        self.send("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
        msg = self.wait_for(
            lambda m: m["msg_type"] == "comm_msg" and m["content"].get("comm_id") == control
            and m["content"]["data"].get("method") == "update_states"
        )
        for model_id, entry in msg["content"]["data"]["states"].items():
            self.states[model_id] = dict(entry["state"])
        self.send("comm_close", {"comm_id": control, "data": {}})
        return self.states

    # ----- messages ---------------------------------------------------------------------------
    def message(self, msg_type: str, content: dict[str, Any], metadata: dict[str, Any] | None = None) -> dict[str, Any]:
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": msg_type, "username": "test", "session": self.session, "date": "", "version": "5.3"}
        return {"header": header, "msg_id": msg_id, "msg_type": msg_type, "parent_header": {}, "metadata": metadata or {},
                "content": content, "channel": "shell", "buffers": []}

    def send(self, msg_type: str, content: dict[str, Any], metadata: dict[str, Any] | None = None) -> dict[str, Any]:
        msg = self.message(msg_type, content, metadata)
        assert self.ws is not None
        self.ws.send(json.dumps(msg))
        return msg

    def request(self, msg_type: str, content: dict[str, Any], timeout: float = 30) -> dict[str, Any]:
        msg = self.send(msg_type, content)
        return self.wait_for(lambda m: m.get("parent_header", {}).get("msg_id") == msg["msg_id"] and m["channel"] == "shell", timeout)

    def receive(self, timeout: float) -> dict[str, Any] | None:
        assert self.ws is not None
        self.ws.settimeout(timeout)
        try:
            frame = self.ws.recv()
        except websocket.WebSocketTimeoutException:
            return None
        if frame in ("", b"") or not self.ws.connected:
            raise ConnectionError("the server closed this socket")
        self.frames.append(frame)
        msg = decode_frame(frame)
        self.messages.append(msg)
        self._track(msg)
        return msg

    def wait_for(self, predicate: Callable[[dict[str, Any]], bool], timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the expected message did not come")
            msg = self.receive(min(remaining, 1.0))
            if msg is not None and predicate(msg):
                return msg

    def drain(self, seconds: float) -> None:
        """Take every frame that arrives within ``seconds``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.receive(max(0.01, deadline - time.monotonic()))

    def _track(self, msg: dict[str, Any]) -> None:
        content = msg.get("content", {})
        if msg["msg_type"] == "comm_open" and content.get("target_name") == "jupyter.widget":
            self.states[content["comm_id"]] = dict(content["data"].get("state", {}))
        elif msg["msg_type"] == "comm_msg" and content.get("data", {}).get("method") in ("update", "echo_update"):
            self.states.setdefault(content["comm_id"], {}).update(content["data"].get("state", {}))
        elif msg["msg_type"] == "comm_close":
            self.states.pop(content.get("comm_id"), None)

    # ----- widgets --------------------------------------------------------------------------
    def models(self, dom_class: str) -> list[str]:
        return [mid for mid, s in self.states.items() if dom_class in (s.get("_dom_classes") or ())]

    def set_value(self, model_id: str, value: Any) -> dict[str, Any]:
        return self.send("comm_msg", {"comm_id": model_id, "data": {"method": "update", "state": {"value": value}, "buffer_paths": []}})

    def shows(self, text: str) -> bool:
        return any(isinstance(s.get("value"), str) and text in s["value"] for s in self.states.values())

    def wait_shows(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not self.shows(text):
            assert time.monotonic() < deadline, f"{text!r} never shown"
            self.receive(0.2)

    def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(OSError):
                self.ws.close()
            self.ws = None
