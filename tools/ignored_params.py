"""Which parameters each public ``st.*`` command accepts and ignores.

A parameter is ignored when the command's own body never reads it: jupyst takes it so that
Streamlit scripts run unchanged, and does nothing with it. Read from the source, so the list
follows the code.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
import types
from typing import Any


def unread_parameters(func: Any) -> list[str]:
    """The parameters of ``func`` that its body never names."""
    func = inspect.unwrap(getattr(func, "__func__", func))
    if not isinstance(func, types.FunctionType):
        return []
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    except (OSError, TypeError, SyntaxError):
        return []
    defs = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if not defs:
        return []
    node = defs[0]
    params = [a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)]
    named = {n.id for stmt in node.body for n in ast.walk(stmt) if isinstance(n, ast.Name)}
    if "locals" in named or "vars" in named:  # the body reads every argument at once
        return []
    return [p for p in params if p not in ("self", "cls") and p not in named]


def ignored_parameters(namespace: Any, names: list[str]) -> dict[str, list[str]]:
    """``{name: [ignored parameters]}`` for the callables among ``names`` in ``namespace``."""
    out: dict[str, list[str]] = {}
    for name in names:
        item = getattr(namespace, name, None)
        if item is None or isinstance(item, (type, types.ModuleType)) or not callable(item):
            continue
        unread = unread_parameters(item)
        if unread:
            out[name] = unread
    return out
