"""Binder, rehearsed: an environment built from binder/ alone, JupyterLab started as Binder
starts it, and the README's ``?urlpath=`` links opened in Chromium.

repo2docker installs ``binder/requirements.txt`` into a fresh Python environment, runs
``binder/postBuild`` from the repository root, then starts ``jupyter lab`` and sends the
visitor to ``?urlpath=<path>`` below the server. Here: the same two steps into a new virtualenv
(tests/e2e/binder_build.py, started in the background when collection picks this module),
JupyterLab on 127.0.0.1, and each README link as a URL below the server. The steps' durations
land in artifacts/e2e/binder_timings.txt.
"""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.binder_build import (
    build_env,
    build_root,
    clean_up_in_background,
    remove_build,
    wait_for_build,
)
from tests.e2e.conftest import LOAD_TIMEOUT_MS, save_screenshot, save_text
from tests.e2e.lab_server import TOKEN, stop, wait_ready
from tests.e2e.server import free_port

pytestmark = [pytest.mark.e2e, pytest.mark.binder]

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"


def readme_urlpaths() -> list[str]:
    """The ``?urlpath=`` values of the README's Binder links."""
    return re.findall(r"\?urlpath=([^)\s`&]+)", README.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def binder_lab() -> Iterator[str]:
    proc = None
    try:
        venv, timings = wait_for_build()
        root = build_root()
        port = free_port()
        began = time.perf_counter()
        with open(root / "lab.log", "wb") as out:
            proc = subprocess.Popen(
                [str(venv / "bin" / "jupyter"), "lab", "--ServerApp.ip=127.0.0.1", "--no-browser",
                 f"--ServerApp.port={port}", "--ServerApp.port_retries=0", "--ServerApp.allow_root=True",
                 f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={REPO}", "--LabApp.news_url="],
                cwd=REPO, env=build_env(root), stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )
        url = f"http://127.0.0.1:{port}"
        wait_ready(url, proc, root / "lab.log")
        timings["jupyter lab start"] = time.perf_counter() - began
        save_text("binder_timings", "\n".join(f"{k}: {v:.1f} s" for k, v in timings.items()))
        yield url
    finally:
        # JupyterLab's shutdown and the environment's removal overlap the worker's next tests
        # (the session's end waits for them: tests/e2e/conftest.py).
        running = proc
        clean_up_in_background(*([lambda: stop(running)] if running is not None else []), remove_build)


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
