"""The package's layers: every import in ``jupyst/`` runs downward, and no modules form a circle.

The layers, from the bottom (the README's "How it works" draws the same map):

0. ``errors``, ``version`` and the plain element tree (``elements/lib/node.py``)
1. ``runtime/`` (run context, requests, session state, forms, query params, secrets, config)
   and ``naming`` (what ``st.<unknown>`` says)
2. ``widgets/``: jupyst's own ipywidgets
3. ``elements/lib/``: the element framework and pure helpers
4. ``elements/``: one ``st.*`` family per module
5. ``caching/`` and ``connections/``
6. ``delta_generator``, ``commands`` and ``reconciler/``
7. ``app/``: the session side
8. entry points: ``testing/``, ``notebook``, ``ipython``, ``voila/``, ``server/``, ``labserver/``, ``cli``, ``hello/``
9. the ``jupyst`` namespace itself (``__init__``, ``__main__``)

Imports are read from the source (function bodies included); type-only imports under
``if TYPE_CHECKING:`` are allowed to name any layer, since they never run.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "jupyst"

#: Module name prefixes and their layer; the longest matching prefix wins.
LAYERS: dict[str, int] = {
    "jupyst.errors": 0,
    "jupyst.version": 0,
    "jupyst.elements.lib.node": 0,
    "jupyst.runtime": 1,
    "jupyst.naming": 1,
    "jupyst.widgets": 2,
    "jupyst.elements.lib": 3,
    "jupyst.elements": 4,
    "jupyst.caching": 5,
    "jupyst.connections": 5,
    "jupyst.delta_generator": 6,
    "jupyst.commands": 6,
    "jupyst.reconciler": 6,
    "jupyst.app": 7,
    "jupyst.testing": 8,
    "jupyst.notebook": 8,
    "jupyst.ipython": 8,
    "jupyst.voila": 8,
    "jupyst.server": 8,
    "jupyst.labserver": 8,
    "jupyst.cli": 8,
    "jupyst.hello": 8,
    "jupyst": 9,
}


@dataclass(frozen=True)
class Import:
    source: str  # importing module
    target: str  # imported module
    path: Path
    line: int


def layer_of(module: str) -> int:
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        prefix = ".".join(parts[:n])
        if prefix in LAYERS:
            return LAYERS[prefix]
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS in {Path(__file__).name}")


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str) -> bool:
    base = PACKAGE.parent.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else test.attr if isinstance(test, ast.Attribute) else ""
            if name == "TYPE_CHECKING":
                for stmt in node.body:
                    lines.update(range(stmt.lineno, (stmt.end_lineno or stmt.lineno) + 1))
    return lines


def imports_of(path: Path) -> list[Import]:
    source = module_name(path)
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_lines(tree)
    found: list[Import] = []
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [Import(source, a.name, path, node.lineno) for a in node.names if a.name.split(".")[0] == "jupyst"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = source.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.split(".")[0] != "jupyst":
                continue
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                found.append(Import(source, sub if _is_module(sub) else module, path, node.lineno))
    return found


def all_imports() -> list[Import]:
    return [imp for path in sorted(PACKAGE.rglob("*.py")) for imp in imports_of(path)]


def _where(imp: Import) -> str:
    return f"{imp.path.relative_to(PACKAGE.parent)}:{imp.line}"


def test_every_import_runs_downward() -> None:
    upward = [
        f"{_where(imp)}: {imp.source} (layer {layer_of(imp.source)}) imports {imp.target} (layer {layer_of(imp.target)})"
        for imp in all_imports()
        if layer_of(imp.target) > layer_of(imp.source)
    ]
    assert not upward, "imports that run upward:\n" + "\n".join(upward)


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_modules_import_each_other_in_a_circle() -> None:
    graph: dict[str, set[str]] = {}
    for imp in all_imports():
        if imp.source == imp.target:
            continue
        graph.setdefault(imp.source, set()).add(imp.target)
    assert _cycle(graph) is None, "modules that import each other: " + " -> ".join(_cycle(graph) or [])


# ----- the checker itself ------------------------------------------------------------------------
def _check(tmp_path: Path, name: str, text: str) -> list[Import]:
    path = PACKAGE / name
    assert not path.exists()
    path.write_text(text, encoding="utf-8")
    try:
        return [imp for imp in imports_of(path) if layer_of(imp.target) > layer_of(imp.source)]
    finally:
        path.unlink()


@pytest.mark.parametrize(
    "text",
    [
        "from jupyst.delta_generator import main_dg\n",
        "def f():\n    from jupyst.app.session import AppSession\n",
        "import jupyst.testing\n",
        "from jupyst import notebook\n",
    ],
)
def test_an_upward_import_is_reported_with_its_line(tmp_path: Path, text: str) -> None:
    found = _check(tmp_path, "runtime/_layer_probe.py", text)
    assert len(found) == 1
    assert found[0].line == text.count("\n", 0, text.index("jupyst")) + 1


def test_type_only_and_downward_imports_pass(tmp_path: Path) -> None:
    text = (
        "from typing import TYPE_CHECKING\n"
        "from jupyst.errors import StreamlitAPIException\n"
        "if TYPE_CHECKING:\n"
        "    from jupyst.delta_generator import DeltaGenerator\n"
    )
    assert _check(tmp_path, "runtime/_layer_probe.py", text) == []
