"""Safe ingest: malformed rows are counted, reported with line numbers and set aside, never dropped silently.

A parser reads an upstream file line by line; a line it cannot use becomes a *reject*
``(line, reason, text)``: line numbers are 1-based physical lines of the (decompressed) file, the text is
the line as far as it could be decoded. :func:`read_delimited` does this for delimited text (GDELT
exports, COW CSVs); JSON-lines parsers build their own rejects and hand them to :func:`set_aside`.

While ``entente data update`` parses, :func:`collecting` gathers every file's rejects: they are stored
with the refreshed copy, loaded into the warehouse table ``_rejects`` (dataset, file, line, reason,
text), summarised on stderr (:func:`summary`) and listed by ``entente data rejects NAME``.

A file whose *layout* changed is not a pile of malformed rows: when most lines have the wrong number
of fields (or the header differs), :func:`read_delimited` raises :class:`~entente.errors.SchemaError`
naming the expected and the actual layout.
"""

from __future__ import annotations

import bz2
import contextlib
import contextvars
import datetime as dt
import gzip
import io
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa

from entente.errors import SchemaError, SourceError

__all__ = ["REJECT_COLUMNS", "collecting", "read_delimited", "rejects_frame", "set_aside", "summary"]

REJECT_COLUMNS = ["line", "reason", "text"]
MAX_TEXT = 1000                     # characters of a rejected line kept for the report

_collector: contextvars.ContextVar[list | None] = contextvars.ContextVar("entente_rejects", default=None)


def rejects_frame(rows: Sequence[tuple[int, str, str]] = ()) -> pd.DataFrame:
    """A rejects table ``(line, reason, text)`` from ``(line, reason, text)`` tuples."""
    frame = pd.DataFrame(list(rows), columns=REJECT_COLUMNS)
    return frame.astype({"line": "int64", "reason": "string", "text": "string"})


@contextlib.contextmanager
def collecting() -> Iterator[list[pd.DataFrame]]:
    """Gather the rejects every parser hands to :func:`set_aside` within the block (one frame per file)."""
    gathered: list[pd.DataFrame] = []
    token = _collector.set(gathered)
    try:
        yield gathered
    finally:
        _collector.reset(token)


def set_aside(file: str | Path, rejects: pd.DataFrame) -> pd.DataFrame:
    """Record ``rejects`` of ``file`` with the active :func:`collecting` block (if any); return them."""
    gathered = _collector.get()
    if gathered is not None and len(rejects):
        gathered.append(rejects.assign(file=Path(file).name)[["file", *REJECT_COLUMNS]])
    return rejects


def summary(rejects: pd.DataFrame, name: str, *, show: int = 8) -> str:
    """``"3 malformed lines set aside: 80.json lines 17, 204, 9051 — see `entente data rejects dgacm`"``."""
    if rejects is None or not len(rejects):
        return ""
    parts = []
    for file, group in rejects.groupby("file", sort=False) if "file" in rejects else [("", rejects)]:
        lines = sorted(set(int(x) for x in group["line"]))
        shown = ", ".join(str(x) for x in lines[:show]) + (f" and {len(lines) - show} more" if len(lines) > show else "")
        parts.append(f"{file} line{'s' if len(lines) > 1 else ''} {shown}".strip())
    n = len(rejects)
    return (f"{n} malformed line{'s' if n > 1 else ''} set aside: {'; '.join(parts)} — "
            f"see `entente data rejects {name}`")


def open_lines(path: Path) -> Iterator[bytes]:
    """The raw lines of ``path`` (gzip, bz2, single-member zip or plain), line ends included."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if not m.endswith("/")]
            if len(members) != 1:
                raise SourceError(f"{path} holds {len(members)} files ({members[:5]}); expected exactly one.")
            with archive.open(members[0]) as handle:
                yield from io.BufferedReader(handle)
        return
    opener = {".gz": gzip.open, ".bz2": bz2.open}.get(suffix, open)
    with opener(path, "rb") as handle:
        yield from handle


def _converter(kind: pa.DataType):
    if pa.types.is_integer(kind):
        return int
    if pa.types.is_floating(kind):
        return float
    if pa.types.is_boolean(kind):
        return lambda text: {"1": True, "0": False, "true": True, "false": False}[text.lower()]
    if pa.types.is_date(kind):
        def to_date(text: str) -> dt.date:
            return (dt.datetime.strptime(text, "%Y%m%d") if text.isdigit()
                    else dt.datetime.strptime(text[:10], "%Y-%m-%d")).date()
        return to_date
    return str


def read_delimited(path: Path | str, columns: Sequence[str], dtypes: Mapping[str, object] | None = None, *,
                   sep: str = "\t", header: bool = False, encoding: str = "utf-8", dataset: str | None = None,
                   layout_threshold: float = 0.5) -> tuple[pa.Table, pd.DataFrame]:
    """Read a delimited text file into an Arrow table, setting malformed lines aside.

    ``columns`` is the expected layout; ``dtypes`` maps columns to Arrow types or aliases (``"int64"``,
    ``"float64"``, ``"date32"`` read as ``YYYYMMDD`` or ``YYYY-MM-DD``; default ``"string"``); empty
    fields are nulls. No quoting: GDELT and most event exports are plain tab-separated. A line is
    rejected when it is not valid ``encoding``, has another number of fields than ``columns``, or a
    field does not convert to its type. Returns ``(table, rejects)`` and hands the rejects to
    :func:`set_aside`.

    Raises :class:`SchemaError` when the header (``header=True``) differs from ``columns`` or when more
    than ``layout_threshold`` of the lines have another field count: that is a changed layout.
    """
    path = Path(path)
    label = f"{dataset} ({path.name})" if dataset else str(path)
    columns = list(columns)
    types = {c: (pa.type_for_alias(t) if isinstance(t, str) else t) for c, t in (dtypes or {}).items()}
    unknown = sorted(set(types) - set(columns))
    if unknown:
        raise SchemaError(f"read_delimited(): dtypes for columns not in the layout: {unknown}")
    kinds = [types.get(c, pa.large_string()) for c in columns]
    convert = [_converter(k) for k in kinds]
    values: list[list] = [[] for _ in columns]
    rejects: list[tuple[int, str, str]] = []
    counts: Counter = Counter()
    n_lines = 0
    sep_bytes = sep.encode(encoding)
    last_had_newline = True
    try:
        for number, raw in enumerate(open_lines(path), start=1):
            last_had_newline = raw.endswith(b"\n")
            raw = raw.rstrip(b"\r\n")
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                n_lines += 1
                counts[raw.count(sep_bytes) + 1] += 1
                rejects.append((number, f"not valid {encoding}: byte 0x{raw[exc.start]:02x} at position {exc.start}",
                                raw.decode(encoding, errors="backslashreplace")[:MAX_TEXT]))
                continue
            if header and number == 1:
                found = text.split(sep)
                if found != columns:
                    raise SchemaError(
                        f"{label} has another column layout than entente expects. Expected {len(columns)} "
                        f"columns {columns}; the header has {len(found)}: {found}. The upstream format changed: "
                        "the parser needs updating before this file can be used.")
                continue
            n_lines += 1
            fields = text.split(sep)
            counts[len(fields)] += 1
            if len(fields) != len(columns):
                cut = " (the file ends inside this line: truncated?)" if not last_had_newline else ""
                rejects.append((number, f"expected {len(columns)} fields, found {len(fields)}{cut}", text[:MAX_TEXT]))
                continue
            row = []
            try:
                for i, field in enumerate(fields):
                    row.append(convert[i](field) if field != "" else None)
            except (ValueError, KeyError):
                rejects.append((number, f"column {columns[i]}: {fields[i][:40]!r} is not {kinds[i]}", text[:MAX_TEXT]))
                continue
            for i, value in enumerate(row):
                values[i].append(value)
    except (EOFError, OSError, zlib.error, zipfile.BadZipFile) as exc:
        raise SourceError(f"{label} is damaged or truncated ({exc}). Download it again "
                          f"(`entente data update {dataset or 'NAME'}`) or use another copy.") from exc
    wrong = n_lines - counts.get(len(columns), 0)
    if n_lines and wrong > layout_threshold * n_lines:
        common, seen = counts.most_common(1)[0]
        raise SchemaError(
            f"{label} has another column layout than entente expects: {wrong:,} of {n_lines:,} lines do not "
            f"have {len(columns)} fields (most have {common}). Expected columns: {columns}. The upstream format "
            "changed (or this is another kind of file): the parser needs updating before it can be used.")
    table = pa.table({c: pa.array(v, type=k) for c, v, k in zip(columns, values, kinds)})
    frame = set_aside(path, rejects_frame(rejects))
    return table, frame
