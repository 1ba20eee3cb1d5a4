"""The password scrubber: URLs and known secrets out of text, exceptions and their chains.

SQLAlchemy and psycopg keep passwords out of their own messages (the PostgreSQL tests check
that end to end); this is the net under drivers and code that do not.
"""

from __future__ import annotations

import traceback

import pytest

from jupyst.connections.redact import Redactor, scrubbed

# Built at run time, so that no source line a traceback quotes contains it.
SECRET = "-".join(["Very", "Secret", "Pass"])


def full_text(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def test_urls_lose_their_password_and_known_secrets_are_masked() -> None:
    redactor = Redactor(["hunter2-long-secret", "pw"])
    assert redactor.text("mysql+pymysql://bob:s3cr3t@db:3306/x and postgresql://:anon@h/db") == (
        "mysql+pymysql://bob:***@db:3306/x and postgresql://:***@h/db"
    )
    assert redactor.text("password=hunter2-long-secret;") == "password=***;"
    # A short secret is masked only as a whole token: "pwd" and "upward" keep their letters.
    assert redactor.text("pw is pw, not pwd or upward") == "*** is ***, not pwd or upward"
    assert redactor.text("postgresql://bob@h/db") == "postgresql://bob@h/db"


class DriverError(Exception):
    def __init__(self, message: str, dsn: str) -> None:
        super().__init__(message)
        self.dsn = dsn


def test_an_exception_and_its_chain_are_scrubbed_in_place_keeping_their_type() -> None:
    redactor = Redactor([SECRET])
    def fail() -> None:
        try:
            raise KeyError(f"postgresql://app:{SECRET}@h/db")
        except KeyError as inner:
            raise DriverError(f"cannot connect with {SECRET}", dsn=f"password={SECRET}") from inner

    with pytest.raises(DriverError) as info, scrubbed(redactor):
        fail()
    exc = info.value
    assert str(exc) == "cannot connect with ***"
    assert exc.dsn == "password=***"
    assert SECRET not in full_text(exc)
    assert isinstance(exc.__cause__, KeyError)


class Opaque(Exception):
    """An exception whose message comes from state the scrubber cannot reach."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.__secret = (secret,)  # a tuple attribute is scrubbed; a closure is not

    def __str__(self) -> str:
        return self._render()

    @property
    def _render(self):  # type: ignore[no-untyped-def]
        secret = SECRET
        return lambda: f"failed for {secret}"


def test_an_exception_that_cannot_be_scrubbed_is_replaced() -> None:
    with pytest.raises(ConnectionError) as info, scrubbed(Redactor([SECRET])):
        raise Opaque(SECRET)
    assert str(info.value) == "Opaque: failed for ***"
    assert SECRET not in full_text(info.value)


def test_exceptions_without_secrets_pass_untouched() -> None:
    original = ValueError("invalid literal for int() with base 10: 'abc'")
    with pytest.raises(ValueError, match="invalid literal") as info, scrubbed(Redactor([SECRET])):
        raise original
    assert info.value is original
    assert str(info.value) == "invalid literal for int() with base 10: 'abc'"
