"""Where a published app's prints go: the server's log, one bounded line at a time.

A visitor must never see what the script prints (a database URL, a debug dump), and a
script printing without end must not fill the server's log or memory. In a published app
``sys.stdout`` and ``sys.stderr`` become :class:`PrintSink` streams: every line goes to the
server log with a prefix saying which stream it came from, cut at :data:`MAX_LINE`
characters, at most :data:`LINES_PER_SECOND` lines a second (the rest are counted and the
count is logged once the second is over). A line that never ends is cut as well: a sink never
holds more than one line's worth of text.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import threading
import time
from typing import Any

#: longest line written to the server log (characters; the rest is counted, not kept)
MAX_LINE = 2000
#: lines a second the app's output may write to the server log
LINES_PER_SECOND = 50


class ServerLog:
    """A rate-limited line writer onto a file descriptor (the server's log)."""

    def __init__(self, fd: int, *, max_line: int = MAX_LINE, per_second: int = LINES_PER_SECOND) -> None:
        self.fd = fd
        self.max_line = max_line
        self.per_second = per_second
        self._lock = threading.Lock()
        self._second = 0
        self._written = 0
        self._dropped = 0

    def line(self, text: str, cut: int = 0) -> None:
        """Write one line (without its newline); ``cut`` characters of it were dropped already."""
        if len(text) > self.max_line:
            cut += len(text) - self.max_line
            text = text[: self.max_line]
        if cut:
            text += f" … [{cut} more characters]"
        with self._lock:
            now = int(time.monotonic())
            if now != self._second:
                if self._dropped:
                    self._write(f"jupyst: {self._dropped} lines of the app's output were not logged (over {self.per_second}/s)")
                self._second, self._written, self._dropped = now, 0, 0
            if self._written >= self.per_second:
                self._dropped += 1
                return
            self._written += 1
            self._write(text)

    def _write(self, text: str) -> None:
        data = (text + "\n").encode("utf-8", "replace")
        try:
            while data:
                data = data[os.write(self.fd, data):]
        except OSError:  # no log to write to: the output is dropped, the app goes on
            pass


class PrintSink(io.TextIOBase):
    """A text stream (``sys.stdout``/``sys.stderr``) whose lines go to a :class:`ServerLog`."""

    def __init__(self, log: ServerLog, name: str) -> None:
        super().__init__()
        self.log = log
        self.name = name
        self._lock = threading.Lock()
        self._partial: list[str] = []
        self._size = 0
        self._cut = 0

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: Any) -> int:
        if not isinstance(text, str):
            text = str(text)
        with self._lock:
            pieces = text.split("\n")
            for i, piece in enumerate(pieces):
                self._add(piece)
                if i < len(pieces) - 1:
                    self._emit()
        return len(text)

    def _add(self, piece: str) -> None:
        room = self.log.max_line - self._size
        if len(piece) > room:
            self._cut += len(piece) - max(room, 0)
            piece = piece[: max(room, 0)]
        if piece:
            self._partial.append(piece)
            self._size += len(piece)

    def _emit(self) -> None:
        text = "".join(self._partial)
        self.log.line(f"[app {self.name}] {text}", self._cut)
        self._partial, self._size, self._cut = [], 0, 0

    def flush(self) -> None:
        # A partial line stays until its newline: flush() is called after every print().
        pass

    def close(self) -> None:
        """Streams replaced by a sink are never closed by the app (``sys.stdout.close()``)."""


def real_stderr_fd() -> int:
    """The process's own stderr, even where a Jupyter kernel captures file descriptor 2."""
    original = getattr(sys.stderr, "_original_stdstream_copy", None)
    if isinstance(original, int):
        return original
    stream = sys.__stderr__
    try:
        return stream.fileno() if stream is not None else 2
    except (OSError, ValueError):
        return 2


class _SinkHandler(logging.Handler):
    """jupyst's own log records (refused input, script errors) onto the server log."""

    def __init__(self, log: ServerLog) -> None:
        super().__init__()
        self.log = log
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
        except Exception:
            text = f"{record.levelname} {record.name}: (unformattable message)"
        for line in text.splitlines() or [""]:
            self.log.line(line)


_installed: ServerLog | None = None


def send_prints_to_server_log(fd: int | None = None) -> ServerLog:
    """From now on this process's prints and jupyst's log go to the server log (once)."""
    global _installed
    if _installed is not None:
        return _installed
    log = ServerLog(real_stderr_fd() if fd is None else fd)
    for name in ("stdout", "stderr"):
        current = getattr(sys, name)
        if current is not None:
            with contextlib.suppress(Exception):
                current.flush()
        setattr(sys, name, PrintSink(log, name))
    logger = logging.getLogger("jupyst")
    logger.addHandler(_SinkHandler(log))
    logger.propagate = False
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.INFO)
    _installed = log
    return log
