"""Rerun cost of a 100-element script: jupyst against Streamlit, in one process.

Both run under their AppTest (a full rerun per ``run()``, interaction = set a slider and
run). jupyst is also timed at the session level, without the test harness, and the comm
messages of a no-op rerun are counted with a counting comm.
"""

from __future__ import annotations

import warnings
from typing import Any

from messages import recording_messages
from timing import (
    median_ms,  # bench/ is on sys.path: run.py puts it there, and so does `python bench/x.py`
)

SCRIPT = """
import streamlit as st
st.title("Bench")
for i in range(25):
    st.markdown(f"Row {i} of the report")
    left, right = st.columns(2)
    with left:
        st.slider(f"s{i}", 0, 100, 50)
    with right:
        st.checkbox(f"c{i}")
"""

WARMUP = 5
RUNS = 50


def _median_ms(fn: Any, runs: int = RUNS) -> float:
    return median_ms(fn, runs=runs, warmup=WARMUP)


def _apptest_times(AppTest: Any) -> tuple[float, float]:
    at = AppTest.from_string(SCRIPT, default_timeout=30).run()
    rerun = _median_ms(at.run)
    values = iter(range(10**6))

    def interact() -> None:
        at.slider[0].set_value(next(values) % 100).run()

    return rerun, _median_ms(interact)


def _session_time() -> tuple[float, int]:
    with recording_messages() as sent:
        from jupyst.app.session import AppSession
        from jupyst.runtime.script_source import ScriptSource

        session = AppSession(ScriptSource(text=SCRIPT, name="<bench>"))
        session.wait_idle(30)

        def rerun() -> None:
            session.request_rerun()
            session.wait_idle(30)

        ms = _median_ms(rerun)
        sent.clear()
        rerun()
        noop_messages = len(sent)
        session.close()
        return ms, noop_messages


def run() -> list[dict[str, Any]]:
    from jupyst.testing import AppTest as JupystAppTest

    rows = []
    j_rerun, j_interact = _apptest_times(JupystAppTest)
    s_rerun = s_interact = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from streamlit.testing.v1 import AppTest as StreamlitAppTest

            s_rerun, s_interact = _apptest_times(StreamlitAppTest)
    except ImportError:
        pass
    session_ms, noop = _session_time()
    rows.append({"name": "100-element script: AppTest rerun (median ms)", "jupyst": j_rerun, "streamlit": s_rerun, "unit": "ms"})
    rows.append({"name": "100-element script: slider set + rerun (median ms)", "jupyst": j_interact, "streamlit": s_interact, "unit": "ms"})
    rows.append({"name": "100-element script: session rerun, no harness (median ms)", "jupyst": session_ms, "streamlit": None, "unit": "ms"})
    rows.append({"name": "widget messages per no-op rerun", "jupyst": noop, "streamlit": None, "unit": "messages"})
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
