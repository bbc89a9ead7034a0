"""Axis cohesion on the real warehouse: face validity, an independent pandas check, determinism, the CLI."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from entente import network
from entente.cli import cli
from entente.errors import BadInput
from entente.network.axis import baseline_draws

RUS, IRN, CHN, SYR, PRK = 365, 630, 710, 652, 731


def test_regions():
    assert [network.region(c) for c in (2, 165, 200, 365, 402, 626, 630, 651, 698, 700, 710, 990)] == [
        "Americas", "Americas", "Europe", "Europe", "Africa", "Africa", "Middle East", "Middle East",
        "Middle East", "Asia", "Asia", "Asia"]


def test_russia_iran_china_syria_cohere_after_2011(con):
    frame = network.axis([RUS, IRN, CHN, SYR], 2012, 2020, con=con)
    assert list(frame["year"]) == list(range(2012, 2021))
    assert frame["above_90"].mean() >= 0.8
    assert (frame["kappa"] > frame["base_hi"]).mean() >= 0.8
    assert (frame["base_lo"] < frame["base_mean"]).all() and (frame["base_mean"] < frame["base_hi"]).all()
    assert frame.attrs["mix"] == {"Asia": 1, "Europe": 1, "Middle East": 2}


def test_within_group_alignment_matches_pandas(con):
    frame = network.axis([RUS, IRN, CHN, SYR], 2012, 2016, con=con)
    rows = con.execute("SELECT year, ccode1, ccode2, n_votes, kappa, agree FROM m_unga_alignment_dyad_year "
                       "WHERE year BETWEEN 2012 AND 2016").df()
    members = {RUS, IRN, CHN, SYR}
    inside = rows[rows["ccode1"].isin(members) & rows["ccode2"].isin(members) & (rows["n_votes"] >= 10)]
    expected = inside.groupby("year")[["kappa", "agree"]].mean()
    assert (inside.groupby("year").size() == 6).all()
    np.testing.assert_allclose(frame.set_index("year")["kappa"], expected["kappa"])
    np.testing.assert_allclose(frame.set_index("year")["agree"], expected["agree"])


def test_defence_ties_from_atop(con):
    frame = network.axis(["RUS", "IRN", "CHN", "PRK"], 1990, con=con)
    ties = frame.attrs["ties"]
    defence = ties[(ties["obligation"] == "defence") & (ties["dataset"] == "atop")]
    assert set(defence.loc[defence["year"] == 2010, ["ccode1", "ccode2"]].itertuples(index=False, name=None)) == {
        (CHN, PRK)}
    assert defence.loc[(defence["ccode1"] == CHN) & (defence["ccode2"] == PRK), "year"].max() == 2018
    trio = {RUS, IRN, CHN}
    assert not (defence["ccode1"].isin(trio) & defence["ccode2"].isin(trio)).any()
    by_year = frame.set_index("year")
    assert by_year.loc[2010, "atop_defense"] == 1 and by_year.loc[2010, "defence_ties"] == "CHN–PRK"
    assert pd.isna(by_year.loc[2020, "atop_defense"])            # ATOP ends in 2018: missing, not none
    assert "USA" in by_year.loc[2005, "shared_adversaries"].split(", ")


def test_baseline_keeps_the_region_mix():
    """κ = 1 within a region and 0 across: every group of two Europeans and two Asians has mean κ 1/3."""
    regions = np.array(["Europe"] * 6 + ["Asia"] * 5 + ["Africa"] * 7)
    kappa = (regions[:, None] == regions[None, :]).astype(float)
    np.fill_diagonal(kappa, np.nan)
    draws = baseline_draws(kappa, regions, {"Europe": 2, "Asia": 2}, draws=500, rng=np.random.default_rng(1))
    np.testing.assert_allclose(draws, 1 / 3)


def test_baseline_matches_per_draw_loop(con):
    """The vectorised gather gives the same means as a per-draw loop over the same groups."""
    rows = con.execute("SELECT ccode1, ccode2, kappa FROM m_unga_alignment_dyad_year WHERE year = 2015 "
                       "AND n_votes >= 10").df()
    nodes = np.unique(np.concatenate([rows["ccode1"], rows["ccode2"]]))
    lookup = {(a, b): k for a, b, k in zip(rows["ccode1"], rows["ccode2"], rows["kappa"])}
    kappa = np.full((len(nodes), len(nodes)), np.nan)
    for (a, b), k in lookup.items():
        i, j = np.searchsorted(nodes, [a, b])
        kappa[i, j] = kappa[j, i] = k
    regions = np.array([network.region(c) for c in nodes])
    mix = {"Europe": 1, "Middle East": 2, "Asia": 1}
    fast = baseline_draws(kappa, regions, mix, draws=50, rng=np.random.default_rng(7))
    rng = np.random.default_rng(7)  # replay the draws: same generator, same order of calls
    groups = [np.flatnonzero(regions == r)[rng.random((50, (regions == r).sum())).argsort(axis=1)[:, :k]]
              for r, k in mix.items()]
    for d in range(50):
        members = [nodes[i] for g in groups for i in g[d]]
        values = [lookup[tuple(sorted(p))] for p in itertools.combinations(members, 2) if tuple(sorted(p)) in lookup]
        assert fast[d] == pytest.approx(np.mean(values))


def test_axis_deterministic(con):
    first = network.axis(["RUS", "IRN", "CHN"], 2015, 2017, con=con)
    second = network.axis(["RUS", "IRN", "CHN"], 2015, 2017, con=con)
    pd.testing.assert_frame_equal(first, second)
    # one random stream per year: a year's numbers do not depend on the range asked
    alone = network.axis(["RUS", "IRN", "CHN"], 2016, 2016, con=con)
    assert alone["percentile"].iat[0] == first.loc[first["year"] == 2016, "percentile"].iat[0]
    other = network.axis(["RUS", "IRN", "CHN"], 2015, 2017, seed=1, con=con)
    assert not np.allclose(other["base_mean"], first["base_mean"])


def test_axis_bad_input(con):
    with pytest.raises(BadInput):
        network.axis(["RUS"], 2015, con=con)
    with pytest.raises(BadInput):
        network.axis(["RUS", "IRN"], 2015, 2010, con=con)


def test_cli_axis():
    runner = CliRunner()
    result = runner.invoke(cli, ["axis", "RUS", "IRN", "CHN", "PRK", "--from", "2010", "--to", "2012", "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["year"] for r in rows] == [2010, 2011, 2012] and all(r["defence_ties"] == "CHN–PRK" for r in rows)
    result = runner.invoke(cli, ["axis", "RUS", "IRN", "CHN", "PRK", "--ties", "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert "710,731,atop,defence,1990,2018" in result.output
    assert "Examples" in runner.invoke(cli, ["axis", "--help"]).output
