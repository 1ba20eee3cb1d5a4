"""``st.chat_message`` and ``st.chat_input``: the two halves of a chat app.

A chat message is a block (a container) drawn as an avatar beside the message's elements.
The chat input is a trigger with a payload: it returns the visitor's message in the one run
that follows a send and None in every other run, as Streamlit's ``chat_input_value``. Called
at the top level of the main area it goes into the bottom container (pinned to the bottom of
the page); inside any container or the sidebar it stays where it is called. With
``accept_file`` (or ``accept_audio``) the value is a :class:`ChatInputValue`.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Iterator, MutableMapping, Sequence
from typing import TYPE_CHECKING, Any

from jupyst.elements.file_uploader import (
    UploadedFile,
    _max_upload_mb,
    check_file_name,
    normalize_types,
)
from jupyst.elements.lib.composite_renderer import CompositeRenderer
from jupyst.elements.lib.icons import icon_html, is_emoji, validate_material_icon
from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.registry import InvalidWidgetValue, classes, register
from jupyst.elements.lib.sizing import css_width, validate_width
from jupyst.elements.lib.widget_base import WidgetCall, check_callback, widget_classes, widget_value
from jupyst.errors import (
    StreamlitAPIException,
    StreamlitInvalidLayoutContextError,
    StreamlitMissingRequiredParameterError,
    StreamlitValueError,
)
from jupyst.runtime.run_context import require_run_context
from jupyst.widgets.chat import ChatInputBox, ChatMessageBox, submission_problem

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator

#: names with preset avatars; "ai" is an assistant and "human" a user
PRESET_NAMES = ("user", "assistant", "ai", "human")
_ACCEPT_FILE = {False: "none", True: "single", "multiple": "multiple", "directory": "directory"}
_SUBMIT_MODES = ("submit", "disable", "stop")
#: ``audio_sample_rate`` values Streamlit's recorder offers
SAMPLE_RATES = (8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000)


class ChatInputValue(MutableMapping[str, Any]):
    """What ``st.chat_input`` returns when it takes files or audio: ``text``, ``files``, ``audio``.

    Read it by attribute or by key. ``files`` exists only when files are accepted (a list,
    empty when none were sent), ``audio`` only when audio is.
    """

    def __init__(self, text: str, files: list[UploadedFile] | None = None, audio: UploadedFile | None = None, *, include_files: bool = False, include_audio: bool = False) -> None:
        data: dict[str, Any] = {"text": text}
        if include_files:
            data["files"] = list(files or [])
        if include_audio:
            data["audio"] = audio
        object.__setattr__(self, "_data", data)
        object.__setattr__(self, "_allowed", frozenset(data))

    def __getattr__(self, name: str) -> Any:
        data = self.__dict__["_data"]
        if name in data:
            return data[name]
        if name == "files":
            raise AttributeError("'ChatInputValue' object has no attribute 'files' (accept_file=False)")
        if name == "audio":
            raise AttributeError("'ChatInputValue' object has no attribute 'audio' (accept_audio=False)")
        raise AttributeError(f"'ChatInputValue' object has no attribute '{name}'")

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value

    def __getitem__(self, key: str) -> Any:
        if key not in self._data:
            raise KeyError(f"Invalid key: {key}")
        return self._data[key]

    def __setitem__(self, key: str, value: Any) -> None:
        if key not in self._allowed:
            raise KeyError(f"Invalid key: {key}")
        self._data[key] = value

    def __delitem__(self, key: str) -> None:
        if key not in self._data:
            raise KeyError(f"Invalid key: {key}")
        del self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(dict(self._data))

    def __len__(self) -> int:
        return len(self._data)

    def to_dict(self) -> dict[str, Any]:
        return dict(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ChatInputValue):
            return self._data == other._data
        return NotImplemented

    def __hash__(self) -> int:  # mutable, like a dict
        raise TypeError("unhashable type: 'ChatInputValue'")

    def __deepcopy__(self, memo: Any) -> ChatInputValue:
        import copy

        out = ChatInputValue("")
        object.__setattr__(out, "_data", copy.deepcopy(self._data, memo))
        object.__setattr__(out, "_allowed", self._allowed)
        return out

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self._data.items())
        return f"ChatInputValue({inner})"


def _avatar(name: str, avatar: Any) -> tuple[str, str]:
    """(kind, value) of a message's avatar: ("icon", "user"|"assistant"|":material/x:"),
    ("emoji", "🦖"), ("image", url) or ("initial", "") for a name without a preset."""
    if avatar is None and (name.lower() in PRESET_NAMES or is_emoji(name)):
        avatar = name.lower()
    if avatar is None:
        return "icon", ""
    if isinstance(avatar, str) and avatar in PRESET_NAMES:
        return "icon", "assistant" if avatar in ("assistant", "ai") else "user"
    if isinstance(avatar, str) and is_emoji(avatar):
        return "emoji", avatar
    if isinstance(avatar, str) and avatar.startswith(":material"):
        return "icon", validate_material_icon(avatar)
    from jupyst.elements.media import image_src

    try:
        return "image", image_src(avatar, "content", False, "RGB", "auto")
    except Exception as exc:
        raise StreamlitAPIException("Failed to load the provided avatar value as an image.") from exc


def _bottom_or_inline(dg: DeltaGenerator) -> tuple[DeltaGenerator, str]:
    """Where a chat input goes: the bottom container for a top-level call in the main area."""
    target = dg._active()
    if target._root == "main" and target._block_node is None and target._slot is None:
        return target._root_container("bottom"), "bottom"
    return target, "inline"


class ChatMixin(ElementMixin):
    def chat_message(self, name: str, *, avatar: Any = None, width: Any = "stretch") -> DeltaGenerator:
        """Open a chat message from ``name`` ("user", "assistant" or anyone); returns its container."""
        if name is None:
            raise StreamlitMissingRequiredParameterError("name")
        name = str(name)
        kind, value = _avatar(name, avatar)
        validate_width(width, allow_content=True)
        props = {"name": name, "avatar": value, "avatar_type": kind, "width": width}
        return self._dg._block("chat_message", props)

    def chat_input(
        self,
        placeholder: str = "Your message",
        *,
        key: Any = None,
        max_chars: int | None = None,
        max_upload_size: int | None = None,
        accept_file: bool | str = False,
        file_type: str | Sequence[str] | None = None,
        accept_audio: bool = False,
        audio_sample_rate: int | None = 16000,
        disabled: bool = False,
        submit_mode: str = "submit",
        on_submit: Any = None,
        args: Any = None,
        kwargs: Any = None,
        width: Any = "stretch",
        height: Any = "content",
    ) -> str | ChatInputValue | None:
        """Draw the box a visitor types messages into; returns a sent message once, else None."""
        check_callback(on_submit, "on_submit", ())
        if accept_file not in (True, False, "multiple", "directory"):
            raise StreamlitValueError("accept_file", ["True", "False", "'multiple'", "'directory'"], detail=f"Got {accept_file!r}.")
        if submit_mode not in _SUBMIT_MODES:
            raise StreamlitValueError("submit_mode", ["'submit'", "'disable'", "'stop'"])
        if max_upload_size is not None and (isinstance(max_upload_size, bool) or not isinstance(max_upload_size, int) or max_upload_size < 1):
            raise StreamlitValueError(
                "max_upload_size", ["a positive integer"],
                detail="Set it to None to fall back to the `server.maxUploadSize` configuration option.",
            )
        target, position = _bottom_or_inline(self._dg)
        ctx = require_run_context()
        allowed = normalize_types(file_type) if file_type else []
        if audio_sample_rate is not None and audio_sample_rate not in SAMPLE_RATES:
            raise StreamlitValueError("audio_sample_rate", [str(r) for r in SAMPLE_RATES] + ["None"])
        if self._dg._form_id():
            raise StreamlitInvalidLayoutContextError("`st.chat_input()` can't be used in a `st.form()`.")
        takes_files = _ACCEPT_FILE[accept_file] != "none"
        mode = _ACCEPT_FILE[accept_file]
        limit = max_upload_size if max_upload_size is not None else _max_upload_mb()
        call = WidgetCall(
            kind="chat_input", label="", key=key, on_change=on_submit, args=args, kwargs=kwargs,
            disabled=disabled, label_visibility="collapsed",
            identity={
                "placeholder": placeholder, "max_chars": max_chars, "max_upload_size": max_upload_size,
                "accept_file": accept_file, "file_type": file_type, "accept_audio": accept_audio,
                "audio_sample_rate": audio_sample_rate, "submit_mode": submit_mode, "width": width, "height": height,
            },
            key_identity=("accept_file", "file_type", "max_chars", "max_upload_size"),
            trigger=True,
        )
        state = ctx.session.state
        user_key = None if key is None else str(key)
        # Text the script put into the box through session state: shown, not submitted.
        preset = user_key is not None and state.is_new_user_value(user_key) and isinstance(state[user_key], str)

        props = {
            "placeholder": str(placeholder), "max_chars": max_chars, "accept_file": mode, "file_type": allowed,
            "max_upload_size_mb": limit, "accept_audio": bool(accept_audio), "submit_mode": submit_mode,
            "width": width, "position": position, "takes_files": takes_files,
        }
        if preset:
            assert user_key is not None
            props["set_text"] = {"nonce": uuid.uuid4().hex, "text": state[user_key]}
        value = widget_value(target, call, None, props)
        if preset:
            # The text waits in the box until the visitor sends it: the widget has no value yet.
            wid = state._key_to_id.get(user_key) if user_key is not None else None
            if wid is not None:
                state.set_widget_value(wid, None)
            return None
        if isinstance(value, ChatInputValue) and allowed:
            for f in value.get("files", []):
                check_file_name(f.name, allowed)
        return value


# ----- renderers -----------------------------------------------------------------------------
_PRESET_ICONS = {
    "user": '<span class="jupyst-chat-avatar-icon jupyst-chat-avatar-user" aria-label="user">'
    '<svg viewBox="0 0 24 24" width="20" height="20"><path fill="currentColor" d="M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zm0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5z"/></svg></span>',
    "assistant": '<span class="jupyst-chat-avatar-icon jupyst-chat-avatar-assistant" aria-label="assistant">'
    '<svg viewBox="0 0 24 24" width="20" height="20"><path fill="currentColor" d="M12 2a1.5 1.5 0 0 1 .8 2.8V6H17a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3H7a3 3 0 0 1-3-3V9a3 3 0 0 1 3-3h4.2V4.8A1.5 1.5 0 0 1 12 2zM9 11a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm6 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm-6 5v1.5h6V16H9z"/></svg></span>',
}


def avatar_html(props: dict[str, Any]) -> str:
    kind, value = props["avatar_type"], props["avatar"]
    if kind == "icon" and value in _PRESET_ICONS:
        return _PRESET_ICONS[value]
    if kind == "icon" and value:
        return f'<span class="jupyst-chat-avatar-icon">{icon_html(value)}</span>'
    if kind == "emoji":
        return f'<span class="jupyst-chat-avatar-emoji">{html.escape(value)}</span>'
    if kind == "image":
        if value.startswith("svg:"):
            return f'<span class="jupyst-chat-avatar-image">{value[4:]}</span>'
        return f'<img class="jupyst-chat-avatar-image" src="{html.escape(value, quote=True)}" alt="">'
    initial = (props["name"][:1] or "?").upper()
    return f'<span class="jupyst-chat-avatar-icon jupyst-chat-avatar-initial">{html.escape(initial)}</span>'


@register
class ChatMessageRenderer(CompositeRenderer):
    kind = "chat_message"
    cls = ChatMessageBox

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        role = props["avatar"] if props["avatar_type"] == "icon" and props["avatar"] in _PRESET_ICONS else "other"
        out: dict[str, Any] = {"avatar_html": avatar_html(props), "_dom_classes": classes("chat-message", f"jupyst-chat-{role}")}
        width = css_width(props.get("width"))
        if isinstance(props.get("width"), int) and width:

            out["layout"] = {"width": width, "max_width": "100%"}
        return out

    def host(self, widget: Any) -> Any:
        return widget.body


@register
class ChatInputRenderer(CompositeRenderer):
    kind = "chat_input"
    cls = ChatInputBox
    event = "value"
    value_trait = "submission"

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        extra = ("jupyst-chat-input-bottom",) if props.get("position") == "bottom" else ()
        out: dict[str, Any] = {
            "placeholder": props["placeholder"],
            "max_chars": props.get("max_chars") or 0,
            "disabled": bool(props.get("disabled")),
            "accept_file": props["accept_file"],
            "file_type": list(props["file_type"]),
            "max_upload_mb": int(props["max_upload_size_mb"]),
            "submit_mode": props["submit_mode"],
            "set_text": props.get("set_text") or {},
            "_dom_classes": (*widget_classes("chat_input", props), *extra),
            # Nothing to show from the script's side: a send is handed over once, then reset.
            "submission": None,
        }
        width = props.get("width")
        if isinstance(width, int) and not isinstance(width, bool):

            out["layout"] = {"width": f"{width}px", "max_width": "100%"}
        return out

    def to_widget(self, props: dict[str, Any], value: Any) -> Any:
        return None

    def from_widget(self, props: dict[str, Any], raw: Any) -> Any:
        """A submission from the browser as the script sees it; anything malformed is refused."""
        # The box checked it already; this is the same rule again, for any path around it
        # (traitlets tells observers the value a validator was offered, not what it kept).
        problem = submission_problem(raw, props.get("max_chars") or 0, props["accept_file"], int(props["max_upload_size_mb"]))
        if raw is None or problem is not None:
            raise InvalidWidgetValue(raw)
        text = raw["text"]
        if not props.get("takes_files") and not props.get("accept_audio"):
            return text
        files = [_uploaded(f) for f in raw.get("files") or []]
        return ChatInputValue(text, files, None, include_files=bool(props.get("takes_files")), include_audio=bool(props.get("accept_audio")))


def _uploaded(f: Any) -> UploadedFile:
    if not isinstance(f, dict) or not isinstance(f.get("name"), str):
        raise InvalidWidgetValue(f)
    content = f.get("content")
    if not isinstance(content, (bytes, bytearray, memoryview)):
        raise InvalidWidgetValue(f)
    given = f.get("type")
    mime = given if isinstance(given, str) and given else "application/octet-stream"
    return UploadedFile(str(uuid.uuid4()), f["name"], mime, bytes(content))


__all__ = ["ChatInputValue", "ChatMixin"]
