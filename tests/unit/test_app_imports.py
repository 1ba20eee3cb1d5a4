"""Inside an app every module's ``import streamlit`` is jupyst; outside it Streamlit stays Streamlit.

Streamlit is installed in the test environment, so these tests run both in one process:
Streamlit's AppTest before and after jupyst's on the same files, and the helper modules seen
by code outside the app keep the real Streamlit. ``test_without_streamlit.py`` covers the
same app with Streamlit hidden.
"""

from __future__ import annotations

import ast
import sys
import textwrap
from pathlib import Path

import pytest

streamlit_testing = pytest.importorskip("streamlit.testing.v1")

from jupyst.testing import AppTest  # noqa: E402

HELPERS = """\
import streamlit as st
from streamlit import session_state


def draw(label):
    st.checkbox(label)
    import streamlit.errors as errors  # an import inside a function, run later
    st.text(errors.__name__.split(".")[0])
    session_state["drawn"] = True
"""

SUB = """\
import streamlit as st


def draw():
    st.text("from the package")
"""

APP = """\
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx
import streamlit.runtime as runtime
from streamlit.connections import SQLConnection
import {helpers}
import {package}

{helpers}.draw("helper box")
{package}.draw()
st.text(st.__name__)
st.text(str(get_script_run_ctx() is not None and runtime.exists()))
st.text(SQLConnection.__module__.split(".")[0])
"""


def write_app(folder: Path, tag: str) -> Path:
    """An app with a helper module and a package beside it; module names unique per test."""
    helpers, package = f"helpers_{tag}", f"pkg_{tag}"
    (folder / f"{helpers}.py").write_text(HELPERS, encoding="utf-8")
    (folder / package).mkdir()
    (folder / package / "__init__.py").write_text("from .sub import draw\n", encoding="utf-8")
    (folder / package / "sub.py").write_text(SUB, encoding="utf-8")
    app = folder / "app.py"
    app.write_text(APP.format(helpers=helpers, package=package), encoding="utf-8")
    return app


@pytest.fixture
def on_path(tmp_path: Path):
    sys.path.insert(0, str(tmp_path))
    before = set(sys.modules)
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in set(sys.modules) - before:
        if name.startswith(("helpers_", "pkg_")):
            del sys.modules[name]


def texts(at) -> list[str]:
    return [t.value for t in at.text]


def test_helpers_and_packages_get_jupyst_and_streamlit_keeps_its_own(on_path: Path) -> None:
    app = write_app(on_path, "both")
    # Streamlit first: its run leaves the helper in sys.modules with the real Streamlit bound.
    before = streamlit_testing.AppTest.from_file(str(app)).run()
    assert not before.exception
    assert texts(before) == ["streamlit", "from the package", "streamlit", "True", "streamlit"]

    at = AppTest.from_file(str(app)).run()
    assert not at.exception
    assert [c.label for c in at.checkbox] == ["helper box"]
    assert texts(at) == ["jupyst", "from the package", "jupyst", "True", "jupyst"]
    assert at.session_state["drawn"] is True

    # Streamlit again, in the same process: its helper still draws with Streamlit.
    after = streamlit_testing.AppTest.from_file(str(app)).run()
    assert not after.exception
    assert [c.label for c in after.checkbox] == ["helper box"]
    assert texts(after) == texts(before)
    assert sys.modules["helpers_both"].st.__name__ == "streamlit"


def test_a_helper_imported_outside_the_app_is_the_apps_own_inside(on_path: Path) -> None:
    app = write_app(on_path, "outside")
    import helpers_outside  # code outside the app: the real Streamlit

    assert helpers_outside.st.__name__ == "streamlit"
    at = AppTest.from_file(str(app)).run()
    assert not at.exception
    assert [c.label for c in at.checkbox] == ["helper box"]
    assert texts(at)[0] == "jupyst"
    # the module outside the app is untouched
    assert sys.modules["helpers_outside"] is helpers_outside
    assert helpers_outside.st.__name__ == "streamlit"


def test_a_run_reruns_with_the_same_helper_and_keeps_its_widget_state(on_path: Path) -> None:
    app = write_app(on_path, "rerun")
    at = AppTest.from_file(str(app)).run()
    at.checkbox[0].check().run()
    assert not at.exception
    assert at.checkbox[0].value is True
    assert [c.label for c in at.checkbox] == ["helper box"]


def test_components_v1_inside_an_app_is_jupysts() -> None:
    at = AppTest.from_string(
        "import streamlit as st\nimport streamlit.components.v1 as components\n"
        "st.text(components.__name__)\n"
    ).run()
    assert [t.value for t in at.text] == ["jupyst.components.v1"]


@pytest.mark.parametrize(
    ("statement", "module", "hint"),
    [
        ("import streamlit.runtime.state as state", "streamlit.runtime.state", "st.session_state"),
        ("from streamlit import proto", "streamlit.proto", "ipywidgets"),
        ("from streamlit.web import cli", "streamlit.web", "jupyst run"),
        ("import streamlit.no_such_module", "streamlit.no_such_module", "streamlit.testing.v1"),
    ],
)
def test_a_streamlit_module_jupyst_lacks_names_itself_and_the_alternative(statement: str, module: str, hint: str) -> None:
    at = AppTest.from_string(f"import streamlit as st\n{statement}\nst.text('not reached')\n").run()
    assert not at.text
    assert len(at.exception) == 1
    message = at.exception[0].message
    assert at.exception[0].proto.type == "ModuleNotFoundError"
    assert repr(module) in message
    assert hint in message
    assert "jupyst.hello" not in message
    assert "jupyst." + module.split(".", 1)[-1] not in message


def test_a_helper_that_fails_to_import_can_be_fixed_and_imported_again(on_path: Path) -> None:
    (on_path / "broken_helper.py").write_text("import streamlit as st\nraise ValueError('half done')\n", encoding="utf-8")
    at = AppTest.from_string("import broken_helper\n").run()
    assert at.exception[0].proto.type == "ValueError"
    assert "broken_helper" not in sys.modules
    (on_path / "broken_helper.py").write_text("import streamlit as st\nst.text('fixed')\n", encoding="utf-8")
    at.run()
    assert not at.exception
    assert texts(at) == ["fixed"]
    sys.modules.pop("broken_helper", None)


def test_streamlits_own_hello_demo_runs_unchanged_with_show_code() -> None:
    import streamlit.hello

    demo = Path(streamlit.hello.__file__).parent / "plotting_demo.py"
    source = demo.read_text(encoding="utf-8")
    func = next(n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.name == "plotting_demo")
    lines = source.splitlines(keepends=True)
    body = textwrap.dedent("".join(lines[func.lineno : func.end_lineno]))  # the def line left out

    at = AppTest.from_file(str(demo), default_timeout=30).run()
    assert not at.exception
    assert [c.label for c in at.sidebar.checkbox] == ["Show code"]
    assert at.sidebar.checkbox[0].value is True
    assert [m.value for m in at.markdown if m.value == "## Code"]
    assert [c.value for c in at.code] == [body.strip()]  # st.code strips, as in Streamlit
    at.sidebar.checkbox[0].uncheck().run()
    assert not at.code
