"""``make bench``: run every benchmark in this folder and write BENCHMARKS.md.

Each benchmark module has ``run() -> list[dict]`` with rows ``name, jupyst, streamlit,
unit`` (and an optional ``note``). Figures depend on the machine, which is described in
the output.
"""

from __future__ import annotations

import datetime
import importlib
import os
import platform
import sys
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
MODULES = ["rerun", "fragments", "cache", "data", "connection", "chat", "voila", "shared", "load", "render", "replicas"]


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.2f}" if value < 100 else f"{value:.0f}"
    return str(value)


def _machine() -> str:
    import ipywidgets

    try:
        import streamlit

        st_version = streamlit.__version__
    except ImportError:
        st_version = "not installed"
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            names = [line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")]
        if names:
            cpu = names[0]
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"ipywidgets {ipywidgets.__version__}, streamlit {st_version}, {platform.system()} {platform.release()}"
    )


def _existing_sections(path: str) -> dict[str, str]:
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError:
        return {}
    parts = text.split("\n## ")[1:]
    return {part.split("\n", 1)[0].strip(): "## " + part.strip() for part in parts}


def main(argv: list[str]) -> None:
    """Run every module, or only those named on the command line (their sections are
    replaced; the others' figures stay as they were)."""
    sys.path.insert(0, HERE)
    out_path = os.path.join(os.path.dirname(HERE), "BENCHMARKS.md")
    chosen = argv or MODULES
    sections = {} if not argv else _existing_sections(out_path)
    for name in chosen:
        if not os.path.exists(os.path.join(HERE, f"{name}.py")):
            continue
        module = importlib.import_module(name)
        rows = module.run()
        lines = [f"## {name}", "", (module.__doc__ or "").strip(), "", "| measure | jupyst | streamlit | unit | note |", "|---|---|---|---|---|"]
        for row in rows:
            lines.append(f"| {row['name']} | {_fmt(row.get('jupyst'))} | {_fmt(row.get('streamlit'))} | {row.get('unit', '')} | {row.get('note', '')} |")
        sections[name] = "\n".join(lines)
        print(sections[name], flush=True)
    today = datetime.date.today().isoformat()
    ordered = [sections[m] for m in MODULES if m in sections]
    text = "\n\n".join([
        "# Benchmarks",
        f"Written by `make bench` on {today}. Machine: {_machine()}.",
        "Medians; lower is better. Streamlit figures come from the same process, same run.",
        *ordered,
    ]) + "\n"
    with open(out_path, "w", encoding="utf-8") as fh:
        fh.write(text)


if __name__ == "__main__":
    main(sys.argv[1:])
