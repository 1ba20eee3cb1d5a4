"""Where a script's uncaught error goes: its traceback to the terminal always, details to the page per config.

The terminal is the process's own stderr: the server's log under `jupyst run`, the terminal
that started JupyterLab for a notebook. In a Jupyter kernel ``sys.stderr`` is the kernel's
stream to the front end (a visitor's page under Voilà), so the traceback is written to the
copy of the original stderr that ipykernel keeps, never to the page. Frames inside jupyst
are left out: the first frame shown is the user's file and line. A syntax error shows the
user's file, line and caret, not the parser's frames.

In the page, ``client.showErrorDetails`` decides, with Streamlit's values: ``full`` (type,
message, traceback), ``stacktrace`` (type and traceback; the legacy ``false``), ``type``
(only the type), ``none`` (a generic message). Streamlit's default is ``full``; `jupyst run`
keeps it on a loopback address (a developer's own machine) and uses ``none`` on any other
address unless configured (:func:`serving_detail_level`).
"""

from __future__ import annotations

import ipaddress
import os
import sys
import traceback
from typing import Any

#: client.showErrorDetails levels, most to least shown
LEVELS = ("full", "stacktrace", "type", "none")

#: what the page says instead of a hidden message
GENERIC_MESSAGE = (
    "This app has encountered an error. The original error message is hidden to keep the "
    "app's internals private; the full traceback is in the server's log."
)

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def detail_level(value: Any) -> str:
    """A ``client.showErrorDetails`` value as one of :data:`LEVELS` (Streamlit's reading)."""
    if value in (True, "true", "True"):
        return "full"
    if value in (False, "false", "False"):
        return "stacktrace"  # Streamlit keeps the legacy False as "stacktrace"
    if isinstance(value, str) and value in LEVELS:
        return value
    raise ValueError(f"client.showErrorDetails must be one of {', '.join(LEVELS)}, true or false, not {value!r}")


def session_level(value: Any) -> str:
    """A session's setting: a level, or a plain bool (True: everything, False: nothing)."""
    if value is True:
        return "full"
    if value is False:
        return "none"
    return detail_level(value)


def is_loopback(host: str) -> bool:
    """Whether a server bound to ``host`` is reachable from this machine only."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name other than localhost, or "" (every address)
        return False


def serving_detail_level(host: str, configured: Any = None) -> tuple[str, str]:
    """The page's error details for a server on ``host``, and why (for the startup line)."""
    if configured is not None:
        return detail_level(configured), "client.showErrorDetails"
    if is_loopback(host):
        return "full", "serving on a loopback address"
    return "none", "not a loopback address; set client.showErrorDetails to show them"


def startup_line(level: str, reason: str) -> str:
    """The one line `jupyst run` prints about error details."""
    shown = {
        "full": "shown in the page",
        "stacktrace": "shown in the page without messages",
        "type": "shown in the page as the error's type only",
        "none": "hidden from the page",
    }[level]
    return f"jupyst: error details {shown} ({reason}); tracebacks always print here"


def redact(props: dict[str, Any], setting: Any) -> dict[str, Any]:
    """Exception element props as the page may show them under ``setting``."""
    level = session_level(setting)
    props["hidden_details"] = level == "none"
    if level in ("stacktrace", "type"):
        props["message"] = GENERIC_MESSAGE
        props["is_markdown"] = False
    if level == "type":
        props["stack_trace"] = []
    return props


# ----- the terminal -----------------------------------------------------------------------------------
def format_script_error(exc: BaseException) -> str:
    """The traceback of a script error, from the user's first frame (chained errors included)."""
    report = traceback.TracebackException.from_exception(exc)
    seen: set[int] = set()
    pending: list[traceback.TracebackException | None] = [report]
    while pending:
        item = pending.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        item.stack = _user_frames_of(item)
        pending += [item.__cause__, item.__context__]
    return "".join(report.format())


def _user_frames_of(item: traceback.TracebackException) -> traceback.StackSummary:
    frames = [f for f in item.stack if not f.filename.startswith(_PACKAGE_DIR)]
    if item.exc_type is not None and issubclass(item.exc_type, SyntaxError):
        # the parser's own frames (ast.py, the import machinery) are not the user's code
        frames = [f for f in frames if not _is_parser_frame(f.filename)]
    return traceback.StackSummary.from_list(frames)


def _is_parser_frame(filename: str) -> bool:
    return os.path.basename(filename) == "ast.py" or filename.startswith("<frozen importlib")


def page_stack(exc: BaseException) -> list[str]:
    """The traceback lines the page shows: the user's frames; a syntax error's file, line and caret."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if not f.filename.startswith(_PACKAGE_DIR)]
    if not isinstance(exc, SyntaxError):
        return [line.rstrip("\n") for line in traceback.format_list(frames)]
    frames = [f for f in frames if not _is_parser_frame(f.filename)]
    where = traceback.format_exception_only(type(exc), exc)[:-1]  # the last line is "SyntaxError: ..."
    return [line.rstrip("\n") for line in traceback.format_list(frames) + where]


def terminal_write(text: str) -> None:
    """Write to the process's own stderr, never to a Jupyter front end."""
    stream = sys.stderr
    original = getattr(stream, "_original_stdstream_copy", None)
    if isinstance(original, int):  # ipykernel keeps the real stderr here
        try:
            os.write(original, text.encode("utf-8", "replace"))
            return
        except OSError:
            pass
    if type(stream).__module__.startswith("ipykernel"):
        stream = sys.__stderr__
    if stream is None:
        return
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError):  # a closed stream: nowhere left to tell
        pass


def report_script_error(exc: BaseException, script: str) -> None:
    """Print a script error's traceback to the terminal."""
    terminal_write(f"jupyst: uncaught error in {script}\n{format_script_error(exc)}")
