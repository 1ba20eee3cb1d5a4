"""Packaged ``st.components.v2`` components: their ``asset_dir`` and the files named in it.

A component package declares its components in its ``pyproject.toml``::

    [project]
    name = "streamlit-counter"

    [[tool.streamlit.component.components]]
    name = "counter"
    asset_dir = "frontend/build"

which makes ``streamlit-counter.counter`` a component whose ``js``/``css`` may be a path or
a glob inside ``asset_dir`` (relative to the package's import folder). As Streamlit does,
the installed distributions that look like Streamlit components (the word streamlit in their
name, summary or requirements, or an ``st-`` prefix) are read for such manifests, once per
process and again when a name is not found. :func:`resolve_asset` applies Streamlit's rules
to one ``js``/``css`` value, with its errors.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import threading
from pathlib import Path
from typing import Any

try:
    import tomllib
except ImportError:  # Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

from jupyst.errors import StreamlitComponentRegistryError

_lock = threading.Lock()
_roots: dict[str, Path | StreamlitComponentRegistryError] | None = None
_GLOB = ("*", "?", "[", "]")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _maybe_component_package(dist: importlib.metadata.Distribution) -> bool:
    """Streamlit's cheap filter: only these distributions are opened."""
    metadata = dist.metadata
    name = (metadata["Name"] or "").lower() if "Name" in metadata else ""
    if not name:
        return False
    summary = (metadata["Summary"] or "").lower() if "Summary" in metadata else ""
    requires = " ".join(metadata.get_all("Requires-Dist") or []).lower()
    return "streamlit" in name or "streamlit" in summary or "streamlit" in requires or name.startswith(("st-", "st_"))


def _read_toml(path: Path) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as source:
            return tomllib.load(source)
    except (OSError, tomllib.TOMLDecodeError):
        return None


def _belongs(data: dict[str, Any], dist_name: str) -> bool:
    project = data.get("project", {}).get("name") or data.get("tool", {}).get("setuptools", {}).get("package-name")
    return isinstance(project, str) and _canonical(project) in {_canonical(dist_name)}


def _package_dir(import_name: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(import_name)
    except (ImportError, ValueError):
        return None
    return Path(spec.origin).parent if spec is not None and spec.origin else None


def _pyproject_of(dist: importlib.metadata.Distribution, dist_name: str, package_dir: Path | None) -> tuple[Path, dict[str, Any]] | None:
    """The distribution's own pyproject.toml: one its RECORD lists, else beside its package."""
    candidates = [Path(str(dist.locate_file(f))) for f in dist.files or () if str(f).endswith("pyproject.toml")]
    if package_dir is not None:
        candidates += [package_dir / "pyproject.toml", package_dir.parent / "pyproject.toml"]
    for path in candidates:
        data = _read_toml(path) if path.is_file() else None
        if data is not None and _belongs(data, dist_name):
            return path, data
    return None


def _asset_root(package_root: Path, component: str, asset_dir: str) -> Path:
    if unsafe_relative(asset_dir):
        raise StreamlitComponentRegistryError(_unsafe_message(asset_dir, "component paths"))
    root = (package_root / asset_dir).resolve()
    if not root.is_dir():
        raise StreamlitComponentRegistryError(
            f"Declared asset_dir '{asset_dir}' for component '{component}' does not exist or is not a "
            f"directory under package root '{package_root}'."
        )
    if not root.is_relative_to(package_root.resolve()):
        raise StreamlitComponentRegistryError(f"asset_dir path '{root}' is outside the declared asset_dir '{package_root}'.")
    return root


def _scan() -> dict[str, Path | StreamlitComponentRegistryError]:
    found: dict[str, Path | StreamlitComponentRegistryError] = {}
    for dist in importlib.metadata.distributions():
        try:
            if not _maybe_component_package(dist):
                continue
            dist_name = dist.metadata["Name"]
            import_name = dist_name.replace("-", "_")
            package_dir = _package_dir(import_name)
            located = _pyproject_of(dist, dist_name, package_dir)
        except Exception:  # a broken distribution is skipped, as Streamlit does
            continue
        if located is None:
            continue
        path, data = located
        entries = data.get("tool", {}).get("streamlit", {}).get("component", {}).get("components")
        if not isinstance(entries, list):
            continue
        project = data.get("project", {}).get("name") or dist_name
        package_root = package_dir or path.parent
        for entry in entries:
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"]:
                continue
            asset_dir = entry.get("asset_dir")
            if not isinstance(asset_dir, str):
                continue
            key = f"{project}.{entry['name']}"
            try:
                found[key] = _asset_root(package_root, entry["name"], asset_dir)
            except StreamlitComponentRegistryError as exc:
                found[key] = exc  # raised when the app uses this component
    return found


def asset_root(name: str) -> Path | None:
    """The ``asset_dir`` declared for component ``name`` by an installed package, if any."""
    global _roots
    with _lock:
        if _roots is None or name not in _roots:
            _roots = _scan()  # the first use, or a package installed since the last scan
        found = _roots.get(name)
    if isinstance(found, StreamlitComponentRegistryError):
        raise found
    return found


def unsafe_relative(path: str) -> bool:
    """Whether ``path`` is absolute, a drive or UNC path, has a null byte or a ``..`` segment."""
    if "\x00" in path or path.startswith(("/", "\\")) or Path(path).is_absolute():
        return True
    if len(path) >= 2 and path[1] == ":" and path[0].isascii() and path[0].isalpha():
        return True
    return ".." in path.replace("\\", "/").split("/")


def _unsafe_message(path: str, label: str) -> str:
    if ".." in path.replace("\\", "/").split("/"):
        return f"Path traversal attempts are not allowed in {label}: {path}"
    return f"Unsafe paths are not allowed in {label}: {path}"


def resolve_asset(value: str, root: Path, kind: str) -> tuple[Path, str]:
    """A ``js``/``css`` path or glob inside ``root``: the file and its URL path relative to ``root``."""
    real_root = root.resolve()
    if any(c in value for c in _GLOB):
        if unsafe_relative(value):
            raise StreamlitComponentRegistryError(_unsafe_message(value, "glob patterns"))
        matches = sorted({p.resolve() for p in root.glob(value) if p.resolve().is_relative_to(real_root)})
        if not matches:
            raise StreamlitComponentRegistryError(f"No files found matching pattern '{value}' in package root {root}")
        if len(matches) > 1:
            listed = ", ".join(str(m) for m in matches)
            raise StreamlitComponentRegistryError(
                f"Multiple files found matching pattern '{value}': {listed}. Exactly one file must match the pattern."
            )
        target = matches[0]
    else:
        if unsafe_relative(value):
            raise StreamlitComponentRegistryError(_unsafe_message(value, "component paths"))
        candidate = root / value
        target = candidate.resolve()
        if not target.is_relative_to(real_root):
            raise StreamlitComponentRegistryError(f"{kind} path '{candidate}' is outside the declared asset_dir '{root}'.")
        if not target.exists():
            raise ValueError(f"File does not exist: {target}")
    return target, target.relative_to(real_root).as_posix()
