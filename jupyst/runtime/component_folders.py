"""The folders of custom components that the server serves, and the URLs they are served at.

A component whose front end is a folder of files (``st.components.v1.declare_component(name,
path=...)``, or an ``st.components.v2`` component of a package with an ``asset_dir``) is
*registered* here when the app declares it. The server's component route
(jupyst/voila/component_files.py) serves files of registered folders only, at Streamlit's
URLs relative to the server's base URL:

- v1: ``component/<name>/<file>``
- v2: ``_stcore/bidi-components/<name>/<file>``

The app may run in another process than the server (``--isolated``: a kernel per visitor;
JupyterLab: the notebook's kernel), so a registration is also written as a small JSON file
into the folder named by :data:`REGISTRY_ENV`, which the server creates, passes to its
kernels and reads back. Whether :data:`REGISTRY_ENV` is set is also how an app knows that
its component files are served at all: without it (AppTest, a notebook without jupyst's
server extension) components fall back to inline documents.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Literal
from urllib.parse import quote

#: the folder where registrations are written for the server to read (set by the server)
REGISTRY_ENV = "JUPYST_COMPONENT_REGISTRY"
#: the path of the component routes below the server's base URL ("" or e.g. "jupyst/")
PREFIX_ENV = "JUPYST_COMPONENT_PREFIX"

Kind = Literal["v1", "v2"]
ROUTES: dict[Kind, str] = {"v1": "component", "v2": "_stcore/bidi-components"}

_lock = threading.Lock()
_folders: dict[tuple[Kind, str], Path] = {}


def serving() -> bool:
    """Whether a server serves component folders to this process's pages."""
    return bool(os.environ.get(REGISTRY_ENV))


def _record_in(registry: str | Path, kind: Kind, name: str) -> Path:
    # A digest, not the name: any name makes one safe file name.
    digest = hashlib.sha256(f"{kind}\0{name}".encode()).hexdigest()[:40]
    return Path(registry) / f"{kind}-{digest}.json"


def _record(kind: Kind, name: str) -> Path | None:
    registry = os.environ.get(REGISTRY_ENV)
    return _record_in(registry, kind, name) if registry else None


def register(kind: Kind, name: str, folder: str | Path) -> None:
    """Make ``folder`` the served folder of component ``name`` (the last registration wins)."""
    root = Path(folder).resolve()
    with _lock:
        if _folders.get((kind, name)) == root:
            return
        _folders[(kind, name)] = root
    record = _record(kind, name)
    if record is None:
        return
    # Written whole, then renamed: the server never reads half a record.
    record.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=record.parent, prefix=".tmp-")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump({"kind": kind, "name": name, "folder": str(root)}, out)
    os.replace(tmp, record)


def folder_of(kind: Kind, name: str, registry: str | Path | None = None) -> Path | None:
    """The registered folder of component ``name``: this process's, else the registry's."""
    with _lock:
        found = _folders.get((kind, name))
    if found is not None:
        return found
    record = _record(kind, name) if registry is None else _record_in(registry, kind, name)
    if record is None:
        return None
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    # The file name is a digest: check the record is the one asked for.
    if not isinstance(data, dict) or data.get("kind") != kind or data.get("name") != name:
        return None
    folder = data.get("folder")
    return Path(folder) if isinstance(folder, str) else None


def url_path(kind: Kind, name: str, file: str = "") -> str:
    """The URL of ``file`` of component ``name``, relative to the server's base URL."""
    prefix = os.environ.get(PREFIX_ENV, "")
    return f"{prefix}{ROUTES[kind]}/{quote(name, safe='')}/{quote(file)}"
