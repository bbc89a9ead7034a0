"""The warehouse's low-level store: write a table, record its provenance and coverage, check its keys.

Nothing here knows where data come from: :func:`entente.warehouse.build` runs the sources and the
derived steps and hands each table to :func:`write_table` with a record of what it was made from.

- ``_provenance`` holds, for every table written: the dataset, its version, the snapshot file and its
  sha256, the row count, the build time and the years the table covers (``first_year``, ``last_year``,
  as :mod:`entente.catalog` declares them). Derived tables (``unga_*``, ``m_*``) name the tables they
  were computed from. A table read from a refreshed copy (``entente data update``) records that copy's
  sha256, ``origin`` ``download`` or ``file`` (else ``snapshot``) and ``refreshed_at``.
- ``_rejects`` holds the lines a refresh's parser set aside (dataset, file, line, reason, text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import duckdb
import pandas as pd
import pyarrow as pa

from entente import catalog
from entente.errors import SchemaError

#: A DuckDB connection to the warehouse (read-only when served by :func:`entente.warehouse.connect`, writable
#: while a build writes it). Functions that read the warehouse take one as ``con``; those whose ``con`` may
#: be None use the process's shared connection (:func:`entente.warehouse.connection`).
Connection = duckdb.DuckDBPyConnection

PROVENANCE_DDL = """
CREATE TABLE IF NOT EXISTS _provenance (
    table_name VARCHAR PRIMARY KEY, dataset VARCHAR, version VARCHAR, source_file VARCHAR,
    sha256 VARCHAR, rows BIGINT, built_at TIMESTAMP, origin VARCHAR, refreshed_at TIMESTAMP,
    first_year INTEGER, last_year INTEGER)
"""

REJECTS_DDL = """
CREATE TABLE IF NOT EXISTS _rejects (dataset VARCHAR, file VARCHAR, line BIGINT, reason VARCHAR, text VARCHAR)
"""


def one(con: Connection, sql: str, params=None) -> tuple | None:
    """The first row of ``sql`` (None when it has none), its result read to the end. DuckDB 2 keeps a
    half-read result open on the connection (as ``fetchone()`` leaves it), and the next query on a shared
    connection then fails with "connection has an unfinished result"."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


def has_table(con: Connection, table: str) -> bool:
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


def write_table(con: Connection, name: str, data, dataset: str, file: str, made_from: dict) -> str:
    """Replace table ``name`` with ``data``, check the keys :mod:`entente.catalog` declares for it, and
    record its provenance: ``made_from`` is :func:`entente.sources.file_record` of ``file`` (sha256,
    origin, version, refreshed_at, and the rejects file of a refreshed copy, loaded into ``_rejects``)."""
    rows = _replace(con, name, data)
    keys = catalog.table(name).keys
    if keys:
        columns = ", ".join(keys)
        dupes = one(con,
            f'SELECT count(*) FROM (SELECT {columns} FROM "{name}" GROUP BY ALL HAVING count(*) > 1)'
        )[0]
        if dupes:
            raise SchemaError(f"{dataset}: {dupes} duplicated ({columns}) keys in {file or name}.")
    _record(con, name, dataset, made_from["version"], file, made_from["sha256"], rows,
            made_from["origin"], made_from["refreshed_at"])
    if made_from.get("rejects"):
        _store_rejects(con, dataset, made_from["rejects"])
    return name


def write_derived(con: Connection, name: str, data, inputs: Iterable[str], version: str) -> str:
    """Replace derived table ``name``; its provenance names the ``inputs`` tables."""
    rows = _replace(con, name, data)
    _record(con, name, "entente (derived)", version, ", ".join(inputs), "", rows, "derived", None)
    return name


def _replace(con: Connection, name: str, data) -> int:
    """CREATE OR REPLACE table ``name`` from an Arrow table or pandas frame; return its row count."""
    table = _as_arrow(data)
    con.register("_incoming", table)
    try:
        con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM _incoming')
    finally:
        con.unregister("_incoming")
    return table.num_rows


def _record(con: Connection, name, dataset, version, file, sha, rows, origin, refreshed_at) -> None:
    con.execute(PROVENANCE_DDL)
    con.execute(REJECTS_DDL)
    refreshed = dt.datetime.fromisoformat(refreshed_at).replace(tzinfo=None) if refreshed_at else None
    first, last = _coverage(con, name) or (None, None)
    con.execute("INSERT OR REPLACE INTO _provenance (table_name, dataset, version, source_file, sha256, rows, "
                "built_at, origin, refreshed_at, first_year, last_year) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [name, dataset, version, file, sha, rows, dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
                 origin, refreshed, first, last])


def _coverage(con: Connection, name: str) -> tuple[int, int] | None:
    """The years table ``name`` speaks for, as :mod:`entente.catalog` declares them (None if undeclared)."""
    spec = catalog.TABLES.get(name)
    if spec is None:
        return None
    sql = catalog.coverage_sql(spec)
    observed = one(con, sql) if sql else (None, None)
    return catalog.declared_span(spec, observed)


def _store_rejects(con: Connection, dataset: str, path: str) -> None:
    """Replace ``dataset``'s rows in ``_rejects`` with the lines its refresh set aside (a Parquet file)."""
    con.execute(REJECTS_DDL)
    con.execute("DELETE FROM _rejects WHERE dataset = ?", [dataset])
    con.execute("INSERT INTO _rejects SELECT ?, file, line, reason, text FROM read_parquet(?)", [dataset, path])


def provenance(con: Connection, tables: Iterable[str] | None = None) -> pd.DataFrame:
    """The ``_provenance`` rows, for the given tables or all of them."""
    frame = con.execute("SELECT * FROM _provenance ORDER BY table_name").df()
    return frame if tables is None else frame[frame["table_name"].isin(list(tables))].reset_index(drop=True)
