"""``st.components.v1`` and ``st.iframe`` through the widget side: the frame's traits, a custom
component's value arriving over the comm (and reruns the app), and forged values refused."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest

from tests.unit.helpers import find, leaves, send_from_browser, settle, start, widget

ECHO = Path(__file__).resolve().parents[2] / "fixtures" / "echo_component"


def _texts(session: Any) -> list[Any]:
    return [v for k, v in leaves(session) if k == "text"]


def test_components_html_is_a_sandboxed_frame_of_the_html():
    session = start(
        """
        import streamlit.components.v1 as components
        import jupyst as st
        components.html("<p id='x'>hi</p><script>document.title='ran'</script>", height=80)
        st.iframe("https://example.org/page")
        with st.sidebar:
            components.iframe("https://example.org/other", width=300)
        """
    )
    frame = widget(session, "iframe", 0)
    assert "<script>document.title='ran'</script>" in frame.srcdoc
    assert frame.height == 80
    assert "allow-scripts" in frame.sandbox.split()
    assert frame.protocol is False
    url = widget(session, "iframe", 1)
    assert (url.src, url.srcdoc, url.height) == ("https://example.org/page", "", 400)
    side = find(session, "iframe", 2)
    assert side.props["src"] == "https://example.org/other"
    assert session.last_ctx is not None
    assert side in session.last_ctx.roots["sidebar"].walk()
    assert widget(session, "iframe", 2).width == "300px"
    session.close()


def test_iframe_of_a_local_file(tmp_path: Path):
    (tmp_path / "page.html").write_text("<h1>report</h1>", encoding="utf-8")
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.4 tiny")
    session = start(
        f"""
        from pathlib import Path
        import jupyst as st
        st.iframe(Path({str(tmp_path / 'page.html')!r}))
        st.iframe(Path({str(tmp_path / 'doc.pdf')!r}))
        """
    )
    assert widget(session, "iframe", 0).srcdoc == "<h1>report</h1>"
    assert widget(session, "iframe", 0).height == -1  # fits its document
    assert widget(session, "iframe", 1).src == "data:application/pdf;base64," + base64.b64encode(b"%PDF-1.4 tiny").decode()
    session.close()


APP = f"""
import streamlit.components.v1 as components
import jupyst as st
echo = components.declare_component("echo", path={str(ECHO)!r})
value = echo(name="Ada", default="nothing yet", key="echo")
st.text(f"value={{value!r}}")
"""


def test_declared_component_inlines_its_build_and_takes_values_over_the_comm():
    session = start(APP)
    frame = widget(session, "component_instance")
    assert frame.protocol is True
    # index.html with its script and stylesheet inlined: one document, no file server.
    assert "post(\"streamlit:componentReady\"" in frame.srcdoc
    assert "#greeting { font-weight: bold;" in frame.srcdoc
    assert 'src="./main.js"' not in frame.srcdoc
    assert frame.render["args"] == {"name": "Ada", "default": "nothing yet", "key": "echo"}
    assert _texts(session) == ["value='nothing yet'"]
    assert find(session, "component_instance").props["component_name"] == "__main__.echo"

    send_from_browser(frame, value={"value": {"clicks": 1, "name": "Ada"}, "dataType": "json"})
    settle(session)
    assert _texts(session) == ["value={'clicks': 1, 'name': 'Ada'}"]
    # The value stays with the widget on later runs.
    session.request_rerun()
    settle(session)
    assert _texts(session) == ["value={'clicks': 1, 'name': 'Ada'}"]
    session.close()


def test_bytes_values_arrive_as_bytes():
    session = start(APP)
    frame = widget(session, "component_instance")
    frame._handle_msg(
        {
            "content": {"data": {"method": "update", "state": {"value": {"dataType": "bytes"}}, "buffer_paths": [["value", "value"]]}},
            "buffers": [memoryview(b"\x00\x01raw")],
        }
    )
    settle(session)
    assert _texts(session) == ["value=b'\\x00\\x01raw'"]
    session.close()


@pytest.mark.parametrize(
    "forged",
    [
        {"value": 1, "dataType": "dataframe"},  # a type jupyst does not take
        {"value": "x", "dataType": "bytes"},  # bytes that are not a buffer
        {"value": 1, "extra": True},  # not the protocol's shape
        ["not", "a", "dict"],
    ],
)
def test_a_forged_value_is_refused_and_the_app_lives(forged: Any):
    session = start(APP)
    frame = widget(session, "component_instance")
    runs = session.run_count
    send_from_browser(frame, value=forged)  # ipywidgets logs what traitlets itself rejects
    settle(session)
    assert _texts(session) == ["value='nothing yet'"]
    assert frame.value is None  # the frame shows the app's value again
    assert session.run_count == runs
    # The app still takes a good value afterwards.
    send_from_browser(frame, value={"value": 7, "dataType": "json"})
    settle(session)
    assert _texts(session) == ["value=7"]
    session.close()


def test_component_errors_are_streamlits():
    session = start(
        f"""
        import streamlit.components.v1 as components
        import jupyst as st
        echo = components.declare_component("echo", path={str(ECHO)!r})
        for call in (lambda: echo("positional"), lambda: echo(obj=object()), lambda: components.declare_component("x"),
                     lambda: echo(tab_index=-2, key="t")):
            try:
                call()
            except Exception as exc:
                st.text(f"{{type(exc).__name__}}: {{exc}}")
        """
    )
    texts = _texts(session)
    assert texts[0] == "MarshallComponentException: Argument 'positional' needs a label"
    assert texts[1].startswith("MarshallComponentException: ('Could not convert component args to JSON'")
    assert texts[2] == "StreamlitAPIException: Either 'path' or 'url' must be set."
    assert texts[3].startswith("StreamlitValueError")
    session.close()


def test_pdf_shows_in_the_browsers_viewer_and_app_says_why_it_cannot_exist(tmp_path: Path):
    doc = tmp_path / "r.pdf"
    doc.write_bytes(b"%PDF-1.4 report")
    session = start(
        f"""
        import io
        import jupyst as st
        st.pdf({str(doc)!r}, height=300)
        st.pdf(io.BytesIO(b"%PDF-1.4 mem"))
        st.pdf("https://example.org/a.pdf")
        for call in (lambda: st.pdf(None), lambda: st.pdf(3), lambda: st.pdf("missing.pdf"), lambda: st.App("app.py")):
            try:
                call()
            except Exception as exc:
                st.text(f"{{type(exc).__name__}}: {{exc}}")
        """
    )
    frames = [widget(session, "pdf", i) for i in range(3)]
    assert frames[0].src == "data:application/pdf;base64," + base64.b64encode(b"%PDF-1.4 report").decode()
    assert frames[0].height == 300
    assert frames[1].src.endswith(base64.b64encode(b"%PDF-1.4 mem").decode())
    assert frames[2].src == "https://example.org/a.pdf"
    texts = _texts(session)
    assert texts[0].startswith("StreamlitMissingRequiredParameterError")
    assert texts[1].startswith("StreamlitInvalidParameterTypeError: Invalid `data` type.")
    assert texts[2].startswith("StreamlitAPIException: Unable to read file 'missing.pdf'")
    assert texts[3].startswith("StreamlitAPIException: `st.App` builds a Starlette (ASGI) application")
    assert "jupyst run app.py" in texts[3]
    session.close()


def test_dataframe_args_travel_as_arrow_tables():
    import pyarrow as pa

    session = start(
        f"""
        import pandas as pd
        import streamlit.components.v1 as components
        echo = components.declare_component("echo", path={str(ECHO)!r})
        echo(table=pd.DataFrame({{"x": [1, 2]}}, index=["a", "b"]), blob=b"\\x01\\x02")
        """
    )
    frame = widget(session, "component_instance")
    [df_arg] = frame.render["dfs"]
    assert df_arg["key"] == "table"
    tables = {part: pa.ipc.open_stream(df_arg["value"]["data"][part]).read_all().to_pandas() for part in ("data", "index", "columns")}
    assert tables["data"]["x"].tolist() == [1, 2]
    assert tables["index"].iloc[:, 0].tolist() == ["a", "b"]
    assert tables["columns"].iloc[:, 0].tolist() == ["x"]
    assert frame.render["args"]["blob"] == b"\x01\x02"
    session.close()
