"""The third-party and limits sections read a side's whole lineage (entente.pair.third_parties.read with
``codes_a``/``codes_b``, as the brief calls it): Germany over 1816–2025 is COW 255 to 1945, West Germany (260)
in 1949–1990 and 255 again from 1990, so West Germany's alliances, disputes and UN votes are Germany's in
those years. Expected values are read here from the warehouse with SQL and pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from entente.brief import content, third_states
from entente.pair import third_parties as tp
from entente.period import LINEAGES

GMY, GFR, FRN, UKG, USA = 255, 260, 220, 200, 2
YEMEN, NORTH_YEMEN, SAU = 679, 678, 670
ALONE = ((FRN, 1816, 9999),)


@pytest.fixture(scope="module")
def germany_rows(con):
    return tp.read(GMY, FRN, start=1816, end=2025, con=con, codes_a=LINEAGES[GMY], codes_b=ALONE)


def _codes(frame: pd.DataFrame) -> set[int]:
    columns = [c for c in ("ccode1", "ccode2", "sender", "target") if c in frame.columns]
    return {int(v) for c in columns for v in frame[c].unique()}


def test_west_germanys_pacts_are_germanys_in_its_years(con, germany_rows):
    # the states West Germany had an ATOP defence obligation with, and the years, read independently
    sql = con.execute("SELECT ccode2, year FROM atop_dyad_year WHERE ccode1 = ? AND atop_defense = 1 "
                      "AND year BETWEEN 1949 AND 1990", [GFR]).df()
    assert {UKG, USA} <= set(sql["ccode2"])          # NATO (and the WEU for the United Kingdom)
    atop = germany_rows["atop_dyad_year"]
    mine = atop[(atop["ccode1"] == GMY) & (atop["atop_defense"] == 1)]
    for partner in (UKG, USA):
        expected = set(sql.loc[sql["ccode2"] == partner, "year"])
        got = set(mine.loc[(mine["ccode2"] == partner) & mine["year"].between(1949, 1989), "year"])
        assert got == expected - {1990}
    # so, in 1960–1969, both are allied with Germany as with France: shared friends by their pacts
    rows = tp.read(GMY, FRN, start=1960, end=1969, con=con, codes_a=LINEAGES[GMY], codes_b=ALONE)
    table = tp.third_parties(GMY, FRN, start=1960, end=1969, con=con, rows=rows).set_index("ccode")
    france = con.execute("SELECT DISTINCT ccode2 FROM atop_dyad_year WHERE ccode1 = ? AND atop_defense = 1 "
                         "AND year BETWEEN 1960 AND 1969", [FRN]).df()["ccode2"]
    for partner in (UKG, USA):
        assert table.loc[partner, "allied_a"] and (table.loc[partner, "allied_b"] == (partner in set(france)))
    # while one code alone (255, no state in 1960–1969) has no pact in that decade
    alone = tp.third_parties(GMY, FRN, start=1960, end=1969, con=con)
    assert not alone.set_index("ccode").reindex([UKG, USA])["allied_a"].fillna(False).astype(bool).any()


def test_each_years_un_rows_are_that_years_codes(con, germany_rows):
    unga = germany_rows["m_unga_alignment_dyad_year"]
    for year, code in ((1980, GFR), (2000, GMY)):
        sql = con.execute("SELECT CASE WHEN ccode1 = ? THEN ccode2 ELSE ccode1 END AS other, kappa "
                          "FROM m_unga_alignment_dyad_year WHERE (ccode1 = ? OR ccode2 = ?) AND year = ?",
                          [code, code, code, year]).df()
        sql = sql[sql["other"] != (GMY if code == GFR else GFR)]
        got = unga[(unga["year"] == year) & ((unga["ccode1"] == GMY) | (unga["ccode2"] == GMY))]
        other = np.where(got["ccode1"] == GMY, got["ccode2"], got["ccode1"])
        assert dict(zip(other.tolist(), got["kappa"].round(12))) == dict(zip(sql["other"], sql["kappa"].round(12)))


def test_the_un_baseline_is_west_germanys_in_its_years(con):
    """z of the United Kingdom for Germany over 1974–1989 is West Germany's: its κ with the United Kingdom
    standardised among all its partners with 10 or more roll calls in common (MIN_VOTES), in pandas."""
    first, last = 1974, 1989
    rows = tp.read(GMY, FRN, start=first, end=last, con=con, codes_a=LINEAGES[GMY], codes_b=ALONE)
    table = tp.third_parties(GMY, FRN, start=first, end=last, con=con, rows=rows).set_index("ccode")
    votes = con.execute("SELECT ccode1, ccode2, kappa, n_votes FROM m_unga_alignment_dyad_year "
                        "WHERE (ccode1 = ? OR ccode2 = ?) AND year BETWEEN ? AND ?", [GFR, GFR, first, last]).df()
    votes["other"] = np.where(votes["ccode1"] == GFR, votes["ccode2"], votes["ccode1"])
    per = votes.groupby("other").agg(k=("kappa", "mean"), n=("n_votes", "sum"))     # France among them
    per = per[per["n"] >= 10]
    z = (per.loc[UKG, "k"] - per["k"].mean()) / per["k"].std(ddof=1)
    assert table.loc[UKG, "z_a"] == pytest.approx(z, abs=1e-9)
    assert table.loc[UKG, "partners_a"] == len(per)


def test_west_germany_is_never_a_third_state_of_germany(con, germany_rows):
    for name, frame in germany_rows.items():
        assert GFR not in _codes(frame), name
    table = tp.third_parties(GMY, FRN, start=1816, end=2025, con=con, rows=germany_rows)
    assert GFR not in set(table["ccode"])
    eras = tp.by_era(GMY, FRN, start=1816, end=2025, con=con, rows=germany_rows)
    assert GFR not in set(eras["ccode"])
    # a side is no third state of itself: West Germany's own rows with Germany (1990) are left out
    atop = germany_rows["atop_dyad_year"]
    assert not ((atop["ccode1"] == GMY) & (atop["ccode2"] == GMY)).any()


def test_a_year_of_transition_counts_once(con, germany_rows):
    """1990: ATOP gives both West Germany and Germany a row with the United Kingdom; the side has one."""
    both = con.execute("SELECT count(*) FROM atop_dyad_year WHERE ccode1 IN (?, ?) AND ccode2 = ? AND year = 1990",
                       [GMY, GFR, UKG]).df().iloc[0, 0]
    assert both == 2
    atop = germany_rows["atop_dyad_year"]
    assert len(atop[(atop["ccode1"] == GMY) & (atop["ccode2"] == UKG) & (atop["year"] == 1990)]) == 1


def test_the_brief_reads_the_lineage_and_names_it(con):
    ctx = content.context("GMY", "FRN", start=1816, end=2025, con=con)
    table = content._third_table(ctx)
    assert GFR not in set(table["ccode"])
    row = table.set_index("ccode").loc[USA]
    assert "1954" in str(row["allied_span_a"]) or "1955" in str(row["allied_span_a"])
    out = content.compute(ctx, ["limits"])["limits"]["section"]
    assert GFR not in {r["ccode"] for r in out["unshared"]}


def test_north_yemen_is_yemen_before_1990(con):
    rows = tp.read(YEMEN, SAU, start=1970, end=2025, con=con, codes_a=LINEAGES[YEMEN], codes_b=((SAU, 1816, 9999),))
    assert all(NORTH_YEMEN not in _codes(f) for f in rows.values())
    unga = rows["m_unga_alignment_dyad_year"]
    n_1980 = con.execute("SELECT count(*) FROM m_unga_alignment_dyad_year WHERE (ccode1 = ? OR ccode2 = ?) "
                         "AND year = 1980", [NORTH_YEMEN, NORTH_YEMEN]).df().iloc[0, 0]
    assert n_1980 > 0
    assert len(unga[(unga["year"] == 1980) & ((unga["ccode1"] == YEMEN) | (unga["ccode2"] == YEMEN))]) == n_1980


@pytest.mark.parametrize("a, b, start, end", [("IRN", "RUS", 1992, 2020), ("USA", "CHN", 1971, 2025)])
def test_a_pair_without_lineage_reads_as_for_single_codes(con, a, b, start, end):
    ctx = content.context(a, b, start=start, end=end, con=con)
    assert len(ctx.a.ccodes) == len(ctx.b.ccodes) == 1
    brief = content._third_table(ctx)
    single = tp.third_parties(a, b, start=start, end=end, con=con)
    pd.testing.assert_frame_equal(brief.reset_index(drop=True), single.reset_index(drop=True))
    rows = tp.read(a, b, start=start, end=end, con=con, codes_a=ctx.a.codes, codes_b=ctx.b.codes)
    plain = tp.read(a, b, start=start, end=end, con=con)
    for name in plain:
        pd.testing.assert_frame_equal(rows[name], plain[name], obj=name)


def test_sentences_name_the_side_by_its_lineage_in_west_germanys_years(con):
    """Over 1970–1979 the Germany side was West Germany (its code in every year of it, as LINEAGES says):
    a sentence about those years says so, and a side without a lineage is named as before."""
    ctx = content.context("GMY", "RUS", start=1816, end=2025, con=con)
    assert all(ctx.a.code_in(y) == GFR for y in range(1970, 1980))
    sa, sb = content._main_states(ctx)
    wa, wb = third_states._pair_over(sa, sb, 1970, 1979, 2025, (ctx.a, ctx.b))
    assert (wa, wb) == ("West Germany", "the Soviet Union")
    assert third_states._pair_over(sa, sb, 1970, 1979, 2025) == ("Germany", "the Soviet Union")


def test_topics_read_west_germanys_votes_as_germanys(con):
    """The pair's roll calls in common per issue: Germany's (from 1990) and West Germany's (1973–1989) with
    France, counted here in SQL."""
    codes = {"codes_a": LINEAGES[GMY], "codes_b": ALONE}
    found = tp.topics(GMY, FRN, start=1946, end=2025, con=con, **codes).set_index("issue")["n_votes"]
    sql = con.execute(
        "SELECT i.issue, count(DISTINCT g.rcid) AS n FROM unga_votes g JOIN unga_votes f USING (rcid) "
        "JOIN unga_rollcalls r USING (rcid) JOIN unga_rollcall_issues i USING (rcid) "
        "WHERE f.ccode = ? AND ((g.ccode = ? AND r.year >= 1990) OR (g.ccode = ? AND r.year BETWEEN 1949 AND 1990)) "
        "GROUP BY i.issue", [FRN, GMY, GFR]).df().set_index("issue")["n"]
    alone = tp.topics(GMY, FRN, start=1946, end=2025, con=con).set_index("issue")["n_votes"]
    for issue, n in found.items():
        assert n == sql[issue] and n > alone[issue]


class _Given:
    """A second process's parts (content.apart), handed over in order."""

    def __init__(self, parts):
        self.parts = list(parts)

    def take(self):
        return self.parts.pop(0) if self.parts else None


@pytest.mark.slow
def test_the_second_process_reads_the_lineage_as_one_process_does(con):
    parts = []
    content.apart("GMY", "FRN", start=1946, end=2025, send=parts.append)
    pd.testing.assert_frame_equal(parts[0][content.APART_SHARED],
                                  content._third_table(content.context("GMY", "FRN", start=1946, end=2025, con=con)))
    two = content.assemble("GMY", "FRN", start=1946, end=2025, con=con, apart=_Given(parts))
    one = content.assemble("GMY", "FRN", start=1946, end=2025, con=con)
    for name in ("third_parties", "limits"):
        assert two["sections"][name]["summary"] == one["sections"][name]["summary"]
    assert "West Germany" in one["sections"]["third_parties"]["summary"]
