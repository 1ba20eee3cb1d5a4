"""The cache policy of the page's files (jupyst/voila/static_assets.py): which files a browser
may keep for a year, and the version of Voilà's files that their URL carries."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from jupyst.voila.static_assets import (
    GZIP_CACHE,
    HASHED_NAME,
    ExtensionFileHandler,
    VoilaStaticHandler,
    static_version,
    versioned_page_config,
)


@pytest.mark.parametrize(
    ("path", "hashed"),
    [
        ("/voila/labextensions/bqplot/static/remoteEntry.e01ddc1715812041a9e5.js", True),
        ("/voila/labextensions/bqplot/static/568.ca3cef0d68ed10611ed4.js", True),
        ("/voila/labextensions/anywidget/static/2.3dbf81c0.js", True),
        ("/voila/labextensions/anywidget/package.json", False),
        ("/voila/labextensions/jupyterlab_pygments/static/style.js", False),
        ("/voila/labextensions/x/static/remoteEntry.js", False),
        ("/voila/templates/jupyst/static/page/105.dc33fa07b1f5.js", True),  # the lean page's chunks
        ("/voila/templates/jupyst/static/page/mathjax.515d37868465.js", True),
        ("/voila/templates/jupyst/static/page/page.js", False),  # versioned by its ?v= instead
    ],
)
def test_only_content_hashed_names_count_as_immutable(path: str, hashed: bool) -> None:
    assert bool(HASHED_NAME.search(path)) is hashed


def test_the_version_of_the_static_files_follows_their_content(tmp_path: Path) -> None:
    (tmp_path / "voila.js").write_text("one", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "1.voila.js").write_text("x", encoding="utf-8")
    first = static_version([str(tmp_path)])
    assert static_version([str(tmp_path)]) == first
    (tmp_path / "voila.js").write_text("two!", encoding="utf-8")
    assert static_version([str(tmp_path)]) != first
    second = static_version([str(tmp_path)])
    (tmp_path / "2.voila.js").write_text("", encoding="utf-8")
    assert static_version([str(tmp_path)]) != second


def test_a_changed_file_is_compressed_again(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "app.js"
    path.write_text("var a = 1;\n" * 500, encoding="utf-8")
    packed, etag = GZIP_CACHE.get(str(path))
    assert gzip.decompress(packed) == path.read_bytes()
    assert GZIP_CACHE.get(str(path)) == (packed, etag)
    path.write_text("var b = 2;\n" * 600, encoding="utf-8")
    os.utime(path, (1, 1))  # a new size and time, as a reinstall gives
    repacked, new_etag = GZIP_CACHE.get(str(path))
    assert gzip.decompress(repacked) == path.read_bytes()
    assert new_etag != etag


@pytest.mark.parametrize("handler", [VoilaStaticHandler, ExtensionFileHandler])
def test_static_urls_carry_the_files_content_hash(tmp_path: Path, handler: type) -> None:
    # tornado versions a static URL (``?v=``) by hashing the file through the handler class;
    # the gzip-aware handlers must still answer it as a class, not only per request.
    asset = tmp_path / "page.js"
    asset.write_bytes(b"console.log('x');\n" * 400)
    assert handler.get_content_version(str(asset)) == hashlib.sha512(asset.read_bytes()).hexdigest()


def test_the_page_config_names_only_the_extensions_that_hold_widgets() -> None:
    installed = [
        {"name": "anywidget", "load": "static/remoteEntry.1.js"},
        {"name": "@jupyter-widgets/jupyterlab-manager", "load": "static/remoteEntry.2.js"},
        {"name": "jupyst-lab", "load": "static/remoteEntry.3.js"},
        {"name": "bqplot", "load": "static/remoteEntry.4.js"},
        {"name": "mimerender-only"},  # nothing to load
    ]
    config = versioned_page_config({"federated_extensions": installed}, {"base_url": "/"})
    assert [ext["name"] for ext in config["jupystWidgetExtensions"]] == ["anywidget", "bqplot"]
    assert config["federated_extensions"] == installed  # Voilà's own front end reads this one
