"""Data elements: rerun cost of a big st.dataframe and st.line_chart, and what a huge table sends.

Reruns are timed under both AppTests in one process (median of warm reruns; the data is
built once, outside the timed script, as an app would cache it). "Interaction" reruns
change the data, so the grid or the chart must update: jupyst re-sends the rows in view
or the marks' data, Streamlit re-serializes the table or the chart. Bytes are what the
kernel's comm messages carry for the first view of a 1,000,000-row frame (counting comm:
JSON text plus binary buffers); for Streamlit, the Arrow bytes of the table in its
delta.
"""

from __future__ import annotations

import json
import time
import warnings
from typing import Any

from messages import recording_messages
from timing import (
    median_ms,  # bench/ is on sys.path: run.py puts it there, and so does `python bench/x.py`
)

RUNS = 15
WARMUP = 3

DATAFRAME = """
import numpy as np
import pandas as pd
import streamlit as st

@st.cache_resource
def frame():
    rng = np.random.default_rng(0)
    n = 100_000
    return pd.DataFrame({"id": np.arange(n), "x": rng.random(n), "y": rng.random(n), "name": [f"item {i}" for i in range(n)]})

df = frame()
shift = st.session_state.get("shift", 0)
st.dataframe(df if shift == 0 else df.assign(x=df["x"] + shift))
"""

LINE_CHART = """
import numpy as np
import pandas as pd
import streamlit as st

@st.cache_resource
def points():
    rng = np.random.default_rng(0)
    return pd.DataFrame({"t": np.arange(10_000), "v": rng.standard_normal(10_000).cumsum()})

df = points()
shift = st.session_state.get("shift", 0)
st.line_chart(df if shift == 0 else df.assign(v=df["v"] + shift), x="t", y="v")
"""


def _median_ms(fn: Any, runs: int = RUNS) -> float:
    return median_ms(fn, runs=runs, warmup=WARMUP)


def _times(app_test: Any, script: str) -> tuple[float, float]:
    at = app_test.from_string(script, default_timeout=120).run()
    assert not at.exception, at.exception
    rerun = _median_ms(at.run)
    counter = iter(range(1, 10**6))

    def change() -> None:
        at.session_state["shift"] = next(counter)
        at.run()

    return rerun, _median_ms(change)


def _streamlit_app_test() -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from streamlit.testing.v1 import AppTest

        return AppTest
    except ImportError:
        return None


def first_view_bytes(n_rows: int = 1_000_000) -> tuple[int, int, float]:
    """(bytes, messages, ms) the comm sends for the first view of an n-row st.dataframe."""
    import numpy as np
    import pandas as pd

    def size(data: Any, buffers: Any) -> int:
        text = json.dumps(data, default=str, separators=(",", ":"))
        return len(text.encode()) + sum(len(memoryview(b).cast("B")) for b in buffers or ())

    rng = np.random.default_rng(0)
    df = pd.DataFrame({"id": np.arange(n_rows), "x": rng.random(n_rows), "y": rng.random(n_rows), "name": pd.Series(np.arange(n_rows)).astype(str)})
    with recording_messages() as sent:
        from jupyst.app.session import AppSession
        from jupyst.runtime.script_source import ScriptSource

        source = ScriptSource(text="import streamlit as st\nst.dataframe(df)\n", name="<bench>", extra_globals={"df": df})
        start = time.perf_counter()
        session = AppSession(source)
        assert session.wait_idle(120)
        ms = (time.perf_counter() - start) * 1000
        total, count = sum(size(m.data, m.buffers) for m in sent), len(sent)
        session.close()
        return total, count, ms


def streamlit_first_view_bytes(app_test: Any, n_rows: int = 1_000_000) -> int | None:
    if app_test is None:
        return None
    script = f"""
import numpy as np
import pandas as pd
import streamlit as st
rng = np.random.default_rng(0)
n = {n_rows}
st.dataframe(pd.DataFrame({{"id": np.arange(n), "x": rng.random(n), "y": rng.random(n), "name": pd.Series(np.arange(n)).astype(str)}}))
"""
    at = app_test.from_string(script, default_timeout=300).run()
    proto = at.dataframe[0].proto
    return len(proto.arrow_data.data) or len(proto.lazy_data.initial_chunk.data)


def run() -> list[dict[str, Any]]:
    from jupyst.testing import AppTest as JupystAppTest

    streamlit = _streamlit_app_test()
    rows: list[dict[str, Any]] = []
    for label, script in (("100k-row st.dataframe", DATAFRAME), ("10k-point st.line_chart", LINE_CHART)):
        j_rerun, j_change = _times(JupystAppTest, script)
        s_rerun = s_change = None
        if streamlit is not None:
            s_rerun, s_change = _times(streamlit, script)
        rows.append({"name": f"{label}: AppTest rerun, same data (median ms)", "jupyst": j_rerun, "streamlit": s_rerun, "unit": "ms", "note": ""})
        rows.append({"name": f"{label}: AppTest rerun, new data (median ms)", "jupyst": j_change, "streamlit": s_change, "unit": "ms", "note": "the widget is updated in place"})
    total, count, ms = first_view_bytes()
    st_bytes = streamlit_first_view_bytes(streamlit)
    rows.append({"name": "1M-row st.dataframe: bytes to the browser for the first view", "jupyst": total, "streamlit": st_bytes, "unit": "bytes", "note": f"{count} comm messages; Streamlit sends the whole table as Arrow"})
    rows.append({"name": "1M-row st.dataframe: first run, session level (ms)", "jupyst": ms, "streamlit": None, "unit": "ms", "note": "includes the grid's JS module (sent once per grid)"})
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
