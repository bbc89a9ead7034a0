"""Sentences an area expert would stop at, fixed at their cause: each test reads the warehouse with SQL for
the expected years and checks the words built from them."""

from __future__ import annotations

import pandas as pd
import pytest

from entente import countries, period
from entente.brief import prose, third_states
from entente.brief.content import _membership, context
from entente.brief.council import sanctions_sentence, state_name
from entente.measures.treaties import spells
from entente.pair import alignment


def _last_member_year(con, ccode: int) -> int:
    return con.execute("SELECT year(max(end_date)) FROM cow_states WHERE ccode = ?", [ccode]).fetchall()[0][0]


def _first_vote(con, ccode: int) -> int:
    return con.execute("SELECT min(r.year) FROM unga_votes v JOIN unga_rollcalls r USING (rcid) WHERE v.ccode = ?",
                       [ccode]).fetchall()[0][0]


def test_a_default_window_ends_when_a_state_ceased(con):
    """West and East Germany: the brief speaks for 1949–1990, not to the data's last year (2025)."""
    assert context("GFR", "GDR", con=con).window.last == min(_last_member_year(con, 260), _last_member_year(con, 265))
    assert context("RVN", "USA", con=con).window.last == _last_member_year(con, 817)
    assert context("GFR", "GDR", start=1950, end=2000, con=con).window.last == 2000      # asked for: kept
    assert context("IRN", "RUS", con=con).window.last > 2020


def test_un_vote_years_with_a_gap_are_said_as_spells(con):
    """Yugoslavia (345) did not sit in the General Assembly from late 1992 to 2000 (Res. 47/1)."""
    years = [y for (y,) in con.execute(
        "SELECT DISTINCT r.year FROM unga_votes v JOIN unga_rollcalls r USING (rcid) WHERE v.ccode = 345 "
        "AND r.year BETWEEN 1991 AND 2000 ORDER BY 1").fetchall()]
    runs = [period.span(lo, hi) for lo, hi in spells(years)]
    assert len(runs) > 1
    win = period.Window(1991, 2000)
    side = period.side(countries.resolve("YUG"), win)
    text = _membership(side, win, alignment.un_years(con=con))["in_window"]
    assert text.endswith(f"voted in the UN General Assembly in session-years {', '.join(runs[:-1])} and {runs[-1]}")


def _brief(con, a: int, b: int, first: int, last: int) -> dict:
    """The parts of a brief the alignment headline's reasons read, from the warehouse."""
    series = con.execute("SELECT year FROM m_unga_alignment_dyad_year WHERE ccode1 = ? AND ccode2 = ? "
                         "AND year BETWEEN ? AND ? ORDER BY year", [min(a, b), max(a, b), first, last]).df()
    return {"window": {"first": first, "last": last},
            "pair": {k: {"ccode": c, "lineage": None, "un_years": {"first": _first_vote(con, c)}}
                     for k, c in (("a", a), ("b", b))},
            "sections": {"alignment": {"series": series.to_dict("records")}}}, [int(y) for y in series["year"]]


def test_the_alignment_headline_says_why_its_years_are_fewer(con):
    brief, years = _brief(con, 345, 344, 1991, 2000)
    whole = {"from": years[0], "to": years[-1], "years": len(years)}
    assert 1 < len(years) < years[-1] - years[0] + 1
    assert prose._gaps(brief, whole) == ": " + " and ".join(period.span(lo, hi) for lo, hi in spells(years))
    assert prose._late_start(brief, years[0]) == (f"; Croatia took its seat in the General Assembly in "
                                                   f"{_first_vote(con, 344)}")
    china, years = _brief(con, 710, 2, 1949, 1979)
    assert years[0] == 1971 == _first_vote(con, 710)
    assert prose._late_start(china, 1971) == "; the People's Republic held China's UN seat only from 25 October 1971"
    germanies, years = _brief(con, 260, 265, 1949, 1990)
    assert prose._late_start(germanies, years[0]) == (
        f"; West Germany and East Germany both took their seats in the General Assembly in {_first_vote(con, 265)}")
    assert prose._late_start(germanies, 1946) == "" and prose._gaps(germanies, {"from": years[0], "to": years[-1],
                                                                               "years": len(years)}) == ""


def test_adversaries_of_one_side_are_named_over_the_years_of_the_evidence(con):
    """Over 1954–2025 China's adversary of 1958–1989 and 1964–2012 is Russia and, before 1992, the Soviet Union;
    Burma's disputes with China (1956–1969) are Burma's, not Myanmar's."""
    first = min(y for (y,) in con.execute(
        "SELECT min(styear) FROM td_rivalries WHERE ccode1 = 365 AND ccode2 = 710 AND endyear >= 1954 UNION ALL "
        "SELECT min(year) FROM gml_mid_dir_dyad_year WHERE ccode1 = 710 AND ccode2 = 365 AND year >= 1954 UNION ALL "
        "SELECT min(styear) FROM tss_rivalries WHERE ccode1 = 365 AND ccode2 = 710 AND endyear >= 1954").fetchall() if y)
    out = third_states.limits(countries.resolve("VNM"), countries.resolve("CHN"), con, window=(1954, 2025))
    sentence = out["summary"][out["summary"].index("Adversaries of one side only"):].split(". ")[0]
    assert f"Russia (the Soviet Union in {first}–1991; rival" in sentence
    burma = con.execute("SELECT max(year) FROM gml_mid_dir_dyad_year WHERE ccode1 = 710 AND ccode2 = 775").fetchall()[0][0]
    assert burma < 1989 and "Burma (" in sentence and "Myanmar" not in sentence


@pytest.mark.parametrize("state, evidence, expected", [
    ("Russia (the Soviet Union in 1958–1991)", "rival", "Russia (the Soviet Union in 1958–1991; rival)"),
    ("Democratic Republic of the Congo (Zaire in 1996)", "rival", "the Democratic Republic of the Congo (Zaire in 1996; rival)"),
    ("Soviet Union", "2 militarized disputes", "the Soviet Union (2 militarized disputes)"),
])
def test_one_pair_of_brackets(state, evidence, expected):
    assert third_states._with_evidence(state, evidence) == expected


def test_no_brackets_inside_brackets_in_the_sanctions_sentence(con):
    """TIES cases by the United States against COW 816 (North Vietnam, then Vietnam): the target's name carries
    its own brackets, so the directions follow a colon."""
    starts = [y for (y,) in con.execute("SELECT startyear FROM ties_cases WHERE targetstate = 816 AND "
                                        "(sender1 = 2 OR primarysender = 2)").fetchall()]
    between = pd.DataFrame({"direction": "a_to_b", "start": starts})
    text = sanctions_sentence(None, (2, 816), between, pd.DataFrame(), "In 1954–2005")
    target = state_name(816, min(starts), max(starts))
    assert "(" in target
    assert text == (f"In 1954–2005, TIES lists {len(starts)} sanctions cases between them: {len(starts)} by the "
                    f"United States against {target}.")


def test_the_third_parties_sentence_names_states_over_their_evidence(con):
    """Argentina–United Kingdom, 1841–2025: Russia's rivalry with Britain ran from 1841 (the Russian Empire)."""
    out = third_states.third_parties(countries.resolve("ARG"), countries.resolve("UKG"), con, window=(1841, 2025))
    russia = next(r for r in out["adversaries"] if r["ccode"] == 365)
    assert russia["name"].startswith("Russia (the Russian Empire in 1841–1916, the Soviet Union in 1922–1991")
    assert "Russia (the Russian Empire in 1841–1916, the Soviet Union in 1922–1991; rival of" in out["summary"]


def test_sanctions_alone_make_no_shared_adversary(con):
    """Germany (255) imposed TIES sanctions on both India and Pakistan (the 1998 nuclear tests) and had no
    militarized dispute or rivalry with either: it is not an adversary of both, and the method says why."""
    def imposed(target):
        return con.execute("SELECT count(*) FROM ties_cases WHERE targetstate = ? AND imposition = 1 AND 255 IN "
                           "(sender1, sender2, sender3, sender4, sender5, primarysender)", [target]).fetchall()[0][0]

    disputes = con.execute("SELECT count(*) FROM gml_mid_dir_dyad_year WHERE ccode1 = 255 AND ccode2 IN (750, 770) "
                           "AND year >= 1947").fetchall()[0][0]
    assert imposed(750) and imposed(770) and disputes == 0
    out = third_states.third_parties(countries.resolve("IND"), countries.resolve("PAK"), con, window=(1947, 2025))
    assert 255 not in {r["ccode"] for r in out["adversaries"]} and "Germany" not in out["summary"].split(". ")[0]
    assert "alone make no adversary" in out["method"]
    none = third_states.third_parties(countries.resolve("GFR"), countries.resolve("GDR"), con, window=(1949, 1990))
    assert "none had a rivalry or a militarized dispute with each at the same time" in none["summary"]
