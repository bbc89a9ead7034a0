"""GDELT events: parsing, store, actors, aggregation (DuckDB and Spark), bad input, coverage.

Known answers come from independent counts with the csv/gzip/zipfile modules over the same files.
"""

from __future__ import annotations

import collections
import csv
import gzip
import io
import re
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from entente import events
from entente.events import actors, aggregate, engines, gdelt, intervals, store
from shared_support import FULL_GDELT, GDELT_RAW

DATA = Path(__file__).parent / "data" / "gdelt"
SLICE = DATA / "20250106154500.export.CSV.gz"


#: The real GDELT files: the 106 of the curated folder beside the repository when it is there, else the
#: eleven bundled in tests/data/gdelt/raw (shared_support.py). Known answers are counted from the files.
RAW = GDELT_RAW
#: GDELT's own file lists (a few hundred lines each, bundled: GDELT is open with citation), so the
#: list-parsing tests stand alone without the shared/ checkout.
MASTERLIST = Path(__file__).parent / "data" / "gdelt" / "masterlist"
#: The counts SOURCES.md gives for the whole curated folder are checked too when it is there.
full_only = "the count SOURCES.md gives for all 106 files of ../shared/data/gdelt/raw"


I_ID, I_SQLDATE, I_A1, I_A2 = 0, 1, 7, 17


def _rows(path: Path):
    """Independent reader: csv module over gzip/zip, GDELT's layout (tab, no quoting)."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            text = z.read(z.namelist()[0]).decode("utf-8")
    else:
        text = gzip.open(path, "rb").read().decode("utf-8")
    return list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))


def _export_files(folder: Path):
    return sorted(p for p in folder.iterdir() if ".export." in p.name)


# --- parsing ------------------------------------------------------------------------------------

def test_identify_formats():
    v2 = gdelt.identify("20241022130000.export.CSV.zip")
    v1 = gdelt.identify("20151207.export.CSV.zip")
    assert (v2.version, v2.minutes, len(v2.columns)) == (2, 15, 61)
    assert (v1.version, v1.minutes, v1.stamp, len(v1.columns)) == (1, 1440, "20151207000000", 58)
    assert gdelt.identify("20150218230000.mentions.CSV.zip").table == "mentions"
    assert gdelt.identify("notes.txt") is None


def test_parse_slice_matches_independent_count():
    table, rejects = gdelt.parse(SLICE)
    rows = _rows(SLICE)
    assert len(rejects) == 0
    assert table.num_rows == len(rows) == 377
    frame = table.to_pandas()
    assert collections.Counter(frame["SQLDATE"].astype(str)) == collections.Counter(r[I_SQLDATE] for r in rows)
    assert frame["EventRootCode"].str.len().eq(2).all()           # codes keep their leading zero
    assert frame["GLOBALEVENTID"].tolist() == [int(r[I_ID]) for r in rows]
    assert set(frame.columns) >= set(gdelt.V2_COLUMNS) | {"event_date"}


def test_parse_v1_daily_and_zip():
    v1 = _rows(RAW / "20151207.export.CSV.small.gz")
    table, rejects = gdelt.parse(RAW / "20151207.export.CSV.small.gz")
    assert (table.num_rows, len(rejects)) == (len(v1), 0) and {len(r) for r in v1} == {58}
    assert table.column("Actor1Geo_ADM2Code").null_count == len(v1)     # 1.0 has no ADM2 columns
    assert table.column("GLOBALEVENTID").to_pylist() == [int(r[I_ID]) for r in v1]
    table, _ = gdelt.parse(RAW / "20170219080000.export.CSV.zip")
    zipped = _rows(RAW / "20170219080000.export.CSV.zip")
    assert table.num_rows == len(zipped) > 0
    assert table.column("GLOBALEVENTID").to_pylist() == [int(r[I_ID]) for r in zipped]
    if FULL_GDELT:                                                     # SOURCES.md §14a
        assert (len(v1), len(zipped)) == (5000, 1416)


# --- actors -------------------------------------------------------------------------------------

def test_fips_and_cameo_codes_map_to_cow():
    fips = dict(zip(actors.fips_lookup()["code"], actors.fips_lookup()["ccode"]))
    cameo = dict(zip(actors.cameo_lookup()["code"], actors.cameo_lookup()["ccode"]))
    assert (fips["UP"], fips["SU"], fips["IR"], fips["RS"], fips["GM"]) == (369, 625, 630, 365, 255)
    assert (cameo["UKR"], cameo["SDN"], cameo["IRN"], cameo["RUS"], cameo["MTN"]) == (369, 625, 630, 365, 341)
    assert "AFR" not in cameo and "EUR" not in cameo                 # regions are not states


# --- store: ingest, dedup, bad input -------------------------------------------------------------

def _stored(root: Path) -> pd.DataFrame:
    import duckdb

    files = [str(p) for p in store.event_files(root)]
    return duckdb.sql(f"SELECT * FROM read_parquet({files!r})").df() if files else pd.DataFrame()


def test_ingest_slice_is_idempotent(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SLICE, folder)
    first = events.ingest(folder, root=tmp_path / "ev")
    again = events.ingest(folder, root=tmp_path / "ev")
    assert (first.rows_added, again.rows_added, again.skipped) == (377, 0, [SLICE.name])
    stored = _stored(tmp_path / "ev")
    assert len(stored) == stored["GLOBALEVENTID"].nunique() == 377
    # the same rows in a file with other bytes (new sha256): read again, but no GLOBALEVENTID is stored twice
    (folder / "20250106160000.export.CSV.gz").write_bytes(gzip.compress(gzip.open(SLICE).read(), mtime=1))
    third = events.ingest(folder, root=tmp_path / "ev")
    assert (third.rows_read, third.rows_added) == (377, 0)
    assert len(_stored(tmp_path / "ev")) == 377


def test_bad_input_reported_nothing_lost_nothing_duplicated(tmp_path):
    folder, root = tmp_path / "in", tmp_path / "ev"
    folder.mkdir()
    lines = gzip.open(SLICE).read().split(b"\n")[:-1]
    head, rest = lines[:40], lines[40:]
    (folder / "20250106154500.export.CSV.gz").write_bytes(gzip.compress(b"\n".join(rest) + b"\n"))
    events.ingest(folder, root=root)
    assert len(_stored(root)) == len(rest)
    # 1. truncated gzip, 2. truncated zip, 3. a file with a short line (11) and a non-UTF-8 line (12)
    (folder / "20250106161500.export.CSV.gz").write_bytes(SLICE.read_bytes()[:5000])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("20250106163000.export.CSV", b"\n".join(head) + b"\n")
    (folder / "20250106163000.export.CSV.zip").write_bytes(buf.getvalue()[:-200])
    bad = head[:10] + [b"1\t2\t3"] + [head[10].replace(b"\t", b"\t\xff\xfe", 1)] + head[11:]
    (folder / "20250106160000.export.CSV.gz").write_bytes(gzip.compress(b"\n".join(bad) + b"\n"))
    report = events.ingest(folder, root=root)
    failed = dict(report.failed)
    assert "truncated or corrupt" in failed["20250106161500.export.CSV.gz"]
    assert "truncated or corrupt" in failed["20250106163000.export.CSV.zip"]
    (row,) = report.files
    assert (row["file"], row["rows_read"], row["rows_rejected"], row["rows_added"]) == (
        "20250106160000.export.CSV.gz", 41, 2, 39)
    rejects = pd.read_csv(root / "_rejects" / "20250106160000.export.CSV.gz.csv")
    assert rejects["line"].tolist() == [11, 12]
    assert "3 fields, expected 61" in rejects["reason"].iloc[0]
    assert "not UTF-8" in rejects["reason"].iloc[1]
    stored = _stored(root)
    assert len(stored) == stored["GLOBALEVENTID"].nunique() == len(rest) + 39          # nothing lost
    rerun = events.ingest(folder, root=root)                                          # nothing duplicated
    assert rerun.rows_added == 0 and len(_stored(root)) == len(stored) and len(rerun.failed) == 2
    result = CliRunner().invoke(__import__("entente.cli", fromlist=["cli"]).cli, ["events", "ingest", "--path", str(folder)],
                                env={"ENTENTE_HOME": str(tmp_path / "h")})
    assert "truncated or corrupt" in result.output


def test_real_files_counts_per_day_and_pair(tmp_path):
    """Every real export file: rows per event day and per (actor1, actor2) country code equal a csv count."""
    report = events.ingest(RAW, root=tmp_path)
    assert report.failed == [] and report.rows_rejected == 0
    seen, per_day, per_pair = set(), collections.Counter(), collections.Counter()
    for path in _export_files(RAW):
        for r in _rows(path):
            if r[I_ID] in seen:
                continue
            seen.add(r[I_ID])
            per_day[int(r[I_SQLDATE])] += 1
            per_pair[(r[I_A1], r[I_A2])] += 1
    stored = _stored(tmp_path)
    assert len(stored) == len(seen) > 0
    if FULL_GDELT:
        assert len(seen) == 162_095, full_only
    assert collections.Counter(dict(stored.groupby("SQLDATE").size())) == per_day
    got = stored.fillna({"Actor1CountryCode": "", "Actor2CountryCode": ""}).groupby(
        ["Actor1CountryCode", "Actor2CountryCode"]).size()
    assert collections.Counter(dict(got)) == per_pair


def test_coverage_against_gdelt_masterlist(tmp_path):
    events.ingest(RAW, root=tmp_path)
    cov = events.coverage(tmp_path)
    assert len(cov) == len(_export_files(RAW))
    gaps = intervals.completeness(MASTERLIST / "gdeltv2_masterfilelist_first900lines_20150218230000-20150222034500.txt",
                              root=tmp_path)
    own = gaps[gaps["status"] == "gap in GDELT's list"]
    assert own["interval_start"].dt.strftime("%Y%m%d%H%M").tolist() == [
        f"20150219{hm}" for hm in ("0700", "0730", "0815", "0830", "0845", "0900", "0915", "1000")]
    missing = gaps[gaps["status"] == "missing"]
    listed = re.findall(r"/(\d{14})\.export\.CSV\.zip$", (MASTERLIST / "gdeltv2_masterfilelist_first900lines_"
                        "20150218230000-20150222034500.txt").read_text(), re.MULTILINE)
    ingested = {p.name[:14] for p in _export_files(RAW) if ".translation." not in p.name}
    assert len(listed) == 300 and len(ingested & set(listed)) >= 1   # 18 Feb 2015 23:00 at least
    assert len(missing) == len(set(listed) - ingested)       # the listed slots no file was ingested for
    if FULL_GDELT:
        assert len(missing) == 300 - 4, full_only   # the 4 of 18 Feb 2015 23:00–23:45 ingested


# --- aggregation on both engines -----------------------------------------------------------------

def _engine_params():
    why = engines.spark_missing()
    # Spark's start-up (about 15 s per worker) makes its cases slow: the full suite runs them
    return ["duckdb", pytest.param("spark", marks=[pytest.mark.slow,
                                                   pytest.mark.skipif(why is not None, reason=why or "")])]


@pytest.fixture(scope="module")
def slice_store(tmp_path_factory):
    root = tmp_path_factory.mktemp("slice-events")
    events.ingest(SLICE, root=root)
    return root


@pytest.fixture(scope="module")
def recent_store(tmp_path_factory):
    """The 2024–25 real files only (SOURCES.md §14b; bundled: three of 2024 and 2025 with Iran–Russia events)."""
    folder = tmp_path_factory.mktemp("recent-in")
    for p in RAW.glob("202[45]*.export.CSV.gz"):
        shutil.copy(p, folder)
    root = tmp_path_factory.mktemp("recent-events")
    events.ingest(folder, root=root)
    return folder, root


def _independent_pair(rows, a1, a2):
    return [r for r in rows if r[I_A1] == a1 and r[I_A2] == a2]


@pytest.mark.parametrize("engine", _engine_params())
def test_series_on_slice_matches_csv(engine, slice_store):
    rows = _rows(SLICE)
    got = events.series("IRN", "RUS", freq="day", directed=True, engine=engine, root=slice_store)
    mine = _independent_pair(rows, "IRN", "RUS")
    by_day = collections.Counter(f"{r[I_SQLDATE][:4]}-{r[I_SQLDATE][4:6]}-{r[I_SQLDATE][6:]}" for r in mine)
    assert dict(zip(got["period"], got["events"])) == dict(by_day)
    assert got["events"].sum() == 12
    g = [float(r[30]) for r in mine]
    m = [int(r[31]) for r in mine]
    assert got["goldstein_sum"].sum() == pytest.approx(sum(g))
    roots = collections.Counter(int(r[28]) for r in mine)
    assert {k: got[f"root{k:02d}"].sum() for k in roots} == dict(roots)
    quads = collections.Counter(1 if k <= 5 else 2 if k <= 8 else 3 if k <= 13 else 4 for k in (int(r[28]) for r in mine))
    assert {q: got[f"quad{q}"].sum() for q in (1, 2, 3, 4)} == {q: quads.get(q, 0) for q in (1, 2, 3, 4)}
    if len(got) == 1:
        assert got["goldstein_wmean"].iloc[0] == pytest.approx(sum(x * y for x, y in zip(g, m)) / sum(m))
        assert got["tone_mean"].iloc[0] == pytest.approx(sum(float(r[34]) for r in mine) / len(mine))
    both = events.series("Iran", "Russia", freq="month", engine=engine, root=slice_store)
    assert both["events"].sum() == 12 + 10


@pytest.mark.parametrize("engine", _engine_params())
def test_iran_russia_2024_25(engine, recent_store):
    folder, root = recent_store
    rows, seen = [], set()
    for p in sorted(folder.iterdir()):
        for r in _rows(p):
            if r[I_ID] not in seen:
                seen.add(r[I_ID])
                rows.append(r)
    i2r, r2i = len(_independent_pair(rows, "IRN", "RUS")), len(_independent_pair(rows, "RUS", "IRN"))
    assert i2r > 0 and r2i > 0
    if FULL_GDELT:
        assert (i2r, r2i) == (63, 68), full_only                             # SOURCES.md §14b
    directed = events.series("IRN", "RUS", freq="month", directed=True, engine=engine, root=root)
    assert directed["events"].sum() == i2r
    assert events.series("RUS", "IRN", freq="week", directed=True, engine=engine, root=root)["events"].sum() == r2i
    assert events.series("iso:IRN", "Russia", freq="day", engine=engine, root=root)["events"].sum() == i2r + r2i
    top = events.top("IRN", "RUS", n=3, freq="month", engine=engine, root=root)
    assert top.groupby("period").size().max() <= 3 and top["SOURCEURL"].str.startswith("http").all()


def _normalise(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for c in out.columns:
        if pd.api.types.is_integer_dtype(out[c]):
            out[c] = out[c].astype("int64")
        elif pd.api.types.is_float_dtype(out[c]):
            out[c] = out[c].astype("float64")
        else:
            out[c] = out[c].astype(object).where(out[c].notna(), None)
    return out.reset_index(drop=True)


@pytest.mark.skipif(engines.spark_missing() is not None, reason=engines.spark_missing() or "")
@pytest.mark.parametrize("freq,directed", [("day", True), ("week", False), ("month", False)])
def test_duckdb_and_spark_agree_row_for_row(freq, directed, recent_store):
    _, root = recent_store
    files = store.event_files(root)
    results = {}
    for engine in ("duckdb", "spark"):
        backend = engines.connect(engine)
        table = engines.events_table(backend, files)
        results[engine] = (_normalise(aggregate.pair_series(table, freq=freq, directed=directed).to_pandas()),
                           _normalise(aggregate.top_events(table, 630, 365, n=3, freq=freq, directed=directed).to_pandas()))
    series = results["duckdb"][0]
    assert len(series[["ccode_a", "ccode_b"]].drop_duplicates()) > 50   # all pairs, not just one
    assert len(series) > (1000 if FULL_GDELT else 100)
    pd.testing.assert_frame_equal(results["duckdb"][0], results["spark"][0], check_exact=True)
    pd.testing.assert_frame_equal(results["duckdb"][1], results["spark"][1], check_exact=True)


# --- CLI ----------------------------------------------------------------------------------------

def test_cli_events_help_and_run(tmp_path, monkeypatch):
    from entente.cli import cli

    monkeypatch.setenv("ENTENTE_HOME", str(tmp_path))
    runner = CliRunner()
    for args in (["events", "--help"], ["events", "ingest", "--help"], ["events", "series", "--help"],
                 ["events", "coverage", "--help"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert "Usage:" in result.output and len(result.output) > 200
    result = runner.invoke(cli, ["events", "ingest", "--path", str(DATA), "-f", "csv"])   # and its raw/ folder
    assert result.exit_code == 0, result.output
    assert (tmp_path / "events" / "_manifest.csv").exists()
    result = runner.invoke(cli, ["events", "series", "IRN", "RUS", "--directed", "--freq", "day", "-f", "csv"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.output))
    i2r = {r[I_ID] for p in DATA.rglob("*.export.CSV*") for r in _rows(p) if (r[I_A1], r[I_A2]) == ("IRN", "RUS")}
    assert frame["events"].sum() == len(i2r) > 12           # the slice's 12 and the bundled files' own
    result = runner.invoke(cli, ["events", "coverage", "-f", "csv"])
    assert "20250106154500.export.CSV.gz" in result.output


def test_undirected_is_both_directions_pooled(slice_store):
    """Property: per period, undirected counts and Goldstein sums = A→B + B→A (DuckDB)."""
    keys = ["period"]
    ab = events.series("IRN", "RUS", freq="day", directed=True, root=slice_store).set_index(keys)
    ba = events.series("RUS", "IRN", freq="day", directed=True, root=slice_store).set_index(keys)
    both = events.series("RUS", "IRN", freq="day", root=slice_store).set_index(keys)
    for col in ["events", "mentions", "quad1", "quad2", "quad3", "quad4", "goldstein_sum"]:
        pooled = ab[col].add(ba[col], fill_value=0)
        assert pooled.sort_index().tolist() == pytest.approx(both[col].sort_index().tolist()), col
    assert (both.reset_index()[["ccode_a", "ccode_b"]] == [365, 630]).all().all()   # ccode_a < ccode_b
