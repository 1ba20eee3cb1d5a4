"""Component files over real HTTP from `jupyst run` (both modes): a v1 build folder and a
packaged v2 component's ``asset_dir`` are served whole, nested files included, with web
content types; traversal, absolute paths, symlinks out of the folder and names nobody
registered are refused."""

from __future__ import annotations

import http.client
import os
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.component_builds import V2_COMPONENT, write_v1_build, write_v2_package
from tests.e2e.conftest import mode_args
from tests.e2e.server import JupystServer

pytestmark = [pytest.mark.e2e, pytest.mark.isolated_too]

V1 = "/component/__main__.build"
V2 = f"/_stcore/bidi-components/{V2_COMPONENT}"

APP = """
import streamlit as st
import streamlit.components.v1 as components
from streamlit_tiny_counter import counter

build = components.declare_component("build", path={build!r})
st.markdown(f"v1: {{build(question='q', default=None)}}")
st.markdown(f"v2: {{counter(1, key='ctr').count}}")
"""


class Served:
    def __init__(self, server: JupystServer, build: Path, assets: Path) -> None:
        self.server, self.build, self.assets = server, build, assets

    def fetch(self, path: str) -> tuple[int, dict[str, str], bytes]:
        """A raw GET (no client-side normalising of ``..``): status, headers, body."""
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            conn.close()


@pytest.fixture(scope="module")
def served(e2e_root: Path, server_env: dict[str, str], serving_mode: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("component-files")
    build = write_v1_build(folder)
    (folder / "secret.txt").write_text("not a component file\n", encoding="utf-8")
    os.symlink(folder / "secret.txt", build / "assets" / "escape.txt")
    site = folder / "site"
    package = write_v2_package(site)
    (folder / "app.py").write_text(textwrap.dedent(APP.format(build=str(build))), encoding="utf-8")
    env = dict(server_env, PYTHONPATH=os.pathsep.join(p for p in (str(site), server_env.get("PYTHONPATH", "")) if p))
    args = mode_args(("run", str(folder / "app.py")), serving_mode)
    server = JupystServer(args, env, folder, e2e_root / f"component-files-{serving_mode}.log").start()
    try:
        # A visitor's first run declares both components (what registers their folders).
        status, _ = server.get("/")
        assert status == 200
        yield Served(server, build, package / "frontend")
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("file", "content_type"),
    [
        ("index.html", "text/html"),
        ("assets/main-3f2a.js", "text/javascript"),
        ("assets/chunks/answer-9c1d.js", "text/javascript"),
        ("assets/main-3f2a.css", "text/css"),
        ("assets/main-3f2a.js.map", "application/json"),
        ("assets/logo.png", "image/png"),
        ("assets/fonts/body.woff2", "font/woff2"),
    ],
)
def test_every_file_of_a_v1_build_is_served_with_its_type(served: Served, file: str, content_type: str) -> None:
    status, headers, body = served.fetch(f"{V1}/{file}")
    assert status == 200
    assert headers["content-type"] == content_type
    assert body == (served.build / file).read_bytes()
    # Streamlit's caching: the index changes with each build, the hashed files do not.
    assert headers["cache-control"] == ("no-cache" if file.endswith(".html") else "public")


@pytest.mark.parametrize(
    ("file", "content_type"),
    [("index-5e8b1c.js", "text/javascript"), ("lib/math.js", "text/javascript"), ("styles/main-77aa.css", "text/css")],
)
def test_a_packaged_v2_components_asset_dir_is_served(served: Served, file: str, content_type: str) -> None:
    status, headers, body = served.fetch(f"{V2}/{file}")
    assert status == 200
    assert headers["content-type"] == content_type
    assert body == (served.assets / file).read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        f"{V1}/../../secret.txt",
        f"{V1}/assets/..%2F..%2Fsecret.txt",
        f"{V1}/%2Fetc%2Fpasswd",
        f"{V1}/C:%5Cwindows%5Cwin.ini",
        f"{V1}/assets/escape.txt",  # a symlink to a file outside the build
        f"{V2}/..%2F__init__.py",
        f"{V2}/..%2Fpyproject.toml",
    ],
)
def test_paths_out_of_a_components_folder_are_refused(served: Served, path: str) -> None:
    status, _, body = served.fetch(path)
    assert status == 400  # Streamlit's answer to an unsafe component path
    assert b"not a component file" not in body
    assert b"streamlit" not in body


@pytest.mark.parametrize(
    "path",
    [
        "/component/__main__.other/index.html",  # never declared
        "/component/build/index.html",  # the short name is not the component's name
        f"/component/{V2_COMPONENT}/index-5e8b1c.js",  # a v2 name on the v1 route
        "/_stcore/bidi-components/__main__.build/index.html",  # a v1 name on the v2 route
        f"{V1}/",  # the folder itself
        f"{V1}/assets",  # a sub-folder
        f"{V1}/assets/missing.js",
    ],
)
def test_unregistered_names_folders_and_missing_files_are_not_found(served: Served, path: str) -> None:
    status, _, _ = served.fetch(path)
    assert status == 404
