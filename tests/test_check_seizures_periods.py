"""entente check on seizures of territory ("Russia seized Crimea in 2014") and named periods ("during
Détente"): what the sentence is read as, and each verdict on the bundled data, established again here by
a hand-written query on the warehouse (MID highest actions, ATOP obligations, UCDP conflict years)."""

from __future__ import annotations

import pytest

from entente.factcheck import check
from entente.factcheck.claims import detect
from entente.factcheck.periods import period
from entente.factcheck.territories import HELD_BY, holder, seizure
from entente.factcheck.text import parse
from entente.store import one

#: MID militarized action "occupation of territory" (MID 4/5 codebook); every action ranked above it is force too.
OCCUPATION = 14


def _claims(text: str, date: str = "2015-03-18"):
    return detect(parse(text, date=date))


def _row(text: str, con, date: str = "2015-03-18", kind: str = "disputes") -> dict:
    frame = check(text, date=date, con=con, robust=False)
    rows = frame[frame["kind"] == kind].to_dict("records")
    assert len(rows) == 1, frame[["kind", "states", "verdict"]]
    return rows[0]


def _occupations(con, seizer: int, held: int, first: int, last: int) -> int:
    """Disputes in which ``seizer``'s highest action against ``held`` was occupation of territory or above."""
    return one(con, "SELECT count(DISTINCT dispnum) FROM cow_mid_dir_dyad_year WHERE ccode1 = ? AND ccode2 = ? "
                    "AND year BETWEEN ? AND ? AND hiact1 >= ?", [seizer, held, first, last, OCCUPATION])[0]


# ------------------------------------------------------------------------------------------ periods
@pytest.mark.parametrize("text, span", [
    ("During Détente, there was no alliance.", (1969, 1979)), ("during detente they traded", (1969, 1979)),
    ("In the years of détente the two talked.", (1969, 1979)), ("During the Cold War they were rivals.", (1947, 1991)),
    ("In the interwar years they had no alliance.", (1919, 1938)), ("after the Cold War they traded", (1992, 2019)),
    ("They were allies during the Second World War.", (1939, 1945)),
    ("During the détente between the two Koreas in 2018 they met.", (2018, 2018)),   # a détente, not Détente
])
def test_named_periods_are_read_as_their_years(text, span):
    got = period(text, 2019)
    assert got is not None and (got.start, got.end) == span, got


def test_a_cold_war_period_does_not_hide_a_war_claim():
    claims = _claims("During the Cold War, the United States and the Soviet Union never fought a war against each "
                     "other.", "2019-11-09")
    wars = [c for c in claims if c.kind == "wars"]
    assert len(wars) == 1 and wars[0].negated and (wars[0].period.start, wars[0].period.end) == (1947, 1991)
    assert wars[0].states == [2, 365]


def test_detente_names_the_superpowers_when_the_sentence_names_no_state():
    claims = _claims("Détente in the 1970s brought arms-control treaties but no alliance.", "1989-12-01")
    assert [(c.kind, c.states, c.negated) for c in claims] == [("alliance", [2, 365], True)]


def test_no_alliance_during_detente_is_checked_against_atop(con):
    """ATOP codes the Helsinki Final Act (1975) as a non-aggression pledge between the two: 'no alliance'
    during Détente is contradicted; a defence pact there was none (supported)."""
    def obligations(kind, first, last):
        return one(con, f"SELECT count(*) FROM atop_dyad_year WHERE ccode1 = 2 AND ccode2 = 365 AND year BETWEEN ? "
                        f"AND ? AND atop_{kind} > 0", [first, last])[0]
    row = _row("During Détente, there was no alliance between the United States and the Soviet Union.", con,
               "2019-11-09", "alliance")
    assert list(row["states"])[:2] == ["USA", "RUS"] and row["period"] == "1969–1979"
    assert obligations("nonagg", 1969, 1979) > 0
    assert row["verdict"] == "contradicted" and "non-aggression" in row["reason"]
    row = _row("During Détente, the United States and the Soviet Union had no defence pact.", con, "2019-11-09",
               "alliance")
    assert obligations("defense", 1969, 1979) == 0 and row["verdict"] == "supported"
    row = _row("In the interwar years the United States and the Soviet Union had no alliance.", con, "2019-11-09",
               "alliance")
    assert row["period"] == "1919–1938" and row["verdict"] == "supported"
    assert sum(obligations(k, 1919, 1938) for k in ("defense", "offense", "neutral", "nonagg", "consul")) == 0


# ---------------------------------------------------------------------------------------- seizures
@pytest.mark.parametrize("text, territory", [
    ("Russia seized Crimea in 2014.", "Crimea"), ("Russia annexed Crimea in 2014.", "Crimea"),
    ("Russia took control of Crimea in 2014.", "Crimea"), ("Russian troops occupied Crimea in 2014.", "Crimea"),
    ("Crimea was annexed by Russia in 2014.", "Crimea"), ("The annexation of Crimea by Russia in 2014 shocked Europe.", "Crimea"),
    ("The Golan Heights, which Israel captured in 1967, is still disputed.", "Golan Heights"),
])
def test_a_seizure_is_a_dispute_claim_against_the_holder(text, territory):
    year = int(next(w for w in text.replace(",", " ").replace(".", " ").split() if w.isdigit()))
    got = [c for c in _claims(text) if c.kind == "disputes"]
    held = holder(territory, year)
    assert held is not None and seizure(text).territory == territory
    assert len(got) == 1 and got[0].params["seizure"] == territory and got[0].states[1] == held
    assert got[0].states[0] == (666 if "Israel" in text else 365) and got[0].period.start == year


def test_a_seizure_without_years_takes_the_holder_of_the_articles_year():
    for date in ("2015-03-18", None):
        got = [c for c in _claims("Moscow annexed Crimea after a referendum.", date) if c.kind == "disputes"]
        assert len(got) == 1 and got[0].states == [365, 369] and got[0].period.how == "implicit"


@pytest.mark.parametrize("text", ["Its troops took part in talks on the peninsula in 2014.",
                                  "Ukrainians in occupied Crimea voted in 2014.", "Russia took office in 2014."])
def test_no_seizure_without_a_seizer_and_a_listed_territory(text):
    assert not [c for c in _claims(text) if c.params.get("seizure")]


def test_every_listed_territory_has_a_holder_in_its_own_years():
    for territory, spans in HELD_BY.items():
        for first, last, code in spans:
            assert first <= last and holder(territory, first) == code, territory


def test_crimea_2014_is_supported_by_russias_highest_action(con):
    row = _row("Russia seized Crimea in 2014.", con)
    assert _occupations(con, 365, 369, 2014, 2014) >= 1
    assert row["verdict"] == "supported" and "occupation of territory" in row["reason"]


def test_a_seizure_without_an_occupation_in_the_year_is_contradicted(con):
    row = _row("Russia had already occupied Crimea in 2008.", con)
    assert _occupations(con, 365, 369, 2008, 2008) == 0
    assert one(con, "SELECT count(*) FROM cow_mid_dir_dyad_year WHERE ccode1 = 365 AND ccode2 = 369 AND year = 2008")[0] > 0
    assert row["verdict"] == "contradicted"


def test_a_denied_seizure_is_not_covered_when_the_data_hold_an_occupation_or_more(con):
    """The MID data do not name the territory: 'did not take Crimea' is not covered by a dispute in which
    Russia's highest action reached occupation or above, and supported where none did."""
    row = _row("In the 1990s the two argued over the fleet, but Russia did not take Crimea then.", con)
    assert _occupations(con, 365, 369, 1991, 1999) >= 1 and row["verdict"] == "not covered"
    row = _row("Russia did not take Crimea in 2008.", con)
    assert _occupations(con, 365, 369, 2008, 2008) == 0 and row["verdict"] == "supported"


def test_after_the_mid_data_ucdp_supports_a_seizure_or_leaves_it_not_covered(con):
    last = one(con, "SELECT max(year) FROM cow_mid_dir_dyad_year")[0]
    assert last < 2022

    def opposite(a, b, year):     # UCDP codes states by Gleditsch-Ward number: Russia 365, Ukraine 369, Turkey 640, Cyprus 352
        return one(con, "SELECT count(*) FROM ucdp_acd_conflict_year WHERE year = ? AND ((list_has_any([gwno_a, gwno_a_2nd], "
                        "[?]) AND list_has_any([gwno_b, gwno_b_2nd], [?])) OR (list_has_any([gwno_a, gwno_a_2nd], [?]) AND "
                        "list_has_any([gwno_b, gwno_b_2nd], [?])))", [year, a, b, b, a])[0]
    row = _row("Russian forces occupied Donetsk in 2022.", con, "2024-01-01")
    assert opposite(365, 369, 2022) >= 1 and row["verdict"] == "supported" and "UCDP" in row["reason"]
    row = _row("Turkey occupied northern Cyprus in 2018.", con, "2024-01-01")
    assert opposite(640, 352, 2018) == 0 and row["verdict"] == "not covered"
