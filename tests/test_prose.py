"""Briefs read as an expert reads them: the proofreader over many pairs, and the examples of issue #11.

Each regression test states the fact from the data it expects; the pair set is in ``prose_pairs.py``.
"""

from __future__ import annotations

import re

import pytest

from entente import catalog, warehouse
from entente.brief.content import assemble
from entente.brief.proofread import proofread, proper_names, sentences
from entente.brief.render import compose, environment, write_brief
from prose_pairs import PAIRS


@pytest.fixture(scope="module")
def con():
    return warehouse.connection()


_BRIEFS: dict = {}


def brief_for(a, b, start=None, end=None, con=None):
    """The composed brief (assembled once per pair and window in this module; tests only read it)."""
    key = (a, b, start, end)
    if key not in _BRIEFS:
        _BRIEFS[key] = compose(assemble(a, b, start=start, end=end, con=con))
    return _BRIEFS[key]


# ------------------------------------------------------------------------------------- the checker
def _fake(**texts) -> dict:
    sections = {k: {"summary": v} for k, v in texts.items() if k != "headline"}
    return {"window": {"first": 1946, "last": 1991}, "headline": texts.get("headline", ""), "sections": sections,
            "coverage": [{"covers": [1816, 2007]}]}


@pytest.mark.parametrize("text, rule", [
    ("COW records 1 wars between them.", "number"),
    ("They made 3 deal-year of deliveries.", "number"),
    ("0 drafts were vetoed by both.", "number"),
    ("Their rivalry ran 1945–1945.", "range"),
    ("Trade share (-0.000 a year).", "zero"),
    ("arms transfers falling (-10.558 a year)", "unit"),
    ("They agreed on 36% (mean Cohen's κ -0.13).", "minus"),
    ("In 2014, the last year of COW's trade data, they traded.", "window"),
    ("Russia voted against the United States in 1985.", "name"),
    ("Prussia and Austria fought in 1866.", "name"),
])
def test_the_proofreader_catches_each_fault(text, rule):
    found = proofread(_fake(history=text))
    assert rule in {f.rule for f in found}, found


def test_the_proofreader_lets_a_clean_sentence_pass():
    text = ("COW's list of inter-state wars records no war between the United States and the Soviet Union in "
            "1946–1991; the list runs to 2007. The Soviet Union cast 90 vetoes.")
    assert proofread(_fake(history=text)) == []
    typeset = "Their mean Cohen's κ was \u22120.13, a non-aggression pact held; `entente events ingest --days -3`."
    assert proofread(_fake(history=typeset)) == []


def test_the_proofreader_sees_a_contradiction():
    brief = _fake(headline="Over 1982–1991 their alignment by Cohen's κ rose (agreement 29%).")
    brief["sections"]["trend"] = {"summary": "No series shows a clear rise or fall.",
                                  "direction": {"unga": {"direction": "flat"}}}
    assert [f.rule for f in proofread(brief)] == ["contradiction"]


# ---------------------------------------------------------------------------------- over the pairs
@pytest.mark.slow
def test_briefs_for_many_pairs_read_cleanly(con):
    assert len(PAIRS) >= 40
    regions = {c // 100 for a, b, *_ in PAIRS for c in (_code(a), _code(b))}
    assert regions >= {0, 2, 3, 4, 5, 6, 7, 8, 9}          # the Americas, Europe, Africa, Middle East, Asia, Oceania
    assert sum(1 for *_, s, e in PAIRS if s is not None or e is not None) >= 15
    findings = []
    for a, b, start, end in PAIRS:
        brief = brief_for(a, b, start, end, con)
        findings += [f"{a}–{b} {start}–{end}: {f}" for f in proofread(brief)]
    assert findings == []


def _code(abb: str) -> int:
    from entente import countries

    return countries.resolve(abb).ccode


# --------------------------------------------------------------------------- issue #11's examples
@pytest.fixture(scope="module")
def cold_war(con):
    return brief_for("USA", "RUS", 1946, 1991, con)


def test_the_window_is_kept_everywhere(cold_war):
    assert cold_war["title"] == "The United States and the Soviet Union, 1946–1991"
    allowed = {y for row in cold_war["coverage"] for y in (row["covers"] or [])}
    names = proper_names(cold_war)          # "Helsinki Final Act (CSCE; the OSCE from 1995)" is a name
    for where, text in sentences(cold_war):
        for name in names:
            text = text.replace(name, "")
        years = {int(y) for y in re.findall(r"\b(19\d\d|20\d\d)\b", text)}
        assert {y for y in years if y > 1991} <= allowed, (where, text)
    economy = cold_war["sections"]["economy"]
    assert economy["series"][-1]["year"] == 1991 and "In 1991 (COW Trade)," in economy["summary"]
    assert cold_war["sections"]["third_parties"]["blocs"]["year"] <= 1991
    assert all(d["start"] <= 1991 for d in cold_war["sections"]["history"]["disputes"])


def test_the_soviet_union_is_named_and_session_1991_explained(cold_war):
    text = " ".join(t for _, t in sentences(cold_war))
    assert "the Soviet Union" in text and not re.search(r"(?<!\w)Russia(?!n)", text)
    assert any("took over its seat" in n for n in cold_war["sections"]["alignment"]["notes"])


def test_alignment_opens_with_the_whole_window(cold_war, con):
    """The alignment headline speaks for the window asked (not only its last session): the mean of the
    yearly agreement over 1946–1991, computed here from the warehouse's dyad-year table."""
    mean, years = con.execute(
        "SELECT avg(agree), count(*) FROM m_unga_alignment_dyad_year WHERE ccode1 = 2 AND ccode2 = 365 "
        "AND year BETWEEN 1946 AND 1991").fetchall()[0]
    summary = cold_war["headline"]
    assert summary.startswith(f"Over 1946–1991 ({years} session-years), the United States and the Soviet Union "
                              f"agreed on {100 * mean:.0f}% of the roll calls both voted on in an average year")
    assert summary.index("Over 1946–1991") < summary.index("In the UN General Assembly's 1991")


def test_history_coverage_is_the_datasets_not_the_rows(con):
    assert catalog.coverage(con, catalog.COW_WARS) == (1816, 2007)
    brief = brief_for("IRN", "RUS", con=con)
    assert "records no war between Iran and Russia in 1816–2007" in brief["sections"]["history"]["summary"]
    assert "1823" not in brief["sections"]["history"]["summary"]


def test_germany_is_one_line_through_west_germany(con):
    brief = brief_for("FRN", "GMY", con=con)
    assert brief["pair"]["b"]["lineage"] and any("West Germany" in n for n in brief["notes"])
    nato = next(r for r in brief["sections"]["treaties"]["alliances"] if r["name"] and "NATO" in r["name"])
    assert nato["shared_spells"][0][0] == 1954          # ATOP 3180 enters West Germany in 1954 (the Paris Agreements)
    assert brief["pair"]["b"]["un_years"]["first"] == 1973   # both Germanys entered the UN in September 1973
    years = {r["year"] for r in brief["sections"]["alignment"]["series"]}
    assert {1973, 1985, 1995, 2025} <= years


def test_russia_and_ukraine_conflict_after_the_mid_data(con):
    brief = brief_for("RUS", "UKR", con=con)
    h = brief["sections"]["history"]
    interstate = [c for c in h["conflicts"] if c["type"] == "interstate"]
    assert [(c["start"], c["end"], c["war_years"]) for c in interstate] == [(2022, 2024, [2022, 2023, 2024])]
    assert "the Russia–Ukraine conflict over government and territory (2022–2024)" in h["summary"]
    assert [(r["styear"], r["endyear"]) for r in h["rivalries"]] == [(2014, 2020)]      # TSS, not Thompson–Dreyer
    assert {d["start"] for d in h["disputes"] if d["dataset"] == "COW MID"} == {2013, 2014}


def test_wars_and_treaties_are_named(con):
    wars = brief_for("IND", "PAK", con=con)["sections"]["history"]
    assert [w["war_name"] for w in wars["wars"]] == ["First Kashmir", "Second Kashmir", "Bangladesh", "Kargil War"]
    # the name readers know, then COW's own with COW's years
    assert "the Indo-Pakistani War of 1965 (COW: the Second Kashmir War, 1965)" in wars["summary"]
    assert "the Kargil War (1999)" in wars["summary"]
    attrition = brief_for("ISR", "EGY", con=con)["sections"]["history"]["summary"]
    assert "the War of Attrition (1969–1970) and the Yom Kippur War (1973)" in attrition
    china = brief_for("CHN", "PRK", con=con)["sections"]["treaties"]
    treaty = next(r for r in china["alliances"] if r["atopid"] == 3445)           # the 1961 treaty
    assert treaty["bilateral"] and treaty["a_obligations"] == treaty["b_obligations"]
    assert "defence" in treaty["a_obligations"]
    korea = brief_for("PRK", "USA", con=con)["sections"]["treaties"]
    assert [r["atopid"] for r in korea["alliances"]] == [3755]                    # Bali 1976, not a bilateral pact
    assert "Treaty of Amity and Cooperation" in korea["summary"] and "2009–2018" in korea["summary"]


def test_who_pledged_what_to_whom(con):
    japan = brief_for("JPN", "USA", 1960, 2018, con)["sections"]["treaties"]
    pact = next(r for r in japan["alliances"] if r["atopid"] == 3375)
    assert "defence" in pact["b_obligations"] and "defence" not in pact["a_obligations"]
    assert "Japan pledged non-aggression and consultation, the United States defence" in japan["summary"]


def test_shared_adversaries_need_hard_evidence(con):
    third = brief_for("IND", "PAK", 2001, 2010, con)["sections"]["third_parties"]
    microstates = {"MSI", "PAL", "NAU", "SNM"}
    assert not microstates & {r["abb"] for r in third["adversaries"]}


def test_vetoes_on_the_pairs_matters_by_anyone(con):
    council = brief_for("IND", "PAK", con=con)["sections"]["security_council"]
    on_pair = council["vetoes"]["on_pair"]
    assert [r["year"] for r in on_pair] == [1957, 1962, 1971, 1971, 1971]
    assert {r["vetoed_by"] for r in on_pair} == {"Soviet Union"}


def test_one_sided_voting_explains_a_kappa_near_zero(con):
    brief = brief_for("GUA", "COL", 2025, 2025, con)
    last = brief["sections"]["alignment"]["summary"]["last"]
    assert last["agree"] > 0.95 and abs(last["kappa"]) < 0.02
    assert "what chance alone predicts" in brief["headline"]


def test_the_coverage_box_is_in_every_output(tmp_path, con):
    brief = write_brief("RUS", "UKR", out=tmp_path / "b", con=con)
    trade = next(r for r in brief["coverage"] if r["table"] == "cow_trade_dyad_year")
    assert trade["covers"] == [1870, 2014] and trade["outside"] == [[2015, 2025]]
    md = (tmp_path / "b" / "brief.md").read_text()
    html = (tmp_path / "b" / "index.html").read_text()
    # each rivalry and armed conflict is a list item of its own (a template once ran them into one line)
    items = [line for line in md.splitlines() if line.startswith(("- Strategic rivalry", "- Armed conflict"))]
    history = brief["sections"]["history"]
    assert len(items) == len(history["rivalries"]) + len(history["conflicts"]) >= 2 and not any(re.search(r"\S- (Strategic rivalry|Armed conflict) ", line) for line in items)
    assert "## What the data cover" in md and "nothing for 2015–2025" in md
    assert 'id="coverage"' in html and "nothing for 2015–2025" in html


def test_named_disputes_are_the_disputes_the_data_hold(con):
    from entente.measures.dispute_names import DISPUTE_NAMES

    for dispnum, (name, year, month, states) in DISPUTE_NAMES.items():
        styear, stmon = con.execute("SELECT styear, stmon FROM gml_mid_disputes WHERE dispnum = ?", [dispnum]).fetchone()
        members = {r[0] for r in con.execute("SELECT DISTINCT ccode FROM gml_mid_participants WHERE dispnum = ?",
                                             [dispnum]).fetchall()}
        assert (styear, stmon) == (year, month) and states <= members, name
    cuba = brief_for("USA", "CUB", con=con)["sections"]["history"]
    assert "the Cuban Missile Crisis (1962)" in cuba["summary"]


def test_missing_trade_is_not_called_no_trade(con):
    """COW has no row for Ethiopia–Eritrea; the IMF has only Eritrea's imports from Ethiopia (2015–2020 in
    the series). The brief gives that one flow and never says the two had no trade."""
    imf = con.execute("SELECT year, imf_imports_2from1 FROM imf_dots_dyad_year WHERE ccode1 = 530 AND ccode2 = 531 "
                      "AND year BETWEEN 2015 AND 2020 AND imf_imports_2from1 IS NOT NULL ORDER BY year").fetchall()
    assert con.execute("SELECT count(*) FROM cow_trade_dyad_year WHERE ccode1 = 530 AND ccode2 = 531").fetchall() == [(0,)]
    text = brief_for("ETH", "ERI", con=con)["sections"]["economy"]["no_evidence"]
    assert "no trade" not in text and "Eritrea imported under US$1 million of goods from Ethiopia" in text
    assert f"in {imf[-1][0]} (IMF DOTS)" in text and f"figures for {len(imf)} of those years" in text


@pytest.mark.parametrize("a, b, ca, cb, start, end", [("FRN", "UKG", 220, 200, 1816, 1900),
                                                     ("GMY", "AUH", 255, 300, 1816, 1914)])
def test_war_between_them_means_both_went_to_war(con, a, b, ca, cb, start, end):
    """A MID's hostility level is each state's highest in the whole dispute: France reached war in MID 196
    (1893, its war with Siam) while Britain only displayed force. The history sentence counts as war between
    the pair only disputes in which both reached war (counted here from the GML rows)."""
    both = con.execute(
        "SELECT count(*) FROM (SELECT dispnum FROM gml_mid_dir_dyad_year WHERE ccode1 = ? AND ccode2 = ? "
        "AND year BETWEEN ? AND ? GROUP BY dispnum HAVING max(hostlev1) = 5 AND max(hostlev2) = 5)",
        [ca, cb, start, end]).fetchall()[0][0]
    summary = brief_for(a, b, start, end, con)["sections"]["history"]["summary"]
    if both:
        assert f"and {both} in which both went to war" in summary
    else:
        assert "went to war" not in summary and "escalat" not in summary


def test_the_seat_note_stands_with_the_series_it_explains(cold_war):
    """The note on session-year 1991 explains the yearly series (and its charts), so it stands with them,
    not under the split votes, which cover only the last two session-years."""
    brief = compose(dict(cold_war))
    s = brief["sections"]["alignment"]
    context = {"brief": brief, "s": s, "charts": {}, "a": brief["pair"]["a"]["name"], "b": brief["pair"]["b"]["name"]}
    for template, split_heading in (("brief.md.j2", "### Votes where they split"), ("brief.html.j2", "<h3>Votes where they split")):
        page = environment().get_template(template).render(**context)
        note = page.index("took over its seat")
        assert note < page.index("Where each ranks among") < page.index(split_heading), template


def test_the_third_party_tables_say_what_their_numbers_are(cold_war):
    """The shared-adversary table shows the kinds of hard evidence it is ordered by (0–6) beside the strength,
    and both outputs say what the strength measures."""
    brief = compose(dict(cold_war))
    tp = brief["sections"]["third_parties"]
    assert tp["adversaries"], "the Cold War pair has shared adversaries"
    context = {"brief": brief, "s": brief["sections"]["alignment"], "charts": {}, "a": brief["pair"]["a"]["name"],
               "b": brief["pair"]["b"]["name"]}
    md = environment().get_template("brief.md.j2").render(**context)
    html = environment().get_template("brief.html.j2").render(**context)
    for r in tp["adversaries"]:   # a negative strength with the minus sign (U+2212), as typeset text writes it
        score = f"{r['score']:.2f}".replace("-", "\u2212").replace("\u22120.00", "0.00")
        assert f"| {r['name']} | {r['hard']} of 6 | {score} |" in md
    hard = [r["hard"] for r in tp["adversaries"]]
    assert hard == sorted(hard, reverse=True)            # the order the column explains
    assert "Score" not in md and "<th>Score</th>" not in html
    assert md.count("standard deviations") >= 1 and "Kinds of hard evidence" in html
