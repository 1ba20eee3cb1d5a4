"""What `jupyst run` builds from the command line and .streamlit/config.toml (no server)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from jupyst.cli import build_parser, publish_options
from jupyst.voila.apps import WAIT_TAG, App, script_notebook
from jupyst.voila.config import EXECUTE_TIMEOUT, PublishOptions, voila_config, waits_for_visitor
from jupyst.voila.runtime import RuntimeDir


@pytest.fixture
def app_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "app"
    (folder / ".streamlit").mkdir(parents=True)
    (folder / "app.py").write_text("import streamlit as st\n", encoding="utf-8")
    return folder


def test_config_toml_gives_defaults_the_command_line_overrides(app_folder: Path):
    (app_folder / ".streamlit" / "config.toml").write_text(
        '[server]\nport = 9123\naddress = "0.0.0.0"\nrunOnSave = true\n[client]\nshowErrorDetails = "full"\n'
        '[theme]\nprimaryColor = "#00aa00"\n',
        encoding="utf-8",
    )
    args = build_parser().parse_args(["run", "app.py"])
    options = publish_options(args, app_folder)
    assert (options.port, options.host) == (9123, "0.0.0.0")
    assert options.run_on_save
    assert options.show_error_details == "full"
    assert "--jupyst-primary: #00aa00;" in options.theme_css
    args = build_parser().parse_args(["run", "app.py", "--port", "8000", "--host", "127.0.0.1"])
    options = publish_options(args, app_folder)
    assert (options.port, options.host) == (8000, "127.0.0.1")


def test_defaults_without_config(app_folder: Path):
    options = publish_options(build_parser().parse_args(["run", "app.py"]), app_folder)
    # a developer's own machine (loopback): full error details, as Streamlit's default
    assert (options.port, options.host, options.run_on_save, options.show_error_details) == (8866, "127.0.0.1", False, "full")
    options = publish_options(build_parser().parse_args(["run", "app.py", "--dev"]), app_folder)
    assert options.run_on_save
    assert options.show_error_details == "full"
    # any other address hides them unless configured (nothing is bound: options only)
    options = publish_options(build_parser().parse_args(["run", "app.py", "--host", "0.0.0.0"]), app_folder)
    assert options.show_error_details == "none"
    assert "client.showErrorDetails" in options.error_details_reason


def _options(argv: list[str], folder: Path):
    """publish_options for a command line as `jupyst` reads it (Streamlit's flags included)."""
    import jupyst.cli as cli

    seen = {}

    def capture(args):
        seen["options"] = publish_options(args, folder)
        seen["args"] = args
        return 0

    original = cli._serve
    cli._serve = capture
    try:
        assert cli.main(argv) == 0
    finally:
        cli._serve = original
    return seen["options"], seen["args"]


def test_streamlits_config_flags_are_accepted(app_folder: Path):
    (app_folder / ".streamlit" / "config.toml").write_text('[server]\nport = 9123\n', encoding="utf-8")
    options, _ = _options(
        ["run", "app.py", "--server.port", "9100", "--server.address=0.0.0.0", "--server.headless", "true",
         "--theme.base", "dark", "--client.showErrorDetails", "stacktrace", "--server.runOnSave=true",
         "--browser.gatherUsageStats", "false"],
        app_folder,
    )
    assert (options.port, options.host) == (9100, "0.0.0.0")  # the flag beats config.toml
    assert options.show_error_details == "stacktrace"
    assert options.run_on_save
    assert "--jupyst-bg: #0e1117;" in options.theme_css
    # --port/--host beat the flags
    options, _ = _options(["run", "app.py", "--server.port", "9100", "--port", "9200"], app_folder)
    assert options.port == 9200


def test_script_arguments_become_its_sys_argv(app_folder: Path):
    options, args = _options(["run", "app.py", "--port", "9100", "--", "--rows", "3", "x"], app_folder)
    assert options.script_argv == ("app.py", "--rows", "3", "x")
    options, _ = _options(["run", "app.py", "first", "--port", "9100"], app_folder)
    assert options.script_argv == ("app.py", "first")
    app = App(path=app_folder / "app.py", kind="script")
    setup = script_notebook(app, kernel_name="k", argv=options.script_argv)["cells"][0]["source"]
    assert "sys.argv = ['app.py', 'first']" in setup


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["run", "app.py", "--server.port", "many"], "--server.port takes a number"),
        (["run", "app.py", "--server.port"], "--server.port needs a value"),
        (["run", "app.py", "--nosuch.option", "1"], "no such option: --nosuch.option"),
        (["run", "app.py", "--server.port", "70000"], "server.port must be a whole number from 1 to 65535"),
        (["run", "app.py", "--client.showErrorDetails", "maybe"], "client.showErrorDetails must be one of"),
    ],
)
def test_bad_config_flags_say_what_is_wrong(app_folder: Path, capsys: pytest.CaptureFixture[str], argv, expected):
    from jupyst.cli import main

    assert main([word.replace("app.py", "app/app.py") for word in argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("jupyst: error: ")
    assert expected in err[0]


def test_version(capsys: pytest.CaptureFixture[str]):
    from jupyst.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("jupyst, version ")
    assert out.split()[2][0].isdigit()


def test_served_script_waits_for_its_visitor_only_when_preheated(app_folder: Path):
    app = App(path=app_folder / "app.py", kind="script")
    notebook = script_notebook(app, kernel_name="k", show_error_details=True, run_on_save=True)
    setup, run = notebook["cells"]
    assert WAIT_TAG in setup["metadata"]["tags"]
    assert "wait_for_visitor()" in setup["source"]
    assert "show_error_details=True, run_on_save=True" in run["source"]
    assert run["source"].splitlines()[-1] == "page_info()"  # run_path returns nothing to show
    runtime = RuntimeDir.create()
    try:
        plain = voila_config(PublishOptions(), runtime, app_folder / "app.ipynb", app_folder)
        assert "timeout_func" not in plain.VoilaExecutor
        preheated = voila_config(PublishOptions(preheat=2), runtime, app_folder / "app.ipynb", app_folder)
        timeout = preheated.VoilaExecutor.timeout_func
        assert timeout(setup) is None
        # Above the app's own run limit, so that its timeout message is what a visitor sees.
        assert timeout(run) == max(EXECUTE_TIMEOUT, PublishOptions().run_timeout + 20)
        assert timeout(run) > PublishOptions().run_timeout
        assert preheated.VoilaConfiguration.resources == {"jupyst": {"theme_css": "", "frontend": "lean"}}
    finally:
        runtime.remove()
    # A notebook's own jupyst cells wait too (show_app waits for the visitor's request).
    assert waits_for_visitor({"source": "%%jupyst\nimport streamlit as st\n", "metadata": {}})
    assert not waits_for_visitor({"source": ["import pandas\n"], "metadata": {}})


def test_serving_mode_shared_for_scripts_isolated_for_notebooks_unless_asked(app_folder: Path):
    from jupyst.cli import serving_mode

    assert serving_mode(None, "script") == "shared"
    assert serving_mode(None, "notebook") == "isolated"
    assert serving_mode("isolated", "script") == "isolated"
    args = build_parser().parse_args(
        ["run", "app.py", "--shared", "--max-sessions", "7", "--reconnect-grace", "5", "--max-message-size", "3"]
    )
    options = publish_options(args, app_folder, shared=True)
    assert (options.shared, options.max_sessions, options.reconnect_grace, options.max_message_mb) == (True, 7, 5.0, 3)
    (app_folder / ".streamlit" / "config.toml").write_text("[server]\nmaxMessageSize = 50\n", encoding="utf-8")
    options = publish_options(build_parser().parse_args(["run", "app.py"]), app_folder)
    assert options.max_message_mb == 50
    assert options.max_sessions is None
    with pytest.raises(SystemExit):
        build_parser().parse_args(["run", "app.py", "--shared", "--isolated"])


def test_run_timeout_defaults_to_a_minute_and_zero_means_none(app_folder: Path, capsys: pytest.CaptureFixture[str]):
    assert publish_options(build_parser().parse_args(["run", "app.py"]), app_folder).run_timeout == 60
    options = publish_options(build_parser().parse_args(["run", "app.py", "--run-timeout", "0"]), app_folder)
    assert options.run_timeout == 0
    options = publish_options(build_parser().parse_args(["run", "app.py", "--run-timeout", "2.5"]), app_folder)
    assert options.run_timeout == 2.5
    runtime = RuntimeDir.create()
    try:
        # Voilà's cell limit stays above the app's, so the app's own timeout message is shown.
        config = voila_config(options, runtime, app_folder / "app.ipynb", app_folder)
        assert config.VoilaExecutor.timeout > options.run_timeout
        # A dead kernel is not restarted blank behind its page.
        assert config.KernelRestarter.restart_limit == 0
    finally:
        runtime.remove()
    for bad in ("-1", "soon"):
        with pytest.raises(SystemExit):
            build_parser().parse_args(["run", "app.py", "--run-timeout", bad])
    err = capsys.readouterr().err
    assert "must be 0 (no limit) or more, not -1" in err
    assert "not a number of seconds: 'soon'" in err


def test_a_mistake_is_reported_before_the_server_stack_is_imported(tmp_path: Path):
    # Voilà and jupyter_server cost seconds to import: a wrong file name or config must not wait for them.
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "config.toml").write_text("[server]\nport = 'x'\n", encoding="utf-8")
    (tmp_path / "app.py").write_text("import streamlit as st\n", encoding="utf-8")
    probe = (
        "import sys; from jupyst.cli import main\n"
        "for argv in (['run', 'missing.py'], ['run', 'app.py'], ['run', 'app.py', '--port', '0x']):\n"
        "    try:\n"
        "        code = main(argv)\n"
        "    except SystemExit as exc:\n"
        "        code = exc.code\n"
        "    print(code, sorted(m for m in ('voila', 'jupyter_server') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.stdout.splitlines() == ["2 []", "2 []", "2 []"], done.stderr
    assert "no such file: missing.py" in done.stderr
