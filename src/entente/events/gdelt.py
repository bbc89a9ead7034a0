"""GDELT event files: recognise the format, check every line, parse with DuckDB.

Formats (tab-separated, no header, no quoting, UTF-8; see shared/data/SOURCES.md §7, §14):

* **2.0 export**, one file per 15 minutes: ``YYYYMMDDHHMMSS.export.CSV.zip`` (also ``.translation.``), 61 columns.
* **1.0 daily**, one file per day: ``YYYYMMDD.export.CSV.zip``, 58 columns (no ``*Geo_ADM2Code``).

Both come zipped from GDELT; gzip copies (``.gz``) and plain files are read too. Each line is checked
before parsing: valid UTF-8 and the right number of fields for its format; a line that fails, or whose
GLOBALEVENTID/SQLDATE is not a number/date, is a *reject* ``(line, reason, text)`` with its 1-based
line number. A truncated or corrupt archive is not a pile of rejects: :func:`parse` raises
:class:`~entente.errors.SourceError` naming the file, and nothing of it is ingested.

:func:`check` decompresses and checks lines; :func:`load` writes the good lines of many files to one
temporary TSV per version and parses them with a single DuckDB ``read_csv`` (all text, then typed with
``TRY_CAST``), so a file never goes through pandas and the per-file cost stays small. :func:`parse` is
both for one file. Mentions files (16 columns) are recognised and skipped by the store.
"""

from __future__ import annotations

import gzip
import re
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from entente.errors import SourceError
from entente.ingest import MAX_TEXT, rejects_frame

__all__ = ["V1_COLUMNS", "V2_COLUMNS", "GdeltFile", "identify", "check", "load", "parse", "read_lines"]

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]


def _geo(prefix: str, adm2: bool) -> list[str]:
    cols = ["Type", "FullName", "CountryCode", "ADM1Code"] + (["ADM2Code"] if adm2 else []) + ["Lat", "Long", "FeatureID"]
    return [f"{prefix}Geo_{c}" for c in cols]


def _columns(adm2: bool) -> list[str]:
    return (["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
            + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
            + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
               "NumMentions", "NumSources", "NumArticles", "AvgTone"]
            + _geo("Actor1", adm2) + _geo("Actor2", adm2) + _geo("Action", adm2) + ["DATEADDED", "SOURCEURL"])


#: GDELT 2.0 export columns (61), as in GDELT's codebook.
V2_COLUMNS = _columns(adm2=True)
#: GDELT 1.0 daily export columns (58).
V1_COLUMNS = _columns(adm2=False)
assert len(V2_COLUMNS) == 61 and len(V1_COLUMNS) == 58

_TYPES = {"GLOBALEVENTID": "BIGINT", "SQLDATE": "INTEGER", "MonthYear": "INTEGER", "Year": "INTEGER", "FractionDate": "DOUBLE",
          "IsRootEvent": "INTEGER", "QuadClass": "INTEGER", "GoldsteinScale": "DOUBLE", "NumMentions": "INTEGER",
          "NumSources": "INTEGER", "NumArticles": "INTEGER", "AvgTone": "DOUBLE", "DATEADDED": "BIGINT",
          **{f"{p}Geo_{c}": t for p in ("Actor1", "Actor2", "Action") for c, t in
             (("Type", "INTEGER"), ("Lat", "DOUBLE"), ("Long", "DOUBLE"))}}

_NAME = re.compile(r"^(?P<stamp>\d{14}|\d{8})\.(?P<translation>translation\.)?(?P<table>export|mentions|gkg)\.csv",
                   re.IGNORECASE)


@dataclass(frozen=True)
class GdeltFile:
    """What a GDELT file name says: version (1 or 2), table, interval start and length in minutes."""

    path: Path
    version: int
    table: str
    stamp: str           # YYYYMMDDHHMMSS (1.0 daily files: HHMMSS = 000000)
    minutes: int         # 15 for 2.0, 1440 for 1.0 daily
    translation: bool = False

    @property
    def columns(self) -> list[str]:
        return V2_COLUMNS if self.version == 2 else V1_COLUMNS


def identify(path: Path | str) -> GdeltFile | None:
    """The format of ``path`` from its GDELT name, or None if it is not a GDELT file name."""
    path = Path(path)
    m = _NAME.match(path.name)
    if not m:
        return None
    stamp = m["stamp"]
    version = 2 if len(stamp) == 14 else 1
    return GdeltFile(path, version, m["table"].lower(), stamp.ljust(14, "0"), 15 if version == 2 else 1440,
                     bool(m["translation"]))


def read_lines(path: Path) -> list[bytes]:
    """All lines of a (zip, gzip or plain) file, decompressed; SourceError if the archive is damaged."""
    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as archive:
                members = [m for m in archive.namelist() if not m.endswith("/")]
                if len(members) != 1:
                    raise SourceError(f"{path} holds {len(members)} files {members[:5]}; a GDELT zip holds exactly one.")
                data = archive.read(members[0])          # checks the CRC
        elif path.suffix.lower() == ".gz":
            with gzip.open(path, "rb") as handle:
                data = handle.read()
        else:
            data = path.read_bytes()
    except (zipfile.BadZipFile, EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
        raise SourceError(f"Cannot read {path}: {exc.__class__.__name__}: {exc}. The file is truncated or "
                          f"corrupt; download it again (nothing from it was ingested).") from exc
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines


def parse(path: Path | str, *, con: duckdb.DuckDBPyConnection | None = None) -> tuple[pa.Table, "pd.DataFrame"]:
    """Parse one GDELT 1.0/2.0 export file into (events, rejects).

    ``events`` has the 61 GDELT 2.0 columns (1.0 files get null ``*Geo_ADM2Code``), typed (codes stay
    strings, leading zeros kept), plus ``event_date`` (DATE from SQLDATE), ``gdelt_version``,
    ``source_file`` and ``source_line``. ``rejects`` has ``line, reason, text``.
    """
    con = con or duckdb.connect()
    rejects = load([check(path)], con, "_gdelt_parsed")
    table = con.sql("SELECT * FROM _gdelt_parsed ORDER BY source_line").to_arrow_table()
    con.execute("DROP TABLE _gdelt_parsed")
    return table, rejects[Path(path).name]


@dataclass
class Checked:
    """A file after the line checks: its format, the good lines (as text) and the rejects so far."""

    info: GdeltFile
    good: list[tuple[int, str]]
    rejects: list[tuple[int, str, str]]


def check(path: Path | str) -> Checked:
    """Decompress ``path`` and check each line (UTF-8, field count); SourceError if the file is damaged."""
    path = Path(path)
    info = identify(path)
    if info is None or info.table != "export":
        raise SourceError(f"{path.name} is not a GDELT export file name (expected e.g. 20241022130000.export.CSV.zip "
                          f"or 20151207.export.CSV.zip).")
    want = len(info.columns)
    rejects, good = [], []
    lines = read_lines(path)
    try:                                   # fast path: the whole file is UTF-8, check field counts only
        texts = b"\n".join(lines).decode("utf-8").split("\n")
    except UnicodeDecodeError:
        texts = None
    for number, raw in enumerate(lines if texts is None else texts, start=1):
        if texts is None:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                rejects.append((number, f"not UTF-8 (byte {exc.start})", raw.decode("utf-8", "replace")[:MAX_TEXT]))
                continue
        else:
            text = raw
        text = text.rstrip("\r")
        fields = text.count("\t") + 1
        if fields != want:
            rejects.append((number, f"{fields} fields, expected {want} (GDELT {info.version}.0)", text[:MAX_TEXT]))
            continue
        good.append((number, text))
    return Checked(info, good, rejects)


def load(files: list[Checked], con: duckdb.DuckDBPyConnection, name: str) -> dict[str, "pd.DataFrame"]:
    """Parse checked files with one DuckDB ``read_csv`` per GDELT version into temp table ``name``
    (columns as :func:`parse`); return the rejects per file name (lines whose id or date is not valid
    are added here)."""
    rejects = {c.info.path.name: list(c.rejects) for c in files}
    parts = []
    with tempfile.TemporaryDirectory() as tmpdir:
        for version in (1, 2):
            batch = [(i, c) for i, c in enumerate(files) if c.info.version == version]
            if not batch:
                continue
            tsv = Path(tmpdir) / f"v{version}.tsv"
            with open(tsv, "w", encoding="utf-8") as out:
                for i, c in batch:
                    if c.good:
                        out.write("\n".join(f"{i}\t{n}\t{t}" for n, t in c.good))
                        out.write("\n")
            columns = V2_COLUMNS if version == 2 else V1_COLUMNS
            cols = {"_file": "INTEGER", "_line": "BIGINT", **{c: "VARCHAR" for c in columns}}
            spec = "{" + ", ".join(f"'{k}': '{v}'" for k, v in cols.items()) + "}"
            select = []
            for c in V2_COLUMNS:
                src = f'"{c}"' if c in columns else "NULL"
                select.append(f"TRY_CAST(NULLIF({src}, '') AS {_TYPES[c]}) AS \"{c}\"" if c in _TYPES
                              else f"NULLIF({src}, '') AS \"{c}\"" if src != "NULL" else f"CAST(NULL AS VARCHAR) AS \"{c}\"")
            table = f"_gdelt_raw{version}"
            con.execute(f"""CREATE OR REPLACE TEMP TABLE {table} AS
                SELECT _file, _line, {', '.join(select)}, TRY_STRPTIME(SQLDATE, '%Y%m%d')::DATE AS event_date,
                       SQLDATE AS _sqldate_text, GLOBALEVENTID AS _id_text, {version}::TINYINT AS gdelt_version
                FROM read_csv('{tsv}', delim='\t', header=false, quote='', escape='', auto_detect=false,
                              columns={spec}, new_line='\\n')""")
            bad = con.execute(f"""SELECT _file, _line, CASE WHEN "GLOBALEVENTID" IS NULL
                                      THEN 'GLOBALEVENTID not an integer: ' || coalesce(_id_text, '')
                                      ELSE 'SQLDATE not a date: ' || coalesce(_sqldate_text, '') END
                                  FROM {table} WHERE "GLOBALEVENTID" IS NULL OR event_date IS NULL""").fetchall()
            for i, line, reason in bad:
                text = dict(files[i].good)[line]
                rejects[files[i].info.path.name].append((line, reason, text[:MAX_TEXT]))
            parts.append(table)
    names = pa.table({"_file": pa.array(range(len(files)), pa.int32()),
                      "source_file": [c.info.path.name for c in files]})
    con.register("_gdelt_names", names)
    union = " UNION ALL ".join(f"SELECT * FROM {t}" for t in parts) if parts else None
    if union is None:
        raise SourceError("load() needs at least one checked file.")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {name} AS
        SELECT r.* EXCLUDE (_file, _line, _sqldate_text, _id_text), n.source_file, r._line AS source_line, r._file AS _file_index
        FROM ({union}) r JOIN _gdelt_names n USING (_file)
        WHERE r."GLOBALEVENTID" IS NOT NULL AND r.event_date IS NOT NULL""")
    con.unregister("_gdelt_names")
    for t in parts:
        con.execute(f"DROP TABLE {t}")
    return {k: rejects_frame(sorted(v)) for k, v in rejects.items()}
