"""Build labextension/ into jupyst/labextensions/jupyst-lab with the installed JupyterLab.

`jupyter labextension build` looks up JupyterLab's core package list on the network unless it
is given one; the installed JupyterLab ships it (its ``staging`` folder), and building against
it makes the extension share exactly the JupyterLab packages that jupyst pins.
Run by ``jlpm build:labextension`` (``make labextension``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jupyterlab

LABEXTENSION = Path(__file__).resolve().parents[1] / "labextension"


def main(argv: list[str]) -> int:
    core = Path(jupyterlab.__file__).resolve().parent / "staging"
    command = [sys.executable, "-m", "jupyterlab.labextensions", "build", f"--core-path={core}", *argv, str(LABEXTENSION)]
    return subprocess.call(command)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
