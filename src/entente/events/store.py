"""The event store: GDELT events as Parquet under ``config.home()/"events"``, one set of files per batch.

Layout::

    events/
      parts/added_month=YYYY-MM/part-<batch>-<k>.parquet      events, by the month of their GDELT file
      mentions/added_month=YYYY-MM/part-<batch>-<k>.parquet   GDELT 2.0 mentions, likewise
      _manifest.csv                              one row per ingested file: name, table, sha256, rows, rejects,
                                                 rows_in_interval
      _rejects/<file>.csv                        the lines set aside (line, reason, text)
      .ingest.lock                               held by the ingest writing (filelock)
      .commit-<id>.json                          only while a batch commits (see entente.events.parts)

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
  ``parts/`` (or ``mentions/``); existing files are never rewritten, so nothing already ingested can be lost.
  The renames and the new manifest are one commit (a journal, :func:`entente.events.parts.commit`): a
  process killed in between is finished by the next ingest, so the manifest's ``rows_added`` always add
  up to what is stored.
* **Coverage is what was stored.** A file none of whose lines is valid is reported as failed and not
  recorded; a file is recorded with ``rows_in_interval``, its valid rows whose DATEADDED (MentionTimeDate)
  falls in its own interval, and only a file with some covers its interval (:func:`covering`).
* **One file fails alone.** An impossible name, an unreadable path, a damaged archive, a bad value on a
  line: the file (or the line) is set aside with why, and the others go in.
* **Deduplicated.** Events by GLOBALEVENTID, mentions by :data:`MENTION_KEY` (event, article, sentence
  and character offsets). New rows whose key is already stored (or repeated within the batch: the
  first file and line wins) are dropped, so re-running after an interruption between the data and the
  manifest duplicates nothing.
* **Idempotent.** A file whose sha256 is in the manifest is skipped.
* **One writer.** An ingest holds ``.ingest.lock`` (:func:`entente.events.lock.locked`); a second ingest into the
  same store waits ``wait`` seconds for it (default 0) and then raises :class:`StoreBusy` — it never writes beside it.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import uuid
import warnings
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa

from entente.errors import EntenteError, NoEvidence, SourceError, StoreBusy
from entente.events import actors, fastread, gdelt, parts
from entente.events.lock import MAX_WAIT, check_wait, locked  # noqa: F401  (re-exported: store.locked, ...)
from entente.events.paths import event_files, events_dir, lock_path, mention_files  # noqa: F401  (likewise)
from entente.sources import sha256_file
from entente.sources._parsing import MalformedLinesWarning

# coverage, covering, completeness and read_masterlist, listed here before, live in intervals and download
__all__ = ["IngestReport", "StoreBusy", "events_dir", "ingest", "locked", "check_wait", "manifest", "event_files",
           "mention_files", "mentions"]

BATCH_FILES = 500          # files parsed together; data and manifest are committed per batch
BATCH_BYTES = 64 << 20     # ... and at most this many compressed bytes (~350 MB of text) per batch
#: the natural key of a mention: one event, one article, one place in it (exact duplicate lines share it)
MENTION_KEY = ["GLOBALEVENTID", "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
               "ActionCharOffset"]
MANIFEST_COLUMNS = ["file", "table", "sha256", "version", "interval_start", "minutes", "rows_read", "rows_added",
                    "rows_rejected", "ingested_at", "rows_in_interval"]


@dataclass
class IngestReport:
    """What one ``ingest`` run did: per file rows read/added/rejected, files skipped, failed and ignored.

    ``failed`` holds ``(file, why)`` for every file asked for that put nothing in the store: an impossible
    name, an unreadable path, a damaged archive, a file none of whose lines is valid. ``ignored`` holds the
    names in the folder that are not GDELT export or mentions files (not asked for). ``notes`` holds
    ``(file, what)`` for files stored with something to know (rows dated outside the file's interval)."""

    files: list[dict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    ignored: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return sum(f["rows_read"] for f in self.files)

    @property
    def rows_added(self) -> int:
        return sum(f["rows_added"] for f in self.files)

    @property
    def rows_rejected(self) -> int:
        return sum(f["rows_rejected"] for f in self.files)

    @property
    def ok(self) -> bool:
        """True when every file asked for is in the store (ingested now or before): nothing failed."""
        return not self.failed and bool(self.files or self.skipped)

    def merge(self, other: IngestReport) -> IngestReport:
        """Both runs' files, skips and failures in one report (times added)."""
        return IngestReport(self.files + other.files, self.skipped + other.skipped, self.failed + other.failed,
                            self.seconds + other.seconds, self.ignored + other.ignored, self.notes + other.notes)

    def frame(self) -> pd.DataFrame:
        rows = [{**f, "status": "ingested" + (" (covers no interval: see the notes)" if not f.get("rows_in_interval", 1)
                                              else "")} for f in self.files]
        rows += [{"file": s, "status": "skipped (already ingested)"} for s in self.skipped]
        rows += [{"file": s, "status": f"failed: {why}"} for s, why in self.failed]
        cols = ["file", "status", "rows_read", "rows_added", "rows_rejected"]
        frame = pd.DataFrame(rows, columns=cols) if rows else pd.DataFrame(columns=cols)
        return frame.astype({c: "Int64" for c in cols[2:]})       # counts stay whole beside failed files


def manifest(root: Path | None = None) -> pd.DataFrame:
    """The files ingested so far (see MANIFEST_COLUMNS). A row whose interval_start is not a real time
    (a manifest written before names were checked, or edited by hand) is left out with a warning."""
    path = events_dir(root) / "_manifest.csv"
    if not path.exists():
        return pd.DataFrame(columns=MANIFEST_COLUMNS)
    try:
        frame = pd.read_csv(path, dtype={"interval_start": "string", "sha256": "string", "file": "string",
                                         "table": "string"})
        frame["rows_read"], frame["rows_rejected"]            # noqa: B018 - the columns every manifest has
    except (ValueError, KeyError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise SourceError(f"Cannot read the event store's manifest {path}: {exc.__class__.__name__}: "
                          f"{str(exc).splitlines()[0] if str(exc) else ''}. Restore it, or move it away and ingest "
                          "the files again (stored events are not duplicated).") from None
    if "table" not in frame:                     # manifests written before mentions were stored
        frame.insert(1, "table", "export")
    if "rows_in_interval" not in frame:          # ... and before coverage counted only the rows of the interval
        frame["rows_in_interval"] = frame["rows_read"] - frame["rows_rejected"]
    start = pd.to_datetime(frame["interval_start"], format="%Y%m%d%H%M%S", errors="coerce")
    bad = start.isna() | ~frame["interval_start"].fillna("").str.fullmatch(r"\d{14}")
    if bad.any():
        names = ", ".join(f"{f} ({s})" for f, s in zip(frame.loc[bad, "file"][:5], frame.loc[bad, "interval_start"][:5]))
        warnings.warn(f"{int(bad.sum())} rows of {path} name no real interval and were left out: {names}. Ingest those "
                      "files again under their real GDELT names.", MalformedLinesWarning, stacklevel=2)
        frame = frame[~bad]
    return frame[MANIFEST_COLUMNS].reset_index(drop=True)


def _write_atomic_csv(frame: pd.DataFrame, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    frame.to_csv(tmp, index=False)
    os.replace(tmp, path)


def _files(path: Path, store: Path | None = None) -> tuple[list[Path], list[tuple[str, str]], list[str]]:
    """The GDELT export and mentions files in ``path`` and its subfolders (or the one file ``path``), in
    name order; the ones that cannot be read, with why (a GDELT-shaped name whose time is impossible, a
    folder named like a file, a path that is not a regular file); and the names that are not GDELT
    export/mentions files (ignored). Hidden names, ``.part`` downloads and the event store ``store`` itself
    (its ``_rejects/<file>.csv`` are named like GDELT files) are passed over."""
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise NoEvidence(f"No such file or folder: {path}. Give a folder of GDELT export/mentions files "
                         "(…export.CSV.zip, …mentions.CSV.zip) or one such file.")
    if not path.is_dir():
        return [path], [], []
    found, failed, ignored = [], [], []
    own = store.resolve() if store is not None else None

    def unreadable(error: OSError) -> None:
        failed.append((str(error.filename), f"Cannot list folder {error.filename}: {error.strerror}. Check its "
                                            "permissions; nothing in it was read."))

    for folder, dirs, names in os.walk(path, onerror=unreadable):
        for d in list(dirs):
            if gdelt.looks_like_gdelt(d):
                failed.append((d, f"Cannot read {Path(folder) / d}: it is a folder named like a GDELT file. Move "
                                  "the file it holds up, or rename the folder."))
            if d.startswith(".") or gdelt.looks_like_gdelt(d) or (Path(folder) / d).resolve() == own:
                dirs.remove(d)
        dirs.sort()
        for name in names:
            file = Path(folder) / name
            if name.startswith(".") or name.endswith(".part"):
                continue
            if not gdelt.looks_like_gdelt(name):
                ignored.append(str(file.relative_to(path)))
                continue
            try:
                info = gdelt.parse_name(file)
            except EntenteError as exc:
                failed.append((name, str(exc)))
                continue
            if info.table not in ("export", "mentions"):
                ignored.append(str(file.relative_to(path)))
            elif file.is_file() or (file.is_symlink() and not file.exists()):   # a dangling link fails when opened
                found.append(file)
            else:
                failed.append((name, f"Cannot read {file}: not a regular file. Give the GDELT file itself."))
    return sorted(found, key=lambda p: (p.name, str(p))), failed, sorted(ignored)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0                                  # it fails, with its reason, when it is opened


def _batches(files: list[Path]) -> list[list[Path]]:
    """Files in batches of at most BATCH_FILES files and BATCH_BYTES compressed bytes (order kept)."""
    out, current, size = [], [], 0
    for f in files:
        n = _size(f)
        if current and (len(current) >= BATCH_FILES or size + n > BATCH_BYTES):
            out.append(current)
            current, size = [], 0
        current.append(f)
        size += n
    if current:
        out.append(current)
    return out


def ingest(path: Path | str, *, root: Path | None = None, wait: float = 0.0) -> IngestReport:
    """Ingest every GDELT export and mentions file in folder ``path`` and its subfolders (or the one file
    ``path``).

    Files already in the manifest (same sha256) are skipped; a file that cannot be read (impossible name,
    unreadable path, damaged archive, no valid line) is reported in ``report.failed`` and the others still
    go in. Malformed lines go to ``_rejects/<file>.csv``. Holds the store's ingest lock (:func:`locked`;
    ``wait`` seconds for another ingest to finish). NoEvidence if ``path`` holds no GDELT file at all.
    """
    start = time.perf_counter()
    wait = check_wait(wait)
    store = events_dir(root)
    files, failed, ignored = _files(Path(path), store)
    if not files and not failed:
        shown = f" ({len(ignored)} other files: {', '.join(ignored[:3])}{', …' if len(ignored) > 3 else ''})" if ignored else ""
        raise NoEvidence(f"No GDELT export or mentions files in {path} or its subfolders{shown}; nothing was read. Give "
                         "a folder of files named like 20241022130000.export.CSV.zip, 20241022130000.mentions.CSV.zip "
                         "or 20151207.export.CSV.zip (.zip, .gz or plain).")
    store.mkdir(parents=True, exist_ok=True)
    report = IngestReport(failed=list(failed), ignored=ignored)
    with locked(root, wait=wait):
        parts.recover(store)                     # finish (or drop) what a killed ingest left
        (store / "_rejects").mkdir(exist_ok=True)
        done = manifest(root)
        known = set(done["sha256"].dropna())
        con = duckdb.connect()
        _load_keys(con, store)
        for batch, futures in _prepared(_batches(files), known):
            before = len(report.files)
            moves = _ingest_batch(con, batch, futures, store, known, report)
            if len(report.files) > before or moves:
                done = pd.concat([done, pd.DataFrame(report.files[before:], columns=MANIFEST_COLUMNS)], ignore_index=True)
                parts.commit(store, moves, done, store / "_manifest.csv")    # data and manifest: all or nothing
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
    try:
        sha = sha256_file(file)
    except OSError as exc:
        return None, SourceError(f"Cannot open {file}: {exc.strerror or exc}. Check that it exists and is readable "
                                 "(nothing from it was ingested).")
    if sha in known:
        return sha, None
    try:
        return sha, gdelt.prepare(file)
    except EntenteError as exc:
        return sha, exc
    except MemoryError:
        return sha, SourceError(f"{file} is too large to read here (out of memory); nothing from it was ingested.")


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


def _ingest_batch(con, files: list[Path], futures: list, store: Path, known: set,
                  report: IngestReport) -> list[tuple[Path, Path]]:
    """Ingest one batch: each file as soon as it is prepared, in chunks per table. Returns the batch's
    Parquet files, closed in the staging folders, with where they go (the caller commits them with the
    manifest); on an error, nothing."""
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
        moves = [move for ingest in tables.values() for move in ingest.finish()]
    except BaseException:
        for ingest in tables.values():
            ingest.abort()
        raise
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    for table, ingest in tables.items():
        for i, (name, info, sha) in enumerate(ingest.entries):
            rej = ingest.rejects.get(name)
            n_rejected = 0 if rej is None else len(rej)
            if rej is not None and len(rej):
                _write_atomic_csv(rej, store / "_rejects" / f"{name}.csv")
                if i not in ingest.failed and ingest.parsed.get(i, 0):
                    line, reason = rej["line"].iloc[0], rej["reason"].iloc[0]
                    report.notes.append((name, f"{n_rejected:,} line{'s' if n_rejected > 1 else ''} set aside (line {line}: "
                                               f"{reason}{'; …' if n_rejected > 1 else ''}), all in "
                                               f"{store / '_rejects' / (name + '.csv')}"))
            if i in ingest.failed:
                known.discard(sha)
                report.failed.append((name, ingest.failed[i]))
                continue
            parsed = ingest.parsed.get(i, 0)
            if not parsed and n_rejected:       # nothing valid: nothing stored, the interval is not covered
                known.discard(sha)
                first = "" if rej is None or not len(rej) else f" (line {rej['line'].iloc[0]}: {rej['reason'].iloc[0]})"
                report.failed.append((name, f"{name}: none of its {n_rejected:,} lines is a valid GDELT {info.version}.0 "
                                            f"{info.table} line{first}; nothing from it was stored. Is it another "
                                            f"table or version under this name? The lines are in "
                                            f"{store / '_rejects' / (name + '.csv')}."))
                continue
            inside = ingest.inside.get(i, 0)
            if not parsed:                      # an empty file: read whole, nothing to store, covers nothing
                report.notes.append((name, "the file is empty: nothing to store, and its interval is not covered"))
            elif not inside:
                column = info.added[0]
                report.notes.append((name, f"none of its rows has a {column} in its interval starting "
                                           f"{info.start:%Y-%m-%d %H:%M}: stored, but not counted as covering it"))
            report.files.append({"file": name, "table": table, "sha256": sha, "version": info.version,
                                 "interval_start": info.stamp, "minutes": info.minutes,
                                 "rows_read": parsed + n_rejected,
                                 "rows_added": ingest.added.get(i, 0), "rows_rejected": n_rejected,
                                 "ingested_at": now, "rows_in_interval": inside})
    return moves


#: text bytes parsed and written at a time within a batch (see :mod:`entente.events.parts`)
CHUNK_BYTES = 32 << 20


class _TableIngest:
    """The files of one GDELT table in a batch: added one by one as they are prepared, parsed,
    deduplicated and handed to a :class:`~entente.events.parts.PartWriter` a chunk (CHUNK_BYTES of text)
    at a time; each file's bytes are dropped once parsed. ``entries``, ``parsed``, ``added``, ``inside``
    (rows dated in the file's own interval) and ``failed`` (why a file could not be parsed), per file index,
    and ``rejects`` (per file name) say what happened. A chunk that fails is parsed again file by file,
    so one file's content never fails the others."""

    def __init__(self, con, table: str, store: Path):
        self.con, self.table = con, table
        self.key, self.stored, folder = ((["GLOBALEVENTID"], "_ids", "parts") if table == "export"
                                         else (MENTION_KEY, "_mkeys", "mentions"))
        self.writer = parts.PartWriter(store / folder)
        self.entries: list[tuple[str, gdelt.GdeltFile, str]] = []
        self.parsed, self.added, self.inside, self.rejects = Counter(), Counter(), Counter(), {}
        self.failed: dict[int, str] = {}
        self._chunk: list[tuple[int, gdelt.Prepared]] = []
        self._size = 0

    def add(self, file: gdelt.Prepared, sha: str) -> None:
        if self._chunk and self._size + len(file.data) > CHUNK_BYTES:
            self._flush()
        self._chunk.append((len(self.entries), file))
        self._size += len(file.data)
        self.entries.append((file.info.path.name, file.info, sha))

    def finish(self) -> list[tuple[Path, Path]]:
        """Parse what is left and close the batch's files; return (staged file, its place) pairs."""
        if self._chunk:
            self._flush()
        return self.writer.close()

    def abort(self) -> None:
        self._chunk = []
        self.writer.abort()

    def _flush(self) -> None:
        chunk, self._chunk, self._size = self._chunk, [], 0
        self._parse_and_write(chunk)

    def _parse_and_write(self, chunk: list[tuple[int, gdelt.Prepared]]) -> None:
        try:
            rows, rejects = _parse(self.con, chunk, self.table)
        except Exception as exc:  # noqa: BLE001 - one file's content must not fail the others: isolate it
            gdelt.release(self.con, "_parsed")
            if len(chunk) > 1:
                for item in chunk:
                    self._parse_and_write([item])
                return
            ((i, file),) = chunk
            why = str(exc) if isinstance(exc, EntenteError) else f"{exc.__class__.__name__}: {exc}"
            self.failed[i] = (f"{file.info.path.name} could not be parsed: {why.splitlines()[0][:300]} Nothing from it "
                              "was stored; please report this with the file.")
            return
        del chunk                                           # the files' bytes go now
        self.rejects.update(rejects)
        self.inside.update(self._inside(rows))
        parsed, added, kept = _new_rows(self.con, rows, self.key, self.stored)
        self.parsed.update(parsed)
        self.added.update(added)
        if self.table == "export":
            kept = actors.add_ccodes(kept)
        self.writer.write(kept.drop("_file_index"))

    def _inside(self, rows: pl.DataFrame) -> dict[int, int]:
        """Rows per file index whose DATEADDED (MentionTimeDate) falls in the file's own interval."""
        if rows.height == 0:
            return {}
        column = self.entries[0][1].added[0]
        spans = np.array([info.added[1:] for _, info, _ in self.entries], dtype=np.int64)
        index = rows.get_column("_file_index").to_numpy()
        value = rows.get_column(column).fill_null(-1).to_numpy()
        hit = (value >= spans[index, 0]) & (value < spans[index, 1])
        return _per_index(index[hit])


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
    return _per_index(rows.get_column("_file_index").to_numpy())


def _per_index(index: np.ndarray) -> dict[int, int]:
    counts = np.bincount(index) if len(index) else []
    return {i: int(n) for i, n in enumerate(counts) if n}


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


# Coverage reads the manifest this module writes; it lives in its own module (imported last: it imports this one).
