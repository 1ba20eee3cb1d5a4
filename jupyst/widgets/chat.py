"""The widgets of a chat: a message row (avatar beside a body) and the chat input box.

:class:`ChatMessageBox` is an HBox of an avatar and a VBox that holds the message's
elements; its Python-side ``avatar_html`` trait redraws the avatar in place.

:class:`ChatInputBox` speaks anywidget's protocol with ``chat_input.js``: a text area where
Enter sends and Shift+Enter starts a new line, a send button and, when files are accepted,
an attach button. A send sets ``submission`` to ``{"seq", "text", "files"}`` (each file a
dict with ``name``, ``type``, ``size`` and its ``content`` as a binary buffer) and empties
the box. The kernel does not trust it: a submission from a disabled box, with more text than
``max_chars`` or with files the box does not take is dropped here, the kernel puts the text
back into the box (``restore``), and the reconciler never sees it.
"""

from __future__ import annotations

import logging
from typing import Any

import ipywidgets as w
import traitlets as t

from jupyst.widgets.browser_input import add_browser_traits
from jupyst.widgets.composite import close_widget
from jupyst.widgets.module_widget import ModuleWidget, es_module
from jupyst.widgets.runtime_writes import applying

log = logging.getLogger("jupyst")

_ESM = es_module("chat_input")

#: ``accept_file`` as the front end knows it
FILE_MODES = ("none", "single", "multiple", "directory")


class ChatMessageBox(w.HBox):
    """One chat message: an avatar on the left, the message's elements on the right."""

    avatar_html = t.Unicode("", help="HTML of the avatar (an icon, an emoji or an <img>).")

    def __init__(self, **kwargs: Any) -> None:
        self._avatar = w.HTML(_dom_classes=("jupyst-chat-avatar",))
        self.body = w.VBox(_dom_classes=("jupyst-chat-body", "jupyst-block"))
        super().__init__(**kwargs)
        self.children = (self._avatar, self.body)
        self._avatar.value = self.avatar_html

    @t.observe("avatar_html")
    def _avatar_set(self, change: dict[str, Any]) -> None:
        self._avatar.value = change["new"]

    def close_tree(self) -> None:
        # The body's children belong to the reconciler (it closes them); the frame is ours.
        close_widget(self._avatar)
        close_widget(self.body)
        close_widget(self)


class ChatInputBox(ModuleWidget):
    """The chat input: text, optional files, sent as one submission."""

    _esm = t.Unicode(_ESM, help="The chat input's ES module (chat_input.js).").tag(sync=True)
    _anywidget_id = t.Unicode("jupyst.widgets.chat.ChatInputBox", help="Names the module for anywidget's hot reload.").tag(sync=True)

    placeholder = t.Unicode("Your message", help="Text shown while the box is empty.").tag(sync=True)
    max_chars = t.Int(0, help="Most characters a message may have; 0 for no limit.").tag(sync=True)
    disabled = t.Bool(False, help="A disabled box takes no input and sends nothing.").tag(sync=True)
    accept_file = t.Enum(FILE_MODES, "none", help="Whether files can be attached: none, single, multiple or directory.").tag(sync=True)
    file_type = t.List(t.Unicode(), help="Accepted MIME types and extensions (the input's accept).").tag(sync=True)
    max_upload_mb = t.Int(200, help="Largest file, in megabytes.").tag(sync=True)
    submit_mode = t.Enum(("submit", "disable", "stop"), "submit", help="What the box does while the run a send started goes on.").tag(sync=True)
    set_text = t.Dict(help="Text the script put into the box: {'nonce', 'text'}.").tag(sync=True)
    restore = t.Dict(help="A refused submission's text, given back to the box: {'seq', 'text'}.").tag(sync=True)
    submission = t.Dict(None, allow_none=True, help="The last send: {'seq', 'text', 'files'}; None once handled.").tag(sync=True)

    @t.validate("submission")
    def _check_submission(self, proposal: dict[str, Any]) -> Any:
        value = proposal["value"]
        if value is None or applying():
            return value
        problem = self.problem(value)
        if problem is None:
            return value
        log.warning("jupyst: refused a chat input submission from the front end: %s", problem)
        text = value.get("text") if isinstance(value, dict) else None
        seq = value.get("seq") if isinstance(value, dict) else None
        # Nothing the visitor typed is lost: the box gets its text back. (Raising here would
        # make traitlets roll this write back too, so the submission is dropped instead.)
        self.restore = {"seq": seq if isinstance(seq, int) else -1, "text": text if isinstance(text, str) else ""}
        return self.submission

    def problem(self, value: Any) -> str | None:
        """Why a submission from the front end is refused, or None if it is acceptable."""
        if self.disabled:
            return "the chat input is disabled"
        return submission_problem(value, self.max_chars, self.accept_file, self.max_upload_mb)


def submission_problem(value: Any, max_chars: int, accept_file: str, max_upload_mb: int) -> str | None:
    """What is wrong with a submission for a box with these settings (None: nothing)."""
    if not isinstance(value, dict) or not isinstance(value.get("text"), str) or not isinstance(value.get("seq"), int):
        return "a submission is {'seq': int, 'text': str, 'files': [...]}"
    if max_chars and len(value["text"]) > max_chars:
        return f"the message is longer than max_chars={max_chars}"
    files = value.get("files") or []
    if not isinstance(files, list) or any(not isinstance(f, dict) for f in files):
        return "files must be a list of file dicts"
    if files and accept_file == "none":
        return "this chat input takes no files"
    if len(files) > 1 and accept_file == "single":
        return "this chat input takes one file"
    limit = max_upload_mb * 1024 * 1024
    for f in files:
        content = f.get("content")
        if not isinstance(f.get("name"), str) or not isinstance(content, (bytes, bytearray, memoryview)):
            return "a file needs a name and its content"
        if len(bytes(content)) > limit:
            return f"{f['name']} is larger than {max_upload_mb} MB"
    return None


# What chat_input.js sends: one submission (text and files), checked in full by the box.
add_browser_traits(ChatInputBox, {"submission": lambda v: v is None or isinstance(v, dict)})
