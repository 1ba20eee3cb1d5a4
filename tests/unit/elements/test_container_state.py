"""Expanders, popovers and tabs that track their state (``on_change``/``key``), driven from
the browser through the comm: the change reruns the app, ``.open`` and session state follow,
callbacks run, and a forged selection is refused."""

from __future__ import annotations

from typing import Any

from tests.unit.helpers import leaves, send_from_browser, settle, start, widget


def _texts(session: Any) -> list[Any]:
    return [v for k, v in leaves(session) if k == "text"]


APP = """
import jupyst as st
st.session_state.setdefault("calls", 0)
def changed():
    st.session_state.calls += 1
ex = st.expander("Details", key="ex", on_change=changed)
plain = st.expander("Plain")
pop = st.popover("Menu", key="pop", on_change="rerun")
a, b = st.tabs(["A", "B"], key="t", on_change="rerun")
st.text(f"ex={ex.open} plain={plain.open} pop={pop.open} tabs={[a.open, b.open]} t={st.session_state.t} calls={st.session_state.calls}")
"""


def test_a_browser_toggle_reruns_and_the_script_sees_it():
    session = start(APP)
    assert _texts(session) == ["ex=False plain=None pop=False tabs=[True, False] t=A calls=0"]
    runs = session.run_count
    send_from_browser(widget(session, "expander", 0), selected_index=0)
    settle(session)
    assert _texts(session) == ["ex=True plain=None pop=False tabs=[True, False] t=A calls=1"]
    send_from_browser(widget(session, "tabs"), selected_index=1)
    settle(session)
    assert _texts(session) == ["ex=True plain=None pop=False tabs=[False, True] t=B calls=1"]
    send_from_browser(widget(session, "popover"), selected_index=0)
    settle(session)
    assert _texts(session) == ["ex=True plain=None pop=True tabs=[False, True] t=B calls=1"]
    assert session.run_count == runs + 3
    # An expander that does not track its state opens in the browser only: no rerun.
    send_from_browser(widget(session, "expander", 1), selected_index=0)
    settle(session)
    assert session.run_count == runs + 3
    session.close()


def test_the_script_opens_them_through_session_state():
    session = start(
        """
        import jupyst as st
        if st.button("Open all"):
            st.session_state.ex = True
            st.session_state.t = "B"
        ex = st.expander("Details", key="ex", on_change="rerun")
        a, b = st.tabs(["A", "B"], key="t", on_change="rerun")
        st.text(f"ex={ex.open} b={b.open}")
        """
    )
    expander = widget(session, "expander")
    tabs = widget(session, "tabs")
    assert (expander.selected_index, tabs.selected_index) == (None, 0)
    widget(session, "button").click()
    settle(session)
    assert _texts(session) == ["ex=True b=True"]
    assert (expander.selected_index, tabs.selected_index) == (0, 1)
    session.close()


def test_a_forged_tab_index_is_refused_and_the_app_lives():
    session = start(APP)
    tabs = widget(session, "tabs")
    runs = session.run_count
    send_from_browser(tabs, selected_index=7)  # out of range: the Tab itself refuses it
    settle(session)
    assert session.run_count == runs
    assert tabs.selected_index == 0
    assert _texts(session)[0].endswith("t=A calls=0")
    send_from_browser(tabs, selected_index=1)
    settle(session)
    assert _texts(session)[0].endswith("t=B calls=0")
    session.close()
