"""Download and link buttons (a data: URL anchor plus a hidden trigger) and file uploads as
the browser's FileUpload sends them."""

from __future__ import annotations

import base64
from typing import Any

from tests.unit.helpers import find, leaves, settle, start, wait_for, widget


def _texts(session: Any) -> list[Any]:
    return [v for k, v in leaves(session) if k == "text"]


def test_download_button_is_a_data_url_anchor_that_reruns_through_its_hidden_trigger():
    session = start(
        """
        import jupyst as st
        clicked = st.download_button("Get CSV", "a,b\\n1,2", file_name="data.csv", mime="text/csv")
        st.text(f"clicked={clicked}")
        """
    )
    box = widget(session, "download_button")
    anchor = box._anchor.value
    payload = base64.b64encode(b"a,b\n1,2").decode()
    assert f'href="data:text/csv;base64,{payload}"' in anchor
    assert 'download="data.csv"' in anchor
    assert "jupyst-hidden-trigger" in anchor
    assert "jupyst-click-box" in box._dom_classes
    assert "jupyst-download_button" in box._dom_classes
    assert box._trigger.layout.display == "none"
    box._trigger.click()  # what the anchor's onclick does in the browser
    settle(session)
    assert _texts(session) == ["clicked=True"]
    session.request_rerun()
    settle(session)
    assert _texts(session) == ["clicked=False"]
    session.close()


def test_download_button_with_on_click_ignore_does_not_rerun():
    session = start(
        """
        import jupyst as st
        st.download_button("Get", b"\\x00", on_click="ignore")
        """
    )
    box = widget(session, "download_button")
    assert "onclick" not in box._anchor.value
    assert 'href="data:application/octet-stream;base64,AA=="' in box._anchor.value
    box._trigger.click()
    settle(session)
    assert session.run_count == 1
    session.close()


def test_link_button_opens_a_new_tab_and_refuses_script_urls():
    session = start(
        """
        import jupyst as st
        st.link_button("Docs", "https://docs.streamlit.io", type="primary")
        st.link_button("Evil", "javascript:alert(1)")
        """
    )
    docs, evil = widget(session, "link_button", 0), widget(session, "link_button", 1)
    assert 'href="https://docs.streamlit.io"' in docs._anchor.value
    assert 'target="_blank"' in docs._anchor.value
    assert "jupyst-btn-primary" in docs._anchor.value
    assert "onclick" not in docs._anchor.value
    assert "javascript:" not in evil._anchor.value
    assert 'href="#"' in evil._anchor.value
    docs._trigger.click()  # a forged click on a link button without on_click does nothing
    settle(session)
    assert session.run_count == 1
    session.close()


def test_disabled_download_button_has_no_link_and_ignores_clicks():
    session = start(
        """
        import jupyst as st
        st.text(str(st.download_button("Get", "x", disabled=True)))
        """
    )
    box = widget(session, "download_button")
    assert "href" not in box._anchor.value
    assert "jupyst-disabled" in box._anchor.value
    box.click()
    settle(session)
    assert _texts(session) == ["False"]
    session.close()


def _upload(content: bytes, name: str = "f.csv", mime: str = "text/csv") -> dict[str, Any]:
    import datetime as dt

    stamp = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    return {"name": name, "type": mime, "size": len(content), "content": memoryview(content), "last_modified": stamp}


def test_file_uploader_turns_a_browser_upload_into_an_uploaded_file():
    session = start(
        """
        import jupyst as st
        f = st.file_uploader("Data", type="csv")
        st.text("none" if f is None else f"{f.name} {f.type} {f.size} {f.read().decode()}")
        """
    )
    box = widget(session, "file_uploader")
    assert box._upload.accept == ".csv"
    assert box._upload.multiple is False
    assert "jupyst-file_uploader" in box._dom_classes
    box._upload.value = (_upload(b"x,y"),)
    settle(session)
    assert _texts(session) == ["f.csv text/csv 3 x,y"]
    assert "f.csv" in box._list.value
    session.request_rerun()  # each run reads its own copy from the start
    settle(session)
    assert _texts(session) == ["f.csv text/csv 3 x,y"]
    session.close()


def test_file_over_the_upload_limit_never_reaches_the_script():
    session = start(
        """
        import jupyst as st
        f = st.file_uploader("Small", max_upload_size=1)
        st.text("none" if f is None else f.name)
        """
    )
    box = widget(session, "file_uploader")
    big = b"x" * (1024 * 1024 + 1)
    box._upload.value = (_upload(big, "big.bin"),)
    settle(session)
    assert _texts(session) == ["none"]
    assert session.run_count == 1
    assert "larger than 1MB" in box._list.value
    node = find(session, "file_uploader")
    from jupyst.elements.lib.registry import RENDERERS, InvalidWidgetValue

    try:
        RENDERERS["file_uploader"].from_widget(node.props, (_upload(big, "big.bin"),))
    except InvalidWidgetValue:
        pass
    else:  # pragma: no cover - the check must refuse it
        raise AssertionError("an oversized file was accepted")
    session.close()


def test_multiple_files_and_clearing():
    session = start(
        """
        import jupyst as st
        files = st.file_uploader("Many", accept_multiple_files=True)
        st.text(",".join(f.name for f in files) or "empty")
        """
    )
    box = widget(session, "file_uploader")
    assert box._upload.multiple is True
    box._upload.value = (_upload(b"1", "a.txt"), _upload(b"22", "b.txt"))
    settle(session)
    assert _texts(session) == ["a.txt,b.txt"]
    # A second pick adds to the files, as in Streamlit's uploader (an empty pick adds nothing).
    box._upload.value = (_upload(b"333", "c.txt"),)
    settle(session)
    assert _texts(session) == ["a.txt,b.txt,c.txt"]
    box._upload.value = ()
    settle(session)
    assert _texts(session) == ["a.txt,b.txt,c.txt"]
    # Each file has its remove button.
    assert [b.tooltip for b in box._removers.children] == ["Remove a.txt", "Remove b.txt", "Remove c.txt"]
    box._removers.children[1].click()
    settle(session)
    assert _texts(session) == ["a.txt,c.txt"]
    for _ in range(2):
        box._removers.children[0].click()
        settle(session)
    assert _texts(session) == ["empty"]
    assert box._removers.children == ()
    session.close()


def test_a_new_pick_replaces_the_file_of_a_single_file_uploader():
    session = start(
        """
        import jupyst as st
        f = st.file_uploader("One")
        st.text(f.name if f else "none")
        """
    )
    box = widget(session, "file_uploader")
    box._upload.value = (_upload(b"1", "a.txt"),)
    settle(session)
    box._upload.value = (_upload(b"2", "b.txt"),)
    settle(session)
    assert _texts(session) == ["b.txt"]
    box._removers.children[0].click()
    settle(session)
    assert _texts(session) == ["none"]
    session.close()


def test_camera_input_takes_a_jpeg_upload():
    session = start(
        """
        import jupyst as st
        p = st.camera_input("Photo")
        st.text("none" if p is None else p.name)
        """
    )
    box = widget(session, "camera_input")
    assert "image/jpeg" in box._upload.accept
    assert box._upload.description == "Take photo"
    box._upload.value = (_upload(b"\xff\xd8", "IMG_1.jpeg", "image/jpeg"),)
    settle(session)
    assert _texts(session) == ["IMG_1.jpg"]
    session.close()


def test_callable_download_data_runs_on_click_not_when_drawn(tmp_path: Any):
    calls = tmp_path / "calls.txt"
    session = start(
        f"""
        import jupyst as st

        def make():
            with open({str(calls)!r}, "a") as f:
                f.write("x")
            return "x,y\\n1,2"

        clicked = st.download_button("Get", make, file_name="d.csv", mime="text/csv")
        st.text(f"clicked={{clicked}}")
        """
    )
    box = widget(session, "download_button")
    assert _texts(session) == ["clicked=False"]
    assert not calls.exists()  # drawing the button did not run it
    assert 'href="#"' in box._anchor.value
    assert "return false" in box._anchor.value
    assert box._sink is not None
    assert box._sink.file is None
    box._trigger.click()  # the anchor's onclick, as in the browser
    wait_for(lambda: box._sink.file is not None)
    assert box._sink.file["data"] == b"x,y\n1,2"
    assert (box._sink.file["name"], box._sink.file["mime"]) == ("d.csv", "text/csv")
    settle(session)
    assert _texts(session) == ["clicked=True"]
    assert calls.read_text() == "x"  # once, on the click (the rerun did not run it again)
    session.close()


def test_a_failing_download_callable_is_reported_and_the_app_lives():
    session = start(
        """
        import jupyst as st
        st.download_button("Get", lambda: 1 / 0)
        st.text("alive")
        """
    )
    box = widget(session, "download_button")
    box._trigger.click()
    wait_for(lambda: box._sink.error != "")
    assert box._sink.error == "The download could not be made: ZeroDivisionError"
    assert box._sink.file is None
    settle(session)
    assert _texts(session) == ["alive"]
    session.close()
