"""What every check shares: the states' names, the coverage rule, COW system membership and the
count-or-existence comparator (:func:`count_verdict`). See :mod:`entente.factcheck.checks` for the rule."""

from __future__ import annotations

import functools

from entente.countries import is_member
from entente.countries import name as state_name
from entente.factcheck.verdicts import (
    CONTRADICTED,
    NOT_COVERED,
    SUPPORTED,
    Verdict,
    covered,
    evidence,
    outside,
    plural,
    span,
    table_coverage,
)

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



def years_judged(claim, con, period, table, what: str, *, system: str | None = None):
    """``(period, years, None)``, or ``(period, None, a not-covered verdict)``: the claim's ``period`` cut to
    the years both states were COW system members when ``system`` names the data that list only members
    (:func:`_system_years`), then to the years ``table`` covers by the coverage rule (:func:`_judged`)."""
    if system is not None:
        period, early = _system_years(claim, period, system)
        if early:
            return period, None, early
    years, early = _judged(con, table, period, what)
    return period, years, early


def overlapping(frame, years: tuple[int, int], start: str, end: str):
    """The rows of ``frame`` whose ``start``–``end`` (an open ``end`` runs to the last year) meet ``years``."""
    return frame[(frame[start] <= years[1]) & (frame[end].fillna(years[1]) >= years[0])]
