"""``st.audio_input``'s recorder as the kernel sees it: the browser's WAV arrives as a binary
buffer in a comm update, passes the guard, and the script gets an UploadedFile; clearing
empties it; a forged message is refused."""

from __future__ import annotations

import io
import struct
import wave
from typing import Any

from jupyst.widgets.audio_recorder import AudioRecorder
from jupyst.widgets.browser_input import handle_browser_message
from tests.unit.helpers import find, leaves, settle, start, widget

APP = """
import jupyst as st
rec = st.audio_input("Say something", sample_rate=8000)
if rec is None:
    st.text("none")
else:
    data = rec.getvalue()
    st.text(f"{rec.name}|{rec.type}|{len(data)}|{data[:4]!r}")
"""


def _wav(rate: int, frames: int) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(struct.pack(f"<{frames}h", *range(frames)))
    return out.getvalue()


def _send(recorder: AudioRecorder, files: list[dict[str, Any]], buffers: list[bytes]) -> None:
    """A comm update as ipywidgets' front end sends one: the bytes cut out into buffers."""
    paths = [["value", i, "content"] for i in range(len(buffers))]
    msg = {"content": {"data": {"method": "update", "state": {"value": files}, "buffer_paths": paths}}, "buffers": [memoryview(b) for b in buffers]}
    handle_browser_message(recorder, msg)


def _texts(session: Any) -> list[Any]:
    return [v for k, v in leaves(session) if k == "text"]


def test_a_recording_from_the_browser_reaches_the_script_and_clearing_empties_it() -> None:
    session = start(APP)
    box = widget(session, "audio_input")
    recorder = box._recorder
    assert isinstance(recorder, AudioRecorder)
    assert recorder.sample_rate == 8000
    assert find(session, "audio_input").props["sample_rate"] == 8000
    assert _texts(session) == ["none"]

    wav = _wav(8000, 800)
    _send(recorder, [{"name": "2026-01-31T14-05_audio.wav", "type": "audio/wav", "size": len(wav)}], [wav])
    settle(session)
    assert _texts(session) == [f"2026-01-31T14-05_audio.wav|audio/wav|{len(wav)}|b'RIFF'"]

    _send(recorder, [], [])  # the clear button
    settle(session)
    assert _texts(session) == ["none"]
    session.close()


def test_a_forged_recording_is_refused_and_the_script_keeps_its_value() -> None:
    session = start(APP)
    recorder = widget(session, "audio_input")._recorder
    wav = _wav(8000, 80)
    _send(recorder, [{"name": "a_audio.wav", "type": "audio/wav", "size": len(wav)}], [wav])
    settle(session)
    kept = _texts(session)
    # two recordings at once, a size of the wrong type, an unknown key: refused whole
    _send(recorder, [{"name": "a.wav", "type": "audio/wav", "size": 1}, {"name": "b.wav", "type": "audio/wav", "size": 1}], [b"x", b"y"])
    _send(recorder, [{"name": "a.wav", "type": "audio/wav", "size": "big"}], [b"x"])
    _send(recorder, [{"name": "a.wav", "type": "audio/wav", "size": 1, "path": "/etc/passwd"}], [b"x"])
    # a file not named .wav passes the shape check but not the element's
    _send(recorder, [{"name": "a.mp3", "type": "audio/wav", "size": 1}], [b"x"])
    settle(session)
    assert _texts(session) == kept
    session.close()
