"""The package's shape: imports point only down the stages, no cycles, no private names
borrowed across modules.

The allowed order is :data:`LAYERS`, lowest first: a module may import from its own layer
and the layers below it, never from a layer above (a *back edge*). Every import counts:
module level, inside functions and under ``TYPE_CHECKING``. Within a layer (and a
package) the module graph must have no cycle. A name with a leading underscore is private
to its module: importing it, or reading it through a module alias, from another module is
an error.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = "counterclaim"
SRC = Path(__file__).resolve().parents[1] / "src"

#: The stages, lowest first. Data flows one way: each layer may use only those before it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("", "records", "lexicon", "language"),  # shared vocabulary, word lists, model loader
    ("ingest",),
    ("extract",),
    ("resolve",),
    ("normalize",),
    ("compare",),
    ("store",),
    ("pipeline",),
    ("evaluate",),
    ("web",),
    ("cli",),
)
LAYER_OF = {name: rank for rank, names in enumerate(LAYERS) for name in names}


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    line: int
    names: tuple[str, ...] = ()


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(root: Path) -> dict[str, Path]:
    """Every module of the package under ``root`` (migration scripts excluded: Alembic
    loads them by path, never by import)."""
    found = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        name = module_name(path, root)
        if ".migrations.versions." in name + ".":
            continue
        found[name] = path
    return found


def _absolute(node: ast.ImportFrom, name: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = name.split(".") if is_package else name.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def edges(root: Path) -> Iterator[Edge]:
    """Every import of one package module by another, wherever it stands in the file."""
    known = modules(root)
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == PACKAGE:
                        yield Edge(name, _owner(alias.name, known), node.lineno)
            elif isinstance(node, ast.ImportFrom):
                target = _absolute(node, name, path.name == "__init__.py")
                if target.split(".")[0] != PACKAGE:
                    continue
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    if sub in known:  # "from package import module"
                        yield Edge(name, sub, node.lineno)
                    else:
                        yield Edge(name, _owner(target, known), node.lineno, (alias.name,))


def _owner(dotted: str, known: dict[str, Path]) -> str:
    while dotted not in known and "." in dotted:
        dotted = dotted.rsplit(".", 1)[0]
    return dotted


def layer(module: str) -> int:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else ""
    if top not in LAYER_OF:
        raise AssertionError(f"{module}: {top!r} is in no layer; add it to LAYERS")
    return LAYER_OF[top]


def back_edges(root: Path) -> list[str]:
    out = []
    for e in edges(root):
        if e.source != e.target and layer(e.target) > layer(e.source):
            out.append(f"{e.source}:{e.line} imports {e.target} (a later stage)")
    return out


def cycles(root: Path) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    graph: dict[str, set[str]] = {m: set() for m in modules(root)}
    for e in edges(root):
        if e.source != e.target:
            graph[e.source].add(e.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_imports(root: Path) -> list[str]:
    """Private names taken from another module: imported, or read through a module alias."""
    known = modules(root)
    out = [
        f"{e.source}:{e.line} imports {e.target}.{n}"
        for e in edges(root)
        for n in e.names
        if e.source != e.target and _private(n)
    ]
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        aliases: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = _absolute(node, name, path.name == "__init__.py")
                for alias in node.names:
                    if f"{target}.{alias.name}" in known:
                        aliases[alias.asname or alias.name] = f"{target}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname and alias.name in known:
                        aliases[alias.asname] = alias.name
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and aliases[node.value.id] != name
                and _private(node.attr)
            ):
                out.append(f"{name}:{node.lineno} reads {aliases[node.value.id]}.{node.attr}")
    return out


# -- the package itself ------------------------------------------------------------------


def test_imports_only_point_down_the_stages() -> None:
    assert back_edges(SRC) == []


def test_no_import_cycles() -> None:
    assert cycles(SRC) == []


def test_no_private_names_across_modules() -> None:
    assert private_imports(SRC) == []


def test_every_package_says_what_its_stage_takes_and_gives() -> None:
    for init in sorted((SRC / PACKAGE).glob("*/__init__.py")):
        if init.parent.name == "data":
            continue
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert len(doc.split()) >= 12, f"{init.parent.name}/__init__.py needs a docstring"


# -- the checks catch what they are for --------------------------------------------------


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = tmp_path / PACKAGE / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


GOOD = {
    "__init__.py": "",
    "records.py": "",
    "extract/__init__.py": "from counterclaim.records import x\n",
    "store/__init__.py": "",
    "store/ledger.py": "from counterclaim.extract import y\n",
}


def test_a_back_edge_fails(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        **GOOD,
        "extract/patterns.py": "def f():\n    from counterclaim.store import ledger\n",
    })  # fmt: skip
    assert back_edges(root) == [
        "counterclaim.extract.patterns:2 imports counterclaim.store.ledger (a later stage)"
    ]
    assert back_edges(_tree(tmp_path / "ok", GOOD)) == []


def test_a_cycle_inside_a_package_fails(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        **GOOD,
        "store/a.py": "from counterclaim.store import b\n",
        "store/b.py": "def f():\n    from counterclaim.store.a import g\n",
    })  # fmt: skip
    assert cycles(root) == [["counterclaim.store.a", "counterclaim.store.b"]]


def test_a_private_name_across_modules_fails(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        **GOOD,
        "store/a.py": "from counterclaim.store.ledger import _row\n",
        "store/b.py": "from counterclaim.store import ledger\nledger._cache\nledger.__name__\n",
    })  # fmt: skip
    assert private_imports(root) == [
        "counterclaim.store.a:1 imports counterclaim.store.ledger._row",
        "counterclaim.store.b:2 reads counterclaim.store.ledger._cache",
    ]


def test_a_module_outside_the_layers_is_named(tmp_path: Path) -> None:
    root = _tree(tmp_path, {**GOOD, "misc.py": "from counterclaim.records import x\n"})
    with pytest.raises(AssertionError, match="'misc' is in no layer"):
        back_edges(root)
