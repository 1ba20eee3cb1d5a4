"""Binder, rehearsed: an environment built from binder/ alone, JupyterLab started as Binder
starts it, and the README's ``?urlpath=`` links opened in Chromium.

repo2docker installs ``binder/requirements.txt`` into a fresh Python environment, runs
``binder/postBuild`` from the repository root, then starts ``jupyter lab`` and sends the
visitor to ``?urlpath=<path>`` below the server. Here: a new virtualenv (nothing of the test
venv in it), the same two steps, JupyterLab on 127.0.0.1, and each README link as a URL
below the server. The steps' durations land in artifacts/e2e/binder_timings.txt.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import LOAD_TIMEOUT_MS, save_screenshot, save_text
from tests.e2e.lab_server import TOKEN, stop, wait_ready
from tests.e2e.server import free_port

pytestmark = [pytest.mark.e2e, pytest.mark.binder]

REPO = Path(__file__).resolve().parents[2]
BINDER = REPO / "binder"
README = REPO / "README.md"


def readme_urlpaths() -> list[str]:
    """The ``?urlpath=`` values of the README's Binder links."""
    return re.findall(r"\?urlpath=([^)\s`&]+)", README.read_text(encoding="utf-8"))


def run(command: list[str], env: dict[str, str], cwd: Path, log: Path) -> None:
    with open(log, "ab") as out:
        out.write(f"$ {' '.join(command)}\n".encode())
        out.flush()
        result = subprocess.run(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, timeout=900)
    if result.returncode != 0:
        raise AssertionError(f"{command} failed:\n{log.read_text(errors='replace')[-4000:]}")


@pytest.fixture(scope="module")
def binder_lab(e2e_root: Path, server_env: dict[str, str]) -> Iterator[str]:
    root = e2e_root / "binder"
    root.mkdir(exist_ok=True)
    log = root / "build.log"
    venv = root / "venv"
    env = dict(server_env)
    env.pop("PYTHONPATH", None)  # nothing of this checkout but what postBuild installs
    env.pop("VIRTUAL_ENV", None)
    env["PATH"] = os.pathsep.join([str(venv / "bin"), env.get("PATH", "")])
    # pip's own cache of wheels, as a Binder build would reuse its layer cache
    env.setdefault("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))
    timings: dict[str, float] = {}
    began = time.perf_counter()
    run([sys.executable, "-m", "venv", str(venv)], env, REPO, log)
    timings["venv"] = time.perf_counter() - began
    step = time.perf_counter()
    run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "-r", str(BINDER / "requirements.txt")], env, REPO, log)
    timings["requirements.txt"] = time.perf_counter() - step
    step = time.perf_counter()
    run(["bash", str(BINDER / "postBuild")], env, REPO, log)
    timings["postBuild"] = time.perf_counter() - step

    port = free_port()
    with open(root / "lab.log", "wb") as out:
        step = time.perf_counter()
        proc = subprocess.Popen(
            [str(venv / "bin" / "jupyter"), "lab", "--ServerApp.ip=127.0.0.1", "--no-browser",
             f"--ServerApp.port={port}", "--ServerApp.port_retries=0", "--ServerApp.allow_root=True",
             f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={REPO}", "--LabApp.news_url="],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_ready(url, proc, root / "lab.log")
            timings["jupyter lab start"] = time.perf_counter() - step
            timings["total"] = time.perf_counter() - began
            save_text("binder_timings", "\n".join(f"{k}: {v:.1f} s" for k, v in timings.items()))
            yield url
        finally:
            stop(proc)


def test_readme_links_to_binder() -> None:
    text = README.read_text(encoding="utf-8")
    assert "mybinder.org/badge_logo.svg" in text
    paths = readme_urlpaths()
    assert "lab/tree/notebooks/tour.ipynb" in paths
    for path in paths:  # every linked file is in the repository
        file = path.split("/", 2)[2] if path.startswith(("lab/tree/", "jupyst/")) else path
        assert (REPO / file).is_file(), path


def test_binder_opens_the_tour_and_previews_apps(binder_lab: str, page: Any) -> None:
    paths = readme_urlpaths()
    # JupyterLab on the tour, with jupyst's JupyterLab extension installed by postBuild
    lab_path = next(p for p in paths if p.startswith("lab/"))
    page.goto(f"{binder_lab}/{lab_path}?token={TOKEN}", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=LOAD_TIMEOUT_MS)
    page.locator(".jp-Toolbar .jupyst-PreviewButton").first.click()
    page.wait_for_selector(".jupyst-Preview iframe", timeout=LOAD_TIMEOUT_MS)
    frame = page.frame_locator(".jupyst-Preview iframe")
    frame.locator(".jupyst-app .jupyst-title").first.wait_for(timeout=LOAD_TIMEOUT_MS)
    assert "jupyst tour" in frame.locator(".jupyst-app .jupyst-title").first.inner_text()
    save_screenshot(page, "binder_lab_tour_preview")
    # every jupyst/... link is an app page served by the same server
    for path in (p for p in paths if p.startswith("jupyst/")):
        page.goto(f"{binder_lab}/{path}", timeout=LOAD_TIMEOUT_MS)
        page.wait_for_selector(".jupyst-app .jupyst-main .jupyst-element", timeout=LOAD_TIMEOUT_MS)
        save_screenshot(page, "binder_" + path.replace("/", "_"))
