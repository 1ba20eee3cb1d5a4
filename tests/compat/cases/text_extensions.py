"""Text extensions: latex, badge, html, echo, help tooltips, headings, markdown extensions,
st.write of HTML objects, and magic in nested blocks."""

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
        "latex_and_badge",
        r"""
        import streamlit as st
        st.latex(r"\int_0^1 x^2 \, dx = \frac{1}{3}")
        st.latex('''
            a + b
        ''', help="sum")
        st.badge("New")
        st.badge("Hot", icon="🔥", color="red")
        st.badge("Done", icon=":material/check:", color="green")
        st.badge("[brackets]", color="violet")
        for bad in ({"icon": "x"}, {"icon": ":smile:"}, {"icon": ":material/"}):
            try:
                st.badge("Bad", **bad)
            except Exception as e:
                st.write(type(e).__name__, str(e))
        """,
        expect=_has_kinds("latex", "markdown"),
    ),
    Case(
        "markdown_extensions",
        """
        import streamlit as st
        st.markdown("Colours :red[red] :blue-background[blue bg] :green-badge[badge] :small[small] :rainbow[rainbow]")
        st.markdown("Emoji :rocket: :+1: and icons :material/home: and math $a^2 + b^2$ and $$x$$")
        st.markdown("Arrows -> <- <-> and >= <= ~= -- dash")
        st.markdown("<b>escaped</b>")
        st.markdown("<b>allowed</b>", unsafe_allow_html=True)
        st.caption("Caption with :orange[colour]", help="caption help")
        st.markdown("With help", help="Some *help*")
        st.text("Text with help", help="plain help")
        try:
            st.markdown("x", unsafe_allow_html=True, wrap=False)
        except Exception as e:
            st.write(type(e).__name__, str(e))
        """,
    ),
    Case(
        "headings_options",
        """
        import streamlit as st
        st.title("Title :sparkles:", anchor="top", help="The title")
        st.header("Header", divider=True)
        st.header("Blue", divider="blue", anchor=False)
        st.subheader("Sub", divider="rainbow", icon="🎯")
        st.header("Icon", icon=":material/star:")
        for kwargs in ({"divider": "pink"}, {"anchor": True}, {"anchor": 3}, {"icon": "bad"}):
            try:
                st.header("Bad", **kwargs)
            except Exception as e:
                st.write(type(e).__name__, str(e))
        """,
        expect=_has_kinds("title", "header", "subheader"),
    ),
    Case(
        "html_element",
        """
        import pathlib
        import tempfile
        import streamlit as st
        st.html("<div><b>bold</b> html</div>")
        class Rich:
            def _repr_html_(self):
                return "<i>rich</i>"
        st.html(Rich())
        st.html("<style>.x {color: red}</style>")
        st.html('''
            <p>dedented</p>
        ''')
        with tempfile.TemporaryDirectory() as d:
            path = pathlib.Path(d) / "page.html"
            path.write_text("<p>from a file</p>")
            st.html(path)
        try:
            st.html("")
        except Exception as e:
            st.write(type(e).__name__, str(e))
        st.write("after")
        """,
        expect=_has_kinds("html"),
    ),
    Case(
        "echo",
        """
        import streamlit as st
        with st.echo():
            x = 1 + 2
            st.write(f"x={x}")
        with st.echo(code_location="below"):
            def double(v):
                return 2 * v
            st.write(double(21))
        st.write("end")
        """,
        expect=_has_kinds("code"),
    ),
    Case(
        "write_html_objects",
        """
        import streamlit as st
        class Rich:
            def _repr_html_(self):
                return "<b>rich</b>"
            def __str__(self):
                return "plain rich"
        st.write(Rich())
        st.write(Rich(), unsafe_allow_html=True)
        st.write("a", Rich(), "b", unsafe_allow_html=True)
        st.write("<i>text</i>", unsafe_allow_html=True)
        """,
    ),
    Case(
        "magic_nested_blocks",
        '''
        """Module docstring: not written."""
        import streamlit as st
        "top level"
        if True:
            "in if"
        else:
            "never"
        for i in range(2):
            f"loop {i}"
        n = 0
        while n < 1:
            "in while"
            n += 1
        with st.container():
            "in with"
        try:
            "in try"
            raise ValueError("boom")
        except ValueError:
            "in except"
        finally:
            "in finally"
        def show(a):
            """Function docstring: not written."""
            f"in def {a}"
            return a
        show(5)
        "tuple", 2
        x = 41
        x + 1
        ''',
    ),
    Case(
        "help_tooltips_everywhere",
        """
        import streamlit as st
        st.title("T", help="title help")
        st.checkbox("C", help="checkbox help")
        st.date_input("D", value=None, help="date help")
        st.color_picker("P", help="picker help")
        st.pills("Pills", ["a"], help="pills help")
        st.file_uploader("F", help="upload help")
        st.download_button("Dl", "x", help="download help")
        st.latex("x", help="latex help")
        """,
    ),
]

CASES += [
    Case(
        "alerts_icons_and_titles",
        """
        import streamlit as st
        st.info("🔥 hot news")
        st.warning(":material/warning: careful", title="Heads up")
        st.error("plain error", icon="🚨")
        st.success("✅-done", title="**Saved**")
        for bad in ("x", ":wave:"):
            try:
                st.info("bad icon", icon=bad)
            except Exception as e:
                st.write(type(e).__name__, str(e))
        """,
    ),
]

CASES += [
    Case(
        "magic_classes_async_and_expressions",
        '''
        import asyncio
        import streamlit as st
        class A:
            "class docstring"
            x = 1
            "class body string"
            def m(self):
                "method docstring"
                "in method"
                return 1
        A().m()
        def outer():
            def inner():
                "inner docstring"
                "in inner"
            inner()
            "after inner"
        outer()
        async def co():
            "async docstring"
            "in async"
        asyncio.run(co())
        for i in range(1):
            pass
        else:
            "for else"
        while False:
            pass
        else:
            "while else"
        x = [1, 2]
        x
        x[0]
        st.write
        -1
        "a" "b"
        ''',
    ),
]
