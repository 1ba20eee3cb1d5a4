"""A real JupyterLab server for browser tests, with jupyst's two extensions as installed.

The server extension is switched on by the very file the package installs
(``etc/jupyter/jupyter_server_config.d/jupyst.json``, copied into the test's private Jupyter
config folder) and the JupyterLab extension is the committed build in
``jupyst/labextensions``. JupyterLab listens on 127.0.0.1 on a free port with a token, and
is stopped (its process group killed if need be) when the context exits.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tests.e2e.server import free_port

REPO = Path(__file__).resolve().parents[2]
SERVER_CONFIG = REPO / "etc" / "jupyter" / "jupyter_server_config.d" / "jupyst.json"
LABEXTENSIONS = REPO / "jupyst" / "labextensions"
TOKEN = "jupyst-lab-e2e"


def lab_command(port: int, root: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "jupyterlab", "--no-browser", f"--ServerApp.port={port}",
        "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0", "--ServerApp.allow_root=True",
        f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}", "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", *extra,
    ]


def wait_ready(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(log.read_text(errors="replace"))
        time.sleep(0.2)


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


@contextlib.contextmanager
def jupyterlab(root: Path, env: dict[str, str], log: Path, *extra: str) -> Iterator[str]:
    """JupyterLab serving ``root`` with jupyst's extensions (and ``extra`` options); yields its URL."""
    config_d = Path(env["JUPYTER_CONFIG_DIR"]) / "jupyter_server_config.d"
    config_d.mkdir(parents=True, exist_ok=True)
    shutil.copy(SERVER_CONFIG, config_d / SERVER_CONFIG.name)
    port = free_port()
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            lab_command(port, root, f"--LabApp.extra_labextensions_path={LABEXTENSIONS}", *extra),
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_ready(url, proc, log)
            yield url
        finally:
            stop(proc)


def write_notebook(path: Path, sources: list[str], prefix: str = "c") -> Path:
    """A notebook of code cells with ``sources``, on the python3 kernel, never run."""
    notebook = {
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "cells": [
            {"cell_type": "code", "id": f"{prefix}{i}", "metadata": {}, "execution_count": None, "outputs": [], "source": src}
            for i, src in enumerate(sources)
        ],
    }
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path
