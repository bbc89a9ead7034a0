"""The package's layers import one way: a module imports only from its own layer or the layers below.

Read from the source (``ast``), so an import hidden in a function counts too. The layers, bottom up, are
the ones CONTRIBUTING.md draws; a new top-level module or package must be placed in one here.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "entente"

#: Bottom to top. Data flows up: sources → store/warehouse → pair, frames, events → network → pictures → brief → cli.
LAYERS = (
    {"errors", "config", "codings", "catalog", "period_names", "countries_aliases", "ingest"},
    {"countries", "period"},
    {"sources", "fetch", "store", "measures"},
    {"derive", "warehouse"},
    {"pair", "frames", "events", "refresh"},
    {"network"},
    {"pictures"},
    {"brief", "factcheck"},
    {"cli", "__main__", "__init__", "web"},
)
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}


def _unit(module: str) -> str:
    """``entente.pair.trend`` → ``pair``; ``entente`` → ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports() -> list[tuple[str, str, int]]:
    """(importing module, imported module, line) for every import of entente inside entente."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("entente"):
                targets = [node.module] if node.module != "entente" else [f"entente.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.startswith("entente")]
            else:
                continue
            found += [(module, target, node.lineno) for target in targets]
    return found


def test_every_top_level_module_has_a_layer():
    units = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
             if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists()))}
    assert units - set(RANK) == set(), "place the new module in a layer of LAYERS (and in CONTRIBUTING.md)"


def test_no_module_imports_from_a_layer_above_its_own():
    upward = [f"{a} (line {line}) imports {b}" for a, b, line in _imports()
              if _unit(b) in RANK and RANK[_unit(b)] > RANK[_unit(a)]]
    assert upward == []


def test_the_layer_check_sees_an_upward_import():
    """The check above can fail: the pair layer importing the brief would be caught."""
    assert RANK[_unit("entente.brief.render")] > RANK[_unit("entente.pair.dyad")]
    assert {("entente.warehouse", "entente.store")} <= {(a, b) for a, b, _ in _imports()}


def test_no_query_leaves_a_result_half_read():
    """``fetchone()`` leaves DuckDB 2's result open on the connection, and the next query on the shared
    connection fails ("unfinished result"); the package reads single rows with :func:`entente.store.one`."""
    offenders = [f"{path.relative_to(PACKAGE)}:{number}" for path in PACKAGE.rglob("*.py")
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if ".fetchone()" in line and "``" not in line]
    assert offenders == []
