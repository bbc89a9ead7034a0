"""The fast reader: a checked GDELT file straight from its bytes to a typed Polars frame.

:func:`entente.events.gdelt.prepare` has already checked the structure of a clean file (no CR, no empty
line, the right tab total). :func:`read` parses it with Polars' multi-threaded CSV reader (tab, no
quoting, strict UTF-8, an explicit schema: the types of :data:`~entente.events.schema._TYPES`, codes kept
as text) and adds the same columns as the careful DuckDB path (:func:`entente.events.gdelt.load`):
``event_date`` (or ``mention_time``), ``gdelt_version``, ``source_file``, ``source_line`` and
``_file_index``. It is an optimisation only, never a second set of rules: whenever a file is anything
but clean — invalid UTF-8, a line with too many fields, a value that is not of its column's type (Polars
refuses 3.5 in an integer column; it reads `` 3`` as 3, and so do the rules), a value outside :data:`entente.events.schema.RULES` (nan, inf, a
QuadClass of 7), a GLOBALEVENTID or date the careful path would reject — it returns None and the caller sends the file to
the careful path, which names every reject by line. :func:`conform` brings the careful path's rows to
the same schema, so both kinds of file go on together.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pyarrow as pa

from entente.events import gdelt
from entente.events import schema as spec

__all__ = ["schema", "read", "conform"]

_POLARS = {"BIGINT": pl.Int64, "INTEGER": pl.Int32, "DOUBLE": pl.Float64}

_DATE_TYPE = {"export": pl.Date, "mentions": pl.Datetime("us")}


def _type(column: str) -> pl.DataType:
    kind = spec._TYPES.get(column) or spec._MENTION_TYPES.get(column)
    return _POLARS.get(kind, pl.String)


def file_schema(table: str, version: int) -> dict[str, pl.DataType]:
    """The columns of a GDELT file of ``table`` and ``version``, in order, with their types."""
    source, _ = gdelt._layout(table, version)
    return {c: _type(c) for c in source}


def schema(table: str) -> dict[str, pl.DataType]:
    """The parsed rows of ``table`` ("export" or "mentions"): GDELT columns, then the added ones."""
    _, target = gdelt._layout(table, 2)
    out = {c: _type(c) for c in target}
    out[spec.DATES[table][1]] = _DATE_TYPE[table]
    out.update({"gdelt_version": pl.Int8, "source_file": pl.String, "source_line": pl.Int64, "_file_index": pl.Int32})
    return out


def read(files: list[tuple[int, gdelt.Prepared]]) -> pl.DataFrame | None:
    """The rows of clean prepared files of one table and GDELT version (``(batch index, file)`` pairs,
    each with ``numbers`` None) as one frame of :func:`schema`, or None if the careful path must read
    any of them (see the module docstring). The files are parsed as one buffer: one call, one pass
    over all cores, however many files (per-file calls cost more than the parsing for 15-minute files)."""
    if not files or any(f.numbers is not None or f.rejects for _, f in files):
        return None
    info = files[0][1].info
    if any((f.info.table, f.info.version) != (info.table, info.version) for _, f in files):
        raise ValueError("fastread.read() takes files of one GDELT table and version")
    date_column, date_name, date_format, lo, hi = spec.DATES[info.table]
    date_type = _DATE_TYPE[info.table]
    data = files[0][1].data if len(files) == 1 else b"".join(f.data for _, f in files)
    try:
        rows = pl.read_csv(data, separator="\t", has_header=False, quote_char=None, encoding="utf8",
                           schema=file_schema(info.table, info.version), eol_char="\n")
    except (pl.exceptions.PolarsError, UnicodeDecodeError):
        return None
    del data
    counts = np.array([f.good for _, f in files], dtype=np.int64)
    if rows.height != counts.sum():
        return None
    dates = pl.col(date_column)
    if any(rows.select(_breaks(rows.schema, date_column, lo, hi)).row(0)):
        return None
    where = np.repeat(np.arange(len(files)), counts)                         # the file of each row
    first_row = np.repeat(np.cumsum(counts) - counts, counts)
    names = pl.Series([f.info.path.name for _, f in files], dtype=pl.String)
    out = rows.with_columns(
        dates.cast(pl.String).str.strptime(date_type, date_format, strict=False).alias(date_name),
        pl.lit(info.version, pl.Int8).alias("gdelt_version"),
        names.gather(where).alias("source_file"),
        pl.Series(np.arange(len(rows), dtype=np.int64) - first_row + 1).alias("source_line"),
        pl.Series(np.array([i for i, _ in files], dtype=np.int32)[where]).alias("_file_index"),
    )
    if out.get_column(date_name).null_count():          # e.g. 20150230: the careful path names the line
        return None
    return conform(out, info.table)


def _breaks(columns: dict[str, pl.DataType], date_column: str, lo: int, hi: int) -> list[pl.Expr]:
    """One boolean per rule of :data:`entente.events.schema.RULES` the parsed ``columns`` can break (Polars
    has already refused what is not of its type): an empty id or date, a date out of range, a number that
    is not finite, a value outside its column's range."""
    dates = pl.col(date_column)
    out = [pl.col("GLOBALEVENTID").is_null().any(), dates.is_null().any(), ((dates < lo) | (dates > hi)).any()]
    for column, dtype in columns.items():
        bounds = spec.bounds(column)
        if bounds is None or column == date_column:
            continue
        value, low, high = pl.col(column), *bounds
        broken = [~value.is_finite()] if dtype == pl.Float64 else []
        if (low, high) != spec._LIMITS.get(spec.kind(column)):
            broken += [value < low] if low != float("-inf") else []
            broken += [value > high] if high != float("inf") else []
        if broken:
            out.append(pl.any_horizontal(broken).any().alias(f"_{column}"))
    return [e.alias(f"_{i}") for i, e in enumerate(out)]


def conform(rows: pl.DataFrame | pa.Table, table: str) -> pl.DataFrame:
    """``rows`` with exactly the columns and types of :func:`schema` (columns a GDELT 1.0 file lacks
    are added as nulls). Columns already right are passed on as they are, not copied."""
    frame = rows if isinstance(rows, pl.DataFrame) else pl.from_arrow(rows)
    want = schema(table)
    fix = [pl.col(c).cast(t) if c in frame.columns else pl.lit(None, t).alias(c)
           for c, t in want.items() if frame.schema.get(c) != t]
    if fix:
        frame = frame.lazy().with_columns(fix).collect(engine="in-memory")
    return frame[list(want)]
