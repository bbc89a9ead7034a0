"""Shared adversaries and friends, and the limits of a pair, read from the warehouse.

Thin over :mod:`entente.measures.third_parties` (method, formulas and references there): this module
reads with SQL only the rows that involve either state in the window, and adds names and provenance.

- :func:`third_parties` — every third state with both sides' stance, the class (shared adversary,
  shared friend, divergent, none), a score and the evidence.
- :func:`topics` — per UNGA issue, the pair's agreement against each side's average.
- :func:`limits` — where the pair parts: the most divergent third states, the hard evidence (rivalries,
  disputes, defence pacts) only one side has, and the topics on which the two split most.

The window defaults to the last ten session-years of UN votes in the warehouse; everything is read
for the window only. A side is one COW code unless its lineage is given (:func:`read` and :func:`topics`
with ``codes_a``/``codes_b``, as the brief reads them): then each code's rows of the years it carried the
side are the side's (West Germany's of 1949–1990 are Germany's). Hard evidence: rivalries (Thompson & Dreyer to 2010, Thompson, Sakuwa & Suhas to
2020), militarized disputes (GML MIDs to 2010, then COW MID 5.0 for 2011–2014: GML corrects COW's
dyads where both cover a year, so COW is read only after GML's last year), sanctions imposed either way
(TIES: cases begun to 2005, followed to 2013), defence pacts (ATOP to 2018, COW alliances to 2012).
Each result's ``attrs["sources"]`` gives every table's coverage, and evidence beyond a dataset's end
is missing, not absent.
"""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np
import pandas as pd

from entente import countries, warehouse
from entente.errors import BadInput, NoEvidence, UnknownCountry
from entente.measures import third_parties as _tp
from entente.measures import third_party_eras as _eras
from entente.measures.sanctions import TIES_LAST_YEAR_SQL, TIES_SENDERS, ties_both_exist_sql
from entente.measures.topics import TOPICS
from entente.period import check_years
from entente.pair.evidence import evidence
from entente.store import Connection, one
from entente.warehouse import has_table

__all__ = ["by_era", "era_leaders", "eras", "read", "third_parties", "topics", "limits"]


def _window(con: Connection, start, end) -> tuple[int, int]:
    last = int(one(con, "SELECT max(year) FROM m_unga_alignment_dyad_year")[0])
    end = last if end is None else int(end)
    return check_years(end - 9 if start is None else start, end)


def _states(a, b):
    sa, sb = countries.resolve(a), countries.resolve(b)
    if sa.ccode == sb.ccode:
        raise BadInput(f"Both states are {sa.label}; a pair needs two different states.")
    return sa, sb


def _name(ccode: int, year: int | None = None) -> tuple[str, str]:
    """(abb, name) with the name the state had in ``year`` (the window's last year)."""
    try:
        state = countries.resolve(int(ccode))
        return state.abb, countries.name(state.ccode, year)
    except UnknownCountry:  # a code outside the COW list: show it as it is
        return str(ccode), str(ccode)


def read(a, b, *, start=None, end=None, con: Connection | None = None, codes_a=None,
         codes_b=None) -> dict[str, pd.DataFrame]:
    """The rows :func:`third_parties` and :func:`by_era` read for ``a``, ``b`` and the window (the same
    for both: pass them as ``rows`` to read once), by table.

    ``codes_a``, ``codes_b``: a side's lineage as (ccode, first, last), inclusive (:attr:`entente.period.Side.codes`:
    Germany over 1816–2025 is 255 to 1945, West Germany 260 in 1949–1990 and 255 again from 1990). Every
    code's rows are then read and reported as the side's (``a`` or ``b``) rows: see :func:`_as_sides`.
    Without them (or with the side's code alone) the side is its one code, as before.
    """
    con = con or warehouse.connection()
    sa, sb = _states(a, b)
    start, end = _window(con, start, end)
    lineage = _lineage(sa.ccode, sb.ccode, codes_a, codes_b)
    if not lineage:
        return _read(con, [sa.ccode, sb.ccode], start, end)
    codes = list(dict.fromkeys([sa.ccode, sb.ccode, *lineage]))
    return _as_sides(_read(con, codes, start, end), lineage)


#: code → (the side's code it is read as, its spans as (first, last, order in the lineage))
Lineage = dict[int, tuple[int, list[tuple[int, int, int]]]]


def _lineage(a: int, b: int, codes_a, codes_b) -> Lineage:
    """Each lineage code of the two sides, mapped to its side's code, with the years it carried the side;
    empty when neither side has a code besides its own. A code of one side's lineage that is the other
    side (Germany's 260 in a pair with West Germany) stays the other side's."""
    out: Lineage = {}
    for main, codes, other in ((a, codes_a, b), (b, codes_b, a)):
        spans = [(int(c), int(lo), int(hi)) for c, lo, hi in (codes or ())]
        if not any(c != main for c, _, _ in spans):
            continue
        for order, (c, lo, hi) in enumerate(spans):
            if c != other:
                out.setdefault(c, (main, []))[1].append((lo, hi, order))
    return out


def _in_years(codes: np.ndarray, years: np.ndarray, lineage: Lineage) -> tuple[np.ndarray, np.ndarray]:
    """Per row: whether ``codes`` carried its side in ``years`` (True for a code outside every lineage), and
    the order of that span in its lineage (0 outside one)."""
    ok, order = np.ones(len(codes), dtype=bool), np.zeros(len(codes), dtype="int64")
    for code, (_, spans) in lineage.items():
        hit = codes == code
        if not hit.any():
            continue
        inside = np.zeros(len(codes), dtype=bool)
        for lo, hi, o in spans:
            span = hit & (years >= lo) & (years <= hi)
            inside |= span
            order = np.where(span, np.maximum(order, o), order)
        ok &= ~hit | inside
    return ok, order


def _relabel(column: pd.Series, lineage: Lineage) -> pd.Series:
    return column.replace({c: main for c, (main, _) in lineage.items() if c != main})


#: The rows that are one record, per dyad-year table, after a lineage's codes are read as one side.
_DYAD_YEAR_KEYS = {"m_unga_alignment_dyad_year": ["year", "ccode1", "ccode2"],
                   "gml_mid_dir_dyad_year": ["dispnum", "ccode1", "ccode2", "year"],
                   "cow_mid_dir_dyad_year": ["dispnum", "ccode1", "ccode2", "year"],
                   "atop_dyad_year": ["ccode1", "ccode2", "year"],
                   "cow_alliance_dyad_year": ["ccode1", "ccode2", "year"]}


def _as_sides(tables: dict[str, pd.DataFrame], lineage: Lineage) -> dict[str, pd.DataFrame]:
    """``tables`` (read for every lineage code) with each lineage code read as its side's code.

    Dyad-year rows (UN alignment, disputes, alliances) of a lineage code are kept for the years that code
    carried the side (West Germany's in 1949–1990, Germany's to 1945 and from 1990), so that each year's UN
    baseline is that year's code's; in a year of transition two codes' rows of one dyad are one row, the
    later code's (Germany's for 1990, which ATOP gives West Germany too). Spells (rivalries, sanctions)
    are relabelled whole: rivalry datasets code a line's rivalry under one code across its codes (Thompson
    & Dreyer's France–Germany rivalry of 1756–1955 under 255, North Yemen's with South Yemen in 1967–1990
    under 679), and TIES cases are already cut to the years sender and target existed. A row between two
    codes of one side (Germany and West Germany in 1990) is left out: a side is no third state of itself.
    """
    out = {}
    for table, frame in tables.items():
        if table in _DYAD_YEAR_KEYS:
            years = frame["year"].to_numpy()
            ok1, order1 = _in_years(frame["ccode1"].to_numpy(), years, lineage)
            ok2, order2 = _in_years(frame["ccode2"].to_numpy(), years, lineage)
            frame = frame.assign(_order=order1 + order2)[ok1 & ok2]
            frame = frame.assign(ccode1=_relabel(frame["ccode1"], lineage), ccode2=_relabel(frame["ccode2"], lineage))
            frame = frame[frame["ccode1"] != frame["ccode2"]]
            if table == "m_unga_alignment_dyad_year":   # non-directed, stored with ccode1 < ccode2
                low = frame[["ccode1", "ccode2"]].min(axis=1).astype(frame["ccode1"].dtype)
                high = frame[["ccode1", "ccode2"]].max(axis=1).astype(frame["ccode2"].dtype)
                frame = frame.assign(ccode1=low, ccode2=high)
            frame = (frame.sort_values("_order", ascending=False, kind="stable")
                     .drop_duplicates(_DYAD_YEAR_KEYS[table]).sort_index().drop(columns="_order"))
        elif table == "ties_cases":
            frame = frame.assign(sender=_relabel(frame["sender"], lineage), target=_relabel(frame["target"], lineage))
            frame = frame[frame["sender"] != frame["target"]].drop_duplicates()
        else:   # rivalry spells
            frame = frame.assign(ccode1=_relabel(frame["ccode1"], lineage), ccode2=_relabel(frame["ccode2"], lineage))
            frame = frame[frame["ccode1"] != frame["ccode2"]].drop_duplicates()
        out[table] = frame.reset_index(drop=True)
    return out


def _read(con: Connection, codes: list[int], start: int, end: int) -> dict[str, pd.DataFrame]:
    """The rows of each table that involve either state in [start, end]."""
    ph = ", ".join("?" * len(codes))
    both = [*codes, *codes]
    return {
        "m_unga_alignment_dyad_year": con.execute(
            f"SELECT year, ccode1, ccode2, n_votes, agree, s_abs, s_sq, kappa, pi FROM m_unga_alignment_dyad_year "
            f"WHERE (ccode1 IN ({ph}) OR ccode2 IN ({ph})) AND year BETWEEN ? AND ?", [*both, start, end]).df(),
        "td_rivalries": _rivalries(con, "td_rivalries", "td", "rivalryname", codes, start, end),
        "tss_rivalries": _rivalries(con, "tss_rivalries", "tss", "rivalry", codes, start, end),
        "gml_mid_dir_dyad_year": con.execute(
            f"SELECT dispnum, ccode1, ccode2, year, hostlev1, hostlev2 FROM gml_mid_dir_dyad_year "
            f"WHERE ccode1 IN ({ph}) AND year BETWEEN ? AND ?", [*codes, start, end]).df(),
        # COW MID 5.0 only for the years after GML's last: GML corrects COW's dyads where both cover.
        "cow_mid_dir_dyad_year": con.execute(
            f"SELECT dispnum, ccode1, ccode2, year, hostlev1, hostlev2 FROM cow_mid_dir_dyad_year "
            f"WHERE ccode1 IN ({ph}) AND year BETWEEN ? AND ? "
            f"AND year > (SELECT max(year) FROM gml_mid_dir_dyad_year)", [*codes, start, end]).df()
        if has_table(con, "cow_mid_dir_dyad_year") else _empty(_tp.DISPUTE_COLUMNS),
        "ties_cases": _sanctions(con, codes, start, end) if has_table(con, "ties_cases")
        else _empty(_tp.SANCTION_COLUMNS),
        "atop_dyad_year": con.execute(
            f"SELECT * FROM atop_dyad_year WHERE ccode1 IN ({ph}) AND year BETWEEN ? AND ?", [*codes, start, end]).df(),
        "cow_alliance_dyad_year": con.execute(
            f"SELECT * FROM cow_alliance_dyad_year WHERE ccode1 IN ({ph}) AND year BETWEEN ? AND ?",
            [*codes, start, end]).df(),
    }


def _rivalries(con: Connection, table: str, dataset: str, name: str, codes: list[int], start: int, end: int):
    """The rivalry spells of ``table`` with either state overlapping [start, end]: dataset, name (from column
    ``name``), ccode1, ccode2, styear, endyear."""
    ph = ", ".join("?" * len(codes))
    return con.execute(f"SELECT '{dataset}' AS dataset, {name} AS name, ccode1, ccode2, styear, endyear FROM {table} "
                       f"WHERE (ccode1 IN ({ph}) OR ccode2 IN ({ph})) AND styear <= ? AND endyear >= ?",
                       [*codes, *codes, end, start]).df()


def _empty(columns) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64") for c in columns})


def _sanctions(con: Connection, codes: list[int], start: int, end: int) -> pd.DataFrame:
    """TIES cases with either state as sender or target in [start, end], one row per (case, state sender,
    target) and run of years in which both states existed.

    A case runs from ``startyear`` to ``endyear`` or, while open, to ``ongoingasofyear`` (the last year
    TIES followed it), else its start year alone (:data:`entente.measures.sanctions.TIES_LAST_YEAR_SQL`);
    it is cut to the years sender and target both existed, by the rule the network's sanctions layer
    reads (:func:`entente.measures.sanctions.ties_both_exist_sql`): TIES follows an open case past a
    target that ceased to exist (West Germany in October 1990), which would otherwise stay under
    sanctions, and be an adversary, in 1991. A case that skips years (a state out of the system for a
    while) gives one row per run. Institutional senders (codes ≥ 1000, the EU) are not states and are
    left out.
    """
    ph = ", ".join("?" * len(codes))
    senders = " UNION ".join(f"SELECT caseid, {c} AS sender FROM ties_cases WHERE {c} IS NOT NULL"
                             for c in TIES_SENDERS)
    both = ties_both_exist_sql("k.sender", "k.target", "u.year")
    return con.execute(
        f"WITH c AS (SELECT caseid, CAST(targetstate AS INTEGER) AS target, CAST(startyear AS INTEGER) AS start, "
        f"  CAST({TIES_LAST_YEAR_SQL} AS INTEGER) AS \"end\", "
        f"  coalesce(imposition, 0) = 1 AS imposed FROM ties_cases), "
        f"s AS (SELECT DISTINCT caseid, CAST(sender AS INTEGER) AS sender FROM ({senders})), "
        f"k AS (SELECT c.caseid, s.sender, c.target, c.start, c.\"end\", c.imposed FROM c JOIN s USING (caseid) "
        f"  WHERE s.sender < 1000 AND c.target < 1000 AND (s.sender IN ({ph}) OR c.target IN ({ph})) "
        f"  AND c.start <= ? AND c.\"end\" >= ?), "
        # the case's years in which both existed, then their runs (a year minus its rank is constant in a run)
        f"y AS (SELECT k.caseid, k.sender, k.target, k.imposed, CAST(u.year AS INTEGER) AS year "
        f"  FROM k, unnest(range(k.start, k.\"end\" + 1)) AS u(year) WHERE {both}), "
        f"r AS (SELECT *, year - row_number() OVER (PARTITION BY caseid, sender, target ORDER BY year) AS run FROM y) "
        f"SELECT caseid, sender, target, min(year) AS start, max(year) AS \"end\", imposed FROM r "
        f"GROUP BY caseid, sender, target, imposed, run ORDER BY caseid, sender, target, start",
        [*codes, *codes, end, start]).df()


USED_FOR = {"m_unga_alignment_dyad_year": ("UN alignment with third states, relative to each side's baseline", "year"),
            "td_rivalries": ("strategic rivalries (Thompson & Dreyer)", "styear"),
            "tss_rivalries": ("strategic rivalries (Thompson, Sakuwa & Suhas)", "styear"),
            "gml_mid_dir_dyad_year": ("militarized disputes", "year"),
            "cow_mid_dir_dyad_year": ("militarized disputes after GML's last year (COW MID)", "year"),
            "ties_cases": ("imposed sanctions, either way (TIES)", "startyear"),
            "atop_dyad_year": ("alliance obligations (ATOP)", "year"),
            "cow_alliance_dyad_year": ("defence pacts (COW)", "year")}


def _sources(con: Connection, tables: dict[str, pd.DataFrame]) -> list[dict]:
    out = []
    for table, rows in tables.items():
        if not has_table(con, table):
            continue
        used_for, first = USED_FOR[table]
        last = {"styear": "endyear", "startyear": "coalesce(endyear, ongoingasofyear)"}.get(first, "year")
        out.append(evidence(con, table, len(rows), used_for, span=(first, last)))
    return out


def _classified(tables: dict[str, pd.DataFrame], sa, sb, start: int, end: int, *, measure: str, threshold: float,
                weight: float, min_votes: int, only: int | None = None) -> pd.DataFrame:
    """The classified table over [start, end] from rows read for that window or a wider one (UN rows are cut
    to the years here; the evidence functions keep what overlaps [start, end] themselves); ``only``: the row
    of that third state alone (its z still against all partners)."""
    unga = tables["m_unga_alignment_dyad_year"]
    unga = unga[unga["year"].between(start, end)]
    rivalries = pd.concat([tables["td_rivalries"], tables["tss_rivalries"]], ignore_index=True)
    disputes = pd.concat([tables["gml_mid_dir_dyad_year"], tables["cow_mid_dir_dyad_year"]], ignore_index=True)
    sanctions, atop, cow = tables["ties_cases"], tables["atop_dyad_year"], tables["cow_alliance_dyad_year"]
    if only is not None:
        # one third state's row: its hard evidence is in the rows that name it (each partner's row is read
        # from its own rows alone), while its z still needs every partner's votes
        rivalries, disputes, atop, cow = (f[(f["ccode1"] == only) | (f["ccode2"] == only)]
                                          for f in (rivalries, disputes, atop, cow))
        sanctions = sanctions[(sanctions["sender"] == only) | (sanctions["target"] == only)]
    sides = []
    for s in (sa, sb):
        base = _tp.unga_baseline(unga, s.ccode, measure=measure, min_votes=min_votes)
        host = _tp.hostility_evidence(rivalries, disputes, s.ccode, start, end, sanctions=sanctions)
        ally = _tp.alliance_evidence(atop, cow, s.ccode, start, end)
        side = _tp.stances(base, host, ally, weight=weight)
        sides.append(side if only is None else side[side["ccode"] == only])
    return _tp.classify(sides[0], sides[1], sa.ccode, sb.ccode, threshold=threshold, labels=(sa.abb, sb.abb))


#: A window longer than this many years is also read era by era (:func:`by_era`).
LONG_WINDOW = 20
#: An era shorter than this at either end of a window joins its neighbour (1946–1949 joins the 1950s).
SHORTEST_ERA = 5


def eras(start: int, end: int) -> list[tuple[int, int]]:
    """The calendar decades of [start, end], cut to it; a piece shorter than :data:`SHORTEST_ERA` years at
    either end joins its neighbour: 1946–2025 → 1946–1959, 1960–1969, …, 2010–2019, 2020–2025."""
    cuts = [(max(d, start), min(d + 9, end)) for d in range(start - start % 10, end + 1, 10)]
    if len(cuts) > 1 and cuts[0][1] - cuts[0][0] + 1 < SHORTEST_ERA:
        cuts[:2] = [(cuts[0][0], cuts[1][1])]
    if len(cuts) > 1 and cuts[-1][1] - cuts[-1][0] + 1 < SHORTEST_ERA:
        cuts[-2:] = [(cuts[-2][0], cuts[-1][1])]
    return cuts


@functools.cache
def _member_years(ccode: int) -> frozenset[int]:
    """The years ``ccode`` was a state (COW membership, any day of a year; to this year while it is one)."""
    try:
        spells = countries.membership(int(ccode))
    except (UnknownCountry, BadInput):
        return frozenset()
    now = dt.date.today().year
    return frozenset(y for lo, hi in spells for y in range(lo.year, (hi.year if hi else now) + 1))


def _existed(ccode: int, first: int, last: int) -> float:
    """The share of the years [first, last] in which ``ccode`` was a state."""
    years = _member_years(int(ccode))
    return sum(y in years for y in range(first, last + 1)) / (last - first + 1)


def by_era(a, b, *, start=None, end=None, measure: str = "kappa", threshold: float = _tp.THRESHOLD,
           weight: float = _tp.WEIGHT, min_votes: int = _tp.MIN_VOTES, con: Connection | None = None,
           rows: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """The third states ``a`` and ``b`` treated differently, era by era (:func:`eras`: decades), so that a
    long window does not set one decade's alliance against another decade's rivalry.

    Each era is read as :func:`third_parties` reads a window (:mod:`entente.measures.third_party_eras`):
    UN alignment relative to each side's baseline *in that era*, and the hard evidence that overlaps it.
    One row per era and third state with ``divergence`` > 0: ``era_first``, ``era_last``, ``ccode``, ``abb``,
    ``name`` (as named in the era's last year it existed), ``divergence``, ``divergent`` (a tie with one side,
    opposed by the other), ``shared_adversary``, both sides' stance, z, allied and hostile, ``existed`` (the
    share of the era's years the third state was a state), ``strength`` = divergence × existed (East
    Germany's one year in the 1990s counts for a tenth) and ``rivalry`` (the side further from it had a
    strategic rivalry with it). Sorted by era, then strength. ``attrs``: window,
    eras, states, sources and ``best``: the era and the :func:`third_parties` row (its evidence) of the
    strongest of :func:`era_leaders` (rivalries first, then strength; the latest of equals; None without one).

    ``rows``: :func:`read`'s rows for the same pair and window, if already read (for :func:`third_parties`).

    Example: Vietnam and China over 1954–2025: Cambodia in 1980–1989 (Vietnam's war and occupation, China's
    support of Democratic Kampuchea, which held Cambodia's UN seat), at strength 2.56.
    """
    con = con or warehouse.connection()
    sa, sb = _states(a, b)
    start, end = _window(con, start, end)
    tables = _read(con, [sa.ccode, sb.ccode], start, end) if rows is None else rows
    cuts = eras(start, end)
    rivalries = pd.concat([tables["td_rivalries"], tables["tss_rivalries"]], ignore_index=True)
    disputes = pd.concat([tables["gml_mid_dir_dyad_year"], tables["cow_mid_dir_dyad_year"]], ignore_index=True)
    out = _eras.era_divergence(tables["m_unga_alignment_dyad_year"], rivalries, disputes, tables["ties_cases"],
                               tables["atop_dyad_year"], tables["cow_alliance_dyad_year"], sa.ccode, sb.ccode, cuts,
                               measure=measure, threshold=threshold, weight=weight, min_votes=min_votes)
    out.insert(0, "era_last", [cuts[e][1] for e in out["era"]])
    out.insert(0, "era_first", [cuts[e][0] for e in out["era"]])
    out = out.drop(columns="era")
    out["existed"] = [_existed(c, lo, hi) for c, lo, hi in zip(out["ccode"], out["era_first"], out["era_last"])]
    out["strength"] = out["divergence"] * out["existed"]
    out["rivalry"] = np.where(out["stance_a"] < out["stance_b"], out["rival_a"], out["rival_b"]).astype(bool)
    named = [_name(c, _last_member(c, lo, hi)) for c, lo, hi in zip(out["ccode"], out["era_first"], out["era_last"])]
    out.insert(3, "abb", [n[0] for n in named])
    out.insert(4, "name", [n[1] for n in named])
    out = out.sort_values(["era_first", "strength", "ccode"], ascending=[True, False, True], kind="stable")
    out = out.reset_index(drop=True)
    best = None
    leaders = era_leaders(out)
    if len(leaders):
        top = leaders.sort_values(["rivalry", "strength", "era_first"], ascending=[False, False, False],
                                  kind="stable").iloc[0]
        lo, hi = int(top["era_first"]), int(top["era_last"])
        row = _classified(tables, sa, sb, lo, hi, measure=measure, threshold=threshold, weight=weight,
                          min_votes=min_votes, only=int(top["ccode"]))
        best = {"era": (lo, hi), "row": row.iloc[0].to_dict()}
    out.attrs = {"window": (start, end), "eras": cuts, "states": (sa.abb, sb.abb), "measure": measure,
                 "threshold": threshold, "weight": weight, "sources": _sources(con, tables), "best": best}
    return out


def era_leaders(by_era_table: pd.DataFrame) -> pd.DataFrame:
    """The strongest ``divergent`` third state of each era of a :func:`by_era` table (a tie with one side,
    opposed by the other): one row per era that has one, oldest first. A state the opposed side had a
    strategic rivalry with comes before one it only had a dispute or sanctions with: the field reads a
    rivalry as lasting enmity, while one dispute with a state it votes far from is an incident (China and
    the United States in 1970–1979: North Korea, allied with China and a rival of the United States, not New
    Zealand, ANZUS ally with one dispute with China)."""
    rows = by_era_table[by_era_table["divergent"].astype(bool)]
    return rows.sort_values(["era_first", "rivalry", "strength", "ccode"], ascending=[True, False, False, True],
                            kind="stable").drop_duplicates("era_first").reset_index(drop=True)


def _last_member(ccode: int, first: int, last: int) -> int:
    """The last year of [first, last] in which ``ccode`` was a state (``last`` if none): the year to name it by."""
    years = _member_years(int(ccode))
    return next((y for y in range(last, first - 1, -1) if y in years), last)


def third_parties(a, b, *, start=None, end=None, measure: str = "kappa", threshold: float = _tp.THRESHOLD,
                  weight: float = _tp.WEIGHT, min_votes: int = _tp.MIN_VOTES,
                  con: Connection | None = None, rows: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """How ``a`` and ``b`` each stand towards every third state in [start, end], classified and ranked.

    One row per third state: ``ccode, abb, name, class, score`` (see
    :mod:`entente.measures.third_parties`), the three scores, both sides' stance, UN alignment
    (``unga``, ``z``, ``rank`` of ``partners``), rivalry, disputes and pacts (``*_a`` for ``a``, ``*_b``
    for ``b``) and an ``evidence`` sentence. ``attrs``: ``window``, ``states`` and ``sources``. ``rows``:
    :func:`read`'s rows for the same pair and window, if already read.
    """
    con = con or warehouse.connection()
    sa, sb = _states(a, b)
    start, end = _window(con, start, end)
    tables = _read(con, [sa.ccode, sb.ccode], start, end) if rows is None else rows
    table = _classified(tables, sa, sb, start, end, measure=measure, threshold=threshold, weight=weight,
                        min_votes=min_votes)
    if table.empty:
        raise NoEvidence(f"Neither {sa.label} nor {sb.label} has UN votes, rivalries, disputes or alliances "
                         f"with a third state in {start}–{end}. Try another window (UN votes run from 1946).")
    names = [_name(c, end) for c in table["ccode"]]
    table.insert(1, "abb", [n[0] for n in names])
    table.insert(2, "name", [n[1] for n in names])
    table.attrs = {"window": (start, end), "states": (sa.abb, sb.abb), "measure": measure,
                   "threshold": threshold, "weight": weight, "sources": _sources(con, tables)}
    return table


def topics(a, b, *, start=None, end=None, measure: str = "agree", min_votes: int = _tp.MIN_VOTES,
           con: Connection | None = None, codes_a=None, codes_b=None) -> pd.DataFrame:
    """Per UNGA issue (me, nu, di, hr, co, ec), the pair's ``measure`` pooled over the window against each
    side's average with its other partners; lowest ``gap`` first (see
    :func:`entente.measures.third_parties.topic_divergence`). ``codes_a``, ``codes_b``: a side's lineage, as
    for :func:`read`: each code's votes in the years it carried the side are the side's votes."""
    con = con or warehouse.connection()
    sa, sb = _states(a, b)
    start, end = _window(con, start, end)
    # issue as an ENUM: pandas gets a categorical, not a million strings (half the fetch); codes outside
    # TOPICS become NULL, and topic_divergence reads only TOPICS anyway
    issues = ", ".join(f"'{code}'" for code in TOPICS)
    lineage = _lineage(sa.ccode, sb.ccode, codes_a, codes_b)
    if not lineage:
        votes = con.execute(
            f"SELECT v.rcid, v.ccode, v.vote, TRY_CAST(i.issue AS ENUM({issues})) AS issue FROM unga_votes v "
            "JOIN unga_rollcalls r USING (rcid) JOIN unga_rollcall_issues i USING (rcid) WHERE r.year BETWEEN ? AND ?",
            [start, end]).df()
    else:
        votes = _lineage_votes(con, issues, lineage, start, end)
    out = _tp.topic_divergence(votes, sa.ccode, sb.ccode, measure=measure, min_votes=min_votes)
    out.attrs = {"window": (start, end), "states": (sa.abb, sb.abb), "measure": measure,
                 "sources": [evidence(con, "unga_rollcalls", votes["rcid"].nunique(), "UN roll calls by issue")]}
    return out


def _lineage_votes(con: Connection, issues: str, lineage: Lineage, start: int, end: int) -> pd.DataFrame:
    """:func:`topics`' votes, read as it reads them in one pass, with each lineage code's votes of the years
    it carried its side as the side's (West Germany's of 1973–1989 as Germany's). Where two codes of a side
    could both vote on a roll call (a year of transition), the earlier code's vote is left out where the later
    one voted (none in the data today: West Germany's last votes are of 1989)."""
    keep, params = [], []
    for code, (_, spans) in lineage.items():
        keep.append("(v.ccode = ? AND (" + " OR ".join("r.year BETWEEN ? AND ?" for _ in spans) + "))")
        params += [code, *[y for lo, hi, _ in spans for y in (lo, hi)]]
    spans = [(code, main, lo, hi, order) for code, (main, found) in lineage.items() for lo, hi, order in found]
    later = sorted({(c, d) for c, m, lo, hi, o in spans for d, n, lo2, hi2, o2 in spans
                    if m == n and c != d and o < o2 and lo <= hi2 and lo2 <= hi})
    dropped = ["NOT (v.ccode = ? AND v.rcid IN (SELECT rcid FROM unga_votes WHERE ccode = ?))" for _ in later]
    relabel = " ".join("WHEN v.ccode = ? THEN ?" for c, (m, _) in lineage.items() if c != m)
    relabel_params = [x for c, (m, _) in lineage.items() if c != m for x in (c, m)]
    codes = ", ".join("?" for _ in lineage)
    where = " AND ".join([f"(v.ccode NOT IN ({codes}) OR {' OR '.join(keep)})", *dropped])
    return con.execute(
        f"SELECT v.rcid, CASE {relabel} ELSE v.ccode END AS ccode, v.vote, "
        f"TRY_CAST(i.issue AS ENUM({issues})) AS issue FROM unga_votes v "
        f"JOIN unga_rollcalls r USING (rcid) JOIN unga_rollcall_issues i USING (rcid) "
        f"WHERE r.year BETWEEN ? AND ? AND {where}",
        [*relabel_params, start, end, *lineage, *params, *[x for pair in later for x in pair]]).df()


def limits(a, b, *, start=None, end=None, n: int = 10, table: pd.DataFrame | None = None, con: Connection | None = None,
           codes_a=None, codes_b=None, **options) -> dict:
    """Where ``a`` and ``b`` part: a dict of three frames and the provenance.

    - ``third_states``: the ``n`` third states with the highest ``divergence`` (one side above its
      baseline, the other below), whatever their class;
    - ``unshared``: third states where a rivalry or dispute, or a defence pact, holds for one side only;
    - ``topics``: :func:`topics`, the issues where the pair is least close compared with each side's
      other ties first.

    Pass ``table`` (a :func:`third_parties` result for the same pair and window) to avoid recomputing;
    ``codes_a``, ``codes_b``: the sides' lineages, as for :func:`read` (``table`` should read them too).
    ``options`` go to :func:`third_parties` (measure, threshold, weight, min_votes).
    """
    con = con or warehouse.connection()
    if table is None:
        table = third_parties(a, b, start=start, end=end, con=con, **options)
    start, end = table.attrs.get("window", _window(con, start, end))
    labels = table.attrs.get("states") or (countries.resolve(a).abb, countries.resolve(b).abb)
    divergent = table[table["divergence"] > 0].sort_values(["divergence", "ccode"], ascending=[False, True],
                                                           kind="stable").head(n).reset_index(drop=True)
    unshared = _tp.unshared_evidence(table, labels)
    unshared = unshared.merge(table[["ccode", "abb", "name"]], on="ccode", how="left")
    unshared = unshared[["ccode", "abb", "name", *[c for c in unshared.columns if c not in ("ccode", "abb", "name")]]]
    topic = topics(a, b, start=start, end=end, con=con, codes_a=codes_a, codes_b=codes_b)
    return {"window": (start, end), "third_states": divergent, "unshared": unshared, "topics": topic,
            "sources": table.attrs.get("sources", []) + topic.attrs.get("sources", [])}
