"""The package imports one way, stage by stage, with no cycles.

Every import counts, including those inside functions: a cycle hidden in a
function is still a cycle, and an import of resolution from extraction would
put resolution's code into the extraction cache key.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkit.fingerprint import referenced_modules

PACKAGE = Path(__file__).resolve().parent.parent / "graphkit"

# Shared records and helpers first, then the stages in data-flow order, then what sits on top.
LEVELS: dict[str, int] = {
    "model": 0,
    "schema": 0,
    "names": 0,
    "datewords": 0,
    "gazetteer": 0,
    "version": 0,
    "cache": 0,
    "fingerprint": 0,
    "collector": 0,
    "processes": 0,
    "paths": 0,
    "relation_types": 0,
    "periods": 0,
    "data": 0,
    "read": 1,
    "extract": 2,
    "resolve": 3,
    "relate": 4,
    "graph": 5,
    "export": 6,
    "query": 7,
    "stamp": 8,
    "api": 8,
    "__init__": 9,
    "cli": 10,
    "__main__": 11,
}


def module_name(path: Path) -> str:
    """Dotted module name of a file in the package."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def level(module: str) -> int:
    """The stage a graphkit module belongs to; the package itself is its public API."""
    parts = module.split(".")
    if len(parts) == 1:
        return LEVELS["__init__"]
    return LEVELS[parts[1]]


def imported_modules(path: Path, module: str) -> set[str]:
    """Every graphkit module a file imports, at any depth of its code."""
    return {name for name in referenced_modules(path, module, strings=False) if _exists(name)}


def _exists(module: str) -> bool:
    parts = module.split(".")
    if parts[0] != "graphkit":
        return False
    path = PACKAGE.parent.joinpath(*parts)
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        graph[name] = imported_modules(path, name)
    return graph


def backward_imports(graph: dict[str, set[str]]) -> list[str]:
    """Imports that go against the data flow."""
    wrong = []
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            if level(target) > level(module):
                wrong.append(f"{module} imports {target}")
    return wrong


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in graph:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_module_has_a_stage() -> None:
    for module in import_graph():
        assert module.split(".")[1:2] == [] or module.split(".")[1] in LEVELS, module


def test_stages_import_one_way() -> None:
    assert backward_imports(import_graph()) == []


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_extraction_never_imports_resolution() -> None:
    graph = import_graph()
    for module, targets in graph.items():
        if module.startswith("graphkit.extract"):
            assert not [t for t in targets if t.startswith("graphkit.resolve")], module


@pytest.mark.parametrize(
    ("source", "module", "expected"),
    [
        ("def f():\n    from graphkit.resolve import entities\n", "graphkit.extract.components", True),
        ("from ..cli.app import app\n", "graphkit.query.questions", True),
        ("import graphkit.export.json\n", "graphkit.read.files", True),
        ("from graphkit.read.base import Warn\n", "graphkit.export.json", False),
        ("from . import base\n", "graphkit.read.files", False),
    ],
)
def test_the_check_sees_imports_inside_functions_and_relative_ones(
    tmp_path: Path, source: str, module: str, expected: bool
) -> None:
    path = tmp_path / "module.py"
    path.write_text(source, encoding="utf-8")
    graph = {module: imported_modules(path, module)}
    assert bool(backward_imports(graph)) is expected


def test_the_check_sees_a_cycle() -> None:
    graph = {"graphkit.a": {"graphkit.b"}, "graphkit.b": {"graphkit.a"}, "graphkit.c": set()}
    assert cycles(graph) == [["graphkit.a", "graphkit.b"]]
