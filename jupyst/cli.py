"""The `jupyst` command: `jupyst run app.py|app.ipynb` and `jupyst hello`.

Parses arguments and reports every problem the user can fix as one line on stderr with a
non-zero exit, never a traceback. The serving itself lives in ``jupyst.voila``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from jupyst.voila.config import DEFAULT_CULL_IDLE, DEFAULT_HOST, DEFAULT_PORT, PublishOptions

HELLO_APP = Path(__file__).resolve().parent / "hello" / "hello.py"

#: exit status for a problem with the user's input (as argparse uses)
EXIT_USAGE = 2


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


def _add_serve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT})")
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument(
        "--preheat", type=_count, default=0, metavar="N",
        help="keep N kernels running the app ahead of visitors (default 0: start one per visit)",
    )
    parser.add_argument(
        "--cull-idle", type=_count, default=DEFAULT_CULL_IDLE, metavar="SECONDS",
        help=f"shut down a kernel idle and unconnected this long; 0 never (default {DEFAULT_CULL_IDLE})",
    )
    parser.add_argument("--dev", action="store_true", help="show error details and tracebacks to visitors")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jupyst", description="Serve Streamlit-style apps with Voilà.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    run = sub.add_parser("run", help="serve an app: a .py script or an .ipynb notebook with a %%%%jupyst cell")
    run.add_argument("app", help="the app's .py or .ipynb file")
    _add_serve_options(run)
    hello = sub.add_parser("hello", help="serve the bundled demo app")
    _add_serve_options(hello)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _serve(args)
    except CliError as exc:
        print(f"jupyst: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _serve(args: argparse.Namespace) -> int:
    from jupyst.voila.apps import AppError, resolve_app
    from jupyst.voila.server import ServeError, serve

    given = str(HELLO_APP) if args.command == "hello" else args.app
    options = PublishOptions(host=args.host, port=args.port, preheat=args.preheat, dev=args.dev, cull_idle=args.cull_idle)
    try:
        app = resolve_app(given)
        return serve(app, options)
    except (AppError, ServeError) as exc:
        raise CliError(str(exc)) from None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
