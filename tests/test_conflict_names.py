"""UCDP/PRIO conflicts are named from the data (entente.measures.conflict_names), checked against the raw
conflict-year table read here with SQL and mapped to COW codes through ``cow_gw_years``, not through the
resolver the names are built with."""

from __future__ import annotations

import pytest

from entente import countries
from entente.brief.history import _conflict_sentence, _conflict_spells
from entente.measures.conflict_names import COMMON_WAR_NAMES, common_war_name, war_title
from entente.pair import evidence


def _cow(con, gwcode: int, year: int) -> int:
    """G-W → COW in ``year`` by the crosswalk table (its last year, 2020, stands for later ones)."""
    rows = con.execute("SELECT ccode FROM cow_gw_years WHERE gwcode = ? AND year = LEAST(?, 2020) "
                       "AND ccode IS NOT NULL", [gwcode, year]).fetchall()
    return rows[0][0] if rows else {972: 955}.get(gwcode, gwcode)     # Tonga: G-W microstate 972, COW 955


@pytest.fixture(scope="module")
def names(con):
    every = con.execute("SELECT DISTINCT conflict_id, year FROM ucdp_acd_conflict_year").df()
    return evidence.conflict_names(every, con=con).set_index("conflict_id")


def test_every_conflict_has_a_name_of_its_own(con, names):
    assert len(names) == con.execute("SELECT count(DISTINCT conflict_id) FROM ucdp_acd_conflict_year").fetchall()[0][0]
    assert names["name"].is_unique
    assert not names["name"].str.contains(r"G-W state|\bNone\b|nan", regex=True).any()


def test_interstate_names_give_both_governments_as_they_were_named_then(con, names):
    rows = con.execute(
        "SELECT conflict_id, min(year), max(year), count(DISTINCT gwno_a), count(DISTINCT gwno_b), "
        "any_value(gwno_a), any_value(gwno_b) FROM ucdp_acd_conflict_year GROUP BY conflict_id "
        "HAVING bool_or(type_of_conflict = 'interstate')").fetchall()
    checked = 0
    for cid, first, last, n_a, n_b, ga, gb in rows:
        name = names.loc[cid, "name"]
        assert f"({first}–{last})" in name or f"({first})" in name, name
        if n_a == n_b == 1 and not names.loc[cid, "cow_wars"] and ga != 751:      # Hyderabad: no COW code
            a = countries.name(_cow(con, ga, last), last)
            b = countries.name(_cow(con, gb, last), last)
            assert f"{a}–{b} conflict over" in name, (cid, name)
            checked += 1
    assert checked >= 20


def test_internationalized_conflicts_name_the_government_and_every_state_that_sent_troops(con, names):
    """Every supporter of an internationalized conflict with at most five per side is named, with the name it
    bore in its last year of support (the Soviet Union in Afghanistan in 1980–1989)."""
    conflicts = con.execute(
        "SELECT conflict_id, any_value(gwno_a), max(year) FROM ucdp_acd_conflict_year GROUP BY conflict_id "
        "HAVING bool_or(type_of_conflict = 'II') AND NOT bool_or(type_of_conflict = 'interstate')").fetchall()
    for cid, gov, last in conflicts:
        name = names.loc[cid, "name"]
        assert name.startswith("the internationalized intrastate conflict in "), name
        assert countries.name(_cow(con, gov, last), last) in name
        for column, side in (("gwno_a_2nd", "the government's side"), ("gwno_b_2nd", "the rebels' side")):
            helpers = con.execute(f"SELECT {column}, max(year) FROM ucdp_acd_conflict_year WHERE conflict_id = ? "
                                  f"AND {column} IS NOT NULL GROUP BY 1", [cid]).fetchall()
            if helpers:
                assert side in name, (cid, name)
            if 0 < len(helpers) <= 5:
                for g, year in helpers:
                    assert countries.name(_cow(con, g, year), year) in name, (cid, g, name)
    assert "the Soviet Union (1980–1989)" in names.loc[333, "name"] and "Russia" not in names.loc[333, "name"]


def test_iran_1946_two_conflicts_told_apart_by_their_start(con, names):
    starts = dict(con.execute("SELECT DISTINCT conflict_id, strftime(start_date, '%B %Y') FROM ucdp_acd_conflict_year "
                              "WHERE conflict_id IN (205, 206)").fetchall())
    pair = evidence.armed_conflicts("IRN", "RUS", con=con).drop_duplicates("conflict_id").set_index("conflict_id")
    assert set(pair.index) == {205, 206}
    for cid in (205, 206):
        text = pair.loc[cid, "name"]
        assert f"that began in {starts[cid]}" in text and "in Iran over territory" in text
        assert "the Soviet Union on the rebels' side" in text
    assert pair.loc[205, "name"] != pair.loc[206, "name"]


def test_a_conflict_takes_the_cow_wars_fought_in_its_years_between_its_sides(con, names):
    """India–Pakistan (218) includes the COW wars between 750 and 770 in its years; the Gulf War (371) is
    one COW war whose years hold all the conflict's, so it takes the war's name."""
    wars = con.execute(
        "SELECT DISTINCT d.warnum, w.war_name FROM cow_war_inter_dyad_year d JOIN cow_war_inter_wars w USING (warnum) "
        "WHERE ((ccode1 = 750 AND ccode2 = 770) OR (ccode1 = 770 AND ccode2 = 750)) AND d.year IN "
        "(SELECT year FROM ucdp_acd_conflict_year WHERE conflict_id = 218) ORDER BY warnum").fetchall()
    assert len(wars) >= 3
    name = names.loc[218, "name"]
    assert name.startswith("the India–Pakistan conflict over territory (1948–2020), which includes ")
    assert [w["warnum"] for w in names.loc[218, "cow_wars"]] == [w for w, _ in wars]
    for warnum, war in wars:
        assert (common_war_name(war) or war_title(war, warnum)) in name      # as the war sentence names it
    gulf = con.execute(
        "SELECT DISTINCT w.war_name, w.warnum FROM cow_war_inter_dyad_year d JOIN cow_war_inter_wars w USING (warnum) "
        "WHERE ccode1 = 645 AND ccode2 = 690 AND d.year BETWEEN 1990 AND 1991").fetchall()
    assert len(gulf) == 1 and names.loc[371, "name"].startswith(war_title(*gulf[0]) + " (1990–1991)")
    assert "the United States" in names.loc[371, "name"].split("with troops from ")[1][:40]   # majors first


def test_yugoslavia_and_croatia_meet_under_ucdp_code_345(con):
    """UCDP codes Yugoslavia 345 (G-W's code for it to 2006), not 340, the code State.gwcode gives COW 345:
    the pair finds the 1992–1993 conflict in Croatia with Yugoslav troops on the rebels' side."""
    expected = {y for (y,) in con.execute(
        "SELECT DISTINCT year FROM ucdp_acd_conflict_year WHERE (gwno_a = 344 AND gwno_b_2nd = 345) "
        "OR (gwno_b = 344 AND gwno_a_2nd = 345) OR (gwno_a = 345 AND gwno_b = 344)").fetchall()}
    found = evidence.armed_conflicts("YUG", "CRO", con=con)
    assert expected and set(found["year"]) == expected
    assert set(found["a_role"]) == {"supporting"} and set(found["b_role"]) == {"primary"}
    assert "in Croatia over territory" in found["name"].iloc[0] and "Yugoslavia on the rebels' side" in found["name"].iloc[0]


class _Ctx:
    """What _conflict_sentence reads from a brief's context: the window and the pair's names."""

    class window:
        @staticmethod
        def clip(covers):
            return covers

    def names(self, year=None):
        return "India", "Pakistan"

    def gap_clause(self, rec):
        return ""


def test_the_brief_sentence_names_the_conflict_and_its_active_years(con):
    rows = evidence.armed_conflicts("IND", "PAK", con=con)
    years = con.execute("SELECT count(DISTINCT year), min(year), max(year) FROM ucdp_acd_conflict_year "
                        "WHERE conflict_id = 218").fetchall()[0]
    text = _conflict_sentence(_Ctx(), _conflict_spells(rows), {"covers": [1946, 2024]})
    assert "the India–Pakistan conflict over territory" in text and "an interstate armed conflict" not in text
    assert f"UCDP conflict 218, active in {years[0]} of the {years[2] - years[1] + 1} years {years[1]}–{years[2]}" in text


@pytest.mark.parametrize("cow, expected", [("Vietnam War, Phase 2", "phase 2 of the Vietnam War"),
                                           ("Second Laotian, Phase 2", "phase 2 of the Second Laotian War"),
                                           ("Invasion of Iraq", "the invasion of Iraq"),
                                           ("Second Kashmir", "the Second Kashmir War"),
                                           ("World War II", "World War II")])
def test_cow_war_names_as_a_reader_says_them(con, cow, expected):
    assert con.execute("SELECT count(*) FROM cow_war_inter_wars WHERE war_name = ?", [cow]).fetchall()[0][0] == 1
    assert war_title(cow, 0) == expected


def test_common_names_are_for_cow_names_that_exist(con):
    """Every COW name given a common name is a war in COW's list (a misspelt key would never be used), and
    names COW already shares with common usage get none."""
    cow = {str(n) for (n,) in con.execute("SELECT DISTINCT war_name FROM cow_war_inter_wars").fetchall()}
    assert set(COMMON_WAR_NAMES) <= cow, set(COMMON_WAR_NAMES) - cow
    assert common_war_name("Assam") == "the Sino-Indian War" and common_war_name("Kargil War") is None
    assert common_war_name(None) is None
