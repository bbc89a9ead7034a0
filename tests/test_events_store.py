"""The event store beyond the basics: the fast parse path, mentions, and one writer at a time.

Known answers come from independent counts with the csv/gzip modules over the same real files.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import textwrap

import duckdb
import pandas as pd
import pytest

from entente import events
from entente.events import gdelt, store
from shared_support import FULL_GDELT
from test_events import RAW, SLICE, _rows, full_only

MENTION_KEY_IDX = [0, 5, 6, 7, 8, 9]          # GLOBALEVENTID, MentionIdentifier, SentenceID, 3 char offsets


# --- the fast path is the careful path ------------------------------------------------------------

def test_fast_and_line_by_line_checks_agree():
    fast, careful = gdelt.prepare(SLICE), gdelt.prepare(SLICE, strict=True)
    assert fast.numbers is None and careful.numbers is not None          # the two paths were taken
    con = duckdb.connect()
    gdelt.load([fast], con, "a")
    gdelt.load([careful], con, "b")
    assert con.execute("SELECT count(*) FROM (SELECT * FROM a EXCEPT ALL SELECT * FROM b)").fetchall() == [(0,)]
    assert con.execute("SELECT count(*), min(source_line), max(source_line) FROM a").fetchall() == [(377, 1, 377)]


def test_compensating_field_counts_are_still_rejects(tmp_path):
    """One line with a tab too many and one with a tab too few: the tab total is right, DuckDB's field
    check catches it, and the lines are named by number."""
    lines = gzip.open(SLICE).read().split(b"\n")[:-1]
    lines[4] = lines[4] + b"\textra"
    lines[9] = lines[9].rsplit(b"\t", 1)[0]
    path = tmp_path / "20250106154500.export.CSV.gz"
    path.write_bytes(gzip.compress(b"\n".join(lines) + b"\n"))
    table, rejects = gdelt.parse(path)
    assert rejects["line"].tolist() == [5, 10]
    assert rejects["reason"].str.contains("62 fields").iloc[0] and rejects["reason"].str.contains("60 fields").iloc[1]
    assert table.num_rows == 375
    ids = [int(r[0]) for i, r in enumerate(_rows(SLICE), start=1) if i not in (5, 10)]
    assert table.column("GLOBALEVENTID").to_pylist() == ids
    assert table.column("source_line").to_pylist() == [i for i in range(1, 378) if i not in (5, 10)]


def test_crlf_and_bad_id_lines(tmp_path):
    lines = gzip.open(SLICE).read().split(b"\n")[:-1]
    lines[2] = b"x" + lines[2]                                   # GLOBALEVENTID not an integer
    path = tmp_path / "20250106154500.export.CSV"
    path.write_bytes(b"\r\n".join(lines) + b"\r\n")
    table, rejects = gdelt.parse(path)
    assert rejects["line"].tolist() == [3] and "GLOBALEVENTID not an integer: x" in rejects["reason"].iloc[0]
    assert rejects["text"].iloc[0].startswith("x") and "\r" not in rejects["text"].iloc[0]
    assert table.num_rows == 376 and not any("\r" in (u or "") for u in table.column("SOURCEURL").to_pylist())


# --- mentions ------------------------------------------------------------------------------------

def test_mentions_are_stored_and_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for p in RAW.glob("*.mentions.CSV.gz"):
        shutil.copy(p, folder)
    report = events.ingest(folder, root=tmp_path / "ev")
    rows = [r for p in sorted(folder.iterdir()) for r in _rows(p)]
    keys = {tuple(r[i] for i in MENTION_KEY_IDX) for r in rows}
    assert report.rows_read == len(rows) > 0
    if FULL_GDELT:
        assert len(rows) == 8462 + 2823 + 8857 + 9709 + 10180, full_only
    assert report.rows_added == len(keys)                      # exact duplicate lines are stored once
    assert {f["table"] for f in report.files} == {"mentions"}
    assert store.event_files(tmp_path / "ev") == []            # mentions are not events
    stored = events.mentions(tmp_path / "ev")
    assert len(stored) == len(keys) and stored["mention_time"].dt.year.eq(2015).all()
    event = int(rows[0][0])
    mine = {tuple(r[i] for i in MENTION_KEY_IDX) for r in rows if int(r[0]) == event}
    assert len(events.mentions(tmp_path / "ev", event_ids=[event])) == len(mine) > 0
    strong = events.mentions(tmp_path / "ev", sql="Confidence >= 80")
    assert len(strong) == len({tuple(r[i] for i in MENTION_KEY_IDX) for r in rows if int(r[11]) >= 80})
    again = events.ingest(folder, root=tmp_path / "ev")
    assert again.rows_added == 0 and len(again.skipped) == len(list(folder.iterdir()))


def test_events_are_partitioned_by_the_month_gdelt_published_them(tmp_path):
    """parts/added_month=YYYY-MM/ holds exactly the rows of that month's files (2015-02 … 2025-01 here),
    each event once; the months are those of the file names, counted independently."""
    folder = tmp_path / "in"
    folder.mkdir()
    exports = [p for p in RAW.glob("*.export.CSV.gz") if ".translation." not in p.name][:40]
    for p in exports:
        shutil.copy(p, folder)
    root = tmp_path / "ev"
    events.ingest(folder, root=root)
    expected: dict[str, set] = {}
    for p in exports:
        expected.setdefault(f"{p.name[:4]}-{p.name[4:6]}", set()).update(int(r[0]) for r in _rows(p))
    seen = set()
    for month, ids in expected.items():
        files = sorted((root / "parts" / f"added_month={month}").glob("part-*.parquet"))
        assert files, month
        stored = duckdb.sql(f"SELECT GLOBALEVENTID, source_file FROM read_parquet({[str(f) for f in files]})").df()
        assert stored["source_file"].str[:6].eq(month.replace("-", "")).all()
        seen |= set(stored["GLOBALEVENTID"])
    assert {p.parent.name for p in store.event_files(root)} == {f"added_month={m}" for m in expected}
    assert seen == set().union(*expected.values())


# --- one writer at a time --------------------------------------------------------------------------

def _python(code: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def test_a_second_ingest_is_refused_while_another_process_writes(tmp_path):
    root = tmp_path / "ev"
    holder = _python(f"""
        import sys
        from entente.events import store
        with store.locked({str(root)!r}):
            print("locked", flush=True)
            sys.stdin.read()                      # hold the lock until the test closes stdin
        """)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(store.StoreBusy, match=r"Another ingest is writing .*--wait"):
            events.ingest(SLICE, root=root)
        assert store.manifest(root).empty and store.event_files(root) == []
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    assert events.ingest(SLICE, root=root).rows_added == 377


def test_two_ingests_at_once_write_each_event_once(tmp_path):
    """Two processes ingest the same real files into one store at the same time (the second waits)."""
    folder, root = tmp_path / "in", tmp_path / "ev"
    folder.mkdir()
    for p in sorted(RAW.glob("2024*.export.CSV.gz")):
        shutil.copy(p, folder)
    code = f"""
        from entente import events
        r = events.ingest({str(folder)!r}, root={str(root)!r}, wait=300)
        print(r.rows_added, len(r.skipped), flush=True)
        """
    procs = [_python(code) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    added = sorted(tuple(map(int, out.split())) for out, _ in outs)
    ids = {r[0] for p in sorted(folder.iterdir()) for r in _rows(p)}
    n_files = len(list(folder.iterdir()))
    assert added == [(0, n_files), (len(ids), 0)]             # one wrote everything, the other skipped it all
    files = [str(p) for p in store.event_files(root)]
    assert duckdb.sql(f"SELECT count(*), count(DISTINCT GLOBALEVENTID) FROM read_parquet({files!r})").fetchall() == [
        (len(ids), len(ids))]
    m = store.manifest(root)
    assert len(m) == n_files and m["file"].is_unique
    assert isinstance(m, pd.DataFrame)


# --- the fast reader (Polars) stores exactly what the careful path (DuckDB) stores -----------------

def _stored_sorted(root, table="parts"):
    files = [str(p) for p in sorted((root / table).glob("added_month=*/*.parquet"))]
    return duckdb.sql(f"SELECT * FROM read_parquet({files!r}, hive_partitioning=true) "
                      "ORDER BY source_file, source_line").df()


def test_fast_reader_stores_what_the_careful_path_stores(tmp_path, monkeypatch):
    """Real 1.0 daily, 2.0 gzip, 2.0 zip, translation and mentions files: ingested through Polars, then
    again with the fast reader switched off (every file through DuckDB's read_csv): every stored cell
    is the same, NULL for NULL, and so are the manifests' counts."""
    folder = tmp_path / "in"
    folder.mkdir()
    names = ["20151207.export.CSV.small.gz", "20150218230000.export.CSV.gz", "20150218230000.mentions.CSV.gz",
             "20150218230000.translation.export.CSV.gz", "20170219080000.export.CSV.zip",
             "20241022130000.export.CSV.gz", "20241210101500.export.CSV.gz"]
    for name in names:
        shutil.copy(RAW / name, folder)
    read, fast_rows = store.fastread.read, []
    monkeypatch.setattr(store.fastread, "read", lambda files: fast_rows.append(got := read(files)) or got)
    fast = events.ingest(folder, root=tmp_path / "fast")
    assert sum(len(f) for f in fast_rows if f is not None) == fast.rows_read      # all went the fast way
    monkeypatch.setattr(store.fastread, "read", lambda files: None)
    careful = events.ingest(folder, root=tmp_path / "careful")
    assert fast.frame().equals(careful.frame()) and fast.rows_added > 10_000
    for table in ("parts", "mentions"):
        a, b = _stored_sorted(tmp_path / "fast", table), _stored_sorted(tmp_path / "careful", table)
        assert list(a.columns) == list(b.columns) and len(a) == len(b) > 0
        pd.testing.assert_frame_equal(a, b)
    # and the rows are the files' lines: an independent count per file with the csv module
    stored = _stored_sorted(tmp_path / "fast")
    for name in names:
        if ".export." in name:
            assert (stored["source_file"] == name).sum() == len(_rows(RAW / name)), name


def _with_line(path, number: int, change) -> bytes:
    lines = gzip.open(path).read().split(b"\n")[:-1]
    lines[number - 1] = change(lines[number - 1])
    return gzip.compress(b"\n".join(lines) + b"\n")


@pytest.mark.parametrize("change, reason", [
    (lambda line: line.replace(b"\t", b"\t\xe9", 1), "not UTF-8 (byte "),              # same tab count
    (lambda line: b"\t".join([line.split(b"\t")[0], b"20250230", *line.split(b"\t")[2:]]), "SQLDATE not a date: 20250230"),
    (lambda line: b"\t".join([b"12x4", *line.split(b"\t")[1:]]), "GLOBALEVENTID not an integer: 12x4"),
])
def test_a_line_the_fast_reader_refuses_is_named(tmp_path, change, reason):
    """A line that passes the byte scans but not the reader (bad UTF-8 in a field, an impossible date, a
    bad id) sends its file to the careful path, which sets that one line aside and keeps the rest."""
    folder, root = tmp_path / "in", tmp_path / "ev"
    folder.mkdir()
    (folder / "20250106154500.export.CSV.gz").write_bytes(_with_line(SLICE, 7, change))
    clean = folder / "20250106160000.export.CSV.gz"      # a clean file in the same batch still goes in
    clean.write_bytes(gzip.compress(b"".join(b"9" + line + b"\n" for line in gzip.open(SLICE).read().split(b"\n")[:-1])))
    report = events.ingest(folder, root=root)
    rows = {r["file"]: r for r in report.files}
    bad = rows["20250106154500.export.CSV.gz"]
    assert (bad["rows_read"], bad["rows_rejected"], bad["rows_added"]) == (377, 1, 376)
    rejects = pd.read_csv(root / "_rejects" / "20250106154500.export.CSV.gz.csv")
    assert rejects["line"].tolist() == [7] and rejects["reason"].iloc[0].startswith(reason)
    assert (rows[clean.name]["rows_rejected"], rows[clean.name]["rows_added"]) == (0, 377)
    stored = _stored_sorted(root)
    lines = stored.loc[stored["source_file"] == "20250106154500.export.CSV.gz", "source_line"].tolist()
    assert lines == [i for i in range(1, 378) if i != 7]
    table, parsed_rejects = gdelt.parse(folder / "20250106154500.export.CSV.gz")      # the one-file API agrees
    assert parsed_rejects["line"].tolist() == [7] and table.num_rows == 376


def test_a_zip_with_a_damaged_member_is_refused(tmp_path):
    """ISA-L inflates the member from its raw bytes; a flipped byte fails the CRC (or the inflate) and
    the file is reported as corrupt, never half read."""
    import io
    import zipfile

    text = gzip.open(SLICE).read()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("20250106154500.export.CSV", text)
    good = tmp_path / "20250106154500.export.CSV.zip"
    good.write_bytes(buf.getvalue())
    assert gdelt.decompress(good) == text
    data = bytearray(buf.getvalue())
    data[len(data) // 3] ^= 0xFF                          # inside the deflated member
    bad = tmp_path / "20250106160000.export.CSV.zip"
    bad.write_bytes(bytes(data))
    with pytest.raises(gdelt.SourceError, match="truncated or corrupt"):
        gdelt.decompress(bad)


def test_gzip_members_and_truncation(tmp_path):
    """A gzip of two members is read whole; one cut inside its trailer (CRC and length) is refused."""
    text = gzip.open(SLICE).read()
    half = text.index(b"\n", len(text) // 2) + 1
    two = tmp_path / "20250106154500.export.CSV.gz"
    two.write_bytes(gzip.compress(text[:half]) + gzip.compress(text[half:]))
    assert gdelt.decompress(two) == text
    cut = tmp_path / "20250106160000.export.CSV.gz"
    cut.write_bytes(gzip.compress(text)[:-4])
    with pytest.raises(gdelt.SourceError, match="truncated or corrupt"):
        gdelt.decompress(cut)


@pytest.mark.slow    # over 6 s on 2 cores: the full suite (CI's first run) keeps it
def test_kill_9_mid_ingest_loses_and_duplicates_nothing(tmp_path):
    """An ingest of the real export files (batches of 4 files; of 1 for the ten bundled) is killed with
    SIGKILL four times, each a random moment after it wrote a batch (so inside reading, writing or
    recording the next); after each kill the store holds every event at most once, and a last full run
    leaves exactly the files' events, each once, and every file in the manifest once."""
    import random
    import signal
    import time

    folder, root = tmp_path / "in", tmp_path / "ev"
    folder.mkdir()
    for p in sorted(RAW.glob("*.export.CSV.*")):
        shutil.copy(p, folder)
    batch = 4 if FULL_GDELT else 1              # the eleven bundled files: enough batches for four kills
    code = f"""
        from entente.events import store
        store.BATCH_FILES = {batch}
        print("start", flush=True)
        store.ingest({str(folder)!r}, root={str(root)!r}, wait=60)
        """
    rng = random.Random(20261127)

    def stored():
        files = [str(p) for p in store.event_files(root)]
        if not files:
            return 0, 0
        return duckdb.sql(f"SELECT count(*), count(DISTINCT GLOBALEVENTID) FROM read_parquet({files!r})").fetchall()[0]

    for _ in range(4):
        proc = _python(code)
        assert proc.stdout.readline().strip() == "start"
        before, deadline = len(store.event_files(root)), time.monotonic() + 60
        while len(store.event_files(root)) == before and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)                                         # this run has written a batch ...
        time.sleep(rng.uniform(0.0, 0.25))                            # ... and is somewhere in the next
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        rows, distinct = stored()
        assert rows == distinct                                       # never a duplicate
    final = events.ingest(folder, root=root)
    assert not final.failed and not list(root.glob("*/.staging-*"))
    ids = {int(r[0]) for p in folder.iterdir() for r in _rows(p)}
    rows, distinct = stored()
    assert rows == distinct == len(ids)
    m = store.manifest(root)
    assert sorted(m["file"]) == sorted(p.name for p in folder.iterdir())
    assert m["rows_added"].sum() == rows                          # the manifest says what is stored
    assert not list(root.glob(".*.tmp")) and not list(root.glob(".commit-*"))

