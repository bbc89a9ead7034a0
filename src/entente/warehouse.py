"""The embedded DuckDB warehouse: built from the bundled snapshot, atomically, with provenance.

- **Where.** ``config.warehouse_path()`` (``$ENTENTE_HOME/warehouse.duckdb`` or the per-user data dir).
- **When.** On first use, and again whenever the snapshot's files or ``config.SCHEMA_VERSION`` change:
  ``_meta.fingerprint`` holds a hash of both, compared on every :func:`connect`.
- **Atomic.** A build writes a temporary file next to the warehouse and renames it into place only
  when complete (``os.replace``), so a build killed at any point leaves the old warehouse or none.
  A file lock serialises builders; readers open the file read-only, so several processes can read at
  once, and a reader that opened the old file keeps reading it while a rebuild swaps in the new one.
- **Provenance.** ``_provenance`` holds, for every table written: the dataset, its version, the
  snapshot file and its sha256, the row count, the build time and the years the table covers
  (``first_year``, ``last_year``, as :mod:`entente.catalog` declares them). Derived tables (``unga_*``,
  ``m_*``) name the tables they were computed from. A table read from a refreshed copy
  (``entente data update``) records that copy's sha256, ``origin`` ``download`` or ``file`` (else
  ``snapshot``) and ``refreshed_at``; the lines its parser set aside go to ``_rejects``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
from filelock import FileLock

from entente import catalog, config
from entente.errors import SchemaError, WarehouseError

PROVENANCE_DDL = """
CREATE TABLE IF NOT EXISTS _provenance (
    table_name VARCHAR PRIMARY KEY, dataset VARCHAR, version VARCHAR, source_file VARCHAR,
    sha256 VARCHAR, rows BIGINT, built_at TIMESTAMP, origin VARCHAR, refreshed_at TIMESTAMP,
    first_year INTEGER, last_year INTEGER)
"""

REJECTS_DDL = """
CREATE TABLE IF NOT EXISTS _rejects (dataset VARCHAR, file VARCHAR, line BIGINT, reason VARCHAR, text VARCHAR)
"""


def has_table(con, table: str) -> bool:
    """Whether ``table`` (a table or view, temporary or registered too) can be read by name on ``con``.
    Binding a relation to it costs a tenth of a millisecond, a query of ``information_schema`` ten times
    as much (and frames check each of their tables on every call)."""
    try:
        con.table(table)
    except duckdb.CatalogException:
        return False
    return True


def _as_arrow(data: pa.Table | pd.DataFrame) -> pa.Table:
    return data if isinstance(data, pa.Table) else pa.Table.from_pandas(data, preserve_index=False)


def write_table(con, name: str, data, source, file: str | None = None, *,
                unique: Iterable[str] | None = None) -> str:
    """Replace table ``name`` with ``data`` and record its provenance; check ``unique`` keys first."""
    _replace(con, name, data)
    if unique:
        keys = ", ".join(unique)
        dupes = con.execute(
            f'SELECT count(*) FROM (SELECT {keys} FROM "{name}" GROUP BY ALL HAVING count(*) > 1)'
        ).fetchone()[0]
        if dupes:
            raise SchemaError(f"{source.name}: {dupes} duplicated ({keys}) keys in {file or name}.")
    rows = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
    from entente.sources import file_record

    made_from = file_record(source, file) if file else {"sha256": "", "origin": "snapshot",
                                                         "version": source.version, "refreshed_at": None}
    _record(con, name, source.name, made_from["version"], file or "", made_from["sha256"], rows,
            made_from["origin"], made_from["refreshed_at"])
    if made_from.get("rejects"):
        _store_rejects(con, source.name, made_from["rejects"])
    return name


def write_derived(con, name: str, data, inputs: Iterable[str], version: str) -> str:
    """Replace derived table ``name``; its provenance names the ``inputs`` tables."""
    rows = _replace(con, name, data)
    _record(con, name, "entente (derived)", version, ", ".join(inputs), "", rows, "derived", None)
    return name


def _replace(con, name: str, data) -> int:
    """CREATE OR REPLACE table ``name`` from an Arrow table or pandas frame; return its row count."""
    table = _as_arrow(data)
    con.register("_incoming", table)
    try:
        con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM _incoming')
    finally:
        con.unregister("_incoming")
    return table.num_rows


def _record(con, name, dataset, version, file, sha, rows, origin, refreshed_at) -> None:
    con.execute(PROVENANCE_DDL)
    con.execute(REJECTS_DDL)
    refreshed = dt.datetime.fromisoformat(refreshed_at).replace(tzinfo=None) if refreshed_at else None
    first, last = _coverage(con, name) or (None, None)
    con.execute("INSERT OR REPLACE INTO _provenance (table_name, dataset, version, source_file, sha256, rows, "
                "built_at, origin, refreshed_at, first_year, last_year) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [name, dataset, version, file, sha, rows, dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
                 origin, refreshed, first, last])


def _coverage(con, name: str) -> tuple[int, int] | None:
    """The years table ``name`` speaks for, as :mod:`entente.catalog` declares them (None if undeclared)."""
    spec = catalog.TABLES.get(name)
    if spec is None:
        return None
    sql = catalog.coverage_sql(spec)
    observed = con.execute(sql).fetchone() if sql else (None, None)
    return catalog.declared_span(spec, observed)


def _store_rejects(con, dataset: str, path: str) -> None:
    """Replace ``dataset``'s rows in ``_rejects`` with the lines its refresh set aside (a Parquet file)."""
    con.execute(REJECTS_DDL)
    con.execute("DELETE FROM _rejects WHERE dataset = ?", [dataset])
    con.execute("INSERT INTO _rejects SELECT ?, file, line, reason, text FROM read_parquet(?)", [dataset, path])


def fingerprint() -> str:
    """Hash of the schema version, every snapshot file's recorded sha256 and every refreshed manifest.

    A refreshed copy counts through its manifest (generation and files' sha256), read without hashing
    the data, so a refresh (or its removal) makes the next :func:`connect` rebuild.
    """
    from entente.sources import refreshed_entry, registry

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


def _lock(path: Path) -> FileLock:
    """The builders' lock (an OS file lock: released when a killed builder's process ends)."""
    return FileLock(str(path.with_name(path.name + ".lock")), timeout=600)


def _sweep(path: Path) -> None:
    """Remove temporary files left by killed builders; call only while holding :func:`_lock`."""
    for stale in path.parent.glob(path.name + ".building-*"):
        stale.unlink(missing_ok=True)


def _build(path: Path, progress: bool) -> Path:
    from entente import derive
    from entente.sources import registry

    tmp = path.with_name(f"{path.name}.building-{os.getpid()}")
    _remove(tmp)
    sources = registry()
    steps = [(f"load {name}", module.load) for name, module in sources.items()] + derive.STEPS
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute(PROVENANCE_DDL)
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
    from rich.console import Console
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
        row = con.execute("SELECT value FROM _meta WHERE key = 'fingerprint'").fetchone()
    except duckdb.Error:
        return False
    finally:
        con.close()
    return bool(row) and row[0] == fingerprint()


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


@cache
def connection() -> duckdb.DuckDBPyConnection:
    """One shared read-only connection per process (what the API functions use)."""
    return connect()


def provenance(con=None, tables: Iterable[str] | None = None) -> pd.DataFrame:
    """The ``_provenance`` rows, for the given tables or all of them."""
    con = con or connection()
    frame = con.execute("SELECT * FROM _provenance ORDER BY table_name").df()
    return frame if tables is None else frame[frame["table_name"].isin(list(tables))].reset_index(drop=True)
