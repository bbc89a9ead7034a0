"""GDELT file names and file lists: what a name says (version, table, interval), checked to be a real
time, and the lines of GDELT's own lists (masterfilelist.txt, lastupdate.txt, 1.0 md5sums/filesizes)."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from entente.errors import SourceError
from entente.events.schema import MENTION_COLUMNS, V1_COLUMNS, V2_COLUMNS
from entente.sources._parsing import MalformedLinesWarning

__all__ = ["V1_START", "V2_START", "GdeltFile", "identify", "looks_like_gdelt", "parse_name", "parse_list_line",
           "parse_list"]

#: The first GDELT files: 1.0 daily exports from 2013-04-01, 2.0 15-minute files from 2015-02-18 23:00 UTC.
V1_START = dt.datetime(2013, 4, 1)
V2_START = dt.datetime(2015, 2, 18, 23, 0)

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
    def start(self) -> dt.datetime:
        """The start of the interval (UTC, naive)."""
        return dt.datetime.strptime(self.stamp, "%Y%m%d%H%M%S")

    @property
    def added(self) -> tuple[str, int, int]:
        """(column, lo, hi): the rows of this file's own interval have lo <= column < hi. DATEADDED (exports)
        and MentionTimeDate (mentions) are YYYYMMDDHHMMSS for 2.0 (the file's 15-minute stamp), YYYYMMDD
        for 1.0 daily files; a file whose rows all fall outside was copied under another interval's name."""
        column = "DATEADDED" if self.table == "export" else "MentionTimeDate"
        if self.version == 1:
            day = int(self.stamp[:8])
            return column, day, day + 1
        end = self.start + dt.timedelta(minutes=self.minutes)
        return column, int(self.stamp), int(end.strftime("%Y%m%d%H%M%S"))

    @property
    def columns(self) -> list[str]:
        """The columns in the file, in order."""
        if self.table == "mentions":
            return MENTION_COLUMNS
        return V2_COLUMNS if self.version == 2 else V1_COLUMNS


def identify(path: Path | str) -> GdeltFile | None:
    """The format of ``path`` from its GDELT name, or None if it is not a GDELT file name or its time is
    not a real one (:func:`parse_name` says why)."""
    try:
        return parse_name(path)
    except SourceError:
        return None


def looks_like_gdelt(path: Path | str) -> bool:
    """Whether the name has GDELT's shape (digits, then .export./.mentions./.gkg.), real time or not."""
    return _NAME.match(Path(path).name) is not None


def parse_name(path: Path | str, *, today: dt.date | None = None) -> GdeltFile:
    """The format of ``path`` from its GDELT name; SourceError naming the file and the fix if the name is
    not a GDELT name, or its stamp is not a real time (20240230…, 20241399…, …130099), not on GDELT's
    15-minute grid, before GDELT's first file (:data:`V1_START`, :data:`V2_START`) or after ``today`` + 1 day."""
    path = Path(path)
    m = _NAME.match(path.name)
    if not m:
        raise SourceError(f"{path.name} is not a GDELT export or mentions file name (expected e.g. "
                          f"20241022130000.export.CSV.zip, 20241022130000.mentions.CSV.zip or 20151207.export.CSV.zip).")
    stamp = m["stamp"]
    version = 2 if len(stamp) == 14 else 1
    fix = ("Rename it after the interval it holds (YYYYMMDDHHMMSS for 2.0, YYYYMMDD for 1.0, UTC) or "
           "download it again from data.gdeltproject.org.")
    try:
        full = stamp.ljust(14, "0")           # fixed widths: strptime would read 2024 1 3 99... from 20241399
        start = dt.datetime(*(int(full[a:b]) for a, b in ((0, 4), (4, 6), (6, 8), (8, 10), (10, 12), (12, 14))))
    except ValueError as exc:
        raise SourceError(f"{path.name}: {stamp} is not a real time ({exc}). {fix}") from None
    first = V2_START if version == 2 else V1_START
    last = dt.datetime.combine(today or dt.datetime.now(dt.timezone.utc).date(), dt.time()) + dt.timedelta(days=1)
    if not first <= start <= last:
        raise SourceError(f"{path.name}: {start:%Y-%m-%d %H:%M} is outside GDELT {version}.0's time ({first:%Y-%m-%d %H:%M} "
                          f"to today). {fix}")
    if version == 2 and (start.minute % 15 or start.second):
        raise SourceError(f"{path.name}: {start:%H:%M:%S} is not on GDELT 2.0's 15-minute grid (:00, :15, :30, :45). {fix}")
    return GdeltFile(path, version, m["table"].lower(), stamp.ljust(14, "0"), 15 if version == 2 else 1440,
                     bool(m["translation"]))


_MD5 = re.compile(r"[0-9a-fA-F]{32}")


def parse_list_line(line: str) -> tuple[int | None, str | None, str] | None:
    """One line of a GDELT file list as (size, md5, url or name), or None if it is not one. The forms:
    ``size md5 url`` (2.0 masterfilelist.txt, lastupdate.txt), ``size name`` (1.0 filesizes),
    ``md5 name`` (1.0 md5sums) and a bare URL (a few lines of GDELT's 2.0 list have no size or MD5)."""
    parts = line.split()
    if len(parts) == 3 and parts[0].isdigit() and _MD5.fullmatch(parts[1]):
        size, md5, url = int(parts[0]), parts[1].lower(), parts[2]
    elif len(parts) == 2 and _MD5.fullmatch(parts[0]):
        size, md5, url = None, parts[0].lower(), parts[1]
    elif len(parts) == 2 and parts[0].isdigit():
        size, md5, url = int(parts[0]), None, parts[1]
    elif len(parts) == 1 and parts[0].startswith(("http://", "https://")):
        size, md5, url = None, None, parts[0]          # GDELT's list has a few lines without size or MD5
    else:
        return None
    name = url.rsplit("/", 1)[-1]
    if not name or not url.isprintable() or "\ufffd" in url:
        return None
    return size, md5, url


def parse_list(data: bytes | str, where: object) -> list[tuple[int | None, str | None, str]]:
    """Every line of a GDELT file list (:func:`parse_list_line`). Lines that are not ``size md5 url``
    (``size name``, ``md5 name``) are left out with a warning naming them; SourceError if the list is not
    text or no line is one (random bytes must not pass for an empty list)."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SourceError(f"{where} is not a GDELT file list: byte {exc.start} is not text (UTF-8). Give "
                              "masterfilelist.txt or lastupdate.txt (2.0; lines 'size md5 url') or 1.0's md5sums/filesizes.") from None
    out, bad = [], []
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        parsed = parse_list_line(line)
        if parsed is None:
            bad.append(number)
        else:
            out.append(parsed)
    if bad and not out:
        raise SourceError(f"{where} is not a GDELT file list: none of its {len(bad):,} lines is 'size md5 url' "
                          f"(line 1: {data.splitlines()[bad[0] - 1][:60]!r}). Give masterfilelist.txt or lastupdate.txt "
                          "(2.0) or 1.0's md5sums/filesizes.")
    if bad:
        shown = ", ".join(map(str, bad[:8])) + (f" and {len(bad) - 8:,} more" if len(bad) > 8 else "")
        what = ("line of {} is not a 'size md5 url' line and was" if len(bad) == 1 else
                "lines of {} are not 'size md5 url' lines and were").format(where)
        warnings.warn(f"{len(bad):,} {what} left out: line{'s' if len(bad) > 1 else ''} {shown}.",
                      MalformedLinesWarning, stacklevel=2)
    return out

