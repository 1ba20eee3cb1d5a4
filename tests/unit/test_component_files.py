"""Components served from folders, below HTTP: the path checks and content types of the file
route, the registry another process reads, packaged v2 components' manifests and asset
paths (Streamlit's rules and errors), and what a component sends its front end with and
without a server that serves its files."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jupyst.components.v2 import manifests
from jupyst.errors import StreamlitComponentRegistryError
from jupyst.runtime import component_folders
from jupyst.voila.component_files import content_type, resolve_inside
from tests.e2e.component_builds import V2_COMPONENT, V2_PACKAGE, write_v1_build, write_v2_package
from tests.unit.helpers import start, widget


@pytest.fixture
def build(tmp_path: Path) -> Path:
    folder = write_v1_build(tmp_path)
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", folder / "escape.txt")
    os.symlink(folder / "assets" / "logo.png", folder / "inside.png")
    return folder


def test_resolve_inside_keeps_nested_files_and_refuses_ways_out(build: Path) -> None:
    assert resolve_inside(build, "assets/chunks/answer-9c1d.js") == (build / "assets/chunks/answer-9c1d.js").resolve()
    assert resolve_inside(build, "inside.png") == (build / "assets/logo.png").resolve()  # a symlink within is fine
    for bad in ("../secret.txt", "assets/../../secret.txt", "/etc/passwd", "C:\\x", "C:x", "a\\..\\..\\secret.txt", "x\x00.js", "escape.txt"):
        assert resolve_inside(build, bad) is None, bad


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.js", "text/javascript"), ("a.MJS", "text/javascript"), ("a.css", "text/css"), ("a.js.map", "application/json"),
     ("f.woff2", "font/woff2"), ("i.svg", "image/svg+xml"), ("m.wasm", "application/wasm"), ("blob.unknownext", "application/octet-stream")],
)
def test_content_types_of_web_builds(name: str, expected: str) -> None:
    assert content_type(name) == expected


@pytest.fixture
def registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "registry"
    monkeypatch.setenv(component_folders.REGISTRY_ENV, str(folder))
    monkeypatch.delenv(component_folders.PREFIX_ENV, raising=False)
    monkeypatch.setattr(component_folders, "_folders", {})
    return folder


def test_a_registration_is_readable_by_another_process(registry: Path, build: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    component_folders.register("v1", "app.my comp/x", build)
    monkeypatch.setattr(component_folders, "_folders", {})  # the server's process knows nothing itself
    assert component_folders.folder_of("v1", "app.my comp/x", registry) == build.resolve()
    assert component_folders.folder_of("v2", "app.my comp/x", registry) is None
    assert component_folders.folder_of("v1", "app.other", registry) is None
    assert component_folders.url_path("v1", "app.my comp/x", "a b.js") == "component/app.my%20comp%2Fx/a%20b.js"


def test_without_a_registry_nothing_is_served(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(component_folders.REGISTRY_ENV, raising=False)
    assert not component_folders.serving()


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    site = tmp_path / "site"
    folder = write_v2_package(site)
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setattr(manifests, "_roots", None)
    yield folder
    sys.modules.pop(V2_PACKAGE, None)


def test_an_installed_packages_asset_dir_is_found(package: Path) -> None:
    assert manifests.asset_root(V2_COMPONENT) == (package / "frontend").resolve()
    assert manifests.asset_root("streamlit-tiny-counter.other") is None


def test_asset_paths_and_globs_follow_streamlits_rules(package: Path, tmp_path: Path) -> None:
    root = package / "frontend"
    assert manifests.resolve_asset("index-*.js", root, "js")[1] == "index-5e8b1c.js"
    assert manifests.resolve_asset("styles/*.css", root, "css")[1] == "styles/main-77aa.css"
    assert manifests.resolve_asset("./lib/math.js", root, "js")[1] == "lib/math.js"
    (root / "index-second.js").write_text("", encoding="utf-8")
    with pytest.raises(StreamlitComponentRegistryError, match="Multiple files found matching pattern 'index-\\*.js'"):
        manifests.resolve_asset("index-*.js", root, "js")
    with pytest.raises(StreamlitComponentRegistryError, match="No files found matching pattern 'nothing-\\*.js'"):
        manifests.resolve_asset("nothing-*.js", root, "js")
    with pytest.raises(StreamlitComponentRegistryError, match="Path traversal attempts are not allowed in component paths: ../x.js"):
        manifests.resolve_asset("../x.js", root, "js")
    with pytest.raises(StreamlitComponentRegistryError, match="Path traversal attempts are not allowed in glob patterns"):
        manifests.resolve_asset("../*.js", root, "js")
    with pytest.raises(StreamlitComponentRegistryError, match="Unsafe paths are not allowed in component paths"):
        manifests.resolve_asset("/etc/passwd.js", root, "js")
    (tmp_path / "outside.js").write_text("", encoding="utf-8")
    os.symlink(tmp_path / "outside.js", root / "link.js")
    with pytest.raises(StreamlitComponentRegistryError, match="is outside the declared asset_dir"):
        manifests.resolve_asset("link.js", root, "js")
    with pytest.raises(ValueError, match="File does not exist"):
        manifests.resolve_asset("missing.js", root, "js")


def test_a_manifest_whose_asset_dir_is_missing_fails_when_used(package: Path) -> None:
    toml = package / "pyproject.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('asset_dir = "frontend"', 'asset_dir = "dist"'), encoding="utf-8")
    with pytest.raises(StreamlitComponentRegistryError, match="Declared asset_dir 'dist' for component 'counter' does not exist"):
        manifests.asset_root(V2_COMPONENT)


V2_APP = """
from streamlit_tiny_counter import counter
counter(21, key="ctr")
"""


def test_a_packaged_component_is_sent_by_url_when_its_files_are_served(package: Path, registry: Path) -> None:
    session = start(V2_APP)
    try:
        front = widget(session, "bidi_component")
        assert (front.js, front.css) == ("", "")
        assert front.js_url == f"_stcore/bidi-components/{V2_COMPONENT}/index-5e8b1c.js"
        assert front.css_url == f"_stcore/bidi-components/{V2_COMPONENT}/styles/main-77aa.css"
        assert component_folders.folder_of("v2", V2_COMPONENT, registry) == (package / "frontend").resolve()
    finally:
        session.close()


def test_a_packaged_component_travels_inline_where_nothing_serves_files(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(component_folders.REGISTRY_ENV, raising=False)
    session = start(V2_APP)
    try:
        front = widget(session, "bidi_component")
        assert front.js == (package / "frontend" / "index-5e8b1c.js").read_text(encoding="utf-8")
        assert front.css == (package / "frontend" / "styles" / "main-77aa.css").read_text(encoding="utf-8")
        assert (front.js_url, front.css_url) == ("", "")
    finally:
        session.close()


def test_a_v1_build_is_loaded_from_the_server_when_served_else_inline(build: Path, registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = f"import streamlit.components.v1 as c\nc.declare_component('lazy', path={str(build)!r})(default=None)\n"
    session = start(app)
    try:
        frame = widget(session, "component_instance")
        assert (frame.src, frame.src_on_server, frame.srcdoc) == ("component/__main__.lazy/index.html", True, "")
        assert component_folders.folder_of("v1", "__main__.lazy", registry) == build.resolve()
    finally:
        session.close()
    monkeypatch.delenv(component_folders.REGISTRY_ENV)
    session = start(app)
    try:
        frame = widget(session, "component_instance")
        assert (frame.src, frame.src_on_server) == ("", False)
        assert 'id="out"' in frame.srcdoc
    finally:
        session.close()
