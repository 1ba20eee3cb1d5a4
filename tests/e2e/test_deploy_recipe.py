"""The deployment recipe stays in step with the server: the Dockerfile's start command and health
check run outside Docker, and the Kubernetes probes name routes the server answers."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from tests.e2e.server import free_port, private_env

pytestmark = pytest.mark.e2e

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
APP = "import streamlit as st\nst.title('Deployed')\n"


def _instruction(dockerfile: str, name: str) -> str:
    """The text of a Dockerfile instruction (continuation lines joined)."""
    joined = dockerfile.replace("\\\n", " ")
    found = re.search(rf"^{name}\s+(.*)$", joined, re.M)
    assert found is not None, name
    return found.group(1).strip()


def _exec_form(text: str) -> list[str]:
    """A JSON exec-form command (``CMD ["a", "b"]``), after any ``--option`` flags of HEALTHCHECK."""
    return list(json.loads(text[text.index("["):]))


def _answers(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except OSError:
        return 0


def test_the_containers_start_command_serves_the_app_and_passes_its_health_check(tmp_path: Path) -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    exposed = int(_instruction(dockerfile, "EXPOSE"))
    command = _exec_form(_instruction(dockerfile, "CMD"))
    health = _exec_form(_instruction(dockerfile, "HEALTHCHECK").split("CMD", 1)[1])
    assert command[:2] == ["jupyst", "run"]
    # Outside Docker: this Python's jupyst, loopback only, a free port in place of the exposed one.
    port = free_port()
    args = [sys.executable, "-m", "jupyst", *command[1:]]
    args[args.index("--host") + 1] = "127.0.0.1"
    args[args.index("--port") + 1] = str(port)
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    log = (tmp_path / "server.log").open("wb")
    proc = subprocess.Popen(args, cwd=tmp_path, env=private_env(tmp_path / "env"), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while _answers(f"http://127.0.0.1:{port}/healthz") != 200:
            assert proc.poll() is None, (tmp_path / "server.log").read_text(errors="replace")
            assert time.monotonic() < deadline, "the server never answered /healthz"
            time.sleep(0.2)
        check = [part.replace(str(exposed), str(port)) for part in health]
        check[0] = sys.executable if check[0] == "python" else check[0]
        assert subprocess.run(check, timeout=30).returncode == 0
        assert _answers(f"http://127.0.0.1:{port}/readyz") == 200
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def test_the_kubernetes_probes_and_port_match_the_image() -> None:
    exposed = int(_instruction((DEPLOY / "Dockerfile").read_text(encoding="utf-8"), "EXPOSE"))
    documents = list(yaml.safe_load_all((DEPLOY / "kubernetes.yaml").read_text(encoding="utf-8")))
    app = next(d for d in documents if d["kind"] == "Deployment" and d["metadata"]["name"] == "jupyst-app")
    container = app["spec"]["template"]["spec"]["containers"][0]
    assert container["ports"][0]["containerPort"] == exposed
    assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": exposed}
    assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": exposed}
    service = next(d for d in documents if d["kind"] == "Service" and d["metadata"]["name"] == "jupyst-app")
    assert service["spec"]["ports"][0]["targetPort"] == exposed
