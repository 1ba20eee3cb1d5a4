"""The `jupyst` command: `jupyst run app.py|app.ipynb` and `jupyst hello`.

Parses arguments and reports every problem the user can fix as one line on stderr with a
non-zero exit, never a traceback. A script is served to every visitor from this one process
(``jupyst.server``, shared mode) unless ``--isolated`` asks for a Jupyter kernel per visitor
through Voilà (``jupyst.voila``), which is what a notebook gets.

The app's ``.streamlit/config.toml`` (the user's, the working directory's, the app's) gives
defaults that the command line overrides: ``server.port``, ``server.address``,
``server.runOnSave``, ``client.showErrorDetails`` and the ``theme``. Streamlit's flags for
them (``--server.port 9100``, ``--theme.base=dark``: jupyst/runtime/config_flags.py) work as
in `streamlit run`, and so do the script's own arguments (``jupyst run app.py -- --n 3``:
``sys.argv`` of the script). A config or secrets file that is not valid TOML stops the
command before any server starts.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jupyst.voila.config import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_CULL_IDLE,
    DEFAULT_HOST,
    DEFAULT_MAX_MESSAGE_MB,
    DEFAULT_PORT,
    DEFAULT_RECONNECT_GRACE,
    DEFAULT_RUN_TIMEOUT,
    PublishOptions,
)
from jupyst.voila.frontend import FRONTENDS, FrontendError, chosen_frontend

HELLO_APP = Path(__file__).resolve().parent / "hello" / "hello.py"

#: exit status for a problem with the user's input (as argparse uses)
EXIT_USAGE = 2
#: the Streamlit release whose API jupyst follows
STREAMLIT_API = "1.67"


def version() -> str:
    try:
        return importlib.metadata.version("jupyst")
    except importlib.metadata.PackageNotFoundError:  # a source tree that was never installed
        return "unknown"


class CliError(Exception):
    """A problem to report as one line, then exit non-zero."""


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be between 1 and 65535, not {port}")
    return port


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value


def _limit_seconds(text: str) -> float:
    """Seconds of a limit: 0 (none) or more."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or more, not {text}")
    return value


def _add_serve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--port", type=_port, default=None,
        help=f"port to listen on (default: server.port of .streamlit/config.toml, else {DEFAULT_PORT})",
    )
    parser.add_argument(
        "--host", default=None,
        help=f"address to listen on (default: server.address of .streamlit/config.toml, else {DEFAULT_HOST})",
    )
    parser.add_argument(
        "--preheat", type=_count, default=0, metavar="N",
        help="keep N kernels running the app ahead of visitors (default 0: start one per visit)",
    )
    parser.add_argument(
        "--cull-idle", type=_count, default=DEFAULT_CULL_IDLE, metavar="SECONDS",
        help=f"shut down a kernel idle and unconnected this long; 0 never (default {DEFAULT_CULL_IDLE})",
    )
    parser.add_argument(
        "--dev", action="store_true",
        help="development mode: rerun open pages when the app's files are saved, show error details",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--shared", dest="mode", action="store_const", const="shared",
        help="serve every visitor from this one process, a session each (scripts only)",
    )
    mode.add_argument(
        "--isolated", dest="mode", action="store_const", const="isolated",
        help="start a Jupyter kernel per visitor through Voila",
    )
    parser.add_argument(
        # --max-kernels is isolated mode's name for the same limit: one visitor each.
        "--max-sessions", "--max-kernels", dest="max_sessions", type=_count, default=None, metavar="N",
        help="visitors served at once; the next one gets a 'busy' page (HTTP 503 + Retry-After) "
        "(default: from the available memory: 2 MiB a visitor in shared mode, up to 500; "
        "150 MB a kernel in isolated mode, 2 to 64)",
    )
    parser.add_argument(
        "--reconnect-grace", type=_seconds, default=DEFAULT_RECONNECT_GRACE, metavar="SECONDS",
        help=f"shared mode: how long a dropped page may take to come back to its session (default {DEFAULT_RECONNECT_GRACE:g})",
    )
    parser.add_argument(
        "--connect-timeout", type=_seconds, default=DEFAULT_CONNECT_TIMEOUT, metavar="SECONDS",
        help=argparse.SUPPRESS,  # how long a served page may take to open its socket (tests shorten it)
    )
    parser.add_argument(
        "--base-url", default=None, metavar="PATH",
        help="serve the app and every route under this path, for a proxy that forwards /PATH/... "
        "(default: server.baseUrlPath of config.toml, else /)",
    )
    parser.add_argument(
        "--trust-proxy", default=None, metavar="ADDRESSES",
        help="believe X-Forwarded-For/-Proto/-Host from these comma-separated addresses or networks "
        "(your proxy's, e.g. 127.0.0.1 or 10.0.0.0/8; * for any peer). Default: $FORWARDED_ALLOW_IPS, "
        "else from nobody",
    )
    parser.add_argument(
        "--run-timeout", type=_limit_seconds, default=DEFAULT_RUN_TIMEOUT, metavar="SECONDS",
        help="stop a run of the app that takes longer, and tell the visitor; 0 never "
        f"(default {DEFAULT_RUN_TIMEOUT:g})",
    )
    parser.add_argument(
        "--frontend", choices=FRONTENDS, default=None,
        help="the page's front end: lean (jupyst's own, faster to first render) or voila (Voila's "
        "JupyterLab application, the fallback); default: $JUPYST_FRONTEND, else lean",
    )
    parser.add_argument(
        "--max-message-size", type=_count, default=None, metavar="MB",
        help="largest message a page may send, in MB (default: server.maxMessageSize of config.toml, else 200)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jupyst", description="Serve Streamlit-style apps to the browser.")
    parser.add_argument(
        "--version", action="version", version=f"jupyst, version {version()} (the Streamlit {STREAMLIT_API} API)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    run = sub.add_parser(
        "run", help="serve an app: a .py script or an .ipynb notebook with a %%%%jupyst cell",
        epilog="Streamlit's config flags work too: --server.port 9100, --server.address 0.0.0.0, "
        "--theme.base dark, --client.showErrorDetails none, ... Arguments after the app (or after --) "
        "are the script's sys.argv, as with `streamlit run`.",
    )
    run.add_argument("app", help="the app's .py or .ipynb file (then the script's own arguments, if any)")
    _add_serve_options(run)
    hello = sub.add_parser("hello", help="serve the bundled demo app")
    _add_serve_options(hello)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from jupyst.runtime.config_flags import FlagError, split_config_flags

    parser = build_parser()
    try:
        rest, flags = split_config_flags(list(sys.argv[1:] if argv is None else argv))
    except FlagError as exc:
        print(f"jupyst: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    tail: list[str] = []
    if "--" in rest:  # everything after it is the script's
        cut = rest.index("--")
        rest, tail = rest[:cut], rest[cut + 1 :]
    args, extra = parser.parse_known_args(rest)
    unknown = [word for word in extra if word.startswith("-")]
    if unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    args.script_args = [*extra, *tail]
    if args.command != "run" and args.script_args:
        parser.error(f"unrecognized arguments: {' '.join(args.script_args)}")
    args.config_flags = flags
    try:
        return _serve(args)
    except CliError as exc:
        print(f"jupyst: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _skip_iri_grammar() -> None:
    """Keep jsonschema from loading ``rfc3987_syntax`` in the server process.

    jupyter_server validates its event schemas with jsonschema, whose format checkers import
    ``rfc3987_syntax`` when it is installed; that module compiles an Earley grammar at import,
    about five seconds of every server start on two cores. It only serves the ``iri`` string
    formats, which no Jupyter or Voila schema uses, and jsonschema treats a failed import as
    "no such checker". Marking the module absent before the server's imports skips the cost.
    """
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]  # None: "not importable"


def _serve(args: argparse.Namespace) -> int:
    _skip_iri_grammar()
    from jupyst.runtime.config_file import ConfigError
    from jupyst.voila.apps import AppError, resolve_app

    given = str(HELLO_APP) if args.command == "hello" else args.app
    try:
        app = resolve_app(given)
        options = publish_options(args, app.folder, shared=serving_mode(args.mode, app.kind) == "shared")
    except (AppError, ConfigError) as exc:
        raise CliError(str(exc)) from None
    if options.shared and app.kind != "script":
        raise CliError(
            f"--shared serves .py scripts only: a notebook's other cells hold state, so "
            f"{Path(given).name} runs with a kernel per visitor (drop --shared)"
        )
    # Voilà and jupyter_server take seconds to import: only once the command line, the app and
    # its config are known to be good, so that a mistake is reported at once.
    from jupyst.voila.server import ServeError, serve

    try:
        if options.shared:
            from jupyst.server.app import serve_shared

            return serve_shared(app, options)
        return serve(app, options)
    except (AppError, ServeError, ConfigError) as exc:
        raise CliError(str(exc)) from None


def serving_mode(asked: str | None, app_kind: str) -> str:
    """Shared for a script, isolated for a notebook (its other cells hold state), unless asked."""
    if asked is not None:
        return asked
    return "shared" if app_kind == "script" else "isolated"


def publish_options(args: argparse.Namespace, app_folder: Path, *, shared: bool = False) -> PublishOptions:
    """The command line over the app's config.toml over jupyst's defaults; secrets checked."""
    from jupyst.runtime.config_file import (
        CONFIG_FILE,
        check_options,
        load_config,
        streamlit_file_paths,
        theme_css,
    )
    from jupyst.runtime.script_errors import serving_detail_level
    from jupyst.runtime.secrets import check_secrets_files

    config = load_config(streamlit_file_paths(CONFIG_FILE, app_folder))
    flags = getattr(args, "config_flags", None) or {}
    check_options(flags, "the command line")
    config.update(flags)
    check_secrets_files(app_folder)
    port = args.port if args.port is not None else config.get("server.port", DEFAULT_PORT)
    host = args.host if args.host is not None else config.get("server.address") or DEFAULT_HOST
    max_message_mb = args.max_message_size
    if max_message_mb is None:
        max_message_mb = config.get("server.maxMessageSize", DEFAULT_MAX_MESSAGE_MB)
    details, why = ("full", "--dev") if args.dev else serving_detail_level(host, config.get("client.showErrorDetails"))
    script_args = tuple(getattr(args, "script_args", None) or ())
    behind_proxy = proxy_options(args, config)
    return PublishOptions(
        host=host, port=port, preheat=args.preheat, dev=args.dev, cull_idle=args.cull_idle,
        shared=shared, max_sessions=args.max_sessions or None,
        reconnect_grace=args.reconnect_grace, connect_timeout=args.connect_timeout,
        max_message_mb=max(1, int(max_message_mb)),
        show_error_details=details, error_details_reason=why,
        run_on_save=args.dev or config.get("server.runOnSave") is True,
        theme_css=theme_css(config),
        frontend=page_frontend(args),
        run_timeout=getattr(args, "run_timeout", DEFAULT_RUN_TIMEOUT),
        script_argv=(getattr(args, "app", ""), *script_args) if getattr(args, "app", None) else (),
        **behind_proxy,
    )


def page_frontend(args: argparse.Namespace) -> str:
    """The page front end: --frontend, else $JUPYST_FRONTEND, else the lean one."""
    try:
        return chosen_frontend(getattr(args, "frontend", None))
    except FrontendError as exc:
        raise CliError(str(exc)) from None


def proxy_options(args: argparse.Namespace, config: dict[str, Any]) -> dict[str, Any]:
    """Base URL, trusted proxies and ping interval (jupyst/voila/proxy.py), checked."""
    from jupyst.voila.proxy import (
        ProxyOptionError,
        TrustedProxies,
        normal_base_url,
        ping_interval_seconds,
    )

    base = getattr(args, "base_url", None)
    try:
        # FORWARDED_ALLOW_IPS: the variable `streamlit run` (through uvicorn) reads for the same list.
        given = getattr(args, "trust_proxy", None)
        trusted = TrustedProxies.parse(given if given is not None else os.environ.get("FORWARDED_ALLOW_IPS"))
        return {
            "base_url": normal_base_url(base if base is not None else config.get("server.baseUrlPath")),
            "trusted_proxies": tuple(trusted.as_setting()),
            "ping_interval": ping_interval_seconds(config.get("server.websocketPingInterval")),
        }
    except ProxyOptionError as exc:
        raise CliError(str(exc)) from None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
