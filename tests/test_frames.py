"""Dyad-year and state-year frames: row counts, real dyad-years against their source rows, the three
pitfalls (war flags zeroed by clashing names, rivalries past the data's end, 0 past coverage), and
directed vs non-directed consistency.

Frames run on an in-memory DuckDB holding the warehouse tables under their warehouse names: copied from
the session warehouse where it has them, otherwise loaded from the snapshot parquet files (the source
modules that load them may not have landed yet). A test whose table is in neither place skips, naming
the table. Expected values are computed independently, with pandas, from the parquet files.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from entente import frames
from entente.config import snapshot_dir
from entente.errors import BadInput, SchemaError
from entente.frames._frame import has_table

FILES = {
    "cow_states": "states/cow_states.parquet", "cow_majors": "states/cow_majors.parquet",
    "gw_states": "states/gw_states.parquet", "cow_gw_years": "states/cow_gw_years.parquet",
    "atop_dyad_year": "atop/atop_dyad_year.parquet",
    "cow_alliance_dyad_year": "cow_alliance/cow_alliance_dyad_year.parquet",
    "cow_war_inter_dyad_year": "cow_war/inter_state_war_dyad_year.parquet",
    "gml_mid_dir_dyad_year": "mid/gml_mid_dir_dyad_year.parquet", "gml_mid_disputes": "mid/gml_mid_disputes.parquet",
    "cow_mid_dir_dyad_year": "mid/cow_mid_dir_dyad_year.parquet", "cow_mid_disputes": "mid/cow_mid_disputes.parquet",
    "td_rivalries": "rivalries/thompson_dreyer_rivalries.parquet", "tss_rivalries": "rivalries/tss_rivalries.parquet",
    "cow_trade_dyad_year": "trade/cow_trade_dyad_year.parquet",
    "sipri_transfers": "sipri/sipri_trade_register_1995_2024.parquet",
    "cow_nmc_state_year": "capabilities/cow_nmc_state_year.parquet", "cow_contiguity": "geo/cow_contiguity.parquet",
    "cow_capitals": "geo/cow_capitals.parquet", "cow_mindist_dyad_year": "geo/cow_mindist_dyad_year.parquet",
    "cow_igo_dyad_year": "igo/cow_igo_dyad_year.parquet",
}
STATES = ("cow_states", "cow_majors", "gw_states", "cow_gw_years")
IRN, RUS, IND, PAK = 630, 365, 750, 770
ORIGIN: dict[str, str] = {}  # table → "warehouse" or "parquet", filled by the fcon fixture


def _file(table: str) -> Path | None:
    for root in (snapshot_dir(), Path(os.environ.get("ENTENTE_SHARED_DATA", "/work/shared/data"))):
        path = root / FILES[table]
        if path.exists():
            return path
    return None


def raw(table: str) -> pd.DataFrame:
    """The source rows, read with pandas from the parquet file (independent of DuckDB and frames)."""
    path = _file(table)
    if path is None:
        pytest.skip(f"waiting on table {table}: not in the warehouse nor in the snapshot files")
    return pd.read_parquet(path)


@pytest.fixture(scope="module")
def fcon(request):
    """In-memory DuckDB with the warehouse's tables (warehouse copy first, parquet file otherwise)."""
    mem = duckdb.connect()
    try:
        wh = request.getfixturevalue("con")
    except Exception:  # noqa: BLE001 - a warehouse that cannot build: test on the files
        wh = None
    origin = {}
    for table in FILES:
        if wh is not None and has_table(wh, table):
            mem.register("_incoming", wh.table(table).to_arrow_table())
            mem.execute(f"CREATE TABLE {table} AS SELECT * FROM _incoming")
            mem.unregister("_incoming")
            origin[table] = "warehouse"
        elif _file(table) is not None:
            mem.execute(f"CREATE TABLE {table} AS SELECT * FROM read_parquet('{_file(table)}')")
            origin[table] = "parquet"
    ORIGIN.update(origin)
    return mem


def need(fcon, *tables):
    missing = [t for t in tables if not has_table(fcon, t)]
    if missing:
        pytest.skip(f"waiting on table(s) {', '.join(missing)}")


ALL = ("atop", "cow_alliance", "mids", "wars", "rivalry", "contiguity", "capital_distance", "majors", "trade",
       "minimum_distance", "igos")
STEP_TABLES = {"atop": ["atop_dyad_year"], "cow_alliance": ["cow_alliance_dyad_year"],
               "mids": ["gml_mid_dir_dyad_year"], "cow_mids": ["cow_mid_dir_dyad_year", "cow_mid_disputes"],
               "wars": ["cow_war_inter_dyad_year"], "rivalry": ["tss_rivalries"], "td_rivalry": ["td_rivalries"],
               "contiguity": ["cow_contiguity"], "capital_distance": ["cow_capitals"], "majors": ["cow_majors"],
               "trade": ["cow_trade_dyad_year"], "arms": ["sipri_transfers"],
               "minimum_distance": ["cow_mindist_dyad_year"], "igos": ["cow_igo_dyad_year"],
               "capabilities": ["cow_nmc_state_year"]}


def _available(fcon, steps):
    return tuple(s for s in steps if all(has_table(fcon, t) for t in STEP_TABLES[s]))


@pytest.fixture(scope="module")
def nd(fcon):
    """Non-directed COW frame 1816–2025 with every dataset available."""
    return frames.dyad_years("cow", add=_available(fcon, ALL), con=fcon)


@pytest.fixture(scope="module")
def dd(fcon):
    """Directed COW frame 1816–2025 with every dataset available (and MID initiation)."""
    return frames.dyad_years("cow", directed=True, add=_available(fcon, ALL), con=fcon)


def row(frame, a, b, year):
    hit = frame[(frame.ccode1 == a) & (frame.ccode2 == b) & (frame.year == year)]
    assert len(hit) == 1, f"{len(hit)} rows for ({a}, {b}, {year})"
    return hit.iloc[0]


def is_na(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


# ------------------------------------------------------------------------------- membership and rows
def _members(system: str, last: int = frames.LAST_YEAR) -> pd.DataFrame:
    """(code, year, s, e) per spell-year, computed with pandas from the parquet file."""
    if system == "cow":
        spells = raw("cow_states").rename(columns={"ccode": "code"})
    else:
        spells = raw("gw_states").rename(columns={"gwcode": "code"})
    spells = spells.assign(st=pd.to_datetime(spells.start_date), en=pd.to_datetime(spells.end_date))
    spells.loc[spells.en == spells.en.max(), "en"] = pd.Timestamp(last, 12, 31)
    rows = []
    for code, st, en in spells[["code", "st", "en"]].itertuples(index=False):
        for year in range(max(st.year, 1816), min(en.year, last) + 1):
            rows.append((code, year, max(st, pd.Timestamp(year, 1, 1)), min(en, pd.Timestamp(year, 12, 31))))
    return pd.DataFrame(rows, columns=["code", "year", "s", "e"])


def _false_pairs(spell_years: pd.DataFrame) -> pd.Series:
    """Non-directed pairs per year that were members in the same year but never on the same day."""
    full = spell_years.assign(full=(spell_years.s.dt.dayofyear == 1) & (spell_years.e.dt.month == 12)
                              & (spell_years.e.dt.day == 31)).groupby(["code", "year"]).full.any()
    partial = spell_years.merge(full[~full].reset_index()[["code", "year"]], on=["code", "year"])
    pairs = partial.merge(partial, on="year", suffixes=("1", "2"))
    pairs = pairs[pairs.code1 < pairs.code2]
    pairs = pairs.assign(overlap=np.maximum(pairs.s1, pairs.s2) <= np.minimum(pairs.e1, pairs.e2))
    ok = pairs.groupby(["code1", "code2", "year"]).overlap.any()
    return ok[~ok].reset_index().groupby("year").size()


@pytest.mark.parametrize("system", ["cow", "gw"])
@pytest.mark.parametrize("directed", [False, True])
def test_rows_per_year_are_all_pairs_of_members(fcon, system, directed):
    spell_years = _members(system)
    n = spell_years.groupby("year").code.nunique()
    expected_all = n * (n - 1) // (1 if directed else 2)
    false = _false_pairs(spell_years).reindex(n.index, fill_value=0) * (2 if directed else 1)
    for drop, expected in ((False, expected_all), (True, expected_all - false)):
        got = frames.dyad_years(system, directed=directed, con=fcon, drop_false_dyads=drop, as_arrow=True)
        counts = got.to_pandas().groupby("year").size()
        pd.testing.assert_series_equal(counts, expected.astype(counts.dtype), check_names=False, check_index_type=False)
        keys = ["ccode1", "ccode2", "year"] if system == "cow" else ["gwcode1", "gwcode2", "year"]
        assert got.num_rows == int(expected.sum())
        assert not got.to_pandas().duplicated(keys).any()
    assert false.sum() > 0  # e.g. Republic of Vietnam (left 1975-04-30) and Suriname (joined 1975-11-25)


def test_false_dyads_are_dropped(fcon):
    df = frames.dyad_years("cow", years=1975, con=fcon)
    assert not ((df.ccode1 == 817) & (df.ccode2 == 115)).any()  # RVN (817), Suriname (115)
    kept = frames.dyad_years("cow", years=1975, con=fcon, drop_false_dyads=False)
    assert ((kept.ccode1 == 115) & (kept.ccode2 == 817)).any()


def test_spells_at_the_lists_end_are_extended(fcon):
    cow, gw = raw("cow_states"), raw("gw_states")
    alive_cow = cow[pd.to_datetime(cow.end_date) == pd.to_datetime(cow.end_date).max()].ccode.nunique()
    alive_gw = gw[pd.to_datetime(gw.end_date) == pd.to_datetime(gw.end_date).max()].gwcode.nunique()
    assert (alive_cow, alive_gw) == (195, 174)  # the counts the docs give
    sy = frames.state_years("cow", years=(2016, 2030), con=fcon)
    assert sy.groupby("year").size().tolist() == [alive_cow] * 15
    assert frames.state_years("gw", years=2025, con=fcon).shape[0] == alive_gw
    inside = frames.dyad_years("cow", years=(2010, 2016), con=fcon)
    assert inside.year.max() == 2016
    assert frames.dyad_years("cow", con=fcon, lazy=True).count() == 1_126_380


def test_gw_frames_carry_cow_codes(fcon):
    sy = frames.state_years("gw", years=(1990, 1990), con=fcon).set_index("gwcode")
    assert sy.loc[260, "ccode"] == 255 and sy.loc[678, "ccode"] == 679  # end-of-year holder wins
    assert sy.loc[265, "ccode"] == 265
    dy = frames.dyad_years("gw", years=1867, con=fcon)
    usa_canada = dy[(dy.gwcode1 == 2) & (dy.gwcode2 == 20)].iloc[0]
    assert usa_canada.ccode1 == 2 and is_na(usa_canada.ccode2)  # Canada: G-W from 1867, COW from 1920
    late = frames.state_years("gw", years=2023, con=fcon).set_index("gwcode")
    assert late.loc[340, "ccode"] == 345  # carried past the crosswalk's last year (2020)


def test_gw_frame_joins_through_cow_codes(fcon):
    need(fcon, "atop_dyad_year")
    dy = frames.dyad_years("gw", years=(1942, 1942), add="atop", con=fcon)
    hit = dy[(dy.gwcode1 == 365) & (dy.gwcode2 == 630)].iloc[0]
    assert hit.atop_defense == 1
    assert dy[dy.ccode1.isna() | dy.ccode2.isna()].atop_defense.isna().all()


def test_years_argument(fcon):
    assert frames.base.parse_years((1946, 1948)) == [1946, 1947, 1948]
    assert frames.base.parse_years([2001, 1999]) == [1999, 2001]
    with pytest.raises(BadInput):
        frames.base.parse_years((1900, 1800))
    with pytest.raises(BadInput):
        frames.dyad_years("cow", years=1700, con=fcon)
    with pytest.raises(BadInput):
        frames.dyad_years("polity", con=fcon)
    assert set(frames.dyad_years("cow", years=[1900, 1950], con=fcon).year) == {1900, 1950}


# ------------------------------------------------------------------------------------------- alliances
def test_atop_iran_russia_directed_and_not(fcon, nd, dd):
    need(fcon, "atop_dyad_year")
    a = raw("atop_dyad_year")
    flags = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]
    for year in range(1920, 2019):
        there = a[(a.year == year) & a.ccode1.isin([IRN, RUS]) & a.ccode2.isin([IRN, RUS])].set_index("ccode1")
        for c in flags:
            ru = int(there.loc[RUS, c]) if RUS in there.index else 0
            ir = int(there.loc[IRN, c]) if IRN in there.index else 0
            assert row(dd, RUS, IRN, year)[c] == ru, (year, c)
            assert row(dd, IRN, RUS, year)[c] == ir, (year, c)
            assert row(nd, RUS, IRN, year)[c] == max(ru, ir), (year, c)
    assert row(dd, RUS, IRN, 1942).atop_defense == 1 and row(dd, IRN, RUS, 1942).atop_defense == 0
    for year in range(1942, 1947):
        assert row(nd, RUS, IRN, year).atop_defense == 1 and row(nd, RUS, IRN, year).atop_consul == 1
    assert row(nd, RUS, IRN, 2018).atop_neutral == 1
    for year in range(2019, 2026):
        assert all(is_na(row(nd, RUS, IRN, year)[c]) for c in flags)


def test_cow_alliance_iran_russia(fcon, nd):
    need(fcon, "cow_alliance_dyad_year")
    r = row(nd, RUS, IRN, 1925)
    assert (r.cow_defense, r.cow_neutral, r.cow_nonagg, r.cow_entente) == (1, 0, 0, 0)
    r = row(nd, RUS, IRN, 1930)
    assert (r.cow_defense, r.cow_neutral, r.cow_nonagg) == (1, 1, 1)
    assert row(nd, RUS, IRN, 1944).cow_entente == 1
    assert row(nd, RUS, IRN, 1950).cow_defense == 0
    assert is_na(row(nd, RUS, IRN, 2013).cow_defense)  # COW alliances end in 2012


# ------------------------------------------------------------------------------------------ conflict
IRAN_RUSSIA_ONSETS = [1908, 1909, 1911, 1918, 1920, 1933, 1941, 1945, 1951, 1959, 1963, 1978, 1980, 1983, 1986, 1987, 1993]


def test_mid_onsets_iran_russia(fcon, nd, dd):
    need(fcon, "gml_mid_dir_dyad_year")
    m = raw("gml_mid_dir_dyad_year")
    pair = m[(m.ccode1 == RUS) & (m.ccode2 == IRN)]
    assert sorted(pair[pair.midonset == 1].year.unique()) == IRAN_RUSSIA_ONSETS  # SOURCES.md §12
    assert pair.dispnum.nunique() == 17
    ours = nd[(nd.ccode1 == RUS) & (nd.ccode2 == IRN)]
    assert sorted(ours[ours.gmlmid_onset == 1].year) == IRAN_RUSSIA_ONSETS
    assert sorted(ours[ours.gmlmid_ongoing == 1].year) == sorted(pair.year.unique())
    assert row(nd, RUS, IRN, 1911).gmlmid_dispnum == 165 and row(nd, RUS, IRN, 1912).gmlmid_onset == 0
    assert row(nd, RUS, IRN, 1912).gmlmid_ongoing == 1
    assert row(nd, RUS, IRN, 1913).gmlmid_ongoing == 0 and is_na(row(nd, RUS, IRN, 1913).gmlmid_hostlev)
    assert row(nd, RUS, IRN, 1993).gmlmid_hostlev == 5
    for year in (2011, 2015, 2025):
        r = row(nd, RUS, IRN, year)
        assert is_na(r.gmlmid_onset) and is_na(r.gmlmid_ongoing)
    # initiation, directed only: Russia on side A in 1941 (the Anglo-Soviet invasion), Iran in 1918
    assert row(dd, RUS, IRN, 1941).gmlmid_init == 1 and row(dd, IRN, RUS, 1941).gmlmid_init == 0
    assert row(dd, IRN, RUS, 1918).gmlmid_init == 1 and row(dd, RUS, IRN, 1918).gmlmid_init == 0
    sidea = pair.set_index("year").sidea1  # 1 = Russia (ccode1 here) on side A
    for year in IRAN_RUSSIA_ONSETS:
        assert row(dd, RUS, IRN, year).gmlmid_init == int(sidea.loc[[year]].max()), year
    assert "gmlmid_init" not in nd.columns


def test_mid_whittling_matches_an_independent_reduction(fcon, nd):
    need(fcon, "gml_mid_dir_dyad_year")
    m = raw("gml_mid_dir_dyad_year")
    m = m[m.ccode1 < m.ccode2].assign(fat=lambda d: d.fatality.astype(float).where(d.fatality != -9, 0.5))
    keys = ["ccode1", "ccode2", "year"]
    counts = m.groupby(keys).size().rename("n")
    kept = m.sort_values(keys + ["midonset", "fat", "hostlev", "mindur", "recip", "stmon", "dispnum"],
                         ascending=[True] * 3 + [False] * 5 + [True] * 2).drop_duplicates(keys)
    kept = kept.merge(counts.reset_index(), on=keys)
    ours = nd[nd.gmlmid_ongoing == 1].merge(kept, on=keys, how="outer", indicator=True)
    # every dispute dyad-year of two system members is in the frame, and only those
    in_frame = ours._merge != "right_only"
    assert (ours[in_frame]._merge == "both").all()
    both = ours[ours._merge == "both"]
    assert (both.gmlmid_dispnum == both.dispnum).all()
    assert (both.gmlmid_ndisputes == both.n).all()
    assert (both.gmlmid_hostlev == both.hostlev).all()
    fr_it = row(nd, 220, 325, 1860)  # three onsets in one year (peacesciencer's example)
    assert fr_it.gmlmid_ndisputes == 3 and fr_it.gmlmid_nonsets == 3


def test_cow_mids(fcon):
    need(fcon, "cow_mid_dir_dyad_year", "cow_mid_disputes")
    df = frames.dyad_years("cow", years=(1900, 2016), add="cow_mids", con=fcon)
    ours = df[(df.ccode1 == RUS) & (df.ccode2 == IRN) & (df.cowmid_onset == 1)]
    assert ours.cowmid_dispnum.nunique() == 17  # SOURCES.md §12: the same 17 dispute numbers
    assert df[df.year == 2014].cowmid_onset.notna().all() and df[df.year == 2015].cowmid_onset.isna().all()


def test_war_dyads_india_pakistan(fcon, nd):
    need(fcon, "cow_war_inter_dyad_year")
    w = raw("cow_war_inter_dyad_year")
    wars = w[(w.ccode1 == IND) & (w.ccode2 == PAK)]
    assert set(wars[wars.cowinteronset == 1].year) == {1947, 1965, 1971, 1999}
    assert (row(nd, IND, PAK, 1965).cowinter_onset, row(nd, IND, PAK, 1965).cowinter_warnum) == (1, 166)
    assert (row(nd, IND, PAK, 1971).cowinter_onset, row(nd, IND, PAK, 1971).cowinter_warnum) == (1, 178)
    r = row(nd, IND, PAK, 1948)
    assert (r.cowinter_onset, r.cowinter_ongoing) == (0, 1)
    assert row(nd, IND, PAK, 1966).cowinter_ongoing == 0
    # coverage read from the table: 1823–2003
    assert nd[nd.year == 2003].cowinter_ongoing.notna().all() and nd[nd.year > 2003].cowinter_ongoing.isna().all()
    assert nd[nd.year < 1823].cowinter_ongoing.isna().all()


def test_war_coverage_override(fcon):
    need(fcon, "cow_war_inter_dyad_year")
    f = frames.dyad_years("cow", years=(1816, 2010), con=fcon, lazy=True)
    df = frames.add_wars(f, coverage=(1816, 2007)).df()
    assert df[df.year.between(1816, 2007)].cowinter_onset.notna().all()
    assert df[df.year > 2007].cowinter_onset.isna().all()
    with pytest.raises(BadInput):
        frames.add_wars(f, coverage=(2007, 1816))


def test_pitfall_wars_after_mids_are_not_zeroed(fcon, nd):
    """Adding wars after MIDs (both have sidea1/sidea2 upstream) must not change a single war value."""
    need(fcon, "cow_war_inter_dyad_year", "gml_mid_dir_dyad_year")
    alone = frames.dyad_years("cow", add="wars", con=fcon)
    after = frames.dyad_years("cow", add=("mids", "wars"), con=fcon)
    before = frames.dyad_years("cow", add=("wars", "mids"), con=fcon)
    cols = [c for c in alone.columns if c.startswith("cowinter_")]
    pd.testing.assert_frame_equal(alone[cols], after[cols])
    pd.testing.assert_frame_equal(alone[cols], before[cols])
    # and the war years are all there: every war dyad-year of two members, from the source rows
    w = raw("cow_war_inter_dyad_year")
    expected = w[w.ccode1 < w.ccode2][["ccode1", "ccode2", "year"]].drop_duplicates()
    expected = expected.merge(alone[["ccode1", "ccode2", "year"]], on=["ccode1", "ccode2", "year"])
    assert int(after.cowinter_ongoing.sum()) == len(expected) > 900
    with pytest.raises(SchemaError, match="already has"):
        frames.add_wars(frames.dyad_years("cow", years=1990, add="wars", con=fcon, lazy=True))


def test_rivalries_td_and_tss(fcon):
    need(fcon, "td_rivalries", "tss_rivalries")
    df = frames.dyad_years("cow", add=("td_rivalry", "rivalry"), con=fcon)
    assert row(df, IND, PAK, 1947).td_rivalry == 1 and row(df, IND, PAK, 2010).td_rivalry == 1
    assert row(df, IND, PAK, 2010).td_rivalryno == 106
    assert row(df, IND, PAK, 2010).td_positional == 1 and row(df, IND, PAK, 2010).td_ideological == 0
    assert is_na(row(df, IND, PAK, 2011).td_rivalry)  # TD ends in 2010: unknown after, not 0 and not 1
    assert row(df, IND, PAK, 2020).tss_rivalry == 1 and is_na(row(df, IND, PAK, 2021).tss_rivalry)
    # Iran–Russia's rivalry (1816–1828) predates Iran's COW membership (1855): no dyad-year carries it
    pair = df[(df.ccode1 == RUS) & (df.ccode2 == IRN)]
    assert pair.year.min() == 1855 and (pair[pair.year <= 2020].tss_rivalry == 0).all()
    usa_cuba = row(df, 2, 40, 1959)
    assert usa_cuba.tss_rivalry == 1 and usa_cuba.tss_ideological == 1 and usa_cuba.tss_spatial == 0
    # rivalry-years in the frame = the source's rivalry-years of member pairs (independent count)
    td = raw("td_rivalries")
    years = td.assign(year=[list(range(max(a, 1816), b + 1)) for a, b in zip(td.styear, td.endyear)]).explode("year")
    years = years.dropna(subset=["year"]).astype({"year": int})
    for c in ("ccode1", "ccode2"):
        years[c] = np.where((years[c] == 300) & (years.year >= 1919), 305, years[c])
    years = years.assign(c1=years[["ccode1", "ccode2"]].min(axis=1), c2=years[["ccode1", "ccode2"]].max(axis=1))
    members = df[["ccode1", "ccode2", "year"]].rename(columns={"ccode1": "c1", "ccode2": "c2"})
    expected = years[["c1", "c2", "year"]].drop_duplicates().merge(members, on=["c1", "c2", "year"])
    assert int(df.td_rivalry.sum()) == len(expected)


def test_pitfall_no_rivalry_past_coverage(fcon, nd):
    need(fcon, "tss_rivalries")
    last = int(raw("tss_rivalries").endyear.max())
    assert last == 2020
    late = nd[nd.year > last]
    assert len(late) > 0 and late.tss_rivalry.isna().all() and not (late.tss_rivalry == 1).any()
    assert nd[nd.year == last].tss_rivalry.notna().all()


PAST = {"atop": "atop_dyad_year", "cow_alliance": "cow_alliance_dyad_year", "mids": "gml_mid_dir_dyad_year",
        "wars": "cow_war_inter_dyad_year", "trade": "cow_trade_dyad_year", "minimum_distance": "cow_mindist_dyad_year",
        "igos": "cow_igo_dyad_year"}


@pytest.mark.parametrize("step", sorted(PAST))
def test_pitfall_past_coverage_is_null_not_zero(fcon, step):
    table = PAST[step]
    need(fcon, table)
    first, last = int(raw(table).year.min()), int(raw(table).year.max())
    f = frames.dyad_years("cow", years=(max(1816, first - 3), min(frames.LAST_YEAR, last + 3)), con=fcon, lazy=True)
    df = f.add(step).df()
    added = [c for c in df.columns if c not in ("ccode1", "ccode2", "year")]
    outside = df[(df.year < first) | (df.year > last)]
    assert len(outside) > 0 or first <= 1816
    assert outside[added].isna().all().all(), step
    if last < frames.LAST_YEAR:
        assert len(df[df.year > last]) > 0


def test_coverage_is_read_from_the_data(fcon):
    """Cut ATOP at 2000 and the frame follows: 2001 becomes NULL; nothing in the code says 2018."""
    need(fcon, "atop_dyad_year")
    cut = duckdb.connect()
    cut.execute(f"CREATE TABLE cow_states AS SELECT * FROM read_parquet('{_file('cow_states')}')")
    cut.register("_atop", fcon.table("atop_dyad_year").to_arrow_table())
    cut.execute("CREATE TABLE atop_dyad_year AS SELECT * FROM _atop WHERE year BETWEEN 1900 AND 2000")
    f = frames.dyad_years("cow", years=(1899, 2002), add="atop", lazy=True, con=cut)
    assert f.coverage == {"atop": (1900, 2000)}
    df = f.df()
    assert df[df.year.between(1900, 2000)].atop_defense.notna().all()
    assert df[~df.year.between(1900, 2000)].atop_defense.isna().all()


def test_past_coverage_spell_datasets(fcon, nd):
    need(fcon, "cow_contiguity", "cow_capitals", "cow_majors")
    for col, last in (("conttype", 2016), ("capdist", 2024), ("cowmaj1", 2016)):
        assert nd[nd.year == last][col].notna().all(), col
        assert nd[nd.year > last][col].isna().all(), col
    assert nd[nd.year <= 2016].conttype.notna().all()


# ----------------------------------------------------------------------------- directed vs non-directed
def test_directed_is_non_directed_twice(fcon, nd, dd):
    need(fcon, "atop_dyad_year", "gml_mid_dir_dyad_year")
    assert len(dd) == 2 * len(nd)
    keys = ["ccode1", "ccode2", "year"]
    flipped = dd.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})
    pairs = dd.merge(flipped, on=keys, suffixes=("", "_r"))
    assert len(pairs) == len(dd)  # every (a, b, y) has its (b, a, y)
    symmetric = [c for c in ("gmlmid_onset", "gmlmid_ongoing", "gmlmid_ndisputes", "gmlmid_dispnum", "gmlmid_hostlev",
                             "cowinter_onset", "cowinter_ongoing", "cowinter_warnum", "tss_rivalry", "conttype",
                             "capdist", "cow_defense", "cow_entente", "mindist", "dyadigos") if c in dd.columns]
    for c in symmetric:
        a, b = pairs[c].astype("float64"), pairs[f"{c}_r"].astype("float64")
        assert (np.isclose(a, b, rtol=0, atol=1e-6) | (a.isna() & b.isna())).all(), c
    # the non-directed row is the directed (low, high) row for symmetric data
    low = dd[dd.ccode1 < dd.ccode2].reset_index(drop=True)
    for c in symmetric:
        pd.testing.assert_series_equal(low[c], nd[c], check_names=False, check_exact=False, atol=1e-6)
    # side- and direction-specific columns swap, they do not stay equal
    for one, two in (("gmlmid_sidea1", "gmlmid_sidea2"), ("cowinter_initiator1", "cowinter_initiator2"),
                     ("cowmaj1", "cowmaj2"), ("cowtrade_flow1", "cowtrade_flow2")):
        if one in dd.columns:
            a, b = pairs[one], pairs[f"{two}_r"]
            assert ((a == b) | (a.isna() & b.isna())).all(), one
    init = pairs[pairs.gmlmid_onset == 1]
    assert (init.gmlmid_init != init.gmlmid_init_r).any()  # initiation is not symmetric
    # ATOP: the non-directed flag is the maximum of both directions, and ATOP is asymmetric
    assert (pairs.atop_defense != pairs.atop_defense_r).any()
    mx = low.merge(pairs[keys + ["atop_defense_r"]], on=keys)
    expected = np.maximum(mx.atop_defense.astype("float"), mx.atop_defense_r.astype("float"))
    assert np.array_equal(nd.atop_defense.astype("float").fillna(-1).to_numpy(), expected.fillna(-1).to_numpy())


# ------------------------------------------------------------------------------ geography and economy
def test_contiguity_and_capital_distance_iran_russia(fcon, nd):
    need(fcon, "cow_contiguity", "cow_capitals")
    assert row(nd, RUS, IRN, 1911).conttype == 1
    caps = raw("cow_capitals")

    def haversine(a, b):  # independent: haversine on the same sphere
        (la1, lo1), (la2, lo2) = a, b
        p1, p2, dp, dl = map(math.radians, (la1, la2, la2 - la1, lo2 - lo1))
        h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        return 2 * 6378.137 * math.asin(math.sqrt(h))

    def capital(ccode, name):
        hit = caps[(caps.ccode == ccode) & (caps.capital == name)].iloc[0]
        return hit.lat, hit.lng

    tehran = caps[caps.ccode == IRN].iloc[0]
    tehran = (tehran.lat, tehran.lng)
    assert row(nd, RUS, IRN, 1918).capdist == pytest.approx(haversine(capital(RUS, "Saint Petersburg"), tehran), abs=1e-6)
    assert row(nd, RUS, IRN, 1919).capdist == pytest.approx(haversine(capital(RUS, "Moscow"), tehran), abs=1e-6)
    assert 2400 < row(nd, RUS, IRN, 2024).capdist < 2500 and is_na(row(nd, RUS, IRN, 2025).capdist)


def test_major_powers(fcon):
    need(fcon, "cow_majors")
    df = frames.dyad_years("cow", years=(1897, 2018), add="majors", con=fcon)
    assert row(df, 2, 200, 1897).cowmaj1 == 0 and row(df, 2, 200, 1898).cowmaj1 == 1  # USA from 13 August 1898
    assert row(df, 2, 200, 1898).cowmaj2 == 1 and row(df, 2, 20, 1950).cowmaj2 == 0
    assert is_na(row(df, 2, 200, 2017).cowmaj1)  # COW's list ends in 2016
    ext = frames.add_major_powers(frames.dyad_years("cow", years=(2015, 2018), con=fcon, lazy=True), extend=True).df()
    assert row(ext, 2, 200, 2018).cowmaj1 == 1 and row(ext, 2, 20, 2018).cowmaj2 == 0
    sy = frames.state_years("cow", years=1945, add="majors", con=fcon).set_index("ccode")
    assert sy.loc[220, "cowmaj"] == 1 and sy.loc[255, "cowmaj"] == 1 and sy.loc[630, "cowmaj"] == 0


def test_trade_keeps_direction(fcon, nd, dd):
    need(fcon, "cow_trade_dyad_year")
    assert row(dd, IRN, RUS, 1992).cowtrade_flow1 == 258  # Iran's imports from Russia (SOURCES.md §12)
    assert row(dd, RUS, IRN, 1992).cowtrade_flow2 == 258
    assert row(nd, RUS, IRN, 2011).cowtrade_flow2 == 3599 and row(nd, RUS, IRN, 2011).cowtrade_flow1 == 342
    assert is_na(row(nd, RUS, IRN, 2015).cowtrade_flow1)  # data end 2014
    assert is_na(row(nd, RUS, IRN, 1869).cowtrade_flow1)  # data start 1870


def test_arms_transfers(fcon):
    need(fcon, "sipri_transfers")
    df = frames.dyad_years("cow", directed=True, years=(1994, 2025), add="arms", con=fcon)
    pair = df[(df.ccode1 == RUS) & (df.ccode2 == IRN)]
    assert pair.sipri_tiv_1to2.sum() == pytest.approx(3119.21, abs=0.01)
    assert pair[pair.year.between(2022, 2024)].sipri_tiv_2to1.sum() == pytest.approx(493.0)
    assert is_na(row(df, RUS, IRN, 1994).sipri_tiv_1to2) and is_na(row(df, RUS, IRN, 2025).sipri_tiv_1to2)
    assert row(df, RUS, IRN, 1995).sipri_tiv_2to1 == 0


def test_igos_and_minimum_distance(fcon, nd):
    need(fcon, "cow_igo_dyad_year", "cow_mindist_dyad_year")
    assert row(nd, RUS, IRN, 2014).dyadigos == 39 and is_na(row(nd, RUS, IRN, 2015).dyadigos)
    assert row(nd, RUS, IRN, 1990).mindist == 0 and is_na(row(nd, RUS, IRN, 1885).mindist)


def test_state_years(fcon):
    need(fcon, "cow_nmc_state_year", "cow_contiguity", "tss_rivalries", "cow_majors")
    sy = frames.state_years("cow", add=("capabilities", "majors", "contiguity", "rivalry"), con=fcon)
    n = _members("cow").groupby("year").code.nunique()
    pd.testing.assert_series_equal(sy.groupby("year").size(), n, check_names=False, check_dtype=False, check_index_type=False)
    nmc = raw("cow_nmc_state_year").set_index(["ccode", "year"])
    r = sy[(sy.ccode == IRN) & (sy.year == 2000)].iloc[0]
    assert r.cinc == pytest.approx(nmc.loc[(IRN, 2000), "cinc"])
    assert sy[sy.year > 2022].cinc.isna().all()
    assert r.cont_land > 0 and r.tss_nrivalries >= 1
    dy = frames.dyad_years("cow", years=2000, add="capabilities", con=fcon)
    assert row(dy, RUS, IRN, 2000).cinc2 == pytest.approx(nmc.loc[(IRN, 2000), "cinc"])


# --------------------------------------------------------------------------------- API shapes and errors
def test_steps_take_your_own_frames(fcon):
    need(fcon, "atop_dyad_year")
    mine = pd.DataFrame({"ccode1": [630, 365, 2], "ccode2": [365, 630, 20], "year": [1942, 1942, 2030], "x": [1, 2, 3]})
    out = frames.add_atop(mine, con=fcon)
    assert isinstance(out, pd.DataFrame) and list(out.x) == [1, 2, 3]  # input order and columns kept
    assert list(out.atop_defense.iloc[:2]) == [0, 1]  # has ccode1 > ccode2: directed
    assert is_na(out.atop_defense.iloc[2])
    nd_mine = mine[mine.ccode1 < mine.ccode2]
    assert frames.add_atop(nd_mine, con=fcon).atop_defense.iloc[0] == 1  # non-directed: either way


def test_lazy_frame_parquet_and_relation(fcon, tmp_path):
    need(fcon, "atop_dyad_year", "gml_mid_dir_dyad_year")
    f = frames.dyad_years("cow", directed=True, years=(1990, 1992), lazy=True, con=fcon).add("atop", "mids")
    assert "atop 1815–2018" in repr(f) and f.coverage["atop"] == (1815, 2018)
    rows = f.to_parquet(tmp_path / "f.parquet")
    back = pd.read_parquet(tmp_path / "f.parquet")
    df = f.df()
    assert rows == len(back) == len(df) == f.count()
    pd.testing.assert_frame_equal(back, df, check_dtype=False)
    assert f.arrow().num_rows == len(df) and len(f.relation().df()) == len(df)


def test_missing_table_is_a_clear_error():
    empty = duckdb.connect()
    with pytest.raises(frames.MissingTable, match="cow_states"):
        frames.dyad_years("cow", con=empty)
    mem = duckdb.connect()
    mem.execute(f"CREATE TABLE cow_states AS SELECT * FROM read_parquet('{_file('cow_states')}')")
    with pytest.raises(frames.MissingTable, match="atop_dyad_year"):
        frames.dyad_years("cow", years=2000, add="atop", con=mem)
    with pytest.raises(BadInput, match="Unknown add step"):
        frames.dyad_years("cow", years=2000, add="polity", con=mem)


def test_runs_on_the_read_only_warehouse(con, tmp_path):
    """The real path: the warehouse's read-only connection, steps whose tables it already has."""
    steps = [s for s in ("atop", "mids", "rivalry", "contiguity") if all(has_table(con, t) for t in STEP_TABLES[s])]
    f = frames.dyad_years("cow", years=(2000, 2001), add=steps, lazy=True, con=con)
    assert f.to_parquet(tmp_path / "w.parquet") == len(f.df()) == len(pd.read_parquet(tmp_path / "w.parquet")) > 30_000
    mine = pd.DataFrame({"ccode1": [365], "ccode2": [630], "year": [2001]})
    if "atop" in steps:
        assert frames.add_atop(mine, con=con).atop_neutral.iloc[0] == 1


def test_frames_public_api():
    assert set(frames.__all__) >= {"dyad_years", "state_years", "add_atop", "add_cow_alliance", "add_mids", "add_wars",
                                   "add_rivalries", "add_contiguity", "add_capital_distance", "add_major_powers",
                                   "add_trade", "add_arms", "add_minimum_distance", "add_igos", "add_capabilities"}
    for name in frames.__all__:
        obj = getattr(frames, name)
        if callable(obj) and name.startswith(("add_", "dyad_", "state_")):
            assert "Miller" in obj.__doc__ or "Reference" in obj.__doc__ or "peacesciencer" in obj.__doc__, name


# ---------------------------------------------------------------------------------------------- CLI
def test_cli_frame_dyad_years(fcon, tmp_path, monkeypatch):
    need(fcon, "atop_dyad_year", "gml_mid_dir_dyad_year", "tss_rivalries")
    from click.testing import CliRunner

    from entente import warehouse
    from entente.cli import cli

    monkeypatch.setattr(warehouse, "connection", lambda: fcon)
    runner = CliRunner()
    out = tmp_path / "f.parquet"
    result = runner.invoke(cli, ["frame", "dyad-years", "--system", "cow", "--from", "1990", "--to", "1991",
                                 "--add", "atop,mids,rivalry", "--format", "parquet", "--out", str(out)])
    assert result.exit_code == 0, result.output
    df = pd.read_parquet(out)
    assert {"atop_defense", "gmlmid_onset", "tss_rivalry"} <= set(df.columns)
    assert len(df) == frames.dyad_years("cow", years=(1990, 1991), con=fcon, lazy=True).count()
    result = runner.invoke(cli, ["frame", "dyad-years", "--from", "1942", "--to", "1942", "--directed", "--add", "atop",
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "ccode1,ccode2,year,atop_defense" in result.output.splitlines()[0]
    result = runner.invoke(cli, ["frame", "state-years", "--system", "gw", "--from", "2020", "--to", "2020",
                                 "--format", "json"])
    assert result.exit_code == 0 and '"gwcode"' in result.output
    result = runner.invoke(cli, ["frame", "dyad-years", "--add", "polity", "--from", "2000", "--to", "2000"])
    assert result.exit_code != 0 and "Unknown add step" in result.output
    assert "--add" in runner.invoke(cli, ["frame", "dyad-years", "--help"]).output
