"""The event store: GDELT events as Parquet under ``config.home()/"events"``, one set of files per batch.

Layout::

    events/
      parts/added_month=YYYY-MM/part-<batch>-<k>.parquet      events, by the month of their GDELT file
      mentions/added_month=YYYY-MM/part-<batch>-<k>.parquet   GDELT 2.0 mentions, likewise
      _manifest.csv                              one row per ingested file: name, table, sha256, rows, rejects
      _rejects/<file>.csv                        the lines set aside (line, reason, text)
      .ingest.lock                               held by the ingest writing (filelock)

Partitioned by date added, not by event date. The partition is the month of the GDELT file a row came
from (the month GDELT published it; GDELT's own BigQuery tables are partitioned by ingestion date
too). By event month, every GDELT 2.0 batch fell into 40+ folders (a 15-minute file holds events
dated up to a year back, some decades back), and writing them cost as much CPU as parsing the rows;
by file month a batch of consecutive files writes one or two. Event dates are still prunable through
the Parquet row-group statistics of ``event_date``. Stores written with ``event_month=YYYY-MM/``
folders are still read.

Each stored event keeps the GDELT columns plus ``event_date``, ``gdelt_version``, ``source_file``,
``source_line`` and the states: ``ccode1``/``ccode2`` (actors, CAMEO codes) and ``action_ccode``
(place, FIPS code), see :mod:`entente.events.actors`. Each mention keeps the 16 GDELT columns plus
``mention_time``, ``source_file`` and ``source_line``; :func:`mentions` reads them.

Guarantees:

* **Atomic, append-only.** Files are ingested in batches (:data:`BATCH_FILES`, :data:`BATCH_BYTES`); a
  batch is written into a staging folder and each new Parquet file is renamed into
  ``parts/`` (or ``mentions/``); existing files are never rewritten, so nothing already ingested can be lost. The manifest
  is replaced (temp file + rename) only after the batch's data files are in place.
* **Deduplicated.** Events by GLOBALEVENTID, mentions by :data:`MENTION_KEY` (event, article, sentence
  and character offsets). New rows whose key is already stored (or repeated within the batch: the
  first file and line wins) are dropped, so re-running after an interruption between the data and the
  manifest duplicates nothing.
* **Idempotent.** A file whose sha256 is in the manifest is skipped.
* **One writer.** An ingest holds ``.ingest.lock`` (:func:`locked`); a second ingest into the same store
  waits ``wait`` seconds for it (default 0) and then raises :class:`StoreBusy` — it never writes beside it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
from filelock import FileLock, Timeout

from entente import config
from entente.errors import EntenteError, NoEvidence, StoreBusy
from entente.events import actors, fastread, gdelt, parts
from entente.sources import sha256_file

__all__ = ["IngestReport", "StoreBusy", "events_dir", "ingest", "locked", "manifest", "coverage", "event_files",
           "mention_files", "mentions", "completeness", "read_masterlist"]

BATCH_FILES = 500          # files parsed together; data and manifest are committed per batch
BATCH_BYTES = 64 << 20     # ... and at most this many compressed bytes (~350 MB of text) per batch
#: the natural key of a mention: one event, one article, one place in it (exact duplicate lines share it)
MENTION_KEY = ["GLOBALEVENTID", "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
               "ActionCharOffset"]
MANIFEST_COLUMNS = ["file", "table", "sha256", "version", "interval_start", "minutes", "rows_read", "rows_added",
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

    def merge(self, other: IngestReport) -> IngestReport:
        """Both runs' files, skips and failures in one report (times added)."""
        return IngestReport(self.files + other.files, self.skipped + other.skipped, self.failed + other.failed,
                            self.seconds + other.seconds)

    def frame(self) -> pd.DataFrame:
        rows = [{**f, "status": "ingested"} for f in self.files]
        rows += [{"file": s, "status": "skipped (already ingested)"} for s in self.skipped]
        rows += [{"file": s, "status": f"failed: {why}"} for s, why in self.failed]
        cols = ["file", "status", "rows_read", "rows_added", "rows_rejected"]
        return pd.DataFrame(rows, columns=cols) if rows else pd.DataFrame(columns=cols)


def manifest(root: Path | None = None) -> pd.DataFrame:
    """The files ingested so far (see MANIFEST_COLUMNS)."""
    path = events_dir(root) / "_manifest.csv"
    if not path.exists():
        return pd.DataFrame(columns=MANIFEST_COLUMNS)
    frame = pd.read_csv(path, dtype={"interval_start": "string", "sha256": "string", "file": "string", "table": "string"})
    if "table" not in frame:                     # manifests written before mentions were stored
        frame.insert(1, "table", "export")
    return frame[MANIFEST_COLUMNS]


def _write_atomic_csv(frame: pd.DataFrame, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    frame.to_csv(tmp, index=False)
    os.replace(tmp, path)


def _files(path: Path) -> list[Path]:
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise NoEvidence(f"No such file or folder: {path}. Give a folder of GDELT export/mentions files "
                         "(…export.CSV.zip, …mentions.CSV.zip) or one such file.")
    return sorted(p for p in path.iterdir() if p.is_file() and not p.name.endswith(".part")
                  and (i := gdelt.identify(p)) and i.table in ("export", "mentions"))


def lock_path(root: Path | None = None) -> Path:
    """The lock file every ingest holds while it writes: ``<store>/.ingest.lock``."""
    return events_dir(root) / ".ingest.lock"


@contextlib.contextmanager
def locked(root: Path | None = None, *, wait: float = 0.0):
    """Hold the store's ingest lock (a :mod:`filelock` lock on ``<store>/.ingest.lock``) for the block.

    Two ingests into one store never write at once: the second waits up to ``wait`` seconds, then raises
    :class:`StoreBusy`. The lock is released when its process ends, even if it is killed.
    """
    path = lock_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        raise StoreBusy(f"Another ingest is writing to the event store {path.parent} (lock {path}); waited "
                        f"{wait:g} s. Let it finish, or wait for it: entente events ingest ... --wait 600") from None
    try:
        yield path
    finally:
        lock.release()


def _batches(files: list[Path]) -> list[list[Path]]:
    """Files in batches of at most BATCH_FILES files and BATCH_BYTES compressed bytes (order kept)."""
    out, current, size = [], [], 0
    for f in files:
        n = f.stat().st_size
        if current and (len(current) >= BATCH_FILES or size + n > BATCH_BYTES):
            out.append(current)
            current, size = [], 0
        current.append(f)
        size += n
    if current:
        out.append(current)
    return out


def ingest(path: Path | str, *, root: Path | None = None, wait: float = 0.0) -> IngestReport:
    """Ingest every GDELT export and mentions file in folder ``path`` (or the one file ``path``).

    Files already in the manifest (same sha256) are skipped; a damaged file is reported in
    ``report.failed`` and the others still go in. Malformed lines go to ``_rejects/<file>.csv``.
    Holds the store's ingest lock (:func:`locked`; ``wait`` seconds for another ingest to finish).
    """
    import time

    start = time.perf_counter()
    store = events_dir(root)
    files = _files(Path(path))
    store.mkdir(parents=True, exist_ok=True)
    report = IngestReport()
    with locked(root, wait=wait):
        for stale in [*store.glob("parts/.staging-*"), *store.glob("mentions/.staging-*")]:
            shutil.rmtree(stale, ignore_errors=True)      # left by an ingest that was killed: never recorded
        (store / "_rejects").mkdir(exist_ok=True)
        done = manifest(root)
        known = set(done["sha256"].dropna())
        con = duckdb.connect()
        _load_keys(con, store)
        for batch, futures in _prepared(_batches(files), known):
            before = len(report.files)
            _ingest_batch(con, batch, futures, store, known, report)
            if len(report.files) > before:       # the batch's data files are in place: now record them
                done = pd.concat([done, pd.DataFrame(report.files[before:], columns=MANIFEST_COLUMNS)], ignore_index=True)
                _write_atomic_csv(done, store / "_manifest.csv")
        con.close()
    report.seconds = time.perf_counter() - start
    return report


def _load_keys(con, store: Path) -> None:
    """What is stored already: GLOBALEVENTIDs of events, keys of mentions (for dedup)."""
    existing = event_files(store)
    if existing:
        con.execute("CREATE TEMP TABLE _ids AS SELECT DISTINCT GLOBALEVENTID FROM read_parquet(?)",
                    [[str(p) for p in existing]])
    else:
        con.execute("CREATE TEMP TABLE _ids (GLOBALEVENTID BIGINT)")
    key = ", ".join(f'"{c}"' for c in MENTION_KEY)
    existing = mention_files(store)
    if existing:
        con.execute(f"CREATE TEMP TABLE _mkeys AS SELECT DISTINCT {key} FROM read_parquet(?)", [[str(p) for p in existing]])
    else:
        con.execute(f"CREATE TEMP TABLE _mkeys AS SELECT {key} FROM (SELECT NULL::BIGINT AS GLOBALEVENTID, "
                    "NULL::VARCHAR AS MentionIdentifier, NULL::INTEGER AS SentenceID, NULL::INTEGER AS Actor1CharOffset, "
                    "NULL::INTEGER AS Actor2CharOffset, NULL::INTEGER AS ActionCharOffset) WHERE false")


def _sha_and_prepare(file: Path, known: set):
    sha = sha256_file(file)
    if sha in known:
        return sha, None
    try:
        return sha, gdelt.prepare(file)
    except EntenteError as exc:
        return sha, exc


def _prepared(batches: list[list[Path]], known: set):
    """Each batch with its files' futures of (sha256, prepared file, or error): the thread pool decompresses
    and checks the files in order, running up to a batch ahead of the caller, who parses a chunk as soon
    as its files are ready. (A file whose bytes turn up in an earlier batch is prepared anyway; the
    caller skips it by its sha256.)"""
    with ThreadPoolExecutor(max_workers=gdelt.THREADS) as pool:
        ahead = [pool.submit(_sha_and_prepare, f, known) for f in batches[0]] if batches else []
        for k, batch in enumerate(batches):
            futures = ahead
            yield batch, futures
            ahead = [pool.submit(_sha_and_prepare, f, known) for f in batches[k + 1]] if k + 1 < len(batches) else []


def _ingest_batch(con, files: list[Path], futures: list, store: Path, known: set, report: IngestReport) -> None:
    """Ingest one batch: each file as soon as it is prepared, in chunks per table; the batch's Parquet
    files go into place together at the end (or, on an error, none of them)."""
    tables = {"export": _TableIngest(con, "export", store), "mentions": _TableIngest(con, "mentions", store)}
    try:
        for i, file in enumerate(files):
            sha, result = futures[i].result()
            futures[i] = None                   # the chunk holds the file's bytes until it is parsed, then they go
            if result is None or sha in known:
                report.skipped.append(file.name)
            elif isinstance(result, EntenteError):
                report.failed.append((file.name, str(result)))
            else:
                known.add(sha)                  # the same bytes twice in one folder: ingest once
                tables[result.info.table].add(result, sha)
            del result
        for ingest in tables.values():
            ingest.finish()
    except BaseException:
        for ingest in tables.values():
            ingest.abort()
        raise
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    for table, ingest in tables.items():
        for i, (name, info, sha) in enumerate(ingest.entries):
            rej = ingest.rejects.get(name)
            if rej is not None and len(rej):
                _write_atomic_csv(rej, store / "_rejects" / f"{name}.csv")
            n_rejected = 0 if rej is None else len(rej)
            report.files.append({"file": name, "table": table, "sha256": sha, "version": info.version,
                                 "interval_start": info.stamp, "minutes": info.minutes,
                                 "rows_read": ingest.parsed.get(i, 0) + n_rejected,
                                 "rows_added": ingest.added.get(i, 0), "rows_rejected": n_rejected,
                                 "ingested_at": now})


#: text bytes parsed and written at a time within a batch (see :mod:`entente.events.parts`)
CHUNK_BYTES = 32 << 20


class _TableIngest:
    """The files of one GDELT table in a batch: added one by one as they are prepared, parsed,
    deduplicated and handed to a :class:`~entente.events.parts.PartWriter` a chunk (CHUNK_BYTES of text)
    at a time; each file's bytes are dropped once parsed. ``entries``, ``parsed``, ``added`` (per file
    index) and ``rejects`` (per file name) say what happened."""

    def __init__(self, con, table: str, store: Path):
        self.con, self.table = con, table
        self.key, self.stored, folder = ((["GLOBALEVENTID"], "_ids", "parts") if table == "export"
                                         else (MENTION_KEY, "_mkeys", "mentions"))
        self.writer = parts.PartWriter(store / folder)
        self.entries: list[tuple[str, gdelt.GdeltFile, str]] = []
        self.parsed, self.added, self.rejects = Counter(), Counter(), {}
        self._chunk: list[tuple[int, gdelt.Prepared]] = []
        self._size = 0

    def add(self, file: gdelt.Prepared, sha: str) -> None:
        if self._chunk and self._size + len(file.data) > CHUNK_BYTES:
            self._flush()
        self._chunk.append((len(self.entries), file))
        self._size += len(file.data)
        self.entries.append((file.info.path.name, file.info, sha))

    def finish(self) -> None:
        """Parse what is left and move the batch's files into place."""
        if self._chunk:
            self._flush()
        self.writer.commit()

    def abort(self) -> None:
        self._chunk = []
        self.writer.abort()

    def _flush(self) -> None:
        chunk, self._chunk, self._size = self._chunk, [], 0
        rows, rejects = _parse(self.con, chunk, self.table)
        del chunk                                           # the files' bytes go now
        self.rejects.update(rejects)
        parsed, added, kept = _new_rows(self.con, rows, self.key, self.stored)
        self.parsed.update(parsed)
        self.added.update(added)
        if self.table == "export":
            kept = actors.add_ccodes(kept)
        self.writer.write(kept.drop("_file_index"))


def _parse(con, items: list[tuple[int, gdelt.Prepared]], table: str) -> tuple[pl.DataFrame, dict[str, pd.DataFrame]]:
    """The rows of ``items`` (``(index in the batch, prepared file)``, one GDELT table), each file's in line
    order with its index as ``_file_index``, and the rejects per file name.

    Clean files go through the fast reader (:mod:`entente.events.fastread`), all files of a GDELT version
    in one call, or file by file if that call fails; the others, checked line by line, through DuckDB
    (:func:`gdelt.load_checked`), which names every reject. Both give the same columns and types."""
    parts_, careful = [], []
    for version in (1, 2):
        group = [(i, f) for i, f in items if f.info.version == version]
        frame = fastread.read(group)
        if frame is not None:
            parts_.append(frame)
            continue
        for item in group:
            frame = fastread.read([item])
            if frame is None:
                careful.append(item)
            else:
                parts_.append(frame)
    rejects: dict[str, pd.DataFrame] = {}
    if careful:
        strict = [gdelt.prepare(f.info.path, strict=True) for _, f in careful]
        rejects = gdelt.load_checked(strict, con, "_parsed")
        rows = fastread.conform(con.sql("SELECT * FROM _parsed").to_arrow_table(), table)
        gdelt.release(con, "_parsed")
        in_batch = np.asarray([i for i, _ in careful], dtype=np.int32)[rows.get_column("_file_index").to_numpy()]
        parts_.append(rows.with_columns(pl.Series("_file_index", in_batch)))
    return pl.concat(parts_, rechunk=False) if len(parts_) > 1 else parts_[0], rejects


def _new_rows(con, batch: pl.DataFrame, key: list[str], stored: str) -> tuple[dict, dict, pl.DataFrame]:
    """The rows of ``batch`` to store: the first of their key within the batch (by file, then line) and
    not in ``stored`` (a DuckDB table of the keys already in the store, which the
    kept keys are added to). Returns rows parsed and rows added per file index, and the kept rows."""
    first = pl.col(key[0]).is_first_distinct() if len(key) == 1 else pl.struct(key).is_first_distinct()
    keys = batch[[*key, "_file_index", "source_line"]].with_row_index("_row")   # (column access does not copy)
    if not batch.get_column("_file_index").is_sorted():        # "first" is by file, then line
        keys = keys.sort(["_file_index", "source_line"])
    candidates = keys.select("_row", *key).filter(first)
    con.register("_candidates", candidates.to_arrow())
    match = " AND ".join(f'k."{c}" IS NOT DISTINCT FROM c."{c}"' for c in key)
    # only the stored keys in this chunk's id range: GDELT ids grow with time, so the range filter lets
    # DuckDB skip all but the newest row groups of the key table instead of hashing all of it each time
    ids = candidates.get_column("GLOBALEVENTID")
    lo, hi = ids.min(), ids.max()
    near = f"(SELECT * FROM {stored} WHERE GLOBALEVENTID BETWEEN {int(lo)} AND {int(hi)})" if lo is not None else stored
    seen = con.sql(f"SELECT _row FROM _candidates c SEMI JOIN {near} k ON ({match})").to_arrow_table()
    con.unregister("_candidates")
    if seen.num_rows:
        candidates = candidates.join(pl.from_arrow(seen), on="_row", how="anti", maintain_order="left")
    rows = candidates.get_column("_row")
    kept = batch if len(rows) == batch.height else batch[rows]
    con.register("_kept", kept[key].to_arrow())
    con.execute(f"INSERT INTO {stored} SELECT * FROM _kept")
    con.unregister("_kept")
    return _per_file(batch), _per_file(kept), kept


def _per_file(rows: pl.DataFrame) -> dict[int, int]:
    """Rows per ``_file_index``."""
    counts = np.bincount(rows.get_column("_file_index").to_numpy())
    return {i: int(n) for i, n in enumerate(counts) if n}


def event_files(root: Path | None = None) -> list[Path]:
    """The Parquet files of the store's events (empty list if nothing was ingested); stores written before
    the flat layout keep their ``event_month=*/`` files, which are read too."""
    store = events_dir(root)
    return sorted(store.glob("parts/added_month=*/part-*.parquet")) + sorted(store.glob("event_month=*/part-*.parquet"))


def mention_files(root: Path | None = None) -> list[Path]:
    """The Parquet files of the stored mentions (empty list if none were ingested)."""
    return sorted((events_dir(root) / "mentions").glob("added_month=*/part-*.parquet"))


def mentions(root: Path | None = None, *, event_ids=None, sql: str | None = None) -> pd.DataFrame:
    """The stored GDELT 2.0 mentions (16 GDELT columns, ``mention_time``, ``source_file``, ``source_line``).

    ``event_ids``: only mentions of these GLOBALEVENTIDs (e.g. the events of :func:`entente.events.top`);
    ``sql``: an extra WHERE condition in DuckDB SQL, e.g. ``"Confidence >= 80"``.
    """
    files = mention_files(root)
    if not files:
        raise NoEvidence(f"No GDELT mentions in {events_dir(root)}. Ingest …mentions.CSV.zip files: "
                         "entente events ingest --path DIR")
    con = duckdb.connect()
    where, params = [], [[str(p) for p in files]]
    if event_ids is not None:
        con.register("_wanted", pa.table({"GLOBALEVENTID": pa.array([int(i) for i in event_ids], pa.int64())}))
        where.append("GLOBALEVENTID IN (SELECT GLOBALEVENTID FROM _wanted)")
    if sql:
        where.append(f"({sql})")
    query = ("SELECT * FROM read_parquet(?)"
             + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY mention_time, source_file, source_line")
    return con.execute(query, params).df()


def coverage(root: Path | None = None) -> pd.DataFrame:
    """The intervals covered by exports: one row per ingested export file with start, end (UTC), version, rows."""
    m = manifest(root)
    m = m[m["table"] == "export"]
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
    done = done[done["table"] == "export"]
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
