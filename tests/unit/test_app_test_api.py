"""jupyst's AppTest API: element fields, lists, query parameters, secrets, switch_page and
writes a callback makes into the last run's container.

The same behaviours are compared against Streamlit's AppTest in
``tests/compat/test_apptest_api_compat.py``; these tests pin what jupyst does on its own,
including parts Streamlit's AppTest cannot show (the order the page draws, what the script
received).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from jupyst.testing import AppTest, AppTestError
from jupyst.testing.element_tree import unique_by_key


def _run(script: str) -> AppTest:
    return AppTest.from_string(textwrap.dedent(script), default_timeout=10).run()


def test_interaction_methods_return_the_widget_for_chaining() -> None:
    at = _run(
        """
        import streamlit as st
        st.checkbox("c")
        st.selectbox("s", ["a", "b"])
        st.text_input("t")
        st.write(st.session_state.to_dict())
        """
    )
    box = at.checkbox[0]
    assert box.check() is box
    select = at.selectbox[0]
    assert select.select("b") is select
    text = at.text_input[0]
    assert text.input("hi") is text
    assert text.run() is at
    assert (at.checkbox[0].value, at.selectbox[0].value, at.text_input[0].value) == (True, "b", "hi")


def test_element_fields_and_proto_namespace() -> None:
    at = _run(
        """
        import streamlit as st
        st.header("Top", anchor="top")
        st.title("No anchor", anchor=False)
        st.json({"b": [1, 2]})
        st.image("https://example.com/a.png", caption="cap")
        """
    )
    header = at.header[0]
    assert (header.tag, header.anchor, header.hide_anchor) == ("h2", "top", False)
    assert (at.title[0].anchor, at.title[0].hide_anchor) == ("", True)
    assert at.json[0].value == '{"b": [1, 2]}'
    assert at.json[0].proto.expanded is True
    assert (at.image[0].value, at.image[0].captions) == (["https://example.com/a.png"], ["cap"])
    assert list(at.header[0]) == [header]  # an element iterates as itself


def test_get_by_key_refuses_a_key_two_elements_share() -> None:
    at = _run(
        """
        import streamlit as st
        st.text_input("a", key="k")
        with st.container(key="box"):
            st.text("inside")
        """
    )
    assert at.get_by_key("k").label == "a"
    assert at.get_by_key("box").type == "container"
    with pytest.raises(KeyError):
        at.get_by_key("nope")
    # A script cannot draw two elements with one key (Streamlit's duplicate-key error), so
    # the ambiguity is shown on the lookup itself.
    field = at.text_input[0]
    with pytest.raises(AppTestError, match="Multiple elements have key 'k'"):
        unique_by_key([field, at.get_by_key("box"), field], "k")


def test_query_params_keep_repeated_keys_as_lists_and_single_ones_as_strings() -> None:
    at = AppTest.from_string(
        """
import streamlit as st
st.text(repr(st.query_params.get_all("tag")))
st.query_params["echo"] = st.query_params.get("tag", "none")
""",
        default_timeout=10,
    )
    at.query_params["tag"] = ["a", "b"]
    at.run()
    assert at.text[0].value == "['a', 'b']"
    assert at.query_params == {"tag": ["a", "b"], "echo": "b"}


def test_secrets_given_to_one_app_stay_with_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = 'import streamlit as st\nst.text(st.secrets.get("token", "none"))\n'
    given = AppTest.from_string(script, default_timeout=10)
    given.secrets["token"] = "abc"
    given.run()
    monkeypatch.chdir(tmp_path)  # no secrets.toml here
    other = AppTest.from_string(script, default_timeout=10).run()
    assert given.text[0].value == "abc"
    assert not other.text
    assert "No secrets found" in other.exception[0].value


def _pages_app(root: Path) -> Path:
    (root / "pages").mkdir()
    (root / "app.py").write_text('import streamlit as st\nst.text("home")\n')
    (root / "pages" / "2_Second_page.py").write_text('import streamlit as st\nst.text("second")\n')
    return root / "app.py"


def test_switch_page_before_the_first_run_opens_that_page(tmp_path: Path) -> None:
    at = AppTest.from_file(_pages_app(tmp_path), default_timeout=10)
    at.switch_page("pages/2_Second_page.py").run()
    assert at.text.values == ["second"]
    assert not at.exception


def test_switch_page_to_a_missing_file_names_where_it_looked(tmp_path: Path) -> None:
    at = AppTest.from_file(_pages_app(tmp_path), default_timeout=10).run()
    with pytest.raises(ValueError, match="relative to the main script") as info:
        at.switch_page("pages/missing.py")
    assert str((tmp_path / "pages" / "missing.py").resolve()) in str(info.value)
    at.run()  # the refused switch changed nothing
    assert at.text.values == ["home"]


_CALLBACK_INTO_CONTAINER = """
import streamlit as st
box = st.container()
with box:
    for i in range(st.session_state.get("script_rows", 1)):
        st.text(f"script {i}")

def note(target):
    target.text("from callback")

st.button("go", on_click=note, args=[box])
if st.session_state.get("drop_box"):
    box.empty()
"""


def test_a_callback_writes_after_what_the_last_run_drew_there() -> None:
    at = AppTest.from_string(_CALLBACK_INTO_CONTAINER, default_timeout=10).run()
    at.button[0].click().run()
    container = at.main.children[0]
    # The page draws the callback's element after the script's...
    assert [container.children[i].value for i in sorted(container.children)] == ["script 0", "from callback"]
    # ...and AppTest lists it first, as it arrived first (Streamlit's AppTest does the same).
    assert at.text.values == ["from callback", "script 0"]
    at.run()
    assert at.text.values == ["script 0"]  # it was this run's only


def test_a_callback_write_yields_to_the_scripts_own_element_at_that_place() -> None:
    at = AppTest.from_string(_CALLBACK_INTO_CONTAINER, default_timeout=10).run()
    at.session_state["script_rows"] = 2
    at.button[0].click().run()
    # The old container held one element: the callback wrote at position 1, and the script
    # wrote "script 1" there afterwards, so the script's element is the one shown.
    assert at.text.values == ["script 0", "script 1"]


def test_unsupported_interactions_raise_app_test_error() -> None:
    at = _run(
        """
        import streamlit as st
        st.markdown("hi")
        st.radio("r", ["a"])
        """
    )
    with pytest.raises(AppTestError, match=r"set_value\(\) is not supported for markdown"):
        at.markdown[0].set_value("x")
    with pytest.raises(AppTestError, match=r"click\(\) is not supported for radio"):
        at.radio[0].click()


def test_from_file_does_not_fall_back_to_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cwd_app.py").write_text("import streamlit as st\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError, match="Relative paths are resolved against the file"):
        AppTest.from_file("cwd_app.py")
    assert AppTest.from_file(tmp_path / "cwd_app.py").run().main is not None
