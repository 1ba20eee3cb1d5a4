"""jupyst hello, chat page: a chat with a pretend model that streams its answer word by word.

No network and no real model: the "model" echoes the message back with a few words of its own,
one word at a time, so the answer grows on screen the way an LLM's does. A plain Streamlit
script; the e2e tests look for the texts below (the greeting, "You said:").
"""

import time

import streamlit as st

WORD_DELAY = 0.05  # seconds between two words of an answer


def pretend_model(prompt: str):
    """Yield the answer to ``prompt`` one word at a time, like a streaming LLM client."""
    words = prompt.split()
    answer = (
        f"You said: {prompt}. That is {len(words)} word{'s' if len(words) != 1 else ''}. "
        "I am a pretend model: I have no network and no weights, so I only echo your words "
        "back, one at a time, to show how st.write_stream grows an answer in place."
    )
    for word in answer.split(" "):
        yield word + " "
        time.sleep(WORD_DELAY)


st.title("Chat")
st.caption("A chat with a pretend model that streams its answers. Nothing leaves this server.")

if "messages" not in st.session_state:
    st.session_state.messages = [{"role": "assistant", "content": "Hello! Ask me anything."}]

for message in st.session_state.messages:
    with st.chat_message(message["role"]):
        st.markdown(message["content"])

if prompt := st.chat_input("Ask the pretend model", max_chars=2000):
    st.session_state.messages.append({"role": "user", "content": prompt})
    with st.chat_message("user"):
        st.markdown(prompt)
    with st.chat_message("assistant"):
        reply = st.write_stream(pretend_model(prompt))
    st.session_state.messages.append({"role": "assistant", "content": reply})
