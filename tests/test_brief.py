"""The brief: numbers equal the API's, prose says only what the numbers show, HTML opens offline."""

from __future__ import annotations

import json
import re

import pytest

from entente import alignment
from entente.brief import write_brief


@pytest.fixture(scope="module")
def iran_russia(home, tmp_path_factory):
    out = tmp_path_factory.mktemp("brief")
    brief = write_brief("IRN", "RUS", out=out)
    return out, brief


def test_json_numbers_are_the_apis(iran_russia, con):
    out, brief = iran_russia
    data = json.loads((out / "brief.json").read_text())
    series = {row["year"]: row for row in data["sections"]["alignment"]["series"]}
    api = alignment.alignment("IRN", "RUS", con=con).set_index("year")
    assert set(series) == set(api.index)
    for year in (1950, 1992, 2022, 2025):
        assert series[year]["agree"] == pytest.approx(api.loc[year, "agree"])
        assert series[year]["kappa"] == pytest.approx(api.loc[year, "kappa"])
    avg = alignment.state_average("IRN", con=con).set_index("year")
    assert series[2025]["a_avg_agree"] == pytest.approx(avg.loc[2025, "agree"])


def test_every_section_names_dataset_version_and_rows(iran_russia, con):
    _, brief = iran_russia
    evidence = brief["sections"]["alignment"]["evidence"]
    datasets = {e["dataset"] for e in evidence}
    assert datasets == {"unvotes", "dgacm"}
    pair_rows = sum(e["rows"] for e in evidence if e["used_for"].startswith("pair"))
    direct = con.execute("SELECT count(*) FROM unga_votes WHERE ccode IN (365, 630)").fetchone()[0]
    assert pair_rows == direct
    assert all(e["version"] for e in evidence)


def test_headline_claims_match_the_numbers(iran_russia):
    _, brief = iran_russia
    s = brief["sections"]["alignment"]["summary"]
    last = s["last"]
    head = brief["headline"]
    assert f"{100 * last['agree']:.0f}%" in head and str(int(last["n_votes"])) in head
    above = last["agree"] > last["a_avg_agree"] and last["agree"] > last["b_avg_agree"]
    assert ("above both sides' average" in head) == above
    assert f"ranked {int(last['rank_b_among_a'])} of {int(last['partners_a'])}" in head


def test_splits_listed_are_the_latest_two_years(iran_russia):
    _, brief = iran_russia
    sp = brief["sections"]["alignment"]["splits"]
    assert (sp["from"], sp["to"]) == (2024, 2025)
    assert sp["opposed"] + sp["abstain"] == len(sp["votes"]) > 0
    assert all(2024 <= v["year"] <= 2025 for v in sp["votes"])


def test_html_is_self_contained(iran_russia):
    out, _ = iran_russia
    html = (out / "index.html").read_text()
    assert html.count("<svg") == 2
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"https?:", html)
    assert 'name="viewport"' in html


def test_pair_without_un_votes_says_so(home, tmp_path):
    brief = write_brief("Iran", "Kosovo", out=tmp_path / "k")
    section = brief["sections"]["alignment"]
    assert "series" not in section
    assert "never voted" in brief["headline"]
    assert "never voted" in (tmp_path / "k" / "index.html").read_text()
