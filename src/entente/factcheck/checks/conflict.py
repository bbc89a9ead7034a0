"""Checks of conflict and coercion: wars (COW), militarized disputes (COW MID, GML), strategic rivalries
and shared adversaries (TSS, Thompson–Dreyer), Security Council vetoes and sanctions (TIES)."""

from __future__ import annotations

import re

from dataclasses import replace

from entente import catalog
from entente.countries import name as state_name
from entente.factcheck.checks.common import (
    P5,
    _judged,
    _names,
    count_verdict,
    overlapping,
    years_judged,
)
from entente.factcheck.checks.seizure import seizure
from entente.factcheck.verdicts import (
    CONTRADICTED,
    PARTLY,
    SUPPORTED,
    Verdict,
    coverage_note,
    evidence,
    memo,
    span,
)
from entente.measures import sanctions as _s
from entente.measures import vetoes as _v
from entente.pair import council, named
from entente.pair import evidence as ev


# ---------------------------------------------------------------------------------------------- wars
def wars(claim, con, period, measure="cow") -> Verdict:
    period, years, early = years_judged(claim, con, period, catalog.COW_WARS, "COW inter-state war", system="COW war")
    if early:
        return early
    a, b = claim.states[:2]
    frame = memo(con, ("wars", a, b), lambda: named.pair_wars(a, b, con=con))
    frame = overlapping(frame, years, "war_start", "war_end")
    listing = ", ".join(f"{r.war_name} ({span(int(r.war_start), int(r.war_end))})" for r in frame.itertuples())
    complete = years == (period.start, period.end)
    verdict, reason = count_verdict(len(frame), claim, complete, listing, "war")
    na, nb = _names(claim)
    return Verdict(verdict, f"{reason[0].upper()}{reason[1:-1]} between {na} and {nb} in {span(*years)}"
                   f"{coverage_note(con, catalog.COW_WARS, period.start, period.end)}.",
                   [evidence(con, catalog.COW_WAR_LIST, [{"warnum": int(w)} for w in frame["warnum"]])],
                   f"entente.pair.named.pair_wars({a}, {b}, window={years})", len(frame))


# ------------------------------------------------------------------------------------------ disputes
def disputes(claim, con, period, measure="cow") -> Verdict:
    if claim.params.get("seizure"):      # "Russia seized Crimea": the seizer's highest action, not a count
        return seizure(claim, con, period, measure)
    table = catalog.COW_MIDS if measure == "cow" else catalog.GML_MIDS
    period, years, early = years_judged(claim, con, period, table, "militarized dispute", system="militarized dispute")
    if early:
        return early
    a, b = claim.states[:2]
    frame = memo(con, ("disputes", a, b, measure), lambda: ev.disputes(a, b, dataset=measure, con=con))
    frame = overlapping(frame.assign(end=frame["end"].fillna(frame["start"])), years, "start", "end")
    if claim.params.get("force"):
        frame = frame[frame["hostility"] >= 4]
    n = len(frame)
    listing = ""
    if 0 < n <= 4:
        listing = ", ".join(f"no. {int(r.dispnum)} ({span(int(r.start), int(r.end))}, {r.hostility_label})"
                            for r in frame.itertuples())
    tolerance = max(1, round(0.2 * n)) if any(q.approx for q in claim.quantities) else 0
    verdict, reason = count_verdict(n, claim, years == (period.start, period.end), listing,
                                    "militarized dispute", tolerance)
    na, nb = _names(claim)
    return Verdict(verdict, f"{reason[:-1]} between {na} and {nb} in {span(*years)}"
                   f"{coverage_note(con, table, period.start, period.end)}.",
                   [evidence(con, table, [{"dispnum": int(d)} for d in frame["dispnum"]])],
                   f"entente.pair.evidence.disputes({a}, {b}, dataset={measure!r}) in {years}", n)


# ------------------------------------------------------------------------------------------- rivalry
#: "For most of …", "much of the time", "mostly": a condition said to hold in more than half the years.
MOST = re.compile(r"\b(?:most|much) of\b|\bmostly\b", re.IGNORECASE)
#: The rivalry datasets: Thompson, Sakuwa & Suhas (tss) and Thompson & Dreyer (td).
RIVALRIES = {"tss": catalog.TSS_RIVALRIES, "td": catalog.TD_RIVALRIES}
#: Each rivalry dataset's key: the column that names one rivalry in the evidence.
RIVALRY_KEYS = {"tss": "tssr_id", "td": "rivalryno"}


def _rivalry_judged(con, period, measure: str):
    """The rivalry table of ``measure``, its key, and the years of ``period`` it can judge, or a verdict
    that it cannot (:func:`~entente.factcheck.checks.common._judged`): the start of :func:`rivalry` and
    :func:`shared_adversary`."""
    table = RIVALRIES[measure]
    years, early = _judged(con, table, period, "strategic rivalry")
    return table, RIVALRY_KEYS[measure], years, early


def rivalry(claim, con, period, measure="tss") -> Verdict:
    table, key, years, early = _rivalry_judged(con, period, measure)
    if early:
        return early
    a, b = claim.states[:2]
    frame = memo(con, ("rivalry", a, b, measure), lambda: ev.rivalries_tss(a, b, con=con) if measure == "tss"
                 else ev.rivalries(a, b, con=con))
    frame = overlapping(frame, years, "styear", "endyear")
    name_col = "rivalry" if "rivalry" in frame.columns else "rivalryname"
    listing = ", ".join(f"{r[name_col]} {span(int(r.styear), int(r.endyear))}" for _, r in frame.iterrows())
    # a rivalry is a condition, not an event: the years the data see (at least half the claim's) can contradict it
    verdict, reason = count_verdict(len(frame), claim, True, listing, "strategic rivalry spell", 0,
                                    many="strategic rivalry spells")
    if verdict == SUPPORTED and not claim.negated and period.how != "implicit":
        # "rivals since 1945", "for decades": the claim says the rivalry lasted, so every year judged should be in it
        rival_years = {y for r in frame.itertuples() for y in range(int(r.styear), int(r.endyear) + 1)}
        missing = [y for y in range(years[0], years[1] + 1) if y not in rival_years]
        judged = years[1] - years[0] + 1
        if missing and MOST.search(claim.sentence) and len(missing) * 2 < judged:
            # "rivals for most of the past two centuries": more than half the years judged is what was said
            reason = (f"{reason[:-1]}, in {judged - len(missing)} of the {judged} years "
                      f"({len(missing)} without: {span(missing[0], missing[-1])} among them).")
        elif missing:
            verdict = PARTLY
            reason = (f"Only in part: {reason[reason.index(':') + 2:-1]}; no rivalry in {len(missing)} of the "
                      f"{judged} years ({span(missing[0], missing[-1])} among them).")
    na, nb = _names(claim)
    return Verdict(verdict, f"{reason[:-1]} between {na} and {nb} in {span(*years)}"
                   f"{coverage_note(con, table, period.start, period.end)}.",
                   [evidence(con, table, [{key: int(k)} for k in frame[key]])],
                   f"entente.pair.evidence.{'rivalries_tss' if measure == 'tss' else 'rivalries'}({a}, {b})", len(frame))



# -------------------------------------------------------------------------------------------- vetoes
def vetoes(claim, con, period, measure="bearing") -> Verdict:
    table = catalog.UNSC_VETOES
    years, early = _judged(con, table, period, "Security Council veto")
    if early:
        return early
    vetoer, target = claim.states[:2]
    vname = state_name(vetoer, years[1], article=True)
    tname = state_name(target, years[1], article=True)
    query = f"entente.pair.council.vetoes({vetoer}, {target}, window={years})['a_on_b']"
    found = memo(con, ("vetoes", vetoer, target), lambda: _vetoes(council, vetoer, target, con))
    found = {k: found[k][(found[k]["year"] >= years[0]) & (found[k]["year"] <= years[1])] for k in ("a_on_b", "by_a")}
    frame = found["a_on_b"]
    if measure == "topic" and "b_in_topic" in frame.columns:
        frame = frame[frame["b_in_topic"]]
    rows = [evidence(con, table, [{"draft": d} for d in frame["draft"]])]
    if vetoer not in P5 and len(found["by_a"]) == 0:
        verdict = SUPPORTED if claim.negated else CONTRADICTED
        return Verdict(verdict, f"{'As claimed, none' if claim.negated else 'No'}: {vname} holds no permanent seat "
                       f"on the Security Council and cast no veto in {span(*years)}.", rows, query, 0)
    listing = ""
    if len(frame):
        listing = f"{int(frame['year'].min())}–{int(frame['year'].max())}" if frame["year"].nunique() > 1 else str(int(frame["year"].iloc[0]))
    verdict, reason = count_verdict(len(frame), claim, years == (period.start, period.end), listing,
                                    f"veto by {vname} on drafts concerning {tname}", max(1, round(0.15 * len(frame))),
                                    many=f"vetoes by {vname} on drafts concerning {tname}")
    return Verdict(verdict, f"{reason[:-1]} in {span(*years)}{coverage_note(con, table, period.start, period.end)}.",
                   rows, query, len(frame))


def _vetoes(council, a: int, b: int, con) -> dict:
    """The two frames of :func:`entente.pair.council.vetoes` a veto claim needs (``by_a``, ``a_on_b``),
    from the same measures, without the others (the pair's joint vetoes, topics, vetoes on the pair)."""

    frame = memo(con, ("veto_table",), lambda: council.veto_table(con))
    return {"by_a": _v.vetoes_by(frame, a, other=b), "a_on_b": _v.vetoes_bearing_on(frame, a, b, council.gazetteer())}


# ---------------------------------------------------------------------------------- shared adversary
#: Groupings read as states when a claim names them as an adversary (an analyst's proxy, said in the reason).
GROUP_PROXIES = {"the West": (2, 200, 220), "NATO": (2, 200, 220), "Western powers": (2, 200, 220),
                 "Western countries": (2, 200, 220)}


def shared_adversary(claim, con, period, measure="tss") -> Verdict:
    """Both states strategic rivals of the same third state in the period (the named one, if any). A
    negated claim ("they share no common adversary") is judged the other way round: a shared rival
    contradicts it, none supports it; a rival of one side only stays partly supported."""
    verdict = _shared_adversary(claim, con, period, measure)
    if not claim.negated or verdict.verdict not in (SUPPORTED, CONTRADICTED):
        return verdict
    if verdict.verdict == SUPPORTED:
        return replace(verdict, verdict=CONTRADICTED, reason="The claim says none, but " + verdict.reason[5:])
    return replace(verdict, verdict=SUPPORTED, reason="As claimed, " + verdict.reason[:1].lower() + verdict.reason[1:])


def _shared_adversary(claim, con, period, measure="tss") -> Verdict:
    table, key, years, early = _rivalry_judged(con, period, measure)
    if early:
        return early
    a, b = claim.states[:2]
    na, nb = _names(claim)
    frame = con.execute(f"SELECT * FROM {table} WHERE styear <= ? AND endyear >= ? AND (ccode1 IN (?, ?) OR ccode2 IN (?, ?))",
                        [years[1], years[0], a, b, a, b]).df()

    def rivals(x):
        mine = frame[(frame["ccode1"] == x) | (frame["ccode2"] == x)]
        return set(mine["ccode1"].where(mine["ccode2"] == x, mine["ccode2"]).astype(int))

    ra, rb = rivals(a), rivals(b)
    named = list(claim.states[2:])
    proxy = ""
    if not named and claim.params.get("group") in GROUP_PROXIES:
        named = list(GROUP_PROXIES[claim.params["group"]])
        proxy = f" ('{claim.params['group']}' read as the United States, the United Kingdom and France)"
    used = frame.loc[[bool({int(r.ccode1), int(r.ccode2)} & {a, b}) for r in frame.itertuples()]]
    rows = [evidence(con, table, [{key: int(k)} for k in used[key]])]
    query = f"rivalries of {a} and {b} in {table} overlapping {years}"
    cov = coverage_note(con, table, period.start, period.end)
    if named:
        with_a = [c for c in named if c in ra]
        with_b = [c for c in named if c in rb]
        common = set(with_a) & set(with_b)
        if common:
            who = ", ".join(state_name(c, years[1], article=True) for c in sorted(common))
            return Verdict(SUPPORTED, f"Yes: both {na} and {nb} were in a strategic rivalry with {who} in "
                           f"{span(*years)}{proxy}{cov}.", rows, query, len(common))
        them = " or ".join(state_name(c, years[1], article=True) for c in named) if not proxy else "the named adversary"
        if with_a or with_b:
            side, other = (na, nb) if with_a else (nb, na)
            return Verdict(PARTLY, f"Only {side} was in a strategic rivalry with {them} in {span(*years)}, "
                           f"not {other}{proxy}{cov}.", rows, query, 0)
        return Verdict(CONTRADICTED, f"Neither {na} nor {nb} was in a strategic rivalry with {them} in "
                       f"{span(*years)}{proxy}{cov}.", rows, query, 0)
    common = sorted(ra & rb)
    if common:
        who = ", ".join(state_name(c, years[1], article=True) for c in common)
        return Verdict(SUPPORTED, f"Yes: both were strategic rivals of {who} in {span(*years)}{cov}.", rows, query,
                       len(common))
    return Verdict(CONTRADICTED, f"No state was a strategic rival of both {na} and {nb} in {span(*years)}{cov}.",
                   rows, query, 0)



# ------------------------------------------------------------------------------------------ sanctions
def sanctions(claim, con, period, measure="ties") -> Verdict:
    table = catalog.TIES
    years, early = _judged(con, table, period, "TIES sanctions")
    if early:
        return early
    a, b = claim.states[:2]
    na, nb = _names(claim)
    # the cases between the two, as entente.pair.council.sanctions reads them, without its adversary cases

    ties = memo(con, ("ties",), lambda: con.execute(f"SELECT * FROM {catalog.TIES}").df())
    between = memo(con, ("ties_between", a, b), lambda: _s.sanction_cases(ties, a, b))
    frame = council._overlapping(between, years, "start", "end")  # noqa: SLF001 - the same window rule
    if "direction" in frame.columns:
        frame = frame[frame["direction"] == "a_to_b"]
    verdict, reason = count_verdict(len(frame), claim, years == (period.start, period.end), "",
                                    f"TIES sanctions case of {na} against {nb}",
                                    many=f"TIES sanctions cases of {na} against {nb}")
    key = "caseid" if "caseid" in frame.columns else frame.columns[0]
    return Verdict(verdict, f"{reason[:-1]} in {span(*years)}{coverage_note(con, table, period.start, period.end)}.",
                   [evidence(con, table, [{"caseid": int(k)} for k in frame[key]] if key == "caseid" else [])],
                   f"entente.pair.council.sanctions({a}, {b}, window={years})['ties_between']", len(frame))
