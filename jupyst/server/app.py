"""Serving a script app to every visitor from this one process (`jupyst run app.py`).

The server is Voilà's own tornado application (its static files, the widget extensions'
files, its template machinery and the jupyst template), with four routes swapped for those
of :mod:`jupyst.server.handlers`: the page, the kernel model, the kernel websocket and the
unload beacon. There are no kernels: each visitor's page gets a virtual kernel in this
process (:mod:`jupyst.server.kernel`) with an app session of its own.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from typing import Any, TextIO

from jupyst.runtime.script_errors import startup_line
from jupyst.voila.apps import App

log = logging.getLogger("jupyst.server")


def serve_shared(app: App, options: Any, out: TextIO = sys.stdout) -> int:
    """Serve the script ``app`` until stopped; returns the exit status."""
    from jupyst.app.run_watchdog import set_run_timeout
    from jupyst.server.comms import install
    from jupyst.server.sessions import PoolOptions, default_max_sessions
    from jupyst.voila.apps import write_script_notebook
    from jupyst.voila.config import voila_config
    from jupyst.voila.runtime import KERNEL_NAME, RuntimeDir
    from jupyst.voila.server import _use_environment, check_port

    check_port(options.host, options.port)
    runtime = RuntimeDir.create()
    try:
        # Voilà needs a notebook to serve in single-app mode; it is never executed here.
        notebook = write_script_notebook(app, runtime.app_dir, kernel_name=KERNEL_NAME)
        _use_environment(runtime.environment())
        config = voila_config(options, runtime, notebook, kernel_cwd=app.folder)
        # The app reads its files relative to its folder, as in its own kernel.
        os.chdir(app.folder)
        install()
        _log_to_stderr()
        set_run_timeout(options.run_timeout)
        pool_options = PoolOptions(
            max_sessions=options.max_sessions or default_max_sessions(),
            reconnect_grace=options.reconnect_grace,
            connect_timeout=options.connect_timeout,
            cull_idle=options.cull_idle,
            show_error_details="full" if options.dev else options.show_error_details,
            run_on_save=options.run_on_save,
            run_timeout=options.run_timeout,
        )
        if options.script_argv:
            # As `streamlit run` does: the script's arguments are the process's (shared by every visitor).
            sys.argv = list(options.script_argv)
        print(f"jupyst: serving {app.path.name} at {options.url}", file=out, flush=True)
        print(startup_line(options.show_error_details, options.error_details_reason or "default"), file=out, flush=True)
        print(
            f"jupyst: shared mode: every visitor in this process, at most {pool_options.max_sessions} at once",
            file=out, flush=True,
        )
        if options.preheat:
            print("jupyst: --preheat only applies with --isolated; ignored", file=out, flush=True)
        if options.host not in ("127.0.0.1", "localhost", "::1"):
            print(f"jupyst: warning: {options.host} may be reachable from other machines", file=sys.stderr, flush=True)
        return _run(config, app, pool_options, options.max_message_mb * 1024 * 1024)
    finally:
        runtime.remove()


def _log_to_stderr() -> None:
    """The server's own lines (sessions ending, refused messages) on stderr, as Voilà's are.

    Only the ``jupyst.server`` logger: what an app logs keeps Python's defaults, and lands in
    the server's output, never in a page.
    """
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    # Libraries an app imports warn about their own deprecations once per visitor otherwise.
    warnings.filterwarnings("ignore", category=DeprecationWarning)


def _run(config: Any, app: App, pool_options: Any, max_message_size: int) -> int:
    from jupyst.server.voila_app import SharedVoila

    SharedVoila.jupyst_script = str(app.path)
    SharedVoila.jupyst_title = app.name
    SharedVoila.jupyst_pool_options = pool_options
    SharedVoila.jupyst_max_message_size = max_message_size
    try:
        SharedVoila.launch_instance(argv=[], config=config)
    except SystemExit as exc:  # Voilà exits this way when it cannot listen
        return exc.code if isinstance(exc.code, int) else 1
    return 0
