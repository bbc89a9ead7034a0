"""Checks of news events: cooperation and conflict between a pair as GDELT reports them (CAMEO quad classes).

GDELT (Leetaru & Schrodt 2013) codes news reports as events with a CAMEO root code; its quad classes are
verbal cooperation (roots 01–05), material cooperation (06–08), verbal conflict (09–13) and material
conflict (14–20) (:mod:`entente.events.aggregate`). A claim that cooperation (classes 1–2) or conflict
(3–4) between two states "rose", "fell" or "dominated" in a period is read from the pair's events in the
GDELT files ingested into the event store (``entente events ingest``), never from the warehouse.

**Measures.** ``share``: the class's share of the pair's events (independent of how much news GDELT
holds for a period); ``rate``: the class's events per hour of GDELT files ingested in the period
(robustness tries it). **Rule.** A claim that such events happened ("clashes were reported") is
supported by one event of the class, contradicted by none among at least :data:`MIN_EVENTS` events of the
pair. A level claim ("cooperation dominated") is supported when the share is above 55%, contradicted below
45%, partly in between. A change claim compares the period with the one
before it of the same length (or, for a span of years, its first year with its last): supported when the
share moved the claimed way by more than 5 points (the rate by more than 10%), contradicted otherwise.
Fewer than :data:`MIN_EVENTS` events of the pair in a compared period, or no GDELT file ingested for it:
``not covered``, with the command that loads them.
"""

from __future__ import annotations

import pandas as pd

from entente.factcheck.checks.common import _names
from entente.factcheck.verdicts import (
    CONTRADICTED,
    NOT_COVERED,
    PARTLY,
    SUPPORTED,
    Verdict,
    memo,
    span,
)

#: The fewest events of the pair in a compared period for a share to be read.
MIN_EVENTS = 10
#: Level claims: the class's share above ``LEVEL[1]`` supports, below ``LEVEL[0]`` contradicts.
LEVEL = (0.45, 0.55)
#: Change claims: the share must move more than this (points), the rate by more than ``RATE_STEP``.
SHARE_STEP, RATE_STEP = 0.05, 0.10
#: GDELT 1.0's back-file begins on 1 January 1979 (Leetaru & Schrodt 2013).
GDELT_FIRST = 1979
CLASSES = {"cooperation": ("quad1", "quad2"), "conflict": ("quad3", "quad4")}
GDELT = {"dataset": "gdelt", "version": "GDELT 1.0/2.0 event exports as ingested", "table": "events (entente.events store)"}


def events(claim, con, period, measure="share") -> Verdict:
    a, b = claim.states[:2]
    na, nb = _names(claim)
    what = claim.params.get("what", "cooperation")
    change = claim.params.get("change")
    query = f"entente.events.series({a}, {b}, freq='month') quad classes {span(period.start, period.end)}"
    if change and period.start < period.end:
        before, after = (period.start, period.start), (period.end, period.end)
    elif change:
        length = period.end - period.start + 1
        before, after = (period.start - length, period.start - 1), (period.start, period.end)
    else:
        before, after = None, (period.start, period.end)
    # the event store's readers (Polars, Ibis) load on the first news-event claim, not with `entente check`
    from entente import events as _events

    hours = memo(con, ("gdelt_hours",), lambda: _hours_by_year(_events))
    compared = [p for p in (before, after) if p is not None]
    for first, last in compared:
        if last < GDELT_FIRST:
            return Verdict(NOT_COVERED, f"GDELT's news events begin in {GDELT_FIRST}; no event data entente reads "
                           f"see {span(first, last)}.", [{**GDELT, "coverage": None, "keys": [],
                                                           "note": f"GDELT begins in {GDELT_FIRST}"}], query)
        if sum(hours.get(y, 0.0) for y in range(first, last + 1)) == 0:
            which = " (the period a change is measured from)" if (first, last) == before else ""
            return Verdict(NOT_COVERED, f"No GDELT news events are loaded for {span(first, last)}{which}; load them with "
                           f"`entente events ingest --from {first}-01-01 --to {last}-12-31` to check this claim.",
                           [{**GDELT, "coverage": None, "keys": [], "note": "no GDELT file ingested for these years"}],
                           query)
    series = memo(con, ("gdelt_series", min(a, b), max(a, b)), lambda: _events.series(a, b, freq="month"))
    counts = [_counts(series, hours, first, last, what) for first, last in compared]
    ev_rows = [{**GDELT, "coverage": [compared[0][0], compared[-1][1]],
                "keys": [{"ccode_a": min(a, b), "ccode_b": max(a, b), "years": [first, last]} for first, last in compared],
                "note": "; ".join(f"{c['hours']:.1f} hours of GDELT files in {span(*p)}" for c, p in zip(counts, compared))}]
    if change is None and not claim.params.get("dominant"):
        # "clashes were reported": any event of the class is enough; none contradicts once enough events are seen
        c = counts[0]
        facts = _describe(c, what, after, na, nb)
        if c["class"] > 0 or c["events"] >= MIN_EVENTS:
            ok = (c["class"] > 0) != claim.negated
            return Verdict(SUPPORTED if ok else CONTRADICTED, f"{'Yes' if ok else 'No'}: {facts}.", ev_rows, query,
                           c["class"])
    thin = [(c, p) for c, p in zip(counts, compared) if c["events"] < MIN_EVENTS]
    if thin:
        c, p = thin[0]
        return Verdict(NOT_COVERED, f"The GDELT files loaded for {span(*p)} ({c['hours']:.1f} hours) hold {c['events']} "
                       f"events between {na} and {nb}, under the {MIN_EVENTS} a share needs; ingest more of those "
                       f"years (`entente events ingest --from {p[0]}-01-01 --to {p[1]}-12-31`).", ev_rows, query)
    if change is None:
        share = counts[0]["share"]
        facts = _describe(counts[0], what, after, na, nb)
        verdict = SUPPORTED if share > LEVEL[1] else CONTRADICTED if share < LEVEL[0] else PARTLY
        if claim.negated and verdict != PARTLY:
            verdict = CONTRADICTED if verdict == SUPPORTED else SUPPORTED
        word = {SUPPORTED: "Yes", CONTRADICTED: "No", PARTLY: "About even"}[verdict]
        return Verdict(verdict, f"{word}: {facts} (a claim of {what} holds above {LEVEL[1]:.0%}, fails below "
                       f"{LEVEL[0]:.0%}).", ev_rows, query, share)
    old, new = counts
    if measure == "rate":
        moved = new["rate"] / old["rate"] - 1 if old["rate"] else float("inf")
        ok = moved > RATE_STEP if change == "up" else moved < -RATE_STEP
        said = f"{what} events per hour of news went from {old['rate']:.2f} to {new['rate']:.2f} ({moved:+.0%})"
    else:
        moved = new["share"] - old["share"]
        ok = moved > SHARE_STEP if change == "up" else moved < -SHARE_STEP
        said = f"{what}'s share of their events went from {old['share']:.0%} to {new['share']:.0%}"
    if claim.negated:
        ok = not ok
    facts = f"{_describe(old, what, before, na, nb)}; {_describe(new, what, after, na, nb)}; {said}"
    step = f"{RATE_STEP:.0%}" if measure == "rate" else f"{SHARE_STEP * 100:.0f} points"
    return Verdict(SUPPORTED if ok else CONTRADICTED, f"{'Yes' if ok else 'No'}: {facts} (a change must pass {step}).",
                   ev_rows, query, moved)


def _hours_by_year(_events) -> dict[int, float]:
    """Hours of GDELT export files ingested, per year of their interval (:func:`entente.events.coverage`)."""
    cov = _events.coverage()
    if cov.empty:
        return {}
    years = pd.to_datetime(cov["interval_start"]).dt.year
    return (cov["minutes"].astype(float) / 60).groupby(years).sum().to_dict()


def _counts(series: pd.DataFrame, hours: dict, first: int, last: int, what: str) -> dict:
    """Events of the pair in ``first``–``last``: all, the class's, its share, its rate per hour, Goldstein."""
    year = pd.to_numeric(series["period"].astype(str).str[:4]) if len(series) else pd.Series(dtype=int)
    rows = series[(year >= first) & (year <= last)]
    n = int(rows["events"].sum()) if len(rows) else 0
    mine = int(sum(rows[c].sum() for c in CLASSES[what])) if len(rows) else 0
    seen = sum(hours.get(y, 0.0) for y in range(first, last + 1))
    goldstein = float(rows["goldstein_sum"].sum() / n) if n else float("nan")
    return {"events": n, "class": mine, "share": mine / n if n else float("nan"), "hours": seen,
            "rate": mine / seen if seen else float("nan"), "goldstein": goldstein}


def _describe(c: dict, what: str, years, na: str, nb: str) -> str:
    return (f"in {span(*years)} GDELT reports {c['events']} events between {na} and {nb} ({c['hours']:.1f} hours of "
            f"files), {c['class']} of them {what} ({c['share']:.0%}; mean Goldstein score {c['goldstein']:+.1f})")
