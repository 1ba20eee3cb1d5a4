"""Script runs: fresh namespace, stop, rerun, errors, fast reruns, coalescing, clicks."""

from __future__ import annotations

import threading

from tests.unit.helpers import find, leaves, on_screen, settle, start, wait_for, widget


def test_each_run_gets_a_fresh_main_namespace():
    session = start("""
        import jupyst as st
        st.text(str("seen" in globals()))
        seen = True
        st.text(__name__)
    """)
    assert leaves(session) == [("text", "False"), ("text", "__main__")]
    session.request_rerun()
    settle(session)
    assert leaves(session) == [("text", "False"), ("text", "__main__")]
    session.close()


def test_import_streamlit_is_jupyst_inside_an_app():
    session = start("""
        import streamlit as st
        import streamlit.runtime
        from streamlit.runtime.scriptrunner import get_script_run_ctx
        st.text(f"{st.__name__} {streamlit.runtime.exists()} {get_script_run_ctx() is not None}")
    """)
    assert leaves(session) == [("text", "jupyst True True")]
    session.close()


def test_stop_ends_the_run_and_rerun_restarts_it():
    session = start("""
        import jupyst as st
        if "n" not in st.session_state:
            st.session_state.n = 0
        st.session_state.n += 1
        if st.session_state.n < 3:
            st.rerun()
        st.text(f"n={st.session_state.n}")
        st.stop()
        st.text("never")
    """)
    assert leaves(session) == [("text", "n=3")]
    session.close()


def test_exception_is_drawn_and_next_event_reruns_normally():
    session = start("""
        import jupyst as st
        x = st.checkbox("boom")
        st.text("before")
        if x:
            raise ValueError("bad thing")
        st.text("after")
    """)
    box = widget(session, "checkbox")
    box.value = True
    settle(session)
    kinds = [k for k, _ in leaves(session)]
    assert kinds == ["checkbox", "text", "exception"]
    exc = find(session, "exception")
    assert exc.props["type"] == "ValueError"
    assert exc.props["message"] == "bad thing"
    assert any("raise ValueError" in line for line in exc.props["stack_trace"])
    box.value = False
    settle(session)
    assert leaves(session) == [("checkbox", False), ("text", "before"), ("text", "after")]
    session.close()


def test_a_busy_run_is_stopped_early_by_a_new_event():
    session = start("""
        import jupyst as st
        import time
        mode = st.radio("mode", ["quick", "busy"])
        if mode == "busy":
            ph = st.empty()
            for i in range(10**9):
                ph.text(f"iteration {i}")
        st.text(f"done {mode}")
    """)
    radio = widget(session, "radio")
    radio.index = 1  # start the endless loop
    wait_for(lambda: on_screen(session, "iteration"))
    assert not session.wait_idle(0.1)  # still looping
    radio.index = 0  # a new event: the loop must stop at its next st.* call
    settle(session, timeout=10)
    assert leaves(session)[-1] == ("text", "done quick")
    session.close()


def test_script_thread_is_not_the_calling_thread():
    session = start("""
        import jupyst as st, threading
        st.text(threading.current_thread().name)
    """)
    assert leaves(session) == [("text", "jupyst-script")]
    assert threading.current_thread().name != "jupyst-script"
    session.close()


def test_a_burst_of_changes_coalesces_to_the_last_value():
    session = start("""
        import jupyst as st
        if "runs" not in st.session_state:
            st.session_state.runs = 0
        st.session_state.runs += 1
        v = st.slider("v", 0, 100, 0)
        st.text(f"v={v}")
    """)
    slider = widget(session, "slider")
    session.requests.hold()
    for value in range(1, 51):
        slider.value = value
    session.requests.release()
    settle(session)
    assert leaves(session)[-1] == ("text", "v=50")
    assert session.state["runs"] == 2
    session.close()


def test_no_click_is_lost_in_a_burst():
    session = start("""
        import jupyst as st
        if "clicks" not in st.session_state:
            st.session_state.clicks = 0
        if st.button("add"):
            st.session_state.clicks += 1
        st.text(f"clicks={st.session_state.clicks}")
    """)
    button = widget(session, "button")
    for _ in range(3):
        button.click()
    settle(session)
    assert leaves(session)[-1] == ("text", "clicks=3")
    session.close()


def test_callbacks_run_before_the_body_with_the_new_value():
    session = start("""
        import jupyst as st
        log = st.session_state.setdefault("log", []) if False else None
        if "log" not in st.session_state:
            st.session_state.log = []
        def changed(tag, extra=None):
            st.session_state.log.append(f"cb {tag} {extra} {st.session_state.k}")
        st.session_state.log.append("body")
        st.checkbox("k", key="k", on_change=changed, args=("a",), kwargs={"extra": 2})
    """)
    widget(session, "checkbox").value = True
    settle(session)
    assert session.state["log"] == ["body", "cb a 2 True", "body"]
    session.close()


def test_a_long_run_shows_progress_before_it_ends(tmp_path):
    release = tmp_path / "release"
    session = start(f"""
        import jupyst as st, time, pathlib
        go = st.button("go")
        bar = st.progress(0)
        if go:
            for i in range(1, 6):
                time.sleep(0.1)
                bar.progress(i * 20)
            while not pathlib.Path({str(release)!r}).exists():
                time.sleep(0.01)
    """)
    bar = widget(session, "progress")
    widget(session, "button").click()
    wait_for(lambda: "width:100%" in bar.value)  # drawn while the script still runs
    assert not session.wait_idle(0.05)
    release.touch()
    settle(session)
    session.close()
