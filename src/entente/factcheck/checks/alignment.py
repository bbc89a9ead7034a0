"""Checks of alignment: alliances (ATOP, COW), UN General Assembly voting against each state's average,
the tone of relations (disputes and votes together), and blocs of three or more states (:func:`bloc`)."""

from __future__ import annotations

import re

import pandas as pd

from entente import catalog
from entente.countries import name as state_name
from entente.errors import NoEvidence
from entente.factcheck.checks.common import _judged, _names, count_verdict, years_judged
from entente.factcheck.checks.conflict import disputes
from entente.factcheck.verdicts import (
    CONTRADICTED,
    NOT_COVERED,
    PARTLY,
    SUPPORTED,
    Claim,
    Verdict,
    coverage_note,
    covered,
    evidence,
    memo,
    plural,
    span,
    table_coverage,
)
from entente.pair import alignment as al
from entente.pair import evidence as ev


# ----------------------------------------------------------------------------------------- alliances
#: Verbs that date a treaty's making, not its being in force.
SIGNED = re.compile(r"\b(signed|signs|signing|concluded|concludes|agreed|agrees)\b", re.IGNORECASE)


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
    signed = bool(SIGNED.search(claim.sentence)) and period.how != "implicit"
    if signed:
        # "signed a treaty in 1978": an obligation that began then (or the next year, when it came into force)
        spells = spells[(spells["start"] >= years[0]) & (spells["start"] <= years[1] + 1)]
    if kind != "any":
        spells = spells[spells["obligation"].str.replace("defense", "defence") == kind.replace("defense", "defence")]
    found = spells.drop_duplicates(["obligation", "start", "end"])
    listing = ", ".join(f"{r.obligation} {span(int(r.start), int(r.end))}" for r in found.itertuples())
    noun = "alliance obligation" if kind == "any" else f"{kind} obligation"
    if claim.params.get("friendship") and found.empty and not claim.negated:
        # a friendship treaty need not pledge anything ATOP codes: its absence there says nothing
        when = f"that began in {span(*years)}" if signed else f"in {span(*years)}"
        return Verdict(NOT_COVERED, f"{measure.upper()} lists no obligation between {na} and {nb} {when}; "
                       f"it codes treaties that pledge defence, offence, neutrality, non-aggression or consultation, "
                       f"and a friendship treaty without such a pledge would not be in it.",
                       [evidence(con, table, [{"ccode1": a, "ccode2": b}])],
                       f"entente.pair.evidence.alliances({a}, {b}, dataset={measure!r}) both ways, {kind}", 0)
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
    period, years, early = years_judged(claim, con, period, table, "UN General Assembly vote", system="UN vote")
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
    averages = memo(con, ("averages",), lambda: al.state_averages(con=con))   # every state's, read once an article
    avg_a, avg_b = (averages[averages["ccode"] == x] for x in (a, b))
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




# ---------------------------------------------------------------------------------------------- blocs
#: The bloc rule, on the group's place among random groups of states from the same regions (its percentile,
#: averaged over the years judged): above the 95th, a bloc; at or below the median, none.
BLOC_ABOVE, BLOC_MEDIAN = 95.0, 50.0
#: The minimum UN votes a pair must share in a year to count (as :func:`entente.network.axis.axis`).
MIN_VOTES = 10


def bloc(claim, con, period, measure="kappa") -> Verdict:
    """Three or more states act as a bloc ("form an axis", "vote as a bloc at the UN", "are aligned").

    The group's UN General Assembly cohesion (mean Cohen's κ over member pairs, Häge 2011) is placed among
    1,000 random groups of the same size and region mix each year (:func:`entente.network.axis.axis`); its
    percentile, averaged over the years judged, decides: above :data:`BLOC_ABOVE` supported, at or below
    :data:`BLOC_MEDIAN` contradicted, in between partly. A member whose mean κ with the others is no higher
    than the random groups' mean is split off, and makes a supported reading partly. The reason adds the
    formal defence ties (ATOP, COW) and strategic rivalries (TSS) among members, which the votes do not see.
    """
    table = catalog.UNGA_ALIGNMENT
    years, early = _judged(con, table, period, "UN General Assembly vote")
    if early:
        return early
    codes = list(dict.fromkeys(claim.states))
    names = _join([state_name(c, years[1], article=True) for c in codes])
    query = f"entente.network.axis.axis({codes}, {years[0]}, {years[1]}); pair κ among members"
    frame = _axis_years(con, codes, years)
    if frame.empty:
        return Verdict(NOT_COVERED, f"Fewer than two of {names} voted in the UN General Assembly in {span(*years)}.",
                       [evidence(con, table)], query)
    pct = float(frame["percentile"].mean())
    above = int((frame["percentile"] > BLOC_ABOVE).sum())
    base = float(frame["base_mean"].mean())
    split = _split_off(con, codes, years, base)
    facts = (f"the UN votes of {names} were more cohesive than {pct:.0f}% of 1,000 random groups of states from the "
             f"same regions in an average year of {span(*years)} (mean κ {frame['kappa'].mean():.2f} against "
             f"{base:.2f} for random groups; above the 95th percentile in {above} of {len(frame)} years)")
    if split:
        facts += "; " + _join([state_name(c, years[1], article=True) for c in split]) + " voted with the others no " \
                 "more than random groups do"
    facts += _ties_and_rivalries(con, codes, years, frame)
    rows = [evidence(con, table, [{"ccode1": x, "ccode2": y, "years": list(years)}
                                  for i, x in enumerate(sorted(codes)) for y in sorted(codes)[i + 1:]]),
            *(evidence(con, t) for t in (catalog.ATOP, catalog.TSS_RIVALRIES) if covered(con, t, *years))]
    if pct > BLOC_ABOVE and not split:
        verdict = SUPPORTED
    elif pct <= BLOC_MEDIAN:
        verdict = CONTRADICTED
    else:
        verdict = PARTLY
    if claim.negated and verdict != PARTLY:
        verdict = CONTRADICTED if verdict == SUPPORTED else SUPPORTED
    word = {SUPPORTED: "Yes", CONTRADICTED: "No", PARTLY: "Only in part"}[verdict]
    if claim.negated:
        word = {SUPPORTED: "As claimed, no bloc", CONTRADICTED: "The claim says no bloc, but",
                PARTLY: "Only in part"}[verdict]
    sep = " " if word.endswith("but") else ": "
    return Verdict(verdict, f"{word}{sep}{facts}.", rows, query, pct)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _axis_years(con, codes: list[int], years: tuple[int, int]) -> pd.DataFrame:
    """The rows of :func:`entente.network.axis.axis` for ``years``, each year computed once per article (a
    year's row does not depend on the range asked, so robustness windows reuse the years already read)."""
    cache = memo(con, ("axis", tuple(codes)), dict)
    missing = [y for y in range(years[0], years[1] + 1) if y not in cache]
    if missing:
        # entente.network loads igraph (1-3 s): only a bloc claim needs it, so `entente check` starts without it
        from entente.network.axis import axis

        try:
            got = axis(codes, missing[0], missing[-1], con=con)
            got.attrs = {}                   # attrs hold frames, which pandas cannot compare on concat
        except NoEvidence:
            got = pd.DataFrame(columns=["year"])
        for year in missing:
            cache[year] = got[got["year"] == year]
    parts = [cache[y] for y in range(years[0], years[1] + 1) if len(cache[y])]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["year", "percentile"])


def _split_off(con, codes: list[int], years: tuple[int, int], base: float) -> list[int]:
    """Members whose mean κ with the other members (pairs sharing at least :data:`MIN_VOTES` votes in a year)
    is no higher than ``base``, the random groups' mean κ."""
    marks = ", ".join("?" * len(codes))
    pairs = con.execute(f"SELECT ccode1, ccode2, avg(kappa) AS kappa FROM {catalog.UNGA_ALIGNMENT} WHERE ccode1 IN "
                        f"({marks}) AND ccode2 IN ({marks}) AND year BETWEEN ? AND ? AND n_votes >= ? GROUP BY ALL",
                        [*codes, *codes, *years, MIN_VOTES]).df()
    out = []
    for c in codes:
        mine = pairs[(pairs["ccode1"] == c) | (pairs["ccode2"] == c)]
        if len(mine) and float(mine["kappa"].mean()) <= base:
            out.append(c)
    return out


def _ties_and_rivalries(con, codes: list[int], years: tuple[int, int], frame: pd.DataFrame) -> str:
    """'; defence ties …; strategic rivalries …' among the members, as far as ATOP and TSS see the years."""
    last_atop = (table_coverage(con, catalog.ATOP) or (0, 0))[1]
    text = ""
    if years[0] <= last_atop:
        named = sorted({t for t in frame["defence_ties"].dropna() for t in str(t).split(", ") if t})
        text += (f"; defence ties among them (ATOP, COW, to {last_atop}): " + (", ".join(named) if named else "none"))
    marks = ", ".join("?" * len(codes))
    rivals = con.execute(f"SELECT ccode1, ccode2, styear, endyear FROM {catalog.TSS_RIVALRIES} WHERE ccode1 IN ({marks}) "
                         f"AND ccode2 IN ({marks}) AND styear <= ? AND endyear >= ?", [*codes, *codes, years[1], years[0]]).df()
    if len(rivals):
        text += "; strategic rivals among them: " + ", ".join(
            f"{state_name(int(r.ccode1), years[1])}–{state_name(int(r.ccode2), years[1])} "
            f"{span(int(r.styear), int(r.endyear))}" for r in rivals.itertuples())
    return text
