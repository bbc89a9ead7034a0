"""The alignment API on the real warehouse: known facts, variants, partners, splits, clear errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from entente.pair import alignment
from entente.errors import BadInput, NoEvidence, UnknownCountry
from entente.measures.similarity import MEASURES, dyad_similarity


def test_usa_and_israel_are_each_others_closest_in_the_2010s(con):
    ranks = alignment.ranks("USA", "Israel", start=2010, end=2019, con=con)
    assert len(ranks) == 10
    assert (ranks.rank_b_among_a <= 5).all() and (ranks.rank_a_among_b <= 2).all()
    assert (ranks.rank_b_among_a == 1).sum() >= 7


def test_iran_russia_well_above_usa_with_either_after_1991(con):
    ir = alignment.alignment("Iran", "Russia", start=1992, con=con).set_index("year").agree
    ui = alignment.alignment("USA", "IRN", start=1992, con=con).set_index("year").agree
    ur = alignment.alignment("USA", "RUS", start=1992, con=con).set_index("year").agree
    assert ir.mean() > ui.mean() + 0.4 and ir.mean() > ur.mean() + 0.3
    assert (ir > ui).all()                               # every single year
    # Only in 1993–94, Yeltsin's first years, did Russia vote with the USA more than with Iran.
    assert ir.index[ir <= ur].tolist() == [1993, 1994]
    assert ir.index.max() == 2025                        # the 80th session (2025–26)


def test_pair_series_is_the_matching_rows_of_the_full_table(con):
    full = alignment.all_pairs(start=2000, end=2005, con=con)
    pair = alignment.alignment(630, 365, start=2000, end=2005, con=con)
    rows = full[(full.ccode1 == 365) & (full.ccode2 == 630)].reset_index(drop=True)
    assert (pair.ccode1 == 630).all() and (pair.state1 == "IRN").all()
    np.testing.assert_allclose(pair[list(MEASURES)], rows[list(MEASURES)])


def test_issue_and_calendar_variants_against_direct_computation(con):
    votes = con.execute("""
        SELECT v.rcid, v.ccode, v.vote, r.calendar_year AS year FROM unga_votes v JOIN unga_rollcalls r USING (rcid)
        JOIN unga_rollcall_issues i USING (rcid) WHERE i.issue = 'hr' AND v.ccode IN (2, 365)""").df()
    expected = dyad_similarity(votes).sort_values("year").reset_index(drop=True)
    got = alignment.alignment("USA", "Russia", issue="hr", calendar=True, con=con)
    assert len(got) == len(expected) > 40
    np.testing.assert_allclose(got[list(MEASURES)], expected[list(MEASURES)])


def test_both_abstain_exclude_never_raises_agreement_denominator(con):
    default = alignment.alignment("IND", "PAK", start=1990, end=2000, con=con)
    excl = alignment.alignment("IND", "PAK", start=1990, end=2000, both_abstain="exclude", con=con)
    assert (excl.agree_n <= default.agree_n).all() and (excl.agree_n < default.agree_n).any()
    np.testing.assert_allclose(excl.kappa, default.kappa)       # only agreement depends on the rule


def test_partners_ranks_every_partner_once(con):
    p = alignment.partners("IRN", 2023, con=con)
    assert p["rank"].tolist() == list(range(1, len(p) + 1))
    assert p.ccode2.is_unique and 630 not in set(p.ccode2) and len(p) > 150
    assert p.agree.is_monotonic_decreasing
    assert p.partner.notna().all()


def test_splits_are_exactly_the_roll_calls_with_different_votes(con):
    sp = alignment.splits("IRN", "RUS", start=2022, end=2022, con=con)
    direct = con.execute("""
        SELECT count(*) FROM unga_votes a JOIN unga_votes b ON a.rcid = b.rcid AND a.ccode = 630 AND b.ccode = 365
        JOIN unga_rollcalls r ON r.rcid = a.rcid WHERE r.year = 2022 AND a.vote <> b.vote""").fetchone()[0]
    assert len(sp) == direct > 0
    assert set(sp.kind) <= {"opposed", "abstain"}
    assert ((sp.kind == "opposed") == (sp[["vote_a", "vote_b"]].apply(set, axis=1) == {"yes", "no"})).all()


def test_clear_errors(con):
    with pytest.raises(UnknownCountry, match="Iran"):
        alignment.alignment("Persai", "RUS", con=con)
    with pytest.raises(BadInput, match="two different"):
        alignment.alignment("IRN", "Persia", con=con)
    with pytest.raises(BadInput, match="Unknown issue"):
        alignment.alignment("IRN", "RUS", issue="xx", con=con)
    with pytest.raises(BadInput, match="after"):
        alignment.alignment("IRN", "RUS", start=2010, end=2000, con=con)
    with pytest.raises(NoEvidence, match="never voted"):
        alignment.alignment("IRN", "Kosovo", con=con)
    with pytest.raises(NoEvidence, match="no UN General Assembly vote in 1950|cast no"):
        alignment.partners("Kosovo", 2020, con=con)
    with pytest.raises(BadInput, match="measure"):
        alignment.partners("IRN", 2020, measure="vibes", con=con)


def test_state_averages_equal_each_state_average(con):
    """All states' yearly means in one pass are each state's own (Iran, Russia, the United States)."""
    from entente.pair import alignment as al

    every = al.state_averages(con=con)
    for state in (630, 365, 2):
        one = al.state_average(state, con=con).reset_index(drop=True)
        mine = every[every["ccode"] == state].drop(columns="ccode").reset_index(drop=True)
        pd.testing.assert_frame_equal(mine[one.columns], one, check_dtype=False)
