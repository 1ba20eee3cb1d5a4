"""`--base-url`, `--trust-proxy` and the keep-alive interval: what the command line and
config.toml turn into, and what a trusted (or untrusted) proxy's headers change."""

from __future__ import annotations

from pathlib import Path

import pytest
from tornado.httputil import HTTPHeaders

from jupyst.cli import CliError, build_parser, main, publish_options
from jupyst.runtime.config_flags import split_config_flags
from jupyst.voila.config import voila_config
from jupyst.voila.proxy import (
    ProxyOptionError,
    TrustedProxies,
    forwarded_view,
    normal_base_url,
    ping_interval_seconds,
)
from jupyst.voila.runtime import RuntimeDir


def options_for(argv: list[str], folder: Path):  # type: ignore[no-untyped-def]
    rest, flags = split_config_flags(argv)
    args = build_parser().parse_args(rest)
    args.config_flags = flags
    return publish_options(args, folder, shared=True)


@pytest.mark.parametrize(
    ("given", "expected"),
    [(None, "/"), ("", "/"), ("/", "/"), ("app", "/app/"), ("/team/app/", "/team/app/"), ("team//app", "/team/app/")],
)
def test_a_base_url_is_normalised_to_slashes_on_both_sides(given: str | None, expected: str) -> None:
    assert normal_base_url(given) == expected


@pytest.mark.parametrize("given", ["../up", "a/./b", "http://host/app", "app?x=1", "a(b)", "sp ace", "a\\b"])
def test_a_base_url_that_is_not_a_plain_path_is_refused(given: str) -> None:
    with pytest.raises(ProxyOptionError):
        normal_base_url(given)


def test_the_command_line_base_url_beats_server_base_url_path_of_the_config(tmp_path: Path) -> None:
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "config.toml").write_text('[server]\nbaseUrlPath = "from/config"\n', encoding="utf-8")
    assert options_for(["run", "app.py"], tmp_path).base_url == "/from/config/"
    assert options_for(["run", "app.py", "--server.baseUrlPath", "flag"], tmp_path).base_url == "/flag/"
    options = options_for(["run", "app.py", "--server.baseUrlPath", "flag", "--base-url", "/cli"], tmp_path)
    assert options.base_url == "/cli/"
    assert options.url.endswith(":8866/cli/")


def test_the_voila_config_carries_prefix_pings_and_trusted_proxies(tmp_path: Path) -> None:
    options = options_for(
        ["run", "app.py", "--base-url", "apps/one", "--trust-proxy", "127.0.0.1, 10.0.0.0/8",
         "--server.websocketPingInterval", "5"],
        tmp_path,
    )
    runtime = RuntimeDir.create()
    try:
        config = voila_config(options, runtime, tmp_path / "app.ipynb", tmp_path)
    finally:
        runtime.remove()
    assert config.Voila.base_url == "/apps/one/"
    settings = config.Voila.tornado_settings
    assert settings["ws_ping_interval"] == 5000
    assert settings["ws_ping_timeout"] == 15000
    assert settings["jupyst_trusted_proxies"] == ["127.0.0.1/32", "10.0.0.0/8"]


def test_forwarded_allow_ips_names_the_proxies_unless_the_flag_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
    assert options_for(["run", "app.py"], tmp_path).trusted_proxies == ("127.0.0.1/32", "::1/128")
    assert options_for(["run", "app.py", "--trust-proxy", "10.0.0.0/8"], tmp_path).trusted_proxies == ("10.0.0.0/8",)
    assert options_for(["run", "app.py", "--trust-proxy", ""], tmp_path).trusted_proxies == ()


def test_without_options_pings_come_every_30_seconds_and_no_proxy_is_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    options = options_for(["run", "app.py"], tmp_path)
    assert options.ping_interval == 30
    assert options.trusted_proxies == ()
    assert options.base_url == "/"


@pytest.mark.parametrize("value", [0, -1, "soon", True])
def test_a_ping_interval_that_is_not_a_positive_number_is_refused(value: object) -> None:
    with pytest.raises(ProxyOptionError, match="websocketPingInterval"):
        ping_interval_seconds(value)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--base-url", "../x"], "base URL"),
        (["--trust-proxy", "proxy.internal"], "--trust-proxy takes addresses"),
        (["--server.websocketPingInterval", "0"], "websocketPingInterval"),
    ],
)
def test_bad_proxy_options_stop_the_command_with_one_line(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = tmp_path / "app.py"
    app.write_text("import streamlit as st\n", encoding="utf-8")
    with pytest.raises(CliError, match=message):
        options_for(["run", str(app), *argv], tmp_path)
    assert main(["run", str(app), *argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("jupyst: error:")
    assert message in err[0]


def headers(**values: str) -> HTTPHeaders:
    h = HTTPHeaders()
    for name, value in values.items():
        h.add(name.replace("_", "-"), value)
    return h


FORWARDED = headers(X_Forwarded_For="203.0.113.9, 10.1.2.3", X_Forwarded_Proto="https", X_Forwarded_Host="apps.example.org")


def test_a_trusted_proxys_headers_name_the_visitor_scheme_and_host() -> None:
    trusted = TrustedProxies.parse("127.0.0.1,10.0.0.0/8")
    # 10.1.2.3 is an inner proxy (trusted): the visitor is the address before it.
    assert forwarded_view(FORWARDED, "127.0.0.1", trusted) == {
        "remote_ip": "203.0.113.9", "protocol": "https", "host": "apps.example.org",
    }
    # An IPv4 peer on a dual-stack socket counts as that IPv4 address.
    assert forwarded_view(FORWARDED, "::ffff:127.0.0.1", trusted)["remote_ip"] == "203.0.113.9"


def test_headers_from_a_peer_that_is_not_trusted_change_nothing() -> None:
    assert forwarded_view(FORWARDED, "198.51.100.4", TrustedProxies.parse("127.0.0.1")) == {}
    assert forwarded_view(FORWARDED, "127.0.0.1", TrustedProxies()) == {}


def test_a_visitor_cannot_pass_for_someone_else_by_prepending_to_x_forwarded_for() -> None:
    # The proxy appends the address it saw; whatever the visitor wrote before it is not believed.
    forged = headers(X_Forwarded_For="1.2.3.4, 198.51.100.77")
    assert forwarded_view(forged, "127.0.0.1", TrustedProxies.parse("127.0.0.1"))["remote_ip"] == "198.51.100.77"
    # Trusting any peer ("*") takes the nearest entry too.
    assert forwarded_view(forged, "10.0.0.1", TrustedProxies.parse("*"))["remote_ip"] == "198.51.100.77"


def test_malformed_forwarded_values_are_ignored() -> None:
    bad = headers(X_Forwarded_For="not-an-ip", X_Forwarded_Proto="gopher", X_Forwarded_Host="evil.com/path")
    assert forwarded_view(bad, "127.0.0.1", TrustedProxies.parse("127.0.0.1")) == {}
    real_ip = headers(X_Real_Ip="192.0.2.8")
    assert forwarded_view(real_ip, "127.0.0.1", TrustedProxies.parse("127.0.0.1")) == {"remote_ip": "192.0.2.8"}
