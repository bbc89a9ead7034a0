"""How the brief writes numbers (:mod:`entente.brief.typeset`): each helper read as a copy editor reads it,
then a real brief's sentences and tables checked for the hyphen-minus, with its figures computed here
from the warehouse (SQL), not taken from the brief."""

from __future__ import annotations

import re

import pytest

from entente import catalog
from entente.brief import typeset
from entente.brief.content import assemble
from entente.brief.render import compose, environment

MINUS = "\u2212"
#: A hyphen-minus that opens a number ("-0.13", "(-0.5"), not one inside a word, range or date (written again
#: here, not read from entente, so that a change to the module's pattern cannot pass its own test).
HYPHEN_NUMBER = re.compile(r"(?<![\w.\-])-(?=\.?\d)")


# ------------------------------------------------------------------------------------------- helpers
@pytest.mark.parametrize("value, digits, text", [
    (-0.13, 2, f"{MINUS}0.13"), (0.13, 2, "0.13"), (-0.001, 2, "0.00"), (-0.004999, 2, "0.00"),
    (1234.5, 1, "1,234.5"), (-12345.0, 0, f"{MINUS}12,345"), (None, 2, "–"), (float("nan"), 1, "–"),
])
def test_a_number_takes_the_minus_sign_and_thousands_separators(value, digits, text):
    assert typeset.number(value, digits) == text


def test_counts_and_plurals_take_thousands_separators():
    assert typeset.whole(1234) == "1,234" and typeset.whole(999) == "999" and typeset.whole(-1234) == f"{MINUS}1,234"
    assert typeset.plural(1091, "roll call") == "1,091 roll calls" and typeset.plural(1, "roll call") == "1 roll call"
    assert [typeset.plural(n, "state") for n in (0, 1, 2)] == ["0 states", "1 state", "2 states"]
    assert typeset.plural(3, "veto", "vetoes") == "3 vetoes"


@pytest.mark.parametrize("value, digits, text", [
    (0.3, 2, "+0.30"), (-0.5, 2, f"{MINUS}0.50"), (-0.001, 2, "0.00"), (0.0049, 2, "0.00"),
    (1234.0, 1, "+1,234.0"), (-0.26, 2, f"{MINUS}0.26"),
])
def test_a_change_carries_its_sign_but_zero_has_none(value, digits, text):
    assert typeset.signed(value, digits) == text


def test_a_tiny_slope_gets_two_significant_figures_and_one_precision_with_its_interval():
    # the US share of trade with Cuba, 2011–2020, in percentage points a year (slope, interval ends)
    assert typeset.changes([-0.00044, -0.00088, -0.00000073]) == [f"{MINUS}0.00044", f"{MINUS}0.00088",
                                                                   "just below 0"]
    assert typeset.changes([-0.024, -0.045, -0.0037]) == [f"{MINUS}0.024", f"{MINUS}0.045", f"{MINUS}0.004"]
    assert typeset.changes([0.30, 0.13, 0.46]) == ["+0.30", "+0.13", "+0.46"]       # two figures already
    assert typeset.changes([0.0999, 0.05, 0.15]) == ["+0.10", "+0.05", "+0.15"]     # 0.0999 reads 0.10
    assert typeset.changes([18.24, 11.4, 24.5], 1, "%") == ["+18.2%", "+11.4%", "+24.5%"]
    assert typeset.changes([0.004, 0.00001, 0.008], 1, "%") == ["+0.0040%", "just above 0%", "+0.0080%"]


@pytest.mark.parametrize("value, digits, text", [(0.56, 0, "56%"), (0.004, 0, "under 1%"), (0.0, 0, "0%"),
                                                 (0.0003, 1, "under 0.1%"), (0.014, 1, "1.4%"),
                                                 (12.34, 0, "1,234%"), (-0.25, 0, f"{MINUS}25%"), (None, 0, "n/a")])
def test_a_share_that_is_real_but_small_is_not_written_as_zero(value, digits, text):
    assert typeset.pct(value, digits) == text


def test_a_trade_share_reads_under_a_tenth_of_a_percent():
    assert typeset.share(0.0004) == "under 0.1%" and typeset.share(0.0794) == "7.9%"
    assert typeset.share(None) == "an unknown share"


def test_labels_written_in_ascii_get_the_minus_sign_and_keep_their_hyphens():
    label = "alignment -0.25, alliance +0.67, disputes -.5; non-aggression 2001-2010, 2014-03-01, COW-5"
    assert typeset.minus(label) == (f"alignment {MINUS}0.25, alliance +0.67, disputes {MINUS}.5; non-aggression "
                                    "2001-2010, 2014-03-01, COW-5")


def test_words_helpers():
    assert [typeset.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 32, 101, 112)] == \
        ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "32nd", "101st", "112th"]
    assert typeset.listing(["a"]) == "a" and typeset.listing(["a", "b"]) == "a and b"
    assert typeset.listing(["a", "", "b", "c"]) == "a, b and c" and typeset.listing([]) == ""
    assert typeset.the("Soviet Union") == "the Soviet Union" and typeset.the("India") == "India"
    assert typeset.possessive("Iran") == "Iran's" and typeset.possessive("the United States") == "the United States'"
    assert typeset.money(0.3) == "under US$1 million" and typeset.money(23_700) == "US$23.7 billion"


# ------------------------------------------------------------------------------------------- a brief
@pytest.fixture(scope="module")
def usa_cub(con):
    """The United States and Cuba, 1946–2025: a negative mean κ and a falling trade share."""
    brief = compose(assemble("USA", "CUB", start=1946, end=2025, con=con))
    section = brief["sections"]["alignment"]
    context = {"brief": brief, "s": section, "charts": {}, "a": brief["pair"]["a"]["name"],
               "b": brief["pair"]["b"]["name"]}
    env = environment(bytecode_cache=False)
    return brief, env.get_template("brief.md.j2").render(**context), env.get_template("brief.html.j2").render(**context)


def _prose(brief: dict) -> list[str]:
    """The brief's sentences: the headline, the overview and every section's summary, note and no-evidence line."""
    texts = [brief["headline"], brief["splits_sentence"], *(o["text"] for o in brief["overview"])]
    for section in brief["sections"].values():
        if isinstance(section, dict):
            texts += [section.get(k) for k in ("summary", "note", "no_evidence") if isinstance(section.get(k), str)]
    return texts


def _outside_code(text: str) -> str:
    """``text`` without its code: Markdown code spans, HTML <code>/<pre>/<svg>/<script> elements, BibTeX."""
    text = re.sub(r"<(code|pre|svg|script|style)\b.*?</\1>", "", text, flags=re.DOTALL)
    text = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    return re.sub(r"`[^`]*`", "", text)


def test_the_mean_kappa_is_written_with_the_minus_sign(con, usa_cub):
    brief, md, html = usa_cub
    first, last = brief["sections"]["alignment"]["summary"]["window"]["from"], 2025
    mean = con.execute(f"SELECT avg(kappa) FROM {catalog.UNGA_ALIGNMENT} WHERE ccode1 = 2 AND ccode2 = 40 "
                       "AND year BETWEEN ? AND ?", [first, last]).df().iloc[0, 0]
    assert mean < -0.005
    expected = f"κ {MINUS}{abs(mean):.2f}"         # HTML writes the apostrophe of "Cohen's" as &#39;
    for text, cohen in ((brief["headline"], "Cohen's"), (md, "Cohen's"), (html, "Cohen&#39;s")):
        # ")" or, for a window across 1992, ";" and each era's mean
        assert re.search(re.escape(f"mean {cohen} {expected}") + "[);]", text), text[:300]


def test_no_number_a_reader_sees_has_a_hyphen_minus(usa_cub):
    brief, md, html = usa_cub
    for text in _prose(brief):
        assert not HYPHEN_NUMBER.search(_outside_code(text)), text
    for page in (md, html):
        shown = _outside_code(page)
        assert not [line for line in shown.splitlines() if HYPHEN_NUMBER.search(line)]
        assert MINUS in shown


def test_the_tiny_trade_trend_reads_with_significant_figures(con, usa_cub):
    """The smaller side's share of US–Cuba trade falls by well under 0.005 percentage points a year: the
    sentence gives the slope two significant figures and its interval the same decimals, never 0."""
    brief, _, _ = usa_cub
    d = brief["sections"]["trend"]["direction"]["trade"]
    text = brief["sections"]["trend"]["summary"]
    found = re.search(r"\(([+−][\d.]+) percentage points a year; 95% interval ([+−][\d.]+|just below 0) to "
                      r"([+−][\d.]+|just below 0)\)", text)
    assert found and d["direction"] == "falling", text
    slope = found.group(1)
    decimals = len(slope.split(".")[1])
    assert len(slope.lstrip("+−0.")) == 2                                  # two significant figures
    assert float(slope.replace(MINUS, "-")) == pytest.approx(100 * d["slope"], abs=0.51 * 10 ** -decimals)
    for end, value in zip(found.groups()[1:], (d["ci_low"], d["ci_high"])):
        if end == "just below 0":
            assert -0.5 * 10 ** -decimals < 100 * value < 0
        else:
            assert len(end.split(".")[1]) == decimals
            assert float(end.replace(MINUS, "-")) == pytest.approx(100 * value, abs=0.51 * 10 ** -decimals)
