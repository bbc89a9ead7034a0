"""GDELT event files: recognise the format, check every line, parse (the careful path, with DuckDB).

Formats (tab-separated, no header, no quoting, UTF-8; see shared/data/SOURCES.md §7, §14):

* **2.0 export**, one file per 15 minutes: ``YYYYMMDDHHMMSS.export.CSV.zip`` (also ``.translation.``), 61 columns.
* **2.0 mentions**, one file per 15 minutes: ``YYYYMMDDHHMMSS.mentions.CSV.zip``, 16 columns (one row per
  mention of an event in an article).
* **1.0 daily**, one file per day: ``YYYYMMDD.export.CSV.zip``, 58 columns (no ``*Geo_ADM2Code``).

Both come zipped from GDELT; gzip copies (``.gz``) and plain files are read too. A file name must say a
real time (:func:`~entente.events.names.parse_name`: 20240230… or …130099 is refused, and so is a time
before GDELT began or after today). A line is a *reject* ``(line, reason, text)``, with its 1-based line
number, when it is not valid UTF-8, has the wrong number of fields for its format, or **any** typed field
holds a bad value (:data:`~entente.events.schema.RULES`: an integer column takes an optional sign and
digits, so ``3.5`` in NumMentions is a bad value, not 4; a number column takes a finite decimal number;
some columns have a range, e.g. QuadClass 1–4; GLOBALEVENTID and the date must be there). The reason
names the first bad column and its value. A truncated or corrupt archive, or one that expands past
:data:`MAX_EXPANSION` times its size (or :data:`MAX_BYTES`), is not a pile of rejects: :func:`prepare`
raises :class:`~entente.errors.SourceError` naming the file, and nothing of it is ingested.

Two paths, one set of rules. :func:`prepare` decompresses a file (ISA-L, on a small thread pool: it
releases the GIL) and scans its bytes with numpy (no CR, no empty line, the right tab total). A file that
passes is parsed by the fast reader, :mod:`entente.events.fastread` (Polars, strict types); anything it
refuses, and every file that fails a scan, takes the careful path: each line is checked in Python
(``prepare(strict=True)``) and the good ones are parsed by one parallel DuckDB ``read_csv`` per GDELT
version (all text, then typed with ``TRY_CAST``, :func:`load`), which names every reject by line.
:func:`parse` reads one file the careful way.
"""

from __future__ import annotations

import contextlib
import gzip
import struct
import tempfile
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pyarrow as pa
from isal import isal_zlib

from entente.errors import SourceError
from entente.events.names import (V1_START, V2_START, GdeltFile, identify, looks_like_gdelt, parse_list,  # noqa: F401
                                  parse_list_line, parse_name)
from entente.events.schema import (_LIMITS, _MENTION_TYPES, _TYPES, DATES, INTEGER_SYNTAX, MENTION_COLUMNS,  # noqa: F401
                                   NUMBER_SYNTAX, RULES, V1_COLUMNS, V2_COLUMNS, bounds, kind)
from entente.ingest import MAX_TEXT, rejects_frame

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["V1_COLUMNS", "V2_COLUMNS", "MENTION_COLUMNS", "RULES", "MAX_EXPANSION", "MAX_BYTES", "V1_START", "V2_START",
           "GdeltFile", "Prepared", "identify", "parse_name", "decompress", "prepare", "prepare_all", "load",
           "load_checked", "release", "parse", "read_lines", "parse_list_line"]

THREADS = 2                 # decompression threads (ISA-L and numpy release the GIL)

#: A file may expand to at most this many times its compressed size (real GDELT files: 4–8×) ...
MAX_EXPANSION = 64
#: ... and never past this many bytes (real GDELT files are under 50 MB of text; a 1.0 daily file at most
#: ~200 MB). Both guard memory against a zip bomb: the file is refused, with the reason, before it is held.
MAX_BYTES = 1 << 30
_MIN_CAP = 1 << 20          # a small file may always expand to 1 MiB (tiny test files compress far better)


def decompress(path: Path) -> bytes:
    """The whole decompressed content of a (zip, gzip or plain) file; SourceError if the archive is damaged.

    A zip must hold exactly one member, and its CRC and size are checked; a gzip stream must be complete
    (its CRC and length trailer are checked). Inflating uses ISA-L (``isal``), about twice as fast as
    zlib, and releases the GIL, so several files decompress in parallel threads.
    """
    path = Path(path)
    try:
        if path.suffix.lower() == ".zip":
            return _unzip(path)
        raw = path.read_bytes()
        if path.suffix.lower() == ".gz":
            return _gunzip(raw, _cap(path, len(raw)))
        if len(raw) > MAX_BYTES:
            raise _TooBig(f"{len(raw):,} bytes")
        return raw
    except _TooBig as exc:
        raise SourceError(f"Cannot read {path}: it expands to more than {exc} (the limit is {MAX_EXPANSION}× its "
                          f"size, at most {MAX_BYTES >> 20:,} MiB; real GDELT files are under 50 MB). It is not a GDELT "
                          "file; download it again (nothing from it was ingested).") from None
    except OSError as exc:
        if isinstance(exc, (gzip.BadGzipFile,)) or not exc.strerror:
            raise SourceError(f"Cannot read {path}: {exc.__class__.__name__}: {exc}. The file is truncated or "
                              f"corrupt; download it again (nothing from it was ingested).") from exc
        raise SourceError(f"Cannot open {path}: {exc.strerror}. Check that it exists and is readable "
                          "(nothing from it was ingested).") from exc
    except (zipfile.BadZipFile, EOFError, zlib.error, isal_zlib.error, ValueError) as exc:
        raise SourceError(f"Cannot read {path}: {exc.__class__.__name__}: {exc}. The file is truncated or "
                          f"corrupt; download it again (nothing from it was ingested).") from exc


class _TooBig(Exception):
    """A file expands past its cap (:data:`MAX_EXPANSION`, :data:`MAX_BYTES`)."""


def _cap(path: Path, compressed: int) -> int:
    """The most bytes ``path`` (``compressed`` bytes) may expand to."""
    return min(MAX_BYTES, max(_MIN_CAP, MAX_EXPANSION * compressed))


def _gunzip(raw: bytes, cap: int) -> bytes:
    """A gzip file inflated with ISA-L, at most ``cap`` bytes (else _TooBig). One member (the usual case)
    in one call, its CRC-32 and length checked against the trailer (RFC 1952); a file of several members
    member by member."""
    out, size, rest = [], 0, raw
    while rest:
        stream = isal_zlib.decompressobj(wbits=31)
        data = stream.decompress(rest, cap - size + 1)
        size += len(data)
        if size > cap:
            raise _TooBig(f"{cap:,} bytes")
        if not stream.eof:
            raise EOFError("Compressed file ended before the end-of-stream marker was reached")
        out.append(data)
        rest = stream.unused_data
        if rest and not rest.startswith(b"\x1f\x8b"):
            if rest.strip(b"\x00"):
                raise EOFError("trailing garbage after the gzip stream")
            break                                       # zero padding after the last member, as gzip allows
    return out[0] if len(out) == 1 else b"".join(out)


_LOCAL_HEADER = struct.Struct("<4s22xHH")     # PKWARE APPNOTE 4.3.7: signature ... name length, extra length


def _unzip(path: Path) -> bytes:
    """The one member of a GDELT zip. A deflated member is inflated with ISA-L from its raw bytes (the
    local header's offset and lengths, PKWARE APPNOTE 4.3.7), then its CRC-32 and size are checked
    against the central directory; any other method goes through :mod:`zipfile`."""
    with zipfile.ZipFile(path) as archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) != 1:
            names = [m.filename for m in members]
            raise SourceError(f"{path} holds {len(members)} files {names[:5]}; a GDELT zip holds exactly one. "
                              "Download it again from data.gdeltproject.org.")
        (info,) = members
        cap = _cap(path, path.stat().st_size)
        if info.file_size > cap:
            raise _TooBig(f"{cap:,} bytes ({info.file_size:,} by its directory)")
        if info.compress_type != zipfile.ZIP_DEFLATED:
            with archive.open(info) as member:          # checks the CRC
                data = member.read(cap + 1)
            if len(data) > cap:
                raise _TooBig(f"{cap:,} bytes")
            return data
    raw = path.read_bytes()
    signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(raw, info.header_offset)
    if signature != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"no local file header at offset {info.header_offset}")
    start = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    stream = isal_zlib.decompressobj(wbits=-15)
    data = stream.decompress(raw[start:start + info.compress_size], info.file_size + 1)
    if len(data) != info.file_size or isal_zlib.crc32(data) != info.CRC:
        raise zipfile.BadZipFile(f"{info.filename}: CRC or size does not match the zip's directory")
    return data


def read_lines(path: Path) -> list[bytes]:
    """All lines of a (zip, gzip or plain) file, decompressed, without line ends."""
    lines = decompress(path).split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines


@dataclass
class Prepared:
    """A file ready for DuckDB: its format, the bytes of its good lines, their line numbers, the rejects.

    ``numbers`` is None when every line is good (line k of ``data`` is line k of the file); otherwise it
    holds the 1-based file line number of each line of ``data``.
    """

    info: GdeltFile
    data: bytes
    good: int
    numbers: np.ndarray | None
    rejects: list[tuple[int, str, str]]

    @property
    def lines_read(self) -> int:
        return self.good + len(self.rejects)


def prepare(path: Path | str, *, strict: bool = False) -> Prepared:
    """Decompress ``path`` and check its lines; SourceError if the file is damaged or not a GDELT name.

    The common case costs a few vectorised passes over the bytes (numpy, which releases the GIL, so
    files are checked in parallel threads): no CR, no empty line, and exactly (columns − 1) tabs per
    line; then every line is passed on as is (``numbers`` None). Two things are left to the reader
    of such a file: valid UTF-8, and a line with one tab too many next to one with one too few (the
    tab total cannot see it). Both readers refuse such bytes (Polars and DuckDB raise on invalid UTF-8
    and on a line with too many fields), and the caller then calls again with ``strict=True``.
    Otherwise, or with ``strict``, each line is checked in Python: a line that is not UTF-8 or has
    another number of fields is a reject ``(line, reason, text)`` with its 1-based line number.
    """
    path = Path(path)
    info = parse_name(path)
    if info.table not in ("export", "mentions"):
        raise SourceError(f"{path.name} is a GDELT {info.table} file; only export and mentions files are read "
                          f"(e.g. 20241022130000.export.CSV.zip, 20241022130000.mentions.CSV.zip).")
    data = decompress(path)
    if data and not data.endswith(b"\n"):
        data += b"\n"
    n, clean = _scan(data, len(info.columns))
    if clean and not strict:
        return Prepared(info, data, n, None, [])
    good, numbers, rejects = [], [], []
    want = len(info.columns)
    for number, raw in enumerate(data.split(b"\n")[:n], start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            rejects.append((number, f"not UTF-8 (byte {exc.start})", raw.decode("utf-8", "replace")[:MAX_TEXT]))
            continue
        if text.endswith("\r"):
            text, raw = text[:-1], raw[:-1]
        fields = text.count("\t") + 1
        if fields != want:
            rejects.append((number, f"{fields} fields, expected {want} (GDELT {info.version}.0 {info.table})",
                            text[:MAX_TEXT]))
            continue
        good.append(raw)
        numbers.append(number)
    body = b"\n".join(good) + b"\n" if good else b""
    return Prepared(info, body, len(good), np.asarray(numbers, dtype=np.int64), rejects)


_CHUNK = 1 << 24            # bytes per vectorised pass (keeps the boolean temporaries small)


def _scan(data: bytes, columns: int) -> tuple[int, bool]:
    """(lines, clean) for ``data`` ending in LF: clean means no CR, no empty line and exactly
    ``columns − 1`` tabs per line on average. numpy compares 16 MB at a time without holding the GIL
    (``bytes.count`` does, and is five times slower on tabs)."""
    view = np.frombuffer(data, np.uint8)
    lines = tabs = 0
    clean, previous = True, -1                      # position of the last LF seen
    for start in range(0, len(view), _CHUNK):
        chunk = view[start:start + _CHUNK]
        ends = np.flatnonzero(chunk == 10) + start
        if len(ends) and (ends[0] == previous + 1 or (len(ends) > 1 and (np.diff(ends) == 1).any())):
            clean = False                           # an empty line
        previous = ends[-1] if len(ends) else previous
        lines += len(ends)
        tabs += int(np.count_nonzero(chunk == 9))
        clean = clean and not np.count_nonzero(chunk == 13)
    return lines, clean and tabs == (columns - 1) * lines


_BUCKET = 12                # rowid >> 12: 4096-row buckets for the rowid → file join

#: extra columns of a parsed table, after the GDELT ones
EXPORT_EXTRA = ["event_date", "gdelt_version", "source_file", "source_line"]
MENTION_EXTRA = ["mention_time", "gdelt_version", "source_file", "source_line"]


def _typed(column: str, present: bool) -> str:
    """SQL for one column: typed with TRY_CAST, NULL if the file has no such column. read_csv already reads
    an empty field as NULL; a bad value is a reject (:func:`_bad`), so its NULL is never stored."""
    sql = kind(column)
    if not present:
        return f"CAST(NULL AS {sql}) AS \"{column}\""
    return f"TRY_CAST({_value(column)} AS {sql}) AS \"{column}\"" if sql != "VARCHAR" else f"\"{column}\""


def _value(column: str) -> str:
    """A typed field's text as the rules read it: leading spaces dropped, spaces only is empty (NULL), as
    Polars reads it (see :data:`RULES`)."""
    return f"nullif(ltrim(\"{column}\", ' '), '')"


_SHOWN = 40                 # characters of a bad value quoted in a reason


def _date_sql(table: str) -> str:
    """The row's date from its integer text (as the fast reader does it: an integer in range, then strptime)."""
    column, name, fmt, lo, hi = DATES[table]
    value = f"TRY_CAST({_value(column)} AS BIGINT)"
    date = f"TRY_STRPTIME(CAST({value} AS VARCHAR), '{fmt}')" + ("::DATE" if table == "export" else "")
    return (f"CASE WHEN regexp_full_match({_value(column)}, '{INTEGER_SYNTAX}') AND {value} BETWEEN {lo} AND {hi} "
            f"THEN {date} END AS {name}")


def _bad(source: list[str], table: str) -> str:
    """SQL for the reason a row is a reject (NULL if it is good): the first field, in file order, that
    breaks :data:`RULES`, with its value."""
    date_column, name = DATES[table][:2]
    what = "a date" if table == "export" else "a timestamp"
    checks = []
    for c in source:
        q, shown = _value(c), f"left(\"{c}\", {_SHOWN})"
        if c == "GLOBALEVENTID":
            checks.append((f"{q} IS NULL", "'GLOBALEVENTID is empty'"))
        if c == date_column:
            checks.append((f"{name} IS NULL", f"'{c} not {what}: ' || coalesce({shown}, '')"))
            continue
        sql = kind(c)
        if sql == "VARCHAR":
            continue
        lo, hi = bounds(c)
        if sql == "DOUBLE":
            value = f"TRY_CAST({q} AS DOUBLE)"
            checks.append((f"{q} IS NOT NULL AND NOT (regexp_full_match({q}, '{NUMBER_SYNTAX}') AND isfinite({value}))",
                           f"'{c} not a number: ' || {shown}"))
        else:
            value = f"TRY_CAST({q} AS HUGEINT)"
            checks.append((f"{q} IS NOT NULL AND NOT regexp_full_match({q}, '{INTEGER_SYNTAX}')",
                           f"'{c} not an integer: ' || {shown}"))
        if lo == float("-inf") and hi == float("inf"):
            continue
        checks.append((f"{q} IS NOT NULL AND coalesce({value} NOT BETWEEN {lo} AND {hi}, true)",
                       f"'{c} out of range ({_number(lo)} to {_number(hi)}): ' || {shown}"))
    return "CASE " + " ".join(f"WHEN {cond} THEN {reason}" for cond, reason in checks) + " END AS _bad"


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def load(files: list[Prepared], con: duckdb.DuckDBPyConnection, name: str) -> dict[str, "pd.DataFrame"]:
    """Parse prepared files of one table (all exports, or all mentions) into view ``name``.

    The good lines of all files of a GDELT version are written one after the other to a temporary TSV,
    and one DuckDB ``read_csv`` (all columns as text, no quoting, tab, LF, strict field count, parallel)
    reads it into a typed temp table (``TRY_CAST``), keeping insertion order: rowid k is line k of the TSV,
    checked (row count = good lines, rowids 0..n−1), so file i holds a known contiguous run of rowids. The
    view ``name`` adds ``source_file``, ``source_line`` (rowid − first rowid of the file + 1, or the file's
    list of good line numbers when it had rejects) and ``_file_index`` (the file's place in ``files``, for
    "first file wins" dedup) with a hash join on 4096-row buckets of rowids (no sort), so every later step
    stays parallel. Lines with a bad value in any typed field (:data:`RULES`; the first one is named:
    ``GoldsteinScale not a number: abc``), an empty or bad GLOBALEVENTID or a date (SQLDATE,
    MentionTimeDate) that is not a date become rejects and are left out of the view. Returns the rejects per file. Call
    :func:`release` when done with the view.
    """
    if not files:
        raise SourceError("load() needs at least one prepared file.")
    tables = {f.info.table for f in files}
    if len(tables) != 1:
        raise SourceError(f"load() reads one GDELT table at a time, got {sorted(tables)}.")
    table = tables.pop()
    rejects = {f.info.path.name: list(f.rejects) for f in files}
    parts = []
    with tempfile.TemporaryDirectory(prefix="entente-gdelt-") as tmpdir:
        for version in (1, 2):
            batch = [(i, f) for i, f in enumerate(files) if f.info.version == version and f.good]
            if batch:
                parts.append(_read(con, f"{name}_v{version}", batch, table, version, Path(tmpdir)))
    extra = EXPORT_EXTRA if table == "export" else MENTION_EXTRA
    cols = ", ".join(f'"{c}"' for c in (V2_COLUMNS if table == "export" else MENTION_COLUMNS) + extra
                     + ["_file_index", "_bad"])
    union = " UNION ALL ".join(f"SELECT {cols} FROM {p}" for p in parts) if parts else _empty(table, cols)
    con.execute(f"CREATE OR REPLACE TEMP VIEW {name}_all AS {union}")
    for i, line, reason in con.execute(
            f"SELECT _file_index, source_line, _bad FROM {name}_all WHERE _bad IS NOT NULL").fetchall():
        rejects[files[i].info.path.name].append((line, reason, _line_text(files[i], line)[:MAX_TEXT]))
    con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT * EXCLUDE (_bad) FROM {name}_all WHERE _bad IS NULL")
    empty = rejects_frame([])                   # most files have none: one shared empty frame
    return {k: rejects_frame(sorted(v)) if v else empty for k, v in rejects.items()}


def release(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop the view ``name`` made by :func:`load` and the tables under it."""
    con.execute(f"DROP VIEW IF EXISTS {name}")
    con.execute(f"DROP VIEW IF EXISTS {name}_all")
    for version in (1, 2):
        con.execute(f"DROP VIEW IF EXISTS {name}_v{version}")
        con.execute(f"DROP TABLE IF EXISTS {name}_v{version}_scan")
        for suffix in ("spans", "numbers"):                 # registered Arrow tables
            with contextlib.suppress(duckdb.Error):
                con.unregister(f"{name}_v{version}_{suffix}")


def _line_text(file: Prepared, line: int) -> str:
    index = line - 1 if file.numbers is None else int(np.searchsorted(file.numbers, line))
    return file.data.split(b"\n", index + 1)[index].decode("utf-8", "replace")


def _layout(table: str, version: int) -> tuple[list[str], list[str]]:
    """(columns in the file, columns of the parsed table) for a GDELT table and version."""
    if table == "mentions":
        return MENTION_COLUMNS, MENTION_COLUMNS
    return (V2_COLUMNS if version == 2 else V1_COLUMNS), V2_COLUMNS


def _read(con, view: str, batch: list[tuple[int, Prepared]], table: str, version: int, tmpdir: Path) -> str:
    """Read the files of ``batch`` (one GDELT version) with one read_csv; return the name of a view with
    the typed columns, ``source_file``, ``source_line``, ``_file_index`` and ``_bad`` (why a row is a reject)."""
    tsv = tmpdir / f"v{version}.tsv"
    with open(tsv, "wb") as out:                      # one TSV: one parallel scan, no per-file cost
        for _, f in batch:
            out.write(f.data)
    source, target = _layout(table, version)
    spec = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in source) + "}"
    select = [_typed(c, c in source) for c in target] + [_date_sql(table)]
    inner = f"SELECT *, {select[-1]} FROM read_csv"
    select = select[:-1] + [DATES[table][1], _bad(source, table)]
    scan, spans, numbers = f"{view}_scan", f"{view}_spans", f"{view}_numbers"
    con.execute("SET preserve_insertion_order = true")       # rowid k is line k of the TSV
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {scan} AS SELECT {', '.join(select)} FROM (
                    {inner}('{tsv}', delim='\t', header=false, quote='', escape='', auto_detect=false,
                                  columns={spec}, new_line='\\n', strict_mode=true, null_padding=false))""")
    ((n, lo, hi),) = con.execute(f"SELECT count(*), coalesce(min(rowid), 0), coalesce(max(rowid), -1) FROM {scan}").fetchall()
    want = sum(f.good for _, f in batch)
    if n != want or lo != 0 or hi != n - 1:
        raise SourceError(f"DuckDB read {n:,} rows from the {want:,} checked lines of {len(batch)} GDELT {version}.0 "
                          f"{table} files (rowids {lo}..{hi}); nothing was ingested. Please report this with the files.")
    # file i holds rowids first_i .. last_i; a join on 4096-row buckets finds it without sorting the rows
    ranges, first = [], 0
    for i, f in batch:
        last = first + f.good - 1
        ranges += [(b, first, last, i, f.info.path.name) for b in range(first >> _BUCKET, (last >> _BUCKET) + 1)]
        first = last + 1
    con.register(spans, pa.table({
        "_bucket": pa.array([r[0] for r in ranges], pa.int64()), "_first": pa.array([r[1] for r in ranges], pa.int64()),
        "_last": pa.array([r[2] for r in ranges], pa.int64()), "_file_index": pa.array([r[3] for r in ranges], pa.int32()),
        "source_file": [r[4] for r in ranges]}))
    strict = [(i, f) for i, f in batch if f.numbers is not None]
    line = "s.rowid - p._first + 1"
    join = ""
    if strict:                        # files with rejects: the k-th good line is line numbers[k]
        con.register(numbers, pa.table({
            "_file_index": pa.array(np.concatenate([np.full(f.good, i, np.int32) for i, f in strict])),
            "_k": pa.array(np.concatenate([np.arange(f.good, dtype=np.int64) for _, f in strict])),
            "_line": pa.array(np.concatenate([f.numbers for _, f in strict]))}))
        join = f"LEFT JOIN {numbers} x ON x._file_index = p._file_index AND x._k = s.rowid - p._first"
        line = f"coalesce(x._line, {line})"
    con.execute(f"""CREATE OR REPLACE TEMP VIEW {view} AS
        SELECT s.*, {version}::TINYINT AS gdelt_version, p.source_file, {line} AS source_line,
               p._file_index
        FROM {scan} s JOIN {spans} p ON p._bucket = s.rowid >> {_BUCKET} AND s.rowid BETWEEN p._first AND p._last
        {join}""")
    return view


def _empty(table: str, cols: str) -> str:
    target = _layout(table, 2)[1]
    select = [_typed(c, False) for c in target]
    select += (["NULL::DATE AS event_date"] if table == "export" else ["NULL::TIMESTAMP AS mention_time"])
    select += ["NULL::TINYINT AS gdelt_version", "NULL::VARCHAR AS source_file", "NULL::BIGINT AS source_line",
               "NULL::INTEGER AS _file_index", "NULL::VARCHAR AS _bad"]
    return f"SELECT {cols} FROM (SELECT {', '.join(select)}) WHERE false"


def prepare_all(paths: list[Path], *, strict: bool = False) -> list[Prepared | SourceError]:
    """:func:`prepare` for many files on a small thread pool (zlib and the byte scans release the GIL);
    a damaged file gives its SourceError in its place, the others are still prepared."""
    def one(path):
        try:
            return prepare(path, strict=strict)
        except SourceError as exc:
            return exc

    if len(paths) <= 1:
        return [one(p) for p in paths]
    with ThreadPoolExecutor(max_workers=min(THREADS, len(paths))) as pool:
        return list(pool.map(one, paths))


def load_checked(files: list[Prepared], con: duckdb.DuckDBPyConnection, name: str) -> dict[str, "pd.DataFrame"]:
    """:func:`load`, and when DuckDB finds a line with the wrong field count that the fast check let
    through, check those files line by line (``strict``) and load again."""
    try:
        return load(files, con, name)
    except duckdb.Error as exc:
        if "CSV" not in str(exc) or all(f.numbers is not None for f in files):
            raise SourceError(f"DuckDB could not parse checked GDELT lines: {exc}. Nothing was ingested.") from exc
    strict = [prepare(f.info.path, strict=True) for f in files]
    return load(strict, con, name)


def parse(path: Path | str, *, con: duckdb.DuckDBPyConnection | None = None) -> tuple[pa.Table, "pd.DataFrame"]:
    """Parse one GDELT export or mentions file into (rows, rejects).

    Export rows have the 61 GDELT 2.0 columns (1.0 files get null ``*Geo_ADM2Code``), typed (codes stay
    strings, leading zeros kept), plus ``event_date`` (DATE from SQLDATE), ``gdelt_version``,
    ``source_file`` and ``source_line``; mentions rows have the 16 mentions columns plus ``mention_time``.
    ``rejects`` has ``line, reason, text``.
    """
    con = con or duckdb.connect()
    rejects = load_checked([prepare(path)], con, "_gdelt_parsed")
    table = con.sql("SELECT * EXCLUDE (_file_index) FROM _gdelt_parsed ORDER BY source_line").to_arrow_table()
    release(con, "_gdelt_parsed")
    return table, rejects[Path(path).name]
