"""The datasets entente stands on: one module per dataset, each exposing ``SOURCE`` and ``load()``.

A :class:`Source` records where a dataset comes from (upstream files with address and, where known,
sha256; the version), the files of the offline snapshot bundled in ``entente/data`` with their sha256,
the licence, and how to cite it (text and BibTeX). Each module has the same shape:

- ``SOURCE``: the record;
- ``parse(path) -> pyarrow.Table`` (where an upstream format is supported): upstream file → a table in
  the field's conventions, the same table the snapshot holds;
- ``load(con)``: read the snapshot (or a refreshed copy), check it, write warehouse tables through
  :func:`entente.warehouse.write_table`, which records a ``_provenance`` row for each.

:func:`registry` discovers every module in this package (no list to keep in sync); ``ORDER`` in a
module sets its place in the build (default 100; the state system loads first).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import json
import pkgutil
import warnings
from collections.abc import Iterator
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
    one (trust on first use) and later downloads must match it, unless the file is ``live``.
    """

    url: str
    filename: str
    sha256: str | None = None
    format: str = ""
    #: HTTP request headers the service needs (an SDMX API answers CSV only when asked: ``Accept``).
    headers: tuple[tuple[str, str], ...] = ()
    #: A query whose answer changes with each release (an API, not a file): its sha256 is recorded in the
    #: refreshed copy's manifest but never pinned, so the next release is not a checksum mismatch.
    live: bool = False


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


#: The key of each snapshot table whose module declares it only as the ``unique=`` its ``load()`` passes to
#: :func:`entente.warehouse.write_table` (the modules built on :class:`~entente.sources._rda_tables.RdaTable`
#: declare theirs in the spec). :func:`table_keys` reads both; ``entente data update`` refuses a replacement
#: that breaks its key. A test keeps these equal to what ``load()`` passes, until ``load()`` reads them here.
#: Tables without a key (``cameo_actor_types``: GDELT lists UIS twice; ``unsc_vetoes``) are not listed.
KEYS: dict[str, tuple[str, ...]] = {
    "cameo/cameo_event_codes.parquet": ("cameo_code",),
    "cameo/quad_classes.parquet": ("quad_class",),
    "cameo/cameo_country_codes.parquet": ("cameo_country_code",),
    "cameo/fips_country_codes.parquet": ("fips_country_code",),
    "geo/cow_capitals.parquet": ("ccode", "start_date"),
    "geo/cow_contiguity.parquet": ("ccode1", "ccode2", "start_date"),
    "geo/cow_mindist_dyad_year.parquet": ("ccode1", "ccode2", "year"),
    "igo/cow_igo_dyad_year.parquet": ("ccode1", "ccode2", "year"),
    "capabilities/cow_nmc_state_year.parquet": ("ccode", "year"),
    "trade/cow_trade_dyad_year.parquet": ("ccode1", "ccode2", "year"),
    "trade/cow_trade_state_year.parquet": ("ccode", "year"),
    "trade/imf_dots_dyad_year.parquet": ("ccode1", "ccode2", "year"),
    "trade/imf_dots_state_year.parquet": ("ccode", "year"),
    "trade/imf_imts_dyad_year.parquet": ("ccode1", "ccode2", "year"),
    "trade/imf_imts_state_year.parquet": ("ccode", "year"),
    "unga/dgacm_resolutions.parquet": ("symbol",),
    "unga/dgacm_votes.parquet": ("symbol", "ccode"),
    "sanctions/ties_v4_1_cases.parquet": ("caseid",),
}


def table_keys(module) -> dict[str, tuple[str, ...]]:
    """Snapshot file → key columns for the tables of source ``module`` that have a key.

    From the module's :class:`~entente.sources._rda_tables.RdaTable` specs (a spec's ``unique``) where it
    has them, else from :data:`KEYS`.
    """
    from entente.sources._rda_tables import RdaTable

    specs = []
    for value in vars(module).values():
        items = value if isinstance(value, tuple) else (value,)
        specs += [item for item in items if isinstance(item, RdaTable)]
    keys = {spec.file: tuple(spec.unique) for spec in specs if spec.unique}
    return {file: keys.get(file) or KEYS[file] for file in module.SOURCE.files if keys.get(file) or file in KEYS}


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
    from entente.sources._reference import REFERENCE_FILES

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
    from entente.sources._reference import REFERENCE_FILES

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
