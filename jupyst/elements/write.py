"""``st.write`` and magic: pick the element that shows a value best, in Streamlit's order.

Strings and plain values (numbers, tuples, sets, None) are gathered into one markdown
element; every other argument flushes that buffer and draws its own element.
"""

from __future__ import annotations

import dataclasses
import inspect
import io
import json
import types
from collections import ChainMap, UserDict, UserList
from collections.abc import ItemsView, KeysView, Mapping, ValuesView
from typing import TYPE_CHECKING, Any

from jupyst.elements.lib.mixin import ElementMixin
from jupyst.errors import StreamlitAPIException

if TYPE_CHECKING:
    pass

_JSON_TYPES = (dict, list, map, enumerate, types.MappingProxyType, UserDict, ChainMap, UserList, KeysView, ValuesView, ItemsView)
_HELP_TYPES = (types.BuiltinFunctionType, types.BuiltinMethodType, types.FunctionType, types.MethodType, types.ModuleType)


def is_dataframe_like(obj: Any) -> bool:
    module = type(obj).__module__ or ""
    if module.startswith("pandas") and type(obj).__name__ in ("DataFrame", "Series", "Index", "Styler"):
        return True
    if module == "numpy" and type(obj).__name__ == "ndarray":
        return getattr(obj, "ndim", 0) in (1, 2)
    return module.startswith("pyarrow") and type(obj).__name__ in ("Table", "Array", "ChunkedArray")


def _is_namedtuple(obj: Any) -> bool:
    return isinstance(obj, tuple) and hasattr(obj, "_fields")


class WriteMixin(ElementMixin):
    def write(self, *args: Any, unsafe_allow_html: bool = False) -> None:
        """Show each argument the way that suits its type: text, tables, JSON, errors."""
        if len(args) == 1 and isinstance(args[0], str):
            self._dg.markdown(args[0], unsafe_allow_html=unsafe_allow_html)
            return
        if self._dg._active()._slot is not None and len(args) > 1:
            raise StreamlitAPIException(
                "Cannot replace a single element with multiple elements.\n\nThe `write()` method "
                "only supports multiple elements when inserting elements rather than replacing. "
                "That is, only when called as `st.write()` or `st.sidebar.write()`."
            )
        buffer: list[str] = []

        def flush() -> None:
            if buffer:
                self._dg.markdown(" ".join(buffer), unsafe_allow_html=unsafe_allow_html)
                buffer.clear()

        for arg in args:
            if isinstance(arg, str):
                buffer.append(arg)
                continue
            if isinstance(arg, io.StringIO):
                flush()
                self._dg.markdown(arg.getvalue())
                continue
            drawn = _draw(self, arg, unsafe_allow_html, flush)
            if not drawn:
                buffer.append(_fallback_markdown(arg))
        flush()

    def _magic(self, *args: Any) -> Any:
        self._dg.write(*args)
        return args[0] if len(args) == 1 else args


def _draw(dg: Any, arg: Any, allow_html: bool, flush: Any) -> bool:
    """Draw ``arg`` as its own element; False for values that join the text buffer."""
    if isinstance(arg, BaseException):
        flush()
        dg.exception(arg)
    elif isinstance(arg, ElementMixin):  # a container
        flush()
        dg.help(arg)
    elif is_dataframe_like(arg):
        flush()
        dg.dataframe(arg)
    elif (type(arg).__module__ or "").startswith("sympy") and hasattr(arg, "free_symbols"):
        flush()
        dg.latex(arg)
    elif isinstance(arg, _JSON_TYPES) or _is_namedtuple(arg) or is_custom_dict(arg):
        flush()
        dg.json(_jsonable(arg))
    elif inspect.isgenerator(arg) or inspect.isgeneratorfunction(arg):
        flush()
        stream = getattr(dg, "write_stream", None)
        if stream is not None:
            stream(arg)
        else:
            dg.write(*list(arg() if callable(arg) else arg))
    elif isinstance(arg, _HELP_TYPES) or inspect.isclass(arg) or (dataclasses.is_dataclass(arg) and not isinstance(arg, type)):
        flush()
        dg.help(arg)
    elif allow_html and callable(getattr(arg, "_repr_html_", None)):
        # Streamlit draws it without flushing the text gathered so far: that text comes after.
        dg.html(arg._repr_html_())
    elif hasattr(arg, "to_pandas") or hasattr(arg, "__dataframe__"):
        flush()
        dg.dataframe(arg)
    elif _looks_like_address(arg):
        flush()
        dg.help(arg)
    else:
        return False
    return True


def _looks_like_address(arg: Any) -> bool:
    text = str(arg)
    return text.startswith("<") and " at 0x" in text and text.endswith(">")


def _longest_backtick_run(text: str) -> int:
    longest = current = 0
    for ch in text:
        current = current + 1 if ch == "`" else 0
        longest = max(longest, current)
    return longest


def _fallback_markdown(arg: Any) -> str:
    # Backtick fences one longer than the longest run of backticks in the text, as Streamlit.
    text = str(arg)
    longest = _longest_backtick_run(text)
    if "\n" in text:
        fence = "`" * max(3, longest + 1)
        return f"{fence}\n{text}\n{fence}"
    fence = "`" * (longest + 1)
    return f"{fence}{text}{fence}"


def _jsonable(obj: Any) -> Any:
    if _is_namedtuple(obj):
        return obj._asdict()
    if isinstance(obj, (map, enumerate, KeysView, ValuesView)):
        return list(obj)
    if isinstance(obj, ItemsView):
        return [list(p) for p in obj]
    if isinstance(obj, (UserDict, ChainMap, types.MappingProxyType)):
        return dict(obj)
    if isinstance(obj, UserList):
        return list(obj)
    return obj


def is_custom_dict(obj: Any) -> bool:
    """jupyst's own mappings (query params, session state, user, context): written as JSON."""
    return isinstance(obj, Mapping) and (type(obj).__module__ or "").startswith("jupyst") and callable(getattr(obj, "to_dict", None))


def _serializable(obj: Any) -> Any:
    # json.dumps's fallback, as Streamlit's: a set becomes a list, anything else its repr.
    return list(obj) if isinstance(obj, set) else repr(obj)


def to_json_text(body: Any, *, skip_bad_keys: bool = False) -> str:
    """The text ``st.json`` keeps: a string as given, anything else compact JSON, as Streamlit.

    TypeError for keys JSON cannot hold (a tuple key) unless ``skip_bad_keys`` drops them.
    """
    if is_custom_dict(body):
        body = body.to_dict()
    body = _jsonable(body)
    if isinstance(body, str):
        return body
    return json.dumps(body, default=_serializable, skipkeys=skip_bad_keys)
