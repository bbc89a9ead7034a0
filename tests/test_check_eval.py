"""The labelled evaluation set for ``entente check`` (benchmarks/eval_check.py over tests/data/check):
its size, its labels against independent queries on the warehouse, and the measured figures as floors
(so a change that loses claims, states or verdicts fails here)."""

from __future__ import annotations

import importlib.util
import itertools
import json
from collections import Counter
from pathlib import Path

import pytest

from entente.factcheck.mentions import sentences
from entente.factcheck.text import read
from entente.store import one

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results_check_eval.json"
_spec = importlib.util.spec_from_file_location("eval_check", ROOT / "benchmarks" / "eval_check.py")
ev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ev)

HELD_OUT_4 = ev.BATCHES["heldout4"]
LABELS_4 = ev.labels(HELD_OUT_4)

#: Floors: the figures measured with the code of this commit (main with the templates branch merged, then
#: news phrasing "reports of"/"recorded" and wars counted in "times", then seizures of territory read as
#: disputes and named periods such as Détente, with the heldout5 batch written for them),
#: rounded down to two places (benchmarks/results_check_eval.json), all
#: batches and per batch: sentence precision and recall, claim precision and recall, states, verdicts.
FLOORS = {
    "all": (0.97, 0.97, 0.95, 0.97, 0.98, 0.99),
    "batch1": (1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
    "heldout": (1.0, 1.0, 0.89, 1.0, 0.96, 1.0),
    "heldout2": (0.95, 1.0, 0.95, 1.0, 1.0, 1.0),
    "heldout3": (1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
    "heldout4": (0.96, 0.95, 0.95, 0.95, 0.98, 0.99),
    "heldout5": (1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
}
FIGURES = ("sentence_precision", "sentence_recall", "claim_precision", "claim_recall", "state_accuracy",
           "verdict_accuracy")


# ------------------------------------------------------------------------------------------ the set
def test_the_set_is_large_and_varied_enough():
    """At least 12 articles on at least 10 pairs, 200 sentences; every article of heldout4 250-600 words
    of text (the brief asked 300: three fell short once their pages' furniture was stripped — Israel-Syria
    259, Turkey-Russia 278, Cuba-USA 299 — and were left as labelled rather than padded after the run)
    and every one of its sentences labelled (the text's sentences each hold exactly one label fragment)."""
    articles, pairs, n_sentences = 0, set(), 0
    for folder in ev.BATCHES.values():
        for name, spec in ev.labels(folder).items():
            article = read(folder / name, date=spec["date"])
            articles += 1
            pairs.add(ev.subject_pair(spec))
            n_sentences += len(ev.units(spec, article.text))
    assert articles >= 12 and len(pairs) >= 10 and n_sentences >= 200, (articles, len(pairs), n_sentences)
    kinds = {spec["type"] for spec in LABELS_4.values()}
    assert kinds == {"explainer", "op-ed", "wire"}
    assert {Path(n).suffix for n in LABELS_4} == {".txt", ".md", ".html"}
    for name, spec in LABELS_4.items():
        article = read(HELD_OUT_4 / name, date=spec["date"])
        assert 250 <= len(article.text.split()) <= 600, name
        fragments = [s["text"] for s in spec["sentences"]]
        for sentence in sentences(article.text):
            hits = [f for f in fragments if f in sentence.text]
            assert len(hits) == 1 or sentence.text == "Opinion.", (name, sentence.text, hits)
        for s in spec["sentences"]:
            assert s["checkable"] == bool(s["claims"]) and (s["checkable"] or s["role"]), s


def test_every_claim_kind_is_in_the_held_out_batch():
    kinds = {c["kind"] for spec in LABELS_4.values() for s in spec["sentences"] for c in s["claims"]}
    assert kinds >= {"shared_adversary", "wars", "disputes", "rivalry", "alliance", "un_voting", "tone", "trade",
                     "vetoes", "arms", "sanctions", "bloc", "events"}
    verdicts = Counter(c["verdict"] for spec in LABELS_4.values() for s in spec["sentences"] for c in s["claims"])
    assert all(verdicts[v] >= 5 for v in ("supported", "contradicted", "partly supported", "not covered")), verdicts
    roles = Counter(s.get("role") for spec in LABELS_4.values() for s in spec["sentences"] if not s["checkable"])
    assert roles["opinion"] >= 10 and roles["prediction"] >= 8 and roles["background"] >= 40, roles


# -------------------------------------------------------------- the labels, checked against the data
def _pair_years(con, table, a, b, where):
    return [y for (y,) in con.execute(f"SELECT DISTINCT year FROM {table} WHERE ((ccode1 = ? AND ccode2 = ?) OR "
                                      f"(ccode1 = ? AND ccode2 = ?)) AND {where} ORDER BY year", [a, b, b, a]).fetchall()]


def test_alliance_labels(con):
    assert _pair_years(con, "atop_dyad_year", 670, 630, "atop_defense > 0") == [1945]          # Saudi-Iran: 'never allies' wrong
    assert min(_pair_years(con, "atop_dyad_year", 740, 365, "atop_nonagg > 0")) == 2004        # Japan-Russia 2005
    defence = _pair_years(con, "atop_dyad_year", 640, 365, "atop_defense > 0")
    assert defence and max(defence) == 1945                                                  # Turkey-Russia not allies in 2016
    assert _pair_years(con, "atop_dyad_year", 731, 732, "atop_defense > 0") == []
    assert _pair_years(con, "atop_dyad_year", 666, 652, "true") == []


def test_war_labels(con):
    def wars(a, b, first, last):
        return one(con, "SELECT count(DISTINCT d.warnum) FROM cow_war_inter_dyad_year d JOIN cow_war_inter_wars w "
                           "USING (warnum) WHERE d.ccode1 = ? AND d.ccode2 = ? AND w.start_year <= ? AND "
                           "w.end_year >= ?", [a, b, last, first])[0]
    assert wars(640, 365, 1816, 1899) == 3          # 'four wars in the nineteenth century': contradicted
    assert wars(740, 365, 1900, 1999) == 4          # 'three wars in the twentieth century': contradicted
    assert wars(630, 645, 1932, 1999) == 1
    assert wars(666, 652, 1948, 2007) == 4
    assert wars(710, 365, 1969, 1969) == 0


def test_trade_labels(con):
    def total(a, b, year):
        lo, hi = sorted((a, b))
        return one(con, "SELECT flow1 + flow2 FROM cow_trade_dyad_year WHERE ccode1 = ? AND ccode2 = ? AND year = ?", [lo, hi, year])[0]

    def top(a, year):
        return [p for (p,) in con.execute(
            "SELECT CASE WHEN ccode1 = ? THEN ccode2 ELSE ccode1 END FROM cow_trade_dyad_year WHERE (ccode1 = ? OR "
            "ccode2 = ?) AND year = ? AND flow1 + flow2 IS NOT NULL ORDER BY flow1 + flow2 DESC", [a, a, a, year]).fetchall()]
    assert total(816, 710, 2014) / total(816, 710, 2000) > 20
    assert 1.5 < total(740, 365, 2004) / total(740, 365, 1995) < 2          # not 'more than doubled'
    assert 2 < total(630, 645, 2007) / total(630, 645, 2001) < 10           # not 'more than tenfold'
    assert abs(total(670, 630, 2008) / total(670, 630, 2000) - 7) <= 0.7
    assert top(816, 2014)[0] == 710 and top(640, 2014)[:2] == [255, 365] and top(365, 2010)[0] == 710
    assert 365 not in top(740, 2004)[:10]
    assert one(con, "SELECT max(year) FROM cow_trade_dyad_year")[0] < 2015     # 2015+: not covered


def test_corrected_trade_labels_from_imf_dots(con):
    """The labels corrected after the first run read IMF DOTS (imports both ways, COW's definition)."""
    def imports(a, b, year):
        lo, hi = sorted((a, b))
        row = one(con, "SELECT coalesce(imf_imports_1from2, 0) + coalesce(imf_imports_2from1, 0) FROM imf_dots_dyad_year "
                  "WHERE ccode1 = ? AND ccode2 = ? AND year = ?", [lo, hi, year])
        return row[0]
    assert 1.8 <= imports(816, 710, 2018) / imports(816, 710, 2014) <= 2.2          # 'doubled again 2014-2018'
    assert 0.53 <= imports(640, 365, 2016) / imports(640, 365, 2014) <= 0.8         # 'fell by about a third'
    assert imports(2, 40, 2015) < imports(2, 40, 2014)                              # not 'doubled again by 2015'
    assert imports(670, 630, 2019) < 0.1 * imports(670, 630, 2016)                 # 'collapsed after 2016'


def test_un_voting_and_bloc_labels(con):
    def agree(a, b, first, last):
        lo, hi = sorted((a, b))
        return one(con, "SELECT sum(agree * n_votes) / sum(n_votes) FROM m_unga_alignment_dyad_year WHERE ccode1 = ? "
                           "AND ccode2 = ? AND year BETWEEN ? AND ?", [lo, hi, first, last])[0]

    def mean(x, first, last):
        return one(con, "SELECT avg(a) FROM (SELECT year, avg(agree) AS a FROM m_unga_alignment_dyad_year WHERE "
                           "(ccode1 = ? OR ccode2 = ?) AND year BETWEEN ? AND ? GROUP BY year)", [x, x, first, last])[0]
    assert agree(731, 732, 1991, 2023) > 0.5        # the Koreas do not vote apart more often than together
    assert agree(666, 652, 2004, 2013) < 0.5
    for a, b in itertools.combinations([710, 365, 630, 731], 2):         # CRINK, 2015-2024
        assert agree(a, b, 2015, 2024) > max(mean(a, 2015, 2024), mean(b, 2015, 2024)), (a, b)


def test_sanction_and_rivalry_labels(con):
    def cases(sender, target):
        return one(con, "SELECT count(*) FROM ties_cases WHERE ? IN (sender1, sender2, sender3, sender4, sender5) AND "
                           "targetstate = ?", [sender, target])[0]
    assert cases(652, 666) >= 1 and cases(40, 2) >= 1          # 'never sanctioned': contradicted
    assert cases(670, 630) == 0 and cases(740, 365) == 0

    def rivals(x, first, last):
        return {int(c) for (c,) in con.execute(
            "SELECT CASE WHEN ccode1 = ? THEN ccode2 ELSE ccode1 END FROM tss_rivalries WHERE (ccode1 = ? OR ccode2 = ?) "
            "AND styear <= ? AND endyear >= ?", [x, x, x, last, first]).fetchall()}
    assert 640 in rivals(670, 2014, 2023) & rivals(630, 2014, 2023)       # Saudi Arabia and Iran share Turkey
    assert 731 not in rivals(2, 2014, 2020)                                # no US-North Korea rivalry in TSS
    assert 2 in rivals(40, 2007, 2016) & rivals(365, 2007, 2016)


def test_seizure_and_named_period_labels(con):
    """heldout5 and the seizures relabelled in earlier batches: the seizer's highest MID action against the
    territory's holder (occupation of territory is 14), ATOP obligations and TSS spells, as labelled."""
    def hiact(a, b, year):
        return one(con, "SELECT max(hiact1) FROM cow_mid_dir_dyad_year WHERE ccode1 = ? AND ccode2 = ? AND year = ?",
                   [a, b, year])[0]
    assert hiact(365, 369, 2014) >= 14 and hiact(365, 369, 2008) == 7          # Crimea 2014 yes, 2008 no
    assert max(hiact(365, 369, y) or 0 for y in range(1991, 2000)) >= 14        # 'did not take Crimea': not covered
    assert hiact(365, 372, 2008) >= 14 and hiact(365, 740, 1945) >= 14          # South Ossetia; the Kurils
    assert hiact(740, 710, 1931) >= 14 and hiact(666, 652, 1967) >= 14          # Manchuria; the Golan Heights
    nonagg = _pair_years(con, "atop_dyad_year", 2, 365, "atop_nonagg > 0")
    assert min(nonagg) == 1975 and max(nonagg) >= 1991                          # no alliance in Détente: contradicted
    assert _pair_years(con, "atop_dyad_year", 2, 365, "atop_consul > 0") == [1962, 1963, 1964]
    assert _pair_years(con, "atop_dyad_year", 2, 365, "true")[0] == 1942       # none in the interwar years
    assert _pair_years(con, "atop_dyad_year", 365, 369, "atop_defense > 0") == []
    assert _pair_years(con, "atop_dyad_year", 365, 369, "atop_nonagg > 0 OR atop_consul > 0")   # 'never allies': no
    spells = con.execute("SELECT styear, endyear FROM tss_rivalries WHERE ccode1 = 2 AND ccode2 = 365 AND styear <= 1991 "
                         "AND endyear >= 1947").fetchall()
    assert spells == [(1945, 1989)]                                            # Cold War rivals: partly (1990-91)


# ------------------------------------------------------------------------------------- the figures
def test_results_file_matches_the_labels():
    """The committed figures were measured on this set (counts the labels alone determine)."""
    result = json.loads(RESULTS.read_text())
    assert result["set"]["articles"] >= 12 and result["set"]["pairs"] >= 10 and result["set"]["sentences"] >= 200
    n4 = sum(len(s["claims"]) for spec in LABELS_4.values() for s in spec["sentences"])
    assert result["by_batch"]["heldout4"]["claims_labelled"] == n4
    late = {"serbia_croatia.md", "morocco_algeria.html"}
    n_late = sum(len(s["claims"]) for name in late for s in LABELS_4[name]["sentences"])
    # claims labelled after the first runs ("added": seizures of territory, 2026-12-06) were not in them
    n_added = sum(1 for spec in LABELS_4.values() for s in spec["sentences"] for c in s["claims"] if c.get("added"))
    assert n_added == 2
    assert result["first_runs"]["heldout4"]["claims_labelled"] == n4 - n_late - n_added
    assert result["first_runs"]["heldout4_late"]["claims_labelled"] == n_late
    assert len(result["failures"]) >= 1 and all({"sentence", "expected", "got"} <= set(f) for f in result["failures"])


@pytest.mark.slow
def test_figures_do_not_fall_below_their_floors(con):
    result = ev.evaluate(con)
    assert result["set"]["sentences"] >= 200
    for name, floor in FLOORS.items():
        got = result["all"] if name == "all" else result["by_batch"][name]
        for figure, low in zip(FIGURES, floor, strict=True):
            assert got[figure] is not None and got[figure] >= low, (name, figure, got[figure], low)
