"""What `jupyst run` serves: a script or a notebook, checked before any server starts.

Every problem a user can fix (no such file, wrong kind of file, a notebook without a jupyst
cell) is an ``AppError`` whose message is one line, shown as is by the CLI.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: tag of the served script's first cell (it waits for the visitor in a preheated kernel)
WAIT_TAG = "jupyst-wait-for-visitor"
#: id of the served script's cell that runs the app
APP_CELL_ID = "jupyst-app"
SCRIPT_SUFFIX = ".py"
NOTEBOOK_SUFFIX = ".ipynb"


class AppError(Exception):
    """A problem with the app the user asked to serve; the message is one line."""


@dataclass(frozen=True)
class App:
    """An app to serve: an absolute path and whether it is a script or a notebook."""

    path: Path
    kind: str  # "script" | "notebook"

    @property
    def name(self) -> str:
        """The default page title, as Streamlit's: the file name without its suffix."""
        return self.path.stem

    @property
    def folder(self) -> Path:
        """The kernel's working directory, so the app's relative file reads work."""
        return self.path.parent


def resolve_app(given: str) -> App:
    """Check the file the user named and say what kind of app it is."""
    path = Path(given).expanduser()
    if not path.exists():
        raise AppError(f"no such file: {given}")
    if not path.is_file():
        raise AppError(f"not a file: {given}")
    suffix = path.suffix.lower()
    if suffix not in (SCRIPT_SUFFIX, NOTEBOOK_SUFFIX):
        raise AppError(f"cannot serve {given}: an app is a .py script or an .ipynb notebook")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise AppError(f"cannot read {given}: {reason}") from None
    app = App(path=path.resolve(), kind="script" if suffix == SCRIPT_SUFFIX else "notebook")
    if app.kind == "notebook":
        check_notebook(given, text)
    return app


def check_notebook(given: str, text: str) -> None:
    """A served notebook must be valid JSON and show a jupyst app somewhere."""
    try:
        notebook = json.loads(text)
        cells = notebook["cells"]
    except (ValueError, KeyError, TypeError):
        raise AppError(f"{given} is not a Jupyter notebook (nbformat 4)") from None
    sources = [_source(cell) for cell in cells if isinstance(cell, dict) and cell.get("cell_type") == "code"]
    magic_cells = [s for s in sources if s.lstrip().startswith("%%jupyst")]
    if not magic_cells and not any("run_path(" in s for s in sources):
        raise AppError(f"{given} has no %%jupyst cell: nothing to serve as an app")
    if magic_cells and not any("%load_ext jupyst" in s for s in sources):
        raise AppError(f"{given} uses %%jupyst but never runs `%load_ext jupyst`")


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def script_notebook(
    app: App, *, kernel_name: str, show_error_details: bool | str = False, run_on_save: bool = False,
    argv: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The notebook that serves a script: get ready, then run it as an app and report its page.

    The first cell imports jupyst, changes into the script's folder (a preheated kernel
    starts in the runtime folder, whatever the kernel manager's root) and, in a preheated
    kernel, waits there for a visitor: the app's first run must see the visitor's URL (query
    string, page). The second runs the app and names the page after it.
    """
    setup = "\n".join(
        [
            "import os",
            "import sys",
            "",
            "import jupyst",
            "from jupyst.runtime.query_params import wait_for_visitor",
            "from jupyst.voila.page import page_info",
            "",
            f"os.chdir({str(app.folder)!r})",
            # the script's sys.argv, as `streamlit run app.py -- args` sets it
            f"sys.argv = {list(argv or (str(app.path),))!r}",
            "wait_for_visitor()",
        ]
    )
    code = (
        f"jupyst.run_path({str(app.path)!r}, show_error_details={show_error_details!r}, run_on_save={run_on_save!r})\n"
        "page_info()"
    )
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "title": app.name,
            "kernelspec": {"name": kernel_name, "display_name": "Python 3 (jupyst)", "language": "python"},
            "language_info": {"name": "python"},
        },
        "cells": [
            {
                "cell_type": "code", "id": "jupyst-setup", "metadata": {"tags": [WAIT_TAG]},
                "execution_count": None, "outputs": [], "source": setup,
            },
            {"cell_type": "code", "id": APP_CELL_ID, "metadata": {}, "execution_count": None, "outputs": [], "source": code},
        ],
    }


def write_script_notebook(
    app: App, folder: Path, *, kernel_name: str, show_error_details: bool | str = False, run_on_save: bool = False,
    argv: tuple[str, ...] = (),
) -> Path:
    """Write the script's notebook into ``folder`` (never next to the script)."""
    target = folder / f"{app.name}{NOTEBOOK_SUFFIX}"
    notebook = script_notebook(
        app, kernel_name=kernel_name, show_error_details=show_error_details, run_on_save=run_on_save, argv=argv
    )
    target.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return target


def write_served_notebook(app: App, folder: Path, *, kernel_name: str) -> Path:
    """Copy a notebook app into ``folder`` to run on jupyst's kernel (never next to the notebook).

    The notebook's own kernelspec would start a plain kernel: what its cells before the app
    print would go into the page's HTML. jupyst's kernel sends prints to the server log from
    its first cell on (jupyst/voila/runtime.py).
    """
    notebook = json.loads(app.path.read_text(encoding="utf-8"))
    metadata = notebook.setdefault("metadata", {})
    metadata["kernelspec"] = {"name": kernel_name, "display_name": "Python 3 (jupyst)", "language": "python"}
    target = folder / app.path.name
    target.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return target
