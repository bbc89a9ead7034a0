"""Check of a seizure of territory ("Russia seized Crimea in 2014") against the militarized dispute data.

A state that seizes, annexes or occupies another's territory takes a militarized action that the MID
data code as *occupation of territory* (action 14) or one ranked above it (15 seizure, 16 attack,
17 clash, 18 declaration of war, 19 use of CBR weapons, 20 begin and 21 join an interstate war); a
dispute whose highest action for that state (``hiact1`` in the directed dyad-year table, the seizer as
``ccode1``) stays below 14 holds no occupation by it. Action codes: the MID 4 codebook (Palmer, d'Orazio,
Kenwick & Lane 2015, table of militarized actions), which MID 5 keeps. The data do not name the
territory, so:

- a claim that the state seized it: **supported** by a dispute with the territory's holder in which the
  seizer's highest action reached 14 or more, **contradicted** when the data cover the years and list
  none (an occupation would have been coded), not covered when they cover only part of them;
- a claim that it did *not*: **supported** when no such dispute is listed; when one is, the data cannot
  show that this territory was not the one taken: **not covered**.

After the MID data end (2014), UCDP/PRIO armed conflicts (:func:`entente.pair.evidence.armed_conflicts`)
can support a seizure: a conflict with the two on opposite sides in those years (25 or more battle
deaths). A seizure can be bloodless, so no conflict there does not contradict it: not covered.
"""

from __future__ import annotations

from entente import catalog
from entente.countries import name as state_name
from entente.factcheck.checks.common import _names, years_judged
from entente.factcheck.verdicts import (
    CONTRADICTED,
    NOT_COVERED,
    SUPPORTED,
    Verdict,
    coverage_note,
    evidence,
    memo,
    plural,
    span,
)
from entente.pair import evidence as ev

#: MID militarized actions from occupation of territory up (MID 4/5 codebook); below 14: threats, displays,
#: a blockade (13) — none of them an occupation.
OCCUPATION = 14
ACTIONS = {0: "no militarized action", 1: "threat to use force", 2: "threat to blockade", 3: "threat to occupy territory",
           4: "threat to declare war", 5: "threat to use CBR weapons", 6: "threat to join war", 7: "show of force",
           8: "alert", 9: "nuclear alert", 10: "mobilization", 11: "fortify border", 12: "border violation",
           13: "blockade", 14: "occupation of territory", 15: "seizure of material or personnel", 16: "attack", 17: "clash",
           18: "declaration of war", 19: "use of CBR weapons", 20: "begin interstate war", 21: "join interstate war"}


def seizure(claim, con, period, measure="cow") -> Verdict:
    """The verdict on ``claim`` (kind ``disputes`` with ``params["seizure"]``: the territory), seizer first."""
    table = catalog.COW_MIDS if measure == "cow" else catalog.GML_MIDS
    a, b = claim.states[:2]
    territory = claim.params["seizure"]
    period, years, early = years_judged(claim, con, period, table, "militarized dispute", system="militarized dispute")
    if early:
        return _after_mids(claim, con, period, early) if period is not None else early
    rows = memo(con, ("seizure", a, b, measure), lambda: con.execute(
        f"SELECT dispnum, min(year) AS first, max(year) AS last, max(hiact1) AS hiact FROM {table} "
        "WHERE ccode1 = ? AND ccode2 = ? GROUP BY dispnum ORDER BY first, dispnum", [a, b]).df())
    rows = rows[(rows["first"] <= years[1]) & (rows["last"] >= years[0])]
    took = rows[rows["hiact"] >= OCCUPATION]
    na, nb = _names(claim)
    seizer = state_name(a, years[1], article=True)

    def listing(frame):
        return ", ".join(f"no. {int(r.dispnum)} ({span(int(r.first), int(r.last))}, {ACTIONS.get(int(r.hiact), r.hiact)})"
                         for r in frame.head(4).itertuples()) + (" …" if len(frame) > 4 else "")

    where = f"between {na} and {nb} in {span(*years)}{coverage_note(con, table, period.start, period.end)}"
    found = (f"{plural(len(took), 'militarized dispute')} {where} in which {seizer}'s highest action was occupation "
             f"of territory or above: {listing(took)}")
    none = f"no militarized dispute {where} in which {seizer} occupied territory" + (
        f" (its highest actions: {listing(rows)})" if len(rows) else "")
    complete = years == (period.start, period.end)
    if claim.negated:
        if took.empty:
            verdict, reason = SUPPORTED, f"As claimed: the data list {none}"
        else:
            verdict, reason = NOT_COVERED, (f"The data list {found}; they do not name the territory, so they cannot "
                                            f"show that {territory} was not taken")
    elif len(took):
        verdict, reason = SUPPORTED, f"Yes: the data list {found}; they do not name the territory"
    else:
        verdict, reason = (CONTRADICTED, f"No: the data list {none}") if complete else (
            NOT_COVERED, f"Not in the years the data see: they list {none}")
    return Verdict(verdict, f"{reason}.",
                   [evidence(con, table, [{"dispnum": int(d)} for d in (took if len(took) else rows)["dispnum"]])],
                   f"{table}: disputes with ccode1 = {a}, ccode2 = {b} in {years}, highest action hiact1 >= {OCCUPATION}",
                   len(took))


def _after_mids(claim, con, period, early: Verdict) -> Verdict:
    """After the MID data end: a UCDP/PRIO armed conflict with the two on opposite sides supports a seizure;
    anything else keeps ``early`` (not covered), saying what UCDP shows."""
    if early.verdict != NOT_COVERED or claim.negated:
        return early
    table = catalog.UCDP_CONFLICTS
    a, b = claim.states[:2]
    conflicts = memo(con, ("armed_conflicts", a, b), lambda: ev.armed_conflicts(a, b, con=con))
    conflicts = conflicts[(conflicts["year"] >= period.start) & (conflicts["year"] <= period.end)]
    na, nb = _names(claim)
    query = f"entente.pair.evidence.armed_conflicts({a}, {b}) in {period.start}–{period.end}"
    if conflicts.empty:
        return Verdict(NOT_COVERED, f"{early.reason[:-1]}; UCDP/PRIO lists no armed conflict with {na} and {nb} on "
                       f"opposite sides in {span(period.start, period.end)}, which does not rule out a seizure without "
                       "25 battle deaths.", [*early.evidence, evidence(con, table)], query, 0)
    first = conflicts.iloc[0]
    ids = sorted({int(c) for c in conflicts["conflict_id"]})
    return Verdict(SUPPORTED, f"Yes, from UCDP/PRIO (the militarized dispute data end before "
                   f"{span(period.start, period.end)}): {na} and {nb} were on opposite sides of an armed conflict in "
                   f"{span(int(conflicts['year'].min()), int(conflicts['year'].max()))}: {first['name']} "
                   f"(incompatibility: {first['incompatibility']}).",
                   [evidence(con, table, [{"conflict_id": c} for c in ids])], query, len(ids))
