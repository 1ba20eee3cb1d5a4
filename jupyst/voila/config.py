"""The Voilà configuration `jupyst run` publishes with: locked down unless ``--dev``.

Everything is set here, as one traitlets ``Config``, rather than read from config files: the
server reads no ``voila.json`` from the app's folder or the user's Jupyter config.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from traitlets.config import Config

from jupyst.voila.apps import APP_CELL_ID, WAIT_TAG
from jupyst.voila.frontend import DEFAULT_FRONTEND
from jupyst.voila.proxy import DEFAULT_PING_INTERVAL, TRUSTED_PROXIES_SETTING, ping_settings
from jupyst.voila.runtime import RuntimeDir

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8866
#: seconds a kernel nobody is connected to may stay idle before it is shut down
DEFAULT_CULL_IDLE = 600
#: bounds a stuck first run (and pyzmq's rare missed wake-up) instead of hanging the page
EXECUTE_TIMEOUT = 60
#: seconds between a visitor taking a preheated kernel and the pool starting its replacement
PREHEAT_REFILL_DELAY = 5.0
TEMPLATE = "jupyst"
#: the npm name of jupyst's JupyterLab extension (labextension/package.json): it needs
#: JupyterLab itself, so a published page never loads it
LAB_EXTENSION = "jupyst-lab"
#: request headers a visitor's kernel sees (``st.context.headers``/``cookies``/``ip_address``);
#: the last is set by jupyst's page handler to the visitor's address
REQUEST_HEADERS = (
    "Host", "User-Agent", "Accept", "Accept-Language", "Accept-Encoding", "Cookie", "Referer", "Origin",
    "Dnt", "Sec-Ch-Ua", "Sec-Ch-Ua-Mobile", "Sec-Ch-Ua-Platform", "X-Forwarded-For", "X-Forwarded-Proto",
    "X-Forwarded-Host", "X-Real-Ip", "X-Jupyst-Remote-Ip",
)
DEFAULT_RECONNECT_GRACE = 60.0
DEFAULT_CONNECT_TIMEOUT = 30.0
#: as Streamlit's server.maxMessageSize default
DEFAULT_MAX_MESSAGE_MB = 200
#: seconds one run of the app may take before it is stopped (--run-timeout; 0: no limit)
DEFAULT_RUN_TIMEOUT = 60.0


@dataclass(frozen=True)
class PublishOptions:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    preheat: int = 0
    dev: bool = False
    cull_idle: int = DEFAULT_CULL_IDLE
    #: error details in the page: a client.showErrorDetails level (jupyst/runtime/script_errors.py)
    show_error_details: str = "none"
    #: why that level (said in the startup line)
    error_details_reason: str = ""
    #: saving the script reruns open pages (--dev, or server.runOnSave in config.toml)
    run_on_save: bool = False
    #: CSS of the theme options of config.toml (checked values only)
    theme_css: str = ""
    #: the page's front end: "voila" or "lean" (jupyst/voila/frontend.py)
    frontend: str = DEFAULT_FRONTEND
    #: serve every visitor from this process (jupyst.server) instead of a kernel each
    shared: bool = False
    #: sessions (shared) or kernels (isolated) alive at once; None: derived from memory (shared), no limit (isolated)
    max_sessions: int | None = None
    #: seconds a dropped page may take to reconnect to its session (shared mode)
    reconnect_grace: float = DEFAULT_RECONNECT_GRACE
    #: seconds a served page may take to open its websocket before its session ends (shared mode)
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    #: largest message a page may send, in MB (Streamlit's server.maxMessageSize)
    max_message_mb: int = DEFAULT_MAX_MESSAGE_MB
    #: the served script's sys.argv (the app's path as given, then its arguments)
    script_argv: tuple[str, ...] = ()
    #: the path prefix every route lives under ("/" or "/a/b/": jupyst/voila/proxy.py)
    base_url: str = "/"
    #: addresses or networks whose X-Forwarded-* headers are believed ("*": any peer)
    trusted_proxies: tuple[str, ...] = ()
    #: seconds between websocket keep-alive pings
    ping_interval: float = DEFAULT_PING_INTERVAL
    #: seconds a run may take before it is stopped and the visitor told (0: no limit)
    run_timeout: float = DEFAULT_RUN_TIMEOUT

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{self.base_url}"


def voila_config(options: PublishOptions, runtime: RuntimeDir, notebook: Path, kernel_cwd: Path) -> Config:
    """Voilà's whole configuration for serving ``notebook`` with kernels started in ``kernel_cwd``."""
    c = Config()
    c.Voila.ip = options.host
    c.Voila.port = options.port
    # Voilà would silently move to another port; the URL we printed must stay true.
    c.Voila.port_retries = 0
    c.Voila.open_browser = False
    c.Voila.notebook_path = str(notebook)
    # Only the notebook's folder (the runtime's app/ for scripts) backs /voila/files/.
    c.Voila.root_dir = str(notebook.parent)
    c.Voila.config_file_paths = [str(runtime.config)]
    c.Voila.connection_dir_root = str(runtime.runtime)
    # Behind a proxy: routes under the prefix, keep-alive pings, believed forwarded headers.
    c.Voila.base_url = options.base_url
    c.Voila.tornado_settings = {
        **ping_settings(options.ping_interval), TRUSTED_PROXIES_SETTING: list(options.trusted_proxies),
    }

    vc = c.VoilaConfiguration
    vc.template = TEMPLATE
    vc.theme = "light"
    vc.strip_sources = True
    vc.show_tracebacks = options.dev or options.show_error_details == "full"
    vc.allow_template_override = "NO"
    vc.allow_theme_override = "NO"
    vc.extension_denylist = [LAB_EXTENSION]
    # Voilà's files from a versioned URL that browsers cache (jupyst/voila/static_assets.py).
    from jupyst.voila.static_assets import page_config_hook

    vc.page_config_hook = page_config_hook
    if options.preheat > 0:
        vc.preheat_kernel = True
        vc.default_pool_size = options.preheat
        # Refill the pool a little after a visitor took a kernel, not while their page loads:
        # a kernel starting competes with that page for the CPU (Voilà's default is 1 s).
        c.VoilaKernelManager.fill_delay = PREHEAT_REFILL_DELAY
    vc.resources = {"jupyst": {"theme_css": options.theme_css, "frontend": options.frontend}}
    # The visitor's request for st.context: these headers reach the kernel as HTTP_* variables.
    vc.http_header_envs = list(REQUEST_HEADERS)

    # Jupyter's /logout page fails under Voilà with a traceback: answer it with a plain 404.
    from jupyst.voila.capacity import logout_handler

    c.IdentityProvider.logout_handler_class = logout_handler()
    # Notebook signing keeps a secret and a database in the user's data dir: keep them here.
    c.NotebookNotary.data_dir = str(runtime.data)
    c.NotebookNotary.db_file = str(runtime.signatures)

    c.VoilaExecutor.timeout = execute_timeout(options.run_timeout)
    if options.preheat > 0:
        # A preheated kernel runs the notebook before anyone visits; the cell that waits for
        # the visitor's request (query string, page) must not time out meanwhile.
        c.VoilaExecutor.timeout_func = CellTimeout(execute_timeout(options.run_timeout))
    # A kernel that dies (killed, out of memory, the script ending the process) is not
    # restarted blank under the same id behind its page: it is removed, and the page says the
    # app stopped (the template's stopped notice).
    c.KernelRestarter.restart_limit = 0
    # ipc sockets instead of TCP ports: no port clashes when many kernels start at once.
    c.KernelManager.transport = "ipc"
    if options.cull_idle > 0:
        c.MappingKernelManager.cull_idle_timeout = options.cull_idle
        c.MappingKernelManager.cull_interval = min(60, options.cull_idle)
    # A served script's kernel starts in the script's folder. (Voilà's kernel pool resets this
    # to its own root, so a script's cell also changes directory itself.)
    c.MappingKernelManager.root_dir = str(kernel_cwd)
    return c


def execute_timeout(run_timeout: float) -> int:
    """Voilà's limit on one cell: above the app's run limit, so the app's own timeout message
    (jupyst/app/run_watchdog.py) is what a visitor sees, not an executor error."""
    return max(EXECUTE_TIMEOUT, int(run_timeout) + 20)


class CellTimeout:
    """``VoilaExecutor.timeout_func`` of preheated kernels: no limit for the cells that wait for
    the visitor (the served script's first cell, a notebook's jupyst cells), ``seconds`` else."""

    def __init__(self, seconds: int) -> None:
        self.seconds = seconds

    def __call__(self, cell: Any) -> int | None:
        return None if waits_for_visitor(cell) else self.seconds


def waits_for_visitor(cell: Any) -> bool:
    tags = (cell.get("metadata") or {}).get("tags") or ()
    if WAIT_TAG in tags:
        return True
    if cell.get("id") == APP_CELL_ID:  # a served script's app cell: its first cell waited
        return False
    source = cell.get("source", "")
    source = "".join(source) if isinstance(source, list) else str(source)
    return source.lstrip().startswith("%%jupyst") or "run_path(" in source
