"""Alliance obligations per dyad-year: ATOP v5.1 and COW Formal Alliances v4.1.

Both tables list only the dyad-years *with* an alliance, so inside a table's coverage an absent
dyad-year is 0 (no alliance of that type); outside it (ATOP 1815–2018, COW 1816–2012, read from the
tables) every flag is NULL: 2019 is not a year without alliances, it is a year ATOP has not coded.
peacesciencer's ``add_atop_alliance()`` does the same with the years written into the code; here they
are ``min(year)``/``max(year)`` of the table.
"""

from __future__ import annotations

from entente.frames._registry import register
from entente.frames.plan import EXACT, PAIR, attach, check_coverage, give_back, prepare, require, span
from entente.store import Connection

ATOP_FLAGS = ("atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul")
COW_FLAGS = ("cow_defense", "cow_neutral", "cow_nonagg", "cow_entente")


@register("atop", "ATOP 5.1 pledges: atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul")
def add_atop(frame, *, con: Connection | None = None, coverage=None):
    """Add ATOP v5.1 alliance obligations: ``atop_defense``, ``atop_offense``, ``atop_neutral``,
    ``atop_nonagg``, ``atop_consul`` (1 = at least one alliance in force with that pledge).

    **Directed vs non-directed.** ATOP's dyad-year file is directed, and it is *asymmetric*: a row
    (A, B) says what A pledged to B. In a directed frame each row gets its own direction. In a
    non-directed frame a flag is 1 if the pledge runs either way (the maximum of both directions),
    which is peacesciencer's default ``ndir = TRUE``; matching only the (low, high) row would credit an
    alliance to a pair only when the lower-coded state made the pledge.

    Worked case, Iran (630)–Russia (365), read from the table: 1927–1941 neutrality and
    non-aggression both ways; 1942 (Tripartite Treaty) Russia pledges defence of Iran and both pledge
    consultation, Iran pledges no defence; 1943–1945 defence, offence and consultation both ways; 1946
    as 1942; 2001–2018 neutrality, non-aggression and consultation both ways. So
    the directed row (630, 365, 1942) has ``atop_defense = 0``, (365, 630, 1942) has 1, and the
    non-directed row (365, 630, 1942) has 1. In 2019–2025 all five flags are NULL.

    ``coverage=(first, last)`` overrides the years read from the table. References: Leeds, Ritter,
    Mitchell & Long (2002) *International Interactions* 28: 237–260; Miller (2022) *CMPS* 39(6)
    (``add_atop_alliance()``).
    """
    frame, kind = prepare(frame, con, "add_atop")
    require(frame.con, "add_atop", "atop_dyad_year")
    years = check_coverage(coverage, "add_atop") or span(frame.con, "atop_dyad_year")
    flags = ", ".join(ATOP_FLAGS)
    if frame.directed:
        rhs, on = f"SELECT ccode1, ccode2, year, {flags} FROM atop_dyad_year", EXACT
    else:
        rhs = (f"SELECT least(ccode1, ccode2) AS c1, greatest(ccode1, ccode2) AS c2, year, "
               f"{', '.join(f'max({c}) AS {c}' for c in ATOP_FLAGS)} FROM atop_dyad_year GROUP BY ALL")
        on = PAIR
    out = attach(frame, "atop", years, rhs, on, [(c, f"coalesce(r.{c}, 0)") for c in ATOP_FLAGS],
                 ["atop_dyad_year"])
    return give_back(out, kind)


@register("cow_alliance", "COW alliances 4.1: cow_defense, cow_neutral, cow_nonagg, cow_entente",
          aliases=("alliance", "cow_alliances"))
def add_cow_alliance(frame, *, con: Connection | None = None, coverage=None):
    """Add COW Formal Alliances v4.1: ``cow_defense``, ``cow_neutral``, ``cow_nonagg``, ``cow_entente``.

    COW alliances are symmetric (every member is bound to every other), and the table holds both
    directions, so directed and non-directed frames get the same flags for a pair (the maximum over
    both directions, which equals either). The types nest: a defence pact usually also counts as
    neutrality and entente, so the flags are not exclusive. Iran–Russia: defence 1921–1926; defence,
    neutrality and non-aggression 1927–1941; defence and entente 1942–1946; 0 in 1947–2012; NULL from
    2013 (the data end in 2012). The maintainer has since asked users to process COW alliances
    themselves; peacesciencer's processing (duplicates collapsed, two year-0 rows fixed) is the one in
    the warehouse. References: Gibler (2009) *International Military Alliances, 1648–2008*, CQ Press;
    Miller (2022) *CMPS* 39(6) (``add_cow_alliance()``).
    """
    frame, kind = prepare(frame, con, "add_cow_alliance")
    require(frame.con, "add_cow_alliance", "cow_alliance_dyad_year")
    years = check_coverage(coverage, "add_cow_alliance") or span(frame.con, "cow_alliance_dyad_year")
    rhs = (f"SELECT least(ccode1, ccode2) AS c1, greatest(ccode1, ccode2) AS c2, year, "
           f"{', '.join(f'max({c}) AS {c}' for c in COW_FLAGS)} FROM cow_alliance_dyad_year GROUP BY ALL")
    out = attach(frame, "cow_alliance", years, rhs, PAIR, [(c, f"coalesce(r.{c}, 0)") for c in COW_FLAGS],
                 ["cow_alliance_dyad_year"])
    return give_back(out, kind)
