"""A script's error: its traceback on the terminal from the user's line, details in the page per config."""

from __future__ import annotations

from pathlib import Path

import pytest

from jupyst.app.session import AppSession
from jupyst.runtime import options
from jupyst.runtime.script_errors import (
    GENERIC_MESSAGE,
    is_loopback,
    serving_detail_level,
    startup_line,
)
from jupyst.runtime.script_source import ScriptSource
from jupyst.testing import AppTest


def _exception_props(session: AppSession) -> dict:
    assert session.wait_idle(20)
    assert session.last_ctx is not None
    found = [n.props for n in session.last_ctx.roots["main"].children if n.kind == "exception"]
    assert len(found) == 1
    return found[0]


@pytest.fixture
def app(tmp_path: Path) -> Path:
    (tmp_path / "helper.py").write_text("def explode(n):\n    return n / 0\n", encoding="utf-8")
    app = tmp_path / "app.py"
    app.write_text("import streamlit as st\nfrom helper import explode\n\nst.text('before')\nexplode(3)\n", encoding="utf-8")
    return app


def test_a_runtime_error_prints_its_traceback_from_the_users_line(app: Path, capfd: pytest.CaptureFixture[str]) -> None:
    at = AppTest.from_file(str(app)).run()
    assert at.exception[0].proto.type == "ZeroDivisionError"
    err = capfd.readouterr().err
    assert f"jupyst: uncaught error in {app}" in err
    assert f'File "{app}", line 5, in <module>' in err
    assert f'File "{app.parent / "helper.py"}", line 2, in explode' in err
    assert "ZeroDivisionError: division by zero" in err
    # the first frame is the user's: jupyst's own frames are left out
    assert "jupyst/app" not in err
    assert "exec(" not in err


def test_a_syntax_error_shows_the_users_file_line_and_caret(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    app = tmp_path / "broken.py"
    app.write_text("import streamlit as st\n\nst.text('fine')\nvalue = (1 +\nst.text(value)\n", encoding="utf-8")
    session = AppSession(ScriptSource(path=str(app)))
    try:
        props = _exception_props(session)
    finally:
        session.close()
    err = capfd.readouterr().err
    assert f'File "{app}", line 4' in err
    assert "value = (1 +" in err
    assert "^" in err
    assert "SyntaxError" in err
    assert "ast.py" not in err
    trace = "\n".join(props["stack_trace"])
    assert f'File "{app}", line 4' in trace
    assert "^" in trace
    assert "ast.py" not in trace
    assert props["type"] == "SyntaxError"


@pytest.mark.parametrize(
    ("setting", "message", "trace", "type_"),
    [
        ("full", True, True, True),
        (True, True, True, True),
        ("stacktrace", False, True, True),
        ("type", False, False, True),
        ("none", False, False, False),
        (False, False, False, False),
    ],
)
def test_the_page_follows_client_show_error_details(app: Path, setting, message: bool, trace: bool, type_: bool) -> None:
    session = AppSession(ScriptSource(path=str(app)), show_error_details=setting)
    try:
        props = _exception_props(session)
    finally:
        session.close()
    shown_message = not props.get("hidden_details") and props["message"] == "division by zero"
    assert shown_message is message
    if not message and not props.get("hidden_details"):
        assert props["message"] == GENERIC_MESSAGE
    assert bool(props["stack_trace"] and not props.get("hidden_details")) is trace
    assert (not props.get("hidden_details")) is type_


def test_set_option_in_the_script_changes_the_pages_details(monkeypatch: pytest.MonkeyPatch) -> None:
    # A script's set_option lasts for the process, as in Streamlit: keep it from later tests.
    monkeypatch.setattr(options, "_values", {})
    at = AppTest.from_string(
        "import streamlit as st\nst.set_option('client.showErrorDetails', 'type')\nraise KeyError('secret')\n"
    ).run()
    assert at.exception[0].message == GENERIC_MESSAGE
    assert at.exception[0].stack_trace == []


@pytest.mark.parametrize(
    ("host", "configured", "level"),
    [
        ("127.0.0.1", None, "full"),
        ("localhost", None, "full"),
        ("::1", None, "full"),
        ("127.0.0.2", None, "full"),
        ("0.0.0.0", None, "none"),
        ("", None, "none"),
        ("::", None, "none"),
        ("192.168.1.20", None, "none"),
        ("myhost.example", None, "none"),
        ("0.0.0.0", "full", "full"),
        ("0.0.0.0", True, "full"),
        ("127.0.0.1", "none", "none"),
        ("127.0.0.1", False, "stacktrace"),  # Streamlit's legacy False
        ("0.0.0.0", "type", "type"),
    ],
)
def test_details_default_to_full_on_loopback_and_hidden_elsewhere(host: str, configured, level: str) -> None:
    assert serving_detail_level(host, configured)[0] == level


def test_the_startup_line_says_where_details_go() -> None:
    level, reason = serving_detail_level("0.0.0.0")
    line = startup_line(level, reason)
    assert "\n" not in line
    assert "hidden from the page" in line
    assert "client.showErrorDetails" in line
    assert "shown in the page" in startup_line(*serving_detail_level("127.0.0.1"))
    assert is_loopback("[::1]")
