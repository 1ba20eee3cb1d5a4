"""Hit latency of ``st.cache_data``: jupyst (disk-backed, shared by kernels) against Streamlit.

Both caches are called in this process on a small value, a 10 MB and a 100 MB DataFrame
(numeric columns); the figures are medians over repeated hits, after one miss. Streamlit's
``st.cache_data`` runs in "bare mode" (no server) and keeps pickles in memory. jupyst is
also timed from a *second* process, a new kernel whose first call finds the entry on disk:
Streamlit has no equivalent, its cache dies with the process.

Run on its own (``python bench/cache.py``) it prints a markdown table; ``bench/run.py``
calls ``run()``.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import types
import warnings
from typing import Any, Callable

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# The cached functions live in a synthetic module built from this source, so that the
# benchmark process and the second process define them identically (same module name,
# same code): that is what makes their cache keys equal.
SOURCE = """
import numpy as np
import pandas as pd

CALLS = []

def small(x):
    CALLS.append(x)
    return {"x": x, "items": list(range(10)), "name": "small value"}

def frame(n_rows):
    CALLS.append(n_rows)
    rng = np.random.default_rng(0)
    columns = {f"f{i}": rng.random(n_rows) for i in range(5)}
    columns["i"] = np.arange(n_rows, dtype="int64")
    return pd.DataFrame(columns)
"""

ROW_BYTES = 6 * 8  # five float64 columns and one int64 column
CASES = [
    # name, function, argument, hits to time in-process, fresh second processes
    ("small value (dict)", "small", 1, 5000, 5),
    ("10 MB DataFrame", "frame", 10 * 2**20 // ROW_BYTES, 60, 5),
    ("100 MB DataFrame", "frame", 100 * 2**20 // ROW_BYTES, 15, 3),
]


def _functions(module_name: str, decorator: Callable[[Any], Any]) -> types.ModuleType:
    module = types.ModuleType(module_name)
    exec(compile(SOURCE, f"<{module_name}>", "exec"), module.__dict__)
    module.small = decorator(module.small)
    module.frame = decorator(module.frame)
    return module


def _paired_hits(
    j_fn: Callable[[Any], Any], s_fn: Callable[[Any], Any] | None, arg: Any, hits: int
) -> tuple[float, float | None]:
    """Median hit seconds of jupyst and Streamlit for ``fn(arg)``, after one miss each.

    The two are called alternately, so that load from elsewhere on the machine falls on
    both alike.
    """
    fns = [j_fn] if s_fn is None else [j_fn, s_fn]
    for fn in fns:
        fn(arg)  # the miss
        fn(arg)  # a warm-up hit
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(hits):
        for fn, samples in zip(fns, times):
            start = time.perf_counter()
            fn(arg)
            samples.append(time.perf_counter() - start)
    medians = [statistics.median(samples) for samples in times]
    return medians[0], (medians[1] if s_fn is not None else None)


def _streamlit_cache_data() -> Callable[[Any], Any] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import streamlit as st
            from streamlit.logger import set_log_level
    except ImportError:
        return None
    # Bare mode warns that there is no runtime on every cache creation: silence it.
    set_log_level("error")
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    return st.cache_data


def _second_process(cache_dir: str, func: str, arg: int, warm: bool = False) -> float:
    """Seconds another process needs for a call that must be a disk hit.

    Cold: the process's very first call (opening the cache database included). Warm: the
    process already uses the cache (a running kernel), and this key is new to it.
    """
    env = dict(os.environ, JUPYST_CACHE_DIR=cache_dir)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (REPO, env.get("PYTHONPATH")) if p)
    out = subprocess.run(
        [sys.executable, os.path.abspath(__file__), "--second-process", func, str(arg), "warm" if warm else "cold"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["computed"]:
        raise RuntimeError(f"the second process recomputed {func}({arg}) instead of hitting")
    return float(result["seconds"])


def _second_process_main(func: str, arg: int, warm: bool) -> None:
    from jupyst.caching import cache_data

    module = _functions("jupyst_bench_cache", cache_data)
    fn = getattr(module, func)
    if warm:
        module.small(-arg - 1)  # the kernel has used its cache before: database open, pages warm
        module.CALLS.clear()
    start = time.perf_counter()
    fn(arg)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "computed": bool(module.CALLS)}))


def _fmt_unit(seconds: float, unit: str) -> float:
    return seconds * (1e6 if unit == "µs" else 1e3)


def run() -> list[dict[str, Any]]:
    from jupyst import caching

    cache_dir = tempfile.mkdtemp(prefix="jupyst-bench-cache-")
    rows: list[dict[str, Any]] = []
    try:
        caching.configure(directory=cache_dir, size_limit=4 * 2**30)
        jupyst_fns = _functions("jupyst_bench_cache", caching.cache_data)
        st_cache_data = _streamlit_cache_data()
        st_fns = _functions("jupyst_bench_cache", st_cache_data) if st_cache_data else None
        for name, func, arg, hits, processes in CASES:
            unit = "µs" if func == "small" else "ms"
            st_fn = getattr(st_fns, func) if st_fns is not None else None
            j_hit, s_hit = _paired_hits(getattr(jupyst_fns, func), st_fn, arg, hits)
            if st_fn is not None:
                st_fn.clear()  # free its memory before the next, larger case
            ratio = f"jupyst/streamlit = {j_hit / s_hit:.2f}; " if s_hit else ""
            rows.append(
                {
                    "name": f"hit, same process: {name}",
                    "jupyst": _fmt_unit(j_hit, unit),
                    "streamlit": _fmt_unit(s_hit, unit) if s_hit is not None else None,
                    "unit": unit,
                    "note": f"{ratio}median of {hits} hits",
                }
            )
            seconds = statistics.median(
                _second_process(cache_dir, func, arg) for _ in range(processes)
            )
            warm = statistics.median(
                _second_process(cache_dir, func, arg, warm=True) for _ in range(processes)
            )
            rows.append(
                {
                    "name": f"hit, another running kernel (read from disk): {name}",
                    "jupyst": _fmt_unit(warm, unit),
                    "streamlit": None,
                    "unit": unit,
                    "note": f"first hit of this key in a process that already uses the cache; "
                    f"jupyst/streamlit-in-memory = {warm / s_hit:.2f}; median of {processes} processes"
                    if s_hit
                    else f"median of {processes} processes",
                }
            )
            rows.append(
                {
                    "name": f"hit, new process (read from disk): {name}",
                    "jupyst": _fmt_unit(seconds, unit),
                    "streamlit": None,
                    "unit": unit,
                    "note": f"first call in a fresh process, opening the cache database "
                    f"included; median of {processes} processes; Streamlit's cache does not "
                    "outlive its process",
                }
            )
    finally:
        caching.reset()
        shutil.rmtree(cache_dir, ignore_errors=True)
    return rows


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    return f"{value:.2f}" if value < 100 else f"{value:.0f}"


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--second-process":
        _second_process_main(sys.argv[2], int(sys.argv[3]), sys.argv[4] == "warm")
        return
    sys.path.insert(0, REPO)
    rows = run()
    print("| measure | jupyst | streamlit | unit | note |")
    print("|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['name']} | {_fmt(row['jupyst'])} | {_fmt(row['streamlit'])} "
            f"| {row['unit']} | {row['note']} |"
        )


if __name__ == "__main__":
    main()
