"""GDELT downloads for a date range: file lists, parallel verified downloads, the completeness report.

A real HTTP server on 127.0.0.1 (stdlib ``http.server`` in a thread) serves real GDELT files (the four
slots of 4 January 2025 held by ../shared/data/gdelt/raw and bundled in tests/data/gdelt/raw) and a master
list written for the test from their real sizes and MD5s — with one wrong MD5, one file that 404s, and
GDELT-style gaps (intervals with no line in the list).
"""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import io
import re

import pandas as pd
import pytest
from click.testing import CliRunner

from entente.events import download, store
from http_support import Server
from test_events import MASTERLIST, RAW, _rows

I_ID = 0


@pytest.fixture
def server():
    srv = Server()
    yield srv
    srv.close()


# --- file lists ----------------------------------------------------------------------------------

def test_v2_list_and_gdelt_own_gaps():
    """The real 2.0 master-list excerpt: the export lines, and the 15-minute slots GDELT does not list."""
    path = MASTERLIST / "gdeltv2_masterfilelist_first900lines_20150218230000-20150222034500.txt"
    text = path.read_text()
    listed = download.parse_v2_list(text)
    independent = re.findall(r"^(\d+) ([0-9a-f]{32}) \S+/(\d{14})\.export\.CSV\.zip$", text, re.MULTILINE)
    assert len(listed) == len(independent) == 300
    assert [(f.size, f.md5, f.start.strftime("%Y%m%d%H%M%S")) for f in listed] == [
        (int(s), m, t) for s, m, t in independent]
    slots = download.plan(listed, dt.datetime(2015, 2, 19), dt.datetime(2015, 2, 20), minutes=15)
    gaps = slots.loc[slots["file"].isna(), "interval_start"].dt.strftime("%H%M").tolist()
    assert len(slots) == 96
    assert gaps == ["0700", "0730", "0815", "0830", "0845", "0900", "0915", "1000"]
    mentions = download.parse_v2_list(text, tables=("mentions",))
    assert len(mentions) == len(re.findall(r"\.mentions\.CSV\.zip$", text, re.MULTILINE))


def test_v1_lists_daily_files_with_size_and_md5():
    sums = (MASTERLIST / "gdeltv1_events_md5sums_20231006.txt").read_text()
    sizes = (MASTERLIST / "gdeltv1_events_filesizes_20231006.txt").read_text()
    listed = download.parse_v1_lists(sums, sizes)
    daily = [line.split()[1] for line in sums.splitlines() if re.fullmatch(r"\d{8}\.export\.CSV\.zip", line.split()[1])]
    assert len(listed) == len(daily) == 3836
    last = listed[-1]
    assert (last.name, last.size, last.md5, last.minutes) == (
        "20231005.export.CSV.zip", 10542969, "5702b1215b3f2405982802e8ef7cc87d", 1440)
    assert listed[0].start == dt.datetime(2013, 4, 1)                  # the yearly/monthly archives are not daily files
    slots = download.plan(listed, dt.datetime(2023, 10, 1), dt.datetime(2023, 10, 8), minutes=1440)
    assert slots["file"].isna().tolist() == [False] * 5 + [True] * 2   # the list (6 Oct) ends with 5 Oct


def test_bad_range_and_version_are_clear_errors():
    from entente.errors import BadInput

    with pytest.raises(BadInput, match="empty"):
        download.plan([], dt.datetime(2025, 1, 2), dt.datetime(2025, 1, 1), minutes=15)
    with pytest.raises(BadInput, match="--version 1"):
        download.read_list(3, masterlist="x")
    with pytest.raises(BadInput, match="starts on 2015-02-18"):
        download.ingest_range(dt.date(2014, 1, 1), dt.date(2014, 2, 1), version=2, masterlist="x")


# --- a range from a local server ------------------------------------------------------------------

DAY = "20250104"
SLOTS = ["1615", "1630", "1645", "1700"]
BAD_MD5, NOT_SERVED = "1630", "1645"
GOOD = [hm for hm in SLOTS if hm not in (BAD_MD5, NOT_SERVED)]


def _serve_day(server: Server) -> str:
    """Real 2025-01-04 exports behind /gdeltv2/, and a master list of them in GDELT's format."""
    lines = []
    for hm in SLOTS:
        name = f"{DAY}{hm}00.export.CSV.gz"
        body = (RAW / name).read_bytes()
        md5 = "0" * 32 if hm == BAD_MD5 else hashlib.md5(body).hexdigest()
        if hm != NOT_SERVED:
            server.files[f"/gdeltv2/{name}"] = body
        lines.append(f"{len(body)} {md5} {server.base}/gdeltv2/{name}")
        lines.append(f"1234 {'1' * 32} {server.base}/gdeltv2/{DAY}{hm}00.mentions.CSV.zip")   # not asked for
    server.files["/gdeltv2/masterfilelist.txt"] = ("\n".join(lines) + "\n").encode()
    return f"{server.base}/gdeltv2/masterfilelist.txt"


def test_range_report_names_every_interval(server, tmp_path, monkeypatch):
    from entente.cli import cli

    monkeypatch.setenv("ENTENTE_HOME", str(tmp_path))
    masterlist = _serve_day(server)
    result = CliRunner().invoke(cli, ["events", "ingest", "--from", "2025-01-04", "--masterlist", masterlist,
                                      "-f", "csv"])
    assert result.exit_code == 1, result.output                   # some intervals failed
    runs = pd.read_csv(io.StringIO(result.stdout))
    assert runs["intervals"].sum() == 96 and runs["from"].iloc[0] == "2025-01-04 00:00:00"
    assert runs["to"].iloc[-1] == "2025-01-05 00:00:00"
    got = {}
    for row in runs.itertuples():
        for t in pd.date_range(row._1, row.to, freq="15min", inclusive="left"):
            got[t.strftime("%H%M")] = (row.status, row.detail if isinstance(row.detail, str) else "")
    covered = sorted(k for k, (s, _) in got.items() if s == "covered")
    assert covered == GOOD
    assert got[BAD_MD5][0] == "failed" and "MD5 mismatch" in got[BAD_MD5][1] and "0" * 32 in got[BAD_MD5][1]
    assert got[NOT_SERVED][0] == "failed" and "HTTP 404" in got[NOT_SERVED][1]
    missing = [k for k, (s, _) in got.items() if s == "missing upstream"]
    assert len(missing) == 96 - len(SLOTS) and "1130" in missing and "0000" in missing
    assert (f"{len(GOOD)} covered, {96 - len(SLOTS)} missing upstream (no file in GDELT's list), 2 failed"
            in result.output)
    # the rows stored are exactly those of the five good files (independent count with csv + gzip)
    ids = {r[I_ID] for hm in covered for r in _rows(RAW / f"{DAY}{hm}00.export.CSV.gz")}
    files = [str(p) for p in store.event_files()]
    import duckdb

    assert duckdb.sql(f"SELECT count(*), count(DISTINCT GLOBALEVENTID) FROM read_parquet({files!r})").fetchall() == [
        (len(ids), len(ids))]
    assert not list((tmp_path / "gdelt" / "v2").glob(f"*{BAD_MD5}00.*"))   # the bad download was not kept
    assert not list((tmp_path / "gdelt" / "v2").glob("*.export.CSV.gz"))   # ingested archives are deleted
    # the upstream is fixed: a re-run fetches only the failed two and covers them
    fixed = f"{DAY}{NOT_SERVED}00.export.CSV.gz"
    server.files[f"/gdeltv2/{fixed}"] = (RAW / fixed).read_bytes()
    body = (RAW / f"{DAY}{BAD_MD5}00.export.CSV.gz").read_bytes()
    server.files["/gdeltv2/masterfilelist.txt"] = server.files["/gdeltv2/masterfilelist.txt"].replace(
        b"0" * 32, hashlib.md5(body).hexdigest().encode())
    server.log.clear()
    result = download.ingest_range(dt.date(2025, 1, 4), dt.date(2025, 1, 5), masterlist=masterlist)
    assert sorted(p for p, _ in server.log if "export" in p) == [
        f"/gdeltv2/{DAY}{BAD_MD5}00.export.CSV.gz", f"/gdeltv2/{DAY}{NOT_SERVED}00.export.CSV.gz"]
    assert (result.count("covered"), result.count("failed"), result.count("missing upstream")) == (
        len(SLOTS), 0, 96 - len(SLOTS))
    assert not result.complete and f"{len(SLOTS)} covered" in result.summary()


def test_a_truncated_download_is_failed_not_ingested(server, tmp_path):
    """A file whose bytes match GDELT's list but whose gzip is cut short: failed, with the reason, nothing stored."""
    name = "20250104161500.export.CSV.gz"
    body = (RAW / name).read_bytes()[:4000]
    server.files[f"/gdeltv2/{name}"] = body
    server.files["/gdeltv2/list.txt"] = f"{len(body)} {hashlib.md5(body).hexdigest()} {server.base}/gdeltv2/{name}\n".encode()
    result = download.ingest_range(dt.datetime(2025, 1, 4, 16, 15), dt.datetime(2025, 1, 4, 16, 30),
                                   masterlist=f"{server.base}/gdeltv2/list.txt", root=tmp_path / "ev",
                                   cache=tmp_path / "cache")
    (row,) = result.intervals.itertuples()
    assert row.status == "failed" and "truncated or corrupt" in row.detail
    assert store.event_files(tmp_path / "ev") == []


def test_ingest_cli_needs_path_or_range():
    from entente.cli import cli
    from entente.errors import BadInput

    result = CliRunner().invoke(cli, ["events", "ingest"])
    assert isinstance(result.exception, BadInput) and "--from YYYY-MM-DD" in str(result.exception)
    result = CliRunner().invoke(cli, ["events", "ingest", "--from", "3 Jan"])
    assert isinstance(result.exception, BadInput) and "YYYY-MM-DD" in str(result.exception)


def test_counts_helper_is_independent():
    """The csv reader used for known answers counts what gzip + split count (a guard on the guard)."""
    path = RAW / "20250104161500.export.CSV.gz"
    import gzip

    assert len(_rows(path)) == gzip.open(path).read().count(b"\n") == collections.Counter(
        len(r) for r in _rows(path))[61]


def test_an_unreachable_file_list_says_how_to_go_on(tmp_path, monkeypatch):
    from entente.cli import main
    from entente.errors import DownloadFailed

    monkeypatch.setenv("ENTENTE_HOME", str(tmp_path))
    dead = "http://127.0.0.1:9/gdeltv2/masterfilelist.txt"          # the discard port: connection refused
    with pytest.raises(DownloadFailed, match="--masterlist FILE"):
        download.ingest_range(dt.datetime(2025, 1, 1), dt.datetime(2025, 1, 2), masterlist=dead)
    assert main(["events", "ingest", "--from", "2025-01-01", "--masterlist", dead]) == 1


def test_a_range_goes_in_chunks_and_can_keep_its_downloads(server, tmp_path, monkeypatch):
    """Chunks of two files: each chunk is downloaded then ingested; with keep=True the archives stay, and the
    reports of the chunks add up to every covered file."""
    monkeypatch.setenv("ENTENTE_HOME", str(tmp_path))
    monkeypatch.setattr(download, "CHUNK", 2)
    masterlist = _serve_day(server)
    result = download.ingest_range(dt.date(2025, 1, 4), dt.date(2025, 1, 5), masterlist=masterlist, keep=True)
    assert result.count("covered") == len(GOOD) and result.count("failed") == 2
    assert sorted(f["file"] for f in result.ingest.files) == sorted(result.downloaded)
    assert len(result.downloaded) == len(GOOD)
    kept = sorted(p.name for p in (tmp_path / "gdelt" / "v2").glob("*.export.CSV.gz"))
    assert kept == sorted(result.downloaded)
