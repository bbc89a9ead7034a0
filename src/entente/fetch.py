"""The one downloader: resume, progress, length and checksum checks, atomic replace.

:func:`fetch` downloads ``url`` into ``dest`` for every source (``entente data update`` calls it):

- **Partial file.** Bytes go to ``dest.part``. When a ``.part`` exists, the download resumes it with
  an HTTP ``Range`` request; a server that ignores ``Range`` (200 instead of 206) or answers with
  another range gets a fresh download.
- **Complete file.** The body must have the length the server announced (``Content-Length`` or the
  total of ``Content-Range``); a short body raises :class:`~entente.errors.DownloadFailed` and keeps
  the ``.part`` so the next attempt resumes it.
- **Upstream size and MD5.** Where the publisher lists them (GDELT's file lists: ``size md5 url``),
  ``size`` and ``md5`` are checked on the complete ``.part``; a mismatch raises
  :class:`~entente.errors.ChecksumMismatch`, deletes the ``.part`` and leaves ``dest`` as it was.
- **Checksum.** The sha256 must match the one pinned in the source's ``Upstream`` record. Where none
  is pinned, the first download's sha256 is recorded in ``$ENTENTE_HOME/pins.json`` (trust on first
  use, said so on stderr) and later downloads must match it, unless ``accept_new`` re-pins. A mismatch
  raises :class:`~entente.errors.ChecksumMismatch`, deletes the ``.part`` and leaves ``dest`` as it was.
- **Atomic.** Only a verified file is moved onto ``dest`` (``os.replace``).
- **Testable.** ``transport`` takes any ``httpx.BaseTransport`` (e.g. ``httpx.MockTransport``); the
  default is the real network. Tests serve real files from a local HTTP server instead.

Progress goes to stderr (rich), never stdout.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sys
from pathlib import Path

import httpx
from filelock import FileLock

from entente import config
from entente.errors import ChecksumMismatch, DownloadFailed
from entente.sources import sha256_file

__all__ = ["fetch", "pins_path"]

def pins_path() -> Path:
    """The trust-on-first-use record: ``$ENTENTE_HOME/pins.json`` (URL → sha256, first seen, dataset)."""
    return config.home() / "pins.json"


def fetch(url: str, dest: Path | str, *, sha256: str | None = None, transport: httpx.BaseTransport | None = None,
          progress: bool = True, name: str | None = None, accept_new: bool = False, tofu: bool = True,
          timeout: float = 60.0, md5: str | None = None, size: int | None = None,
          headers: dict[str, str] | None = None) -> Path:
    """Download ``url`` to ``dest`` (resuming ``dest.part``), verify it, and return ``dest``.

    ``sha256`` is the pinned checksum; None means trust on first use (``tofu``; ``accept_new`` replaces
    a recorded checksum that no longer matches). ``name`` (the dataset) appears in every message.
    ``md5`` and ``size`` are the publisher's own listing of the file, checked before anything is replaced.
    ``headers`` are sent with the request (``Accept`` for an API that answers in several formats).
    """
    dest = Path(dest)
    label = f"{name} {dest.name}" if name else dest.name
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    client = httpx.Client(transport=transport, follow_redirects=True,
                          timeout=httpx.Timeout(timeout, connect=min(timeout, 15.0)))
    with client:
        _download(client, url, part, label, progress, headers)
    _check_listed(part, url, label, name or dest.name, md5, size)
    actual = sha256_file(part)
    expected, pin = sha256, None
    if expected is None and tofu:
        pin = _read_pins().get(url)
        expected = pin["sha256"] if pin and not accept_new else None
    if expected is not None and actual != expected:
        part.unlink(missing_ok=True)
        raise _mismatch(label, name or dest.name, url, expected, actual, pin)
    os.replace(part, dest)
    if sha256 is None and tofu:
        if pin is None or accept_new and pin["sha256"] != actual:
            _write_pin(url, actual, name)
            what = "Re-pinned" if pin else "Recorded"
            _say(f"Note: no checksum is pinned for {label}; {what.lower()} sha256 {actual} of this download "
                 f"in {pins_path()} (trust on first use). Later downloads must match it.")
        else:
            _say(f"Note: {label} matches the sha256 recorded on first download ({pin['first_seen'][:10]}); "
                 "no checksum is pinned upstream.")
    return dest


def _check_listed(part: Path, url: str, label: str, name: str, md5: str | None, size: int | None) -> None:
    """The publisher's size and MD5 for the downloaded ``part`` (ChecksumMismatch and no ``part`` if not)."""
    got = part.stat().st_size
    if size is not None and got != size:
        part.unlink(missing_ok=True)
        exc = ChecksumMismatch(name, url, f"{size} bytes", f"{got} bytes")
        exc.args = (f"Size mismatch for {label}: the publisher's list says {size:,} bytes, the server sent {got:,} "
                    f"({url}). The file on the server is not the one listed; nothing was replaced. Try again later.",)
        raise exc
    if md5 is not None:
        digest = hashlib.md5(usedforsecurity=False)
        with open(part, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        actual = digest.hexdigest()
        if actual != md5.lower():
            part.unlink(missing_ok=True)
            exc = ChecksumMismatch(name, url, md5, actual)
            exc.args = (f"MD5 mismatch for {label}: the publisher's list says {md5}, the download has {actual} "
                        f"({url}). The file is damaged or was replaced upstream; nothing was replaced. "
                        "Run the same command again to download it afresh.",)
            raise exc


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _mismatch(label, name, url, expected, actual, pin) -> ChecksumMismatch:
    exc = ChecksumMismatch(name, url, expected, actual)
    if pin:
        exc.args = (
            f"Checksum mismatch for {label}: expected {expected} (recorded on first download, "
            f"{pin['first_seen'][:10]}; no checksum is pinned upstream), got {actual} ({url}). The upstream file "
            f"changed since then: check its history, then accept it with `entente data update {name} --accept-new`. "
            "Nothing was replaced.",)
    else:
        exc.args = (
            f"Checksum mismatch for {label}: expected {expected}, got {actual} ({url}). The upstream file is not "
            "the one this version of entente was made for: nothing was replaced. Check the source's release "
            f"notes, or refresh from a file you trust with `entente data update {name} --file PATH`.",)
    return exc


def _download(client: httpx.Client, url: str, part: Path, label: str, progress: bool,
              extra: dict[str, str] | None = None) -> None:
    """Fill ``part`` with the whole body of ``url``, resuming what ``part`` already holds."""
    for _attempt in range(2):
        offset = part.stat().st_size if part.exists() else 0
        headers = {**(extra or {}), "Accept-Encoding": "identity"}
        if offset:
            headers["Range"] = f"bytes={offset}-"
        total: int | None = None
        try:
            with client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status == 416 and offset:           # nothing after offset: start again
                    part.unlink()
                    continue
                if status == 206 and offset:
                    start, total = _content_range(response.headers.get("content-range", ""))
                    if start != offset:                  # another range than asked for: start again
                        part.unlink()
                        continue
                    mode = "ab"
                elif status == 200:
                    offset, mode = 0, "wb"               # fresh download (or a server ignoring Range)
                    length = response.headers.get("content-length")
                    total = int(length) if length and length.isdigit() else None
                else:
                    raise DownloadFailed(
                        f"Download of {label} failed: HTTP {status} {response.reason_phrase} from {url}. "
                        + ("The file is not there any more: the source's upstream record needs a new URL."
                           if status in (404, 410) else "Try again later, or refresh from a local copy with "
                           "`--file PATH`."))
                encoded = response.headers.get("content-encoding", "identity") not in ("identity", "")
                if encoded:
                    total = None                         # decoded length unknown; the checksum decides
                if response.is_stream_consumed:          # a buffered body (e.g. httpx.MockTransport)
                    chunks = iter([response.content])
                else:                                    # chunks as they arrive
                    chunks = response.iter_bytes() if encoded else response.iter_raw()
                with open(part, mode) as handle, _bar(progress, label, total, offset) as (bar, task):
                    for chunk in chunks:
                        handle.write(chunk)
                        bar.advance(task, len(chunk))
        except httpx.HTTPError as exc:
            have = part.stat().st_size if part.exists() else 0
            if have or total is not None:
                got = f"got {have:,} of {total:,} bytes" if total is not None else f"got {have:,} bytes"
                raise DownloadFailed(
                    f"Download of {label} from {url} was cut short ({got}): {exc}. The partial file is kept "
                    f"({part}); run the same command again to resume it.") from exc
            raise DownloadFailed(f"Download of {label} from {url} failed: {exc}. Check the network (or a proxy) "
                                 "and try again, or refresh from a local copy with `--file PATH`.") from exc
        size = part.stat().st_size
        if total is not None and size != total:
            raise DownloadFailed(
                f"Download of {label} from {url} is truncated: got {size:,} of {total:,} bytes. "
                f"The partial file is kept ({part}); run the same command again to resume it.")
        return
    raise DownloadFailed(f"Download of {label} from {url} could not be resumed or restarted; "
                         f"delete {part} and try again.")


def _content_range(value: str) -> tuple[int | None, int | None]:
    """``bytes 100-199/1000`` → (100, 1000); unknown parts → None."""
    match = re.fullmatch(r"\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*", value)
    if not match:
        return None, None
    return int(match.group(1)), (int(match.group(3)) if match.group(3) != "*" else None)


class _bar:
    """A rich progress bar on stderr (a no-op when disabled); yields ``(progress, task)``."""

    def __init__(self, enabled: bool, label: str, total: int | None, completed: int):
        from rich.console import Console
        from rich.progress import (BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn,
                                   TransferSpeedColumn)

        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                                 TransferSpeedColumn(), TimeRemainingColumn(), console=Console(stderr=True),
                                 transient=True, disable=not enabled)
        self.task = self.progress.add_task(f"Downloading {label}", total=total, completed=completed)

    def __enter__(self):
        self.progress.__enter__()
        return self.progress, self.task

    def __exit__(self, *exc):
        return self.progress.__exit__(*exc)


def _read_pins() -> dict:
    try:
        return json.loads(pins_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError as exc:
        raise DownloadFailed(f"The checksum record {pins_path()} is not valid JSON ({exc}); fix or delete it "
                             "(deleting it means the next downloads are trusted on first use again).") from exc


def _write_pin(url: str, sha: str, name: str | None) -> None:
    path = pins_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path) + ".lock", timeout=60):
        pins = _read_pins()
        pins[url] = {"sha256": sha, "dataset": name,
                     "first_seen": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()}
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(pins, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
