"""Option lists for selection widgets: conversion, formatting, validation, lookup."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Callable

from jupyst.errors import (
    StreamlitDefaultNotInOptionsError,
    StreamlitInvalidParameterTypeError,
    StreamlitValueOutOfRangeError,
)


def to_list(options: Any) -> list[Any]:
    """Any sequence-like value (list, dict keys, Series, first DataFrame column) as a list."""
    if options is None:
        return []
    module = type(options).__module__ or ""
    if module.startswith("pandas"):
        if type(options).__name__ == "DataFrame":
            return [] if options.shape[1] == 0 else list(options.iloc[:, 0])
        return list(options)
    if module == "numpy":
        return list(options.tolist())
    if isinstance(options, dict):
        return list(options.keys())
    if isinstance(options, (str, bytes)):
        return [options]
    if isinstance(options, Iterable):
        return list(options)
    return [options]


def formatted(options: list[Any], format_func: Callable[[Any], Any]) -> list[str]:
    return [str(format_func(o)) for o in options]


def check_index(index: Any, options: list[Any]) -> None:
    if index is not None and (not isinstance(index, int) or isinstance(index, bool)):
        raise StreamlitInvalidParameterTypeError("index", type(index).__name__, ["int", "None"])
    if index is not None and options and not 0 <= index < len(options):
        raise StreamlitValueOutOfRangeError("index", index, 0, len(options) - 1)


def index_of(options: list[Any], value: Any) -> int | None:
    """Index of ``value`` in ``options`` (by equality, then identity), None if absent."""
    for i, opt in enumerate(options):
        try:
            if opt is value or bool(opt == value):
                return i
        except Exception:
            continue
    return None


def default_indices(options: list[Any], default: Any) -> list[int]:
    if default is None:
        return []
    values = to_list(default) if not isinstance(default, (str, bytes)) else [default]
    if type(default).__name__ in ("tuple", "list", "set") or hasattr(default, "__iter__") and not isinstance(default, (str, bytes)):
        values = list(default)
    out = []
    for value in values:
        i = index_of(options, value)
        if i is None:
            raise StreamlitDefaultNotInOptionsError(value)
        out.append(i)
    return out
