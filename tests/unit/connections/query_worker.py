"""A separate process for the shared-cache test: ``python query_worker.py SQL [PARAM]``.

Opens ``st.connection("pg", type="sql", url=$PG_URL)`` and runs ``conn.query(SQL)`` (with
``params={"p": PARAM}`` when given), then prints the frame as one JSON line. The cache
directory comes from ``JUPYST_CACHE_DIR``, as every kernel on a machine would share it.
"""

from __future__ import annotations

import json
import os
import sys

import jupyst as st

conn = st.connection("pg", type="sql", url=os.environ["PG_URL"])
params = {"p": int(sys.argv[2])} if len(sys.argv) > 2 else None
frame = conn.query(sys.argv[1], params=params)
print(json.dumps(frame.to_dict("split")))
