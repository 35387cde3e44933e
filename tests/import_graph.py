"""The import graph of the matterkit package, read from the source with `ast` (nothing is imported).

A module's edges are the matterkit modules it imports: `from matterkit.lint import cache` is an edge to
`matterkit.lint.cache` when that is a module, else to the package `matterkit.lint` (its `__init__`); a parent
package is not an edge of its own (Python initialises it, but it is not what the module uses). Imports under
`if TYPE_CHECKING:` are left out: they never run. `level` chooses which imports count: "module" (statements
run when the module is imported, at its top level or in a top-level `try`/`if`) or "all" (also those inside
functions and methods, run when called).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = "matterkit"
SOURCE = Path(__file__).resolve().parents[1] / "src" / PACKAGE


def modules(source: Path = SOURCE) -> dict[str, Path]:
    """{dotted module name: file} of every module of the package."""
    found: dict[str, Path] = {}
    for path in sorted(source.rglob("*.py")):
        parts = list(path.relative_to(source.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def import_graph(level: str = "module", source: Path = SOURCE) -> dict[str, set[str]]:
    """{module: the package's modules it imports}."""
    known = modules(source)
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = {target for node in _imports(tree, level)
                       for target in _targets(node, package, known) if target != name}
    return graph


def _imports(tree: ast.Module, level: str) -> Iterator[ast.Import | ast.ImportFrom]:
    def walk(nodes: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
        for node in nodes:
            if isinstance(node, ast.Import | ast.ImportFrom):
                yield node
            elif isinstance(node, ast.If) and _is_type_checking(node.test):
                yield from walk(node.orelse)
            elif isinstance(node, ast.If | ast.Try | ast.With):
                for block in ("body", "orelse", "finalbody", "handlers"):
                    for child in getattr(node, block, []):
                        yield from walk(child.body if isinstance(child, ast.ExceptHandler) else [child])
            elif level == "all" and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                yield from (n for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom))
    yield from walk(tree.body)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _targets(node: ast.Import | ast.ImportFrom, package: str, known: dict[str, Path]) -> Iterator[str]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name in known:
                yield alias.name
        return
    base = node.module or ""
    if node.level:  # relative: from . import x, from ..y import z
        anchor = package.split(".")
        anchor = anchor[: len(anchor) - node.level + 1]
        base = ".".join([*anchor, *([base] if base else [])])
    for alias in node.names:
        child = f"{base}.{alias.name}"
        if child in known:
            yield child
        elif base in known:
            yield base


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a list of modules (first == last), or None."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target):], target]
            if target not in state and (cycle := visit(target)) is not None:
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)) is not None:
            return cycle
    return None


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    """Every module `start` imports, directly or through others."""
    seen: set[str] = set()
    stack = [start]
    while stack:
        for target in graph.get(stack.pop(), ()):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen
