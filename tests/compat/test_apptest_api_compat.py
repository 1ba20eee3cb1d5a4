"""The AppTest harness itself under both AppTests: the same script and the same calls on
``streamlit.testing.v1.AppTest`` and ``jupyst.testing.AppTest`` must read the same.

Where ``test_compat.py`` compares what an app shows, this module compares what the harness
API gives a test: element fields (``.tag``, ``.anchor``, ``.is_caption``, JSON text), list
behaviour (``.len``, equality, key lookup), query parameters and secrets around runs,
``switch_page``, the order of elements a callback wrote into the last run's container, and
the errors the harness raises (compared by class name and message).
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any, Callable

import pytest

TIMEOUT = 30


def _both(streamlit_app_test: Any, jupyst_app_test: Any, probe: Callable[[Any], Any]) -> Any:
    want = probe(streamlit_app_test)
    got = probe(jupyst_app_test)
    assert got == want
    return want


def _error(call: Callable[[], Any]) -> tuple[str, str]:
    """What a harness call raises: (class name, message)."""
    with pytest.raises(Exception) as info:  # noqa: PT011 (any class: compared below)
        call()
    return type(info.value).__name__, str(info.value)


def _app(cls: Any, script: str) -> Any:
    return cls.from_string(textwrap.dedent(script), default_timeout=TIMEOUT).run()


def test_heading_code_and_markdown_fields(streamlit_app_test: Any, jupyst_app_test: Any) -> None:
    script = """
        import streamlit as st
        st.title("plain")
        st.header("anchored", anchor="here", help="tip")
        st.subheader("hidden", anchor=False)
        st.caption("small")
        st.markdown("**md**", unsafe_allow_html=True)
        st.code("x = 1", language="python", line_numbers=True)
        st.latex("a^2")
        st.divider()
    """

    def probe(cls: Any) -> Any:
        at = _app(cls, script)
        heads = [(h.type, h.tag, h.anchor, h.hide_anchor, h.value) for h in (*at.title, *at.header, *at.subheader)]
        marks = [(m.type, m.value, m.is_caption, m.allow_html) for m in (*at.markdown, *at.caption, *at.latex, *at.divider)]
        code = [(c.value, c.language, c.show_line_numbers) for c in at.code]
        return heads, marks, code

    heads, _, _ = _both(streamlit_app_test, jupyst_app_test, probe)
    assert [h[1] for h in heads] == ["h1", "h2", "h3"]


def test_json_text_alerts_toasts_and_exceptions(streamlit_app_test: Any, jupyst_app_test: Any) -> None:
    script = """
        import streamlit as st
        st.json(["hi", {"foo": "bar"}])
        st.json('{"kept":  "as written"}', expanded=False)
        st.write({"s": {3}, "n": None})
        st.session_state.seen = 1
        st.write(st.session_state)
        st.write(st.query_params)
        st.toast("first", icon="🔥")
        st.toast("second")
        st.success("ok", icon="🚨")
        st.exception(st.errors.MarkdownFormattedException("# Oh no"))
        st.exception(RuntimeError("plain"))
        st.color_picker("bad", value="blue")
    """

    def probe(cls: Any) -> Any:
        at = _app(cls, script)
        return (
            [(j.value, j.expanded) for j in at.json],
            (at.toast.len, at.toast.values, [t.icon for t in at.toast]),
            [(s.value, s.icon) for s in at.success],
            [(e.value, e.is_markdown) for e in at.exception],
        )

    jsons, toasts, _, errors = _both(streamlit_app_test, jupyst_app_test, probe)
    assert jsons[0] == ('["hi", {"foo": "bar"}]', True)
    assert toasts[0] == 2
    assert "blue" in errors[-1][0]


def test_element_lists(streamlit_app_test: Any, jupyst_app_test: Any) -> None:
    script = """
        import streamlit as st
        st.text("1")
        with st.expander("open"):
            st.text("2")
            st.text("3")
        st.text("4")
        st.button("a", key="k")
        st.checkbox("b")
    """

    def probe(cls: Any) -> Any:
        at = _app(cls, script)
        return (
            at.text.len,
            len(at.text),
            at.expander[0].text.len,
            at.expander[0].text.values,
            at.text[1:3].values,
            at.button == at.button,
            at.button != at.checkbox,
            at.button("k").label,
            _error(lambda: at.button("missing")),
        )

    _both(streamlit_app_test, jupyst_app_test, probe)


def test_unsupported_interactions(streamlit_app_test: Any, jupyst_app_test: Any) -> None:
    script = """
        import streamlit as st
        st.markdown("text")
        st.checkbox("box")
        st.link_button("go", "https://example.com")
        st.page_link("https://example.com", label="Example")
        st.text_input("a", key="dup")
        with st.container(key="c"):
            pass
        st.button("disabled", disabled=True)
    """

    def probe(cls: Any) -> Any:
        at = _app(cls, script)
        return [
            _error(lambda: at.markdown[0].set_value("x")),
            _error(lambda: at.checkbox[0].click()),
            _error(lambda: at.get("link_button")[0].click()),
            _error(lambda: at.get("page_link")[0].click()),
            at.get("page_link")[0].value,
            _error(lambda: at.button[0].click()),
        ]

    _both(streamlit_app_test, jupyst_app_test, probe)


def test_query_params_and_secrets_around_runs(streamlit_app_test: Any, jupyst_app_test: Any) -> None:
    script = """
        import streamlit as st
        st.write(st.query_params.to_dict())
        st.text(st.secrets["token"])
        st.query_params["page"] = "2"
        st.query_params["multi"] = ["a", "b"]
    """

    def probe(cls: Any) -> Any:
        at = cls.from_string(textwrap.dedent(script), default_timeout=TIMEOUT)
        at.secrets["token"] = "s3cret"
        at.query_params["start"] = 5
        at.run()
        first = (at.json[0].value, at.text[0].value, dict(at.query_params))
        at.query_params["start"] = "6"
        at.run()
        return first, at.json[0].value, dict(at.query_params), at.secrets["token"]

    first, _, after, _ = _both(streamlit_app_test, jupyst_app_test, probe)
    assert first[1] == "s3cret"
    assert after["multi"] == ["a", "b"]


def test_callback_writes_into_last_runs_container(streamlit_app_test: Any, jupyst_app_test: Any) -> None:
    script = """
        import streamlit as st
        box = st.container()
        with box:
            st.markdown("script")

            def note(target):
                target.info("from the callback")
                target.markdown("callback text")

            st.button("go", on_click=note, args=[box])
        st.text("after")
    """

    def probe(cls: Any) -> Any:
        at = _app(cls, script)
        at.button[0].click().run()
        clicked = (at.markdown.values, at.info.values, [at.main.children[0].children[i].type for i in sorted(at.main.children[0].children)])
        at.run()
        return clicked, at.markdown.values, at.info.len

    clicked, later, infos = _both(streamlit_app_test, jupyst_app_test, probe)
    assert clicked[0] == ["callback text", "script"]
    assert later == ["script"]
    assert infos == 0


def test_selectbox_values_labels_and_bad_options(streamlit_app_test: Any, jupyst_app_test: Any) -> None:
    script = """
        import streamlit as st
        st.selectbox("pick", ["a", "b", "c"], format_func=str.upper, key="s")
        st.radio("r", [10, 20])
    """

    def probe(cls: Any) -> Any:
        at = _app(cls, script)
        by_label = at.selectbox("s").set_value("B")
        index = by_label.index
        at.run()
        value = at.selectbox("s").value
        at.selectbox("s").select("zzz")
        bad = _error(at.run)
        # st.radio has no select_index in Streamlit's AppTest: an AttributeError in both
        no_method = _error(lambda: at.radio[0].select_index(0))[0]
        out_of_range = _error(lambda: at.selectbox[0].select_index(5))[0]
        return index, value, bad, no_method, out_of_range

    index, value, bad, *_ = _both(streamlit_app_test, jupyst_app_test, probe)
    assert (index, value) == (1, "b")
    assert bad == ("ValueError", "'ZZZ' is not in list")


def _multipage(root: Path) -> Path:
    (root / "pages").mkdir()
    (root / "main.py").write_text('import streamlit as st\nst.text("main page")\nst.slider("s", 0, 10)\n')
    (root / "pages" / "page1.py").write_text('import streamlit as st\nst.text("page 1")\nst.page_link("main.py", label="home")\n')
    return root / "main.py"


def test_switch_page_in_a_pages_folder_app(tmp_path: Path, streamlit_app_test: Any, jupyst_app_test: Any) -> None:
    def probe(cls: Any) -> Any:
        root = tmp_path / cls.__module__.split(".")[0]
        root.mkdir()
        at = cls.from_file(_multipage(root), default_timeout=TIMEOUT).run()
        at.slider[0].set_value(4).run()
        at.switch_page("pages/page1.py").run()
        on_page = (at.text.values, at.slider.len, at.exception.len)
        at.switch_page("main.py").run()
        back = (at.text.values, at.slider.values)
        missing = _error(lambda: at.switch_page("pages/nope.py"))
        return on_page, back, missing[0], "relative to the main script" in missing[1]

    on_page, back, *_ = _both(streamlit_app_test, jupyst_app_test, probe)
    assert on_page[0] == ["page 1"]
    assert back == (["main page"], [0])


def test_switch_page_with_navigation(tmp_path: Path, streamlit_app_test: Any, jupyst_app_test: Any) -> None:
    def probe(cls: Any) -> Any:
        root = tmp_path / cls.__module__.split(".")[0]
        root.mkdir()
        (root / "home.py").write_text('import streamlit as st\nst.text("home")\n')
        (root / "other.py").write_text('import streamlit as st\nst.text("other")\n')
        (root / "orphan.py").write_text('import streamlit as st\nst.text("orphan")\n')
        (root / "app.py").write_text(
            "import streamlit as st\n"
            "if st.session_state.get('plain'):\n"
            "    st.text('no navigation')\n"
            "else:\n"
            "    st.navigation([st.Page('home.py'), st.Page('other.py', url_path='custom')]).run()\n"
        )
        at = cls.from_file(root / "app.py", default_timeout=TIMEOUT).run()
        at.switch_page("other.py").run()
        custom = at.text.values
        unknown = _error(lambda: at.switch_page("orphan.py"))
        at.session_state["plain"] = True
        at.run()
        at.switch_page("orphan.py")  # no navigation any more: no registry to check against
        return custom, unknown[0], "navigation page" in unknown[1]

    custom, *_ = _both(streamlit_app_test, jupyst_app_test, probe)
    assert custom == ["other"]


def test_from_file_resolves_against_the_caller(tmp_path: Path, streamlit_app_test: Any, jupyst_app_test: Any, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)

    def probe(cls: Any) -> Any:
        name, message = _error(lambda: cls.from_file("no_such_app.py"))
        beside_this_file = str((Path(__file__).parent / "no_such_app.py").resolve())
        return name, beside_this_file in message

    assert _both(streamlit_app_test, jupyst_app_test, probe) == ("FileNotFoundError", True)


def test_iterating_a_block_walks_it_and_everything_inside(streamlit_app_test: Any, jupyst_app_test: Any) -> None:
    script = """
        import numpy as np
        import pandas as pd
        import streamlit as st
        img = np.zeros((4, 6, 3), dtype="uint8")
        st.logo(img)
        st.image(img, caption="one")
        with st.expander("more"):
            st.text("inside")
            left, right = st.columns(2)
            right.audio(np.zeros(80), sample_rate=8000)
        st.video("https://example.com/clip.mp4")
        st.help(len)
        st.map(pd.DataFrame({"lat": [1.0], "lon": [2.0]}))
        st.sidebar.text("side")
    """

    def probe(cls: Any) -> Any:
        at = _app(cls, script)
        inner = at.expander[0]

        def types(block: Any) -> list[str]:
            # Representation (as in harness.py): Streamlit's columns row is a "flex_container".
            return ["columns" if n.type == "flex_container" else n.type for n in block]

        return types(at.main), types(at.sidebar), types(inner), len(at.main)

    main, sidebar, _, _ = _both(streamlit_app_test, jupyst_app_test, probe)
    assert main[0] == "main"
    assert "audio" in main
    assert sidebar == ["sidebar", "text"]
