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
