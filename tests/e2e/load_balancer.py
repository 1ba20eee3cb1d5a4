"""What the tests behind a proxy run: jupyst replicas under a path prefix, Debian's HAProxy in
front of them, and a page client that keeps the balancer's affinity cookie.

HAProxy's configuration is made from the repository's own ``deploy/haproxy.cfg`` (its cookie
affinity, health checks and timeouts), with the listening address and the server lines
replaced by this test's free ports: the example users copy is the one the tests run.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path
from typing import IO, Any

import pytest
import websocket

from tests.e2e.server import JupystServer, free_port
from tests.e2e.widget_client import CONFIG_DATA, PageClient

REPO = Path(__file__).resolve().parents[2]
HAPROXY_EXAMPLE = REPO / "deploy" / "haproxy.cfg"
#: the affinity cookie the example configuration inserts
AFFINITY_COOKIE = "JUPYST_REPLICA"
PREFIX = "/team/app/"
#: how the servers behind the test proxies run: under PREFIX, believing 127.0.0.1's forwarded
#: headers, pinging every second (so that a test sees pings without waiting 30 s)
PROXY_FLAGS = ("--base-url", PREFIX, "--trust-proxy", "127.0.0.1", "--server.websocketPingInterval", "1")


class PrefixedServer(JupystServer):
    """A `jupyst run` server whose routes live under ``prefix`` (``--base-url``)."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path, log_path: Path, prefix: str = "/") -> None:
        super().__init__(args, env, cwd, log_path)
        self.prefix = prefix

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.prefix}"

    def kill(self) -> None:
        """SIGKILL the whole replica, as a machine dying would: no shutdown of any kind."""
        if self._proc is not None and self._proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._proc.pid, signal.SIGKILL)
            self._proc.wait(10)


def haproxy_binary() -> str:
    found = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("haproxy is missing: `make debian` installs it")
        pytest.skip("Debian's haproxy is not installed (`make debian` installs it)")
    return found


def haproxy_config(example: str, port: int, replicas: list[tuple[str, int]], check_interval: str = "1s") -> str:
    """``example`` listening on 127.0.0.1:``port`` and balancing over ``replicas`` (name, port).

    Each server line keeps the example's options (health check, cookie) with its own address
    and cookie value; the check interval is shortened so that a dead replica is seen at once.
    """
    lines = example.splitlines()
    servers = [line for line in lines if line.strip().startswith("server ")]
    assert servers, "deploy/haproxy.cfg has no server line"
    template = servers[0]
    out: list[str] = []
    for line in lines:
        if line.strip().startswith("bind "):
            out.append(re.sub(r"bind\s+\S+", f"bind 127.0.0.1:{port}", line))
        elif line is template:
            for name, replica_port in replicas:
                server = re.sub(r"server\s+\S+\s+\S+", f"server {name} 127.0.0.1:{replica_port}", line)
                server = re.sub(r"\bcookie\s+\S+", f"cookie {name}", server)
                out.append(re.sub(r"\binter\s+\S+", f"inter {check_interval}", server))
        elif line not in servers:
            out.append(line)
    return "\n".join(out) + "\n"


class HAProxy:
    """Debian's haproxy in the foreground, on a free 127.0.0.1 port, logging to a file."""

    def __init__(self, folder: Path, replicas: list[tuple[str, int]]) -> None:
        self.port = free_port()
        self.config = folder / "haproxy.cfg"
        self.config.write_text(
            haproxy_config(HAPROXY_EXAMPLE.read_text(encoding="utf-8"), self.port, replicas), encoding="utf-8"
        )
        self.log_path = folder / "haproxy.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self, ready_path: str = "/readyz") -> HAProxy:
        binary = haproxy_binary()
        check = subprocess.run([binary, "-c", "-q", "-f", str(self.config)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - open while haproxy runs; stop() closes it
        # -db: stay in the foreground, so the test owns the process and stops it.
        self.proc = subprocess.Popen(
            [binary, "-db", "-f", str(self.config)], stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + 30
        while status(self.url(ready_path)) != 200:
            assert self.proc.poll() is None, self.log_path.read_text(errors="replace")
            assert time.monotonic() < deadline, "haproxy never passed a request to a replica"
            time.sleep(0.1)
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self._log is not None:
            self._log.close()
        self.proc = None


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except OSError:
        return 0


class ProxiedClient(PageClient):
    """A visitor without a browser that keeps cookies (the balancer's affinity) and may send
    headers of its own (what a proxy in front would add)."""

    def __init__(self, base_url: str, path: str = "", headers: dict[str, str] | None = None) -> None:
        super().__init__(base_url, path)
        self.headers = dict(headers or {})
        self.cookies: dict[str, str] = {}

    def load_page(self) -> int:
        request = urllib.request.Request(self.base_url + self.path, headers=self.headers)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                self.status, body, set_cookies = int(response.status), response.read(), response.headers.get_all("Set-Cookie")
        except urllib.error.HTTPError as exc:
            self.status, body, set_cookies = int(exc.code), exc.read(), exc.headers.get_all("Set-Cookie")
        for header in set_cookies or ():
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if self.status == 200:
            match = CONFIG_DATA.search(body.decode("utf-8"))
            assert match, "no jupyter-config-data in the page"
            self.kernel_id = json.loads(match.group(1))["kernelId"]
        return self.status

    def connect(self, kernel_id: str | None = None) -> ProxiedClient:
        kernel_id = kernel_id or self.kernel_id
        url = self.base_url.replace("http://", "ws://") + f"api/kernels/{kernel_id}/channels?session_id={self.session}"
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items()) or None
        self.ws = websocket.create_connection(url, timeout=30, cookie=cookie)
        return self


def check_prefix_routes(proxied_server: PrefixedServer) -> None:
    """``/team/app`` redirects to ``/team/app/``; static files answer under the prefix only;
    health checks answer under it and at the root, for probes that skip the proxy."""
    bare = f"http://127.0.0.1:{proxied_server.port}{PREFIX.rstrip('/')}"

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as refused:
        opener.open(bare + "?x=1", timeout=10)
    assert refused.value.code == 302
    assert refused.value.headers["Location"] == PREFIX + "?x=1"
    assert status(f"http://127.0.0.1:{proxied_server.port}/voila/static/voila.js") == 404
    assert status(proxied_server.url + "voila/static/voila.js") == 200
    assert status(proxied_server.url + "readyz") == 200
    assert status(f"http://127.0.0.1:{proxied_server.port}/healthz") == 200


def check_forwarded_headers(url: str) -> None:
    """A page requested with a trusted proxy's headers: the app's st.context shows them
    (the app writes ``ip=<st.context.ip_address> url=<st.context.url>``)."""
    client = ProxiedClient(url, headers={
        "X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "apps.example.org",
    })
    try:
        client.open()
        client.wait_shows(f"ip=203.0.113.9 url=https://apps.example.org{PREFIX}")
    finally:
        client.close()


def check_keepalive_pings(url: str) -> None:
    """A page's socket that says nothing gets two pings (a server pinging every second) and
    still answers afterwards."""
    client = ProxiedClient(url)
    try:
        assert client.load_page() == 200
        client.connect()
        assert client.ws is not None
        pings = 0
        deadline = time.monotonic() + 20
        # The page says nothing: every frame that comes is the server's.
        while pings < 2 and time.monotonic() < deadline:
            client.ws.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                opcode, _frame = client.ws.recv_data_frame(control_frame=True)  # answers each ping with a pong
            except websocket.WebSocketTimeoutException:
                break
            if opcode == websocket.ABNF.OPCODE_PING:
                pings += 1
        assert pings == 2
        reply = client.request("kernel_info_request", {})
        assert reply["msg_type"] == "kernel_info_reply"
    finally:
        client.close()
