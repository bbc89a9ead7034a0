"""entente check on three short articles written for these tests (tests/data/check), labelled by hand
before the checker ran (labels.json). Each verdict the labels expect is also established here by an
independent query on the warehouse, and no claim outside a dataset's coverage may be 'contradicted'."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from entente import catalog
from entente.factcheck import check, check_article
from entente.factcheck.text import read

DATA = Path(__file__).parent / "data" / "check"


def _labels(folder: Path) -> dict:
    return {k: v for k, v in json.loads((folder / "labels.json").read_text()).items() if not k.startswith("_")}


LABELS = _labels(DATA)
#: Held-out batches: written and labelled before the checker first ran on them (see their labels.json).
HELD_OUT = {"heldout": DATA / "heldout", "heldout2": DATA / "heldout2", "heldout3": DATA / "heldout3"}


@pytest.fixture(scope="module")
def results(con):
    return {name: check_article(read(DATA / name, date=spec["date"]), con=con, robust=False)
            for name, spec in LABELS.items()}


def score(folder: Path, con) -> dict:
    """Claim-detection precision and recall, state resolution and verdict accuracy on one labelled folder."""
    labels = _labels(folder)
    found = labelled = matched = states = verdicts = 0
    for name, spec in labels.items():
        frame = check_article(read(folder / name, date=spec["date"]), con=con, robust=False)
        found += len(frame)
        labelled += len(spec["claims"])
        for label in spec["claims"]:
            row = _match(frame, label)
            if row is None:
                continue
            matched += 1
            states += set(label["states"]) <= set(row["states"])
            verdicts += row["verdict"] == label["verdict"]
    return {"precision": matched / found, "recall": matched / labelled, "states": states / matched,
            "verdicts": verdicts / matched, "labelled": labelled, "found": found}


@pytest.mark.parametrize("batch, floor", [("heldout", (0.9, 0.95, 1.0)), ("heldout2", (0.95, 0.9, 1.0)),
                                          ("heldout3", (1.0, 0.9, 1.0))])
def test_held_out_figures(con, batch, floor):
    """Figures now (after the fixes each first run prompted; the first-run figures are in the README):
    precision, recall and verdict accuracy at least ``floor``; every matched claim's states right."""
    got = score(HELD_OUT[batch], con)
    assert got["precision"] >= floor[0] and got["recall"] >= floor[1] and got["verdicts"] >= floor[2], got
    assert got["states"] == 1.0, got


def _match(frame, label):
    """The row for a labelled claim: its sentence holds the label's text, and its kind is the label's."""
    rows = frame[frame["sentence"].str.contains(label["text"], regex=False) & (frame["kind"] == label["kind"])]
    return rows.iloc[0] if len(rows) else None


@pytest.mark.parametrize("name", sorted(LABELS))
def test_every_labelled_claim_is_found_with_its_states_and_verdict(results, name):
    frame = results[name]
    for label in LABELS[name]["claims"]:
        row = _match(frame, label)
        assert row is not None, f"not found: {label['text']!r} ({label['kind']})"
        if label["kind"] in ("vetoes", "sanctions"):     # roles: the vetoer or sender first
            assert row["states"][:2] == label["states"][:2], label["text"]
        else:
            assert set(label["states"]) <= set(row["states"]), label["text"]
        assert row["verdict"] == label["verdict"], f"{label['text']!r}: {row['verdict']} — {row['reason']}"


@pytest.mark.parametrize("name", sorted(LABELS))
def test_no_claim_found_that_was_not_labelled(results, name):
    frame = results[name]
    labelled = {(lab["text"], lab["kind"]) for lab in LABELS[name]["claims"]}
    extra = [(r.sentence, r.kind) for r in frame.itertuples()
             if not any(t in r.sentence and k == r.kind for t, k in labelled)]
    assert extra == []


def test_detection_and_verdict_figures(results):
    """The measured figures the README reports: claim-detection precision and recall, verdict accuracy."""
    found = sum(len(f) for f in results.values())
    labels = [(name, lab) for name, spec in LABELS.items() for lab in spec["claims"]]
    matched = [(name, lab, _match(results[name], lab)) for name, lab in labels]
    hits = [m for m in matched if m[2] is not None]
    right = [m for m in hits if m[2]["verdict"] == m[1]["verdict"]]
    assert len(labels) == 26
    assert len(hits) / found == 1.0 and len(hits) / len(labels) == 1.0
    assert len(right) == len(labels)


def test_nothing_outside_coverage_is_contradicted(results, con):
    frames = list(results.values())
    for folder in HELD_OUT.values():
        frames += [check_article(read(folder / n, date=s["date"]), con=con, robust=False) for n, s in _labels(folder).items()]
    for frame in frames:
        for row in frame.itertuples():
            if row.verdict != "contradicted":
                continue
            first, last = (int(x) for x in row.period.split("–")) if "–" in row.period else (int(row.period),) * 2
            for entry in row.evidence:
                cov = catalog.coverage(con, entry["table"])
                assert cov is not None and cov[0] <= last and first <= cov[1], (row.sentence, entry["table"])


# ---------------------------------------------------------------------------------- independent truths
def test_india_pakistan_four_wars_in_cow(con):
    n = con.execute("SELECT count(DISTINCT warnum) FROM cow_war_inter_dyad_year WHERE ccode1 = 750 AND ccode2 = 770"
                    ).fetchone()[0]
    assert n == 4


def test_india_pakistan_never_a_defence_pact_in_atop(con):
    n = con.execute("SELECT count(*) FROM atop_dyad_year WHERE ((ccode1 = 750 AND ccode2 = 770) OR (ccode1 = 770 AND "
                    "ccode2 = 750)) AND atop_defense > 0").fetchone()[0]
    assert n == 0


def test_us_china_defence_obligation_in_the_second_world_war(con):
    years = con.execute("SELECT DISTINCT year FROM atop_dyad_year WHERE ((ccode1 = 2 AND ccode2 = 710) OR (ccode1 = 710 "
                        "AND ccode2 = 2)) AND atop_defense > 0 ORDER BY year").fetchall()
    assert [y for (y,) in years] and all(1942 <= y <= 1946 for (y,) in years)


def test_iran_russia_no_defence_pact_2001_2018_but_a_dispute_in_1993(con):
    assert con.execute("SELECT count(*) FROM atop_dyad_year WHERE ccode1 IN (630, 365) AND ccode2 IN (630, 365) "
                       "AND year BETWEEN 2001 AND 2018 AND atop_defense > 0").fetchone()[0] == 0
    years = con.execute("SELECT DISTINCT year FROM cow_mid_dir_dyad_year WHERE ccode1 = 630 AND ccode2 = 365 "
                        "AND year >= 1991").fetchall()
    assert [y for (y,) in years] == [1993]


def test_trade_ratios(con):
    def total(a, b, year):
        lo, hi = sorted((a, b))
        return con.execute("SELECT flow1 + flow2 FROM cow_trade_dyad_year WHERE ccode1 = ? AND ccode2 = ? AND year = ?",
                           [lo, hi, year]).fetchone()[0]
    assert 1.3 < total(630, 365, 2010) / total(630, 365, 2000) < 1.6      # not "nearly doubled"
    assert total(2, 710, 2014) / total(2, 710, 1995) > 10                # "more than tenfold"
    assert 3.5 < total(750, 770, 2014) / total(750, 770, 2005) < 4.5     # "roughly quadrupled"


def test_russian_vetoes_on_syria(con):
    n = con.execute("SELECT count(*) FROM unsc_vetoes WHERE crisis_topic ILIKE '%Syria%' AND (russia OR ussr)"
                    ).fetchone()[0]
    assert n > 12


def test_un_voting_against_averages(con):
    def mean(sql, params):
        return con.execute(sql, params).fetchone()[0]
    pair = "SELECT avg(agree) FROM m_unga_alignment_dyad_year WHERE ccode1 = ? AND ccode2 = ? AND year BETWEEN ? AND ?"
    each = ("SELECT avg(a) FROM (SELECT year, avg(agree) AS a FROM m_unga_alignment_dyad_year WHERE (ccode1 = ? OR "
            "ccode2 = ?) AND year BETWEEN ? AND ? GROUP BY year)")
    ip = mean(pair, [750, 770, 2015, 2024])
    assert ip > mean(each, [750, 750, 2015, 2024]) and ip > mean(each, [770, 770, 2015, 2024])   # not "rarely"
    uc = mean(pair, [2, 710, 2014, 2023])
    assert uc < mean(each, [2, 2, 2014, 2023]) and uc < mean(each, [710, 710, 2014, 2023])       # "apart"


# ------------------------------------------------------------------ each template, both ways, real data
# With the labelled articles, every template but arms has a supported and a contradicted case (arms needs
# the SIPRI export, which the test warehouse does not hold: 'not covered' is its one honest verdict here).
@pytest.mark.parametrize("sentence, kind, verdict", [
    ("India and Russia have been strategic rivals since 1991.", "rivalry", "contradicted"),
    ("The United States sanctioned India in 1960.", "sanctions", "contradicted"),
    ("In 1982 Argentina was sanctioned by Britain.", "sanctions", "supported"),
    ("Greece has never vetoed a Security Council resolution on Turkey.", "vetoes", "supported"),
    ("Greece vetoed a Security Council resolution on Turkey.", "vetoes", "contradicted"),
    ("Relations between Iran and Iraq were cordial in the 1980s.", "tone", "partly supported"),
    ("Relations between the United States and the United Kingdom were hostile in the 1990s.", "tone", "contradicted"),
    ("India and Pakistan share a common adversary.", "shared_adversary", "contradicted"),
    ("Iranian drones have been sent to Russian forces.", "arms", "not covered"),
    ("Iran and Russia have a defence pact.", "alliance", "not covered"),         # ATOP ends in 2018
    ("India and Pakistan had militarized disputes in 2020.", "disputes", "not covered"),
    ("NATO members vote together at the UN.", "un_voting", "not covered"),       # a grouping, not a pair
    ("The CRINK states vote together at the UN.", "bloc", "supported"),   # a grouping of fixed members: a bloc
])
def test_single_claims(con, sentence, kind, verdict):
    frame = check(sentence, date="2024-01-01", con=con, robust=False)
    assert list(frame["kind"]) == [kind]
    assert frame.loc[0, "verdict"] == verdict, frame.loc[0, "reason"]


def test_robustness_is_reported_and_shows_a_fragile_claim(con):
    """'Trade roughly quadrupled between 2005 and 2014' holds for those years, not for most nearby windows."""
    frame = check("Trade between India and Pakistan roughly quadrupled between 2005 and 2014.", date="2024-01-01",
                  con=con)
    text = frame.loc[0, "robustness"]
    holds, total = (int(x) for x in text.removeprefix("holds in ").removesuffix(" variants").split(" of "))
    assert frame.loc[0, "verdict"] == "supported" and total >= 6 and holds < total / 2
