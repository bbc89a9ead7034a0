"""Shared adversaries, friends and limits on the real warehouse, checked against direct pandas computations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from entente import countries, network
from entente.pair import third_parties as tp
from entente.errors import BadInput
from entente.measures import third_parties as measures
from entente.measures.sanctions import TIES_SENDERS

IRN, RUS, USA, GBR, ISR = 630, 365, 2, 200, 666
WINDOW = {"start": 2015, "end": 2025}
# NATO members other than the USA and the UK at some point in 2015–2025 (Montenegro 2017,
# North Macedonia 2020, Finland 2023, Sweden 2024).
NATO = ["ALB", "BEL", "BUL", "CAN", "CRO", "CZR", "DEN", "EST", "FRN", "GMY", "GRC", "HUN", "ICE", "ITA", "LAT",
        "LIT", "LUX", "NTH", "NOR", "POL", "POR", "ROM", "SLO", "SLV", "SPN", "TUR", "MNG", "MAC", "FIN", "SWD"]


@pytest.fixture(scope="module")
def irn_rus(con):
    return tp.third_parties("Iran", "Russia", con=con, **WINDOW)


@pytest.fixture(scope="module")
def usa_gbr(con):
    return tp.third_parties("USA", "GBR", con=con, **WINDOW)


def _row(table, abb):
    return table.set_index("abb").loc[abb]


def test_irn_rus_shared_adversary_is_the_usa_by_votes_and_rivalries(irn_rus):
    top = irn_rus.iloc[0]
    assert top.abb == "USA" and top["class"] == "shared adversary"
    assert "Iran-United States" in top.rivalry_a and "Russia-United States" in top.rivalry_b
    assert top.z_a < -1.4 and top.z_b < -2.1                 # both vote against the USA far below baseline
    adversaries = irn_rus[irn_rus["class"] == "shared adversary"]
    # Issue #11: UN distance alone is not adversity. Israel, Canada and Micronesia vote far from both
    # (each side's z below −1), Ukraine is Russia's rival and votes far from Iran, but none has hard
    # evidence with both sides: not shared adversaries. (This test used to expect all four among them.)
    assert set(adversaries.abb) == {"USA"}
    far = irn_rus.set_index("abb").loc[["ISR", "CAN", "FSM", "UKR"]]
    assert (far.z_a < -1).all() and (far.z_b.drop("UKR") < -1).all() and (far["class"] == "none").all()
    assert far.loc["UKR"].opposed_b and not far.loc["UKR"].hostile_a
    assert top.score == adversaries.score.max()


def test_irn_rus_israel_is_irans_adversary_only_far_from_russia_in_votes(irn_rus, con):
    """The motivating case: UN votes cannot show Russia close to Israel; only the rivalry is unshared,
    so Israel is no shared adversary (it was one, by UN votes, before issue #11)."""
    israel = _row(irn_rus, "ISR")
    assert israel["class"] == "none" and israel.opposed_a and not israel.hostile_b
    assert israel.rank_b >= israel.partners_b - 5            # Russia votes with Israel less than with 186 others
    assert "Iran-Israel" in israel.rivalry_a and pd.isna(israel.rivalry_b) and israel.disputes_b == 0
    unshared = tp.limits("IRN", "RUS", table=irn_rus, con=con)["unshared"]
    hostile = unshared[unshared.kind == "hostility"]
    assert set(hostile[hostile.side == "IRN"].abb) == {"EGY", "TUR", "SAU", "UAE", "YEM", "ISR"}
    assert set(hostile[hostile.side == "RUS"].abb) == {"UKR"}
    # Russia's own defence allies (CSTO and the CIS treaty), which Iran has no pact with.
    allies = unshared[(unshared.kind == "alliance") & (unshared.side == "RUS")]
    assert {"BLR", "ARM", "KZK", "KYR", "TAJ"} <= set(allies.abb)


def test_irn_rus_shared_friends_and_no_strong_divergence(irn_rus, con):
    friends = irn_rus[irn_rus["class"] == "shared friend"]
    assert friends.iloc[0].abb == "SYR"
    assert {"SYR", "CHN", "PRK", "CUB", "BLR", "VEN", "NIC"} <= set(friends.abb)
    # No third state is at least 1 sd close to one side and hostile to the other in 2015–2025.
    assert (irn_rus["class"] == "divergent").sum() == 0
    limits = tp.limits("IRN", "RUS", table=irn_rus, con=con)
    first = limits["third_states"].iloc[0]
    assert first.abb == "TUR" and first.closer == "RUS"      # Iran's rival, Russia's 32nd closest voter
    assert "Iran-Turkey" in first.rivalry_a and first.z_b > 0.5
    assert limits["window"] == (2015, 2025)
    assert {s["table"] for s in limits["sources"]} >= {"tss_rivalries", "atop_dyad_year", "unga_rollcalls"}


def test_usa_gbr_shared_friends_include_nato_and_argentina_divides_them(usa_gbr):
    friends = set(usa_gbr.loc[usa_gbr["class"] == "shared friend", "abb"])
    assert set(NATO) <= friends
    argentina = _row(usa_gbr, "ARG")
    assert argentina["class"] == "divergent" and argentina.closer == "USA"
    assert argentina.allied_a and "Argentina-Britain" in argentina.rivalry_b


@pytest.mark.parametrize("pair", [("IRN", "RUS"), ("USA", "GBR")])
def test_classification_is_symmetric_and_one_score_at_most(con, pair):
    ab = tp.third_parties(*pair, con=con, **WINDOW).set_index("ccode").sort_index()
    ba = tp.third_parties(*reversed(pair), con=con, **WINDOW).set_index("ccode").sort_index()
    assert ab.index.equals(ba.index)
    assert (ab["class"] == ba["class"]).all()
    for column in ("score", "friend", "adversary", "divergence"):
        np.testing.assert_allclose(ab[column], ba[column])
    np.testing.assert_allclose(ab.stance_a, ba.stance_b)
    assert (ab.closer == ba.closer).all()
    positive = (ab[["friend", "adversary", "divergence"]] > 0).sum(axis=1)
    assert (positive <= 1).all()


def _baseline(dyads: pd.DataFrame, state: int) -> pd.DataFrame:
    """Independent: mean yearly κ per partner, kept if ≥ 10 roll calls, z-scored across partners."""
    mine = dyads[(dyads.ccode1 == state) | (dyads.ccode2 == state)].copy()
    mine["partner"] = mine.ccode1.where(mine.ccode2 == state, mine.ccode2)
    g = mine.groupby("partner").agg(kappa=("kappa", "mean"), n=("n_votes", "sum"))
    g = g[g.n >= 10]
    g["z"] = (g.kappa - g.kappa.mean()) / g.kappa.std()
    g["rank"] = g.kappa.rank(ascending=False, method="min")
    return g


def test_every_row_equals_a_direct_recomputation(con, irn_rus):
    dyads = con.execute("SELECT * FROM m_unga_alignment_dyad_year WHERE year BETWEEN 2015 AND 2025").df()
    rivals = con.execute("SELECT * FROM tss_rivalries WHERE styear <= 2025 AND endyear >= 2015").df()
    atop = con.execute("SELECT * FROM atop_dyad_year WHERE year BETWEEN 2015 AND 2025").df()
    table = irn_rus.set_index("ccode")
    for state, s in ((IRN, "_a"), (RUS, "_b")):
        expect = _baseline(dyads, state).drop(index=[IRN, RUS], errors="ignore")
        got = table.loc[expect.index]
        np.testing.assert_allclose(got[f"unga{s}"], expect.kappa)
        np.testing.assert_allclose(got[f"z{s}"], expect.z)
        np.testing.assert_array_equal(got[f"rank{s}"], expect["rank"])
        mine = rivals[(rivals.ccode1 == state) | (rivals.ccode2 == state)]
        rival_of = set(mine.ccode1.where(mine.ccode2 == state, mine.ccode2)) - {IRN, RUS}
        assert set(table.index[table[f"rivalry{s}"].notna()]) == rival_of
        pacts = atop[(atop.ccode1 == state) & ((atop.atop_defense == 1) | (atop.atop_offense == 1))]
        assert set(table.index[table[f"allied{s}"]]) == set(pacts.ccode2) - {IRN, RUS}
        stance = table[f"z{s}"].fillna(0) + 2 * (table[f"allied{s}"].astype(int) - table[f"hostile{s}"].astype(int))
        np.testing.assert_allclose(table[f"stance{s}"], stance)
    a, b = table.stance_a, table.stance_b
    expect_score = np.maximum.reduce([np.minimum(a, b), -np.maximum(a, b),
                                      np.minimum(np.maximum(a, b), -np.minimum(a, b))]).clip(min=0)
    none = table["class"] == "none"
    np.testing.assert_allclose(table.score[none], expect_score[none])
    np.testing.assert_allclose(table.loc[table["class"] == "shared adversary", "score"],
                               -np.maximum(a, b)[table["class"] == "shared adversary"])
    np.testing.assert_allclose(table.loc[table["class"] == "shared friend", "score"],
                               np.minimum(a, b)[table["class"] == "shared friend"])
    # The class follows the evidence rules (issue #11), no longer the score ≥ 1 rule.
    tie = {s: table[f"allied{s}"] | (table[f"z{s}"].fillna(0) >= 1) for s in ("_a", "_b")}
    expect_class = np.select(
        [table.opposed_a & table.opposed_b & table.shared_years.notna()
         & (table.rivalry_a.notna() | ((table.disputes_a > 0) & (table.stance_a < 0)))
         & (table.rivalry_b.notna() | ((table.disputes_b > 0) & (table.stance_b < 0))),
         tie["_a"] & tie["_b"] & ~table.hostile_a & ~table.hostile_b,
         (tie["_a"] & table.opposed_b) | (tie["_b"] & table.opposed_a)],
        ["shared adversary", "shared friend", "divergent"], "none")
    assert (table["class"] == expect_class).all()


def test_topics_nuclear_is_where_iran_and_russia_split_recomputed(con):
    topics = tp.topics("IRN", "RUS", con=con, **WINDOW)
    assert list(topics.issue[:1]) == ["nu"] and len(topics) == 6
    nu = topics.iloc[0]
    votes = con.execute("""
        SELECT v.rcid, v.ccode, v.vote FROM unga_votes v JOIN unga_rollcalls r USING (rcid)
        JOIN unga_rollcall_issues i USING (rcid) WHERE i.issue = 'nu' AND r.year BETWEEN 2015 AND 2025""").df()
    # Agreement with both-abstain as agreement is the mean of 1 − |x − y| / 2 over shared roll calls.
    for state, other, tag in ((IRN, RUS, "a"), (RUS, IRN, "b")):
        mine = votes[votes.ccode == state].merge(votes[votes.ccode != state], on="rcid", suffixes=("", "_c"))
        mine["agree"] = 1 - (mine.vote - mine.vote_c).abs() / 2
        per = mine.groupby("ccode_c").agg(agree=("agree", "mean"), n=("agree", "size"))
        per = per[per.n >= 10]
        assert nu.n_votes == per.loc[other, "n"]
        assert nu.agree == pytest.approx(per.loc[other, "agree"])
        assert nu[f"mean_{tag}"] == pytest.approx(per.drop(index=other).agree.mean())
        assert nu[f"rank_{tag}"] == (per.agree > per.loc[other, "agree"]).sum() + 1
    assert nu.agree < 0.4 and nu.rank_a > 170                # Iran votes with 170+ states more than with Russia
    assert nu.gap == pytest.approx(nu.agree - (nu.mean_a + nu.mean_b) / 2)


def test_pure_functions_reject_wrong_tables_and_bad_pairs(con):
    with pytest.raises(BadInput, match="two different states"):
        tp.third_parties("Iran", "IRN", con=con)
    with pytest.raises(BadInput, match="after end"):
        tp.third_parties("IRN", "RUS", start=2020, end=2010, con=con)
    with pytest.raises(ValueError, match="m_unga_alignment_dyad_year"):
        measures.unga_baseline(pd.DataFrame({"year": [2020]}), IRN)
    default = tp.third_parties("IRN", "RUS", con=con)
    last = con.execute("SELECT max(year) FROM m_unga_alignment_dyad_year").fetchone()[0]
    assert default.attrs["window"] == (last - 9, last)


def _ties_years_by_hand(con) -> set[tuple[int, int, int, int]]:
    """(case, sender, target, year) for every TIES case year in which both states were COW members, computed
    from the raw ``ties_cases`` rows with :func:`entente.countries.is_member` (the snapshot, not SQL)."""
    cow = set(countries.states()["ccode"])
    exists = lambda c, y: c in cow and countries.is_member(c, y)  # noqa: E731
    out = set()
    for row in con.execute("SELECT * FROM ties_cases").df().to_dict("records"):
        last = next(int(row[c]) for c in ("endyear", "ongoingasofyear", "startyear") if pd.notna(row[c]))
        target = row["targetstate"]
        senders = {int(row[c]) for c in TIES_SENDERS if pd.notna(row[c]) and row[c] < 1000}
        if pd.isna(target) or target >= 1000:
            continue
        out |= {(int(row["caseid"]), s, int(target), y) for s in senders for y in range(int(row["startyear"]), last + 1)
                if exists(s, y) and exists(int(target), y)}
    return out


def test_sanctions_keep_exactly_the_years_both_states_existed(con):
    """The pair reads each TIES case for the years sender and target were both states, no other: not
    the Soviet Union's 1990 sanctions on Lithuania (a COW member from September 1991), not the USA's on
    East Germany before it entered in 1954, and not West Germany after 1990."""
    codes = sorted(set(countries.states()["ccode"]))
    cases = tp._sanctions(con, codes, 1816, 2100)
    got = {(c, s, t, y) for c, s, t, a, b in zip(cases["caseid"], cases["sender"], cases["target"], cases["start"],
                                                 cases["end"]) for y in range(a, b + 1)}
    assert got == _ties_years_by_hand(con)
    assert not countries.is_member(368, 1990) and {y for c, s, t, y in got if (s, t) == (365, 368)} >= {1991}
    assert (1990040901, 365, 368, 1990) not in got
    assert min(y for c, s, t, y in got if (c, s, t) == (1948030101, 2, 265)) == 1954


def test_pair_and_network_read_the_same_sanctions_years(con):
    """One rule for both (entente.measures.sanctions.ties_both_exist_sql): the years a pair reads for its
    TIES cases are the years of the network's sanctions layer, pair by pair."""
    codes = sorted(set(countries.states()["ccode"]))
    cases = tp._sanctions(con, codes, 1945, 2016)
    pair_years = {(min(s, t), max(s, t), y) for s, t, a, b in zip(cases["sender"], cases["target"], cases["start"],
                                                                 cases["end"]) for y in range(a, b + 1)}
    layer = network.layer("sanctions", 1945, 2016, con=con)
    assert pair_years == set(zip(layer["ccode1"], layer["ccode2"], layer["year"])) and len(pair_years) > 5000
