"""The datasets entente stands on: one module per dataset, each exposing ``SOURCE`` and ``load()``.

A :class:`Source` records where a dataset comes from (upstream address and version), the files of
the offline snapshot bundled in ``entente/data`` with their sha256, the licence, and how to cite it
(text and BibTeX). ``load(con)`` reads the snapshot files, checks them, and writes warehouse tables
through :func:`entente.warehouse.write_table`, which records a ``_provenance`` row for each.

``REGISTRY`` lists every source in the order the warehouse builds them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from entente import config
from entente.errors import ChecksumMismatch, SourceError


@dataclass(frozen=True)
class Citation:
    """How to cite a dataset: a plain-text reference and a BibTeX entry keyed ``key``."""

    key: str
    text: str
    bibtex: str


@dataclass(frozen=True)
class Source:
    """Where a dataset comes from and how it may be used.

    ``files`` maps each snapshot file (relative to ``entente/data``) to its sha256; ``coverage`` is
    filled from the data when the warehouse is built, never hard-coded here.
    """

    name: str
    title: str
    version: str
    url: str
    licence: str
    citations: tuple[Citation, ...]
    files: dict[str, str] = field(default_factory=dict)
    unit: str = ""
    redistributable: bool = True

    def path(self, file: str) -> Path:
        """The snapshot path of one of this source's files, verified against its sha256."""
        if file not in self.files:
            raise SourceError(f"{self.name} has no snapshot file {file!r}; it has {sorted(self.files)}")
        path = config.snapshot_dir() / file
        if not path.exists():
            raise SourceError(
                f"Snapshot file for {self.name} is missing: {path}. Reinstall entente "
                "(pip install -e .) or restore the file from the repository."
            )
        actual = sha256_file(path)
        if actual != self.files[file]:
            raise ChecksumMismatch(self.name, path, self.files[file], actual)
        return path


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def registry() -> dict[str, object]:
    """Source modules by name, in build order (imported lazily: nothing loads on ``import entente``)."""
    from entente.sources import cow_system, countrycode, dgacm, gw_system, unvotes

    modules = (cow_system, gw_system, countrycode, unvotes, dgacm)
    return {module.SOURCE.name: module for module in modules}


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
    for name, module in registry().items():
        s = module.SOURCE
        lines += [f"## `{name}`: {s.title}", "", f"- **Version:** {s.version}", f"- **Upstream:** <{s.url}>",
                  f"- **Licence / terms:** {s.licence}",
                  f"- **Redistributed here:** {'yes' if s.redistributable else 'no (user supplies the file)'}",
                  "- **Files:**"]
        lines += [f"  - `{file}` sha256 `{sha}`" for file, sha in s.files.items()]
        lines += ["- **Cite:**"] + [f"  - {c.text}" for c in s.citations]
        doc = (module.__doc__ or "").strip()
        if doc:
            lines += ["", doc]
        lines.append("")
    return "\n".join(lines)


def write_sources_markdown() -> Path:
    """Rewrite ``entente/data/SOURCES.md`` from the records (run after changing a source)."""
    path = config.snapshot_dir() / "SOURCES.md"
    path.write_text(sources_markdown(), encoding="utf-8")
    return path
