"""st.write_stream of 1,000 tokens: widget messages sent, and the time from the last token to
the full text in the widget (jupyst) or in the message queue (Streamlit).

jupyst runs the script in a plain app session whose widgets have a counting comm (what would
go over the wire to the browser). Streamlit runs it under its AppTest with the script run
context's ``enqueue`` counted (each call is one delta the server forwards to the browser).
Two streams: tokens as fast as Python yields them, and tokens 2 ms apart (an LLM is slower).
"""

from __future__ import annotations

import statistics
import time
import warnings
from typing import Any

from messages import recording_messages

TOKENS = 1000
RUNS = 5

SCRIPT = """
import time
import streamlit as st

def tokens():
    for i in range(__N - 1):
        yield f"t{{i}} "
        if __DELAY:
            time.sleep(__DELAY)
    __MARK["last"] = time.perf_counter()
    yield "ENDTOKEN"

st.write_stream(tokens)
"""


def _script(delay: float) -> str:
    return SCRIPT.replace("__N", str(TOKENS)).replace("__DELAY", repr(delay)).replace("__MARK", "__import__('builtins').__bench_mark")


def _jupyst(delay: float) -> tuple[float, float]:
    import builtins

    from jupyst.app.session import AppSession
    from jupyst.runtime.script_source import ScriptSource

    builtins.__bench_mark = {}  # type: ignore[attr-defined]
    with recording_messages() as sent:
        session = AppSession(ScriptSource(text="import streamlit as st\nst.text('ready')\n", name="<bench>"))
        session.wait_idle(60)
        session.source = ScriptSource(text=_script(delay), name="<bench>")
        sent.clear()
        session.request_rerun()
        session.wait_idle(120)
        session.close()
    shown_at = next((m.at for m in sent if "ENDTOKEN" in repr(m.data)), None)
    seen = {"count": len(sent), "at": shown_at}
    last = builtins.__bench_mark["last"]  # type: ignore[attr-defined]
    return float(seen["count"]), (seen["at"] - last) * 1000


def _streamlit(delay: float) -> tuple[float, float]:
    import builtins

    from streamlit.runtime.scriptrunner_utils import script_run_context as src
    from streamlit.testing.v1 import AppTest

    seen: dict[str, Any] = {"count": 0, "at": None}
    original = src.ScriptRunContext.enqueue

    def counting(self: Any, msg: Any) -> None:
        if msg.HasField("delta"):
            seen["count"] += 1
            if seen["at"] is None and "ENDTOKEN" in str(msg.delta):
                seen["at"] = time.perf_counter()
        original(self, msg)

    builtins.__bench_mark = {}  # type: ignore[attr-defined]
    src.ScriptRunContext.enqueue = counting  # type: ignore[method-assign]
    try:
        AppTest.from_string(_script(delay), default_timeout=120).run()
    finally:
        src.ScriptRunContext.enqueue = original  # type: ignore[method-assign]
    last = builtins.__bench_mark["last"]  # type: ignore[attr-defined]
    return float(seen["count"]), (seen["at"] - last) * 1000


def _median(fn: Any, delay: float) -> tuple[float, float]:
    results = [fn(delay) for _ in range(RUNS)]
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def run() -> list[dict[str, Any]]:
    rows = []
    for delay, label in ((0.0, "tokens back to back"), (0.002, "a token every 2 ms")):
        j_count, j_ms = _median(_jupyst, delay)
        s_count = s_ms = None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                s_count, s_ms = _median(_streamlit, delay)
        except ImportError:
            pass
        rows.append({"name": f"write_stream 1,000 tokens, {label}: messages sent (median)", "jupyst": j_count, "streamlit": s_count, "unit": "messages",
                     "note": "jupyst: comm messages to the browser; Streamlit: deltas enqueued for the browser"})
        rows.append({"name": f"write_stream 1,000 tokens, {label}: last token to full text (median ms)", "jupyst": j_ms, "streamlit": s_ms, "unit": "ms",
                     "note": "jupyst: in the widget's outgoing message; Streamlit: delta enqueued"})
    return rows


if __name__ == "__main__":
    import sys

    sys.path.insert(0, __file__.rsplit("/", 1)[0])
    for row in run():
        print(row)
