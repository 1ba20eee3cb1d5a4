"""The exceptions that st.cache_data and st.cache_resource raise to app authors.

Wording follows Streamlit's, so a script that fails under Streamlit fails with the same
advice here. Internal signals (an object the hasher cannot digest, a stored entry that does
not decode) are plain ``Exception`` subclasses: they never reach the user as such.
"""

from __future__ import annotations

from typing import Any, Callable

from jupyst.errors import StreamlitAPIException

CACHE_DOCS_URL = "https://docs.streamlit.io/develop/concepts/architecture/caching"


def type_name(obj: Any) -> str:
    """The fully qualified name of ``obj``'s type, as the messages print it."""
    cls = type(obj)
    return f"{cls.__module__}.{cls.__qualname__}"


def func_name(func: Any) -> str:
    """A short name for a cached function, falling back to its type's name."""
    return getattr(func, "__name__", None) or type(func).__name__


class UnhashableTypeError(Exception):
    """The hasher met an object it cannot turn into stable bytes (internal)."""


class CorruptEntryError(Exception):
    """A stored entry could not be decoded; the caller treats it as a miss (internal)."""


class OtherFormatError(CorruptEntryError):
    """A stored entry was written in another version's layout: a miss, but no damage."""


class CacheAPIError(StreamlitAPIException):
    """A cache decorator was given an argument it cannot use (wrong type or value)."""


class BadTimeStringError(CacheAPIError):
    """A ``ttl`` string that does not parse as a duration."""

    def __init__(self, text: str) -> None:
        super().__init__(
            "Time string doesn't look right. It should be formatted as "
            f"`'1d2h34m'` or `2 days`, for example. Got: {text}"
        )


class UnhashableParamError(CacheAPIError):
    """An argument of a cached function cannot be hashed into the cache key."""

    def __init__(
        self, decorator: str, func: Callable[..., Any], arg_name: str | None, arg_value: Any
    ) -> None:
        shown = arg_name if arg_name is not None else "(unnamed)"
        replacement = f"_{arg_name}" if arg_name is not None else "_arg"
        name = func_name(func)
        self.arg_name = arg_name
        super().__init__(
            f"Cannot hash argument '{shown}' (of type `{type_name(arg_value)}`) in '{name}'.\n"
            "\n"
            "To address this, you can tell Streamlit not to hash this argument by adding a\n"
            "leading underscore to the argument's name in the function signature:\n"
            "\n"
            "```\n"
            f"@st.{decorator}\n"
            f"def {name}({replacement}, ...):\n"
            "    ...\n"
            "```\n"
            "\n"
            "Or pass `hash_funcs={"
            f"{type(arg_value).__qualname__}: <function returning a hashable value>"
            "}` to the decorator to tell it how to hash this type."
        )


class UserHashError(CacheAPIError):
    """A function given in ``hash_funcs`` raised while hashing an argument."""

    def __init__(
        self, decorator: str, func: Callable[..., Any], hash_func: Any, obj: Any, exc: Exception
    ) -> None:
        hash_name = f"`{hash_func.__name__}()`" if hasattr(hash_func, "__name__") else "a function"
        super().__init__(
            f"{exc}\n"
            "\n"
            f"This error is likely due to a bug in {hash_name}, which is a user-defined hash "
            f"function that was passed into the `@st.{decorator}` decorator of "
            f"`{func_name(func)}()`.\n"
            "\n"
            f"{hash_name} failed when hashing an object of type `{type_name(obj)}`."
        )


class UnserializableReturnValueError(CacheAPIError):
    """``st.cache_data`` was asked to store a value that pickle cannot serialize."""

    def __init__(self, func: Callable[..., Any], value: Any) -> None:
        super().__init__(
            f"Cannot serialize the return value (of type `{type_name(value)}`) in "
            f"`{func_name(func)}()`. `st.cache_data` uses "
            "[pickle](https://docs.python.org/3/library/pickle.html) to serialize the "
            "function's return value and safely store it in the cache without mutating the "
            "original object. Please convert the return value to a pickle-serializable type. "
            "If you want to cache unserializable objects such as database connections or "
            "Tensorflow sessions, use `st.cache_resource` instead (see "
            f"[our docs]({CACHE_DOCS_URL}) for differences)."
        )
