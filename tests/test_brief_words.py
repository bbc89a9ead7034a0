"""Sentences of a brief read as an international-relations analyst reads them: each test states a fact
computed here from the warehouse (SQL or pandas) and checks that the sentence says it, and says nothing
the data do not (a window the data do not open, a name the state did not bear, an unnamed treaty)."""

from __future__ import annotations

import pytest

from entente import catalog
from entente.brief import content


def _first_member_year(con, ccode: int) -> int:
    return int(con.execute(f"SELECT min(styear) FROM {catalog.COW_STATES} WHERE ccode = ?", [ccode]).df().iloc[0, 0])


def _first_rivalry_year(con, a: int, b: int) -> int:
    return int(con.execute(f"""SELECT min(styear) FROM {catalog.TSS_RIVALRIES}
                               WHERE (ccode1 = ? AND ccode2 = ?) OR (ccode1 = ? AND ccode2 = ?)""",
                           [a, b, b, a]).df().iloc[0, 0])


@pytest.mark.parametrize("a, b, ca, cb, later", [("GRC", "TUR", 350, 640, 350), ("IRN", "RUS", 630, 365, 630)])
def test_a_default_window_opened_by_the_pairs_history_says_so(con, a, b, ca, cb, later):
    """Greece joins the COW system in 1828 and Persia in 1855, but their rivalries start earlier: the window
    opens with the rivalry, and the clause must not call those years 'both states' shared years'."""
    ctx = content.context(a, b, con=con)
    entered, rivalry = _first_member_year(con, later), _first_rivalry_year(con, ca, cb)
    assert rivalry < entered and ctx.window.first == rivalry
    reason = content.window_reason(ctx)
    assert "shared years" not in reason
    assert f"from {rivalry}, the first year the rivalry data record the pair" in reason
    assert f"joined the COW state system only in {entered}" in reason


def test_a_default_window_of_shared_years_says_so(con):
    ctx = content.context("ISR", "SYR", con=con)
    assert ctx.window.first == max(_first_member_year(con, 666), _first_member_year(con, 652))
    assert content.window_reason(ctx).startswith("both states' shared years")
    assert content.window_reason(content.context("ISR", "SYR", start=1960, end=1970, con=con)) is None
