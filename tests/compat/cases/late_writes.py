"""Callbacks that write into a container the previous run returned (Streamlit's out-of-order
deltas), threads the app starts that write into the run's containers, and the JSON text
st.json and st.write keep."""

from __future__ import annotations

from typing import Any

from tests.compat.harness import Case


def _threads_drew(snapshots: list[dict[str, Any]]) -> None:
    # Streamlit shows what the attached threads wrote and nothing of the one without context.
    assert "done 2" in repr(snapshots)
    assert "drawn nowhere" not in repr(snapshots)

CASES = [
    Case(
        "callback_writes_into_last_runs_container",
        """
        import streamlit as st
        box = st.container()
        with box:
            st.markdown("script")
            def note(target):
                target.info("from the callback")
                target.markdown("callback text")
            st.button("go", on_click=note, args=[box])
        st.text("after")
        """,
        steps=[("button", 0, "click"), ("run",)],
    ),
    Case(
        "callback_writes_into_last_runs_expander_and_column",
        """
        import streamlit as st
        exp = st.expander("more", expanded=True)
        exp.text(f"rows: {st.session_state.get('rows', 1)}")
        left, right = st.columns(2)
        right.text("right side")
        def fill(a, b):
            a.write("into the expander")
            b.write("into the column")
            st.session_state.rows = 2
        st.button("fill", on_click=fill, args=[exp, right])
        """,
        steps=[("button", 0, "click"), ("button", 0, "click"), ("run",)],
    ),
    Case(
        "threads_with_the_run_context_write_into_containers",
        """
        import threading
        import streamlit as st
        from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx
        boxes = []
        for i in range(3):
            st.header(f"Thread {i}")
            boxes.append(st.container())
        def work(box, i):
            box.write(f"done {i}")
            box.caption("from a thread")
        threads = [threading.Thread(target=work, args=(box, i)) for i, box in enumerate(boxes)]
        for thread in reversed(threads):
            add_script_run_ctx(thread, get_script_run_ctx())
            thread.start()
            thread.join()
        orphan = threading.Thread(target=lambda: st.text("no context: drawn nowhere"))
        orphan.start()
        orphan.join()
        st.button("Rerun")
        """,
        steps=[("button", 0, "click")],
        expect=_threads_drew,
    ),
    Case(
        "json_text_as_streamlit_keeps_it",
        """
        import streamlit as st
        st.json({"b": [1, 2], "a": None})
        st.json('{"as":   "written"}')
        st.json([1.5, True, "é"])
        st.write({"set": {1}, "nested": {"k": (1, 2)}})
        st.session_state.x = 1
        st.write(st.session_state)
        """,
    ),
]
