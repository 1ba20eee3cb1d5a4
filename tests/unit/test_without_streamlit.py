"""Without Streamlit installed, an app and the helper modules it imports get jupyst."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_helper_modules_importing_streamlit_get_jupyst(tmp_path):
    (tmp_path / "helpers.py").write_text(
        "import streamlit as st\nfrom streamlit.connections import SQLConnection\n\n"
        "def hello():\n    st.text('from helper')\n    st.text(SQLConnection.__module__)\n"
    )
    (tmp_path / "app.py").write_text("import streamlit as st\nimport helpers\nhelpers.hello()\nst.text(st.__name__)\n")
    probe = textwrap.dedent(f"""
        import sys
        class Block:
            # Streamlit is "not installed": refuse to find it.
            def find_spec(self, name, path=None, target=None):
                if name == "streamlit" or name.startswith("streamlit."):
                    raise ModuleNotFoundError(name)
        sys.meta_path.insert(0, Block())
        from jupyst.app.session import AppSession
        from jupyst.runtime.script_source import ScriptSource
        s = AppSession(ScriptSource(path={str(tmp_path / "app.py")!r}))
        assert s.wait_idle(20)
        print([n.props.get("body") for n in s.last_ctx.roots["main"].children])
        s.close()
    """)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['from helper', 'jupyst.connections.sql', 'jupyst']"


def test_every_streamlit_import_of_the_app_is_jupyst_and_missing_modules_say_so(tmp_path):
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "__init__.py").write_text("")
    (tmp_path / "shared" / "draw.py").write_text(
        "from streamlit import checkbox\nimport streamlit.runtime.scriptrunner as sr\n\n"
        "def box():\n    checkbox('from the package')\n    return sr.get_script_run_ctx() is not None\n"
    )
    (tmp_path / "app.py").write_text(
        "import streamlit as st\nfrom streamlit.hello.utils import show_code\nfrom shared.draw import box\n"
        "from streamlit.testing.v1 import AppTest\n\n"
        "def demo():\n    st.text(str(box()))\n\n"
        "demo()\nshow_code(demo)\nst.text(AppTest.__module__)\n"
        "try:\n    import streamlit.runtime.state\nexcept ModuleNotFoundError as exc:\n    st.text(str(exc))\n"
    )
    probe = textwrap.dedent(f"""
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == "streamlit" or name.startswith("streamlit."):
                    raise ModuleNotFoundError(name)
        sys.meta_path.insert(0, Block())
        from jupyst.testing import AppTest
        at = AppTest.from_file({str(tmp_path / "app.py")!r}).run()
        assert not at.exception, at.exception
        print([c.label for c in at.main.checkbox] + [c.label for c in at.sidebar.checkbox])
        print([t.value for t in at.text][:2])
        print(at.text[2].value)
        print(at.code[0].value)
        # outside the app, with Streamlit missing, the name means jupyst as well
        import streamlit
        print(streamlit.__name__)
        try:
            import streamlit.web.cli
        except ModuleNotFoundError as exc:
            print(exc)
    """)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert lines[0] == "['from the package', 'Show code']"
    assert lines[1] == "['True', 'jupyst.testing.app_test']"
    assert "'streamlit.runtime.state'" in lines[2]
    assert "st.session_state" in lines[2]
    assert lines[3] == "st.text(str(box()))"
    assert lines[4] == "jupyst"
    assert "'streamlit.web'" in lines[5]
    assert "jupyst run" in lines[5]
