"""Dyad-year frames, continued: directed vs non-directed consistency, geography and economy steps,
API shapes and errors, and the CLI. Fixtures and helpers: frames_support.py."""

from __future__ import annotations

import itertools
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
from frames_support import _false_pairs, _file, _members  # noqa: F401


# ------------------------------------------------------------------------- peacesciencer's published counts
@pytest.mark.parametrize("system, published", [("cow", 2_025_840), ("gw", 1_999_558)])
def test_row_counts_match_peacesciencers_published_frames(fcon, system, published):
    """peacesciencer documents its shipped directed frames: ``cow_ddy`` "a data frame with 2025840
    observations" (R/rd-cow_ddy.R) and ``gw_ddy`` "1999558 observations" (R/rd-gw_ddy.R), both made by
    its create_dyadyears() of 2020: system members extended to 2019, no false-dyad removal. The same
    settings here give the same counts; entente's default (false dyads dropped) is 60 / 38 rows fewer."""
    kept = frames.dyad_years(system, directed=True, years=(1816, 2019), con=fcon, drop_false_dyads=False, lazy=True)
    assert kept.count() == published
    dropped = frames.dyad_years(system, directed=True, years=(1816, 2019), con=fcon, lazy=True)
    assert published - dropped.count() == {"cow": 60, "gw": 38}[system]
    undirected = frames.dyad_years(system, directed=False, years=(1816, 2019), con=fcon, drop_false_dyads=False,
                                   lazy=True)
    assert 2 * undirected.count() == published


# ----------------------------------------------------------------------------- directed vs non-directed
@pytest.mark.slow
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
@pytest.mark.slow
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


@pytest.mark.slow
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
    if ORIGIN.get("sipri_transfers") == "written":
        # upstream_formats.SIPRI_ROWS, by hand: Russia → Iran 40 (1996) + 20 (1997) + 25.5 (2016); Iran → Russia
        # 10 (2022) + 30 (2023); deliveries span 1996–2023, so 1995 and 2024 are unknown, 1996 a real 0 back
        assert pair.sipri_tiv_1to2.sum() == pytest.approx(85.5)
        assert row(df, RUS, IRN, 2016).sipri_tiv_1to2 == pytest.approx(25.5)
        assert pair[pair.year.between(2022, 2024)].sipri_tiv_2to1.sum() == pytest.approx(40.0)
        assert row(df, IRN, RUS, 2023).sipri_tiv_1to2 == pytest.approx(30.0)
        assert is_na(row(df, RUS, IRN, 1995).sipri_tiv_1to2) and is_na(row(df, RUS, IRN, 2024).sipri_tiv_1to2)
        assert row(df, RUS, IRN, 1996).sipri_tiv_2to1 == 0
        return
    assert pair.sipri_tiv_1to2.sum() == pytest.approx(3119.21, abs=0.01)
    assert pair[pair.year.between(2022, 2024)].sipri_tiv_2to1.sum() == pytest.approx(493.0)
    assert is_na(row(df, RUS, IRN, 1994).sipri_tiv_1to2) and is_na(row(df, RUS, IRN, 2025).sipri_tiv_1to2)
    assert row(df, RUS, IRN, 1995).sipri_tiv_2to1 == 0


@pytest.mark.slow
def test_igos_and_minimum_distance(fcon, nd):
    need(fcon, "cow_igo_dyad_year", "cow_mindist_dyad_year")
    assert row(nd, RUS, IRN, 2014).dyadigos == 39 and is_na(row(nd, RUS, IRN, 2015).dyadigos)
    assert row(nd, RUS, IRN, 1990).mindist == 0 and is_na(row(nd, RUS, IRN, 1885).mindist)


def test_state_years(fcon):
    need(fcon, "cow_nmc_state_year", "cow_contiguity", "tss_rivalries", "cow_majors")
    sy = frames.state_years("cow", add=("capabilities", "majors", "contiguity", "rivalry"), con=fcon)
    n = _members("cow").groupby("year").code.nunique()
    sizes = sy.groupby("year").size()
    sizes.index = sizes.index.astype("int64")     # pandas 3 compares an Int16 index with int64 by value and type
    pd.testing.assert_series_equal(sizes, n, check_names=False, check_dtype=False, check_index_type=False)
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


@pytest.mark.parametrize("command, unit", [("dyad-years", "dyad_year"), ("state-years", "state_year")])
def test_cli_help_lists_every_registered_step(command, unit):
    """The help's table of steps and its --add choices are the registry's: every registered step that takes
    the command's unit is listed with its description, and nothing else is."""
    import re

    from click.testing import CliRunner

    from entente.cli import cli
    from entente.frames._registry import INFO, STEPS, resolve_step

    out = CliRunner().invoke(cli, ["frame", command, "--help"], terminal_width=200).output
    table = out.split("per --add step:\n", 1)[1].splitlines()
    rows = [re.match(r"^    (\w+)\s{2,}(\S.*)$", line) for line in table]
    listed = {m.group(1): m.group(2) for m in itertools.takewhile(bool, rows)}
    expected = {name: info.describe(unit) for name, info in INFO.items() if unit in info.units}
    assert listed == expected
    assert all(resolve_step(name) == name for name in listed)  # vice versa: every name listed is a step
    if unit == "dyad_year":
        assert set(listed) == set(STEPS) >= {"igos", "minimum_distance", "capabilities"}
    else:
        assert {"capabilities", "majors", "contiguity", "rivalry", "td_rivalry"} <= set(listed) < set(STEPS)
    add = re.sub(r"\s+", " ", out.split("--add TEXT", 1)[1].split("\n  -", 1)[0])  # to the next option
    assert re.findall(r"(\w+)[,.]", add.split(":", 1)[1]) == list(expected)


def test_a_missing_bundled_table_fails_and_an_outside_one_skips(tmp_path, monkeypatch):
    """The warehouse is built from the bundled snapshot, so a test missing one of its tables fails; a table
    the snapshot cannot ship (SIPRI) skips when the curated files beside the repository are not there."""
    empty = duckdb.connect()
    with pytest.raises(pytest.fail.Exception, match="atop_dyad_year"):
        need(empty, "atop_dyad_year")
    monkeypatch.setenv("ENTENTE_SHARED_DATA", str(tmp_path))
    with pytest.raises(pytest.skip.Exception, match="sipri_transfers"):
        need(empty, "sipri_transfers")
    with pytest.raises(pytest.skip.Exception, match="ENTENTE_SHARED_DATA"):
        raw("sipri_transfers")


def test_pyarrow_dtype_backend_holds_the_same_values(fcon):
    nullable = frames.dyad_years("cow", years=(1990, 1995), add=("atop", "mids"), con=fcon)
    arrow = frames.dyad_years("cow", years=(1990, 1995), add=("atop", "mids"), con=fcon, dtype_backend="pyarrow")
    assert all(isinstance(t, pd.ArrowDtype) for t in arrow.dtypes)
    assert list(arrow.columns) == list(nullable.columns)
    for column in nullable.columns:   # same values, NULL where NULL
        a, b = nullable[column].astype("float64"), arrow[column].astype("float64")
        assert (a.isna() == b.isna()).all() and (a.dropna() == b.dropna()).all(), column
    with pytest.raises(BadInput, match="dtype_backend='numpy'"):
        frames.dyad_years("cow", years=1990, con=fcon, dtype_backend="numpy")
