"""Every notebook in notebooks/ runs top to bottom in a real kernel, and its app works.

Each notebook is executed cell by cell with nbclient (as CI's reader would run it: Run All)
in a private home and cache folder. No cell may fail, every ``%%jupyst`` cell must show a
widget, and then, in the same kernel, the live apps' widgets are read back (their jupyst
classes and values) and checked. The script of each ``%%jupyst`` cell is also driven with
``jupyst.testing.AppTest``: the interactions a reader would make, and what they show.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.server import private_env

pytestmark = pytest.mark.kernel

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
MIME_WIDGET = "application/vnd.jupyter.widget-view+json"

#: run in the notebook's kernel once every cell ran: the live apps' widgets, as JSON
PROBE = r"""
import json as _json
import jupyst.notebook as _nb

def _walk(widget, out):
    item = {"classes": [c for c in getattr(widget, "_dom_classes", ()) if c.startswith("jupyst-")]}
    for name in ("value", "description", "label"):
        value = getattr(widget, name, None)
        if isinstance(value, (str, int, float, bool)):
            item[name] = value
    out.append(item)
    for child in getattr(widget, "children", None) or ():
        _walk(child, out)

_apps = {}
for _slot, _session in _nb._SESSIONS.items():
    _session.wait_idle(30)
    _walk(_session.widget, _apps.setdefault(_slot, []))
print(_json.dumps(list(_apps.values())))
"""


def jupyst_cells(notebook: dict[str, Any]) -> list[str]:
    """The scripts of the notebook's ``%%jupyst`` cells (without the magic line)."""
    scripts = []
    for cell in notebook["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code" and source.startswith("%%jupyst"):
            scripts.append(source.split("\n", 1)[1])
    return scripts


def texts(widgets: list[dict[str, Any]]) -> str:
    return "\n".join(str(w.get("value", "")) for w in widgets if isinstance(w.get("value"), str))


def has_class(widgets: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return [w for w in widgets if f"jupyst-{name}" in w["classes"]]


def run_notebook(path: Path, tmp_path: Path) -> tuple[Any, list[list[dict[str, Any]]]]:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(path, as_version=4)
    env = private_env(tmp_path / "env")
    env["JUPYST_CACHE_DIR"] = str(tmp_path / "cache")
    client = nbclient.NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}},
    )
    with client.setup_kernel(env=env, cwd=str(tmp_path)):
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
        probe = nbformat.v4.new_code_cell(PROBE)
        notebook.cells.append(probe)
        client.execute_cell(probe, len(notebook.cells) - 1)
        notebook.cells.pop()
    printed = "".join(o.get("text", "") for o in probe.outputs if o.get("output_type") == "stream")
    apps = json.loads(printed)
    return notebook, apps


def check_tour(apps: list[list[dict[str, Any]]]) -> None:
    (app,) = apps
    assert "jupyst tour" in texts(has_class(app, "title"))
    assert [w["value"] for w in has_class(app, "slider") if "value" in w] == [3]
    assert "A red square of size 3" in texts(app)
    for label in ("Area", "Perimeter"):
        assert label in texts(app)
    for element in ("form", "tabs", "sidebar"):
        assert has_class(app, element), element


def check_dashboard(apps: list[list[dict[str, Any]]]) -> None:
    (app,) = apps
    assert "Sales dashboard" in texts(has_class(app, "title"))
    assert len(has_class(app, "metric")) == 3
    assert len(has_class(app, "line_chart") + has_class(app, "bar_chart")) == 2


def check_chat(apps: list[list[dict[str, Any]]]) -> None:
    (app,) = apps
    assert "Hello! Ask me anything." in texts(app)
    assert has_class(app, "chat_input")


def check_fragments(apps: list[list[dict[str, Any]]]) -> None:
    (app,) = apps
    assert "Full runs: 1" in texts(app)
    assert "Clicks: 0, fragment runs: 1" in texts(app)


def check_caching(apps: list[list[dict[str, Any]]]) -> None:
    (app,) = apps
    assert "12 squared is 144" in texts(app)


def check_any_app(apps: list[list[dict[str, Any]]]) -> None:
    assert all(has_class(app, "main") for app in apps)


CHECKS: dict[str, Callable[[list[list[dict[str, Any]]]], None]] = {
    "tour": check_tour,
    "dashboard": check_dashboard,
    "chat": check_chat,
    "fragments": check_fragments,
    "caching_across_kernels": check_caching,
}


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_notebook_runs_and_its_apps_work(path: Path, tmp_path: Path) -> None:
    notebook, apps = run_notebook(path, tmp_path)
    for cell in notebook.cells:
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        assert errors == [], f"{path.name}: {errors}"
    magic_cells = [c for c in notebook.cells if c.cell_type == "code" and c.source.startswith("%%jupyst")]
    for cell in magic_cells:
        assert any(MIME_WIDGET in o.get("data", {}) for o in cell.outputs), f"{path.name}: a %%jupyst cell showed no app"
    assert len(apps) == len(magic_cells)
    CHECKS.get(path.stem, check_any_app)(apps)


# ----- the same scripts under AppTest: what a reader's clicks do -------------------------------
def app_test(stem: str, index: int = 0) -> Any:
    from jupyst.testing import AppTest

    nbformat = pytest.importorskip("nbformat")
    script = jupyst_cells(nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4))[index]
    return AppTest.from_string(script, default_timeout=30).run()


def test_tour_app_interactions() -> None:
    at = app_test("tour")
    assert [m.value for m in at.metric] == ["9", "12"]
    at.slider[0].set_value(5)
    at.selectbox[0].set_value("blue")
    at.checkbox[0].check()
    at.run()
    assert [m.value for m in at.metric] == ["25", "20"]
    assert any(md.value == "A BLUE SQUARE OF SIZE 5" for md in at.markdown)
    at.button[0].click().run()
    at.button[0].click().run()
    assert at.session_state.visits == 2
    at.text_input[0].input("Ada")
    at.number_input[0].set_value(36)
    assert not at.success  # a form sends nothing until it is submitted
    at.button[1].click().run()
    assert [s.value for s in at.success] == ["Signed up Ada, aged 36"]


def test_dashboard_app_interactions() -> None:
    at = app_test("dashboard")
    assert [m.label for m in at.metric] == ["North", "South", "West"]
    at.multiselect[0].set_value(["West"]).run()
    assert [m.label for m in at.metric] == ["West"]
    assert not at.exception


def test_chat_app_interactions() -> None:
    at = app_test("chat")
    at.chat_input[0].set_value("hello there").run()
    contents = [m.markdown[0].value for m in at.chat_message if m.markdown]
    assert contents[-2] == "hello there"
    assert contents[-1].startswith("You said: hello there.")
    assert len(at.session_state.messages) == 3


def test_fragments_app_interactions() -> None:
    at = app_test("fragments")
    # AppTest reruns the whole script on every interaction, as Streamlit's does (a fragment's
    # own reruns are checked in a browser: tests/e2e/test_fragments_dialogs.py)
    at.button[0].click().run()
    assert at.session_state.clicks == 1
    assert any(md.value.startswith("Clicks: 1, fragment runs:") for md in at.markdown)
    runs = at.session_state.full_runs
    at.button[1].click().run()
    assert at.session_state.full_runs == runs + 2  # the click's run, then st.rerun()'s


def test_caching_app_interactions() -> None:
    at = app_test("caching_across_kernels")
    at.slider[0].set_value(7).run()
    assert any(md.value == "7 squared is 49" for md in at.markdown)
