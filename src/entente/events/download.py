"""Download GDELT files for a date range from GDELT's own file lists, ingest them, say what is covered.

GDELT publishes what exists, with each file's size and MD5 (formats: shared/data/SOURCES.md §14):

* **2.0** (15-minute files from 2015-02-18 23:00): ``masterfilelist.txt``, one line per file,
  ``150383 297a16b493de7cf6ca809a7cc31d0b93 http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip``.
* **1.0** (daily files from 2013-04-01): ``events/md5sums`` (``<md5>  20231003.export.CSV.zip``) and
  ``events/filesizes`` (``10004939 20231003.export.CSV.zip``), next to the files.

:func:`ingest_range` reads the list, plans every interval of the range (every 15 minutes for 2.0,
every day for 1.0), downloads the listed files on a small thread pool with :func:`entente.fetch.fetch`
(resume, size and MD5 from the list, atomic), ingests them into the event store and returns a
:class:`Completeness`: for **every** interval of the range exactly one status —

* ``covered``: its file is in the store (ingested now or before);
* ``missing upstream``: GDELT's list has no file for it (GDELT's own gaps; nothing to download);
* ``failed``: listed, but the download or the ingest failed; ``detail`` says why (HTTP 404, MD5
  mismatch, truncated archive, ...). Running the same command again retries only these.

So a range is never silently incomplete (the gdeltPyR #79 bug: missing 15-minute files dropped without
a word). Downloads go to ``config.home()/"gdelt"/"v1"|"v2"``; once a chunk is ingested its archives are
deleted (``keep=True`` keeps them), failed ones stay for the retry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pandas as pd

from entente import config
from entente.errors import BadInput, DownloadFailed, EntenteError, SourceError
from entente.events import gdelt, intervals, store
from entente.fetch import fetch

__all__ = ["V2_MASTERLIST", "V1_BASE", "Listed", "Completeness", "parse_v2_list", "parse_v1_lists", "read_list",
           "plan", "ingest_range"]

V2_MASTERLIST = "http://data.gdeltproject.org/gdeltv2/masterfilelist.txt"
V1_BASE = "http://data.gdeltproject.org/events/"
V2_START, V1_START = gdelt.V2_START, gdelt.V1_START
WORKERS = 4                 # parallel downloads (I/O bound; the 2 cores go to decompression and DuckDB)
CHUNK = 192                 # files downloaded, then ingested, at a time (two days of 2.0 files)


@dataclass(frozen=True)
class Listed:
    """One file in GDELT's list: interval start, length in minutes, URL, size in bytes and MD5."""

    start: dt.datetime
    minutes: int
    table: str
    url: str
    size: int | None
    md5: str | None

    @property
    def name(self) -> str:
        return self.url.rsplit("/", 1)[-1]


def parse_v2_list(text: str, *, tables=("export",), where: object = "GDELT's file list") -> list[Listed]:
    """The 2.0 files of ``tables`` in a ``masterfilelist.txt``/``lastupdate.txt`` text (translingual files and
    names with an impossible time are left out; lines that are not ``size md5 url`` too, with a warning, and
    if no line is one it is not a file list: SourceError, see :func:`entente.events.gdelt.parse_list`)."""
    out = []
    for size, md5, url in gdelt.parse_list(text, where):
        info = gdelt.identify(url.rsplit("/", 1)[-1])
        if info is None or info.version != 2 or info.translation or info.table not in tables:
            continue
        out.append(Listed(_stamp(info.stamp), 15, info.table, url, size, md5))
    return out


def parse_v1_lists(md5sums: str, filesizes: str, *, base: str = V1_BASE) -> list[Listed]:
    """The 1.0 daily export files in GDELT's ``md5sums`` and ``filesizes`` texts (the yearly and monthly
    archives before 2013-04-01, e.g. ``1979.zip``, ``200601.zip``, are not daily files and are left out)."""
    sums = {name: md5 for _, md5, name in gdelt.parse_list(md5sums, "GDELT 1.0 md5sums") if md5}
    sizes = {name: size for size, _, name in gdelt.parse_list(filesizes, "GDELT 1.0 filesizes") if size is not None}
    out = []
    for name in sorted(set(sums) | set(sizes)):
        info = gdelt.identify(name)
        if info is None or info.version != 1 or info.table != "export":
            continue
        out.append(Listed(_stamp(info.stamp), 1440, "export", base.rstrip("/") + "/" + name, sizes.get(name),
                          sums.get(name)))
    return out


def _stamp(stamp: str) -> dt.datetime:
    return dt.datetime.strptime(stamp, "%Y%m%d%H%M%S")


def read_list(version: int, *, masterlist: str | Path | None = None, transport: httpx.BaseTransport | None = None,
              tables=("export",)) -> list[Listed]:
    """GDELT's file list for ``version``: from ``masterlist`` (a local file or URL; for 1.0 the folder
    holding ``md5sums`` and ``filesizes``) or from GDELT's server. Lists change every 15 minutes, so
    they are fetched afresh (no checksum to pin)."""
    if version == 2:
        return parse_v2_list(_text(masterlist or V2_MASTERLIST, "masterfilelist.txt", transport), tables=tables,
                             where=masterlist or V2_MASTERLIST)
    if version == 1:
        base = str(masterlist or V1_BASE)
        if not base.endswith("/"):
            base += "/"
        sums = _text(base + "md5sums", "md5sums", transport)
        sizes = _text(base + "filesizes", "filesizes", transport)
        url_base = base if base.startswith(("http://", "https://")) else V1_BASE
        return parse_v1_lists(sums, sizes, base=url_base)
    raise BadInput(f"GDELT version {version!r} does not exist here; use --version 1 (daily files, from 2013-04-01) "
                   "or --version 2 (15-minute files, from 2015-02-19).")


def _text(where: str | Path, label: str, transport) -> str:
    where = str(where)
    if not where.startswith(("http://", "https://")):
        path = Path(where)
        if not path.exists():
            raise SourceError(f"GDELT file list {path} not found. Give a copy of {label} or its URL "
                              f"(e.g. {V2_MASTERLIST}).")
        return _decode(path.read_bytes(), path)

    dest = config.home() / "gdelt" / "lists" / (hashlib.sha1(where.encode()).hexdigest()[:10] + "-" + label)
    dest.with_name(dest.name + ".part").unlink(missing_ok=True)      # a list changes: never resume an old one
    try:
        fetch(where, dest, transport=transport, progress=False, name=f"GDELT {label}", tofu=False)
    except DownloadFailed as exc:
        raise DownloadFailed(f"Could not download GDELT's file list {where}: {exc.__cause__ or exc}. Check the "
                             "network (or a proxy), or give a copy you have with --masterlist FILE (2.0: "
                             "masterfilelist.txt; 1.0: the folder holding md5sums and filesizes).") from exc
    return _decode(dest.read_bytes(), where)


def _decode(data: bytes, where) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{where} is not a GDELT file list: byte {exc.start} is not text (UTF-8). Give "
                          "masterfilelist.txt (2.0) or the folder holding 1.0's md5sums and filesizes.") from None


def plan(listed: list[Listed], start: dt.datetime, end: dt.datetime, *, minutes: int,
         table: str = "export") -> pd.DataFrame:
    """Every interval in [start, end) of ``minutes`` with its listed file (None where GDELT lists none)."""
    if end <= start:
        raise BadInput(f"The range {start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M} is empty; --to must not be "
                       "before --from.")
    by_start = {f.start: f for f in listed if f.minutes == minutes and f.table == table}
    slots = pd.date_range(start, end, freq=f"{minutes}min", inclusive="left")
    return pd.DataFrame({"interval_start": slots, "file": [by_start.get(s.to_pydatetime()) for s in slots]})


@dataclass
class Completeness:
    """What a range holds after :func:`ingest_range`: one row per interval (``intervals``) with status
    and detail, the runs of equal status (:meth:`runs`), and the ingest report."""

    start: dt.datetime
    end: dt.datetime
    minutes: int
    version: int
    intervals: pd.DataFrame
    ingest: store.IngestReport | None = None
    downloaded: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return int((self.intervals["status"] == status).sum())

    @property
    def complete(self) -> bool:
        return self.count("covered") == len(self.intervals)

    def runs(self) -> pd.DataFrame:
        """Consecutive intervals with the same status and detail, as ``from``/``to`` (end exclusive)."""
        frame = self.intervals
        if frame.empty:
            return pd.DataFrame(columns=["from", "to", "intervals", "status", "detail"])
        key = frame["status"] + "\x00" + frame["detail"].fillna("")
        group = (key != key.shift()).cumsum()
        step = pd.Timedelta(minutes=self.minutes)
        out = frame.groupby(group, sort=False).agg(start=("interval_start", "min"), last=("interval_start", "max"),
                                                   intervals=("interval_start", "size"), status=("status", "first"),
                                                   detail=("detail", "first"))
        return pd.DataFrame({"from": out["start"], "to": out["last"] + step, "intervals": out["intervals"],
                             "status": out["status"], "detail": out["detail"].fillna("")}).reset_index(drop=True)

    def summary(self) -> str:
        n = len(self.intervals)
        unit = "15-minute" if self.minutes == 15 else "daily"
        text = (f"GDELT {self.version}.0 {self.start:%Y-%m-%d %H:%M} – {self.end:%Y-%m-%d %H:%M} UTC: {n:,} {unit} "
                f"intervals; {self.count('covered'):,} covered, {self.count('missing upstream'):,} missing upstream "
                f"(no file in GDELT's list), {self.count('failed'):,} failed.")
        if self.count("failed"):
            text += " Run the same command again to retry the failed ones."
        return text


def ingest_range(start: dt.date | dt.datetime, end: dt.date | dt.datetime, *, version: int = 2,
                 root: Path | None = None, cache: Path | None = None, masterlist: str | Path | None = None,
                 transport: httpx.BaseTransport | None = None, workers: int = WORKERS, wait: float = 0.0,
                 progress: bool = False, keep: bool = False) -> Completeness:
    """Download and ingest GDELT ``version`` export files for [start, end) and report every interval.

    ``start``/``end`` are UTC; a date means its midnight (so ``end=date(2025, 2, 1)`` ends with 31 January).
    The range goes in chunks of :data:`CHUNK` files: download (in parallel), ingest, then delete the
    archives that went in unless ``keep`` — so a long range never needs all its archives on disk at once.
    Files already downloaded (size and MD5 as listed) are not fetched again; files already ingested are
    skipped by the store. Returns a :class:`Completeness`; nothing is left out of it.
    """
    start, end = _as_datetime(start), _as_datetime(end)
    minutes = 15 if version == 2 else 1440
    first = V2_START if version == 2 else V1_START
    if end <= first:
        raise BadInput(f"GDELT {version}.0 starts on {first:%Y-%m-%d %H:%M}; the range ends {end:%Y-%m-%d}. "
                       + ("Use --version 1 for 2013-04-01 .. 2015-02-18." if version == 2 else
                          "Earlier years are in GDELT's yearly and monthly archives, not read here."))
    listed = read_list(version, masterlist=masterlist, transport=transport)
    slots = plan(listed, start, end, minutes=minutes)
    folder = Path(cache) if cache is not None else config.home() / "gdelt" / f"v{version}"
    folder.mkdir(parents=True, exist_ok=True)
    have = _covered(root, version)
    wanted = [f for f in slots["file"] if f is not None and f.start not in have]
    failures: dict[str, str] = {}

    def get(item: Listed) -> Path | None:
        dest = folder / item.name
        try:
            if dest.exists() and _matches(dest, item):
                return dest
            return fetch(item.url, dest, transport=transport, progress=progress, name=f"GDELT {version}.0",
                         tofu=False, md5=item.md5, size=item.size)
        except EntenteError as exc:           # fetch's hint about `--file PATH` is for `entente data update`
            failures[item.name] = str(exc).replace(", or refresh from a local copy with `--file PATH`", "").replace(
                "Try again later, or refresh from a local copy with `--file PATH`.", "Try again later.")
        except OSError as exc:
            failures[item.name] = f"Cannot write {dest}: {exc}"
        return None

    report, downloaded = None, []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for i in range(0, len(wanted), CHUNK):
            paths = [p for p in pool.map(get, wanted[i:i + CHUNK]) if p is not None]
            if not paths:
                continue
            part = _ingest(paths, folder, root, wait)
            failures.update(dict(part.failed))
            report = part if report is None else report.merge(part)
            downloaded += [p.name for p in paths]
            if not keep:                          # in the store now (or failed, with its reason): free the disk
                for p in paths:
                    if p.name not in failures:
                        p.unlink(missing_ok=True)
    have = _covered(root, version)
    status, detail = [], []
    for item in slots["file"]:
        if item is None:
            status.append("missing upstream")
            detail.append("GDELT's list has no file for this interval")
        elif item.start in have:
            status.append("covered")
            detail.append(None)
        else:
            status.append("failed")
            detail.append(failures.get(item.name, "not downloaded"))
    intervals = pd.DataFrame({"interval_start": slots["interval_start"],
                              "file": [f.name if f is not None else None for f in slots["file"]],
                              "status": status, "detail": detail})
    return Completeness(start, end, minutes, version, intervals, report, downloaded)


def _ingest(paths: list[Path], folder: Path, root: Path | None, wait: float) -> store.IngestReport:
    """Ingest exactly ``paths`` (hard-linked into a staging folder: no copy)."""

    staging = Path(tempfile.mkdtemp(prefix=".to-ingest-", dir=folder))
    try:
        for p in paths:
            _link(p, staging / p.name)
        return store.ingest(staging, root=root, wait=wait)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _covered(root: Path | None, version: int) -> set[dt.datetime]:
    """Interval starts of the (non-translingual) export files of ``version`` in the store's manifest."""
    done = intervals.covering(store.manifest(root))
    done = done[(done["version"] == version) & ~done["file"].str.contains(".translation.", regex=False)]
    return {_stamp(s) for s in done["interval_start"].astype(str)}


def _as_datetime(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None) if value.tzinfo is None else value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        raise BadInput(f"Not a date: {value!r}. Use YYYY-MM-DD (UTC), e.g. 2025-01-31, or YYYY-MM-DDTHH:MM.") from None


def _matches(path: Path, item: Listed) -> bool:
    if item.size is not None and path.stat().st_size != item.size:
        return False
    if item.md5 is None:
        return item.size is not None
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest() == item.md5


def _link(src: Path, dest: Path) -> None:
    try:
        dest.hardlink_to(src)
    except OSError:
        shutil.copy2(src, dest)

