"""Trend: change points against exhaustive and independent searches on real series, the decade slope
against numpy/scipy, the composite index against hand standardisation, and weight parsing errors."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import ruptures as rpt
from scipy import stats

from entente.pair import alignment
from entente.errors import BadInput
from entente.measures import trend as T
from entente.pair.trend import series, trend


# ------------------------------------------------------------------------------ independent searches
def _ssr(prefix, prefix2, s, e):
    n = e - s
    total = prefix[e] - prefix[s]
    return (prefix2[e] - prefix2[s]) - total * total / n


def _sums(values):
    x = np.asarray(values, dtype=float)
    return np.concatenate([[0.0], np.cumsum(x)]), np.concatenate([[0.0], np.cumsum(x * x)])


def exhaustive(values, pen, min_size):
    """Every segmentation with segments ≥ min_size, enumerated: (penalised cost, breaks as indices)."""
    n = len(values)
    p, p2 = _sums(values)
    best = (math.inf, None)

    def walk(start, cuts, cost):
        nonlocal best
        # close the last segment here
        if n - start >= min_size:
            total = cost + _ssr(p, p2, start, n)
            if total < best[0] - 1e-12:
                best = (total, list(cuts))
        for cut in range(start + min_size, n - min_size + 1):
            walk(cut, cuts + [cut], cost + _ssr(p, p2, start, cut) + pen)

    walk(0, [], 0.0)
    return best


def optimal_partitioning(values, pen, min_size):
    """Jackson et al. (2005) optimal partitioning, O(n²), no pruning: the breaks as indices."""
    n = len(values)
    p, p2 = _sums(values)
    F = np.full(n + 1, np.inf)
    F[0] = -pen
    back = np.zeros(n + 1, dtype=int)
    for e in range(min_size, n + 1):
        for s in range(0, e - min_size + 1):
            if np.isfinite(F[s]):
                v = F[s] + _ssr(p, p2, s, e) + pen
                if v < F[e] - 1e-12:
                    F[e], back[e] = v, s
    cuts, e = [], n
    while e > 0:
        e = back[e]
        if e:
            cuts.append(e)
    return sorted(cuts), F[n]


def penalised_cost(values, cuts, pen):
    p, p2 = _sums(values)
    edges = [0, *cuts, len(values)]
    return sum(_ssr(p, p2, s, e) for s, e in zip(edges, edges[1:])) + pen * len(cuts)


@pytest.fixture(scope="module")
def irn_rus(con):
    frame = alignment.alignment("IRN", "RUS", con=con)
    return frame[frame["n_votes"] >= 10].set_index("year")


def _years_to_indices(s: pd.Series, years):
    return [list(s.index).index(y) for y in years]


# ----------------------------------------------------------------------------------- change points
@pytest.mark.parametrize("measure", ["agree", "kappa"])
def test_change_points_match_exhaustive_search_on_real_window(irn_rus, measure):
    # IRN–RUS 1978–2005: 28 session-years around the break of 1991; every segmentation is enumerated.
    s = irn_rus.loc[1978:2005, measure]
    assert len(s) == 28
    pen = T.default_penalty(s.to_numpy())
    found = T.change_points(s, min_size=3)
    cost, cuts = exhaustive(s.to_numpy(), pen, 3)
    assert _years_to_indices(s, found) == cuts
    assert penalised_cost(s.to_numpy(), _years_to_indices(s, found), pen) == pytest.approx(cost)


@pytest.mark.parametrize("measure", ["agree", "kappa"])
@pytest.mark.parametrize("min_size", [1, 2, 3, 5])
def test_change_points_match_optimal_partitioning_on_full_series(irn_rus, measure, min_size):
    s = irn_rus[measure]
    pen = T.default_penalty(s.to_numpy())
    cuts, _ = optimal_partitioning(s.to_numpy(), pen, min_size)
    assert _years_to_indices(s, T.change_points(s, min_size=min_size)) == cuts


def test_change_points_agree_with_ruptures_dynp_for_that_many_breaks(irn_rus):
    # Dynp finds the best segmentation with a fixed number of breaks by another algorithm.
    s = irn_rus["agree"]
    found = T.change_points(s)
    dynp = rpt.Dynp(model="l2", min_size=3, jump=1).fit(s.to_numpy()).predict(n_bkps=len(found))
    assert [int(s.index[i]) for i in dynp[:-1]] == found


def test_pelt_pruning_stays_exact_with_min_size():
    # The signal of ruptures PR #383: ruptures 1.1.10's Pelt returns [2, 5]; the optimum is no break.
    signal = np.array([0, 1, 0, 0, 1], dtype=float)
    assert T._ExactPelt("l2", min_size=2).fit(signal).predict(pen=0.1) == [5]
    rng = np.random.default_rng(20240611)
    for _ in range(300):
        n = int(rng.integers(4, 25))
        x = rng.normal(size=n).round(1) + np.repeat(rng.normal(scale=2, size=3), -(-n // 3))[:n]
        m, pen = int(rng.integers(1, 5)), float(rng.uniform(0.05, 3))
        if n < m:
            continue
        ours = T._ExactPelt("l2", min_size=m).fit(x).predict(pen=pen)[:-1]
        cuts, best = optimal_partitioning(x, pen, m)
        assert penalised_cost(x, ours, pen) == pytest.approx(best, abs=1e-9), (x, m, pen)
        if m == 1:  # without a minimum size, ruptures' own pruning is exact too
            theirs = rpt.Pelt(model="l2", min_size=1, jump=1).fit(x).predict(pen=pen)[:-1]
            assert penalised_cost(x, theirs, pen) == pytest.approx(best, abs=1e-9)


def test_iran_russia_agreement_falls_in_1991_and_recovers(irn_rus):
    # Soviet votes aligned with Iran's through the 1980s (0.95 in 1986–90); Russia's did not in the 1990s.
    s = irn_rus["agree"]
    breaks = T.change_points(s)
    seg = T.segments(s, breaks).set_index("start")
    fall = [y for y in breaks if 1990 <= y <= 1993]
    rise = [y for y in breaks if 1996 <= y <= 2001]
    assert fall == [1991] and rise == [1998]
    assert seg.loc[1991, "mean"] < seg.loc[1986, "mean"] - 0.2      # 0.67 after 0.95
    assert seg.loc[1998, "mean"] > seg.loc[1991, "mean"] + 0.1      # 0.80 after 0.67
    # κ tells the same story, a year later: its fall is 1992 and its recovery 2000.
    kappa_breaks = T.change_points(irn_rus["kappa"])
    assert 1992 in kappa_breaks and 2000 in kappa_breaks


def test_change_points_edge_cases(irn_rus):
    s = irn_rus["agree"]
    assert T.change_points(pd.Series(0.5, index=range(1990, 2020))) == []           # constant
    assert T.change_points(s.iloc[:5], min_size=3) == []                            # too short
    with_gap = s.copy()
    with_gap.loc[1991] = np.nan
    assert 1991 not in T.change_points(with_gap)                                    # NaN years dropped
    assert T.change_points(s, penalty=1e6) == []                                    # huge penalty: none
    assert T.change_points(s) == T.change_points(s)                                 # deterministic
    assert len(T.change_points(s, factor=2)) >= len(T.change_points(s, factor=3))
    for bad in ({"min_size": 0}, {"penalty": -1.0}, {"factor": float("nan")}):
        with pytest.raises(BadInput):
            T.change_points(s, **bad)


def test_noise_scale_is_robust_to_a_level_shift():
    rng = np.random.default_rng(7)
    noise = rng.normal(scale=0.1, size=60)
    shifted = noise + np.r_[np.zeros(30), np.full(30, 5.0)]
    assert T.noise_scale(shifted) == pytest.approx(T.noise_scale(noise), rel=0.15)
    step = np.r_[np.zeros(20), np.full(20, 2.0)]          # MAD of differences is 0: sd fallback
    assert T.noise_scale(step) == pytest.approx(np.std(np.diff(step), ddof=1) / math.sqrt(2))


# --------------------------------------------------------------------------------- decade direction
def test_decade_slope_equals_polyfit_and_linregress(irn_rus):
    s = irn_rus["kappa"]
    d = T.decade_direction(s)
    last = s.loc[s.index.max() - 9:]
    assert (d["start"], d["end"], d["n"]) == (int(last.index.min()), int(last.index.max()), 10)
    slope = np.polyfit(last.index.to_numpy(dtype=float), last.to_numpy(), 1)[0]
    assert d["slope"] == pytest.approx(slope, rel=1e-10)
    fit = stats.linregress(last.index.to_numpy(dtype=float), last.to_numpy())
    assert d["se"] == pytest.approx(fit.stderr, rel=1e-10)
    half = stats.t.ppf(0.975, 8) * fit.stderr
    assert (d["ci_low"], d["ci_high"]) == pytest.approx((slope - half, slope + half))
    # IRN–RUS κ, 2016–2025: +0.019 a year, interval (0.007, 0.031): rising.
    assert d["direction"] == "rising" and d["ci_low"] > 0


def test_decade_direction_verdicts(irn_rus):
    s = irn_rus["agree"]
    falling = pd.Series(-s.loc[2016:].to_numpy(), index=s.loc[2016:].index)
    assert T.decade_direction(falling)["direction"] == "falling"
    assert T.decade_direction(pd.Series(2.0, index=range(2009, 2019)))["direction"] == "flat"
    noisy = s.loc[1998:2007]          # recovered but no trend within the decade: interval spans 0
    d = T.decade_direction(noisy)
    assert d["ci_low"] < 0 < d["ci_high"] and d["direction"] == "flat"
    assert T.decade_direction(s.loc[2023:])["direction"] == "insufficient data"
    assert T.decade_direction(s.loc[1990:2010], years=5)["n"] == 5
    with pytest.raises(BadInput):
        T.decade_direction(s, level=95)


# ---------------------------------------------------------------------------------- composite index
@pytest.fixture(scope="module")
def components(con):
    frame, _ = series("IRN", "RUS", con=con)
    return frame


def _z(x: pd.Series) -> pd.Series:
    v = x.dropna().to_numpy()
    return (x.dropna() - v.mean()) / v.std(ddof=1)


@pytest.mark.parametrize("name", ["unga", "alliance", "disputes", "trade"])
def test_composite_with_one_component_is_that_component_standardized(components, name):
    out = T.composite_index(components[[name]], {name: 1.0})
    expected = T.SIGNS[name] * _z(components[name])
    pd.testing.assert_series_equal(out["index"], expected, check_names=False, check_index_type=False)
    assert (out["weight_covered"] == 1.0).all() and (out["components"] == 1).all()
    # the same with every other component present but weighted 0
    other = T.composite_index(components, {name: 2.5})
    pd.testing.assert_series_equal(other["index"], out["index"])


def test_missing_components_drop_out_and_weights_renormalise(components):
    weights = {"unga": 0.4, "alliance": 0.3, "disputes": 0.2, "trade": 0.1}
    out = T.composite_index(components, weights)
    z = {c: _z(components[c]) for c in weights}
    # 2005: all four observed
    y = 2005
    full = sum(weights[c] * T.SIGNS[c] * z[c][y] for c in weights)
    assert out.loc[y, "index"] == pytest.approx(full)
    # 2012: GML disputes end in 2010, so three components carry 0.8 of the weight
    y = 2012
    assert math.isnan(components.loc[y, "disputes"])
    part = sum(weights[c] * z[c][y] for c in ("unga", "alliance", "trade")) / 0.8
    assert out.loc[y, "index"] == pytest.approx(part)
    assert out.loc[y, "weight_covered"] == pytest.approx(0.8) and out.loc[y, "components"] == 3
    # 2020: UNGA votes and trade (IMF DOTS after COW's 2014) remain, carrying 0.5 of the weight
    assert math.isnan(components.loc[2020, "alliance"]) and not math.isnan(components.loc[2020, "trade"])
    part = sum(weights[c] * T.SIGNS[c] * z[c][2020] for c in ("unga", "trade")) / 0.5
    assert out.loc[2020, "index"] == pytest.approx(part)
    assert out.loc[2020, "weight_covered"] == pytest.approx(0.5)
    # a column that is absent altogether is the same as a column that is all missing
    no_trade = T.composite_index(components.drop(columns="trade"), weights)
    all_nan = T.composite_index(components.assign(trade=np.nan), weights)
    pd.testing.assert_frame_equal(no_trade[["index", "components", "weight_covered"]],
                                  all_nan[["index", "components", "weight_covered"]])
    assert no_trade.loc[2005, "index"] == pytest.approx(
        sum(weights[c] * T.SIGNS[c] * z[c][2005] for c in ("unga", "alliance", "disputes")) / 0.9)
    # scaling all weights changes nothing
    scaled = T.composite_index(components, {c: 10 * w for c, w in weights.items()})
    pd.testing.assert_series_equal(scaled["index"], out["index"])


def test_constant_component_drops_out(components):
    # 2001–2010: ATOP codes the same neutrality/non-aggression pact every year, so alliance has no variance.
    window = components.loc[2001:2010, ["unga", "alliance", "disputes"]]
    assert window["alliance"].nunique() == 1
    out = T.composite_index(window, {"unga": 0.5, "alliance": 0.5})
    assert "z_alliance" not in out
    pd.testing.assert_series_equal(out["index"], _z(window["unga"]), check_names=False, check_index_type=False)


def test_composite_rejects_unknown_columns(components):
    with pytest.raises(BadInput, match="friendship"):
        T.composite_index(components.assign(friendship=1.0), None)


# ------------------------------------------------------------------------------------------ weights
def test_parse_weights():
    assert T.parse_weights(None) == T.DEFAULT_WEIGHTS
    assert sum(T.DEFAULT_WEIGHTS.values()) == pytest.approx(1.0)
    assert T.parse_weights("unga=0.4, alliance=0.3,disputes=0.2,trade=0.1") == {
        "unga": 0.4, "alliance": 0.3, "disputes": 0.2, "trade": 0.1, "arms": 0.0}
    assert T.parse_weights("UNGA=1") == {"unga": 1.0, "alliance": 0.0, "disputes": 0.0, "trade": 0.0, "arms": 0.0}
    assert T.parse_weights({"trade": 2})["trade"] == 2.0


@pytest.mark.parametrize("text, bad", [
    ("unga=0.4,frendship=0.2", "frendship"),
    ("unga=0.4,disputes=-0.2", "disputes=-0.2"),
    ("unga=0.4,trade:0.1", "trade:0.1"),
    ("unga=0.4,trade=lots", "trade=lots"),
    ("unga=0.4,unga=0.1", "unga"),
    ("unga=0,trade=0", "All weights are 0"),
    ("unga=inf", "unga=inf"),
    ("", "No weights"),
    ({"alliance": -1}, "alliance=-1"),
])
def test_bad_weights_raise_bad_input_naming_the_part(text, bad):
    with pytest.raises(BadInput) as err:
        T.parse_weights(text)
    assert bad in str(err.value)


# ------------------------------------------------------------------------------------------- trend()
def test_trend_iran_russia(con):
    r = trend("Iran", "Russia", con=con)
    assert (r["a"], r["b"], r["ccode1"], r["ccode2"]) == ("IRN", "RUS", 630, 365)
    assert set(r["change_points"]) == {"unga", "alliance", "disputes", "trade", "index"} | (
        {"arms"} if "arms" in r["series"] else set())
    assert r["change_points"]["unga"] == T.change_points(r["series"]["unga"].dropna())
    assert 1992 in r["change_points"]["unga"] and 2000 in r["change_points"]["unga"]
    # ATOP: neutrality/non-aggression 1927–41 (2), defence 1942–46 (3), none, then 2001–18 (2)
    assert r["change_points"]["alliance"] == [1927, 1942, 1947, 2001]
    assert r["series"].loc[1943, "alliance"] == 3 and r["series"].loc[2010, "alliance"] == 2
    assert r["coverage"]["alliance"][1] == 2018 and math.isnan(r["series"].loc[2020, "alliance"])
    assert r["direction"]["unga"]["direction"] == "rising"
    assert r["weights"] == pytest.approx(T.DEFAULT_WEIGHTS)
    assert isinstance(r["composite"], pd.DataFrame) and r["composite"].index.name == "year"
    assert {"index", "components", "weight_covered", "z_unga"} <= set(r["composite"].columns)


def test_trend_options(con):
    r = trend("IRN", "RUS", weights="unga=1", start=1980, end=2010, con=con)
    assert r["weights"]["unga"] == 1.0 and r["weights"]["trade"] == 0.0
    assert r["series"].index.min() >= 1980 and r["series"].index.max() <= 2010
    unga = r["series"]["unga"].dropna()
    pd.testing.assert_series_equal(r["composite"]["index"], _z(unga), check_names=False, check_index_type=False)
    with pytest.raises(BadInput, match="frendship"):
        trend("IRN", "RUS", weights="frendship=1", con=con)
    with pytest.raises(BadInput):
        trend("IRN", "Iran", con=con)
    with pytest.raises(BadInput):
        trend("IRN", "RUS", start=2010, end=1990, con=con)


@pytest.mark.parametrize("level", [0.5, 0.8, 0.9, 0.95, 0.99, 0.999])
def test_t_quantile_agrees_with_scipy(level):
    """decade_direction's Student t quantile (computed without importing scipy) against scipy's."""
    from scipy import stats

    for df in range(1, 201):
        p = 0.5 + level / 2
        assert T.t_quantile(p, df) == pytest.approx(float(stats.t.ppf(p, df)), rel=1e-11, abs=1e-14), df
        assert T.t_quantile(1 - p, df) == pytest.approx(float(stats.t.ppf(1 - p, df)), rel=1e-11, abs=1e-14), df
