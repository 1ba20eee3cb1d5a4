"""The icon font of ``:material/name:`` icons, served to JupyterLab: ``/jupyst/static/<file>``.

Apps in a notebook output are drawn in JupyterLab's own page, which declares no font for them.
jupyst's JupyterLab extension declares "Material Symbols Rounded" with an ``@font-face`` whose
source is this route, so the one woff2 file the published page's template ships (beside its
licence) also serves JupyterLab: nothing is fetched from the network and the wheel holds the
font once. Only the font and its licence are served; the files are public, as Google's are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import tornado.web
from jupyter_server.utils import url_path_join

from jupyst.labserver.routes import URL_PREFIX
from jupyst.voila.runtime import PACKAGE_DATA_ROOT

if TYPE_CHECKING:
    from jupyter_server.serverapp import ServerApp

#: the folder of the published page's static files, where the font and its licence live
STATIC_DIR = PACKAGE_DATA_ROOT / "voila" / "templates" / "jupyst" / "static"
FONT_FILE = "material-symbols-rounded.woff2"
LICENSE_FILE = "LICENSE-material-symbols.txt"


class IconFontHandler(tornado.web.StaticFileHandler):
    """Tornado's static files (ETag, ranges, If-Modified-Since), cached by the browser for a day."""

    def get_cache_time(self, path: str, modified: Any, mime_type: str) -> int:
        # The file changes only with a jupyst release; a day keeps an upgrade visible soon.
        return 86_400


def icon_font_routes(server_app: ServerApp) -> list[tuple[str, type, dict[str, Any]]]:
    """The route of the font and its licence, below the server's base URL."""
    base = server_app.web_app.settings["base_url"]
    names = "|".join(name.replace(".", r"\.") for name in (FONT_FILE, LICENSE_FILE))
    pattern = url_path_join(base, URL_PREFIX, "static", f"({names})")
    return [(pattern, IconFontHandler, {"path": str(STATIC_DIR)})]
