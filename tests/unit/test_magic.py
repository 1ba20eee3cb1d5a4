"""Magic: bare expressions are written, docstrings and calls are not."""

from __future__ import annotations

from tests.unit.helpers import leaves, start


def test_bare_values_are_written_where_streamlit_writes_them():
    session = start('''
        """Module docstring: not shown."""
        import jupyst as st
        "top level"
        x = 3
        x
        for i in range(2):
            f"loop {i}"
        if True:
            "in if"
        with st.container():
            "in with"
        try:
            "in try"
        finally:
            pass
        def f():
            """Function docstring: not shown."""
            "in def"
        f()
        print("a call is not written")
        "a", 1
    ''')
    assert [v for _, v in leaves(session)] == [
        "top level", "`3`", "loop 0", "loop 1", "in if", "in with", "in try", "in def", "a `1`",
    ]
    session.close()
