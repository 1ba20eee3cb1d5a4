"""Cache keys: which function (``function_key``) and which call of it (``value_key``).

A function's key hashes its module, qualified name and source, so an edited function
starts with an empty cache. A call's key hashes the arguments by parameter name after
binding them as the signature would, skipping names that start with ``_``; the hashing
itself is ``hashing.Hasher``.
"""

from __future__ import annotations

import inspect
from typing import Any, Callable

from jupyst.caching.errors import UnhashableParamError, UnhashableTypeError, UserHashError
from jupyst.caching.hashing import Hasher, HashFuncFailed


def function_key(kind: str, func: Callable[..., Any]) -> str:
    """Identity of a cached function: module, qualified name and source code.

    Editing the function changes its key, so the edited version starts with an empty
    cache. Without retrievable source (code typed into ``exec``), the bytecode, constants
    and names stand in for it.
    """
    hasher = Hasher()
    hasher.update(kind)
    hasher.update(getattr(func, "__module__", None) or "")
    hasher.update(getattr(func, "__qualname__", None) or type(func).__qualname__)
    try:
        hasher.update(inspect.getsource(func))
    except (OSError, TypeError):
        code = getattr(func, "__code__", None)
        if code is not None:
            hasher.update(code)
    return hasher.hexdigest()


class ArgumentBinder:
    """Names each argument of a call the way the function's signature would.

    Positional arguments take the names of the parameters they fill, defaults are filled
    in, so ``f(1)``, ``f(x=1)`` and (if 1 is the default) ``f()`` share one key. Extra
    positional arguments have no name; extra keyword arguments keep theirs and are taken
    in sorted order.
    """

    def __init__(self, func: Callable[..., Any]) -> None:
        try:
            params = list(inspect.signature(func).parameters.values())
        except (TypeError, ValueError):
            params = []
        kinds = inspect.Parameter
        self.positional = [
            p.name for p in params if p.kind in (kinds.POSITIONAL_ONLY, kinds.POSITIONAL_OR_KEYWORD)
        ]
        self.named = [
            p.name for p in params if p.kind not in (kinds.VAR_POSITIONAL, kinds.VAR_KEYWORD)
        ]
        self._named_set = set(self.named)
        self.defaults = {p.name: p.default for p in params if p.default is not p.empty}

    def bind(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[tuple[str | None, Any]]:
        """``(name, value)`` pairs in signature order; extra positionals named ``None``."""
        values = dict(zip(self.positional, args))
        extra_kwargs: dict[str, Any] = {}
        for key, value in kwargs.items():
            if key in self._named_set:
                values[key] = value
            else:
                extra_kwargs[key] = value
        pairs: list[tuple[str | None, Any]] = []
        for name in self.named:
            if name in values:
                pairs.append((name, values[name]))
            elif name in self.defaults:
                pairs.append((name, self.defaults[name]))
        for value in args[len(self.positional) :]:
            pairs.append((None, value))
        for key in sorted(extra_kwargs):
            pairs.append((key, extra_kwargs[key]))
        return pairs


def value_key(
    pairs: list[tuple[str | None, Any]],
    hash_funcs: dict[str, Callable[[Any], Any]],
    *,
    decorator: str,
    func: Callable[..., Any],
) -> str:
    """Key of one call: the hash of its named arguments, ``_``-prefixed names skipped.

    Raises ``UnhashableParamError`` naming the argument that could not be hashed, and
    ``UserHashError`` when a ``hash_funcs`` function fails.
    """
    hasher = Hasher(hash_funcs)
    for name, value in pairs:
        if name is not None and name.startswith("_"):
            continue
        hasher.update(name)
        try:
            hasher.update(value)
        except UnhashableTypeError as exc:
            raise UnhashableParamError(decorator, func, name, value) from exc
        except HashFuncFailed as failed:
            raise UserHashError(decorator, func, failed.hash_func, failed.obj, failed.exc) from (
                failed.exc
            )
        except RecursionError as exc:
            raise UnhashableParamError(decorator, func, name, value) from exc
    return hasher.hexdigest()
