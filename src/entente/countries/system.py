"""When a state was in the state system, and the name it bore then.

:func:`membership` (its spells), :func:`is_member` (in a year), :func:`states` (all states, or those of a
year, as a DataFrame) in the COW or Gleditsch–Ward system, and :func:`name`/:func:`names_between` (the name a
state bore in a year). A state is a member in a year if it was on any day of it (COW's state-year
convention); a spell ending on the list's last day is ongoing (rule 5 of :mod:`entente.countries`).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

from entente import countries_aliases as _al
from entente.countries.resolver import _check_ccode, _check_year, _cow_of_gw, _registry
from entente.countries.tables import _spell_frame, _spell_rows
from entente.errors import BadInput
from entente.period_names import ARTICLE_NAMES, PERIOD_NAMES

if TYPE_CHECKING:
    import pandas as pd

# -------------------------------------------------------------------------------------- membership
def _check_system(system: str) -> str:
    if not isinstance(system, str) or system.lower() not in ("cow", "gw"):
        raise BadInput(f"system must be 'cow' or 'gw', not {system!r}.")
    return system.lower()

def _clip(spell, start, end):
    s = max(spell[0], start) if start else spell[0]
    e = spell[1] if end is None else (end if spell[1] is None else min(spell[1], end))
    return (s, e) if e is None or s <= e else None


@functools.cache
def _spells(system: str) -> dict[int, list[tuple[dt.date, dt.date | None]]]:
    """COW code → its spells in ``system`` (G-W spells clipped to the dates ``COW_GW`` gives)."""
    own: dict[int, list] = {}
    for row in _spell_rows(system):
        own.setdefault(row[0], []).append((row.start_date, row.end_date))
    if system == "cow":
        return own
    return {c: sorted(clipped for g, start, end in _al.COW_GW.get(c, [(c, None, None)]) for sp in own.get(g, [])
                      if (clipped := _clip(sp, start, end))) for c in _registry().by_ccode}


def membership(ccode: int, *, system: str = "cow") -> list[tuple[dt.date, dt.date | None]]:
    """The state's membership spells, oldest first; an end of None means still a member.

    With ``system="gw"``, the G-W spells of the territory COW calls ``ccode`` (255 gets G-W 255 until
    1945 and G-W 260 from 3 October 1990; 260 gets G-W 260 until 2 October 1990). A COW state absent
    from G-W (a microstate) has no G-W spells.
    """
    system, ccode = _check_system(system), _check_ccode(ccode)
    return list(_spells(system).get(ccode, []))


def _overlaps(spell, year: int) -> bool:
    return spell[0] <= dt.date(year, 12, 31) and (spell[1] is None or spell[1] >= dt.date(year, 1, 1))


def is_member(ccode: int, year: int, *, system: str = "cow") -> bool:
    """Was ``ccode`` a member of the state system on any day of ``year``?"""
    system, ccode = _check_system(system), _check_ccode(ccode)
    if (year := _check_year(year)) is None:
        raise BadInput("is_member() needs a year such as 1990.")
    return any(_overlaps(sp, year) for sp in _spells(system).get(ccode, []))


def states(year: int | None = None, *, system: str = "cow") -> pd.DataFrame:
    """One row per state: ccode, abb, name, iso3, gwcode, start_date, end_date.

    With ``year``, the states in the system on any day of that year, with the spell covering it.
    Without, every state ever, from its first start to its last end (gaps: :func:`membership`).
    ``end_date`` is None for an ongoing spell. With ``system="gw"``, abb and name are G-W's, ccode is
    the COW state that G-W state was at the end of ``year`` (or is now) and may be missing (Tibet).
    """
    import pandas as pd  # the one function that returns a DataFrame; resolving names does not load pandas

    system, year = _check_system(system), _check_year(year)
    reg = _registry()
    spells = _spell_frame(system)
    key = "ccode" if system == "cow" else "gwcode"
    if year is not None:
        spells = spells[[_overlaps(sp, year) for sp in zip(spells["start_date"], spells["end_date"])]]
        rows = spells.drop_duplicates(key, keep="last").copy()
    else:
        ends = {k: None if any(e is None for e in g) else max(g) for k, g in spells.groupby(key)["end_date"]}
        rows = spells.drop_duplicates(key, keep="first").copy()
        rows["end_date"] = pd.Series([ends[k] for k in rows[key]], index=rows.index, dtype=object)
    if system == "gw":
        rows["ccode"] = pd.array([_cow_of_gw(reg.gw_to_cow, g, year) for g in rows["gwcode"]], dtype="Int64")
    known = [reg.by_ccode.get(c) if not pd.isna(c) else None for c in rows["ccode"]]
    rows["iso3"] = [s.iso3 if s else None for s in known]
    if system == "cow":
        rows["gwcode"] = pd.array([s.gwcode for s in known], dtype="Int64")
    cols = ["ccode", "abb", "name", "iso3", "gwcode", "start_date", "end_date"]
    return rows[cols].sort_values(key, ignore_index=True)


# ------------------------------------------------------------------------------------------ display
def name(ccode: int, year: int | None = None, *, article: bool = False) -> str:
    """The name of ``ccode``; with ``year``, the name it bore then (365: "Russian Empire" to 1916, "Soviet
    Union" in 1922–1991, "Russia" otherwise; 640: "Ottoman Empire" to 1922; see :data:`PERIOD_NAMES`);
    without, or for a year after it ceased, the name it bears now or bore last (680: "South Yemen", not
    COW's "Yemen People's Republic"; 260 in 2025: "West Germany"). With ``article``, "the" where running English needs it ("the Soviet Union").
    UnknownCountry for a code no COW state has."""
    return _name(_check_ccode(ccode), None if year is None else int(year), article, dt.date.today().year)


@functools.lru_cache(maxsize=1 << 16)
def _name(ccode: int, year: int | None, article: bool, this_year: int) -> str:
    """:func:`name`, kept per (code, year, article, this year): a brief asks for the same few thousand names
    (every third state in every year of its evidence), and the answer follows from static tables and the
    calendar year alone."""
    text = _registry().by_ccode[ccode].name
    asked = year
    spells = membership(int(ccode))
    if spells:      # outside the years it existed, the name of the nearest year it did (or of now)
        ends = [end for _, end in spells]
        last = this_year if None in ends else max(ends).year
        year = last if year is None else min(max(int(year), min(start for start, _ in spells).year), last)
    names = PERIOD_NAMES.get(int(ccode), ())
    if asked is not None and any(first <= int(asked) <= last for first, last, _ in names):
        year = int(asked)   # a name of its own for years outside the state's (816: Vietnam before 1954)
    if year is not None:
        for first, last, period_name in names:
            if first <= int(year) <= last:
                text = period_name
                break
    return f"the {text}" if article and text in ARTICLE_NAMES else text


def names_between(ccode: int, first: int, last: int) -> list[tuple[str, int, int]]:
    """The names ``ccode`` bore over ``first``–``last``, as (name, first year, last year) runs, oldest first:
    365 over 1900–2000 → [("Russian Empire", 1900, 1916), ("Russia", 1917, 1921), ("Soviet Union", 1922,
    1991), ("Russia", 1992, 2000)]."""
    runs: list[tuple[str, int, int]] = []
    for year in range(int(first), int(last) + 1):
        text = name(ccode, year)
        if runs and runs[-1][0] == text:
            runs[-1] = (text, runs[-1][1], year)
        else:
            runs.append((text, year, year))
    return runs
