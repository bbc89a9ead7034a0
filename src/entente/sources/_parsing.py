"""What the source modules' ``parse()`` functions share: reading upstream files, checking their layout,
casting to the snapshot's types, and reporting malformed lines (private: :func:`registry` skips it).

**Layout.** :func:`conform` compares the upstream columns with the snapshot's schema and raises
:class:`~entente.errors.SchemaError` naming the dataset, the expected and the actual columns when
they differ (a column missing *or* added means the upstream layout changed).

**Malformed lines.** For delimited text (:func:`read_delimited`), a line that is not valid text, a
record with the wrong number of fields, or a value that cannot be read as its column's type
(``"19x6"`` in a year) is not dropped silently: it is left out of the table and reported with its
1-based line number in the file, three ways: handed to :func:`entente.ingest.set_aside` (so
``entente data update`` stores it and ``entente data rejects NAME`` lists it); kept in the table's
schema metadata under ``entente.malformed_lines`` (JSON ``[{"line", "reason", "text"}]``;
:func:`malformed_lines` reads it back); and announced by a :class:`MalformedLinesWarning` giving the
count and the line numbers. ``strict=True`` raises :class:`~entente.errors.SchemaError` instead. When
most records have the wrong number of fields, the layout changed: that raises too. A value of the
wrong type in a typed file (``.rda``) is a layout change, so it raises.
"""

from __future__ import annotations

import csv
import json
import warnings
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from entente import config, ingest
from entente.errors import SchemaError, SourceError

MALFORMED_KEY = b"entente.malformed_lines"
LINE = "_line"
BOOLS = {"yes": True, "no": False, "true": True, "false": False, "1": True, "0": False}


class MalformedLinesWarning(UserWarning):
    """Some lines of an upstream text file could not be read; the message lists their numbers."""


class UserFileMissing(UserWarning):
    """A dataset entente may not ship has no user-supplied file; the message says where to get it."""


def user_dir(name: str) -> Path:
    """Where the user puts files entente may not redistribute: ``$ENTENTE_HOME/user/<name>``."""
    return config.home() / "user" / name


def parse_user_file(dataset: str, path: Path | None, parse: Callable[[Path], object], missing: Callable[[], str]):
    """``parse(path)`` for a file the user supplied (SIPRI, DESTA, WTO), or None so the rest of the warehouse
    still builds: with a :class:`UserFileMissing` warning saying where to get it (``missing()``) when there
    is no file, and a warning naming the file and the error when it cannot be read (``parse`` on the file
    shows the whole error)."""
    if path is None:
        warnings.warn(missing(), UserFileMissing, stacklevel=3)
        return None
    try:
        return parse(path)
    except (SourceError, ValueError, OSError, pa.ArrowException) as exc:
        warnings.warn(f"{dataset}: {path} could not be loaded and was skipped: {exc}", stacklevel=3)
        return None


def read_rda(path: Path, dataset: str, objects: Iterable[str]) -> tuple[str, pd.DataFrame]:
    """The first of ``objects`` found in an R data file, as ``(object name, frame)``."""
    import pyreadr

    try:
        found = pyreadr.read_r(str(path))
    except Exception as exc:  # pyreadr raises its own LibrdataError and plain exceptions alike
        raise SourceError(f"{dataset}: cannot read {path} as an R data file ({exc}).") from exc
    for name in objects:
        if name in found:
            return name, found[name].reset_index(drop=True)
    raise SchemaError(f"{dataset}: {Path(path).name} holds the R object(s) {list(found)}; expected one of "
                      f"{list(objects)}. The upstream file changed; check its release notes.")


def read_delimited(path: Path, dataset: str, *, sep: str = ",", header_prefix: str | None = None,
                   line_suffix: str = "", quoting: bool = True, encoding: str = "utf-8",
                   header: list[str] | None = None, layout_threshold: float = 0.5) -> tuple[pd.DataFrame, list[dict]]:
    """Every field of a delimited text file (gzip, bz2 or zip too) as text, with each record's line number.

    Lines before the one starting with ``header_prefix`` are skipped (notes above the header);
    ``line_suffix`` is cut from the end of each line (SIPRI ends every line with ``;``); blank lines
    are skipped; quoted fields may hold the separator and newlines. With ``header`` given, the file has
    no header line and these are its columns. A line that is not valid ``encoding`` or a record with
    another number of fields is a reject ``{"line", "reason", "text"}``; when more than
    ``layout_threshold`` of the records are rejected for their field count, the layout changed and
    this raises :class:`SchemaError`. Returns the frame (column ``_line`` holds the line number where
    each record starts) and the rejects.
    """
    path = Path(path)
    numbers: list[int] = []   # physical line number of each line handed to the csv reader
    rejects: list[dict] = []
    records, lines = [], []
    columns = list(header) if header is not None else None

    def decoded():
        for number, raw in enumerate(ingest.open_lines(path), start=1):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                rejects.append({"line": number, "reason": f"not valid {encoding}: byte 0x{raw[exc.start]:02x} at "
                                f"position {exc.start}", "text": raw.decode(encoding, errors="backslashreplace")})
                continue
            if number == 1:
                text = text.removeprefix("\ufeff")
            body = text.rstrip("\r\n")
            if line_suffix and body.endswith(line_suffix):  # keep the line end: a quoted field may hold one
                text = body[: -len(line_suffix)] + text[len(body):]
            numbers.append(number)
            yield text

    reader = csv.reader(decoded(), delimiter=sep, quoting=csv.QUOTE_MINIMAL if quoting else csv.QUOTE_NONE)
    consumed = 0
    try:
        for row in reader:
            line, consumed = numbers[consumed], reader.line_num
            if columns is None:
                if header_prefix is None or (row and row[0].startswith(header_prefix)):
                    columns = [name.strip() for name in row]
                continue
            if not any(field.strip() for field in row):
                continue
            if len(row) != len(columns):
                rejects.append({"line": line, "reason": f"{len(row)} fields, expected {len(columns)}",
                                "text": sep.join(row)})
                continue
            records.append(row)
            lines.append(line)
    except (OSError, EOFError, zlib.error, csv.Error) as exc:
        raise SourceError(f"{dataset}: cannot read {path} as delimited text ({exc}).") from exc
    if columns is None:
        raise SchemaError(f"{dataset}: no header line starting with {header_prefix!r} in {path.name}; "
                          "the upstream layout changed.")
    wrong = sum("fields, expected" in r["reason"] for r in rejects)
    if wrong and wrong > layout_threshold * (wrong + len(records)):
        raise SchemaError(f"{dataset}: {wrong:,} of {wrong + len(records):,} records in {path.name} do not have the "
                          f"{len(columns)} fields of its header {columns}: the upstream layout changed.")
    frame = pd.DataFrame(records, columns=columns, dtype=object)
    frame[LINE] = lines
    return frame, rejects


def check_columns(actual: Iterable[str], expected: Iterable[str], dataset: str, where: str) -> None:
    """Raise :class:`SchemaError` unless ``actual`` holds exactly the ``expected`` columns."""
    actual = [c for c in actual if c != LINE]
    expected = list(expected)
    missing = [c for c in expected if c not in actual]
    extra = [c for c in actual if c not in expected]
    if missing or extra:
        raise SchemaError(
            f"{dataset}: {where} has columns {actual}; expected {expected} "
            f"(missing {missing}, unexpected {extra}). The upstream layout changed: check the release "
            f"notes and update entente.sources for {dataset}.")


def _text(value):
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, str) else str(value)


def _blank(series: pd.Series) -> pd.Series:
    text = series.astype("string").str.strip()
    return text.mask(text == "")


def _convert(series: pd.Series, typ: pa.DataType, date_format: str | None):
    """``(values ready for pyarrow, mask of values that cannot be read as typ)``."""
    nothing = pd.Series(False, index=series.index)
    textual = series.dtype == object or pd.api.types.is_string_dtype(series.dtype)
    if pa.types.is_string(typ) or pa.types.is_large_string(typ):
        return series.map(_text).astype(object), nothing
    if pa.types.is_integer(typ) or pa.types.is_floating(typ):
        if textual:
            text = _blank(series)
            number = pd.to_numeric(text, errors="coerce")
            bad = text.notna() & number.isna()
        else:
            number, bad = pd.to_numeric(series, errors="coerce"), nothing.copy()
        if pa.types.is_integer(typ):
            info = np.iinfo(typ.to_pandas_dtype())
            bad |= number.notna() & ((number % 1 != 0) | (number < info.min) | (number > info.max))
            if pd.api.types.is_integer_dtype(number):  # exact, even past 2**53
                return number.astype("Int64").mask(bad), bad
            return number.where(~bad).astype("Float64").round().astype("Int64"), bad
        return number.where(~bad).astype("float64"), bad
    if pa.types.is_boolean(typ):
        if not textual:
            return series.astype("boolean"), nothing
        text = _blank(series).str.lower()
        value = text.map(BOOLS)
        return value.astype("boolean"), text.notna() & value.isna()
    if pa.types.is_date(typ):
        if textual and series.map(lambda v: isinstance(v, str)).any():
            text = _blank(series)
            when = pd.to_datetime(text, format=date_format, errors="coerce")
            return when.dt.date.where(when.notna(), None), text.notna() & when.isna()
        when = pd.to_datetime(series, errors="coerce")
        return when.dt.date.where(when.notna(), None), series.notna() & when.isna()
    raise TypeError(f"no conversion to {typ}")


def conform(frame: pd.DataFrame, schema: pa.Schema, dataset: str, where: str, *,
            rejects: list[dict] | None = None, strict: bool = False,
            date_formats: dict[str, str] | None = None) -> pa.Table:
    """``frame`` as a table with exactly ``schema``: columns checked, values cast, bad lines reported.

    A frame from :func:`read_delimited` (it has ``_line``) turns unreadable values into malformed
    lines; any other frame raises :class:`SchemaError` on the first unreadable value.
    """
    check_columns(frame.columns, schema.names, dataset, where)
    rejects = list(rejects or [])
    from_text = LINE in frame.columns
    frame = frame.reset_index(drop=True)
    converted, bad_rows = {}, pd.Series(False, index=frame.index)
    for field in schema:
        values, bad = _convert(frame[field.name], field.type, (date_formats or {}).get(field.name))
        if bad.any():
            if not from_text:
                first = frame.loc[bad, field.name].iloc[0]
                raise SchemaError(f"{dataset}: column {field.name!r} of {where} holds {first!r}, which is not "
                                  f"a {field.type}; the upstream layout changed.")
            for index in bad[bad].index:
                rejects.append({"line": int(frame.at[index, LINE]),
                                "reason": f"{field.name}={frame.at[index, field.name]!r} is not a {field.type}",
                                "text": ",".join("" if pd.isna(v) else str(v)
                                                 for v in frame.loc[index].drop(LINE).tolist())})
            bad_rows |= bad
        converted[field.name] = values
    keep = ~bad_rows
    arrays = [pa.array(converted[f.name][keep].tolist() if pa.types.is_date(f.type) else converted[f.name][keep],
                       type=f.type, from_pandas=True) for f in schema]
    table = pa.Table.from_arrays(arrays, schema=schema)
    return report(table, rejects, dataset, where, strict=strict)


def report(table: pa.Table, rejects: list[dict], dataset: str, where: str, *, strict: bool = False) -> pa.Table:
    """Attach ``rejects`` to ``table``, hand them to :func:`entente.ingest.set_aside` (so ``entente data
    update`` stores them) and warn; or raise when ``strict``. Unchanged when there are none.

    A reject is ``{"line", "reason", "text"}`` and may name its ``"file"`` (default: ``where``).
    """
    if not rejects:
        return table
    rejects = sorted(rejects, key=lambda r: (r.get("file", where), r["line"]))
    lines = sorted({r["line"] for r in rejects})
    shown = ", ".join(map(str, lines[:10])) + (" …" if len(lines) > 10 else "")
    message = (f"{dataset}: {len(rejects)} malformed line(s) in {where} left out (line {shown}); "
               f"first: line {rejects[0]['line']}: {rejects[0]['reason']}.")
    if strict:
        raise SchemaError(message + " Fix the file or parse with strict=False to load the other lines.")
    for file in dict.fromkeys(r.get("file", where) for r in rejects):
        ingest.set_aside(file, ingest.rejects_frame(
            [(r["line"], r["reason"], str(r.get("text", ""))[: ingest.MAX_TEXT])
             for r in rejects if r.get("file", where) == file]))
    warnings.warn(message + " The full list is in the table's metadata (entente.malformed_lines).",
                  MalformedLinesWarning, stacklevel=3)
    metadata = dict(table.schema.metadata or {})
    metadata[MALFORMED_KEY] = json.dumps(rejects).encode()
    return table.replace_schema_metadata(metadata)


def malformed_lines(table: pa.Table) -> list[dict]:
    """The malformed lines a ``parse()`` left out of ``table`` (``[]`` when none)."""
    raw = (table.schema.metadata or {}).get(MALFORMED_KEY)
    return json.loads(raw) if raw else []


def iso_dates(values: pd.Series) -> pd.Series:
    """R Dates (read as dates or timestamps) as ``YYYY-MM-DD`` strings; missing stays missing."""
    when = pd.to_datetime(values, errors="coerce")
    return when.dt.strftime("%Y-%m-%d").where(when.notna(), None)


def crosswalk(file: str) -> dict[str, tuple[str | None, int | None]]:
    """Name → (ISO3, COW code) from a ``name,iso3c,ccode`` CSV shipped in ``entente/data``."""
    frame = pd.read_csv(config.snapshot_dir() / file, dtype=str, keep_default_na=False)
    return {row.name: (row.iso3c or None, int(row.ccode) if row.ccode else None)
            for row in frame.itertuples(index=False)}


def read_dated_rda(path: Path, dataset: str, obj: str, schema: pa.Schema) -> pa.Table:
    """A peacesciencer ``.rda`` whose ``stdate``/``enddate`` become ISO ``start_date``/``end_date``, as ``schema``."""
    _, frame = read_rda(path, dataset, [obj])
    frame = frame.rename(columns={"stdate": "start_date", "enddate": "end_date"})
    for column in ("start_date", "end_date"):
        if column in frame.columns:
            frame[column] = iso_dates(frame[column])
    return conform(frame, schema, dataset, Path(path).name)
