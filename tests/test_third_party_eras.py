"""Third states a pair treated differently, read era by era over long windows (entente.pair.third_parties.by_era,
entente.measures.third_party_eras): each era agrees with third_parties() run on that era alone, and the
expected answers are recomputed here from the warehouse with SQL and pandas."""

from __future__ import annotations

import numpy as np
import pytest

from entente import countries
from entente.brief import third_states
from entente.pair import third_parties as tp


@pytest.fixture(scope="module")
def vnm_chn(con):
    return tp.by_era("VNM", "CHN", start=1954, end=2025, con=con)


def _z(con, state: int, partner: int, first: int, last: int) -> float:
    """``state``'s Cohen's κ with ``partner`` (mean over the years), standardised among all its partners with
    10 or more roll calls in common over [first, last]: the baseline of the method, in pandas."""
    rows = con.execute("SELECT year, ccode1, ccode2, kappa, n_votes FROM m_unga_alignment_dyad_year "
                       "WHERE (ccode1 = ? OR ccode2 = ?) AND year BETWEEN ? AND ?", [state, state, first, last]).df()
    rows["other"] = np.where(rows["ccode1"] == state, rows["ccode2"], rows["ccode1"])
    per = rows.groupby("other").agg(k=("kappa", "mean"), n=("n_votes", "sum"))
    per = per[per["n"] >= 10]
    return float((per.loc[partner, "k"] - per["k"].mean()) / per["k"].std(ddof=1))


def test_eras_are_decades_with_short_ends_joined():
    assert tp.eras(1954, 2025) == [(1954, 1959), (1960, 1969), (1970, 1979), (1980, 1989), (1990, 1999),
                                   (2000, 2009), (2010, 2019), (2020, 2025)]
    assert tp.eras(1946, 2025)[0] == (1946, 1959) and tp.eras(1816, 2023)[-1] == (2010, 2023)
    assert tp.eras(1990, 1999) == [(1990, 1999)]


def test_every_era_agrees_with_the_whole_method_run_on_it(con, vnm_chn):
    for first, last in vnm_chn.attrs["eras"]:
        full = tp.third_parties("VNM", "CHN", start=first, end=last, con=con)
        full = full[full["divergence"] > 0].set_index("ccode")
        mine = vnm_chn[vnm_chn["era_first"] == first].set_index("ccode")
        assert set(full.index) == set(mine.index), (first, last)
        assert np.allclose(full.loc[mine.index, "divergence"], mine["divergence"])
        assert ((full.loc[mine.index, "class"] == "divergent") == mine["divergent"]).all()
        assert ((full.loc[mine.index, "class"] == "shared adversary") == mine["shared_adversary"]).all()


def test_vietnam_and_china_part_over_cambodia_in_the_1980s(con, vnm_chn):
    """Vietnam: a strategic rivalry with Cambodia (811) running into 1980–1989 and no defence pact; China: UN
    votes with Cambodia (Democratic Kampuchea held the seat) far above its baseline. Over the whole window the
    two stances pool into a shared adversary, which is why the window is read by era."""
    rivalries = con.execute("SELECT count(*) FROM tss_rivalries WHERE ccode1 = 811 AND ccode2 = 816 "
                            "AND styear <= 1989 AND endyear >= 1980").fetchall()[0][0]
    pacts = con.execute("SELECT count(*) FROM atop_dyad_year WHERE ccode1 IN (816, 710) AND ccode2 = 811 "
                        "AND year BETWEEN 1980 AND 1989 AND (atop_defense = 1 OR atop_offense = 1)").fetchall()[0][0]
    assert rivalries > 0 and pacts == 0
    z_chn, z_vnm = _z(con, 710, 811, 1980, 1989), _z(con, 816, 811, 1980, 1989)
    assert z_chn >= 1                                   # China's tie: votes at least 1 sd above its baseline
    china_hostile = con.execute("SELECT count(*) FROM gml_mid_dir_dyad_year WHERE ccode1 = 710 AND ccode2 = 811 "
                                "AND year BETWEEN 1980 AND 1989").fetchall()[0][0] > 0
    sigma_vnm, sigma_chn = z_vnm - 2, z_chn - 2 * china_hostile
    expected = min(max(sigma_vnm, sigma_chn), -min(sigma_vnm, sigma_chn))
    row = vnm_chn[(vnm_chn["era_first"] == 1980) & (vnm_chn["ccode"] == 811)].iloc[0]
    assert row["divergent"] and row["divergence"] == pytest.approx(expected)
    best = vnm_chn.attrs["best"]
    assert best["era"] == (1980, 1989) and best["row"]["ccode"] == 811
    leaders = tp.era_leaders(vnm_chn)
    assert leaders["strength"].max() == pytest.approx(expected)
    whole = tp.third_parties("VNM", "CHN", start=1954, end=2025, con=con).set_index("ccode")
    assert whole.loc[811, "class"] == "shared adversary" and whole.loc[811, "divergence"] == 0


def test_a_state_counts_for_the_years_it_existed(con):
    """East Germany (265) existed in 1 year of the 1990s (COW: to 2 October 1990): a tenth of its divergence."""
    frame = tp.by_era("USA", "RUS", start=1946, end=2025, con=con)
    end_year = con.execute("SELECT year(max(end_date)) FROM cow_states WHERE ccode = 265").fetchall()[0][0]
    gdr = frame[(frame["ccode"] == 265) & (frame["era_first"] == 1990)].iloc[0]
    assert gdr["existed"] == pytest.approx((end_year - 1990 + 1) / 10)
    assert gdr["strength"] == pytest.approx(gdr["divergence"] * gdr["existed"])
    assert tp.era_leaders(frame).set_index("era_first").loc[1990, "ccode"] != 265
    assert gdr["name"] == "East Germany"


@pytest.mark.slow
@pytest.mark.parametrize("a, b, first, last, third, era", [
    ("VNM", "CHN", 1954, 2025, "Cambodia", "1980–1989"),
    ("FRN", "UKG", 1816, 2025, "the Russian Empire", "1900–1909"),
    ("IND", "PAK", 1947, 2025, "Afghanistan", "1980–1989"),
    ("USA", "RUS", 1946, 1991, "Cuba", "1970–1979"),
    ("CHN", "USA", 1949, 1979, "Taiwan", "1960–1969"),
])
def test_the_limits_sentence_reads_long_windows_by_era(con, a, b, first, last, third, era):
    sa, sb = countries.resolve(a), countries.resolve(b)
    out = third_states.limits(sa, sb, con, window=(first, last))
    assert f"treated most differently was {third}, in {era}:" in out["summary"]
    assert out["by_era"] and "Read decade by decade" in out["summary"]


def test_the_states_of_an_era_are_named_as_they_were_then(con):
    """USA–Russia over 1946–1991: the sentence for the 1970s says the Soviet Union; France–Britain's Russia
    of 1900–1909 is the Russian Empire (the names of :data:`entente.period_names.PERIOD_NAMES`)."""
    sa, sb = countries.resolve("USA"), countries.resolve("RUS")
    text = third_states.era_sentences(sa, sb, tp.by_era("USA", "RUS", start=1946, end=1991, con=con))
    lead = text.split(" The strongest")[0]
    assert "the Soviet Union" in lead and "Russia" not in lead
    frame = tp.by_era("FRN", "UKG", start=1816, end=2025, con=con)
    pact = con.execute("SELECT count(*) FROM atop_dyad_year WHERE ccode1 = 220 AND ccode2 = 365 AND atop_defense = 1 "
                       "AND year BETWEEN 1900 AND 1909").fetchall()[0][0]
    rival = con.execute("SELECT count(*) FROM tss_rivalries WHERE ccode1 = 200 AND ccode2 = 365 AND styear <= 1909 "
                        "AND endyear >= 1900").fetchall()[0][0]
    assert pact == 10 and rival >= 1
    assert frame.attrs["best"]["era"] == (1900, 1909) and frame.attrs["best"]["row"]["ccode"] == 365


def test_a_rival_of_one_side_comes_before_a_state_it_had_one_dispute_with(con):
    """China and the United States, 1949–1979: Taiwan in the 1960s (a US defence pact, a Chinese rivalry, both
    in the warehouse) leads, though New Zealand's divergence in the 1970s (ANZUS, one dispute with China and
    China's UN votes far from it) is larger."""
    frame = tp.by_era("CHN", "USA", start=1949, end=1979, con=con)
    rival = con.execute("SELECT count(*) FROM tss_rivalries WHERE ccode1 = 710 AND ccode2 = 713 AND styear <= 1969 "
                        "AND endyear >= 1960").fetchall()[0][0]
    pact = con.execute("SELECT count(*) FROM atop_dyad_year WHERE ccode1 = 2 AND ccode2 = 713 AND atop_defense = 1 "
                       "AND year BETWEEN 1960 AND 1969").fetchall()[0][0]
    assert rival >= 1 and pact == 10
    assert frame.attrs["best"]["era"] == (1960, 1969) and frame.attrs["best"]["row"]["ccode"] == 713
    nz = frame[(frame["ccode"] == 920) & (frame["era_first"] == 1970)].iloc[0]
    taiwan = frame[(frame["ccode"] == 713) & (frame["era_first"] == 1960)].iloc[0]
    assert nz["strength"] > taiwan["strength"] and not nz["rivalry"] and taiwan["rivalry"]


def test_a_pair_without_hard_evidence_reads_by_votes_alone(con):
    """Tuvalu (947) has no rivalry, dispute or sanctions case in the warehouse: the era reading runs on UN votes
    alone, finds no divergent state (which needs hard evidence) and leaves the sentence to the whole window."""
    hard = con.execute(
        "SELECT (SELECT count(*) FROM gml_mid_dir_dyad_year WHERE ccode1 = 947) + "
        "(SELECT count(*) FROM tss_rivalries WHERE 947 IN (ccode1, ccode2)) + "
        "(SELECT count(*) FROM ties_cases WHERE targetstate = 947)").fetchall()[0][0]
    assert hard == 0
    frame = tp.by_era("TUV", "NAU", start=2000, end=2025, con=con)
    assert len(frame) and frame.attrs["best"] is None and not frame.loc[frame["divergent"], "ccode"].size
    out = third_states.limits(countries.resolve("TUV"), countries.resolve("NAU"), con, window=(2000, 2025))
    assert "by_era" not in out and out["summary"].startswith("The third state Tuvalu and Nauru treated most differently in "
                                                                  "2000–2025 was ")
