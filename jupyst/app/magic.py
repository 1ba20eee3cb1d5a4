"""Streamlit's "magic": bare expressions in a script are written to the app.

The script's AST is rewritten so that every bare expression statement becomes a call of
``__jupyst_magic__(value)``, which passes it to ``st.write``. Docstrings, calls, ``yield``
and ``await`` are left alone, as Streamlit does.
"""

from __future__ import annotations

import ast

from jupyst.elements.lib.python_ast import AST_LOCK, compile_tree, parse

MAGIC_NAME = "__jupyst_magic__"

_BODY_FIELDS = ("body", "orelse", "finalbody")


def add_magic(tree: ast.Module) -> ast.Module:
    _rewrite_body(tree.body, is_root=True)
    return ast.fix_missing_locations(tree)


def _rewrite_body(body: list[ast.stmt], is_root: bool = False, in_def: bool = False) -> None:
    for i, stmt in enumerate(body):
        if isinstance(stmt, ast.Expr):
            if (is_root or in_def) and i == 0 and _is_string(stmt.value):
                continue  # a docstring
            replacement = _magic_call(stmt)
            if replacement is not None:
                body[i] = replacement
            continue
        _rewrite_children(stmt)


def _rewrite_children(stmt: ast.stmt) -> None:
    is_def = isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))
    if isinstance(stmt, ast.ClassDef):
        for inner in stmt.body:
            if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef)):
                _rewrite_children(inner)
        return
    for name in _BODY_FIELDS:
        block = getattr(stmt, name, None)
        if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
            _rewrite_body(block, in_def=is_def and name == "body")
    for handler in getattr(stmt, "handlers", None) or ():
        _rewrite_body(handler.body)
    for case in getattr(stmt, "cases", None) or ():
        _rewrite_body(case.body)


def _is_string(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _magic_call(stmt: ast.Expr) -> ast.stmt | None:
    value = stmt.value
    if isinstance(value, (ast.Call, ast.Yield, ast.YieldFrom, ast.Await)):
        return None
    if isinstance(value, ast.Constant) and value.value is Ellipsis:
        return None
    args = value.elts if isinstance(value, ast.Tuple) else [value]
    call = ast.Call(func=ast.Name(id=MAGIC_NAME, ctx=ast.Load()), args=args, keywords=[])
    return ast.copy_location(ast.Expr(value=call), stmt)


def compile_script(source: str, filename: str, magic: bool = True) -> object:
    # One thread at a time (jupyst/elements/lib/python_ast.py): the rewrite between parse
    # and compile works on the Python AST objects, which the lock keeps consistent too.
    with AST_LOCK:
        tree = parse(source, filename=filename, mode="exec")
        if magic:
            tree = add_magic(tree)
        return compile_tree(tree, filename, "exec")
