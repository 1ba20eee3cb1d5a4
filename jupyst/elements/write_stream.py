"""``st.write_stream``: show a stream of text (an LLM's answer) as it arrives.

Text chunks go into one markdown element that grows in place; any other chunk ends that
element and is drawn with ``st.write`` (a callable chunk is called). Growing the element
costs no message by itself: the run context shows what the run drew at its flush rate
(``RunContext.maybe_flush``), so a thousand tokens cost a few dozen widget updates, not a
thousand, and the last state is shown as soon as the stream ends.

OpenAI chat-completion chunks and Responses API events, and LangChain message chunks, are
recognised by their type's qualified name, as Streamlit recognises them, and read for their
text.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.write import is_dataframe_like
from jupyst.errors import StreamlitAPIException, StreamlitInvalidParameterTypeError
from jupyst.runtime.run_context import get_run_context

_OPENAI_CHUNK = re.compile(r"^openai\..+\.ChatCompletionChunk$")
_OPENAI_EVENT = re.compile(r"^openai\..+\.Response.+Event$")
_OPENAI_TEXT_EVENTS = ("response.output_text.delta", "response.refusal.delta")
_LANGCHAIN_CHUNK = "langchain_core.messages.ai.AIMessageChunk"

_PARSE_HINT = (
    "The most likely cause is a change of the {what} object structure due to a recent {lib} "
    "update. You might be able to fix this by downgrading the {lib} library or upgrading "
    "Streamlit. Also, please report this issue to: https://github.com/streamlit/streamlit/issues."
)


class StreamingOutput(list):
    """What ``st.write_stream`` returns when the stream held more than text."""


def _type_name(obj: Any) -> str:
    cls = type(obj)
    return f"{cls.__module__}.{cls.__qualname__}"


def _sync(agen: AsyncIterator[Any]) -> Iterator[Any]:
    """Iterate an async generator from this (script) thread on an event loop of its own."""
    import asyncio

    loop = asyncio.new_event_loop()
    try:
        while True:
            try:
                yield loop.run_until_complete(agen.__anext__())
            except StopAsyncIteration:
                return
    finally:
        loop.close()


def chunk_text(chunk: Any) -> Any:
    """The text of an LLM library's chunk object; any other chunk unchanged."""
    name = _type_name(chunk)
    if _OPENAI_CHUNK.match(name):
        try:
            if len(chunk.choices) == 0 or chunk.choices[0].delta is None:
                return ""
            return chunk.choices[0].delta.content or ""
        except AttributeError as exc:
            raise StreamlitAPIException(
                "Failed to parse the OpenAI ChatCompletionChunk. " + _PARSE_HINT.format(what="chunk", lib="OpenAI")
            ) from exc
    if _OPENAI_EVENT.match(name):
        try:
            return (chunk.delta or "") if chunk.type in _OPENAI_TEXT_EVENTS else ""
        except AttributeError as exc:
            raise StreamlitAPIException(
                "Failed to parse the OpenAI Response stream event. " + _PARSE_HINT.format(what="event", lib="OpenAI")
            ) from exc
    if name == _LANGCHAIN_CHUNK:
        try:
            return chunk.content or ""
        except AttributeError as exc:
            raise StreamlitAPIException(
                "Failed to parse the LangChain AIMessageChunk. " + _PARSE_HINT.format(what="chunk", lib="LangChain")
            ) from exc
    return chunk


class WriteStreamMixin(ElementMixin):
    def write_stream(self, stream: Any, *, cursor: str | None = None) -> list[Any] | str:
        """Write a generator's (or iterable's, or async generator's) chunks as they come.

        Returns the whole text, or a list of everything written when the stream was not only
        text.
        """
        if isinstance(stream, str) or is_dataframe_like(stream):
            raise StreamlitInvalidParameterTypeError(
                "stream", type(stream).__name__, ["generator", "stream-like object"],
                detail="Please use `st.write` instead for this data type.",
            )
        if inspect.isgeneratorfunction(stream) or inspect.isasyncgenfunction(stream):
            stream = stream()
        if inspect.isasyncgen(stream):
            stream = _sync(stream)
        try:
            chunks = iter(stream)
        except TypeError as exc:
            raise StreamlitAPIException(
                f"The provided input (type: {type(stream)}) cannot be iterated. "
                "Please make sure that it is a generator, generator function or iterable."
            ) from exc
        tail = cursor or ""
        written: list[Any] = StreamingOutput()
        slot: Any = None
        text = ""

        def end_text() -> None:
            nonlocal slot, text
            if slot is not None and text:
                slot.markdown(text)  # the finished text, without the cursor
                written.append(text)
            slot, text = None, ""

        for raw in chunks:
            chunk = chunk_text(raw)
            if isinstance(chunk, str):
                if not chunk:
                    continue
                first = slot is None
                if first:
                    slot = self._dg.empty()
                text += chunk
                # The cursor shows from the second chunk on, as in Streamlit.
                slot.markdown(text if first else text + tail)
            elif callable(chunk):
                end_text()
                chunk()
            else:
                end_text()
                self._dg.write(chunk)
                written.append(chunk)
        end_text()
        ctx = get_run_context()
        if ctx is not None:
            # The stream is over: show its end now, not at the next flush.
            ctx.flush()
        if not written:
            return ""
        if len(written) == 1 and isinstance(written[0], str):
            return str(written[0])
        return written
