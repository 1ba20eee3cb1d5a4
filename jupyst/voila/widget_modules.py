"""jupyst's widget ES modules at versioned URLs, for the lean page: both serving modes.

A jupyst widget drawn by anywidget carries its ES module's text in its ``_esm`` trait, and
anywidget imports that text through a fresh blob URL for every widget: each labelled input
of a page compiles its own copy of the same module, inside the two seconds anywidget gives a
widget to start before it stops listening to it. Given an ``http(s)`` URL instead, anywidget
imports the URL, which the browser compiles once per page and caches across visits.

So each module ``<name>`` of :data:`jupyst.widgets.module_widget.ES_MODULES` has a URL,
``<base>jupyst/modules/<name>.js?v=<hash of its text>`` (served by
jupyst/voila/static_assets.py, immutable), and the page config lists the URLs under
``jupystModules``, each keyed by :func:`text_key` of the module's text. The lean page
(labextension/page/src/modules.ts) computes the same key of a widget's ``_esm``, imports the
URL before it creates the widgets, and gives anywidget the URL. A text the page finds no
key for (another version of jupyst in the kernel, a user's module) stays as it is.
"""

from __future__ import annotations

import functools
import gzip
import hashlib

from jupyter_server.utils import url_path_join

from jupyst.widgets.module_widget import ES_MODULES, es_module

#: the page config key the lean page reads
PAGE_CONFIG_KEY = "jupystModules"
#: the route of the modules, below the server's base URL (the name is the group)
ROUTE = r"/jupyst/modules/([a-z_]+)\.js"


def text_key(text: str) -> str:
    """``<length>:<FNV-1a hash>`` of ``text`` in UTF-16 code units, as JavaScript sees a string."""
    units = text.encode("utf-16-le")
    value = 0x811C9DC5
    for i in range(0, len(units), 2):
        value ^= units[i] | (units[i + 1] << 8)
        value = (value * 0x01000193) & 0xFFFFFFFF
    return f"{len(units) // 2}:{value:x}"


@functools.cache
def served(name: str) -> tuple[bytes, bytes, str]:
    """The module ``name``'s bytes, gzipped bytes and version (KeyError for another name)."""
    raw = es_module(name).encode("utf-8")
    return raw, gzip.compress(raw, compresslevel=6, mtime=0), hashlib.sha256(raw).hexdigest()[:16]


@functools.cache
def _keys() -> dict[str, str]:
    return {text_key(es_module(name)): name for name in ES_MODULES}


def module_urls(base_url: str) -> dict[str, str]:
    """For the page config: each module's versioned URL path, by the key of its text."""
    return {
        key: url_path_join(base_url, f"jupyst/modules/{name}.js") + f"?v={served(name)[2]}"
        for key, name in _keys().items()
    }
