"""What the event store covers: the GDELT intervals whose rows are stored, and the ones missing from a
GDELT file list (:func:`completeness`). Coverage is what was stored, not what was opened: an export file
covers its interval only when some of its valid rows are dated (DATEADDED) in it
(:data:`entente.events.store.MANIFEST_COLUMNS` ``rows_in_interval``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from entente.errors import NoEvidence, SourceError
from entente.events import gdelt
from entente.events.store import manifest

__all__ = ["covering", "coverage", "read_masterlist", "completeness"]


def covering(frame: pd.DataFrame) -> pd.DataFrame:
    """The manifest rows of export files that cover their interval: at least one stored-or-already-stored
    row dated (DATEADDED) in it. A file none of whose lines was valid is not in the manifest at all; one
    whose rows all belong to another interval (a copy under another name) is, but covers nothing."""
    return frame[(frame["table"] == "export") & (frame["rows_in_interval"] > 0)]


def coverage(root: Path | None = None) -> pd.DataFrame:
    """The intervals covered by exports: one row per ingested export file that holds rows of its own
    interval, with start, end (UTC), version, rows."""
    m = covering(manifest(root))
    if m.empty:
        return pd.DataFrame(columns=["interval_start", "interval_end", "minutes", "version", "file", "rows_added"])
    start = pd.to_datetime(m["interval_start"], format="%Y%m%d%H%M%S")
    out = pd.DataFrame({"interval_start": start, "interval_end": start + pd.to_timedelta(m["minutes"], unit="min"),
                        "minutes": m["minutes"], "version": m["version"], "file": m["file"], "rows_added": m["rows_added"]})
    return out.sort_values("interval_start", kind="stable").reset_index(drop=True)


def read_masterlist(path: Path | str) -> pd.DataFrame:
    """The export files in a GDELT file list (``masterfilelist.txt``/``lastupdate.txt``: ``size md5 url``;
    1.0 ``filesizes``/``md5sums``: ``size name``): columns interval_start (YYYYMMDDHHMMSS), minutes, file.
    SourceError if the file cannot be read or is not a file list (:func:`entente.events.gdelt.parse_list`)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SourceError(f"Cannot read the GDELT file list {path}: {exc.strerror or exc}. Give masterfilelist.txt "
                          "(download it from http://data.gdeltproject.org/gdeltv2/masterfilelist.txt).") from None
    rows = []
    for _, _, url in gdelt.parse_list(data, path):
        name = url.rsplit("/", 1)[-1]
        info = gdelt.identify(name)
        if info is not None and info.table == "export" and not info.translation:
            rows.append((info.stamp, info.minutes, name))
    return pd.DataFrame(rows, columns=["interval_start", "minutes", "file"]).drop_duplicates("interval_start")


def completeness(masterlist: Path | str, root: Path | None = None) -> pd.DataFrame:
    """Intervals from the first to the last export in ``masterlist`` that are not covered, each with why:

    * ``missing``: GDELT lists the file but the store holds none of its interval's rows (fetch and ingest it);
    * ``gap in GDELT's list``: a 15-minute (or daily) slot GDELT itself does not list — no file exists
      upstream, so nothing can be fetched for it.
    """
    listed = read_masterlist(masterlist)
    if listed.empty:
        raise NoEvidence(f"{masterlist} lists no GDELT export files (expected lines like "
                         f"'150383 297a… http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip').")
    done = covering(manifest(root))
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
