"""The HTTP route that serves custom components' files to their frames.

``GET <base>component/<name>/<file>`` (``st.components.v1``) and
``GET <base>_stcore/bidi-components/<name>/<file>`` (packaged ``st.components.v2``) answer
with a file of the folder the app registered for component ``<name>``
(jupyst/runtime/component_folders.py): the build's index.html and whatever it loads later
(lazy chunks, styles, images, fonts, source maps, files in sub-folders). The same routes
serve both modes (shared: ``jupyst/server/``; ``--isolated``: Voilà) and JupyterLab (below
``jupyst/``).

What Streamlit's component routes do, this does: a name nobody registered, an empty file
name, a folder and a missing file are 404; a path with a ``..`` segment, an absolute or
drive path, a null byte, or a symlink that leads out of the component's folder is 400. HTML
is sent ``Cache-Control: no-cache``, anything else ``public``. Tornado's static file
machinery adds ETags, conditional requests, ranges and HEAD.
"""

from __future__ import annotations

import mimetypes
import os
import string
from pathlib import Path
from typing import Any

import tornado.web
from jupyter_server.base.handlers import JupyterHandler

from jupyst.runtime.component_folders import ROUTES, Kind, folder_of

#: Content types of the files a web build ships; ``.js`` must be a JavaScript type for
#: ``<script type="module">`` and ``import()``, whatever the system's mime.types says.
WEB_TYPES: dict[str, str] = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".cjs": "text/javascript",
    ".css": "text/css",
    ".html": "text/html",
    ".htm": "text/html",
    ".json": "application/json",
    ".map": "application/json",
    ".wasm": "application/wasm",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".txt": "text/plain",
}


def content_type(path: str) -> str:
    """The Content-Type of a component file, from its suffix."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in WEB_TYPES:
        return WEB_TYPES[suffix]
    guessed, encoding = mimetypes.guess_type(path)
    if encoding == "gzip":
        return "application/gzip"
    if encoding is None and guessed is not None:
        return guessed
    return "application/octet-stream"


def unsafe_path(relative: str) -> bool:
    """Whether a requested file name could name something outside its folder, before any lookup."""
    if "\x00" in relative or relative.startswith(("/", "\\")) or os.path.isabs(relative):
        return True
    if len(relative) >= 2 and relative[0] in string.ascii_letters and relative[1] == ":":
        return True  # a Windows drive (C:\, C:foo), refused on every platform
    return ".." in relative.replace("\\", "/").split("/")


def resolve_inside(root: Path, relative: str) -> Path | None:
    """The real path of ``relative`` in ``root``; None when it leads out (``..``, symlinks)."""
    if unsafe_path(relative):
        return None
    real_root = os.path.realpath(root)
    candidate = os.path.realpath(os.path.join(real_root, relative))
    try:
        if os.path.commonpath([real_root, candidate]) != real_root:
            return None
    except ValueError:
        return None
    return Path(candidate)


class ComponentFileHandler(JupyterHandler, tornado.web.StaticFileHandler):
    """One file of a registered component's folder."""

    def initialize(self, kind: Kind, registry: str | None = None) -> None:  # type: ignore[override]
        super().initialize(path="")
        self.kind: Kind = kind
        self.registry = registry

    def _locate(self, name: str, path: str) -> str:
        """The file's path relative to its (real) folder, which becomes ``self.root``."""
        folder = folder_of(self.kind, name, self.registry) if name else None
        if folder is None or not path or path.endswith("/"):
            raise tornado.web.HTTPError(404)
        target = resolve_inside(folder, path)
        if target is None:
            raise tornado.web.HTTPError(400)
        if not target.is_file():
            raise tornado.web.HTTPError(404)
        self.root = os.path.realpath(folder)
        return target.relative_to(self.root).as_posix()

    @tornado.web.authenticated
    async def get(self, name: str, path: str, include_body: bool = True) -> None:  # type: ignore[override]
        await super().get(self._locate(name, path), include_body=include_body)

    @tornado.web.authenticated
    async def head(self, name: str, path: str) -> None:  # type: ignore[override]
        await super().get(self._locate(name, path), include_body=False)

    def get_content_type(self) -> str:
        return content_type(self.absolute_path or "")

    def set_extra_headers(self, path: str) -> None:
        # An index.html changes with each build; the hashed files it names do not.
        self.set_header("Cache-Control", "no-cache" if path.lower().endswith((".html", ".htm")) else "public")

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code}: {self._reason}\n")


def component_file_handlers(base_url: str, registry: str | None, prefix: str = "") -> list[tuple[str, type, dict[str, Any]]]:
    """The component routes below ``base_url`` (+ ``prefix``), reading ``registry`` for other processes' components."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    return [
        (rf"{base}{prefix}{ROUTES[kind]}/([^/]+)/(.*)", ComponentFileHandler, {"kind": kind, "registry": registry})
        for kind in ("v1", "v2")
    ]
