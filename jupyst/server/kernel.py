"""A virtual kernel: one visitor's end of the Jupyter widget protocol, inside the server.

The page of a visitor talks to "its kernel" over ``/api/kernels/<id>/channels`` exactly as it
would to an ipykernel behind Voilà. Here that kernel is this object: it owns the visitor's
comms (one per widget model), answers the few requests a widget page makes
(``kernel_info_request``, ``comm_info_request``, ``comm_open`` of the widget control channel,
``comm_msg``, ``comm_close``) and refuses everything else, ``execute_request`` first, with
jupyter_server's own log line.

Threads: requests from the page are handled in order on the kernel's own *shell thread*
(a slow or failing handler holds up this visitor only); messages to the page may be
published from any thread and are written by the server's event loop, in publication
order: they queue in the kernel's outbox, and the loop is woken once for all the messages
published before it gets to them (a rerun publishes a dozen; a wake-up per message is a
system call and a turn at the GIL each). While the page is disconnected (a dropped
connection that may come back) messages are kept, up to a bound, and replayed when it
reconnects, as jupyter_server does. A page that was sent the widget states with its HTML
(:meth:`VirtualKernel.page_states`) gets, on its first connection, what was published since.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import platform
import queue
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from typing import Any

from comm.base_comm import CommManager

from jupyst.server.comms import VirtualComm, kernel_scope, set_thread_kernel
from jupyst.server.protocol import PROTOCOL_VERSION, message_ids, new_message, to_frame

log = logging.getLogger("jupyst.server")

#: messages a page may send; anything else is refused (as Voilà refuses execute_request)
ALLOWED = frozenset({"comm_open", "comm_close", "comm_msg", "comm_info_request", "kernel_info_request"})
WIDGET_TARGET = "jupyter.widget"
CONTROL_TARGET = "jupyter.widget.control"
#: control comms a page keeps open at once (a page opens one, then closes it); opening more
#: closes the oldest, so a page cannot grow its kernel by opening control comms
MAX_CONTROL_COMMS = 2
#: requests waiting for the shell thread; a page that floods more is cut off
MAX_INBOUND = 2000
#: frames kept for a disconnected page (beyond, the oldest are dropped and the page reloads)
MAX_BUFFERED_FRAMES = 20000

Frame = tuple[Any, bool]
Writer = Callable[[Any, bool], None]
ManyWriter = Callable[[list[Frame]], None]


class VirtualKernel:
    """One visitor's kernel. ``loop_call`` runs a callable on the server's event loop."""

    def __init__(self, loop_call: Callable[..., None], kernel_id: str | None = None) -> None:
        self.id = kernel_id or str(uuid.uuid4())
        self.session_key = uuid.uuid4().hex
        self._msg_ids = message_ids(self.session_key)
        self.comms = CommManager()
        #: Layout/Style instances shared by this visitor's widgets (jupyst.widgets.shared_models.shared)
        self.shared_widgets: dict[type, Any] = {}
        self.session: Any = None
        self.closed = False
        self.created = time.monotonic()
        self.last_activity = time.monotonic()
        self.connected_once = False
        #: keep what is published while no page is attached, for the page's next connection
        self._keeping = False
        self._loop_call = loop_call
        self._writer: Writer | None = None
        self._write_many: ManyWriter | None = None
        self._hang_up: Callable[[], None] | None = None
        self._buffer: deque[Frame] = deque(maxlen=MAX_BUFFERED_FRAMES)
        self._inbound: queue.Queue[dict[str, Any] | None] = queue.Queue(MAX_INBOUND)
        self._shell: threading.Thread | None = None
        self._control: deque[VirtualComm] = deque()
        self._parent = threading.local()
        self._lock = threading.Lock()
        #: frames published and not yet handed to the event loop, and whether it is to come for them
        self._outbox: deque[Frame] = deque()
        self._outbox_lock = threading.Lock()
        self._flush_due = False

    # ----- the page's socket (event loop thread) ------------------------------------------
    @property
    def connected(self) -> bool:
        return self._writer is not None

    def attach(
        self, writer: Writer, hang_up: Callable[[], None] | None = None, write_many: ManyWriter | None = None,
    ) -> None:
        """A page's socket connected: it gets this kernel's messages from now on.

        ``write_many``, if given, sends several frames at once (in order). A socket already
        attached (the same page, reconnecting before its old socket was seen to drop) is hung
        up: one page, one socket.
        """
        if self._hang_up is not None and self._writer != writer:
            self.hang_up()
        self._writer = writer
        self._write_many = write_many
        self._hang_up = hang_up
        self.last_activity = time.monotonic()
        while self._buffer and self._writer == writer:
            writer(*self._buffer.popleft())
        self._buffer.clear()
        self.connected_once = True
        self._keeping = True

    def detach(self, writer: Writer) -> None:
        if self._writer == writer:
            self._writer = None
            self._write_many = None
            self._hang_up = None

    def hang_up(self) -> None:
        """Close the page's socket, if one is attached (event loop thread)."""
        hang_up, self._hang_up, self._writer, self._write_many = self._hang_up, None, None, None
        if hang_up is not None:
            hang_up()

    def _write(self, frame: Any, binary: bool) -> None:
        writer = self._writer
        if writer is not None:
            writer(frame, binary)
        elif self._keeping and not self.closed:
            self._buffer.append((frame, binary))

    # ----- to the page (any thread) --------------------------------------------------------
    def publish(
        self, msg_type: str, content: dict[str, Any], *, metadata: dict[str, Any] | None = None,
        buffers: list[Any] | None = None, channel: str = "iopub", parent: dict[str, Any] | None = None,
    ) -> None:
        if parent is None:
            parent = getattr(self._parent, "header", None)
        msg = new_message(
            msg_type, content, session=self.session_key, channel=channel, parent=parent, metadata=metadata,
            msg_id=self._msg_ids.next(),
        )
        frame = to_frame(msg, buffers)  # packed on the publishing thread, not the loop
        with self._outbox_lock:
            self._outbox.append(frame)
            if self._flush_due:
                return
            self._flush_due = True
        self._loop_call(self._flush)

    def _flush(self) -> None:
        """Write every frame of the outbox, in publication order (event loop thread)."""
        with self._outbox_lock:
            frames = list(self._outbox)
            self._outbox.clear()
            self._flush_due = False
        write_many = self._write_many
        if write_many is not None and self._writer is not None:
            write_many(frames)
            return
        for frame, binary in frames:
            self._write(frame, binary)

    def _status(self, state: str, parent: dict[str, Any]) -> None:
        self.publish("status", {"execution_state": state}, parent=parent)

    # ----- from the page (event loop thread, then the shell thread) -------------------------
    def receive(self, msg: dict[str, Any]) -> bool:
        """Queue a parsed message for the shell thread; False if this page floods."""
        self.last_activity = time.monotonic()
        if self.closed:
            return True
        msg_type = msg["msg_type"]
        if msg_type not in ALLOWED:
            # jupyter_server's wording, so that logs read the same in both serving modes.
            log.warning('Received message of type "%s", which is not allowed. Ignoring.', msg_type)
            return True
        with self._lock:
            if self._shell is None:
                self._shell = threading.Thread(target=self._serve, name=f"jupyst-shell-{self.id[:8]}", daemon=True)
                self._shell.start()
        try:
            self._inbound.put_nowait(msg)
        except queue.Full:
            log.warning("jupyst: kernel %s: too many pending messages from its page; dropping its socket", self.id)
            return False
        return True

    def _serve(self) -> None:
        set_thread_kernel(self)
        while True:
            msg = self._inbound.get()
            if msg is None or self.closed:
                return
            header = msg["header"]
            self._parent.header = header
            self._status("busy", header)
            try:
                self._handle(msg)
            except Exception:  # a bad message ends nothing but its own handling
                log.exception("jupyst: kernel %s: error handling a %s message", self.id, msg["msg_type"])
            finally:
                self._status("idle", header)
                self._parent.header = None

    def _handle(self, msg: dict[str, Any]) -> None:
        msg_type = msg["msg_type"]
        content = msg["content"]
        if msg_type == "kernel_info_request":
            self._reply(msg, "kernel_info_reply", kernel_info())
        elif msg_type == "comm_info_request":
            target = content.get("target_name")
            comms = {
                cid: {"target_name": c.target_name}
                for cid, c in list(self.comms.comms.items())
                if target is None or c.target_name == target
            }
            self._reply(msg, "comm_info_reply", {"status": "ok", "comms": comms})
        elif msg_type == "comm_open":
            self._comm_open(msg)
        elif msg_type == "comm_msg":
            comm = self.comms.comms.get(str(content.get("comm_id")))
            if comm is None:
                log.info("jupyst: kernel %s: message for an unknown comm ignored", self.id)
                return
            comm.handle_msg(msg)
        elif msg_type == "comm_close":
            comm_id = str(content.get("comm_id"))
            comm = self.comms.comms.get(comm_id)
            if comm is None:
                return
            if comm.target_name != CONTROL_TARGET:
                # A page closes only the control comm it opened; closing one of the app's
                # widgets would leave it dead in this session.
                log.warning("jupyst: refused a comm_close from the browser for a widget of the app")
                return
            self.comms.comms.pop(comm_id, None)
            comm._closed = True
            comm.handle_close(msg)

    def _reply(self, request: dict[str, Any], msg_type: str, content: dict[str, Any]) -> None:
        self.publish(msg_type, content, channel=request.get("channel") or "shell", parent=request["header"])

    def _comm_open(self, msg: dict[str, Any]) -> None:
        content = msg["content"]
        comm_id = content.get("comm_id")
        target = content.get("target_name")
        if not isinstance(comm_id, str) or not comm_id or comm_id in self.comms.comms:
            return
        if target != CONTROL_TARGET:
            # Pages do not create widgets here; answer with a close, as a kernel without the target does.
            log.info("jupyst: kernel %s: refused a comm for target %r", self.id, target)
            self.publish("comm_close", {"comm_id": comm_id, "data": {}})
            return
        self._control = deque(c for c in self._control if not c._closed)
        while len(self._control) >= MAX_CONTROL_COMMS:
            self._control.popleft().close()
        control = VirtualComm(self, comm_id=comm_id, primary=False, target_name=CONTROL_TARGET)
        self._control.append(control)
        self.comms.register_comm(control)
        control.on_msg(lambda m: self._control_msg(control, m))

    def _control_msg(self, control: VirtualComm, msg: dict[str, Any]) -> None:
        data = msg["content"].get("data") or {}
        if data.get("method") != "request_states":
            log.info("jupyst: kernel %s: unknown widget control message ignored", self.id)
            return
        content, buffers = self._widget_states()
        control.send(content, buffers=buffers)

    def _widget_states(self) -> tuple[dict[str, Any], list[Any]]:
        """ipywidgets' ``update_states`` answer: every widget of this kernel, and its buffers."""
        from ipywidgets.widgets.widget import _instances, _remove_buffers

        states = {}
        for cid, c in list(self.comms.comms.items()):
            widget = _instances.get(cid) if c.target_name == WIDGET_TARGET else None
            if widget is None or widget.comm is not c:
                continue
            states[cid] = {
                "model_name": widget._model_name,
                "model_module": widget._model_module,
                "model_module_version": widget._model_module_version,
                "state": widget.get_state(drop_defaults=False),
            }
        states, buffer_paths, buffers = _remove_buffers(states)
        return {"method": "update_states", "states": states, "buffer_paths": buffer_paths}, buffers

    def page_states(self) -> dict[str, Any]:
        """The widget states for the page's HTML, base64 buffers included (event loop thread).

        From now on, what is published before the page's socket connects is kept for it: the
        page starts from these states and applies what changed after (a message published
        while the states are read may be in both; the page reads a widget opened twice as
        its new state).
        """
        self._flush()  # what was published before these states, and is in them, goes first
        self._keeping = True
        content, buffers = self._widget_states()
        content["buffers"] = [base64.b64encode(bytes(b)).decode("ascii") for b in buffers]
        return content

    # ----- the end ---------------------------------------------------------------------------
    def close(self) -> None:
        """Close the session and every widget of this kernel (blocking: not on the loop)."""
        if self.closed:
            return
        self.closed = True
        with contextlib.suppress(queue.Full):
            self._inbound.put_nowait(None)
        with kernel_scope(self):
            if self.session is not None:
                try:
                    self.session.close()
                except Exception:
                    log.exception("jupyst: kernel %s: closing its session failed", self.id)
            self._close_leftovers()
        self.session = None
        self._buffer.clear()

    def _close_leftovers(self) -> None:
        from ipywidgets.widgets.widget import _instances

        for cid, c in list(self.comms.comms.items()):
            widget = _instances.get(cid)
            try:
                if widget is not None and widget.comm is c:
                    widget.close()
                else:
                    c.close()
            except Exception:
                log.exception("jupyst: kernel %s: closing a widget failed", self.id)
        for widget in list(self.shared_widgets.values()):
            widget.close()
        self.shared_widgets.clear()
        self.comms.comms.clear()


def kernel_info() -> dict[str, Any]:
    from jupyst.version import __version__ as version

    return {
        "status": "ok",
        "protocol_version": PROTOCOL_VERSION,
        "implementation": "jupyst",
        "implementation_version": version,
        "language_info": {
            "name": "python",
            "version": platform.python_version(),
            "mimetype": "text/x-python",
            "file_extension": ".py",
        },
        "banner": "",
        "help_links": [],
    }
