"""st.form: values held until submit, committed together, clear_on_submit."""

from __future__ import annotations

from tests.compat.harness import Case

CASES = [
    Case(
        "form_submit_only",
        """
        import streamlit as st
        st.session_state.setdefault("runs", 0)
        st.session_state.runs += 1
        with st.form("f"):
            name = st.text_input("Name", key="name")
            age = st.slider("Age", 0, 100, 30)
            agree = st.checkbox("Agree")
            submitted = st.form_submit_button("Send")
        st.write(f"submitted={submitted} name={name!r} age={age} agree={agree}")
        outside = st.checkbox("Outside")
        st.write(f"outside={outside}")
        """,
        steps=[
            # Values set without a submit click are not sent: nothing changes.
            [("text_input", "name", "input", "Ann"), ("slider", 0, "set_value", 40)],
            # Set and submit in the same run: all values arrive together.
            [
                ("text_input", "name", "input", "Bob"),
                ("slider", 0, "set_value", 50),
                ("checkbox", 0, "check"),
                ("button", 0, "click"),
            ],
            ("run",),
            ("checkbox", 1, "check"),
        ],
    ),
    Case(
        "form_on_click_sees_new_values",
        """
        import streamlit as st
        st.session_state.setdefault("log", [])
        def on_submit(tag):
            st.session_state.log.append(f"{tag}: q={st.session_state.q!r} n={st.session_state.n}")
        with st.form("search", border=False):
            st.text_input("Query", key="q")
            st.number_input("Count", key="n", value=1)
            st.form_submit_button("Search", on_click=on_submit, args=("submit",))
        st.write(st.session_state.log)
        """,
        steps=[
            [("text_input", "q", "input", "cats"), ("number_input", "n", "set_value", 3), ("button", 0, "click")],
            [("text_input", "q", "input", "dogs"), ("button", 0, "click")],
        ],
    ),
    Case(
        "form_clear_on_submit",
        """
        import streamlit as st
        st.session_state.setdefault("sent", [])
        with st.form("note", clear_on_submit=True):
            text = st.text_input("Note")
            level = st.selectbox("Level", ["low", "high"])
            if st.form_submit_button("Add"):
                st.session_state.sent.append((text, level))
        st.write(st.session_state.sent)
        st.write(f"text={text!r} level={level}")
        """,
        # No plain run right after a submit: Streamlit's AppTest emulates clear_on_submit
        # only at the form's next submit (ElementTree.get_widget_states), whereas the browser
        # (and jupyst, which drives the real widgets) resets the form's widgets as soon as
        # the submit's run ends, so the two harnesses differ in the runs in between.
        steps=[
            [("text_input", 0, "input", "first"), ("selectbox", 0, "select", "high"), ("button", 0, "click")],
            # Only the text is set: the selectbox was cleared to its default by the last submit.
            [("text_input", 0, "input", "second"), ("button", 0, "click")],
            # Nothing set: both fields were cleared.
            ("button", 0, "click"),
        ],
    ),
    Case(
        "two_forms_and_submit_keys",
        """
        import streamlit as st
        with st.form("a"):
            x = st.number_input("x", value=1)
            go_a = st.form_submit_button()
        with st.form("b"):
            y = st.number_input("y", value=2)
            go_b = st.form_submit_button("Go B", type="primary")
        st.write(f"x={x} y={y} a={go_a} b={go_b}")
        """,
        steps=[
            [("number_input", 0, "set_value", 10), ("number_input", 1, "set_value", 20), ("button", 0, "click")],
            [("number_input", 1, "set_value", 30), ("button", 1, "click")],
        ],
    ),
    Case(
        "form_membership",
        """
        import streamlit as st
        outside_col, _ = st.columns(2)
        form = st.form("f")
        with form:
            inner = st.checkbox("In form")
            # Created outside the form: not part of it, so it reruns at once.
            escaped = outside_col.checkbox("Column made outside")
            side = st.sidebar.checkbox("Sidebar")
        via_object = form.slider("Via form object", 0, 10, 2)
        sent = form.form_submit_button("Save")
        st.write(f"inner={inner} escaped={escaped} side={side} via={via_object} sent={sent}")
        """,
        steps=[
            ("checkbox", 1, "check"),
            ("sidebar.checkbox", 0, "check"),
            [("main.checkbox", 0, "check"), ("slider", 0, "set_value", 9)],
            ("button", 0, "click"),
        ],
    ),
]
