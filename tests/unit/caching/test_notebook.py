"""notebooks/cache_restart.ipynb: run twice in fresh kernels, the second run hits the disk cache."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

REPO = Path(__file__).resolve().parents[3]
NOTEBOOK = REPO / "notebooks" / "cache_restart.ipynb"


def run_notebook() -> str:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(REPO)}}
    )
    client.execute()
    return "".join(
        output.get("text", "")
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    )


@pytest.mark.kernel
def test_result_survives_a_kernel_restart(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(p for p in (os.environ.get("PYTHONPATH"), str(REPO)) if p)
    )
    first, second = run_notebook(), run_notebook()  # two kernels, one after the other
    stamp = re.compile(r"report computed at [\d:.]+")
    assert stamp.search(first)
    assert stamp.search(first).group() == stamp.search(second).group()
    took = [float(t) for t in re.findall(r"call took ([\d.]+) s", first + second)]
    assert took[0] >= 3
    assert took[1] < 1
    assert str(cache_dir) in first
