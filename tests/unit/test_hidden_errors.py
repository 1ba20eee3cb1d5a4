"""With error details hidden, every way a run can fail shows Streamlit's generic message only.

``sys.exit()`` and ``KeyboardInterrupt`` are not ``Exception``s: before, they escaped the run,
left the page as it was and sent a traceback to the visitor's socket.
"""

from __future__ import annotations

import textwrap

import pytest

from jupyst.app.session import AppSession
from jupyst.runtime.script_source import ScriptSource
from tests.unit.helpers import send_from_browser, settle, widget

GENERIC = "This app has encountered an error"
FAILURES = {
    "exit": 'sys.exit("bye /secret/path")',
    "interrupt": 'raise KeyboardInterrupt("stop /secret/path")',
    "error": 'raise ValueError("/secret/path")',
}
PLACES = {
    "script": "if go:\n    {raise_}\n",
    "callback": "def cb():\n    {raise_}\nst.checkbox('c', key='c2', on_change=cb)\n",
    "fragment": "@st.fragment\ndef part():\n    if st.session_state.get('go'):\n        {raise_}\npart()\n",
    "cached": "@st.cache_data\ndef load(x):\n    if x:\n        {raise_}\n    return x\nload(go)\n",
}


def _app(place: str, raise_: str) -> str:
    body = PLACES[place].replace("{raise_}", raise_)
    return f"import sys\nimport jupyst as st\ngo = st.checkbox('go', key='go')\n{body}st.text('alive')\n"


def _page(session: AppSession) -> str:
    return " ".join(str(getattr(w, "value", "")) for w in list(session.reconciler.pool.values()))


@pytest.mark.parametrize("failure", FAILURES)
@pytest.mark.parametrize("place", PLACES)
def test_failures_show_only_the_generic_message(place: str, failure: str) -> None:
    session = AppSession(ScriptSource(text=textwrap.dedent(_app(place, FAILURES[failure])), name="<unit>"), show_error_details=False)
    try:
        assert session.wait_idle(30)
        target = widget(session, "checkbox", 1) if place == "callback" else widget(session, "checkbox", 0)
        send_from_browser(target, value=True)
        settle(session)
        page = _page(session)
        assert GENERIC in page
        for leak in ("secret", "SystemExit", "KeyboardInterrupt", "ValueError", "Traceback"):
            assert leak not in page
        # The session lives on: the next rerun runs the app again.
        runs = session.run_count
        session.request_rerun()
        settle(session)
        assert session.run_count == runs + 1
    finally:
        session.close()


