"""Does a verdict survive nearby choices? Each claim rerun over nearby windows and alternative measures.

Following Wu et al., "Toward computational fact-checking" (VLDB 2014): a claim that holds only for the
exact window and measure its author chose is cherry-picked. The variants are the claimed period with
its start and end each moved by −5, 0 or +5 years (nine windows, fewer where a shift would empty the
period or pass the article's year) times the template's measures (UN alignment: agreement, Cohen's κ
and S; disputes: COW MID and GML MIDs; rivalries: TSS and Thompson–Dreyer; alliances: ATOP and COW).
The result says in how many of them the verdict is the same: "holds in 9 of 12 variants".

The variants do not query again: each check reads a pair's rows once per article, whatever the years
(:func:`entente.factcheck.verdicts.memo`), and judges each window from them. What a :class:`Reached`
keeps is the verdicts themselves, by everything a check reads of a claim: the claim's own verdict is its
first variant, and claims of one sentence share theirs.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from entente.factcheck.claims import BY_KIND
from entente.factcheck.verdicts import CONTRADICTED, NOT_COVERED, PARTLY, SUPPORTED, Verdict

SHIFTS = (-5, 0, 5)


def variants(claim, last_year: int) -> list[tuple]:
    """(period, measure) pairs to rerun, the claim's own first."""
    template = BY_KIND[claim.kind]
    periods = []
    for ds in SHIFTS:
        for de in SHIFTS:
            p = claim.period
            start, end = p.start + ds, min(p.end + de, last_year)
            if start > end or (p.start == p.end and ds != de):
                continue
            candidate = type(p)(start, end, p.text, p.how)
            if candidate not in periods:
                periods.append(candidate)
    own = [(claim.period, template.measures[0])]
    rest = [(p, m) for m in template.measures for p in periods if (p, m) != own[0]]
    return own + rest


class Reached:
    """The verdicts reached while one article is checked, keyed by what a check reads of a claim (its
    kind, states, period, measure, negation, quantities, parameters and sentence): a check is a function
    of these and the warehouse, so a key seen again gives the same verdict. Each answer is a new Verdict (its evidence list shared:
    nothing downstream changes one).
    ``remember=False`` checks every time (the tests compare the two)."""

    def __init__(self, *, remember: bool = True):
        self.remember = remember
        self._seen: dict[tuple, Verdict] = {}
        self.hits = 0

    @staticmethod
    def key(claim, period, measure) -> tuple:
        params = repr(sorted(claim.params.items()))
        return (claim.kind, tuple(claim.states), period, measure, claim.negated, tuple(claim.quantities), params,
                claim.sentence)

    def verdict(self, claim, con, period, measure) -> Verdict:
        """``claim``'s template judged over ``period`` with ``measure`` (exceptions pass through, unkept)."""
        key = self.key(claim, period, measure) if self.remember else None
        if key is not None and key in self._seen:
            self.hits += 1
            return copy.copy(self._seen[key])
        found = BY_KIND[claim.kind].check(claim if period == claim.period else replace(claim, period=period), con,
                                          period, measure)
        if key is not None:
            self._seen[key] = found
        return copy.copy(found)


def robustness(claim, verdict, con, last_year: int, reached: Reached | None = None) -> dict:
    """``{"holds": k, "variants": n, "text": "holds in k of n variants", "differs": [...]}`` for a
    supported, contradicted or partly supported verdict; None-like ``{}`` otherwise. ``reached``: the
    article's verdicts so far (the claim's own among them), reused where a variant is one of them."""
    if verdict.verdict not in (SUPPORTED, CONTRADICTED, PARTLY):
        return {}
    reached = reached if reached is not None else Reached(remember=False)
    holds, total, differs = 0, 0, []
    for period, measure in variants(claim, last_year):
        try:
            other = reached.verdict(claim, con, period, measure)
        except Exception as exc:  # noqa: BLE001 - a variant the data cannot answer is not counted
            differs.append(f"{period} {measure}: {type(exc).__name__}")
            continue
        if other.verdict == NOT_COVERED:
            continue
        total += 1
        if other.verdict == verdict.verdict:
            holds += 1
        else:
            differs.append(f"{period} {measure}: {other.verdict}")
    return {"holds": holds, "variants": total, "text": f"holds in {holds} of {total} variants", "differs": differs[:6]}
