"""Does a verdict survive nearby choices? Each claim rerun over nearby windows and alternative measures.

Following Wu et al., "Toward computational fact-checking" (VLDB 2014): a claim that holds only for the
exact window and measure its author chose is cherry-picked. The variants are the claimed period with
its start and end each moved by −5, 0 or +5 years (nine windows, fewer where a shift would empty the
period or pass the article's year) times the template's measures (UN alignment: agreement, Cohen's κ
and S; disputes: COW MID and GML MIDs; rivalries: TSS and Thompson–Dreyer; alliances: ATOP and COW).
The result says in how many of them the verdict is the same: "holds in 9 of 12 variants".
"""

from __future__ import annotations

from dataclasses import replace

from entente.factcheck.claims import BY_KIND
from entente.factcheck.verdicts import CONTRADICTED, NOT_COVERED, PARTLY, SUPPORTED

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


def robustness(claim, verdict, con, last_year: int) -> dict:
    """``{"holds": k, "variants": n, "text": "holds in k of n variants", "differs": [...]}`` for a
    supported, contradicted or partly supported verdict; None-like ``{}`` otherwise."""
    if verdict.verdict not in (SUPPORTED, CONTRADICTED, PARTLY):
        return {}
    template = BY_KIND[claim.kind]
    holds, total, differs = 0, 0, []
    for period, measure in variants(claim, last_year):
        try:
            other = template.check(replace(claim, period=period), con, period, measure)
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
