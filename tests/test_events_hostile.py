"""Hostile GDELT input (issue #15): every bad input is built by mutating REAL GDELT lines and files (the
bundled slices, tests/data/gdelt/README.md), and each test reads the outcome as a user would: the exit
status, the one-line messages, what is stored, what the manifest and coverage say.
"""

from __future__ import annotations

import gzip
import io
import os
import signal
import zipfile
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from entente import events
from entente.cli import main
from entente.events import gdelt, intervals, store
from test_events import DATA, SLICE, _rows
from test_events_store import _python

MENTIONS = DATA / "20150218230000.mentions.CSV.gz"
LINES = gzip.open(SLICE).read().split(b"\n")[:-1]           # 377 real GDELT 2.0 export lines
OTHER = "20250106160000.export.CSV.gz"                       # a clean file beside the bad one (real lines, new ids)
COL = {c: i for i, c in enumerate(gdelt.V2_COLUMNS)}


def _write(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(gzip.compress(b"\n".join(lines) + b"\n", mtime=0))
    return path


def _with_field(line: bytes, column: str, value: bytes) -> bytes:
    fields = line.split(b"\t")
    fields[COL[column]] = value
    return b"\t".join(fields)


def _clean_other(folder: Path) -> Path:
    """The slice under the next interval's name with new ids and its own DATEADDED: a clean file."""
    lines = [_with_field(b"9" + line, "DATEADDED", b"20250106160000") for line in LINES]
    return _write(folder / OTHER, lines)


def _cli(*args: str, home: Path) -> tuple[int, str]:
    """Run the real console entry point (errors formatted as users see them); (exit status, stderr+stdout)."""
    import contextlib

    out, err = io.StringIO(), io.StringIO()
    old = os.environ.get("ENTENTE_HOME")
    os.environ["ENTENTE_HOME"] = str(home)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        if old is None:
            os.environ.pop("ENTENTE_HOME", None)
        else:
            os.environ["ENTENTE_HOME"] = old
    return code, err.getvalue() + out.getvalue()


def _stored(root: Path, table: str = "parts") -> pd.DataFrame:
    files = [str(p) for p in sorted((root / table).glob("added_month=*/*.parquet"))]
    if not files:
        return pd.DataFrame(columns=["source_file", "source_line", "GLOBALEVENTID"])
    return duckdb.sql(f"SELECT * FROM read_parquet({files!r}) ORDER BY source_file, source_line").df()


# --- 1. one bad number in any field sets aside its line, not the batch ------------------------------

@pytest.mark.parametrize("column, value, reason", [
    ("GoldsteinScale", b"abc", "GoldsteinScale not a number: abc"),
    ("NumMentions", b"abc", "NumMentions not an integer: abc"),
    ("NumMentions", b"3.5", "NumMentions not an integer: 3.5"),
    ("MonthYear", b"abc", "MonthYear not an integer: abc"),
    ("ActionGeo_Lat", b"abc", "ActionGeo_Lat not a number: abc"),
    ("Actor1Geo_Lat", b"91.5", "Actor1Geo_Lat out of range (-90 to 90): 91.5"),
    ("DATEADDED", b"abc", "DATEADDED not an integer: abc"),
    ("QuadClass", b"9999999999999", "QuadClass out of range (1 to 4): 9999999999999"),
    ("QuadClass", b"7", "QuadClass out of range (1 to 4): 7"),
    ("GoldsteinScale", b"nan", "GoldsteinScale not a number: nan"),
    ("AvgTone", b"inf", "AvgTone not a number: inf"),
    ("NumArticles", b"3 ", "NumArticles not an integer: 3 "),      # a leading space is dropped, a trailing one is not
    ("GLOBALEVENTID", b"", "GLOBALEVENTID is empty"),
])
def test_a_bad_value_in_any_field_sets_aside_its_line(tmp_path, column, value, reason):
    folder = tmp_path / "in"
    folder.mkdir()
    lines = list(LINES)
    lines[6] = _with_field(lines[6], column, value)
    bad = _write(folder / SLICE.name, lines)
    _clean_other(folder)
    code, text = _cli("events", "ingest", "--path", str(folder), "-f", "csv", home=tmp_path / "h")
    assert code == 0, text
    assert "Traceback" not in text and "DuckDB" not in text
    assert f"line 7: {reason}" in text                               # the note names line, column and value
    root = tmp_path / "h" / "events"
    rejects = pd.read_csv(root / "_rejects" / f"{SLICE.name}.csv", keep_default_na=False)
    assert rejects["line"].tolist() == [7] and rejects["reason"].tolist() == [reason]
    stored = _stored(root)
    assert stored.groupby("source_file").size().to_dict() == {SLICE.name: 376, OTHER: 377}
    assert 7 not in stored.loc[stored["source_file"] == SLICE.name, "source_line"].tolist()
    table, parsed = gdelt.parse(bad)                                  # the careful path alone agrees
    assert parsed["line"].tolist() == [7] and parsed["reason"].tolist() == [reason] and table.num_rows == 376
    again = _cli("events", "ingest", "--path", str(folder), home=tmp_path / "h")
    assert again[0] == 0 and "2 files skipped" in again[1]


def test_a_non_integer_confidence_in_mentions_is_set_aside(tmp_path):
    lines = gzip.open(MENTIONS).read().split(b"\n")[:-1]
    fields = lines[11].split(b"\t")
    fields[11] = b"high"                                              # Confidence, an integer 0..100
    lines[11] = b"\t".join(fields)
    path = _write(tmp_path / MENTIONS.name, lines)
    report = events.ingest(path, root=tmp_path / "ev")
    (row,) = report.files
    assert (row["rows_read"], row["rows_rejected"]) == (200, 1)
    rejects = pd.read_csv(tmp_path / "ev" / "_rejects" / f"{MENTIONS.name}.csv")
    assert rejects.to_dict("records")[0]["reason"] == "Confidence not an integer: high"
    stored = _stored(tmp_path / "ev", "mentions")
    assert 12 not in stored["source_line"].tolist() and stored["Confidence"].notna().all()


# --- 2. impossible times in file names are refused before anything is written ----------------------

@pytest.mark.parametrize("name, why", [
    ("20240230000000.export.CSV.gz", "day is out of range for month"),
    ("20241399000000.export.CSV.gz", "month must be in 1..12"),
    ("99991231000000.export.CSV.gz", "outside GDELT 2.0's time"),
    ("20241022130099.export.CSV.gz", "second must be in 0..59"),
])
def test_an_impossible_time_in_a_file_name_is_refused(tmp_path, name, why):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(SLICE.read_bytes())
    code, text = _cli("events", "ingest", "--path", str(folder), home=tmp_path / "h")
    assert code == 1 and why in text and "impossible time in the name" in text, text
    root = tmp_path / "h" / "events"
    assert store.event_files(root) == [] and store.manifest(root).empty
    assert _cli("events", "coverage", "-f", "csv", home=tmp_path / "h")[0] == 0


def test_a_manifest_with_an_impossible_interval_is_read_with_a_warning(tmp_path):
    """A store written before names were checked (a row for 2024-13) is read, that row left out."""
    root = tmp_path / "h" / "events"
    events.ingest(SLICE, root=root)
    m = pd.read_csv(root / "_manifest.csv", dtype=str)
    bad = m.iloc[0].copy()
    bad["file"], bad["interval_start"], bad["sha256"] = "20241399000000.export.CSV.gz", "20241399000000", "0" * 64
    pd.concat([m, bad.to_frame().T]).to_csv(root / "_manifest.csv", index=False)
    with pytest.warns(UserWarning, match=r"20241399000000.export.CSV.gz \(20241399000000\)"):
        cov = intervals.coverage(root)
    assert cov["file"].tolist() == [SLICE.name]
    code, text = _cli("events", "coverage", "-f", "csv", home=tmp_path / "h")
    assert code == 0 and "Traceback" not in text and SLICE.name in text


# --- 3. a file that cannot be opened fails alone --------------------------------------------------

def test_unreadable_paths_fail_alone(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _clean_other(folder)
    (folder / "20250106161500.export.CSV.gz").symlink_to(tmp_path / "gone.gz")        # dangling
    (folder / "20250106163000.export.CSV.gz").mkdir()                                  # a folder
    code, text = _cli("events", "ingest", "--path", str(folder), home=tmp_path / "h")
    assert code == 1 and "2 failed (2 unreadable)" in text, text
    assert "Cannot open" in text and "No such file or directory" in text and "folder named like a GDELT file" in text
    assert "Traceback" not in text
    root = tmp_path / "h" / "events"
    assert store.manifest(root)["file"].tolist() == [OTHER] and len(_stored(root)) == 377


# --- 4. exit status tells the truth -------------------------------------------------------------

def test_failures_exit_1_and_say_why(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _clean_other(folder)
    (folder / "20250106161500.export.CSV.gz").write_bytes(SLICE.read_bytes()[:5000])       # truncated
    code, text = _cli("events", "ingest", "--path", str(folder), home=tmp_path / "h")
    assert code == 1 and "1 failed (1 truncated or corrupt)" in text, text
    notes = tmp_path / "notes.txt"
    notes.write_text("not gdelt")
    code, text = _cli("events", "ingest", "--path", str(notes), home=tmp_path / "h")
    assert code == 1 and "not a GDELT export or mentions file name" in text


def test_an_empty_folder_is_an_error_and_subfolders_are_read(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "README.md").write_text("notes")
    code, text = _cli("events", "ingest", "--path", str(empty), home=tmp_path / "h")
    assert code == 1 and "No GDELT export or mentions files" in text and "README.md" in text
    assert len(text.strip().splitlines()) == 1
    nested = tmp_path / "nested" / "2025" / "01"
    nested.mkdir(parents=True)
    _write(nested / SLICE.name, LINES)
    (tmp_path / "nested" / "md5sums").write_text("x")
    code, text = _cli("events", "ingest", "--path", str(tmp_path / "nested"), home=tmp_path / "h")
    assert code == 0 and "1 file is not a GDELT export/mentions file and was not read: md5sums" in text
    assert len(_stored(tmp_path / "h" / "events")) == 377
    bad = list(LINES)
    bad[3] = b"x" + bad[3]
    _write(nested / OTHER, bad)           # its rejects file in the store is named like a GDELT file ...
    home = tmp_path / "nested" / "home"   # ... and the store sits inside the folder read: it is not read
    assert _cli("events", "ingest", "--path", str(tmp_path / "nested"), home=home)[0] == 0
    code, text = _cli("events", "ingest", "--path", str(tmp_path / "nested"), home=home)
    assert code == 0 and "2 files skipped" in text and "_rejects" not in text, text


# --- 5. coverage is what was stored ----------------------------------------------------------------

def _masterlist(path: Path, stamps: list[str]) -> Path:
    path.write_text("".join(f"1000 {'a' * 32} http://data.gdeltproject.org/gdeltv2/{s}.export.CSV.zip\n"
                            for s in stamps))
    return path


@pytest.mark.parametrize("content", ["mentions", "v2 under a v1 name", "another table", "junk"])
def test_a_file_with_no_valid_line_covers_nothing(tmp_path, content):
    folder = tmp_path / "in"
    folder.mkdir()
    name = "20250106154500.export.CSV.gz"
    if content == "mentions":
        lines = gzip.open(MENTIONS).read().split(b"\n")[:-1]
    elif content == "v2 under a v1 name":
        name, lines = "20250106.export.CSV.gz", LINES
    elif content == "another table":                       # 61 columns, but not GDELT's: every value a word
        lines = [b"\t".join(b"x" + f for f in line.split(b"\t")) for line in LINES[:50]]
    else:
        lines = [line[::-1] for line in LINES[:30]]
    _write(folder / name, lines)
    _clean_other(folder)
    code, text = _cli("events", "ingest", "--path", str(folder), home=tmp_path / "h")
    assert code == 1 and "1 failed (1 no valid line)" in text and f"none of its {len(lines):,} lines" in text, text
    root = tmp_path / "h" / "events"
    assert store.manifest(root)["file"].tolist() == [OTHER]
    assert intervals.coverage(root)["file"].tolist() == [OTHER]
    assert (root / "_rejects" / f"{name}.csv").exists()
    gaps = intervals.completeness(_masterlist(tmp_path / "list.txt", ["20250106154500", "20250106160000"]), root=root)
    assert gaps["file"].tolist() == ["20250106154500.export.CSV.zip"] and gaps["status"].tolist() == ["missing"]


def test_an_empty_file_is_read_and_covers_nothing(tmp_path):
    """An empty export (read whole: not a failure) is recorded, so it is not read again, but covers nothing."""
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder / SLICE.name, LINES)
    (folder / OTHER).write_bytes(gzip.compress(b"", mtime=0))
    code, text = _cli("events", "ingest", "--path", str(folder), home=tmp_path / "h")
    assert code == 0 and f"{OTHER}: the file is empty" in text, text
    root = tmp_path / "h" / "events"
    assert sorted(store.manifest(root)["file"]) == [SLICE.name, OTHER]
    assert intervals.coverage(root)["file"].tolist() == [SLICE.name]


def test_content_copied_under_another_intervals_name_covers_nothing(tmp_path):
    """The 15:45 file recompressed as 16:15: its events are stored (once), its DATEADDED says 15:45, so
    the 16:15 interval is not covered and the report says why."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "20250106161500.export.CSV.gz").write_bytes(gzip.compress(gzip.open(SLICE).read(), mtime=1))
    report = events.ingest(folder, root=tmp_path / "ev")
    assert report.rows_added == 377 and report.notes and "not counted as covering it" in report.notes[0][1]
    assert intervals.coverage(tmp_path / "ev").empty
    gaps = intervals.completeness(_masterlist(tmp_path / "l.txt", ["20250106161500"]), root=tmp_path / "ev")
    assert gaps["status"].tolist() == ["missing"]
    events.ingest(SLICE, root=tmp_path / "ev")                        # the real file: covers its own interval
    assert intervals.coverage(tmp_path / "ev")["file"].tolist() == [SLICE.name]


# --- 6. file lists and arguments ---------------------------------------------------------------------

def test_a_masterlist_must_be_a_file_list(tmp_path):
    binary = tmp_path / "list.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    code, text = _cli("events", "coverage", "--masterlist", str(binary), home=tmp_path / "h")
    assert code == 1 and "is not a GDELT file list" in text and len(text.strip().splitlines()) == 1
    words = tmp_path / "words.txt"                            # decodes as text, but no line is 'size md5 url'
    words.write_text("".join(f"{w} {w}{w}\n" for w in ("alpha", "beta", "gamma")))
    code, text = _cli("events", "ingest", "--from", "2025-01-06", "--masterlist", str(words), home=tmp_path / "h")
    assert code == 1 and "none of its 3 lines is 'size md5 url'" in text and "missing upstream" not in text
    mixed = _masterlist(tmp_path / "mixed.txt", ["20250106154500", "20250106160000"])
    mixed.write_text(mixed.read_text() + "garbage line\n"
                     "http://data.gdeltproject.org/gdeltv2/20250106161500.export.CSV.zip\n")   # no size, no MD5: kept
    with pytest.warns(UserWarning, match="1 line of .* is not a 'size md5 url' line and was left out: line 3"):
        assert len(intervals.read_masterlist(mixed)) == 3


@pytest.mark.parametrize("args, words, status", [
    (["events", "ingest", "--path", ".", "--wait", "nan"], "--wait takes seconds from 0", 1),
    (["events", "ingest", "--path", ".", "--wait", "-1"], "--wait takes seconds from 0", 1),
    (["events", "ingest", "--path", ".", "--wait", "inf"], "--wait takes seconds from 0", 1),
    (["events", "ingest", "--from", "2025-01-01", "--workers", "0"], "--workers", 2),
    (["events", "series", "USA", "CHN", "--top", "-1"], "--top", 2),
    (["events", "series", "USA", "USA"], "the same state", 1),
    (["events", "series", "USA", "United States"], "the same state", 1),
])
def test_bad_arguments_are_one_line_errors(tmp_path, args, words, status):
    code, text = _cli(*args, home=tmp_path / "h")
    assert code == status and words in text and "Traceback" not in text, text


# --- 7. a kill between the data and the manifest; bad numbers; a zip bomb --------------------------

def test_a_kill_between_placing_data_and_the_manifest_is_finished_by_the_next_ingest(tmp_path):
    """The ingest is killed (SIGKILL) in the middle of its commit: one Parquet file moved into place, the
    manifest not yet replaced. The next ingest finishes that commit from the journal: the manifest's
    rows_added add up to exactly what is stored, and no temp file is left."""
    folder, root = tmp_path / "in", tmp_path / "ev"
    folder.mkdir()
    _write(folder / SLICE.name, LINES)
    _clean_other(folder)
    (root).mkdir()
    (root / "._manifest.csv.0123abcd.tmp").write_text("left by an old ingest")
    proc = _python(f"""
        import os, signal
        from entente.events import parts, store
        real = os.replace
        def replace(a, b):
            real(a, b)
            if str(b).endswith(".parquet"):          # the first data file is in place: die here
                os.kill(os.getpid(), signal.SIGKILL)
        parts.os.replace = replace
        store.ingest({str(folder)!r}, root={str(root)!r})
        """)
    proc.communicate(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    assert store.manifest(root).empty and list(root.glob(".commit-*.json"))       # killed mid-commit
    report = events.ingest(folder, root=root)
    assert report.skipped == [SLICE.name, OTHER] and report.rows_added == 0        # the journal recorded them
    m = store.manifest(root)
    assert m["rows_added"].sum() == len(_stored(root)) == 754
    assert not list(root.glob(".*.tmp")) and not list(root.glob(".commit-*")) and not list(root.glob("*/.staging-*"))


def test_a_zip_bomb_is_refused_with_its_reason(tmp_path):
    text = b"\n".join(LINES) + b"\n"
    bomb = tmp_path / "20250106154500.export.CSV.gz"
    body = (LINES[0] + b"\n") * 100_000                   # one real line 100,000 times: 32 MB from ~90 kB
    bomb.write_bytes(gzip.compress(body, compresslevel=6))
    assert bomb.stat().st_size * gdelt.MAX_EXPANSION < len(body)
    with pytest.raises(gdelt.SourceError, match=r"expands to more than .*limit is 64× its size"):
        gdelt.decompress(bomb)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("20250106160000.export.CSV", body)
    (tmp_path / OTHER.replace(".gz", ".zip")).write_bytes(buf.getvalue())
    report = events.ingest(tmp_path, root=tmp_path / "ev")
    assert len(report.failed) == 2 and all("expands to more than" in why for _, why in report.failed)
    assert gdelt.decompress(SLICE) == text                          # a real file is far below the cap


def test_both_readers_apply_the_same_rules_to_every_column():
    """For each typed column, a value breaking its rule: Polars refuses the file (or its checks do) and
    the careful path names the line; for each, a valid value passes both."""
    import polars as pl

    from entente.events import fastread

    for column in gdelt.V2_COLUMNS:
        kind = gdelt.kind(column)
        if kind == "VARCHAR":
            continue
        lo, hi = gdelt.bounds(column)
        bad = b"1.5" if kind != "DOUBLE" else b"1e999"
        good = str(int(max(lo, min(hi, 1)))).encode() if column not in ("SQLDATE",) else b"20250106"
        for value, ok in ((bad, False), (good, True)):
            lines = [_with_field(LINES[0], column, value)] + list(LINES[1:3])
            prepared = gdelt.Prepared(gdelt.identify(SLICE), b"\n".join(lines) + b"\n", 3, None, [])
            fast = fastread.read([(0, prepared)])
            con = duckdb.connect()
            strict = gdelt.Prepared(prepared.info, prepared.data, 3, None, [])
            rejects = gdelt.load([strict], con, "t")[SLICE.name]
            if ok:
                assert fast is not None and fast.height == 3 and len(rejects) == 0, (column, value)
            else:
                assert fast is None, (column, value)
                assert rejects["line"].tolist() == [1] and rejects["reason"].iloc[0].startswith(column), (column, value)
            assert isinstance(fast, (pl.DataFrame, type(None)))


@pytest.mark.parametrize("value, stored", [(b" 3", 3), (b"   +3", 3), (b"  ", None), (b" ", None)])
def test_leading_spaces_are_read_alike_on_both_paths(tmp_path, value, stored):
    """Polars drops a number's leading spaces and reads spaces only as empty; the careful path does the same."""
    lines = list(LINES)
    lines[6] = _with_field(lines[6], "NumArticles", value)
    path = _write(tmp_path / SLICE.name, lines)
    report = events.ingest(path, root=tmp_path / "ev")
    assert report.rows_rejected == 0 and report.rows_added == 377
    fast = _stored(tmp_path / "ev")
    table, rejects = gdelt.parse(path)
    careful = table.column("NumArticles").to_pylist()
    assert len(rejects) == 0 and careful[6] == stored
    assert fast["NumArticles"].astype(object).where(fast["NumArticles"].notna(), None).tolist() == careful


def test_the_slice_rows_are_untouched(tmp_path):
    """The rules refuse nothing in real data: every real line of the slice is stored, field for field."""
    table, rejects = gdelt.parse(SLICE)
    assert len(rejects) == 0 and table.num_rows == len(_rows(SLICE))


# --- a property: mutate real lines at random; the ingest keeps every good line once, names every bad one ---

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

_TYPED = [c for c in gdelt.V2_COLUMNS if gdelt.kind(c) != "VARCHAR"]
_TEXT = [c for c in gdelt.V2_COLUMNS if gdelt.kind(c) == "VARCHAR"]
_NOT_A_NUMBER = "abcdfghijklmnopqrstuvwxyzABCDFGHIJKLMNOPQRSTUVWXYZé"   # no e/E: "1e0" would be a number
_ALPHABET = _NOT_A_NUMBER + "0123456789 .,-+_:/"


@st.composite
def _mutation(draw, line: bytes):
    """(new line, bad?): a typed field replaced by text that cannot be a number, the line cut short,
    extra tabs, or a text field replaced by any text (still a good line)."""
    kind = draw(st.sampled_from(["typed", "cut", "tabs", "text"]))
    fields = line.split(b"\t")
    if kind == "typed":
        value = draw(st.text(_ALPHABET, min_size=1, max_size=10).filter(lambda t: any(c in _NOT_A_NUMBER for c in t)))
        fields[COL[draw(st.sampled_from(_TYPED))]] = value.encode()
        return b"\t".join(fields), True
    if kind == "cut":
        last_tab = line.rindex(b"\t")
        return line[:draw(st.integers(0, last_tab))], True
    if kind == "tabs":
        at = draw(st.integers(0, len(line)))
        return line[:at] + b"\t" * draw(st.integers(1, 3)) + line[at:], True
    value = draw(st.text(_ALPHABET + "'\"\\", max_size=30))
    fields[COL[draw(st.sampled_from(_TEXT))]] = value.encode()
    return b"\t".join(fields), False


@pytest.mark.slow    # over 6 s on 2 cores: the full suite (CI's first run) keeps it
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_real_lines_never_fail_the_ingest(data):
    import tempfile

    lines = list(LINES[:60])
    chosen = data.draw(st.lists(st.integers(0, len(lines) - 1), unique=True, max_size=8), label="lines")
    bad = set()
    for i in chosen:
        lines[i], is_bad = data.draw(_mutation(lines[i]), label=f"line {i + 1}")
        if is_bad:
            bad.add(i + 1)
    with tempfile.TemporaryDirectory() as tmp:
        folder, root = Path(tmp) / "in", Path(tmp) / "ev"
        folder.mkdir()
        _write(folder / SLICE.name, lines)
        report = events.ingest(folder, root=root)                     # never raises
        good = [n for n in range(1, len(lines) + 1) if n not in bad]
        assert report.ok == bool(good)                                # the exit status: 1 when nothing was good
        rejects = pd.read_csv(root / "_rejects" / f"{SLICE.name}.csv") if bad else pd.DataFrame({"line": []})
        assert sorted(rejects["line"]) == sorted(bad)                 # every bad line named by number
        stored = _stored(root)
        assert stored["source_line"].tolist() == good                 # every good line stored, once
        assert stored["GLOBALEVENTID"].tolist() == [int(lines[n - 1].split(b"\t")[0]) for n in good]
        table, parsed = gdelt.parse(folder / SLICE.name)              # the careful path alone agrees
        assert sorted(parsed["line"]) == sorted(bad) and table.column("source_line").to_pylist() == good
