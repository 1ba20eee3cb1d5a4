"""Fragment rerun against full rerun of the same 100-element app (the rerun benchmark's
script, with its last row's checkbox and a line of text in an ``st.fragment``).

jupyst: a live session; the full rerun is ``request_rerun()``, the fragment rerun a toggle
of the fragment's checkbox as the browser sends it. Widget messages are counted with a
counting comm: all of a fragment rerun's, and those to widgets outside the fragment.
Streamlit: its script runner (under AppTest) with and without the fragment's id in the
rerun request, which is what its browser sends for a widget inside a fragment.
"""

from __future__ import annotations

import functools
import warnings
from typing import Any

from messages import recording_messages
from timing import median_ms

SCRIPT = """
import streamlit as st
st.title("Bench")
for i in range(24):
    st.markdown(f"Row {i} of the report")
    left, right = st.columns(2)
    with left:
        st.slider(f"s{i}", 0, 100, 50)
    with right:
        st.checkbox(f"c{i}")

@st.fragment
def last_row():
    on = st.checkbox("fragment box")
    st.write(f"fragment box is {on}")

last_row()
"""

RUNS = 40
WARMUP = 5


def _jupyst() -> dict[str, Any]:
    with recording_messages() as sent:
        from jupyst.app.session import AppSession
        from jupyst.runtime.script_source import ScriptSource

        session = AppSession(ScriptSource(text=SCRIPT, name="<bench>"))
        session.wait_idle(30)

        def full() -> None:
            session.request_rerun()
            session.wait_idle(30)

        box_node = next(n for n in session.last_ctx.roots["main"].walk() if n.props.get("label") == "fragment box")
        box = session.reconciler.widget_for(box_node)

        def fragment() -> None:
            box.value = not box.value
            session.wait_idle(30)

        full_ms = median_ms(full, runs=RUNS, warmup=WARMUP)
        fragment_ms = median_ms(fragment, runs=RUNS, warmup=WARMUP)
        block = next(n for n in session.last_ctx.roots["main"].walk() if n.kind == "container")
        inside = _comm_ids(session.reconciler.pool[block.key])
        runs_before = session.run_count
        sent.clear()
        fragment()
        messages = len(sent)
        outside = sum(1 for m in sent if m.comm_id not in inside)
        assert session.run_count == runs_before, "a fragment rerun must not run the script"
        session.close()
        return {"full": full_ms, "fragment": fragment_ms, "messages": messages, "outside": outside}


def _comm_ids(widget: Any) -> set[str]:
    out = {widget.comm.comm_id} if widget.comm is not None else set()
    for attr in ("layout", "style"):
        sub = getattr(widget, attr, None)
        if sub is not None and getattr(sub, "comm", None) is not None:
            out.add(sub.comm.comm_id)
    for child in getattr(widget, "children", ()) or ():
        out |= _comm_ids(child)
    return out


def _streamlit() -> dict[str, Any] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from streamlit.testing.v1 import AppTest
            from streamlit.testing.v1 import local_script_runner as lsr
    except ImportError:
        return None
    at = AppTest.from_string(SCRIPT, default_timeout=30).run()
    full_ms = median_ms(at.run, runs=RUNS, warmup=WARMUP)
    (fid,) = list(at._fragment_storage._fragments)
    original = lsr.RerunData
    lsr.RerunData = functools.partial(original, fragment_id_queue=[fid])  # type: ignore[misc]
    try:
        fragment_ms = median_ms(at.run, runs=RUNS, warmup=WARMUP)
    finally:
        lsr.RerunData = original  # type: ignore[misc]
    return {"full": full_ms, "fragment": fragment_ms}


def run() -> list[dict[str, Any]]:
    j = _jupyst()
    s = _streamlit() or {}
    ratio = j["fragment"] / j["full"]
    s_ratio = s["fragment"] / s["full"] if s else None
    return [
        {"name": "full rerun of the 100-element app (median ms)", "jupyst": j["full"], "streamlit": s.get("full"), "unit": "ms",
         "note": "jupyst: live session; Streamlit: its script runner under AppTest"},
        {"name": "fragment rerun, same app (median ms)", "jupyst": j["fragment"], "streamlit": s.get("fragment"), "unit": "ms",
         "note": f"fragment/full = {ratio:.2f} (jupyst)" + (f", {s_ratio:.2f} (Streamlit)" if s_ratio is not None else "")},
        {"name": "widget messages per fragment rerun", "jupyst": j["messages"], "streamlit": None, "unit": "messages"},
        {"name": "of which to widgets outside the fragment", "jupyst": j["outside"], "streamlit": None, "unit": "messages"},
    ]


if __name__ == "__main__":
    import sys

    sys.path.insert(0, __import__("os").path.dirname(__file__))
    for row in run():
        print(row)
