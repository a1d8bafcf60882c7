"""The folders are layers: a package imports only packages of its own layer or below, and no modules
import each other in a circle. Read from the source with `ast` (every import, at any depth, counts)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "diplowatch"

# Lowest first. `diplowatch/__init__.py` (the lazy public façade with __version__) and `__main__` stand outside.
LAYERS = [
    {"core", "errors", "lang", "progress", "settings"},
    {"nlp", "clean"},
    {"actors", "places", "store"},
    {"ingest", "events"},
    {"engine", "watch", "ledger"},
    {"app", "api", "component", "evaluate", "report", "alerts"},
    {"web", "cli"},
]
LAYER_OF = {name: rank for rank, names in enumerate(LAYERS) for name in names}
OUTSIDE = {"__init__", "__main__"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _parse(path: Path) -> ast.Module:
    """Parse a module; once more on CPython 3.11's SystemError "AST constructor recursion depth mismatch",
    which another thread compiling at the same moment (a test server rendering templates) can cause
    (CPython gh-106905: the AST state's depth counter is shared)."""
    source = path.read_text(encoding="utf-8")
    try:
        return ast.parse(source)
    except SystemError:
        return ast.parse(source)


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(_parse(path)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("diplowatch"):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("diplowatch"))
    return found


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in PACKAGE.rglob("*.py")}


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_package_has_a_layer():
    tops = {_top(m) for m in _graph()} - OUTSIDE
    assert tops <= set(LAYER_OF), f"put these in LAYERS: {sorted(tops - set(LAYER_OF))}"


def test_no_package_imports_a_higher_layer():
    upward = []
    for module, imported in _graph().items():
        source = _top(module)
        if source in OUTSIDE:
            continue
        for target in imported:
            top = _top(target)
            if top not in OUTSIDE and LAYER_OF[top] > LAYER_OF[source]:
                upward.append(f"{module} -> {target}")
    assert not upward, "imports of a higher layer:\n" + "\n".join(sorted(upward))


def test_no_import_cycles_between_packages():
    edges: dict[str, set[str]] = {}
    for module, imported in _graph().items():
        source = _top(module)
        edges.setdefault(source, set()).update(_top(t) for t in imported if _top(t) != source)
    _assert_acyclic({k: v - OUTSIDE for k, v in edges.items() if k not in OUTSIDE})


def test_no_import_cycles_between_modules():
    graph = _graph()
    modules = set(graph)
    # A package's __init__ may re-export its modules; an edge to a package means its __init__.
    edges = {m: {t for t in imported if t in modules and t != m} for m, imported in graph.items()}
    for module in list(edges):
        if module.count(".") >= 1 and module in {_module_name(p) for p in PACKAGE.rglob("__init__.py")}:
            # Re-exports are not dependencies of the package's own modules back on it.
            edges[module] = {t for t in edges[module] if not t.startswith(module + ".")}
    _assert_acyclic(edges)


def _assert_acyclic(edges: dict[str, set[str]]) -> None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt) :] + [nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if state.get(nxt) is None:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(edges):
        if state.get(node) is None:
            visit(node)
