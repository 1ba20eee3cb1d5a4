"""st.metric, st.json and media elements: node props and the HTML or media widgets."""

from __future__ import annotations

import io
import wave

import numpy as np
import pytest
from PIL import Image

from jupyst.elements.media import numpy_to_wav
from jupyst.elements.metric import color_and_direction
from jupyst.testing import AppTest
from tests.unit.helpers import find, start, widget


@pytest.mark.parametrize(
    ("color", "delta", "expected"),
    [
        ("normal", 1.2, ("green", "up")),
        ("normal", "-5%", ("red", "down")),
        ("inverse", -1, ("green", "down")),
        ("off", 3, ("gray", "up")),
        ("normal", 0, ("gray", "none")),
        ("normal", None, ("gray", "none")),
        ("violet", -2, ("violet", "down")),
    ],
)
def test_metric_colour_and_arrow(color: str, delta: object, expected: tuple[str, str]) -> None:
    assert color_and_direction(color, delta) == expected


def test_metric_renders_label_value_delta_border_and_help() -> None:
    session = start(
        """
        import jupyst as st
        st.metric("Temp", 70, -1.2, help="degrees <F>", border=True, chart_data=[1, 3, 2])
        st.metric("Hidden", None, label_visibility="collapsed")
        """
    )
    html = widget(session, "metric").value
    assert "70" in html
    assert "-1.2" in html
    assert "↓" in html
    assert "jupyst-delta-red" in html
    assert "degrees &lt;F&gt;" in html
    assert "<polyline" in html
    assert "jupyst-metric-border" in widget(session, "metric")._dom_classes
    hidden = widget(session, "metric", 1).value
    assert "Hidden" not in hidden
    assert "—" in hidden
    session.close()


def test_metric_refuses_bad_arguments() -> None:
    at = AppTest.from_string(
        """
        import jupyst as st
        for bad in (dict(delta_color="pink"), dict(value=object())):
            try:
                st.metric("x", **{"value": 1, **bad})
            except Exception as e:
                st.text(type(e).__name__)
        """
    ).run()
    assert at.text.values == ["StreamlitValueError", "StreamlitInvalidParameterTypeError"]
    at.close()


def test_json_expands_to_a_depth() -> None:
    session = start(
        """
        import jupyst as st
        st.json({"a": {"b": {"c": 1}}, "s": "<x>"}, expanded=1)
        st.json([1, 2], expanded=False)
        """
    )
    deep = widget(session, "json").value
    assert deep.count("<details") == 3
    assert deep.count("<details class='jupyst-json-node' open>") == 1
    assert "&quot;&lt;x&gt;&quot;" in deep
    assert "open" not in widget(session, "json", 1).value
    assert find(session, "json").props["max_expand_depth"] == 1
    session.close()


def _png(color: tuple[int, int, int], size: tuple[int, int] = (4, 3)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, format="PNG")
    return buf.getvalue()


def test_images_from_arrays_bytes_and_lists_with_captions(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "pic.png"
    path.write_bytes(_png((0, 0, 255)))
    at = AppTest.from_string(
        f"""
        import jupyst as st, numpy as np
        rgba = np.zeros((2, 2, 4), dtype="uint8")
        st.image(np.zeros((2, 3, 3), dtype="uint8"), caption="black")
        st.image([np.ones((2, 2)), rgba], caption=["grey", "clear"], width=50)
        st.image({str(path)!r})
        st.image(np.array([[[0, 0, 255]]], dtype="uint8"), channels="BGR", output_format="PNG")
        """
    ).run()
    first, pair, from_file, bgr = at.image
    assert first.value[0].startswith("data:image/jpeg;base64,")
    assert first.captions == ["black"]
    assert pair.value[0].startswith("data:image/jpeg")
    assert pair.value[1].startswith("data:image/png")
    assert from_file.value[0].startswith("data:image/jpeg")  # Streamlit re-encodes RGB images as JPEG
    import base64

    pixel = Image.open(io.BytesIO(base64.b64decode(bgr.value[0].split(",", 1)[1]))).getpixel((0, 0))
    assert pixel == (255, 0, 0)
    html = at._session.reconciler.widget_for(pair.node).value
    assert html.count("<img") == 2
    assert "width:50px" in html
    assert "clear" in html
    at.close()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.image(np.ones((2, 2)) * 2.0)", "Data is outside [0.0, 1.0] and clamp is not set."),
        ("st.image(np.ones((2, 2, 3), dtype='int64') * 300)", "Data is outside [0, 255] and clamp is not set."),
        ("st.image(np.ones((2, 2, 2)))", "Channel can only be 1, 3, or 4"),
        ("st.image(np.ones((2, 2)), channels='BGR')", 'channels="BGR"'),
        ("st.image([np.ones((2, 2))] * 2, caption=['one'])", "Cannot pair 1 captions with 2 images."),
        ("st.audio(np.zeros(10))", "sample_rate"),
    ],
)
def test_media_errors(call: str, message: str) -> None:
    session = start(f"import jupyst as st, numpy as np\n{call}\n")
    assert message in find(session, "exception").props["message"]
    session.close()


def test_clamp_accepts_out_of_range_data() -> None:
    session = start("import jupyst as st, numpy as np\nst.image(np.ones((2, 2)) * 2.0, clamp=True)\n")
    assert find(session, "image").props["value"][0].startswith("data:image/")
    session.close()


def test_numpy_audio_becomes_wav() -> None:
    stereo = np.vstack([np.sin(np.linspace(0, 20, 800)), np.cos(np.linspace(0, 20, 800))])
    with wave.open(io.BytesIO(numpy_to_wav(stereo, 8000))) as fh:
        assert (fh.getnchannels(), fh.getframerate(), fh.getnframes(), fh.getsampwidth()) == (2, 8000, 800, 2)
    session = start("import jupyst as st, numpy as np\nst.audio(np.zeros(100), sample_rate=4000, loop=True)\nst.video(b'abc', format='video/webm', autoplay=True, muted=True)\nst.video('https://example.com/v.mp4')\n")
    audio = widget(session, "audio")
    assert audio.format == "wav"
    assert audio.value[:4] == b"RIFF"
    assert audio.loop is True
    video, linked = widget(session, "video"), widget(session, "video", 1)
    assert (video.format, video.value, video.autoplay) == ("webm", b"abc", True)
    assert (linked.format, linked.value) == ("url", b"https://example.com/v.mp4")
    assert "jupyst-audio" in audio._dom_classes
    assert "jupyst-video" in video._dom_classes
    session.close()


def test_pyplot_draws_the_figure_and_clears_it_on_request() -> None:
    session = start(
        """
        import jupyst as st, io
        from PIL import Image
        class Figure:
            cleared = False
            def savefig(self, buf, **kwargs):
                assert kwargs["format"] == "png"
                Image.new("RGB", (3, 2)).save(buf, format="PNG")
            def clf(self):
                Figure.cleared = True
        st.pyplot(Figure(), clear_figure=True)
        st.text(str(Figure.cleared))
        """
    )
    assert find(session, "image").props["value"][0].startswith("data:image/png;base64,")
    assert find(session, "text").props["body"] == "True"
    session.close()


def test_logo_draws_an_image() -> None:
    session = start("import jupyst as st, numpy as np\nst.logo(np.zeros((4, 4, 3), dtype='uint8'), size='large', link='https://example.com')\n")
    logo = widget(session, "logo")
    assert "<img" in logo.value
    assert "https://example.com" in logo.value
    assert "jupyst-logo-large" in logo._dom_classes
    session.close()
