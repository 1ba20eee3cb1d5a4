"""Publishing options: error details hidden from visitors when configured (the default off a
loopback address; servers here bind 127.0.0.1, so the flag says it) and shown with ``--dev``, and preheated
kernels (``--preheat N``) that run a script app in its own folder like any other kernel and
wait for their visitor before the app's first run, so that it sees the visitor's URL."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import only_isolated, open_app, open_url
from tests.e2e.server import JupystServer

pytestmark = [pytest.mark.e2e, pytest.mark.isolated_too]

DETAIL = "secret detail 1234"
BOOM = f'''import streamlit as st

st.title("Boom app")
x = st.slider("x", 0, 10, 3)
if x == 3:
    raise ValueError("{DETAIL}")
st.text("fine")
'''
RELATIVE = '''import streamlit as st
from pathlib import Path

st.title("Preheated")
st.text("data: " + Path("data.txt").read_text().strip())
st.text("who: " + st.query_params.get("who", "nobody"))
st.text("n = " + str(st.slider("n", 0, 10, 5)))
'''


@pytest.fixture(scope="module")
def apps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("publish-apps")
    (folder / "boom.py").write_text(BOOM, encoding="utf-8")
    (folder / "relative.py").write_text(RELATIVE, encoding="utf-8")
    (folder / "data.txt").write_text("7\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("dev", [False, True], ids=["published", "dev"])
def test_error_details_hidden_when_published_so(
    page: Any, start_server: Callable[..., JupystServer], apps: Path, dev: bool
) -> None:
    args = ["run", str(apps / "boom.py"), *(["--dev"] if dev else ["--client.showErrorDetails", "none"])]
    server = start_server(*args, name="boom-dev" if dev else "boom")
    open_app(page, server)
    error = page.locator(".jupyst-main .jupyst-exception")
    error.wait_for(timeout=15_000)
    html = page.content()
    if dev:
        assert DETAIL in error.inner_text()
        assert "Traceback" in error.inner_text()
    else:
        assert "error" in error.inner_text().lower()
        assert DETAIL not in html
        assert "boom.py" not in html
    # An error does not kill the app: the next event reruns the script.
    handle = page.locator(".jupyst-main .jupyst-slider .noUi-handle").first
    handle.focus()
    handle.press("ArrowRight")
    page.locator(".jupyst-main").get_by_text("fine", exact=True).wait_for(timeout=15_000)
    assert page.locator(".jupyst-main .jupyst-exception").count() == 0


def test_preheated_kernel_serves_the_app_from_its_folder(
    page: Any, start_server: Callable[..., JupystServer], apps: Path, serving_mode: str
) -> None:
    only_isolated(serving_mode, "--preheat keeps kernels ahead of visitors; shared mode has none to start")
    server = start_server("run", str(apps / "relative.py"), "--preheat", "1", name="preheat")
    deadline = time.monotonic() + 60
    while "Kernel pool of relative.ipynb is filled" not in server.log():
        assert time.monotonic() < deadline, server.log()
        time.sleep(0.2)
    open_url(page, server.url + "?who=visitor")
    main = page.locator(".jupyst-main")
    main.get_by_text("data: 7", exact=True).wait_for(timeout=15_000)
    main.get_by_text("who: visitor", exact=True).wait_for(timeout=15_000)
    assert "Using pre-heated kernel" in server.log()
    handle = main.locator(".jupyst-slider .noUi-handle").first
    handle.focus()
    handle.press("ArrowRight")
    main.get_by_text("n = 6", exact=True).wait_for(timeout=15_000)
