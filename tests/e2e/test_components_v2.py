"""``st.components.v2`` in Chromium against `jupyst run`: a component of inline HTML, CSS and JS
renders in the page with its data, a click sets a trigger and a state value, the app reruns
once and shows both, and the state stays over a later rerun while the trigger is gone."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any, Callable

import pytest

from tests.e2e.conftest import open_app
from tests.e2e.server import JupystServer

pytestmark = pytest.mark.e2e

UPDATE_MS = 15_000

APP = '''
import streamlit as st

st.session_state.setdefault("runs", 0)
st.session_state.runs += 1

JS = """
export default function({ parentElement, data, setStateValue, setTriggerValue }) {
  parentElement.querySelector("#label").textContent = data.label;
  const button = parentElement.querySelector("#bump");
  button.onclick = () => {
    const next = Number(button.dataset.count || 0) + 1;
    button.dataset.count = String(next);
    setStateValue("count", next);
    setTriggerValue("clicked", "yes");
  };
}
"""
counter = st.components.v2.component(
    "e2e_counter",
    html='<span id="label"></span><button id="bump">bump</button>',
    css="#bump { color: rgb(0, 128, 0); }",
    js=JS,
)
result = counter(key="c", data={"label": "from python"}, on_count_change=lambda: None, on_clicked_change=lambda: None)
st.markdown(f"count={result.count} clicked={result.clicked} runs={st.session_state.runs}")
st.button("rerun")
'''


@pytest.fixture(scope="module")
def server(start_server: Callable[..., JupystServer], tmp_path_factory: pytest.TempPathFactory) -> JupystServer:
    folder: Path = tmp_path_factory.mktemp("components-v2-app")
    (folder / "app.py").write_text(textwrap.dedent(APP), encoding="utf-8")
    return start_server("run", str(folder / "app.py"), name="components-v2")


def test_a_v2_component_sends_state_and_trigger_values_back(page: Any, server: JupystServer) -> None:
    open_app(page, server)
    page.get_by_text("count=None clicked=None runs=1").wait_for(timeout=UPDATE_MS)
    # The HTML is mounted in a shadow root (isolate_styles) that CSS locators pierce; data arrived.
    host = page.locator(".jupyst-bidi-component")
    host.get_by_text("from python").wait_for(timeout=UPDATE_MS)
    assert host.locator(".jupyst-bidi-host").evaluate("el => el.shadowRoot !== null")
    button = host.locator("#bump")
    assert button.evaluate("el => getComputedStyle(el).color") == "rgb(0, 128, 0)"
    button.click()
    page.get_by_text("count=1 clicked=yes runs=2").wait_for(timeout=UPDATE_MS)
    # The state persists over a later rerun; the trigger lasted one run.
    page.get_by_role("button", name="rerun").click()
    page.get_by_text("count=1 clicked=None runs=3").wait_for(timeout=UPDATE_MS)
    # The component was not remounted by the reruns: its own DOM state is still there.
    assert button.get_attribute("data-count") == "1"
    assert not page.recorder.errors
