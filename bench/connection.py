"""``st.connection("pg", type="sql").query(...)`` on a real PostgreSQL server: jupyst against Streamlit.

A temporary PostgreSQL cluster (Debian's binaries, as in the tests) holds a 10,000-row
table. Both libraries run the same query through ``st.connection`` in this process:
repeated hits of the query cache, and misses (new parameters each call, so the database
answers). Then new processes each run the query once, as new kernels would: jupyst's find
it in the shared disk cache, Streamlit's must ask the database (its cache dies with its
process); the server's statement log says how many times the SELECT reached it. Times
exclude process start and imports (pandas, SQLAlchemy, the driver, diskcache), not jupyst
opening its cache store. Streamlit runs in bare mode (no server).

Run on its own (``python bench/connection.py``) it prints a markdown table;
``bench/run.py`` calls ``run()``.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
import uuid
import warnings
from pathlib import Path
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
if REPO not in sys.path:
    sys.path.insert(0, REPO)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from timing import median_ms  # noqa: E402

ROWS = 10_000
NEW_PROCESSES = 3

CHILD = """
import json, os, sys, time, warnings, logging
warnings.filterwarnings("ignore")
logging.disable(logging.WARNING)
import pandas, sqlalchemy, sqlalchemy.orm, pandas.io.sql, psycopg, diskcache
lib = sys.argv[1]
if lib == "jupyst":
    import jupyst as st
else:
    import streamlit as st
start = time.perf_counter()
conn = st.connection("bench", type="sql", url=os.environ["BENCH_PG_URL"])
frame = conn.query(os.environ["BENCH_SQL"], params={"low": 100})
print(json.dumps({"ms": (time.perf_counter() - start) * 1000, "rows": len(frame)}))
"""


def _server() -> Any:
    from tests.postgres import PostgresServer, find_bin_dir

    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed: `make postgresql`")
    server = PostgresServer(bin_dir, Path(tempfile.mkdtemp(prefix="jupyst-bench-pg-")))
    server.start()
    server.execute(
        "CREATE TABLE sales (id INTEGER PRIMARY KEY, region TEXT, amount DOUBLE PRECISION, day DATE);"
        f"INSERT INTO sales SELECT i, (ARRAY['north','south','east','west'])[1 + i % 4], (i * 37) % 1000, "
        f"DATE '2026-01-01' + (i % 365) FROM generate_series(1, {ROWS}) AS i"
    )
    return server


def _child(lib: str, env: dict[str, str]) -> float:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, lib], env=env, capture_output=True, text=True, timeout=300, check=True
    )
    return float(json.loads(done.stdout.strip().splitlines()[-1])["ms"])


def run() -> list[dict[str, Any]]:
    warnings.filterwarnings("ignore")
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    server = _server()
    cache_dir = tempfile.mkdtemp(prefix="jupyst-bench-conn-cache-")
    old_cache = os.environ.get("JUPYST_CACHE_DIR")
    os.environ["JUPYST_CACHE_DIR"] = cache_dir
    try:
        import streamlit as real_st

        import jupyst as st
        from jupyst import caching

        caching.reset()
        marker = uuid.uuid4().hex
        sql = f"SELECT * FROM sales WHERE amount >= :low ORDER BY id /* bench_{marker} */"
        ours = st.connection("bench", type="sql", url=server.url)
        theirs = real_st.connection("bench", type="sql", url=server.url)

        hit_j = median_ms(lambda: ours.query(sql, params={"low": 100}), runs=200)
        hit_s = median_ms(lambda: theirs.query(sql, params={"low": 100}), runs=200)

        counter = iter(range(1, 10**6))
        miss_j = median_ms(lambda: ours.query(sql, params={"low": 100 + next(counter)}), runs=20, warmup=2)
        miss_s = median_ms(lambda: theirs.query(sql, params={"low": 100 + next(counter)}), runs=20, warmup=2)

        env = dict(os.environ)
        env.update(
            BENCH_PG_URL=server.url,
            BENCH_SQL=sql,
            PYTHONPATH=os.pathsep.join(p for p in (env.get("PYTHONPATH", ""), REPO) if p),
        )
        before = server.statements_containing(f"bench_{marker}")
        new_j = sorted(_child("jupyst", env) for _ in range(NEW_PROCESSES))[NEW_PROCESSES // 2]
        after_j = server.statements_containing(f"bench_{marker}")
        new_s = sorted(_child("streamlit", env) for _ in range(NEW_PROCESSES))[NEW_PROCESSES // 2]
        after_s = server.statements_containing(f"bench_{marker}")
    finally:
        server.stop()
        if old_cache is None:
            os.environ.pop("JUPYST_CACHE_DIR", None)
        else:
            os.environ["JUPYST_CACHE_DIR"] = old_cache
        import shutil

        shutil.rmtree(cache_dir, ignore_errors=True)
    rows = f"{ROWS * 9 // 10:,} rows"
    return [
        {"name": f"conn.query, cache hit ({rows})", "jupyst": hit_j, "streamlit": hit_s, "unit": "ms",
         "note": "same process; jupyst reads the frame from its disk cache"},
        {"name": f"conn.query, cache miss ({rows})", "jupyst": miss_j, "streamlit": miss_s, "unit": "ms",
         "note": "new parameters each call: PostgreSQL answers; jupyst also writes the entry to disk"},
        {"name": "first conn.query in a new process", "jupyst": new_j, "streamlit": new_s, "unit": "ms",
         "note": f"median of {NEW_PROCESSES} processes, st.connection included; the SELECT reached "
                 f"PostgreSQL {after_j - before} time(s) for jupyst's, {after_s - after_j} for Streamlit's"},
    ]


if __name__ == "__main__":
    print("| measure | jupyst | streamlit | unit | note |\n|---|---|---|---|---|")
    for row in run():
        print(f"| {row['name']} | {row['jupyst']:.2f} | {row['streamlit']:.2f} | {row['unit']} | {row['note']} |")
