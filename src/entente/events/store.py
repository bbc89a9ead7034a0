"""The event store: GDELT events as Parquet under ``config.home()/"events"``, partitioned by event month.

Layout::

    events/
      event_month=2024-10/part-<batch>.parquet   events whose SQLDATE falls in that month
      _manifest.csv                              one row per ingested file: name, sha256, rows, rejects
      _rejects/<file>.csv                        the lines set aside (line, reason, text)

Each stored event keeps the GDELT columns plus ``event_date``, ``gdelt_version``, ``source_file``,
``source_line`` and the states: ``ccode1``/``ccode2`` (actors, CAMEO codes) and ``action_ccode``
(place, FIPS code), see :mod:`entente.events.actors`.

Guarantees:

* **Atomic, append-only.** Files are ingested in batches (:data:`BATCH_FILES`); a batch is written by
  DuckDB into a staging folder and each new Parquet file is renamed into its partition; existing files
  are never rewritten, so nothing already ingested can be lost. The manifest is replaced (temp file +
  rename) only after the batch's data files are in place.
* **Deduplicated by GLOBALEVENTID.** New rows whose GLOBALEVENTID is already stored (or repeated within
  the batch: the first file and line wins) are dropped, so re-running after an interruption between
  the data and the manifest duplicates nothing. Not safe for two ingests running at once.
* **Idempotent.** A file whose sha256 is in the manifest is skipped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from entente import config
from entente.errors import EntenteError, NoEvidence
from entente.events import actors, gdelt

__all__ = ["IngestReport", "events_dir", "ingest", "manifest", "coverage"]

BATCH_FILES = 200          # files parsed per DuckDB read_csv; data and manifest are committed per batch
MANIFEST_COLUMNS = ["file", "sha256", "version", "interval_start", "minutes", "rows_read", "rows_added",
                    "rows_rejected", "ingested_at"]


def events_dir(root: Path | None = None) -> Path:
    """Where the event store lives: ``root`` or ``config.home()/"events"``."""
    return Path(root) if root is not None else config.home() / "events"


@dataclass
class IngestReport:
    """What one ``ingest`` run did: per file rows read/added/rejected, files skipped and failed."""

    files: list[dict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rows_read(self) -> int:
        return sum(f["rows_read"] for f in self.files)

    @property
    def rows_added(self) -> int:
        return sum(f["rows_added"] for f in self.files)

    @property
    def rows_rejected(self) -> int:
        return sum(f["rows_rejected"] for f in self.files)

    def frame(self) -> pd.DataFrame:
        rows = [{**f, "status": "ingested"} for f in self.files]
        rows += [{"file": s, "status": "skipped (already ingested)"} for s in self.skipped]
        rows += [{"file": s, "status": f"failed: {why}"} for s, why in self.failed]
        cols = ["file", "status", "rows_read", "rows_added", "rows_rejected"]
        return pd.DataFrame(rows, columns=cols) if rows else pd.DataFrame(columns=cols)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def manifest(root: Path | None = None) -> pd.DataFrame:
    """The files ingested so far (see MANIFEST_COLUMNS)."""
    path = events_dir(root) / "_manifest.csv"
    if not path.exists():
        return pd.DataFrame(columns=MANIFEST_COLUMNS)
    return pd.read_csv(path, dtype={"interval_start": "string", "sha256": "string", "file": "string"})


def _write_atomic_csv(frame: pd.DataFrame, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    frame.to_csv(tmp, index=False)
    os.replace(tmp, path)


def _files(path: Path) -> list[Path]:
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise NoEvidence(f"No such file or folder: {path}. Give a folder of GDELT export files (…export.CSV.zip).")
    return sorted(p for p in path.iterdir() if p.is_file() and (i := gdelt.identify(p)) and i.table == "export")


def ingest(path: Path | str, *, root: Path | None = None) -> IngestReport:
    """Ingest every GDELT export file in folder ``path`` (or the one file ``path``) into the store.

    Files already in the manifest (same sha256) are skipped; a damaged file is reported in
    ``report.failed`` and the others still go in. Malformed lines go to ``_rejects/<file>.csv``.
    """
    import time

    start = time.perf_counter()
    store = events_dir(root)
    store.mkdir(parents=True, exist_ok=True)
    (store / "_rejects").mkdir(exist_ok=True)
    done = manifest(root)
    known = set(done["sha256"].dropna())
    report = IngestReport()
    con = duckdb.connect()
    existing = sorted(store.glob("event_month=*/*.parquet"))
    if existing:
        con.execute("CREATE TEMP TABLE _ids AS SELECT DISTINCT GLOBALEVENTID FROM read_parquet(?)",
                    [[str(p) for p in existing]])
    else:
        con.execute("CREATE TEMP TABLE _ids (GLOBALEVENTID BIGINT)")
    files = _files(Path(path))
    for i in range(0, len(files), BATCH_FILES):
        before = len(report.files)
        _ingest_batch(con, files[i:i + BATCH_FILES], store, known, report)
        if len(report.files) > before:       # the batch's data files are in place: now record them
            done = pd.concat([done, pd.DataFrame(report.files[before:], columns=MANIFEST_COLUMNS)], ignore_index=True)
            _write_atomic_csv(done, store / "_manifest.csv")
    report.seconds = time.perf_counter() - start
    return report


def _ingest_batch(con, files: list[Path], store: Path, known: set, report: IngestReport) -> None:
    checked, shas = [], []
    for file in files:
        sha = _sha256(file)
        if sha in known:
            report.skipped.append(file.name)
            continue
        try:
            checked.append(gdelt.check(file))
            shas.append(sha)
        except EntenteError as exc:
            report.failed.append((file.name, str(exc)))
    if not checked:
        return
    rejects = gdelt.load(checked, con, "_parsed")
    # new events: not stored yet, and the first occurrence within the batch (file order, then line)
    con.execute("""CREATE OR REPLACE TEMP TABLE _new AS SELECT * FROM _parsed b
                   WHERE NOT EXISTS (SELECT 1 FROM _ids i WHERE i.GLOBALEVENTID = b.GLOBALEVENTID)
                   QUALIFY row_number() OVER (PARTITION BY GLOBALEVENTID ORDER BY _file_index, source_line) = 1""")
    parsed = dict(con.execute("SELECT _file_index, count(*) FROM _parsed GROUP BY 1").fetchall())
    added = dict(con.execute("SELECT _file_index, count(*) FROM _new GROUP BY 1").fetchall())
    con.execute("INSERT INTO _ids SELECT GLOBALEVENTID FROM _new")
    con.execute("DROP TABLE _parsed")
    _write_partitions(con, store)
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    for i, (c, sha) in enumerate(zip(checked, shas)):
        name, rej = c.info.path.name, rejects[c.info.path.name]
        if len(rej):
            _write_atomic_csv(rej, store / "_rejects" / f"{name}.csv")
        report.files.append({"file": name, "sha256": sha, "version": c.info.version, "interval_start": c.info.stamp,
                             "minutes": c.info.minutes, "rows_read": parsed.get(i, 0) + len(rej),
                             "rows_added": added.get(i, 0), "rows_rejected": len(rej), "ingested_at": now})
        known.add(sha)


def _write_partitions(con, store: Path) -> None:
    con.execute(f"CREATE OR REPLACE TEMP TABLE _new_c AS SELECT * EXCLUDE (_file_index) FROM ({actors.add_ccodes(con, '_new')})")
    con.execute("DROP TABLE _new")
    batch = uuid.uuid4().hex[:12]
    staging = store / f".staging-{batch}"
    con.execute(f"""COPY (SELECT *, strftime(event_date, '%Y-%m') AS event_month FROM _new_c ORDER BY GLOBALEVENTID)
                    TO '{staging}' (FORMAT parquet, PARTITION_BY (event_month), FILENAME_PATTERN 'part-{batch}-{{i}}')""")
    for part in sorted(staging.glob("event_month=*/*.parquet")):
        folder = store / part.parent.name
        folder.mkdir(exist_ok=True)
        os.replace(part, folder / part.name)            # same file system: an atomic rename
    shutil.rmtree(staging, ignore_errors=True)
    con.execute("DROP TABLE _new_c")


def event_files(root: Path | None = None) -> list[Path]:
    """The Parquet files of the store (empty list if nothing was ingested)."""
    return sorted(events_dir(root).glob("event_month=*/part-*.parquet"))


def coverage(root: Path | None = None) -> pd.DataFrame:
    """The intervals covered: one row per ingested file with start, end (UTC), version and rows."""
    m = manifest(root)
    if m.empty:
        return pd.DataFrame(columns=["interval_start", "interval_end", "minutes", "version", "file", "rows_added"])
    start = pd.to_datetime(m["interval_start"], format="%Y%m%d%H%M%S")
    out = pd.DataFrame({"interval_start": start, "interval_end": start + pd.to_timedelta(m["minutes"], unit="min"),
                        "minutes": m["minutes"], "version": m["version"], "file": m["file"], "rows_added": m["rows_added"]})
    return out.sort_values("interval_start", kind="stable").reset_index(drop=True)


def read_masterlist(path: Path | str) -> pd.DataFrame:
    """The export files in a GDELT file list (``masterfilelist.txt``/``lastupdate.txt``: ``size md5 url``;
    1.0 ``filesizes``/``md5sums``: ``size name``): columns interval_start (YYYYMMDDHHMMSS), minutes, file."""
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            continue
        name = parts[-1].rsplit("/", 1)[-1]
        info = gdelt.identify(name)
        if info is not None and info.table == "export" and not info.translation:
            rows.append((info.stamp, info.minutes, name))
    return pd.DataFrame(rows, columns=["interval_start", "minutes", "file"]).drop_duplicates("interval_start")


def completeness(masterlist: Path | str, root: Path | None = None) -> pd.DataFrame:
    """Intervals from the first to the last export in ``masterlist`` that are not ingested, each with why:

    * ``missing``: GDELT lists the file but it is not in the store (fetch and ingest it);
    * ``gap in GDELT's list``: a 15-minute (or daily) slot GDELT itself does not list — no file exists
      upstream, so nothing can be fetched for it.
    """
    listed = read_masterlist(masterlist)
    if listed.empty:
        raise NoEvidence(f"{masterlist} lists no GDELT export files (expected lines like "
                         f"'150383 297a… http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip').")
    done = manifest(root)
    have = set(done.loc[~done["file"].str.contains(".translation.", regex=False), "interval_start"].astype(str))
    out = []
    for minutes, group in listed.groupby("minutes"):
        starts = pd.to_datetime(group["interval_start"], format="%Y%m%d%H%M%S")
        slots = pd.date_range(starts.min(), starts.max(), freq=f"{int(minutes)}min")
        names = dict(zip(starts, group["file"]))
        for slot in slots:
            stamp = slot.strftime("%Y%m%d%H%M%S")
            if stamp in have:
                continue
            out.append((slot, int(minutes), names.get(slot), "missing" if slot in names else "gap in GDELT's list"))
    return pd.DataFrame(out, columns=["interval_start", "minutes", "file", "status"])
