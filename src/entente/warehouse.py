"""The embedded DuckDB warehouse: built from the bundled snapshot, atomically, with provenance.

- **Where.** ``config.warehouse_path()`` (``$ENTENTE_HOME/warehouse.duckdb`` or the per-user data dir).
- **When.** On first use, and again whenever the snapshot's files or ``config.SCHEMA_VERSION`` change:
  ``_meta.fingerprint`` holds a hash of both, compared on every :func:`connect`.
- **Atomic.** A build writes a temporary file next to the warehouse and renames it into place only
  when complete (``os.replace``), so a build killed at any point leaves the old warehouse or none.
  A file lock serialises builders; readers open the file read-only, so several processes can read at
  once, and a reader that opened the old file keeps reading it while a rebuild swaps in the new one.
- **What a build runs.** Every source's ``load()`` (:func:`entente.sources.registry`, in build order),
  then the derived steps (:data:`entente.derive.STEPS`); each table they return is written by
  :mod:`entente.store`, which checks the keys :mod:`entente.catalog` declares and records a
  ``_provenance`` row (dataset, version, file and sha256, rows, coverage).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pandas as pd

from entente import catalog, config, derive, store
from entente.errors import SchemaError, WarehouseError
from entente.sources import file_record, refreshed_entry, registry
from entente.store import Connection, has_table, one

__all__ = ["build", "connect", "connect_if_current", "connection", "ensure", "fingerprint", "has_table", "provenance", "write_derived",
           "write_source"]

def fingerprint() -> str:
    """Hash of the schema version, every snapshot file's recorded sha256 and every refreshed manifest.

    A refreshed copy counts through its manifest (generation and files' sha256), read without hashing
    the data, so a refresh (or its removal) makes the next :func:`connect` rebuild.
    """
    # "provenance=3": _provenance gained first_year/last_year (coverage, entente.catalog); 2 added
    # origin/refreshed_at and _rejects (rebuild older ones).
    digest = hashlib.sha256(f"schema={config.SCHEMA_VERSION};provenance=3".encode())
    for module in registry().values():
        for file, sha in sorted(module.SOURCE.files.items()):
            digest.update(f"{file}={sha};".encode())
            found = refreshed_entry(module.SOURCE, file)
            if found:
                manifest, entry = found
                digest.update(f"refreshed:{manifest['generation']}/{file}={entry['sha256']};".encode())
    # Files the user supplies for datasets entente may not redistribute (SIPRI, GSDB): adding, changing
    # or removing one rebuilds the warehouse. Size and mtime stand in for content: no hashing on connect.
    user = config.home() / "user"
    if user.is_dir():
        for path in sorted(p for p in user.rglob("*") if p.is_file()):
            stat = path.stat()
            digest.update(f"user:{path.relative_to(user)}={stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()


def build(path: Path | None = None, *, progress: bool = True) -> Path:
    """Build the warehouse from the snapshot into ``path`` (atomically) and return the path."""
    path = Path(path or config.warehouse_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    with _lock(path):
        _sweep(path)
        return _build(path, progress)


def _lock(path: Path):
    """The builders' lock (an OS file lock: released when a killed builder's process ends)."""
    # here, not at the top: only a build or a sweep takes the lock, and a brief on a built warehouse never
    # loads filelock and rich (0.04 s of a 2 s command, in each of its two processes)
    from filelock import FileLock

    return FileLock(str(path.with_name(path.name + ".lock")), timeout=600)


def _sweep(path: Path) -> None:
    """Remove temporary files left by killed builders; call only while holding :func:`_lock`."""
    for stale in path.parent.glob(path.name + ".building-*"):
        stale.unlink(missing_ok=True)


def write_source(con: Connection, module) -> list[str]:
    """Write the tables source ``module``'s ``load()`` returns into ``con``; return their names.

    Each must be declared in :mod:`entente.catalog` for this dataset (its keys are checked there, and its
    snapshot file is the one recorded unless the source read a file the user supplied)."""
    source, written = module.SOURCE, []
    for loaded in module.load():
        spec = catalog.TABLES.get(loaded.table)
        if spec is None or spec.dataset != source.name:
            raise SchemaError(f"{source.name}: load() returned table {loaded.table!r}, which entente.catalog "
                              f"does not declare for {source.name}; add a catalog entry.")
        file = loaded.file or spec.file
        written.append(store.write_table(con, loaded.table, loaded.data, source.name, file, file_record(source, file)))
    return written


def write_derived(con: Connection, compute, inputs: tuple[str, ...]) -> list[str]:
    """Write the tables ``compute(con)`` derives from ``inputs`` (a step of :data:`entente.derive.STEPS`)."""
    return [store.write_derived(con, name, data, inputs, derive.VERSION) for name, data in compute(con).items()]


def _build(path: Path, progress: bool) -> Path:
    tmp = path.with_name(f"{path.name}.building-{os.getpid()}")
    _remove(tmp)
    steps = [(f"load {name}", functools.partial(write_source, module=module)) for name, module in registry().items()]
    steps += [(label, functools.partial(write_derived, compute=compute, inputs=inputs))
              for label, compute, inputs in derive.STEPS]
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute(store.PROVENANCE_DDL)
            with _progress(progress) as bar:
                task = bar.add_task("Building the entente warehouse", total=len(steps))
                for label, step in steps:
                    bar.update(task, description=f"Building the entente warehouse: {label}")
                    step(con)
                    bar.advance(task)
            con.execute("CREATE OR REPLACE TABLE _meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
            con.execute("INSERT INTO _meta VALUES ('fingerprint', ?), ('schema_version', ?), ('built_at', ?)",
                        [fingerprint(), str(config.SCHEMA_VERSION), dt.datetime.now(dt.timezone.utc).isoformat()])
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise
    return path


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        candidate.unlink(missing_ok=True)


def _progress(enabled: bool):
    from rich.console import Console   # a build's progress bar: loaded only when a build runs (see _lock)
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                    TimeElapsedColumn(), console=Console(stderr=True), transient=True, disable=not enabled)


def _current(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return False
    try:
        row = one(con, "SELECT value FROM _meta WHERE key = 'fingerprint'")
    except duckdb.Error:
        return False
    finally:
        con.close()
    return bool(row) and row[0] == fingerprint()


def connect_if_current() -> duckdb.DuckDBPyConnection | None:
    """A read-only connection to the warehouse if it is built and up to date, else None: never builds (for a
    process that leaves the build to another, :mod:`entente.cli.brief_apart`), and checks the fingerprint
    once, where :func:`connect` would check it again."""
    path = config.warehouse_path()
    if not _current(path):
        return None
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None


def ensure(*, progress: bool = True) -> Path:
    """Build or rebuild the warehouse if it is missing, stale or unreadable; return its path."""
    path = config.warehouse_path()
    if _current(path):
        if any(path.parent.glob(path.name + ".building-*")):
            with _lock(path):
                _sweep(path)
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with _lock(path):
        _sweep(path)
        if not _current(path):
            _build(path, progress)
    return path


def connect(*, progress: bool = True) -> duckdb.DuckDBPyConnection:
    """A read-only connection to an up-to-date warehouse (building it first if needed)."""
    path = ensure(progress=progress)
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise WarehouseError(
            f"Cannot open the warehouse at {path}: {exc}. Delete the file to rebuild it, "
            "or set ENTENTE_HOME to another folder."
        ) from exc


@functools.cache
def connection() -> duckdb.DuckDBPyConnection:
    """One shared read-only connection per process (what the API functions use)."""
    return connect()


def provenance(con: Connection | None = None, tables: Iterable[str] | None = None) -> pd.DataFrame:
    """The ``_provenance`` rows, for the given tables or all of them."""
    return store.provenance(con or connection(), tables)
