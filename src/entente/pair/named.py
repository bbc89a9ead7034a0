"""Which alliances and which wars: the named evidence on one pair, read from the warehouse.

:func:`pair_alliances` lists the ATOP alliances two states shared, with names where entente curates
one and a description built from the data; :func:`pair_wars` lists the COW inter-state wars they fought,
with COW's names. Both read only the pair's rows with SQL and hand them to the pure functions in
:mod:`entente.measures.alliances_named`; ``window=(start, end)`` keeps what overlaps those years.
The frames carry ``attrs["evidence"]``: the tables, their dataset and version, and the rows used.

Example: ``pair_alliances("CHN", "PRK", window=(1946, 2018))``.
"""

from __future__ import annotations

import pandas as pd

from entente import countries, period, warehouse
from entente.measures import alliances_named as _named
from entente.sources import atop as _atop
from entente.store import Connection, one

__all__ = ["pair_alliances", "pair_wars"]


def _code(state) -> int:
    return countries.resolve(state).ccode


def _evidence(con: Connection, tables: dict[str, int], used_for: str) -> list[dict]:
    out = []
    for table, rows in tables.items():
        found = one(con, "SELECT dataset, version FROM _provenance WHERE table_name = ?", [table])
        out.append({"dataset": found[0] if found else table, "version": found[1] if found else "", "table": table,
                    "rows": int(rows), "used_for": used_for})
    return out


def pair_alliances(a, b, con: Connection | None = None, window: tuple[int, int] | None = None) -> pd.DataFrame:
    """ATOP alliances ``a`` and ``b`` were both members of at the same time, overlapping ``window``.

    ``a`` and ``b``: anything :func:`entente.countries.resolve` understands (COW code, ISO3, name).
    Columns (see :func:`entente.measures.alliances_named.shared_alliances`): atopid, name, description,
    bilateral, members, start, end (None while in force at the data's end), shared_start, shared_end,
    a_obligations, b_obligations. The data end in the last ATOP year (2018).
    """
    con = con or warehouse.connection()
    ca, cb = _code(a), _code(b)
    members = con.execute(
        "SELECT * FROM atop_members WHERE atopid IN (SELECT atopid FROM atop_members WHERE ccode = ? "
        "INTERSECT SELECT atopid FROM atop_members WHERE ccode = ?) AND ccode IN (?, ?)", [ca, cb, ca, cb]).df()
    ids = sorted(int(i) for i in members["atopid"].unique())
    alliances = con.execute("SELECT * FROM atop_alliances WHERE list_contains(?, atopid)", [ids]).df()
    alliances["members"] = alliances["atopid"].map(_states_ever(con, ids)).fillna(alliances["members"]).astype(int)
    coverage_end = one(con, "SELECT max(year) FROM atop_dyad_year")[0]
    frame = _named.shared_alliances(members, alliances, _atop.alliance_names(), ca, cb, window=window,
                                    coverage_end=int(coverage_end))
    frame.attrs["evidence"] = _evidence(con, {"atop_members": len(members), "atop_alliances": len(alliances)},
                                        "alliances the pair shared")
    return frame


#: A COW code that continues another state's line (West Germany 260 → Germany 255, North Yemen 678 → Yemen 679),
#: from :data:`entente.period.LINEAGES`: one state when an alliance's members are counted.
_LINE = {code: head for head, steps in period.LINEAGES.items() for code, _, _ in steps}


def _states_ever(con: Connection, ids: list[int]) -> dict[int, int]:
    """atopid → the number of states ever members, a lineage's codes counted once: ATOP lists West Germany
    (260) and Germany (255) among NATO's members, so its member count of 30 codes is 29 states in 2018."""
    rows = con.execute("SELECT atopid, list(DISTINCT ccode) AS codes FROM atop_members WHERE list_contains(?, atopid) "
                       "GROUP BY atopid", [ids]).df()
    return {int(i): len({_LINE.get(int(c), int(c)) for c in codes}) for i, codes in zip(rows["atopid"], rows["codes"])}


def pair_wars(a, b, con: Connection | None = None, window: tuple[int, int] | None = None) -> pd.DataFrame:
    """COW inter-state wars ``a`` and ``b`` fought against each other, named, overlapping ``window``.

    Columns (see :func:`entente.measures.alliances_named.named_wars`): warnum, war_name, start, end,
    war_start, war_end, a_side, b_side, a_initiated, b_initiated, a_outcome, b_outcome, a_battle_deaths,
    b_battle_deaths. The war list ends in 2007 (the last war in it began in 2003).
    """
    con = con or warehouse.connection()
    ca, cb = _code(a), _code(b)
    dyad = con.execute("SELECT * FROM cow_war_inter_dyad_year WHERE (ccode1 = ? AND ccode2 = ?) "
                       "OR (ccode1 = ? AND ccode2 = ?)", [ca, cb, cb, ca]).df()
    wars = con.execute("SELECT * FROM cow_war_inter_wars WHERE list_contains(?, warnum)",
                       [sorted(int(w) for w in dyad["warnum"].unique())]).df()
    frame = _named.named_wars(dyad, wars, ca, cb, window=window)
    frame.attrs["evidence"] = _evidence(con, {"cow_war_inter_dyad_year": len(dyad), "cow_war_inter_wars": len(wars)},
                                        "wars the pair fought")
    return frame
