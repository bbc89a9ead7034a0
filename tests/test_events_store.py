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
from test_events import RAW, SLICE, _rows, needs_raw

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

@needs_raw
def test_mentions_are_stored_and_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for p in RAW.glob("*.mentions.CSV.gz"):
        shutil.copy(p, folder)
    report = events.ingest(folder, root=tmp_path / "ev")
    rows = [r for p in sorted(folder.iterdir()) for r in _rows(p)]
    keys = {tuple(r[i] for i in MENTION_KEY_IDX) for r in rows}
    assert report.rows_read == len(rows) == 8462 + 2823 + 8857 + 9709 + 10180
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
    assert again.rows_added == 0 and len(again.skipped) == 5


@needs_raw
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


@needs_raw
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
