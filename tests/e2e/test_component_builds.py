"""Components shipped as files, in Chromium against `jupyst run` (shared mode): a v1 build
whose script lazily ``import()``s a chunk from a sub-folder before it sends its value, and a
packaged v2 component whose served ``index-*.js`` imports a helper module, renders, styles
itself from its served CSS and sets a state value. Both values reach the app."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.component_builds import V1_VALUE, write_v1_build, write_v2_package
from tests.e2e.conftest import mode_args, open_app
from tests.e2e.server import JupystServer

pytestmark = pytest.mark.e2e

UPDATE_MS = 20_000

APP = """
import streamlit as st
import streamlit.components.v1 as components
from streamlit_tiny_counter import counter

lazy = components.declare_component("lazy", path={build!r})
st.markdown(f"v1 value: {{lazy(question='lazy chunk', default=None)}}")
st.markdown(f"v2 count: {{counter(21, key='ctr').count}}")
"""


@pytest.fixture(scope="module")
def server(e2e_root: Path, server_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupystServer]:
    folder = tmp_path_factory.mktemp("component-builds")
    build = write_v1_build(folder)
    site = folder / "site"
    write_v2_package(site)
    (folder / "app.py").write_text(textwrap.dedent(APP.format(build=str(build))), encoding="utf-8")
    env = dict(server_env, PYTHONPATH=os.pathsep.join(p for p in (str(site), server_env.get("PYTHONPATH", "")) if p))
    args = mode_args(("run", str(folder / "app.py")), "shared")
    server = JupystServer(args, env, folder, e2e_root / "component-builds.log").start()
    yield server
    server.stop()


def test_file_components_load_their_lazy_files_and_send_values_back(page: Any, server: JupystServer) -> None:
    loaded: list[str] = []
    page.on("response", lambda r: loaded.append(r.url) if r.status == 200 and "component" in r.url else None)
    open_app(page, server)
    # v1: index.html from the server, its module script, then the chunk it import()s; the value
    # the chunk computed came back through setComponentValue and a rerun.
    page.get_by_text(f"v1 value: {V1_VALUE}").wait_for(timeout=UPDATE_MS)
    frame = page.frame_locator(".jupyst-component iframe").first
    frame.get_by_text(V1_VALUE).wait_for(timeout=UPDATE_MS)
    assert frame.locator("#logo").evaluate("img => img.naturalWidth") == 1  # an image of the build
    assert any(url.endswith("/assets/chunks/answer-9c1d.js") for url in loaded)
    # v2: the served module (and the helper it imports) rendered into the shadow root, the
    # served stylesheet applies, and the state value it set is the app's.
    page.get_by_text("v2 count: 42").wait_for(timeout=UPDATE_MS)
    host = page.locator(".jupyst-bidi-component")
    host.get_by_text("rendered 42").wait_for(timeout=UPDATE_MS)
    assert host.locator(".box").evaluate("el => getComputedStyle(el).borderTopColor") == "rgb(0, 128, 0)"
    assert any(url.endswith("/_stcore/bidi-components/streamlit-tiny-counter.counter/lib/math.js") for url in loaded)
    assert not page.recorder.errors
