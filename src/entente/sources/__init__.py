"""The datasets entente stands on: one module per dataset, each exposing ``SOURCE`` and ``load()``.

A :class:`~entente.sources.snapshot.Source` records where a dataset comes from (upstream files with
address and, where known, sha256; the version), the files of the offline snapshot bundled in
``entente/data`` with their sha256, the licence, and how to cite it (text and BibTeX). Each module has
the same shape:

- ``SOURCE``: the record;
- ``parse(path) -> pyarrow.Table`` (where an upstream format is supported): upstream file → a table in
  the field's conventions, the same table the snapshot holds;
- ``load() -> list[Loaded]``: read the snapshot (or a refreshed copy), check it, and return the
  warehouse tables it fills. A source never writes: :func:`entente.warehouse.build` writes each
  :class:`~entente.sources.snapshot.Loaded` table through :mod:`entente.store`, checking the keys
  :mod:`entente.catalog` declares and recording a ``_provenance`` row.

:func:`registry` discovers every module in this package (no list to keep in sync); ``ORDER`` in a
module sets its place in the build (default 100; the state system loads first).
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from pathlib import Path

from entente import catalog, config
from entente.errors import SourceError
from entente.sources._reference import REFERENCE_FILES
from entente.sources.snapshot import (PEACESCIENCER, Citation, Loaded, Source, Upstream, file_record,
                                      refreshed_dir, refreshed_entry, refreshed_file, refreshed_manifest,
                                      sha256_file, snapshot_tables, staged)

__all__ = [
    "PEACESCIENCER", "Citation", "Loaded", "Source", "Upstream", "file_record", "records", "refreshed_dir",
    "refreshed_entry", "refreshed_file", "refreshed_manifest", "registry", "sha256_file", "snapshot_tables",
    "sources_markdown", "staged", "table_keys", "write_sources_markdown",
]


def table_keys(module) -> dict[str, tuple[str, ...]]:
    """Snapshot file → key columns, for the tables of source ``module`` that have a key (as
    :mod:`entente.catalog` declares them); ``entente data update`` refuses a replacement that breaks one."""
    return {spec.file: spec.keys for spec in catalog.TABLES.values()
            if spec.dataset == module.SOURCE.name and spec.file and spec.keys}


@functools.cache
def registry() -> dict[str, object]:
    """Source modules by ``SOURCE.name``, in build order (imported on first call, not on ``import entente``)."""
    modules = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "SOURCE") and hasattr(module, "load"):
            modules.append(module)
    modules.sort(key=lambda m: (getattr(m, "ORDER", 100), m.SOURCE.name))
    names = [m.SOURCE.name for m in modules]
    if len(set(names)) != len(names):
        raise SourceError(f"Two source modules share a SOURCE.name: {sorted(n for n in names if names.count(n) > 1)}")
    return {module.SOURCE.name: module for module in modules}


def records() -> dict[str, Source]:
    """Every :class:`Source` record by name: the datasets (:func:`registry`, build order), then the bundled
    reference files that are not warehouse tables (the world map's outlines)."""
    return {**{name: module.SOURCE for name, module in registry().items()}, **{s.name: s for s in REFERENCE_FILES}}


def sources_markdown() -> str:
    """The text of ``entente/data/SOURCES.md``, generated from the ``SOURCE`` records (a test keeps them equal)."""
    lines = [
        "# The offline snapshot: sources, versions, licences, checksums",
        "",
        "Generated from the `SOURCE` records in `entente/sources/` (`entente.sources.write_sources_markdown()` rewrites it;",
        "a test fails if it drifts). Each file was copied unchanged from the project's curated data folder,",
        "which converted the upstream releases to Parquet (zstd); the sha256 is that of the file here.",
        "",
    ]
    records = [(name, module.SOURCE, module.__doc__) for name, module in registry().items()]
    records += [(s.name, s, f"{s.unit.capitalize()}s for maps; not a warehouse table (read by entente.pictures).")
                for s in REFERENCE_FILES]
    for name, s, doc in records:
        lines += [f"## `{name}`: {s.title}", "", f"- **Version:** {s.version}", f"- **Home:** <{s.homepage or s.url}>",
                  f"- **Licence / terms:** {s.licence}",
                  f"- **Redistributed here:** {'yes' if s.redistributable else 'no (user supplies the file)'}",
                  "- **Files:**"]
        lines += [f"  - `{file}` sha256 `{sha}`" for file, sha in s.files.items()]
        if s.upstream:
            lines += ["- **Upstream files** (`entente data update` downloads these):" if name in registry()
                      else "- **Upstream file** (the bundled copy is byte-identical):"]
            lines += [f"  - <{u.url}>" + (f" sha256 `{u.sha256}`" if u.sha256 else " (checksum recorded on first download)")
                      for u in s.upstream]
        lines += ["- **Cite:**"] + [f"  - {c.text}" for c in s.citations]
        doc = (doc or "").strip()
        if doc:
            lines += ["", doc]
        lines.append("")
    return "\n".join(lines)


def write_sources_markdown() -> Path:
    """Rewrite ``entente/data/SOURCES.md`` from the records (run after changing a source)."""
    path = config.snapshot_dir() / "SOURCES.md"
    path.write_text(sources_markdown(), encoding="utf-8")
    return path
