"""What the state page shows: one state's partners, allies, rivals and voting bloc, year by year.

- **Closest and furthest partners** per UN session-year over the window: the ``N_PARTNERS`` states with
  the highest and the lowest Cohen's κ with it in General Assembly roll calls (Häge 2011; the warehouse's
  ``m_unga_alignment_dyad_year``), among partners with at least ``MIN_VOTES`` shared votes.
- **Allies** in the chosen year: ATOP obligations in force (Leeds et al. 2002; ``atop_dyad_year``,
  directed: the state's own obligations towards the partner or the partner's towards it). ATOP ends in
  its last year; after it the page shows that year's obligations and says so.
- **Rivals** in the chosen year: strategic rivalries whose spell covers it, from Thompson & Dreyer (2012)
  and Thompson, Sakuwa & Suhas (2021); same rule for years after the data end.
- **Bloc history** over the window: :func:`entente.network.bloc_history` (Leiden blocs of the UNGA
  alignment graph, labels matched across years; they depend on the window's first year).
"""

from __future__ import annotations

import pandas as pd

from entente import countries, network
from entente.catalog import ATOP, TD_RIVALRIES, TSS_RIVALRIES, UNGA_ALIGNMENT
from entente.codings import ATOP_OBLIGATIONS, ATOP_VALUES
from entente.errors import BadInput, NoEvidence
from entente.store import Connection, one
from entente.web.versioned_cache import versioned

__all__ = ["MIN_VOTES", "N_PARTNERS", "allies", "bloc_history", "partners_by_year", "rivals", "un_span"]

N_PARTNERS = 3
MIN_VOTES = 10


def un_span(con: Connection) -> tuple[int, int]:
    """First and last session-year of the UNGA alignment table."""
    first, last = one(con, f"SELECT min(year), max(year) FROM {UNGA_ALIGNMENT}")
    return int(first), int(last)


def _name(ccode: int, year: int) -> str:
    return countries.name(int(ccode), int(year))


def _abb(ccode: int) -> str:
    return countries.resolve(int(ccode)).abb


@versioned(maxsize=128)
def partners_by_year(ccode: int, start: int, end: int, *, con: Connection) -> pd.DataFrame:
    """Rows year, side ("closest"/"furthest"), rank, ccode, abb, name, kappa, agree, n_votes.

    Ranks by κ (ties: more shared votes first, then lower ccode), ``N_PARTNERS`` a side per year.
    """
    rows = con.execute(
        f"SELECT year, CASE WHEN ccode1 = ? THEN ccode2 ELSE ccode1 END AS ccode, kappa, agree, n_votes "
        f"FROM {UNGA_ALIGNMENT} WHERE (ccode1 = ? OR ccode2 = ?) AND year BETWEEN ? AND ? AND n_votes >= ? "
        "AND kappa IS NOT NULL", [ccode, ccode, ccode, start, end, MIN_VOTES]).df()
    out = []
    for side, ascending in (("closest", False), ("furthest", True)):
        ranked = rows.sort_values(["year", "kappa", "n_votes", "ccode"], ascending=[True, ascending, False, True])
        top = ranked.groupby("year", sort=True).head(N_PARTNERS).copy()
        top.insert(1, "side", side)
        top.insert(2, "rank", top.groupby("year").cumcount() + 1)
        out.append(top)
    frame = pd.concat(out, ignore_index=True).sort_values(["year", "side", "rank"], ignore_index=True)
    frame.insert(4, "abb", [_abb(c) for c in frame["ccode"]])
    frame.insert(5, "name", [_name(c, y) for c, y in zip(frame["ccode"], frame["year"])])
    frame["ccode"] = frame["ccode"].astype(int)
    frame["year"] = frame["year"].astype(int)
    return frame[["year", "side", "rank", "ccode", "abb", "name", "kappa", "agree", "n_votes"]]


def _data_year(con: Connection, sql: str, year: int) -> tuple[int, int]:
    """(the year to read, the data's last year): ``year`` itself, or the data's last year when later."""
    last = int(one(con, sql)[0])
    return min(year, last), last


@versioned(maxsize=256)
def allies(ccode: int, year: int, *, con: Connection) -> pd.DataFrame:
    """ATOP obligations in force in ``year`` (or ATOP's last year): ccode, abb, name, obligations, year.

    Strongest first (defence and offence, then neutrality and non-aggression, then consultation: the
    Signorino–Ritter values of :data:`entente.codings.ATOP_VALUES`), then by COW code.

    ``obligations``: the labels of every ATOP obligation either side holds towards the other that year
    (defence, offence, neutrality, non-aggression, consultation), joined with ", ".
    """
    at, last = _data_year(con, f"SELECT max(year) FROM {ATOP}", year)
    columns = list(ATOP_OBLIGATIONS)
    rows = con.execute(
        "SELECT CASE WHEN ccode1 = ? THEN ccode2 ELSE ccode1 END AS ccode, "
        + ", ".join(f"max({c}) AS {c}" for c in columns)
        + f" FROM {ATOP} WHERE (ccode1 = ? OR ccode2 = ?) AND year = ? GROUP BY ALL ORDER BY ccode",
        [ccode, ccode, ccode, at]).df()
    flags = rows[columns].fillna(0).astype(int)
    rows["obligations"] = [", ".join(ATOP_OBLIGATIONS[c] for c in columns if r[c] == 1) for _, r in flags.iterrows()]
    rows["strength"] = [max((ATOP_VALUES[c] for c in columns if r[c] == 1), default=0) for _, r in flags.iterrows()]
    rows = rows[rows["obligations"] != ""].sort_values(["strength", "ccode"], ascending=[False, True])
    out = pd.DataFrame({"ccode": rows["ccode"].astype(int), "abb": [_abb(c) for c in rows["ccode"]],
                        "name": [_name(c, at) for c in rows["ccode"]], "obligations": rows["obligations"],
                        "year": at})
    out = out.reset_index(drop=True)
    out.attrs.update(year=at, last=last)
    return out


@versioned(maxsize=256)
def rivals(ccode: int, year: int, *, con: Connection) -> pd.DataFrame:
    """Strategic rivalries covering ``year`` (or the data's last year): ccode, abb, name, rivalry, dataset,
    first, last (the spell's years)."""
    spells = (f"SELECT 'Thompson & Dreyer' AS dataset, rivalryname AS rivalry, ccode1, ccode2, styear, endyear "
              f"FROM {TD_RIVALRIES} UNION ALL SELECT 'Thompson, Sakuwa & Suhas', rivalry, ccode1, ccode2, styear, "
              f"endyear FROM {TSS_RIVALRIES}")
    at, last = _data_year(con, f"SELECT max(endyear) FROM ({spells})", year)
    rows = con.execute(
        f"SELECT CASE WHEN ccode1 = ? THEN ccode2 ELSE ccode1 END AS ccode, rivalry, dataset, styear AS first, "
        f"endyear AS last FROM ({spells}) WHERE (ccode1 = ? OR ccode2 = ?) AND ? BETWEEN styear AND endyear "
        "ORDER BY ccode, dataset", [ccode, ccode, ccode, at]).df()
    rows.insert(1, "abb", [_abb(c) for c in rows["ccode"]])
    rows.insert(2, "name", [_name(c, at) for c in rows["ccode"]])
    rows["ccode"] = rows["ccode"].astype(int)
    rows.attrs.update(year=at, last=last)
    return rows


@versioned(maxsize=16)
def _history(start: int, end: int, *, con: Connection) -> pd.DataFrame:
    return network.bloc_history(None, start, end, con=con)


def bloc_history(ccode: int, start: int, end: int, *, con: Connection, version: str | None = None) -> pd.DataFrame:
    """One state's rows of :func:`entente.network.bloc_history` over ``start``–``end`` (all states' history
    is computed once per window and cached): year, bloc, label, bloc_size, core, strength, carried, anchor."""
    everyone = _history(start, end, con=con, version=version)
    mine = everyone[everyone["ccode"] == ccode]
    return mine[["year", "bloc", "label", "bloc_size", "core", "strength", "carried", "anchor"]].reset_index(drop=True)


def check_window(year: int, start: int, end: int, con: Connection) -> None:
    """BadInput unless ``year``, ``start`` and ``end`` are UN General Assembly years and ``start`` ≤ ``end``."""
    first, last = un_span(con)
    for label, value in (("year", year), ("from", start), ("to", end)):
        if not first <= value <= last:
            raise BadInput(f"{label}={value} is outside the UN General Assembly years {first}–{last}.")
    if start > end:
        raise BadInput(f"from={start} is after to={end}; give the earlier year first.")


def state_votes(ccode: int, start: int, end: int, con: Connection) -> None:
    """NoEvidence when the state cast no UNGA vote in the window (so the page says so instead of empty tables)."""
    n = int(one(con, f"SELECT count(*) FROM {UNGA_ALIGNMENT} WHERE (ccode1 = ? OR ccode2 = ?) AND year BETWEEN ? AND ?",
                [ccode, ccode, start, end])[0])
    if n == 0:
        first_last = one(con, f"SELECT min(year), max(year) FROM {UNGA_ALIGNMENT} WHERE ccode1 = ? OR ccode2 = ?",
                         [ccode, ccode])
        span = (f" It voted in {first_last[0]}–{first_last[1]}." if first_last and first_last[0] is not None
                else " It never voted in these data.")
        raise NoEvidence(f"{countries.label(ccode)} cast no UN General Assembly vote in {start}–{end}.{span}")
