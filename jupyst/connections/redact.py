"""Keeping database passwords out of error messages, tracebacks, logs and the page.

An exception raised while connecting or querying travels far: onto the page (its message
and traceback), into the terminal log, into a cached error. ``scrubbed`` removes every
known secret of the connection, and the password of any ``scheme://user:password@host``
URL, from an exception and the exceptions chained to it, in place, so the exception keeps
its type and Streamlit's wording. If a secret is still in a message afterwards (an exception
that builds its message from state we cannot reach), the exception is replaced by a
``ConnectionError`` with the scrubbed text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress

MASK = "***"

# scheme://user:password@ (the user part may be empty: scheme://:password@host)
_URL_PASSWORD = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@]*:)([^\s@/]+)(@)")

# A secret shorter than this is matched as a whole token only, so that a two-letter
# password does not blank out every word containing those letters.
_SHORT = 8


def _pattern(secret: str) -> re.Pattern[str]:
    escaped = re.escape(secret)
    if len(secret) < _SHORT:
        escaped = rf"(?<![A-Za-z0-9]){escaped}(?![A-Za-z0-9])"
    return re.compile(escaped)


class Redactor:
    """Removes a fixed set of secrets (and URL passwords) from text and exceptions."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        unique = {s for s in secrets if isinstance(s, str) and s}
        # Longest first: a secret containing another is masked whole.
        self._patterns = [_pattern(s) for s in sorted(unique, key=len, reverse=True)]

    def text(self, value: str) -> str:
        out = _URL_PASSWORD.sub(rf"\g<1>{MASK}\g<3>", value)
        for pattern in self._patterns:
            out = pattern.sub(MASK, out)
        return out

    def leaks(self, value: str) -> bool:
        return self.text(value) != value

    def _value(self, value: object) -> object:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, tuple):
            return tuple(self._value(v) for v in value)
        if isinstance(value, list):
            return [self._value(v) for v in value]
        if isinstance(value, dict):
            return {k: self._value(v) for k, v in value.items()}
        return value

    def _chain(self, exc: BaseException) -> Iterator[BaseException]:
        seen: set[int] = set()
        todo = [exc]
        while todo:
            current = todo.pop()
            if id(current) in seen:
                continue
            seen.add(id(current))
            yield current
            for linked in (current.__cause__, current.__context__, getattr(current, "orig", None)):
                if isinstance(linked, BaseException):
                    todo.append(linked)

    def exception(self, exc: BaseException) -> BaseException:
        """``exc`` with the secrets removed (the same object when that was possible)."""
        for current in self._chain(exc):
            with suppress(Exception):
                current.args = tuple(self._value(a) for a in current.args)
            state = getattr(current, "__dict__", None)
            if isinstance(state, dict):
                for key, value in list(state.items()):
                    if isinstance(value, (str, tuple, list, dict)):
                        with suppress(Exception):
                            setattr(current, key, self._value(value))
        # Messages only: a traceback's source lines are the app's code, not the secret's values.
        if any(self.leaks(_message(e)) for e in self._chain(exc)):
            replacement = ConnectionError(self.text(_message(exc)))
            replacement.__suppress_context__ = True
            return replacement
        return exc


def _message(exc: BaseException) -> str:
    try:
        return f"{type(exc).__name__}: {exc}"
    except Exception:
        return type(exc).__name__


@contextmanager
def scrubbed(redactor: Redactor) -> Iterator[None]:
    """Re-raise any exception of the block with the redactor's secrets removed."""
    try:
        yield
    except Exception as exc:
        clean = redactor.exception(exc)
        if clean is exc:
            raise
        raise clean from None
