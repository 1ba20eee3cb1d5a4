"""Python source to AST and AST to code, one thread at a time in this process.

CPython before 3.12.3 and 3.11.9 (gh-106905) counts the depth of the AST it converts between
C and Python objects in one counter per interpreter, not per call. When two threads convert
at once and a garbage collection in one of them runs a finalizer that lets go of the GIL,
the other's conversion moves that counter and the first ends in ``SystemError: AST
constructor recursion depth mismatch``: the app's run fails with an error its script does not
have. In shared mode every visitor's session parses its script on its own thread (twenty
visitors arriving together do it at once), so jupyst's own ``ast.parse`` and ``compile`` of
an AST go through this lock.
"""

from __future__ import annotations

import ast
import threading
from typing import Any

#: held while this process turns source into an AST or an AST into code
AST_LOCK = threading.RLock()


def parse(source: str, filename: str = "<unknown>", mode: str = "exec") -> Any:
    """``ast.parse``, serialized with every other AST conversion of jupyst's."""
    with AST_LOCK:
        return ast.parse(source, filename=filename, mode=mode)


def compile_tree(tree: ast.Module, filename: str, mode: str = "exec") -> Any:
    """``compile`` of an AST (``dont_inherit``), serialized likewise."""
    with AST_LOCK:
        return compile(tree, filename, mode, dont_inherit=True)
