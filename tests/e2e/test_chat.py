"""The chat page of `jupyst hello` in a real browser: st.chat_input pinned at the bottom, Enter
sends and Shift+Enter starts a new line, the answer of st.write_stream grows in place (read
at two moments) without a page reload; st.context sees the visitor's request.

The two tests of the chat page take turns on one loaded page per serving mode
(tests/e2e/shared_page.py); the first sends nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import VIEWPORT, open_url, save_screenshot
from tests.e2e.server import JupystServer
from tests.e2e.shared_page import SharedPage

pytestmark = [pytest.mark.e2e, pytest.mark.isolated_too]

UPDATE_MS = 15_000
FINAL_WORDS = "grows an answer in place."


@pytest.fixture
def chat_page(shared_page: SharedPage, hello_server: JupystServer, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The hello app's chat page, loaded: the page the module's earlier test used when there is one."""
    with shared_page.turn(hello_server.url + "chat", request) as page:
        yield page


def _chat_box(page: Any) -> Any:
    box = page.locator(".jupyst-chat_input textarea")
    box.wait_for(timeout=UPDATE_MS)
    page.get_by_text("Hello! Ask me anything.").wait_for(timeout=UPDATE_MS)
    return box


def test_chat_input_is_pinned_to_the_bottom(chat_page: Any) -> None:
    page = chat_page
    box = _chat_box(page)
    frame = page.locator(".jupyst-bottom .jupyst-chat_input").bounding_box()
    assert frame is not None
    # At the foot of the window, across the page column, with the messages above it.
    assert VIEWPORT["height"] - (frame["y"] + frame["height"]) < 48, frame
    greeting = page.locator(".jupyst-chat-message").first.bounding_box()
    assert greeting is not None
    assert greeting["y"] + greeting["height"] <= frame["y"]
    assert box.get_attribute("placeholder") == "Ask the pretend model"
    assert page.locator(".jupyst-chat-message .jupyst-chat-avatar-assistant").count() == 1


def test_enter_sends_and_the_answer_streams_in_place(chat_page: Any) -> None:
    page = chat_page
    box = _chat_box(page)
    page.evaluate("window.__jupystMarker = 'still here'")
    box.click()
    box.type("line one")
    box.press("Shift+Enter")
    box.type("line two")
    # Shift+Enter made a new line and sent nothing.
    assert box.input_value() == "line one\nline two"
    assert page.locator(".jupyst-chat-message").count() == 1
    box.press("Enter")
    assert box.input_value() == ""
    user = page.locator(".jupyst-chat-message.jupyst-chat-user").last
    user.wait_for(timeout=UPDATE_MS)
    assert "line one" in user.inner_text()
    assert "line two" in user.inner_text()
    answer = page.locator(".jupyst-chat-message.jupyst-chat-assistant").nth(1)
    answer.get_by_text("You said:", exact=False).wait_for(timeout=UPDATE_MS)
    early = answer.inner_text()
    page.wait_for_function(
        "([sel, words]) => { const el = document.querySelectorAll(sel)[1]; return el && el.innerText.includes(words); }",
        arg=[".jupyst-chat-message.jupyst-chat-assistant", FINAL_WORDS],
        timeout=UPDATE_MS,
    )
    late = answer.inner_text()
    # Two moments of one growing element: the early text was a part of the answer.
    assert FINAL_WORDS not in early, early
    assert len(late) > len(early)
    assert " ".join(late.split()).startswith(" ".join(early.split()))
    # Streamed into the page in place: no reload, the box is still pinned and usable.
    assert page.evaluate("window.__jupystMarker") == "still here"
    assert page.locator(".jupyst-bottom .jupyst-chat_input textarea").is_enabled()
    assert page.recorder.errors == []
    save_screenshot(page, "chat_page_light")


CONTEXT_APP = '''import streamlit as st

st.text("ua=" + ("yes" if "Mozilla" in st.context.headers.get("User-Agent", "") else "no"))
st.text("cookie=" + st.context.cookies.get("flavour", "-"))
st.text("url=" + str(st.context.url))
st.text("locale=" + str(st.context.locale))
st.text("ip=" + str(st.context.ip_address))
st.text("logged_in=" + str(st.user.is_logged_in if "is_logged_in" in st.user else "absent"))
'''


def test_context_reads_the_visitors_request(
    page: Any, start_server: Callable[..., JupystServer], tmp_path: Path
) -> None:
    app = tmp_path / "context_app.py"
    app.write_text(CONTEXT_APP, encoding="utf-8")
    server = start_server("run", str(app), cwd=tmp_path, name="context")
    page.context.add_cookies([{"name": "flavour", "value": "mint", "url": server.url}])
    page.context.set_extra_http_headers({"Accept-Language": "de-DE,de;q=0.9"})
    open_url(page, server.url + "?x=1")
    main = page.locator(".jupyst-main")
    for text in ("ua=yes", "cookie=mint", f"url={server.url}", "locale=de-DE", "ip=None", "logged_in=False"):
        main.get_by_text(text, exact=True).wait_for(timeout=UPDATE_MS)
