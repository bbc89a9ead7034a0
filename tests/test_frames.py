"""Dyad-year and state-year frames: row counts, real dyad-years against their source rows, the three
pitfalls (war flags zeroed by clashing names, rivalries past the data's end, 0 past coverage), and
directed vs non-directed consistency.

Frames run on an in-memory DuckDB holding the warehouse tables under their warehouse names, copied from
the session warehouse, which is built from the bundled snapshot: a test whose table the warehouse lacks
fails. Only tables the snapshot cannot ship (SIPRI) are read from the curated files beside the
repository, and their tests skip when those are absent (frames_support.py). Expected values are
computed independently, with pandas, from the parquet files.
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
from entente.warehouse import has_table

from frames_support import *  # noqa: F401,F403  (fixtures fcon, nd, dd and helpers)
from frames_support import _available, _false_pairs, _file, _members  # noqa: F401

# ------------------------------------------------------------------------------- membership and rows
@pytest.mark.slow
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
@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
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


def test_a_resumed_war_is_one_war_with_its_first_episode(fcon):
    """Prussia (255)–Denmark (390) 1864, war 46: the table has two rows for the dyad-year (the war and
    its resumption); the frame keeps the first (the one with the outcome) and counts one war."""
    need(fcon, "cow_war_inter_dyad_year")
    w = raw("cow_war_inter_dyad_year")
    both = w[(w.ccode1 == 255) & (w.ccode2 == 390) & (w.year == 1864)]
    assert len(both) == 2 and set(both.warnum) == {46} and sorted(both.resume.fillna(0)) == [0, 1]
    for directed in (False, True):
        df = frames.dyad_years("cow", directed=directed, years=(1864, 1864), add=["wars"], con=fcon)
        r = row(df, 255, 390, 1864)
        assert (r.cowinter_nwars, r.cowinter_warnum, r.cowinter_resume, r.cowinter_outcome1) == (1, 46, 0, 1)


def test_war_coverage_override(fcon):
    need(fcon, "cow_war_inter_dyad_year")
    f = frames.dyad_years("cow", years=(1816, 2010), con=fcon, lazy=True)
    df = frames.add_wars(f, coverage=(1816, 2007)).df()
    assert df[df.year.between(1816, 2007)].cowinter_onset.notna().all()
    assert df[df.year > 2007].cowinter_onset.isna().all()
    with pytest.raises(BadInput):
        frames.add_wars(f, coverage=(2007, 1816))


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
def test_past_coverage_spell_datasets(fcon, nd):
    need(fcon, "cow_contiguity", "cow_capitals", "cow_majors")
    for col, last in (("conttype", 2016), ("capdist", 2024), ("cowmaj1", 2016)):
        assert nd[nd.year == last][col].notna().all(), col
        assert nd[nd.year > last][col].isna().all(), col
    assert nd[nd.year <= 2016].conttype.notna().all()


# ------------------------------------------------------------------------ fast path (numpy) vs SQL path
FAST_STEPS = ("atop", "cow_alliance", "mids", "cow_mids", "wars", "rivalry", "td_rivalry", "contiguity",
              "capital_distance", "majors", "minimum_distance", "igos", "capabilities")


def _same_both_ways(frame):
    """The fast path (engine="numpy") and the SQL path give the same table: schema, every value, every NULL,
    in the same order, as Arrow and as pandas (both dtype backends)."""
    fast, sql = frame.arrow(engine="numpy"), frame.arrow(engine="sql")
    assert fast.schema.equals(sql.schema), (fast.schema, sql.schema)
    assert fast.num_rows == sql.num_rows
    for name in sql.column_names:
        assert fast.column(name).equals(sql.column(name)), name
    pd.testing.assert_frame_equal(frame.df(engine="numpy"), frame.df(engine="sql"))
    pd.testing.assert_frame_equal(frame.df("pyarrow", engine="numpy"), frame.df("pyarrow", engine="sql"))
    return fast


@pytest.mark.slow
@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("years", [(1816, 1830), (1938, 1946), 1975, [1816, 1900, 1991, 2017, 2025], (2012, 2030)])
def test_fast_path_equals_sql_path(fcon, directed, years):
    """Every step the fast path builds, on slices that cross the datasets' first and last years, wars,
    false dyads (1975), the lists' end (2016/2017) and years past the default last one."""
    steps = _available(fcon, FAST_STEPS)
    frame = frames.dyad_years("cow", directed=directed, years=years, add=steps, con=fcon, lazy=True)
    table = _same_both_ways(frame)
    assert table.num_rows > 0 and table.num_columns == len(frame.columns) > 3 + len(steps)


@pytest.mark.slow
def test_fast_path_full_frame_and_options(fcon):
    """The benchmark's frame in full, false dyads kept, coverage overridden, majors extended."""
    need(fcon, "atop_dyad_year", "gml_mid_dir_dyad_year", "tss_rivalries", "cow_contiguity", "cow_capitals",
         "cow_majors")
    full = frames.dyad_years("cow", add=("atop", "mids", "rivalry", "contiguity", "capital_distance", "majors"),
                             con=fcon, lazy=True)
    assert _same_both_ways(full).num_rows == 1_126_380
    kept = frames.dyad_years("cow", years=(1970, 1980), drop_false_dyads=False, add=("atop", "majors"), con=fcon,
                             lazy=True)
    assert _same_both_ways(kept).num_rows > frames.dyad_years("cow", years=(1970, 1980), con=fcon, lazy=True).count()
    f = frames.dyad_years("cow", years=(1940, 1970), con=fcon, lazy=True)
    f = frames.add_mids(frames.add_atop(f, coverage=(1950, 1960)), coverage=(1800, 2100))
    f = frames.add_major_powers(f, extend=True)
    _same_both_ways(f)
    _same_both_ways(frames.dyad_years("cow", years=(1900, 1910), con=fcon, lazy=True))  # no steps


@pytest.mark.slow
def test_fast_path_steps_sharing_a_coverage(fcon):
    """Columns with the same validity share one Arrow bitmap; steps with the same coverage but different
    matched rows must not (a bitmap keyed by a freed array's id once gave one step another's NULLs)."""
    need(fcon, "cow_igo_dyad_year", "cow_mindist_dyad_year", "gml_mid_dir_dyad_year")
    for _ in range(5):
        f = frames.dyad_years("cow", years=(1985, 1995), con=fcon, lazy=True)
        f = frames.add_mids(frames.add_minimum_distance(frames.add_igos(f, coverage=(1988, 1992)),
                                                        coverage=(1988, 1992)), coverage=(1988, 1992))
        assert f.arrow(engine="numpy").equals(f.arrow(engine="sql"))


@pytest.mark.slow
def test_fast_path_is_used_when_it_can(fcon, monkeypatch):
    """engine="auto" builds a COW frame without running the SQL query; G-W frames, frames you bring and
    steps reading the frame's own codes (trade, arms) run as SQL, and engine="numpy" says why."""
    from entente.frames.engines import numpy as _fast
    from entente.frames.plan import Frame

    need(fcon, "atop_dyad_year")
    frame = frames.dyad_years("cow", years=(1990, 1991), add=_available(fcon, FAST_STEPS), con=fcon, lazy=True)
    assert _fast.unsupported(frame) is None
    sql = frame.arrow(engine="sql")
    monkeypatch.setattr(Frame, "_run", lambda self, action: pytest.fail("the SQL path ran"))
    assert frame.arrow().equals(sql) and len(frame.df()) == sql.num_rows
    monkeypatch.undo()
    gw = frames.dyad_years("gw", years=1990, con=fcon, lazy=True)
    assert "COW" in _fast.unsupported(gw)
    with pytest.raises(BadInput, match="engine='numpy'"):
        gw.arrow(engine="numpy")
    mine = frames.add_atop(pd.DataFrame({"ccode1": [2], "ccode2": [20], "year": [1990]}), con=fcon)
    assert mine.atop_defense.iloc[0] == 1
    if has_table(fcon, "cow_trade_dyad_year"):
        trade = frames.dyad_years("cow", years=1990, add="trade", con=fcon, lazy=True)
        assert "own columns" in _fast.unsupported(trade)
        assert frames.dyad_years("cow", years=1990, add="trade", con=fcon).equals(trade.df(engine="sql"))
    with pytest.raises(BadInput, match="engine='fast'"):
        frame.arrow(engine="fast")


def test_fast_path_hands_over_when_data_break_its_assumptions(fcon, monkeypatch):
    """A dataset not unique on its keys (the SQL path repeats the frame row) or too many distinct state
    rows for a two-state column: the fast path declines and the result is the SQL path's."""
    from entente.frames.engines import numpy as _fast
    from entente.frames.plan import EXACT, attach

    need(fcon, "cow_capitals")
    base = frames.dyad_years("cow", years=(1949, 1950), con=fcon, lazy=True)
    twice = attach(base, "twice", (1816, 2025), "SELECT 2 AS ccode1, 20 AS ccode2, 1950 AS year, 1 AS x "
                   "UNION ALL SELECT 2, 20, 1950, 2", EXACT, [("x", "r.x")], [])
    assert _fast.arrow(twice) is None
    out = twice.arrow().to_pandas()  # the SQL path's (the order of the two copies is DuckDB's)
    assert len(out) == base.count() + 1
    assert sorted(out[(out.ccode1 == 2) & (out.ccode2 == 20) & (out.year == 1950)].x) == [1, 2]
    assert out.x.notna().sum() == 2
    capdist = frames.dyad_years("cow", years=1950, add="capital_distance", con=fcon, lazy=True)
    monkeypatch.setattr(_fast, "MAX_STATE_TUPLES", 2)
    assert _fast.arrow(capdist) is None
    assert capdist.arrow().equals(capdist.arrow(engine="sql"))


def test_fast_path_on_temporary_tables(fcon):
    """The DuckDB jobs run on cursors, which do not see the connection's TEMP tables: those jobs run
    again on the connection itself, and the result is still the SQL path's."""
    need(fcon, "atop_dyad_year", "cow_majors")
    temp = duckdb.connect()
    for table in ("cow_states", "atop_dyad_year", "cow_majors"):
        temp.register("_incoming", fcon.table(table).to_arrow_table())
        temp.execute(f"CREATE TEMP TABLE {table} AS SELECT * FROM _incoming")
        temp.unregister("_incoming")
    with pytest.raises(duckdb.CatalogException):
        temp.cursor().sql("SELECT count(*) FROM cow_states").fetchall()
    frame = frames.dyad_years("cow", years=(1940, 1946), add=("atop", "majors"), con=temp, lazy=True)
    assert _same_both_ways(frame).num_rows > 9_000
