"""The private folder a `jupyst run` server lives in, and the environment that points at it.

Nothing is written next to the app or into the user's Jupyter folders. The folder holds:

- ``config/``: an empty Jupyter config dir, so no user or project ``voila.json`` /
  ``jupyter_server_config`` changes the publishing defaults;
- ``runtime/``: connection files and ipc sockets of the kernels;
- ``data/kernels/jupyst-python3``: a kernelspec for this very Python, so a served script runs
  where jupyst is installed whatever ``python3`` kernel the user has;
- ``app/``: the generated notebook of a script app (Voilà's root: only it can be served);
- ``data/nbsignatures.db`` and ``data/notebook_secret``: the signature of the served notebook,
  so Voilà trusts it without a warning at each visit;
- ``components/``: where the app's processes register component folders for the server to
  serve (jupyst/runtime/component_folders.py).

The template is found through ``JUPYTER_PATH``: the jupyst package folder holds
``voila/templates/jupyst``, the layout Jupyter data folders use.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jupyst.runtime.component_folders import PREFIX_ENV, REGISTRY_ENV

KERNEL_NAME = "jupyst-python3"
#: what a published app's kernel runs before anything else (jupyst/voila/kernel_guard.py)
HARDEN_AT_START = "from jupyst.voila.kernel_guard import harden_kernel; harden_kernel()"

#: the folder that contains ``voila/templates/jupyst`` (the jupyst package itself)
PACKAGE_DATA_ROOT = Path(__file__).resolve().parent.parent

#: environment variables that would point Jupyter at the user's configuration
_USER_CONFIG_VARS = ("JUPYTER_CONFIG_PATH",)


@dataclass
class RuntimeDir:
    root: Path

    @classmethod
    def create(cls) -> RuntimeDir:
        # mkdtemp makes the folder private to this user (mode 0700).
        runtime = cls(Path(tempfile.mkdtemp(prefix="jupyst-")))
        for sub in (runtime.config, runtime.runtime, runtime.app_dir, runtime.kernel_dir, runtime.components):
            sub.mkdir(parents=True, exist_ok=True)
        runtime.write_kernelspec()
        return runtime

    @property
    def config(self) -> Path:
        return self.root / "config"

    @property
    def runtime(self) -> Path:
        return self.root / "runtime"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def signatures(self) -> Path:
        """The notebook-signature database of the server (private, gone with the folder)."""
        return self.data / "nbsignatures.db"

    def trust(self, notebook: Path) -> None:
        """Sign the notebook the server serves, so Voilà does not warn at every visit that it is
        "not trusted": it is the app being published, run by the person publishing it."""
        import nbformat
        from nbformat.sign import NotebookNotary

        notary = NotebookNotary(data_dir=str(self.data), db_file=str(self.signatures))
        try:
            notary.sign(nbformat.read(str(notebook), as_version=4))
        finally:
            notary.store.close()

    @property
    def components(self) -> Path:
        """The registry of served component folders (see jupyst/runtime/component_folders.py)."""
        return self.root / "components"

    @property
    def app_dir(self) -> Path:
        return self.root / "app"

    @property
    def kernel_dir(self) -> Path:
        return self.data / "kernels" / KERNEL_NAME

    def write_kernelspec(self) -> None:
        spec = {
            # No IPython history: a visitor's kernel runs one generated cell, and many kernels
            # writing the user's history database at once only contend for its lock.
            # Output written to file descriptors 1 and 2 (C extensions, subprocesses) stays in the
            # server log instead of going to the visitor's socket.
            # The publishing rules (prints to the server log, the browser's comm_open refused, the
            # run limit) hold from the kernel's start, before a notebook's first cell runs.
            "argv": [
                sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}", "--HistoryManager.enabled=False",
                "--IPKernelApp.capture_fd_output=False", f"--IPKernelApp.exec_lines={HARDEN_AT_START}",
            ],
            "display_name": "Python 3 (jupyst)",
            "language": "python",
            "metadata": {"debugger": False},
        }
        (self.kernel_dir / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")

    def environment(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """The environment for Voilà and its kernels: private config, our data first."""
        env = dict(os.environ if base is None else base)
        for name in _USER_CONFIG_VARS:
            env.pop(name, None)
        env["JUPYTER_CONFIG_DIR"] = str(self.config)
        env["JUPYTER_RUNTIME_DIR"] = str(self.runtime)
        extra = [str(self.data), str(PACKAGE_DATA_ROOT)]
        if env.get("JUPYTER_PATH"):
            extra.append(env["JUPYTER_PATH"])
        env["JUPYTER_PATH"] = os.pathsep.join(extra)
        env[REGISTRY_ENV] = str(self.components)
        env.pop(PREFIX_ENV, None)  # this server's routes sit right below its base URL
        return env

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
