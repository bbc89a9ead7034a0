"""The records behind every dataset and its files: where it comes from, how to cite it, which file the
warehouse reads (the bundled snapshot or a refreshed copy), checked against its sha256.

- :class:`Source`, :class:`Upstream`, :class:`Citation`: a dataset's record (each source module's ``SOURCE``);
- :class:`Loaded`: one warehouse table a source's ``load()`` returns (the build writes it);
- refreshed copies (``entente data update``): :func:`refreshed_manifest`, :func:`refreshed_file`,
  :func:`file_record` (what a table was built from), :func:`staged` (an update's trial build).

This module imports nothing of entente's above ``config``, ``errors`` and ``catalog``: the sources, the store and the
build all read it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from entente import catalog, config
from entente.errors import ChecksumMismatch, SourceError


@dataclass(frozen=True)
class Citation:
    """How to cite a dataset: a plain-text reference and a BibTeX entry keyed ``key``."""

    key: str
    text: str
    bibtex: str


#: The R package several snapshot files were taken from; cite it beside the datasets it compiled.
PEACESCIENCER = Citation(
    key="miller2022",
    text='Miller, S. V. (2022). "peacesciencer: An R Package for Quantitative Peace Science '
    'Research." Conflict Management and Peace Science 39(6): 755–779.',
    bibtex="""@article{miller2022,
  author = {Miller, Steven V.},
  title = {{peacesciencer}: An {R} Package for Quantitative Peace Science Research},
  journal = {Conflict Management and Peace Science},
  volume = {39}, number = {6}, pages = {755--779}, year = {2022},
  doi = {10.1177/07388942221077926}
}""",
)


@dataclass(frozen=True)
class Upstream:
    """One upstream file: where to download it, its file name, and its sha256 if pinned.

    ``sha256`` is None where no checksum could be pinned offline; the first download then records
    one (trust on first use) and later downloads must match it. ``living`` marks a file its publisher
    keeps current at the same address (the UN's veto list): downloading it again may bring newer data,
    where any other upstream file is one fixed release (an API query whose answer grows with each release,
    such as the IMF's IMTS, is living too). A living file's checksum is recorded in the refreshed copy's
    manifest but never pinned on first use (it is expected to change); the update guard checks what it
    brings instead.
    """

    url: str
    filename: str
    sha256: str | None = None
    format: str = ""
    living: bool = False
    #: HTTP request headers the service needs (an SDMX API answers CSV only when asked: ``Accept``).
    headers: tuple[tuple[str, str], ...] = ()


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
    upstream: tuple[Upstream, ...] = ()
    homepage: str = ""

    def path(self, file: str) -> Path:
        """The path of one of this source's files, verified against its sha256.

        A refreshed copy (``entente data update``) wins over the bundled snapshot when its manifest
        lists the file and was made against this snapshot file; the copy must then match the sha256 in
        the manifest, or this raises :class:`ChecksumMismatch` rather than quietly falling back to
        other data. Without a usable refreshed copy, the snapshot file is checked and returned.
        """
        if file not in self.files:
            raise SourceError(f"{self.name} has no snapshot file {file!r}; it has {sorted(self.files)}")
        refreshed = refreshed_file(self, file)
        if refreshed is not None:
            return refreshed
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


@dataclass(frozen=True)
class Loaded:
    """One warehouse table a source fills: its ``table`` name (declared in :mod:`entente.catalog`, which
    gives its keys and its snapshot file), the ``data``, and the ``file`` it was read from when that is
    not the catalog's snapshot file (a file the user supplied: SIPRI, GSDB)."""

    table: str
    data: pa.Table
    file: str | None = None


def snapshot_tables(source: Source, tables: tuple[str, ...]) -> list[Loaded]:
    """Each of ``tables`` read unchanged from the snapshot file the catalog declares for it (or its
    refreshed copy), checksum checked by :meth:`Source.path`."""
    return [Loaded(name, pq.read_table(source.path(catalog.table(name).file))) for name in tables]


#: Manifests of refreshed copies staged by an update that is building its trial warehouse; they are
#: seen by :func:`refreshed_manifest` (so by :meth:`Source.path` and the warehouse fingerprint) in
#: this process only, until the update commits them to disk.
_STAGED: dict[str, dict] = {}

_MANIFEST_KEYS = ("dataset", "generation", "refreshed_at", "origin", "files")


def refreshed_dir(name: str) -> Path:
    """Where refreshed copies of dataset ``name`` live: ``$ENTENTE_HOME/refreshed/<name>``.

    The folder holds ``manifest.json`` and one generation folder per refresh
    (``<generation>/<snapshot file>``); the manifest names the current generation.
    """
    return config.home() / "refreshed" / name


def refreshed_manifest(name: str) -> dict | None:
    """The manifest of ``name``'s current refreshed copy, or None (no refresh, or an unreadable manifest)."""
    if name in _STAGED:
        return _STAGED[name]
    path = refreshed_dir(name) / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        warnings.warn(f"Ignoring the unreadable manifest {path} ({exc}); {name} uses the bundled snapshot. "
                      f"Run `entente data update {name}` to refresh it again.", stacklevel=2)
        return None
    if not isinstance(manifest, dict) or any(key not in manifest for key in _MANIFEST_KEYS):
        warnings.warn(f"Ignoring the incomplete manifest {path}; {name} uses the bundled snapshot. "
                      f"Run `entente data update {name}` to refresh it again.", stacklevel=2)
        return None
    return manifest


@contextlib.contextmanager
def staged(manifests: dict[str, dict]) -> Iterator[None]:
    """Within the block, treat ``manifests`` (dataset → manifest) as committed, in this process only."""
    previous = dict(_STAGED)
    _STAGED.update(manifests)
    try:
        yield
    finally:
        _STAGED.clear()
        _STAGED.update(previous)


def refreshed_entry(source: Source, file: str) -> tuple[dict, dict] | None:
    """``(manifest, entry)`` for ``file`` if a usable refreshed copy of it exists, else None.

    A copy made against another snapshot file (the package now ships a different one) is not used.
    """
    manifest = refreshed_manifest(source.name)
    if not manifest:
        return None
    entry = manifest["files"].get(file)
    if not entry:
        return None
    if entry.get("snapshot_sha256") != source.files.get(file):
        warnings.warn(
            f"The refreshed copy of {source.name} ({file}) was checked against another version of the "
            f"bundled snapshot; using the snapshot. Run `entente data update {source.name}` to refresh it.",
            stacklevel=2)
        return None
    return manifest, entry


def refreshed_file(source: Source, file: str) -> Path | None:
    """The verified refreshed copy of ``file``, or None when there is no usable one."""
    found = refreshed_entry(source, file)
    if found is None:
        return None
    manifest, entry = found
    path = refreshed_dir(source.name) / manifest["generation"] / file
    if not path.exists():
        raise SourceError(
            f"The refreshed copy of {source.name} is missing: {path} (named by "
            f"{refreshed_dir(source.name) / 'manifest.json'}). Run `entente data update {source.name}` "
            f"to refresh it again, or delete {refreshed_dir(source.name)} to go back to the bundled snapshot.")
    actual = sha256_file(path)
    if actual != entry["sha256"]:
        raise ChecksumMismatch(source.name, path, entry["sha256"], actual)
    return path


def file_record(source: Source, file: str) -> dict:
    """What a warehouse table read from ``file`` was built from: sha256, origin, version, refreshed_at."""
    found = refreshed_entry(source, file)
    if found is None:
        return {"sha256": source.files.get(file, ""), "origin": "snapshot", "version": source.version,
                "refreshed_at": None, "rejects": None}
    manifest, entry = found
    rejects = manifest.get("rejects_file")
    return {"sha256": entry["sha256"], "origin": manifest["origin"],
            "version": manifest.get("version") or source.version, "refreshed_at": manifest["refreshed_at"],
            "rejects": str(refreshed_dir(source.name) / manifest["generation"] / rejects) if rejects else None}


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
