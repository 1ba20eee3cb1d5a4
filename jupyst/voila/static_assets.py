"""The page's JavaScript and CSS, compressed and cached by the browser: both serving modes.

A published page loads Voilà's front end (about 6 MB of JavaScript in a hundred files) and the
widget extensions' files. Voilà serves them uncompressed, its own files with no cache header
and the extensions' files with ``no-cache``, so every visit fetches or revalidates each one.
Here, for the routes of both modes:

- gzip: a file of a compressible type is sent gzipped to a browser that accepts it; the
  compressed bytes are made once per file (and kept while its size and modification time
  stay), so a server with many visitors compresses each file once, not once per visitor;
- Voilà's own files get a versioned URL prefix, ``voila/static-<version>/``, built from the
  files' names, sizes and times: the page's configuration points Voilà's loader at it
  (``fullStaticUrl``), and everything under it is cached for a year as immutable; a new Voilà
  gives a new prefix. ``voila/static/`` keeps answering as before;
- the template's files (their URLs carry ``?v=<hash>`` already; the lean page's chunks carry a
  content hash in their names) are compressed too, and immutable;
- an extension's file whose name carries a content hash (``remoteEntry.<hash>.js``,
  ``568.<hash>.js``) or a ``?v=`` version is immutable too; its other files stay ``no-cache``;
- jupyst's widget ES modules (jupyst/voila/widget_modules.py) have a route of their own,
  versioned by their text's hash, and the page config lists their URLs;
- the page config lists the extensions that hold widgets (``jupystWidgetExtensions``): the
  lean page's template preloads their entries and its front end loads them, no others;
- everything else of a compressible type (the page's HTML, with the widget states the lean
  page starts from; the API's JSON) goes gzipped too, compressed as it is sent
  (:func:`compress_responses`).

A second visit then loads the front end from the browser's cache without a request.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import threading
from collections.abc import Iterable
from typing import Any

from jupyter_server.base.handlers import FileFindHandler
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.web import GZipContentEncoding
from voila.static_file_handler import MultiStaticFileHandler, TemplateStaticFileHandler

from jupyst.voila import widget_modules

#: the tornado setting that holds the versioned URL of Voilà's static files
STATIC_URL_SETTING = "jupyst_static_url"
IMMUTABLE = "public, max-age=31536000, immutable"
#: what gzip shrinks; fonts and images are compressed already
COMPRESSIBLE = (".js", ".css", ".json", ".svg", ".html", ".map", ".txt", ".mjs")
#: smaller files gain nothing worth a header
MIN_GZIP_SIZE = 1024
#: installed JupyterLab extensions that hold no widget modules (JupyterLab's and Voilà's widget
#: managers, a theme, jupyst's own JupyterLab extension)
NOT_WIDGETS = frozenset({
    "@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8", "@voila-dashboards/widgets-manager7",
    "jupyterlab_pygments", "jupyst-lab",
})
#: a webpack content hash in a file name: ``name.<hex>.js``, ``<id>.<hex>.js``
HASHED_NAME = re.compile(r"[.-][0-9a-f]{8,}\.[a-z0-9]+$")


class _GzipCache:
    """The gzipped bytes of each file served, made once per (path, size, mtime)."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[int, float, bytes, str]] = {}
        self._lock = threading.Lock()

    def get(self, path: str) -> tuple[bytes, str]:
        stat = os.stat(path)
        with self._lock:
            entry = self._entries.get(path)
        if entry is not None and entry[0] == stat.st_size and entry[1] == stat.st_mtime:
            return entry[2], entry[3]
        with open(path, "rb") as fh:
            raw = fh.read()
        # mtime=0: the same file gives the same bytes (and ETag) in every process.
        packed = gzip.compress(raw, compresslevel=6, mtime=0)
        etag = '"gz-' + hashlib.sha1(packed).hexdigest() + '"'
        with self._lock:
            self._entries[path] = (stat.st_size, stat.st_mtime, packed, etag)
        return packed, etag


GZIP_CACHE = _GzipCache()


def accepts_gzip(handler: web.RequestHandler) -> bool:
    accepted = handler.request.headers.get("Accept-Encoding", "")
    return any(part.split(";")[0].strip() == "gzip" for part in accepted.split(","))


class _CompressingMixin(web.StaticFileHandler):
    """tornado's static file handler that sends a gzipped copy when it pays."""

    _gzipped: bytes | None = None
    _gzip_etag: str | None = None

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        path = super().validate_absolute_path(root, absolute_path)
        self._gzipped = None
        if (
            path is not None and os.path.isfile(path) and path.endswith(COMPRESSIBLE)
            and "Range" not in self.request.headers and accepts_gzip(self)
            and os.path.getsize(path) >= MIN_GZIP_SIZE
        ):
            self._gzipped, self._gzip_etag = GZIP_CACHE.get(path)
        return path

    def compute_etag(self) -> str | None:
        if self._gzipped is not None:
            return self._gzip_etag
        return super().compute_etag()

    def get_content_size(self) -> int:
        if self._gzipped is not None:
            return len(self._gzipped)
        return super().get_content_size()

    def get_content(self, abspath: str, start: int | None = None, end: int | None = None) -> Any:  # type: ignore[override]
        if self._gzipped is not None:
            return self._gzipped[start:end]
        return super().get_content(abspath, start, end)

    def versioned(self) -> bool:
        """Whether the URL names one version of the file for good: ``?v=`` or a hashed name."""
        return "v" in self.request.arguments or HASHED_NAME.search(self.request.path) is not None

    @classmethod
    def get_content_version(cls, abspath: str) -> str:
        # tornado hashes a file for its static URL (``?v=``) through ``cls.get_content``, which
        # this class overrides per request (to send the gzipped copy): hash the file itself.
        return web.StaticFileHandler.get_content_version(abspath)

    def set_extra_headers(self, path: str) -> None:
        super().set_extra_headers(path)
        # A cache between here and the browser keeps one copy per encoding.
        self.set_header("Vary", "Accept-Encoding")
        if self._gzipped is not None:
            self.set_header("Content-Encoding", "gzip")
            self.clear_header("Accept-Ranges")


class VoilaStaticHandler(_CompressingMixin, MultiStaticFileHandler):
    """Voilà's own files; immutable under the versioned prefix (the route says which)."""

    def initialize(self, paths: list[str], default_filename: str | None = None, immutable: bool = False) -> None:  # type: ignore[override]
        MultiStaticFileHandler.initialize(self, paths, default_filename)
        self.immutable = immutable

    def set_extra_headers(self, path: str) -> None:
        super().set_extra_headers(path)
        if self.immutable:
            self.set_header("Cache-Control", IMMUTABLE)


class ExtensionFileHandler(_CompressingMixin, FileFindHandler):
    """The widget extensions' files: hashed names are immutable, the rest ``no-cache``."""

    def set_headers(self) -> None:
        super().set_headers()
        if self.versioned():
            self.set_header("Cache-Control", IMMUTABLE)


class TemplateFileHandler(_CompressingMixin, TemplateStaticFileHandler):
    """The template's files (jupyst's CSS, the lean page's ``page/page.js``): their URLs carry
    ``?v=`` already; the lean page's chunks (``page/105.<hash>.js``) carry a content hash in
    their name. Both are immutable; a file without either keeps tornado's default."""

    def set_extra_headers(self, path: str) -> None:
        super().set_extra_headers(path)
        if self.versioned():
            self.set_header("Cache-Control", IMMUTABLE)


class WidgetModuleHandler(web.RequestHandler):
    """A widget ES module (jupyst/voila/widget_modules.py); immutable at its versioned URL."""

    def get(self, name: str) -> None:
        try:
            raw, packed, version = widget_modules.served(name)
        except KeyError:
            raise web.HTTPError(404) from None
        self.set_header("Content-Type", "text/javascript; charset=utf-8")
        self.set_header("Vary", "Accept-Encoding")
        self.set_header("Cache-Control", IMMUTABLE if self.get_argument("v", None) == version else "no-cache")
        if accepts_gzip(self):
            self.set_header("Content-Encoding", "gzip")
            self.write(packed)
        else:
            self.write(raw)


def compress_responses(app: web.Application) -> None:
    """Gzip ``app``'s responses for a browser that accepts it: tornado's own transform, which
    compresses each flushed part of a streamed page and leaves a response that has its
    encoding already (the static handlers' pre-compressed files) alone. Tornado adds it only
    for a ``compress_response`` setting given when the application is made, before Voilà
    applies its settings; so here, once the application exists."""
    if GZipContentEncoding not in app.transforms:
        app.transforms.append(GZipContentEncoding)


def static_version(paths: Iterable[str]) -> str:
    """A short token that changes whenever a file under ``paths`` does (name, size or time)."""
    digest = hashlib.sha1()
    for root in paths:
        for folder, dirs, files in sorted(os.walk(root)):
            dirs.sort()
            for name in sorted(files):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{os.path.relpath(os.path.join(folder, name), root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:12]


def caching_routes(routes: list[Any], server_url: str, settings: dict[str, Any], static_paths: list[str]) -> list[Any]:
    """``routes`` (Voilà's) with its static and extension routes compressing and caching, and
    the versioned route of Voilà's files; records that route's URL in ``settings``."""
    version = static_version(static_paths)
    settings[STATIC_URL_SETTING] = url_path_join(settings.get("base_url", "/"), f"voila/static-{version}")
    out: list[Any] = [(
        url_path_join(server_url, rf"/voila/static-{version}/(.*)"), VoilaStaticHandler,
        {"paths": static_paths, "default_filename": "index.html", "immutable": True},
    ), (url_path_join(server_url, widget_modules.ROUTE), WidgetModuleHandler)]
    for route in routes:
        handler = route[1] if isinstance(route, (tuple, list)) and len(route) > 1 else None
        if handler is MultiStaticFileHandler:
            route = (route[0], VoilaStaticHandler, *route[2:])
        elif handler is TemplateStaticFileHandler:
            route = (route[0], TemplateFileHandler, *route[2:])
        elif handler is FileFindHandler and str(route[0]).endswith("/voila/labextensions/(.*)"):
            route = (route[0], ExtensionFileHandler, *route[2:])
        out.append(route)
    return out


def versioned_page_config(page_config: dict[str, Any], settings: dict[str, Any]) -> dict[str, Any]:
    """The page config with Voilà's loader pointed at the versioned (cacheable) static URL, the
    URLs of jupyst's widget modules and the extensions that hold widgets."""
    page_config = {
        **page_config,
        widget_modules.PAGE_CONFIG_KEY: widget_modules.module_urls(settings.get("base_url", "/")),
        "jupystWidgetExtensions": [
            ext for ext in page_config.get("federated_extensions") or []
            if ext.get("load") and ext.get("name") not in NOT_WIDGETS
        ],
    }
    url = settings.get(STATIC_URL_SETTING)
    if url:
        page_config["fullStaticUrl"] = url
    return page_config


def page_config_hook(page_config: dict[str, Any], *, settings: dict[str, Any], **_: Any) -> dict[str, Any]:
    """``VoilaConfiguration.page_config_hook`` for isolated mode."""
    return versioned_page_config(page_config, settings)
