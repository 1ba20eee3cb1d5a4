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
MODULES = ["rerun", "cache", "data", "voila"]


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


def main() -> None:
    sys.path.insert(0, HERE)
    sections = []
    for name in MODULES:
        if not os.path.exists(os.path.join(HERE, f"{name}.py")):
            continue
        module = importlib.import_module(name)
        rows = module.run()
        lines = [f"## {name}", "", (module.__doc__ or "").strip(), "", "| measure | jupyst | streamlit | unit | note |", "|---|---|---|---|---|"]
        for row in rows:
            lines.append(f"| {row['name']} | {_fmt(row.get('jupyst'))} | {_fmt(row.get('streamlit'))} | {row.get('unit', '')} | {row.get('note', '')} |")
        sections.append("\n".join(lines))
        print("\n".join(lines), flush=True)
    today = datetime.date.today().isoformat()
    text = "\n\n".join([
        "# Benchmarks",
        f"Written by `make bench` on {today}. Machine: {_machine()}.",
        "Medians; lower is better. Streamlit figures come from the same process, same run.",
        *sections,
    ]) + "\n"
    with open(os.path.join(os.path.dirname(HERE), "BENCHMARKS.md"), "w", encoding="utf-8") as fh:
        fh.write(text)


if __name__ == "__main__":
    main()
