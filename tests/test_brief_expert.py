"""Sentences an area expert would stop at, fixed at their cause: each test reads the warehouse with SQL for
the expected years and checks the words built from them."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from entente import countries, period
from entente.brief import prose, third_states
from entente.brief.content import _membership, context
from entente.brief.council import sanctions_sentence, state_name
from entente.brief.third_words import name_across
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
    assert first < 1991 and "Russia (the Soviet Union until 1991; rival" in sentence   # the name the evidence opens with
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
    assert russia["name"].startswith("Russia (the Russian Empire until 1916, the Soviet Union in 1922–1991")
    assert "Russia (the Russian Empire until 1916, the Soviet Union in 1922–1991; against both in" in out["summary"]


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


def test_a_window_inside_a_gap_in_un_votes_says_no_vote(con):
    """Yugoslavia cast no General Assembly vote in 1993–1999 (the table: none), though it voted before and after."""
    assert con.execute("SELECT count(*) FROM unga_votes v JOIN unga_rollcalls r USING (rcid) WHERE v.ccode = 345 "
                       "AND r.year BETWEEN 1993 AND 1999").fetchall()[0][0] == 0
    win = period.Window(1994, 1998)
    text = _membership(period.side(countries.resolve("YUG"), win), win, alignment.un_years(con=con))["in_window"]
    assert text.endswith("; no UN General Assembly vote in these years")


# ------------------------------------------------------------- third parties over long windows (eras2)
def _runs(years) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for y in sorted(set(years)):
        if out and out[-1][1] == y - 1:
            out[-1][1] = y
        else:
            out.append([y, y])
    return [(lo, hi) for lo, hi in out]


def _said(years, keep: int = 3) -> str:
    """Years as the summary says them, written here apart from the code: "in 1942–1945", "in 1896–1900 and
    1942–1980", "in 5 spells between 1816 and 1955"."""
    spans = [str(lo) if lo == hi else f"{lo}–{hi}" for lo, hi in _runs(years)]
    if len(spans) > keep:
        return f"in {len(spans)} spells between {_runs(years)[0][0]} and {_runs(years)[-1][1]}"
    return "in " + (spans[0] if len(spans) == 1 else ", ".join(spans[:-1]) + " and " + spans[-1])


def _pact_years(con, x: int, y: int, start: int, end: int) -> set[int]:
    """Years ``x`` (a side of the pair) had a defence or offence obligation with ``y`` (ATOP, directed rows with
    ``x`` first, as the sections read them) or a COW defence pact, by hand."""
    rows = con.execute("SELECT year FROM atop_dyad_year WHERE ccode1 = ? AND ccode2 = ? AND year BETWEEN ? AND ? AND "
                       "(atop_defense = 1 OR atop_offense = 1) UNION SELECT year FROM cow_alliance_dyad_year WHERE "
                       "ccode1 = ? AND ccode2 = ? AND year BETWEEN ? AND ? AND cow_defense = 1",
                       [x, y, start, end, x, y, start, end]).fetchall()
    return {int(r[0]) for r in rows}


def _years_of(text: str) -> set[int]:
    out = set()
    for part in str(text).split(","):
        lo, _, hi = part.strip().partition("–")
        out.update(range(int(lo), int(hi or lo) + 1))
    return out


def test_a_shared_adversarys_pacts_carry_their_years_and_a_though_only_when_against_both(con):
    """The United States and China, 1860–2025: the Soviet Union was allied with China in 1950–1980 and with the
    United States in the Second World War, and against both in other years. Each pact is said with its years
    (ATOP and COW, by hand); "though" only for the pact years that fall in the years it was against both,
    never "though allied with both"."""
    sa, sb = countries.resolve("USA"), countries.resolve("CHN")
    table = third_states.third_party_table(sa, sb, con, (1860, 2025))
    out = third_states.third_parties(sa, sb, con, table=table, window=(1860, 2025))
    row = table[table["ccode"] == 365].iloc[0]
    against = _years_of(row["shared_years"])
    us, cn = _pact_years(con, 2, 365, 1860, 2025), _pact_years(con, 710, 365, 1860, 2025)
    assert us and cn                                  # pacts with both: the old summary's "though allied with both"
    assert f"allied with the United States {_said(us)}, and with China {_said(cn)})" in out["summary"]
    though = {"the United States": us & against, "China": cn & against}
    said = [f"{who} {_said(ys)}" for who, ys in though.items() if ys]
    assert said, "the Sino-Soviet pact ran to 1980, into the years the Soviet Union was against both"
    assert f"though allied with {said[0]}" in out["summary"]
    for who, ys in though.items():
        if not ys:
            assert f"though allied with {who}" not in out["summary"]
    assert "though allied with both" not in out["summary"]
    # the summary names the Soviet Union's years against both first (up to four spells), as the table holds them
    assert f"Russia (the Russian Empire until 1916, the Soviet Union in 1922–1991; against both {_said(against, 4)}, " \
           f"though allied with" in out["summary"]


def test_every_clause_of_a_shared_adversary_carries_years(con):
    """No "rival of both", "disputes with both" or "sanctions with both" without years, over long windows."""
    for a, b, window in (("USA", "CHN", (1860, 2025)), ("TUR", "GRC", (1827, 2025)), ("ISR", "SYR", (1948, 2025))):
        out = third_states.third_parties(countries.resolve(a), countries.resolve(b), con, window=window)
        text = out["summary"]
        for clause in ("rival of both", "disputes with both", "sanctions with both", "allied with both"):
            for hit in re.finditer(re.escape(clause), text):
                assert re.match(r" in (\d{4}|\d+ spells)", text[hit.end():]), (clause, text[hit.start():hit.end() + 30])


def _uar_years() -> list[int]:
    return [y for y in range(1946, 1990) if countries.name(651, y) == "United Arab Republic"]


def test_an_era_sentence_names_egypt_over_the_eras_years(con):
    """Israel and Egypt, 1948–1979: the era 1948–1959 is not "the United Arab Republic"'s (a name of 1958–1961
    only): "Israel and Egypt (the United Arab Republic from 1958)". Syria left the state system in 1958
    (COW, by hand), which the sentence says, and its pact with Egypt carries ATOP's years."""
    sa, sb = countries.resolve("ISR"), countries.resolve("EGY")
    out = third_states.limits(sa, sb, con, window=(1948, 1979))
    era = out["summary"].split(". ")[0]
    uar = _uar_years()
    assert "Israel and the United Arab Republic" not in out["summary"]
    assert f"Israel and Egypt (the United Arab Republic from {uar[0]}) treated most differently was Syria" in era
    syria_end = con.execute("SELECT min(year(end_date)) FROM cow_states WHERE ccode = 652").fetchall()[0][0]
    assert f"Syria (a state until {syria_end}), in 1948–1959" in era
    pact = _pact_years(con, 651, 652, 1948, 1959)
    assert f"it was allied with Egypt ({min(pact)}–{max(pact)})" in era and len(_runs(pact)) == 1
    # Egypt's adversaries of one side only, 1951–1972, straddle the years it was the United Arab Republic
    assert f"of Egypt (the United Arab Republic in {uar[0]}–{uar[-1]}), " in out["summary"]


def test_a_run_of_eras_names_its_state_over_the_runs_years(con):
    """Iran and Iraq, 1932–2025: Egypt leads the eras of 1950–1979, and was the United Arab Republic in only
    four of those years: "Egypt (1950–1979; the United Arab Republic in 1958–1961)", never "the United Arab
    Republic (1950–1979)"."""
    out = third_states.limits(countries.resolve("IRN"), countries.resolve("IRQ"), con, window=(1932, 2025))
    eras = pd.DataFrame(out["by_era"])
    runs = _runs([y for lo, hi in zip(eras.loc[eras["ccode"] == 651, "era_first"], eras.loc[eras["ccode"] == 651,
                                                                                          "era_last"])
                  for y in range(lo, hi + 1)])
    uar = _uar_years()
    inside = [(lo, hi) for lo, hi in runs if lo <= uar[0] and uar[-1] <= hi]
    assert inside, runs
    lo, hi = inside[0]
    assert f"Egypt ({lo}–{hi}; the United Arab Republic in {uar[0]}–{uar[-1]})" in out["summary"]
    assert not re.search(r"the United Arab Republic \(\d{4}", out["summary"])


@pytest.mark.parametrize("ccode, first, last, head, expected", [
    (651, 1948, 1959, 1979, "Egypt (the United Arab Republic from 1958)"),
    (651, 1950, 1979, 1979, "Egypt (the United Arab Republic in 1958–1961)"),
    (651, 1960, 1969, 2025, "Egypt (the United Arab Republic until 1961)"),
    (345, 1940, 1949, 2025, "Yugoslavia"),                # never named by a later name it did not bear then
    (365, 1980, 1989, 2025, "Soviet Union"),
    (365, 1816, 2025, 2025, "Russia (the Russian Empire until 1916, the Soviet Union in 1922–1991)"),
])
def test_a_state_is_named_across_a_sentences_years(ccode, first, last, head, expected):
    # every name it bore in those years, by year, is in the words
    names = {countries.name(ccode, y) for y in range(first, last + 1)}
    assert all(n in expected for n in names)
    assert name_across(ccode, first, last, head) == expected


def test_name_across_asks_only_where_names_change_and_agrees_with_name_over():
    """name_across reads names at the years they can change; year by year, countries.name gives the same runs,
    and with no head year the words are entente.period.name_over's (a per-year reading)."""
    codes = sorted(set(countries.PERIOD_NAMES) | {2, 255, 260, 345, 365, 651, 652, 710, 816})
    for code in codes:
        for first, last in ((1816, 2025), (1900, 1960), (1948, 1959), (1990, 2025), (1955, 1955), (1917, 1922)):
            said = {countries.name(code, y) for y in range(first, last + 1)}
            text = name_across(code, first, last)
            assert all(n in text for n in said), (code, first, last, text)
            assert text == period.name_over(code, first, last), (code, first, last)


def test_a_side_is_named_as_it_was_in_the_years_of_its_evidence(con):
    """The United States and Russia, 1985–1995: East Germany's pact was with the Soviet Union (ATOP, by hand,
    to 1990), not with "Russia", the name the window's end gives the side."""
    out = third_states.limits(countries.resolve("USA"), countries.resolve("RUS"), con, window=(1985, 1995))
    pact = _pact_years(con, 365, 265, 1985, 1995)
    assert {countries.name(365, y) for y in pact} == {"Soviet Union"}
    assert out["summary"].startswith("The third state the United States and Russia (the Soviet Union until 1991) "
                                     "treated most differently in 1985–1995 was East Germany: it was allied with the "
                                     f"Soviet Union ({min(pact)}–{max(pact)})")
    assert "allied with Russia" not in out["summary"]


def test_a_pact_wholly_in_the_years_against_both_is_said_once_as_a_though(con):
    """Japan and China's military agreement of 1918 (ATOP, by hand) falls in Japan's years against both the
    United States and China: "though allied with China in 1918", not repeated among its other pacts."""
    sa, sb = countries.resolve("USA"), countries.resolve("CHN")
    table = third_states.third_party_table(sa, sb, con, (1860, 2025))
    out = third_states.third_parties(sa, sb, con, table=table, window=(1860, 2025))
    row = table[table["ccode"] == 740].iloc[0]
    pact, us = _pact_years(con, 710, 740, 1860, 2025), _pact_years(con, 2, 740, 1860, 2025)
    assert pact and pact <= _years_of(row["shared_years"]) and not us & _years_of(row["shared_years"])
    japan = out["summary"][out["summary"].index("; Japan ("):]
    assert f"though allied with China {_said(pact)}" in japan
    assert f"allied with the United States {_said(us)})" in japan and f"and with China {_said(pact)}" not in japan
    evidence = next(r["evidence"] for r in out["adversaries"] if r["ccode"] == 740)
    assert f"though allied with China ({min(pact)})" in evidence and "; allied with the United States (" in evidence


def test_the_side_a_third_state_opposed_is_also_said_to_be_its_ally_in_the_same_era(con):
    """Turkey and Greece, 1950–1959: Yugoslavia was Greece's rival to 1953 and then its ally in the Balkan Pact,
    as it was Turkey's (ATOP, by hand): the era sentence says both, not the rivalry alone."""
    out = third_states.limits(countries.resolve("TUR"), countries.resolve("GRC"), con, window=(1827, 2025))
    era = out["summary"].split(". ")[0]
    assert "treated most differently was Yugoslavia, in 1950–1959" in era
    turkey, greece = _pact_years(con, 640, 345, 1950, 1959), _pact_years(con, 350, 345, 1950, 1959)
    assert turkey and greece and len(_runs(greece)) == 1
    assert f"it was allied with Turkey ({min(turkey)}–{max(turkey)})" in era
    assert era.endswith(f"and was allied with Greece ({min(greece)}–{max(greece)})")


def test_a_clause_names_a_side_as_it_was_in_the_clauses_years(con):
    """Germany and France, 1816–1945: the Russian Empire's pact with the side in 1848, the years it was against
    both, was with Prussia (ATOP by hand; COW names 255 Prussia to 1870), not "Germany"."""
    sa, sb = countries.resolve("GMY"), countries.resolve("FRN")
    table = third_states.third_party_table(sa, sb, con, (1816, 1945))
    out = third_states.third_parties(sa, sb, con, table=table, window=(1816, 1945))
    row = table[table["ccode"] == 365].iloc[0]
    overlap = _pact_years(con, 255, 365, 1816, 1945) & _years_of(row["shared_years"])
    assert overlap and {countries.name(255, y) for y in overlap} == {"Prussia"}
    assert f"though allied with Prussia {_said(overlap)}" in out["summary"]
    assert "though allied with Germany" not in out["summary"]
