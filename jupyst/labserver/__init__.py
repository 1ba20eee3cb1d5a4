"""jupyst's Jupyter server extension: apps served by the server JupyterLab runs in.

Enabled by ``etc/jupyter/jupyter_server_config.d/jupyst.json`` (installed with the package),
it adds two routes to the Jupyter server, so a preview and a Binder need no second port:

- ``/jupyst/app/<path>``: the app of the ``.py`` script or ``.ipynb`` notebook at ``<path>``
  (relative to the server's root) as a visitor of ``jupyst run`` sees it;
- ``/jupyst/preview/<path>``: the same page in the dev loop (saving the script reruns the
  page in place, keeping its session state; tracebacks shown), what JupyterLab's
  "Open as jupyst app" shows beside the code.

Both take ``?theme=light|dark`` and a page of a multipage app as one more path segment.
It also serves custom components' files (``/jupyst/component/...`` and
``/jupyst/_stcore/bidi-components/...``, jupyst/voila/component_files.py) to the pages and to
notebooks whose kernels this server starts: they inherit the registry folder it names in
their environment, and the icon font JupyterLab's extension declares (``/jupyst/static/...``,
jupyst/labserver/icon_font.py).
Access is the Jupyter server's own: its login (token or password) and its authorizer.

The pages are rendered today by Voilà (``voila_pages``), a kernel per page from the server's
own kernel manager. ``PageBackend`` is the seam: a backend gives the routes; a shared-process
backend can replace Voilà's without the routes or the JupyterLab extension changing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from jupyter_server.serverapp import ServerApp

#: URL prefix of every route of the extension, below the server's base URL
from jupyst.labserver.routes import MODES as MODES
from jupyst.labserver.routes import URL_PREFIX as URL_PREFIX


class PageBackend(Protocol):
    """Something that can render app pages inside a Jupyter server."""

    def routes(self, server_app: ServerApp) -> list[tuple[str, type, dict[str, Any]]]:
        """Tornado routes (pattern, handler class, handler kwargs) to add to the server."""
        ...


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "jupyst.labserver"}]


def _load_jupyter_server_extension(server_app: ServerApp) -> None:
    from jupyst.labserver.icon_font import icon_font_routes
    from jupyst.labserver.voila_pages import VoilaPageBackend

    backend: PageBackend = VoilaPageBackend()
    routes = backend.routes(server_app) + _component_routes(server_app) + icon_font_routes(server_app)
    server_app.web_app.add_handlers(".*$", routes)
    server_app.log.info("jupyst: apps served at %s%s/app/<path>", server_app.base_url, URL_PREFIX)


def _component_routes(server_app: ServerApp) -> list[tuple[str, type, dict[str, Any]]]:
    """Component file routes, and the environment that tells kernels started later where they are."""
    import atexit
    import os
    import shutil
    import tempfile

    from jupyst.runtime.component_folders import PREFIX_ENV, REGISTRY_ENV
    from jupyst.voila.component_files import component_file_handlers

    # A private folder per server (mkdtemp: mode 0700); kernels inherit the server's environment.
    registry = tempfile.mkdtemp(prefix="jupyst-components-")
    atexit.register(shutil.rmtree, registry, ignore_errors=True)
    os.environ[REGISTRY_ENV] = registry
    os.environ[PREFIX_ENV] = f"{URL_PREFIX}/"
    return component_file_handlers(server_app.base_url, registry, prefix=f"{URL_PREFIX}/")


# The names older jupyter_server versions look for.
load_jupyter_server_extension = _load_jupyter_server_extension
_jupyter_server_extension_paths = _jupyter_server_extension_points
