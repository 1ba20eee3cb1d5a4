"""App pages rendered by Voilà inside the Jupyter server: the ``/jupyst/<mode>/<path>`` routes.

Each page is one Voilà render with the jupyst template, in a kernel that the Jupyter server's
own kernel manager starts (so it shows in JupyterLab's running-kernels list and is shut down
when the page closes). A ``.py`` script is served through the same generated notebook as
``jupyst run`` (``jupyst.voila.apps.script_notebook``); a notebook is served as it is. What
differs between the two modes is the dev loop: a preview reruns on save and shows
tracebacks; an app page follows the app's ``.streamlit/config.toml`` as ``jupyst run`` does.

Voilà's own server extension serves the template's static files, widget front ends and the
kernel shutdown beacon (``/voila/...``); it is loaded here when the server has not enabled it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nbformat
import tornado.web
from jupyter_core.utils import ensure_async
from jupyter_server.utils import url_path_join
from traitlets.config import Config
from voila.configuration import VoilaConfiguration
from voila.handler import VoilaHandler
from voila.paths import collect_template_paths

from jupyst.labserver.routes import MODES, URL_PREFIX
from jupyst.voila.apps import SCRIPT_SUFFIX, AppError, resolve_app, script_notebook
from jupyst.voila.config import EXECUTE_TIMEOUT, LAB_EXTENSION, REQUEST_HEADERS, TEMPLATE
from jupyst.voila.runtime import PACKAGE_DATA_ROOT

if TYPE_CHECKING:
    from jupyter_server.serverapp import ServerApp

THEMES = ("light", "dark")
#: ``/jupyst/<mode>/<path to .py or .ipynb>[/<page>]``; the page is one segment without a dot
ROUTE = (
    rf"/{URL_PREFIX}/(?P<mode>{'|'.join(MODES)})"
    r"/(?P<path>(?:[^/]+/)*[^/]+\.(?:py|ipynb))(?:/(?P<page>[^/.]*))?"
)


@dataclass(frozen=True)
class PageOptions:
    """How one page is served: its mode, theme and what the app's config.toml says."""

    mode: str
    theme: str
    show_error_details: bool
    run_on_save: bool
    theme_css: str


def page_options(mode: str, theme: str, app_folder: Path) -> PageOptions:
    """The preview is the dev loop; an app page reads config.toml as `jupyst run` does."""
    from jupyst.runtime.config_file import (
        CONFIG_FILE,
        load_config,
        show_error_details,
        streamlit_file_paths,
        theme_css,
    )

    config = load_config(streamlit_file_paths(CONFIG_FILE, app_folder))
    if theme == "dark":
        # JupyterLab's dark theme wins over the light colours config.toml may set.
        config = {**config, "theme.base": "dark"}
        for name in ("backgroundColor", "secondaryBackgroundColor", "textColor", "borderColor"):
            config.pop(f"theme.{name}", None)
    preview = mode == "preview"
    return PageOptions(
        mode=mode, theme=theme,
        show_error_details=preview or show_error_details(config, default=False),
        run_on_save=preview or config.get("server.runOnSave") is True,
        theme_css=theme_css(config),
    )


def page_configuration(options: PageOptions, app_root: str, hook: Any) -> VoilaConfiguration:
    """Voilà's settings for one page, as `jupyst run` sets them, with the theme asked for."""
    c = Config()
    vc = c.VoilaConfiguration
    vc.template = TEMPLATE
    vc.theme = options.theme
    vc.strip_sources = True
    vc.show_tracebacks = options.show_error_details
    vc.allow_template_override = "NO"
    vc.allow_theme_override = "NO"
    vc.extension_language_mapping = {SCRIPT_SUFFIX: "python"}
    vc.http_header_envs = list(REQUEST_HEADERS)
    # The JupyterLab extension needs JupyterLab itself: an app page never loads it.
    vc.extension_denylist = [LAB_EXTENSION]
    # The renderer reads the resources from the config object itself, not from the trait.
    vc.resources = {"jupyst": {"theme_css": options.theme_css, "app_root": app_root}}
    configuration = VoilaConfiguration(config=c)
    configuration.prelaunch_hook = hook
    return configuration


#: query parameters that belong to the route, not to the app (``st.query_params`` never sees them)
ROUTE_PARAMS = ("theme", "token")


def base_url_cell(app_root: str) -> Any:
    """A first cell that makes the app's URLs relative to its route: the kernel reads its page
    from ``SCRIPT_NAME`` below ``VOILA_BASE_URL`` (jupyst/app/pages.py), and its query
    parameters from ``QUERY_STRING``, without the route's own."""
    source = "\n".join([
        "import os",
        "from urllib.parse import parse_qsl, urlencode",
        "",
        f"os.environ['VOILA_BASE_URL'] = {app_root!r}",
        "os.environ['QUERY_STRING'] = urlencode([",
        "    (k, v) for k, v in parse_qsl(os.environ.get('QUERY_STRING', ''), keep_blank_values=True)",
        f"    if k not in {ROUTE_PARAMS!r}",
        "])",
    ])
    return nbformat.v4.new_code_cell(source=source, id="jupyst-base-url")


class AppPageHandler(VoilaHandler):
    """GET ``/jupyst/<mode>/<path>``: the app's page, streamed as Voilà renders it."""

    def initialize(self, **kwargs: Any) -> None:
        super().initialize(**kwargs)
        self.jupyst_template_paths: list[str] = kwargs["template_paths"]

    @tornado.web.authenticated
    async def get(self, mode: str, path: str, page: str | None = None) -> None:
        # Rendering starts a kernel that runs the file: the right to start kernels and to
        # read the file, as the Jupyter server's authorizer grants them.
        for action, resource in (("execute", "kernels"), ("read", "contents")):
            if not await ensure_async(self.authorizer.is_authorized(self, self.current_user, action, resource)):
                raise tornado.web.HTTPError(403, f"not allowed to {action} {resource}")
        theme = self.get_argument("theme", "light")
        if theme not in THEMES:
            raise tornado.web.HTTPError(400, f"theme must be one of {', '.join(THEMES)}, not {theme!r}")
        app = await self._resolve(path)
        from jupyst.runtime.config_file import ConfigError

        try:
            options = page_options(mode, theme, app.folder)
        except ConfigError as exc:
            raise tornado.web.HTTPError(400, str(exc)) from None
        quoted = tornado.escape.url_escape(path, plus=False).replace("%2F", "/")
        app_root = url_path_join(self.base_url, URL_PREFIX, mode, quoted) + "/"
        kernel_name = getattr(self.kernel_manager, "default_kernel_name", None) or "python3"

        def prelaunch(_handler: Any, notebook: Any, cwd: str) -> Any:
            if app.kind == "script":
                notebook = nbformat.from_dict(script_notebook(
                    app, kernel_name=kernel_name, show_error_details=options.show_error_details,
                    run_on_save=options.run_on_save,
                ))
            notebook.cells.insert(0, base_url_cell(app_root))
            return notebook

        self.voila_configuration = page_configuration(options, app_root, prelaunch)
        self.template_paths = self.jupyst_template_paths
        async for html in self.get_generator(path=path):
            self.write(html)
            self.flush()

    async def _resolve(self, path: str) -> Any:
        """The app at API path ``path``: checked as `jupyst run` checks it (404 / 400 else)."""
        cm = self.contents_manager
        if not hasattr(cm, "_get_os_path"):
            raise tornado.web.HTTPError(501, "jupyst apps need a contents manager backed by files")
        if await ensure_async(cm.is_hidden(path)) and not getattr(cm, "allow_hidden", False):
            raise tornado.web.HTTPError(404, f"no such file: {path}")
        try:
            return resolve_app(cm._get_os_path(path))
        except AppError as exc:
            status = 404 if str(exc).startswith(("no such file", "not a file")) else 400
            raise tornado.web.HTTPError(status, str(exc).replace(cm._get_os_path(path), path)) from None
        except tornado.web.HTTPError:  # a path outside the root
            raise tornado.web.HTTPError(404, f"no such file: {path}") from None


class VoilaPageBackend:
    """The ``PageBackend`` that renders app pages with Voilà (a kernel per page)."""

    def routes(self, server_app: ServerApp) -> list[tuple[str, type, dict[str, Any]]]:
        use_package_templates()
        ensure_voila_extension(server_app)
        template_paths = collect_template_paths(["voila", "nbconvert"], TEMPLATE)
        config = Config()
        config.VoilaExecutor.timeout = EXECUTE_TIMEOUT
        kwargs = {
            "config": config,
            "template_paths": template_paths,
            # replaced per request (theme, mode); the handler's constructor wants one
            "voila_configuration": VoilaConfiguration(),
        }
        pattern = url_path_join(server_app.web_app.settings["base_url"], ROUTE)
        return [(pattern, AppPageHandler, kwargs)]


def use_package_templates() -> None:
    """Put the jupyst package folder first on the Jupyter data path of this server process.

    The package holds ``voila/templates/jupyst`` in the layout of a Jupyter data folder; Voilà
    finds templates and their static files on that path, so the template that is used is
    always the one shipped with the jupyst code that runs.
    """
    root = str(PACKAGE_DATA_ROOT)
    current = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    if root not in current:
        os.environ["JUPYTER_PATH"] = os.pathsep.join([root, *current])


def ensure_voila_extension(server_app: ServerApp) -> None:
    """Voilà's handlers (static files, widget front ends, kernel shutdown) must be there."""
    enabled = server_app.jpserver_extensions
    if not (enabled.get("voila.server_extension") or enabled.get("voila")):
        from voila.server_extension import _load_jupyter_server_extension

        _load_jupyter_server_extension(server_app)

