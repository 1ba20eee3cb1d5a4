"""Display elements and st.write's dispatch."""

from __future__ import annotations

from typing import Any

from tests.compat.harness import Case


def _has_kinds(*kinds: str) -> Any:
    def check(snaps: list[dict[str, Any]]) -> None:
        seen = {node[0] for node in snaps[0]["main"]}
        assert set(kinds) <= seen, seen

    return check


CASES = [
    Case(
        "button_widths",
        """
        import streamlit as st
        st.button("wide", use_container_width=True)
        st.button("narrow", width=120, use_container_width=False)
        st.download_button("get", "data", width="stretch")
        st.link_button("go", "https://example.org", width=200)
        for call, args in ((st.button, ("a",)), (st.download_button, ("b", "x")), (st.link_button, ("c", "https://example.org"))):
            for width in ("wide", 0, -4, 2.5, None):
                try:
                    call(*args, width=width, key=f"{call.__name__}{width}")
                except Exception as exc:
                    st.exception(exc)
        with st.form("f"):
            try:
                st.form_submit_button("send", width="huge")
            except Exception as exc:
                st.exception(exc)
            st.form_submit_button("send", width="stretch")
        """,
        expect=_has_kinds("button", "download_button", "link_button", "form", "exception"),
    ),
    Case(
        "text_alignment",
        """
        import streamlit as st
        for call in (st.title, st.header, st.subheader, st.markdown, st.caption, st.text):
            try:
                call("x", text_alignment="middle")
            except Exception as exc:
                st.exception(exc)
        st.title("Centred", text_alignment="center")
        st.markdown("Right", text_alignment="right")
        st.caption("Justified", text_alignment="justify")
        st.text("as wide as its content", text_alignment="right")
        st.text("stretched", text_alignment="right", width="stretch")
        for call, width in ((st.markdown, "wide"), (st.text, 0), (st.title, "auto"), (st.caption, -3), (st.header, 1.5)):
            try:
                call("x", width=width, text_alignment="middle")
            except Exception as exc:
                st.exception(exc)
        st.markdown("auto", width="auto")
        st.header("content", width="content")
        st.subheader("pixels", width=120)
        """,
        expect=_has_kinds("exception", "title", "markdown", "caption", "text", "header", "subheader"),
    ),
    Case(
        "text_elements",
        """
        import streamlit as st
        st.title("The *title*")
        st.header("A header")
        st.header("Ruled", divider="blue")
        st.subheader("Sub")
        st.markdown("Some **bold** and :red[red]")
        st.markdown('''
            indented
            block
        ''')
        st.caption("small print")
        st.text("plain  text  *not md*")
        st.code("x = 1\\nprint(x)")
        st.code("SELECT 1", language="sql")
        st.divider()
        t = st.text("replace me")
        t.text("replaced")
        """,
        steps=[("run",)],
        expect=_has_kinds("title", "header", "subheader", "markdown", "caption", "text", "code", "divider"),
    ),
    Case(
        "write_scalars",
        """
        import datetime
        import streamlit as st
        st.write("hello **world**")
        st.write("a", "b")
        st.write("a", 1, "b")
        st.write(1234)
        st.write(3.5)
        st.write(None)
        st.write(True)
        st.write((1, 2))
        st.write({1, 2})
        st.write(datetime.date(2024, 1, 2))
        class Multi:
            def __str__(self):
                return "line one\\nline two"
        st.write(Multi())
        st.write("x", Multi())
        r = st.write("ret")
        st.write(f"returned {r!r}")
        """,
    ),
    Case(
        "write_json_like",
        """
        import collections
        import streamlit as st
        st.write({"a": 1, "b": [1, 2]})
        st.write([1, "two", 3.0])
        st.write({"k": "v"}, "then text", [1])
        Point = collections.namedtuple("Point", "x y")
        st.write(Point(1, 2))
        st.write({"a": 1}.keys())
        st.write(map(str, [1, 2]))
        st.json({"nested": {"x": [True, None]}})
        """,
        expect=_has_kinds("json", "markdown"),
    ),
    Case(
        "write_dataframe",
        """
        import pandas as pd
        import streamlit as st
        df = pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]})
        st.write(df)
        st.write("frame:", df, "after")
        st.write(pd.Series([1.5, 2.5], name="s"))
        st.dataframe(df.iloc[:1])
        """,
        expect=_has_kinds("dataframe", "markdown"),
    ),
    Case(
        "write_exception",
        """
        import streamlit as st
        st.write(ValueError("bad value"))
        st.exception(RuntimeError("boom"))
        try:
            {}["missing"]
        except KeyError as e:
            st.write("caught", e)
        st.write("still running")
        """,
        expect=_has_kinds("exception", "markdown"),
    ),
    Case(
        "magic",
        """
        '''A module docstring is not drawn.'''
        import streamlit as st
        "magic **string**"
        42
        x = 3
        x * 2
        "tuple", x
        {"d": 1}
        [1, 2]
        if x:
            "inside if"
        for i in range(2):
            f"loop {i}"
        def f():
            '''docstring'''
            "in function"
        f()
        st.write("done")
        """,
    ),
    Case(
        "alerts",
        """
        import streamlit as st
        st.success("It worked")
        st.info("FYI **bold**", icon="ℹ️")
        st.warning("Careful")
        st.error("Failed")
        e = st.error("temporary")
        e.success("replaced in place")
        """,
        expect=_has_kinds("success", "info", "warning", "error"),
    ),
    Case(
        "write_more_types",
        """
        import datetime
        import enum
        import io
        import streamlit as st
        st.write()
        st.write(io.StringIO("from **stringio**"))
        st.write({"when": datetime.date(2024, 1, 2)})
        st.write(["a", {"b": None}])
        st.write(b"bytes")
        st.write(1.0)
        st.write(-0.5, 2**70)
        st.write(float("nan"))
        st.write(frozenset())
        st.write([], {})
        st.write("")
        st.write(range(3))
        class Color(enum.Enum):
            RED = 1
        st.write(Color.RED)
        st.write(1 + 2j)
        st.write("*md*", unsafe_allow_html=True)
        st.json('{"a": 1}')
        st.json([1, 2], expanded=False)
        """,
    ),
    Case(
        "text_whitespace_and_non_str",
        """
        import streamlit as st
        st.markdown("  leading spaces")
        st.markdown("\\n\\ntrailing\\n\\n")
        st.text("  keep  \\n")
        st.caption("   cap   ")
        st.title("  t  ")
        st.write("  w  ")
        st.code("  c  \\n")
        st.code("\\n\\nx\\n\\n")
        st.info("  i  ")
        st.markdown(123)
        st.caption(None)
        st.text(["x"])
        st.code(5)
        st.title(3.5)
        st.success(1)
        """,
    ),
]
