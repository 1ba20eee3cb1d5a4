"""Chat apps: st.chat_message, st.chat_input (a trigger with a payload), st.write_stream;
and what st.context and st.user give a script that has no browser request and no [auth]."""

from __future__ import annotations

from typing import Any

from tests.compat.harness import Case


def _bottom_has_chat_input(snaps: list[dict[str, Any]]) -> None:
    assert [leaf[0] for leaf in snaps[0]["bottom"]] == ["chat_input"], snaps[0]["bottom"]


def _saw_submission(text: str) -> Any:
    def check(snaps: list[dict[str, Any]]) -> None:
        assert any(text in repr(s["main"]) for s in snaps[1:]), "the sent text never reached the script"

    return check


CASES = [
    Case(
        "chat_message_roles_and_avatars",
        """
        import streamlit as st
        with st.chat_message("user"):
            st.write("hi")
        st.chat_message("assistant").write("hello")
        st.chat_message("ai").markdown("**ai**")
        st.chat_message("human").text("human")
        st.chat_message("Bob").write("no preset")
        st.chat_message("🦖").write("emoji name")
        st.chat_message("Ann", avatar="🧑‍💻").write("emoji avatar")
        st.chat_message("assistant", avatar=":material/smart_toy:").write("icon")
        st.chat_message("x", avatar="user").write("preset avatar")
        m = st.chat_message("assistant", width="content")
        m.write("first")
        m.write("second")
        try:
            st.chat_message(None)
        except Exception as e:
            st.write(type(e).__name__, str(e))
        try:
            st.chat_message("a", width="nope")
        except Exception as e:
            st.write(type(e).__name__)
        """,
    ),
    Case(
        "chat_input_value_only_after_submit",
        """
        import streamlit as st
        prompt = st.chat_input("Say something", key="chat")
        st.write(f"prompt={prompt!r} state={st.session_state.chat!r}")
        if prompt:
            with st.chat_message("user"):
                st.write(prompt)
        """,
        steps=[
            ("chat_input", 0, "set_value", "hello there"),
            ("run",),
            ("chat_input", "chat", "set_value", "again"),
            ("chat_input", "chat", "set_value", "twice"),
        ],
        expect=lambda snaps: (_bottom_has_chat_input(snaps), _saw_submission("hello there")(snaps)),
    ),
    Case(
        "chat_input_history_in_session_state",
        """
        import streamlit as st
        if "messages" not in st.session_state:
            st.session_state.messages = []
        for m in st.session_state.messages:
            st.chat_message(m["role"]).write(m["content"])
        if prompt := st.chat_input():
            st.session_state.messages.append({"role": "user", "content": prompt})
            st.chat_message("user").write(prompt)
            answer = f"Echo: {prompt}"
            st.session_state.messages.append({"role": "assistant", "content": answer})
            st.chat_message("assistant").write(answer)
        """,
        steps=[
            ("chat_input", 0, "set_value", "one"),
            ("chat_input", 0, "set_value", "two"),
            ("run",),
        ],
    ),
    Case(
        "chat_input_max_chars_disabled_placeholder",
        """
        import streamlit as st
        a = st.chat_input("Short", max_chars=5, key="short")
        st.write(f"a={a!r}")
        with st.container():
            b = st.chat_input("Off", disabled=True, key="off")
        st.write(f"b={b!r}")
        """,
        steps=[("chat_input", "short", "set_value", "much too long")],
    ),
    Case(
        "chat_input_on_submit_callback",
        """
        import streamlit as st
        if "log" not in st.session_state:
            st.session_state.log = []
        def sent(tag):
            st.session_state.log.append((tag, st.session_state.box))
        v = st.chat_input("Ask", key="box", on_submit=sent, args=("cb",))
        st.write(f"v={v!r} log={st.session_state.log!r}")
        """,
        steps=[("chat_input", "box", "set_value", "ping"), ("run",), ("chat_input", "box", "set_value", "pong")],
    ),
    Case(
        "chat_input_inline_in_containers_and_sidebar",
        """
        import streamlit as st
        with st.sidebar:
            s = st.chat_input("In the sidebar", key="side")
        col, _ = st.columns(2)
        with col:
            c = st.chat_input("In a column", key="col")
        main = st.chat_input("At the bottom", key="main")
        st.write(f"s={s!r} c={c!r} main={main!r}")
        """,
        steps=[("sidebar.chat_input", "side", "set_value", "from side"), ("chat_input", "col", "set_value", "from col")],
    ),
    Case(
        "chat_input_accept_file",
        """
        import streamlit as st
        v = st.chat_input("Attach", accept_file=True, file_type=["txt", "csv"], key="one")
        st.write(f"type={type(v).__name__}")
        if v:
            st.write(f"text={v.text!r} files={[f.name for f in v.files]} keys={sorted(v)}")
            st.write(f"by key={v['text']!r} content={[f.read() for f in v['files']]!r}")
        m = st.chat_input("Many", accept_file="multiple", key="many")
        if m:
            st.write(f"many={[(f.name, f.size) for f in m.files]} text={m.text!r}")
        t = st.chat_input("Text only", key="plain")
        if t is not None:
            try:
                t.files
            except AttributeError as e:
                st.write("plain", str(e))
        """,
        steps=[
            [("chat_input", "one", "upload", "a.txt", b"alpha", "text/plain"), ("chat_input", "one", "set_value", "see file")],
            ("run",),
            [("chat_input", "many", "upload", "x.csv", b"1,2"), ("chat_input", "many", "upload", "y.bin", b"\x00\x01")],
            ("chat_input", "one", "set_value", "no file"),
        ],
    ),
    Case(
        "chat_input_errors",
        """
        import streamlit as st
        for kwargs in ({"accept_file": "sometimes"}, {"submit_mode": "later"}, {"max_upload_size": 0},
                       {"on_submit": "rerun"}, {"audio_sample_rate": 1234}):
            try:
                st.chat_input("x", **kwargs)
            except Exception as e:
                st.write(type(e).__name__, str(e))
        with st.form("f"):
            try:
                st.chat_input("in form")
            except Exception as e:
                st.write(type(e).__name__, str(e))
            st.form_submit_button()
        """,
    ),
    Case(
        "chat_input_text_from_session_state",
        """
        import streamlit as st
        if st.button("Fill"):
            st.session_state.draft = "Hello, world!"
        v = st.chat_input(key="draft")
        st.write(f"v={v!r}")
        """,
        steps=[("button", 0, "click"), ("run",)],
    ),
    Case(
        "write_stream_generators_and_returns",
        """
        import streamlit as st
        def words():
            for w in ["Hello ", "streaming ", "world"]:
                yield w
        r1 = st.write_stream(words)
        r2 = st.write_stream(words())
        r3 = st.write_stream(["a", "", "b"])
        r4 = st.write_stream([])
        st.write(repr(r1), repr(r2), repr(r3), repr(r4))
        async def agen():
            for w in ["async ", "text"]:
                yield w
        st.write(repr(st.write_stream(agen)))
        st.write(repr(st.write_stream(agen())))
        """,
    ),
    Case(
        "write_stream_mixed_objects",
        """
        import streamlit as st
        def mixed():
            yield "Some "
            yield "text."
            yield {"k": 1}
            yield 42
            yield lambda: st.caption("a callable chunk ran")
            yield "More text"
        out = st.write_stream(mixed)
        st.write(type(out).__name__, repr(list(out)))
        with st.chat_message("assistant"):
            inner = st.write_stream(iter(["in ", "a ", "message"]), cursor="▌")
        st.write(repr(inner))
        """,
    ),
    Case(
        "write_stream_llm_chunks_and_errors",
        """
        import streamlit as st
        from types import SimpleNamespace as NS

        class ChatCompletionChunk:
            def __init__(self, text):
                self.choices = [NS(delta=NS(content=text))] if text is not None else []
        ChatCompletionChunk.__module__ = "openai.types.chat.chat_completion_chunk"

        class ResponseTextDeltaEvent:
            def __init__(self, kind, delta):
                self.type, self.delta = kind, delta
        ResponseTextDeltaEvent.__module__ = "openai.types.responses.response_text_delta_event"

        class AIMessageChunk:
            def __init__(self, content):
                self.content = content
        AIMessageChunk.__module__ = "langchain_core.messages.ai"

        st.write(repr(st.write_stream([ChatCompletionChunk(None), ChatCompletionChunk("Open"), ChatCompletionChunk("AI")])))
        st.write(repr(st.write_stream([ResponseTextDeltaEvent("response.created", "x"), ResponseTextDeltaEvent("response.output_text.delta", "Resp")])))
        st.write(repr(st.write_stream([AIMessageChunk("Lang"), AIMessageChunk(""), AIMessageChunk("Chain")])))
        for bad in ("text", 5):
            try:
                st.write_stream(bad)
            except Exception as e:
                st.write(type(e).__name__, str(e).split(" (type")[0])
        import pandas as pd
        try:
            st.write_stream(pd.DataFrame({"a": [1]}))
        except Exception as e:
            st.write(type(e).__name__, str(e))
        """,
    ),
    Case(
        "context_outside_a_request",
        """
        import streamlit as st
        c = st.context
        st.write(repr(dict(c.headers)), repr(dict(c.cookies)), repr(c.url), repr(c.locale))
        st.write(repr(c.timezone), repr(c.timezone_offset), repr(c.theme.type), repr(dict(c.theme)), repr(c.is_embedded))
        st.write(repr(c["timezone"]), "timezone" in c, "nope" in c, repr(c.headers.get_all("host")))
        try:
            c["nope"]
        except KeyError as e:
            st.write("KeyError", str(e))
        try:
            iter(c)
        except TypeError:
            st.write("not iterable")
        """,
    ),
    Case(
        "user_without_auth",
        """
        import streamlit as st
        st.write(repr(st.user.to_dict()), repr(dict(st.user)), len(st.user))
        for probe in (lambda: st.user.is_logged_in, lambda: st.user["name"]):
            try:
                probe()
            except (AttributeError, KeyError) as e:
                st.write(type(e).__name__, str(e))
        try:
            st.user.name = "x"
        except Exception as e:
            st.write(type(e).__name__, str(e))
        st.write(repr(dict(st.user.tokens)))
        try:
            st.login()
        except Exception as e:
            st.write(type(e).__name__, str(e))
        st.logout()
        st.write("after logout", repr(st.user.to_dict()))
        """,
        steps=[("run",)],
    ),
]
