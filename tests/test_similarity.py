"""Alignment measures against a deliberately naive implementation, on real roll calls."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entente.errors import BadInput, SchemaError
from entente.measures.similarity import MEASURES, dyad_similarity


def naive(votes: pd.DataFrame, both_abstain: str = "agree") -> pd.DataFrame:
    """Pair by pair, vote by vote, straight from the formulas in the literature (no matrices)."""
    rows = []
    for year, group in votes.groupby("year"):
        ballots = {c: dict(zip(g.rcid, g.vote)) for c, g in group.groupby("ccode")}
        for c1, c2 in itertools.combinations(sorted(ballots), 2):
            common = sorted(set(ballots[c1]) & set(ballots[c2]))
            if not common:
                continue
            x = [ballots[c1][r] for r in common]
            y = [ballots[c2][r] for r in common]
            n = len(x)
            score, counted = 0.0, 0
            for a, b in zip(x, y):
                if a == b == 2 and both_abstain == "exclude":
                    continue
                counted += 1
                score += 1.0 if a == b else (0.5 if 2 in (a, b) else 0.0)
            d_abs = sum(abs(a - b) for a, b in zip(x, y))
            d_sq = sum((a - b) ** 2 for a, b in zip(x, y))
            sx, sy = sum(x), sum(y)
            sxx, syy = sum(a * a for a in x), sum(b * b for b in y)
            de_c = sxx + syy - 2 * sx * sy / n
            de_p = sxx + syy - (sx + sy) ** 2 / (2 * n)
            rows.append({
                "year": year, "ccode1": c1, "ccode2": c2, "n_votes": n,
                "agree": score / counted if counted else np.nan,
                "s_abs": 1 - 2 * d_abs / (2 * n), "s_sq": 1 - 2 * d_sq / (4 * n),
                "kappa": 1 - d_sq / de_c if de_c > 1e-9 else 0.0,
                "pi": 1 - d_sq / de_p if de_p > 1e-9 else 0.0,
            })
    return pd.DataFrame(rows)


# 30 states of every bloc and region (incl. USA 2, UK 200, USSR/Russia 365, Israel 666, Iran 630,
# China 710, India 750, Cuba 40, Brazil 140, Nigeria 475) in four real years, one per era.
STATES = [2, 20, 40, 70, 140, 200, 220, 255, 260, 265, 290, 365, 369, 385, 475, 560, 600, 630, 645, 651,
          652, 666, 700, 710, 713, 732, 740, 750, 770, 900]
YEARS = [1955, 1985, 1995, 2015]


@pytest.fixture(scope="module")
def sample(voeten_votes):
    return voeten_votes[voeten_votes.ccode.isin(STATES) & voeten_votes.year.isin(YEARS)]


@pytest.mark.parametrize("both_abstain", ["agree", "exclude"])
def test_every_dyad_year_matches_naive(sample, both_abstain):
    fast = dyad_similarity(sample, ["year"], both_abstain=both_abstain)
    slow = naive(sample, both_abstain)
    assert len(fast) == len(slow) > 1000
    merged = fast.merge(slow, on=["year", "ccode1", "ccode2"], suffixes=("", "_naive"), validate="1:1")
    assert (merged.n_votes == merged.n_votes_naive).all()
    for m in MEASURES:
        np.testing.assert_allclose(merged[m], merged[f"{m}_naive"], rtol=1e-12, atol=1e-12, err_msg=m)


def test_focal_gives_the_full_results_rows_for_those_states_bit_for_bit(sample):
    """``focal`` computes only the focal states' rows of the count matrix: same pairs, order and values."""
    full = dyad_similarity(sample, ["year"])
    for focal in [(630, 365), (2,), (900, 20, 770)]:
        part = dyad_similarity(sample, ["year"], focal=focal)
        expected = full[full.ccode1.isin(focal) | full.ccode2.isin(focal)].reset_index(drop=True)
        pd.testing.assert_frame_equal(part, expected, check_exact=True)


def test_iran_russia_same_vote_share_matches_sources_spot_check(voeten_votes):
    """SOURCES.md §12: Iran and Russia cast the same vote on 0.639 of 2,332 common roll calls, 1992–2019."""
    pair = voeten_votes[voeten_votes.ccode.isin([365, 630]) & voeten_votes.year.between(1992, 2019)]
    wide = pair.pivot_table(index="rcid", columns="ccode", values="vote").dropna()
    assert len(wide) == 2332
    assert round((wide[365] == wide[630]).mean(), 3) == 0.639
    # Our agreement gives half credit for one abstention, so it must lie between "same vote" and 1.
    res = dyad_similarity(pair, ["year"])
    pooled = (res.agree * res.agree_n).sum() / res.agree_n.sum()
    assert 0.639 < pooled < 1


def test_identical_voters_score_one_and_opposites_minus_one():
    votes = pd.DataFrame({"rcid": [1, 2, 3, 1, 2, 3, 1, 2, 3], "ccode": [1, 1, 1, 2, 2, 2, 3, 3, 3],
                          "vote": [1, 3, 1, 1, 3, 1, 3, 1, 3], "year": 2000})
    out = dyad_similarity(votes).set_index(["ccode1", "ccode2"])
    assert out.loc[(1, 2), ["agree", "s_abs", "s_sq", "kappa", "pi"]].tolist() == [1, 1, 1, 1, 1]
    assert out.loc[(1, 3), ["agree", "s_abs", "s_sq"]].tolist() == [0, -1, -1]


def test_rejects_absences_and_duplicates():
    with pytest.raises(SchemaError, match="absences"):
        dyad_similarity(pd.DataFrame({"rcid": [1], "ccode": [2], "vote": [8], "year": [1990]}))
    with pytest.raises(SchemaError, match="duplicates"):
        dyad_similarity(pd.DataFrame({"rcid": [1, 1], "ccode": [2, 2], "vote": [1, 1], "year": [1990] * 2}))
    with pytest.raises(SchemaError, match="has no \\['vote'\\]"):
        dyad_similarity(pd.DataFrame({"rcid": [1], "ccode": [2], "year": [1990]}))
    with pytest.raises(BadInput):
        dyad_similarity(pd.DataFrame({"rcid": [1], "ccode": [2], "vote": [1], "year": [1]}), both_abstain="x")


ballots = st.lists(st.sampled_from([0, 1, 2, 3]), min_size=1, max_size=40)


@pytest.mark.slow    # over 6 s on 2 cores: the full suite (CI's first run) keeps it
@settings(max_examples=200, deadline=None)
@given(st.lists(ballots, min_size=2, max_size=6).filter(lambda b: len({len(x) for x in b}) == 1))
def test_properties_symmetry_range_and_self_similarity(matrix):
    """S(a,a)=1, measures within their ranges, and the result does not depend on state order."""
    rows = [{"rcid": r, "ccode": s + 1, "vote": v, "year": 2000}
            for s, votes in enumerate(matrix) for r, v in enumerate(votes) if v]
    rows += [{"rcid": r, "ccode": 99, "vote": v, "year": 2000} for r, v in enumerate(matrix[0]) if v]
    frame = pd.DataFrame(rows, columns=["rcid", "ccode", "vote", "year"])
    if frame.ccode.nunique() < 2:
        return
    out = dyad_similarity(frame)
    twin = out[(out.ccode1 == 1) & (out.ccode2 == 99)]
    if len(twin):
        assert twin.s_abs.iat[0] == 1 and twin.s_sq.iat[0] == 1 and twin.agree.iat[0] == 1
    assert out.agree.dropna().between(0, 1).all()
    assert out.s_abs.between(-1, 1).all() and out.s_sq.between(-1, 1).all()
    assert (out.kappa <= 1 + 1e-12).all() and (out.pi <= 1 + 1e-12).all()
    relabelled = frame.assign(ccode=1000 - frame.ccode)
    back = dyad_similarity(relabelled)
    back["ccode1"], back["ccode2"] = 1000 - back["ccode2"], 1000 - back["ccode1"]
    merged = out.merge(back, on=["year", "ccode1", "ccode2"], suffixes=("", "_r"))
    assert len(merged) == len(out)
    for m in MEASURES:
        np.testing.assert_allclose(merged[m], merged[f"{m}_r"], atol=1e-12)
