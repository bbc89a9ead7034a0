"""The query, comparator and verdict rule of each claim template (registered in :mod:`.claims`).

Each function takes a :class:`~entente.factcheck.verdicts.Claim`, a warehouse connection, the ``period``
to judge (the claim's own, or a robustness variant) and a ``measure`` (the template's first, or an
alternative), and returns a :class:`~entente.factcheck.verdicts.Verdict`. Every query goes through the
pair API (:mod:`entente.pair`) and names its table through :mod:`entente.catalog`.

Reads are shared through :func:`~entente.factcheck.verdicts.memo` while one article is checked.

**Coverage rule.** A claim is judged over the years its dataset covers when it names no period
(``implicit``: "fought four wars" means in all the years the data see, said in the reason). Otherwise it is judged over the years its dataset covers when they are at least half
of the claimed period, and the reason names the years not seen; when they are fewer, or the claim is
about the present and the data end before it, the verdict is ``not covered``. A count or existence
claim is never ``contradicted`` because the data found fewer events than claimed in a period they
only partly see; it is ``not covered`` then.
"""

from __future__ import annotations

import functools
import re

import pandas as pd

from entente import catalog
from entente.countries import is_member
from entente.countries import name as state_name
from entente.errors import NoEvidence
from entente.factcheck.verdicts import (
    CONTRADICTED,
    NOT_CHECKABLE,
    NOT_COVERED,
    PARTLY,
    SUPPORTED,
    Claim,
    Verdict,
    coverage_note,
    covered,
    evidence,
    memo,
    outside,
    plural,
    span,
    table_coverage,
)
from entente.measures import sanctions as _s
from entente.measures import vetoes as _v
from entente.pair import alignment as al
from entente.pair import council, named
from entente.pair import evidence as ev
from entente.store import has_table, one

#: Permanent members of the Security Council (COW codes; China's seat is 713 before 25 Oct 1971).
P5 = (2, 200, 220, 365, 710, 713)


def _names(claim) -> tuple[str, str]:
    a, b = claim.states[:2]
    year = claim.period.end if claim.period else None
    return state_name(a, year, article=True), state_name(b, year, article=True)


def _judged(con, table, period, what: str):
    """(years judged, None) or (None, a not-covered verdict), by the coverage rule."""
    if (early := outside(con, table, period.start, period.end, what)) is not None:
        return None, early
    first, last = covered(con, table, period.start, period.end)
    if period.how != "implicit" and (last - first + 1) * 2 < (period.end - period.start + 1):
        cov = table_coverage(con, table)
        return None, Verdict(NOT_COVERED, f"The {what} data cover {cov[0]}–{cov[1]}, under half of {span(period.start, period.end)}; "
                             "the rest of the claim's years are not seen.", [evidence(con, table)])
    return (first, last), None


def _members(claim, period):
    """``period`` cut to the years both states were in the COW state system (COW lists wars and disputes
    only between members: Persia joined in 1855, so its wars with Russia in 1804–13 and 1826–28 are not in
    it); None when they never both were. An explicit period that loses over half its years is then not
    covered by the coverage rule."""
    a, b = claim.states[:2]
    both = _both_members(a, b, max(period.start, 1816), min(period.end, 2100))
    if not both:
        return None
    if both[0] == period.start or period.end < 1816:
        return period
    return type(period)(both[0], period.end, period.text, period.how), period


@functools.lru_cache(maxsize=4096)
def _both_members(a: int, b: int, first: int, last: int) -> list[int]:
    """The years from ``first`` to ``last`` in which ``a`` and ``b`` were both COW system members."""
    return [y for y in range(first, last + 1) if is_member(a, y) and is_member(b, y)]


def _system_years(claim, period, what):
    """(period to judge, None) or (None, a not-covered verdict) when the pair was not both in the system
    for at least half the claimed years."""
    cut = _members(claim, period)
    na, nb = _names(claim)
    if cut is None:
        return None, Verdict(NOT_COVERED, f"{na[0].upper()}{na[1:]} and {nb} were never both in the COW state system in "
                             f"{span(period.start, period.end)}; the {what} data list only its members.")
    if isinstance(cut, tuple):
        new, old = cut
        if period.how != "implicit" and (new.end - new.start + 1) * 2 < (old.end - old.start + 1):
            return None, Verdict(NOT_COVERED, f"{na[0].upper()}{na[1:]} and {nb} were both in the COW state system only "
                                 f"from {new.start}, under half of {span(old.start, old.end)}; the {what} data list only "
                                 "its members, so earlier years are not seen.")
        return new, None
    return cut, None


def count_verdict(found: int, claim, complete: bool, listing: str, noun: str, tolerance: int = 0,
                  many: str | None = None) -> tuple[str, str]:
    """Verdict and reason for a count or existence claim: ``found`` events in the years judged."""
    qty = next((q for q in claim.quantities if q.unit == "count"), None)
    seen = (f"the data list {plural(found, noun, many)}" if found else f"the data list no {noun}") + (
        f": {listing}" if listing else "")
    if claim.negated or (qty is not None and qty.value == 0):
        return (SUPPORTED, f"As claimed, none: {seen}.") if found == 0 else (CONTRADICTED, f"The claim says none, but {seen}.")
    if qty is None:
        if found > 0:
            return SUPPORTED, f"Yes: {seen}."
        return (CONTRADICTED, f"No: {seen}.") if complete else (NOT_COVERED, f"Not in the years the data see: {seen}.")
    claimed = int(qty.value)
    said = qty.text
    bound = next((b for b in ("more than", "over", "at least", "fewer than", "less than", "under")
                  if qty.text.startswith(b)), None)
    if bound is not None:                    # a bound, not an approximation: no tolerance
        ok = {"more than": found > claimed, "over": found > claimed, "at least": found >= claimed,
              "fewer than": found < claimed, "less than": found < claimed, "under": found < claimed}[bound]
        if ok:
            return SUPPORTED, f"The claim says {said}; {seen}."
        if found < claimed and not complete:
            return NOT_COVERED, f"The claim says {said}; {seen} in the years they cover, and later years are not seen."
        return CONTRADICTED, f"The claim says {said}; {seen}."
    tol = max(tolerance, 1 if qty.approx else 0)
    if abs(found - claimed) <= tol:
        return SUPPORTED, f"The claim says {qty.text}; {seen}."
    if found < claimed and not complete:
        return NOT_COVERED, f"The claim says {qty.text}; {seen} in the years they cover, and later years are not seen."
    return CONTRADICTED, f"The claim says {said}; {seen}."


# ---------------------------------------------------------------------------------------------- wars
def wars(claim, con, period, measure="cow") -> Verdict:
    period, early = _system_years(claim, period, "COW war")
    if early:
        return early
    years, early = _judged(con, catalog.COW_WARS, period, "COW inter-state war")
    if early:
        return early
    a, b = claim.states[:2]
    frame = memo(con, ("wars", a, b), lambda: named.pair_wars(a, b, con=con))
    frame = frame[(frame["war_start"] <= years[1]) & (frame["war_end"].fillna(years[1]) >= years[0])]
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
    table = catalog.COW_MIDS if measure == "cow" else catalog.GML_MIDS
    period, early = _system_years(claim, period, "militarized dispute")
    if early:
        return early
    years, early = _judged(con, table, period, "militarized dispute")
    if early:
        return early
    a, b = claim.states[:2]
    frame = memo(con, ("disputes", a, b, measure), lambda: ev.disputes(a, b, dataset=measure, con=con))
    frame = frame[(frame["start"] <= years[1]) & (frame["end"].fillna(frame["start"]) >= years[0])]
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
def rivalry(claim, con, period, measure="tss") -> Verdict:
    table = catalog.TSS_RIVALRIES if measure == "tss" else catalog.TD_RIVALRIES
    years, early = _judged(con, table, period, "strategic rivalry")
    if early:
        return early
    a, b = claim.states[:2]
    frame = memo(con, ("rivalry", a, b, measure), lambda: ev.rivalries_tss(a, b, con=con) if measure == "tss"
                 else ev.rivalries(a, b, con=con))
    frame = frame[(frame["styear"] <= years[1]) & (frame["endyear"] >= years[0])]
    name_col = "rivalry" if "rivalry" in frame.columns else "rivalryname"
    listing = ", ".join(f"{r[name_col]} {span(int(r.styear), int(r.endyear))}" for _, r in frame.iterrows())
    # a rivalry is a condition, not an event: the years the data see (at least half the claim's) can contradict it
    verdict, reason = count_verdict(len(frame), claim, True, listing, "strategic rivalry spell", 0,
                                    many="strategic rivalry spells")
    if verdict == SUPPORTED and not claim.negated and period.how != "implicit":
        # "rivals since 1945", "for decades": the claim says the rivalry lasted, so every year judged should be in it
        rival_years = {y for r in frame.itertuples() for y in range(int(r.styear), int(r.endyear) + 1)}
        missing = [y for y in range(years[0], years[1] + 1) if y not in rival_years]
        if missing:
            verdict = PARTLY
            reason = (f"Only in part: {reason[reason.index(':') + 2:-1]}; no rivalry in {len(missing)} of the "
                      f"{years[1] - years[0] + 1} years ({span(missing[0], missing[-1])} among them).")
    key = "tssr_id" if measure == "tss" else "rivalryno"
    na, nb = _names(claim)
    return Verdict(verdict, f"{reason[:-1]} between {na} and {nb} in {span(*years)}"
                   f"{coverage_note(con, table, period.start, period.end)}.",
                   [evidence(con, table, [{key: int(k)} for k in frame[key]])],
                   f"entente.pair.evidence.{'rivalries_tss' if measure == 'tss' else 'rivalries'}({a}, {b})", len(frame))


# ----------------------------------------------------------------------------------------- alliances
def alliance(claim, con, period, measure="atop") -> Verdict:
    table = catalog.ATOP if measure == "atop" else catalog.COW_ALLIANCES
    kind = claim.params.get("obligation", "any")
    if measure == "cow":
        kind = {"defence": "defense", "non-aggression": "nonaggression"}.get(kind, kind)
    a, b = claim.states[:2]
    na, nb = _names(claim)
    years, early = _judged(con, table, period, "alliance")
    if early:
        if early.verdict == NOT_COVERED and table_coverage(con, table):
            last = table_coverage(con, table)[1]
            spells = _alliance_spells(ev, a, b, measure, con)
            now = spells[(spells["start"] <= last) & (spells["end"] >= last)]
            kinds = sorted(set(now["obligation"]))
            early.reason = (f"{early.reason[:-1]}. In {last}, the last year they cover, {na} and {nb} had "
                            + (("obligations of " + ", ".join(kinds)) if kinds else "no alliance obligation") + ".")
        return early
    spells = _alliance_spells(ev, a, b, measure, con)
    spells = spells[(spells["start"] <= years[1]) & (spells["end"] >= years[0])]
    if kind != "any":
        spells = spells[spells["obligation"].str.replace("defense", "defence") == kind.replace("defense", "defence")]
    found = spells.drop_duplicates(["obligation", "start", "end"])
    listing = ", ".join(f"{r.obligation} {span(int(r.start), int(r.end))}" for r in found.itertuples())
    noun = "alliance obligation" if kind == "any" else f"{kind} obligation"
    verdict, reason = count_verdict(len(found), claim, True, listing, noun)   # a condition, as for rivalries
    return Verdict(verdict, f"{reason[:-1]} between {na} and {nb} in {span(*years)} ({measure.upper()})"
                   f"{coverage_note(con, table, period.start, period.end)}.",
                   [evidence(con, table, [{"ccode1": a, "ccode2": b, "years": [int(found['start'].min()), int(found['end'].max())]}]
                             if len(found) else [{"ccode1": a, "ccode2": b}])],
                   f"entente.pair.evidence.alliances({a}, {b}, dataset={measure!r}) both ways, {kind}", len(found))


def _alliance_spells(ev, a, b, measure, con) -> pd.DataFrame:
    return memo(con, ("alliances", a, b, measure), lambda: _read_alliances(ev, a, b, measure, con))


def _read_alliances(ev, a, b, measure, con) -> pd.DataFrame:
    both = pd.concat([ev.alliances(a, b, dataset=measure, con=con), ev.alliances(b, a, dataset=measure, con=con)])
    return both.reset_index(drop=True)


# ------------------------------------------------------------------------------------------ UN votes
def un_voting(claim, con, period, measure="agree") -> Verdict:

    table = catalog.UNGA_ALIGNMENT
    # "Ukraine" is the state of 1991 on: the Ukrainian SSR's seat (same code) before it is not the state named
    period, early = _system_years(claim, period, "UN vote")
    if early:
        return early
    years, early = _judged(con, table, period, "UN General Assembly vote")
    if early:
        return early
    a, b = claim.states[:2]
    na, nb = _names(claim)
    query = f"entente.pair.alignment.alignment({a}, {b}, start={years[0]}, end={years[1]}) vs state_average"
    try:
        pair = memo(con, ("alignment", a, b), lambda: al.alignment(a, b, con=con))
    except NoEvidence as exc:
        return Verdict(NOT_COVERED, str(exc), [evidence(con, table)], query)
    pair = pair[(pair["year"] >= years[0]) & (pair["year"] <= years[1])]
    if pair.empty:
        return Verdict(NOT_COVERED, f"{na[0].upper()}{na[1:]} and {nb} cast no UN General Assembly vote on the same "
                       f"roll call in {span(*years)}.", [evidence(con, table)], query)
    weights = pair["n_votes"]
    value = float((pair[measure] * weights).sum() / weights.sum())
    avg_a, avg_b = (memo(con, ("average", x), lambda x=x: al.state_average(x, con=con)) for x in (a, b))
    avg_a = avg_a[(avg_a["year"] >= years[0]) & (avg_a["year"] <= years[1])]
    avg_b = avg_b[(avg_b["year"] >= years[0]) & (avg_b["year"] <= years[1])]
    mean_a, mean_b = float(avg_a[measure].mean()), float(avg_b[measure].mean())
    ev_rows = [evidence(con, table, [{"ccode1": min(a, b), "ccode2": max(a, b), "years": list(years)}])]
    label = {"agree": "agreement", "kappa": "Cohen's κ", "s_abs": "S", "pi": "Scott's π"}.get(measure, measure)
    fmt = (lambda x: f"{x:.0%}") if measure == "agree" else (lambda x: f"{x:.2f}")
    if claim.params.get("majority") and measure == "agree":
        together = claim.params.get("direction", "together") == "together"
        ok = value > 0.5 if together else value < 0.5
        return Verdict(SUPPORTED if ok else CONTRADICTED,
                       f"{'Yes' if ok else 'No'}: {na} and {nb} agreed on {value:.0%} of the UN General Assembly votes "
                       f"both cast in {span(*years)}, {'more' if value > 0.5 else 'less'} than half.", ev_rows, query,
                       value)
    pct = next((q for q in claim.quantities if q.unit == "percent"), None)
    if pct is not None and measure == "agree":
        tol = 5 if pct.approx else 2
        diff = abs(value * 100 - pct.value)
        verdict = SUPPORTED if diff <= tol else CONTRADICTED
        return Verdict(verdict, f"The claim says {pct.text}; {na} and {nb} agreed on {value:.0%} of the UN General "
                       f"Assembly votes both cast in {span(*years)} (tolerance ±{tol} points).", ev_rows, query, value)
    # "far more often", "much closer": the pair must clear each average by a margin, not by a hair
    margin = (0.05 if measure == "agree" else 0.1) if claim.params.get("intensified") else 0.0
    together_dir = claim.params.get("direction", "together") == "together"
    above = [value > mean_a + margin, value > mean_b + margin] if together_dir else [
        value >= mean_a - margin, value >= mean_b - margin]
    facts = (f"their {label} was {fmt(value)} in {span(*years)}, against {fmt(mean_a)} on average for {na} and "
             f"{fmt(mean_b)} for {nb} with all partners")
    together = together_dir
    if margin:
        facts += f" (the claim says 'far': a margin of {fmt(margin)} is asked)"
    if all(above) == together and any(above) == together:
        return Verdict(SUPPORTED, f"Yes: {facts}.", ev_rows, query, value)
    if any(above) != all(above):
        closer = na if above[0] else nb
        return Verdict(PARTLY, f"Only in part: {facts}; they are closer than average only by {closer}'s standard.",
                       ev_rows, query, value)
    return Verdict(CONTRADICTED, f"No: {facts}.", ev_rows, query, value)


# ---------------------------------------------------------------------------------------------- tone
def tone(claim, con, period, measure="kappa") -> Verdict:
    """Cordial or hostile: militarized disputes (COW MID) and UN alignment against each side's average."""
    dispute_claim = Claim(claim.sentence, "disputes", claim.states, claim.period, [], negated=True,
                          params={"force": False})
    d = disputes(dispute_claim, con, period, "cow")
    vote_claim = Claim(claim.sentence, "un_voting", claim.states, claim.period, [],
                       params={"direction": "together"})
    v = un_voting(vote_claim, con, period, measure)
    cordial = claim.params.get("tone", "cordial") == "cordial"
    parts = []
    if d.verdict != NOT_COVERED:
        parts.append((d.verdict == SUPPORTED) == cordial)        # no disputes fits cordial
    if v.verdict != NOT_COVERED:
        parts.append((v.verdict == SUPPORTED) == cordial if v.verdict != PARTLY else None)
    reason_d = (f"{plural(d.value, 'militarized dispute') if d.value else 'no militarized dispute'} between them in {span(period.start, period.end)}"
                if d.verdict != NOT_COVERED else d.reason.rstrip("."))
    reason_v = re.sub(r"^(Yes|No|Only in part): ", "", v.reason.rstrip("."))
    evidence_rows = d.evidence + v.evidence
    query = f"{d.query}; {v.query}"
    both = f"{reason_d}; {reason_v}."
    if d.verdict == NOT_COVERED:       # bilateral hostility is what the dispute data see; votes alone do not say
        return Verdict(NOT_COVERED, f"The dispute data do not cover these years, and UN votes alone do not show "
                       f"whether relations were {'cordial' if cordial else 'hostile'}: {both}", evidence_rows, query)
    known = [p for p in parts if p is not None]
    word = "cordial" if cordial else "hostile"
    if len(known) == len(parts) and all(known):
        return Verdict(SUPPORTED, f"Fits '{word}': {both}", evidence_rows, query, v.value)
    if not any(known) and len(known) == len(parts):
        return Verdict(CONTRADICTED, f"Does not fit '{word}': {both}", evidence_rows, query, v.value)
    return Verdict(PARTLY, f"Part fits '{word}': {both}", evidence_rows, query, v.value)


# --------------------------------------------------------------------------------------------- trade
def trade(claim, con, period, measure="total") -> Verdict:
    table = catalog.COW_TRADE
    years, early = _judged(con, table, period, "COW trade")
    if early:
        return early
    a, b = claim.states[:2]
    na, nb = _names(claim)
    frame = memo(con, ("trade", a, b), lambda: ev.trade(a, b, con=con))
    first_year = years[0] - 1 if period.text.lower().startswith("after") else years[0]   # "fell after 2008": from 2008
    frame = frame[(frame["year"] >= first_year) & (frame["year"] <= years[1])].dropna(subset=[measure])
    query = f"entente.pair.evidence.trade({a}, {b}) {span(*years)}"
    rows = [evidence(con, table, [{"ccode1": min(a, b), "ccode2": max(a, b), "years": list(years)}])]
    if frame.empty:
        return Verdict(NOT_COVERED, f"COW trade has no figure for {na} and {nb} in {span(*years)}.", rows, query)
    first, last = frame.iloc[0], frame.iloc[-1]
    usd = next((q for q in claim.quantities if q.unit == "usd"), None)
    if usd is not None and claim.params.get("change") is None:
        value = float(last[measure]) * 1e6
        tol = 0.25 if usd.approx else 0.15
        ok = abs(value - usd.value) <= tol * usd.value
        return Verdict(SUPPORTED if ok else CONTRADICTED,
                       f"The claim says {usd.text}; COW trade between {na} and {nb} was ${value / 1e9:.2f} billion in "
                       f"{int(last.year)} (current US$, tolerance ±{tol:.0%}).", rows, query, value)
    if len(frame) < 2:
        return Verdict(NOT_COVERED, f"COW trade has only one year ({int(first.year)}) in {span(*years)}; no change "
                       "can be read.", rows, query)
    ratio = float(last[measure]) / float(first[measure]) if float(first[measure]) else float("inf")
    factor = next((q for q in claim.quantities if q.unit == "factor"), None)
    facts = (f"COW trade between {na} and {nb} went from ${float(first[measure]):,.0f} million in {int(first.year)} to "
             f"${float(last[measure]):,.0f} million in {int(last.year)} (×{ratio:.2f}, current US$)"
             f"{coverage_note(con, table, period.start, period.end)}")
    if factor is not None:
        tol = 0.2 if factor.approx else 0.1
        bound = next((b for b in ("more than", "over", "at least", "less than") if factor.text.startswith(b)), None)
        if bound in ("more than", "over"):
            ok = ratio > factor.value
        elif bound == "at least":
            ok = ratio >= factor.value
        elif bound == "less than":
            ok = ratio < factor.value
        else:
            ok = abs(ratio - factor.value) <= tol * factor.value
        return Verdict(SUPPORTED if ok else CONTRADICTED, f"The claim says {factor.text}; {facts}.", rows, query, ratio)
    change = claim.params.get("change")
    if change is None:
        return Verdict(NOT_CHECKABLE, f"The claim gives no figure or direction to test ('small', 'large' have no agreed "
                       f"threshold); for the record, {facts}.", rows, query, ratio)
    ok = ratio > 1.05 if change == "up" else ratio < 0.95
    return Verdict(SUPPORTED if ok else CONTRADICTED, f"{'Yes' if ok else 'No'}: {facts}.", rows, query, ratio)


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
    table = catalog.TSS_RIVALRIES if measure == "tss" else catalog.TD_RIVALRIES
    years, early = _judged(con, table, period, "strategic rivalry")
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
    key = "tssr_id" if measure == "tss" else "rivalryno"
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
        if with_a or with_b:
            side, other = (na, nb) if with_a else (nb, na)
            return Verdict(PARTLY, f"Only {side} was in a strategic rivalry with the named adversary in {span(*years)}, "
                           f"not {other}{proxy}{cov}.", rows, query, 0)
        return Verdict(CONTRADICTED, f"Neither {na} nor {nb} was in a strategic rivalry with the named adversary in "
                       f"{span(*years)}{proxy}{cov}.", rows, query, 0)
    common = sorted(ra & rb)
    if common:
        who = ", ".join(state_name(c, years[1], article=True) for c in common)
        return Verdict(SUPPORTED, f"Yes: both were strategic rivals of {who} in {span(*years)}{cov}.", rows, query,
                       len(common))
    return Verdict(CONTRADICTED, f"No state was a strategic rival of both {na} and {nb} in {span(*years)}{cov}.",
                   rows, query, 0)


# --------------------------------------------------------------------------------------------- arms
def arms(claim, con, period, measure="sipri") -> Verdict:
    table = catalog.SIPRI
    rows_n = one(con, f"SELECT count(*) FROM {table}")[0] if has_table(con, str(table)) else 0
    if not rows_n:
        return Verdict(NOT_COVERED, "Arms transfers need the SIPRI Arms Transfers Database, which entente does not "
                       "bundle and which is not loaded here; export it from SIPRI and load it (see README) to check this.",
                       [{"dataset": "sipri", "version": "", "table": str(table), "coverage": None, "keys": [],
                         "note": "not loaded"}], "entente.pair.evidence.arms(a, b)")
    a, b = claim.states[:2]
    frame = ev.arms(a, b, con=con)
    year_col = "year" if "year" in frame.columns else "delivery_year"
    frame = frame[(frame[year_col] >= period.start) & (frame[year_col] <= period.end)]
    verdict, reason = count_verdict(len(frame), claim, True, "", "delivery")
    return Verdict(verdict, f"{reason[:-1]} (SIPRI) in {span(period.start, period.end)}.",
                   [evidence(con, table)], f"entente.pair.evidence.arms({a}, {b})", len(frame))


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
