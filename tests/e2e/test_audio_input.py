"""``st.audio_input`` records in Chromium against `jupyst run`.

The page is granted the microphone; Chromium's fake capture device stands in for one. Record,
stop: the script gets the WAV (its length on the page, st.audio playing it back) and writes
it beside the app, where the test reads its header (RIFF, one channel, 16 bits, the rate
asked for). Play plays it back in the widget; clear empties the value; a second recording
replaces the first.
"""

from __future__ import annotations

import textwrap
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import open_app, save_screenshot
from tests.e2e.server import JupystServer

pytestmark = pytest.mark.e2e

APP = """
from pathlib import Path
import streamlit as st

rec = st.audio_input("Your voice", sample_rate=16000)
if rec is None:
    st.markdown("recorded: nothing")
else:
    data = rec.getvalue()
    Path(__file__).with_name("recorded.wav").write_bytes(data)
    st.markdown(f"recorded: {len(data)} bytes, {rec.name}, {rec.type}")
    st.audio(rec)
"""


@pytest.fixture(scope="module")
def app_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder: Path = tmp_path_factory.mktemp("audio-input-app")
    (folder / "app.py").write_text(textwrap.dedent(APP), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def server(start_server: Callable[..., JupystServer], app_dir: Path) -> JupystServer:
    return start_server("run", str(app_dir / "app.py"), name="audio-input")


def _record(page: Any, seconds: float) -> None:
    recorder = page.locator(".jupyst-audio-recorder")
    recorder.get_by_role("button", name="Record", exact=True).click()
    page.wait_for_selector(".jupyst-audio-recorder[data-state=recording]")
    page.wait_for_timeout(int(seconds * 1000))  # the length of the recording, not a wait for the app
    recorder.get_by_role("button", name="Stop recording").click()
    page.wait_for_selector(".jupyst-audio-recorder[data-state=recorded]")


def _recorded_text(page: Any) -> str:
    return str(page.locator(".jupyst-markdown", has_text="recorded:").first.inner_text()).strip()


def test_a_recording_reaches_the_script_as_a_wav_and_plays_back(page: Any, server: JupystServer, app_dir: Path) -> None:
    page.context.grant_permissions(["microphone"])
    open_app(page, server)
    assert _recorded_text(page) == "recorded: nothing"
    _record(page, 1.0)
    page.locator(".jupyst-markdown", has_text="bytes").wait_for(timeout=20_000)
    text = _recorded_text(page)
    saved = (app_dir / "recorded.wav").read_bytes()
    assert text.startswith(f"recorded: {len(saved)} bytes, ")
    assert text.endswith("_audio.wav, audio/wav")
    # Streamlit's name: the minute of the recording, then _audio.wav
    name = text.split(", ")[1]
    assert len(name) == len("2026-01-31T14-05_audio.wav"), name
    assert name[10] == "T"
    assert saved[:4] == b"RIFF"
    assert saved[8:12] == b"WAVE"
    with wave.open(str(app_dir / "recorded.wav"), "rb") as w:
        assert w.getframerate() == 16000
        assert w.getnchannels() == 1
        assert w.getsampwidth() == 2
        seconds = w.getnframes() / w.getframerate()
    assert 0.5 < seconds < 5, seconds
    # st.audio plays the script's copy back: a player whose source has the recording's length
    page.wait_for_function(
        "() => { const a = document.querySelector('.jupyst-audio audio, .jupyst-app audio[controls]');"
        " return a && a.readyState >= 1 && a.duration > 0.4 }",
        timeout=20_000,
    )
    # the widget plays its own copy
    recorder = page.locator(".jupyst-audio-recorder")
    recorder.get_by_role("button", name="Play", exact=True).click()
    recorder.get_by_role("button", name="Pause").wait_for(timeout=10_000)
    save_screenshot(page, "audio_input_recorded")

    # recording again replaces the recording
    first = saved
    recorder.get_by_role("button", name="Pause").click()
    _record(page, 2.0)
    page.wait_for_function(
        f"() => [...document.querySelectorAll('.jupyst-markdown')].some(e => /recorded: \\d+ bytes/.test(e.innerText) && !e.innerText.includes('{len(first)} bytes'))",
        timeout=20_000,
    )
    second = (app_dir / "recorded.wav").read_bytes()
    assert second != first
    assert f"recorded: {len(second)} bytes, " in page.locator(".jupyst-markdown", has_text="recorded:").first.inner_text()

    # clearing empties the value
    recorder.get_by_role("button", name="Clear recording").click()
    page.locator(".jupyst-markdown", has_text="recorded: nothing").wait_for(timeout=20_000)
    assert page.locator(".jupyst-audio-recorder").get_attribute("data-state") == "idle"
