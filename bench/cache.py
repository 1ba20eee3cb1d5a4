"""Hit latency of ``st.cache_data``: jupyst (disk-backed, shared by kernels) against Streamlit.

Both caches are called in this process on a small value, a 10 MB and a 100 MB DataFrame
(numeric columns); the figures are medians over repeated hits, after one miss. Streamlit's
``st.cache_data`` runs in "bare mode" (no server) and keeps pickles in memory. jupyst is
also timed from *other* processes: a running kernel whose first call of this key finds
the entry on disk, and a new kernel whose very first call does. Streamlit has no
equivalent, its cache dies with the process.

A jupyst hit on a large value maps the entry's file copy-on-write instead of copying it,
so part of its cost moves to the first reads of the data (page faults on the mapping).
The "hit + one pass" rows show that: the hit, then one ``df.sum()`` over the returned
frame, against the same for Streamlit's in-memory copy. A returned value is freed outside
the timed region.

The "Redis tier" rows (when Debian's ``redis-server`` is installed; one is started on a
free port) time a hit that this host's disk does not have and Redis does, as on a replica
seeing a key for the first time: the lookup misses locally, reads Redis, checks the
signature and keeps the entry on this host's disk, all inside the timed call. Beside it,
for the same values: a hit from this host's disk tier (the process's in-memory tier
dropped first) and Streamlit's in-memory hit.

Run on its own (``python bench/cache.py``) it prints a markdown table; ``bench/run.py``
calls ``run()``.
"""

from __future__ import annotations

import json
import logging
import math
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


def _frame_pass(value: Any) -> None:
    value.sum()  # reads every column once


def _paired_hits(
    j_fn: Callable[[Any], Any],
    s_fn: Callable[[Any], Any] | None,
    arg: Any,
    hits: int,
    use: Callable[[Any], None] | None = None,
) -> tuple[list[float], list[float] | None]:
    """Median seconds of a hit (and of a hit plus ``use`` of its value) for each cache.

    Returns ``[hit, hit + use]`` for jupyst and for Streamlit (``None`` without it), after
    one miss each. The two are called alternately, so that load from elsewhere on the
    machine falls on both alike.
    """
    fns = [j_fn] if s_fn is None else [j_fn, s_fn]
    for fn in fns:
        fn(arg)  # the miss
        fn(arg)  # a warm-up hit
    times: list[tuple[list[float], list[float]]] = [([], []) for _ in fns]
    for _ in range(hits):
        for fn, (hit_samples, use_samples) in zip(fns, times):
            start = time.perf_counter()
            value = fn(arg)
            hit = time.perf_counter() - start
            if use is not None:
                use(value)
                use_samples.append(time.perf_counter() - start)
            hit_samples.append(hit)
            del value  # freeing the previous value is not part of the next hit
    medians = [
        [statistics.median(hit_samples), statistics.median(use_samples or [math.nan])]
        for hit_samples, use_samples in times
    ]
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


def _second_process(cache_dir: str, func: str, arg: int, warm: bool = False) -> dict[str, float]:
    """Seconds another process needs for a call that must be a disk hit.

    Cold: the process's very first call (opening the cache database included). Warm: the
    process already uses the cache (a running kernel), and this key is new to it. For a
    frame, ``use`` is the hit plus one pass over the returned frame.
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
    return {"hit": float(result["seconds"]), "use": float(result["use"])}


def _second_process_main(func: str, arg: int, warm: bool) -> None:
    from jupyst.caching import cache_data

    module = _functions("jupyst_bench_cache", cache_data)
    fn = getattr(module, func)
    if warm:
        module.small(-arg - 1)  # the kernel has used its cache before: database open, pages warm
        module.CALLS.clear()
    start = time.perf_counter()
    value = fn(arg)
    seconds = time.perf_counter() - start
    if func == "frame":
        _frame_pass(value)
    use = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "use": use, "computed": bool(module.CALLS)}))


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
            use = _frame_pass if func == "frame" else None
            st_fn = getattr(st_fns, func) if st_fns is not None else None
            j_hit, s_hit = _paired_hits(getattr(jupyst_fns, func), st_fn, arg, hits, use)
            if st_fn is not None:
                st_fn.clear()  # free its memory before the next, larger case
            ratio = f"jupyst/streamlit = {j_hit[0] / s_hit[0]:.2f}; " if s_hit else ""
            rows.append(
                {
                    "name": f"hit, same process: {name}",
                    "jupyst": _fmt_unit(j_hit[0], unit),
                    "streamlit": _fmt_unit(s_hit[0], unit) if s_hit is not None else None,
                    "unit": unit,
                    "note": f"{ratio}median of {hits} hits",
                }
            )
            if use is not None:
                ratio = f"jupyst/streamlit = {j_hit[1] / s_hit[1]:.2f}; " if s_hit else ""
                rows.append(
                    {
                        "name": f"hit + one pass over the frame, same process: {name}",
                        "jupyst": _fmt_unit(j_hit[1], unit),
                        "streamlit": _fmt_unit(s_hit[1], unit) if s_hit is not None else None,
                        "unit": unit,
                        "note": f"{ratio}the hit, then `df.sum()`; median of {hits} hits",
                    }
                )
            cold = [_second_process(cache_dir, func, arg) for _ in range(processes)]
            warm = [_second_process(cache_dir, func, arg, warm=True) for _ in range(processes)]
            warm_hit = statistics.median(w["hit"] for w in warm)
            rows.append(
                {
                    "name": f"hit, another running kernel (read from disk): {name}",
                    "jupyst": _fmt_unit(warm_hit, unit),
                    "streamlit": None,
                    "unit": unit,
                    "note": f"first hit of this key in a process that already uses the cache; "
                    f"jupyst/streamlit-in-memory = {warm_hit / s_hit[0]:.2f}; median of {processes} processes"
                    if s_hit
                    else f"median of {processes} processes",
                }
            )
            if use is not None:
                warm_use = statistics.median(w["use"] for w in warm)
                rows.append(
                    {
                        "name": f"hit + one pass over the frame, another running kernel: {name}",
                        "jupyst": _fmt_unit(warm_use, unit),
                        "streamlit": None,
                        "unit": unit,
                        "note": "as above, then `df.sum()`, which faults in the mapped pages; "
                        f"jupyst/streamlit-in-memory (hit + one pass) = {warm_use / s_hit[1]:.2f}; "
                        f"median of {processes} processes"
                        if s_hit
                        else f"median of {processes} processes",
                    }
                )
            rows.append(
                {
                    "name": f"hit, new process (read from disk): {name}",
                    "jupyst": _fmt_unit(statistics.median(c["hit"] for c in cold), unit),
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
    rows += _redis_rows()
    return rows


REDIS_CASES = [
    # name, function, argument, samples
    ("small value (dict)", "small", 1, 200),
    ("10 MB DataFrame", "frame", 10 * 2**20 // ROW_BYTES, 20),
]


def _start_redis() -> tuple[subprocess.Popen[bytes], str] | None:
    import socket

    binary = shutil.which("redis-server")
    if binary is None:
        return None
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, f"redis://127.0.0.1:{port}/0"
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                raise
            time.sleep(0.02)


def _redis_rows() -> list[dict[str, Any]]:
    from jupyst import caching
    from jupyst.caching.backend import get_backend

    started = _start_redis()
    if started is None:
        return []
    proc, url = started
    saved = {k: os.environ.get(k) for k in ("JUPYST_CACHE_REDIS_URL", "JUPYST_CACHE_SECRET")}
    os.environ.update(JUPYST_CACHE_REDIS_URL=url, JUPYST_CACHE_SECRET="bench")
    root = tempfile.mkdtemp(prefix="jupyst-bench-redis-")
    rows: list[dict[str, Any]] = []
    try:
        st_cache_data = _streamlit_cache_data()
        st_fns = _functions("jupyst_bench_cache", st_cache_data) if st_cache_data else None
        for name, func, arg, samples in REDIS_CASES:
            unit = "µs" if func == "small" else "ms"
            caching.configure(directory=os.path.join(root, "writer"))
            getattr(_functions("jupyst_bench_cache", caching.cache_data), func)(arg)  # into Redis
            # A replica that has not seen this key: a running process (its Redis connection
            # and database open) whose disk tier lacks the entry.
            caching.configure(directory=os.path.join(root, func))
            fn = getattr(_functions("jupyst_bench_cache", caching.cache_data), func)
            backend = get_backend()
            full = fn._full_key(fn._key((arg,), {}))
            fn(arg + 1)  # connection and database warm
            from_redis, from_disk = [], []
            for _ in range(samples):
                backend.store.discard(full)
                assert backend.tier is not None
                backend.tier.discard([full])
                start = time.perf_counter()
                value = fn(arg)
                from_redis.append(time.perf_counter() - start)
                del value
                backend.tier.discard([full])  # the next hit reads this host's disk
                start = time.perf_counter()
                value = fn(arg)
                from_disk.append(time.perf_counter() - start)
                del value
            s_hit = None
            if st_fns is not None:
                s_fn = getattr(st_fns, func)
                s_hit, _ = _paired_hits(s_fn, None, arg, samples)
                s_fn.clear()
            redis_med = statistics.median(from_redis)
            disk_med = statistics.median(from_disk)
            st_med = s_hit[0] if s_hit else None
            ratio = f"; jupyst/streamlit-in-memory = {redis_med / st_med:.2f}" if st_med else ""
            rows.append({
                "name": f"hit served from Redis (not on this host's disk): {name}",
                "jupyst": _fmt_unit(redis_med, unit),
                "streamlit": _fmt_unit(st_med, unit) if st_med else None,
                "unit": unit,
                "note": f"Redis on 127.0.0.1; read, verify, keep on disk{ratio}; median of {samples}",
            })
            ratio = f"; jupyst/streamlit-in-memory = {disk_med / st_med:.2f}" if st_med else ""
            rows.append({
                "name": f"hit from this host's disk tier, Redis configured: {name}",
                "jupyst": _fmt_unit(disk_med, unit),
                "streamlit": _fmt_unit(st_med, unit) if st_med else None,
                "unit": unit,
                "note": f"the in-process tier dropped first{ratio}; median of {samples}",
            })
    finally:
        caching.reset()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)
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
