"""Diplomatic alignment from UN General Assembly roll calls: pairs, partners, averages and splits.

Every function returns a pandas DataFrame. States may be given as anything :func:`entente.countries.resolve`
understands ("Iran", "IRN", 630). Years are session-years (``session + 1945``, as in Voeten's data) unless
``calendar=True``. Measures and their formulas: :mod:`entente.measures.similarity`.

The default variant (all roll calls, session-years, both-abstain counts as agreement) is read from the
warehouse table ``m_unga_alignment_dyad_year``; other variants are computed on request from ``unga_votes``.
"""

from __future__ import annotations

import pandas as pd

from entente import countries, warehouse
from entente.errors import BadInput, NoEvidence
from entente.measures.similarity import MEASURES, directed, dyad_similarity
from entente.measures.topics import TOPICS
from entente.store import Connection

ISSUES = TOPICS


def _years_clause(column: str, start: int | None, end: int | None) -> tuple[str, list]:
    for value in (start, end):
        if value is not None and not (1816 <= int(value) <= 2100):
            raise BadInput(f"Year {value} is out of range; give a year from 1816 (UN General Assembly votes run "
                           "from 1946).")
    if start is not None and end is not None and start > end:
        raise BadInput(f"--from {start} is after --to {end}.")
    clauses, params = [], []
    if start is not None:
        clauses.append(f"{column} >= ?")
        params.append(int(start))
    if end is not None:
        clauses.append(f"{column} <= ?")
        params.append(int(end))
    return (" AND ".join(clauses) or "TRUE"), params


def _check_issue(issue: str | None) -> None:
    if issue is not None and issue not in ISSUES:
        raise BadInput(f"Unknown issue {issue!r}; use one of: "
                       + ", ".join(f"{code} ({label})" for code, label in ISSUES.items()) + ".")


def votes(ccodes=None, *, start=None, end=None, issue=None, calendar=False, issues=False,
          con: Connection | None = None) -> pd.DataFrame:
    """UNGA votes (rcid, ccode, vote, year) for the given states (all if None), on one ``issue`` if given;
    with ``issues``, one row per vote and issue of its roll call, with an ``issue`` column."""
    _check_issue(issue)
    con = con or warehouse.connection()
    year = "r.calendar_year" if calendar else "r.year"
    where, params = _years_clause(year, start, end)
    if ccodes is not None:
        codes = [int(c) for c in ccodes]
        where += f" AND v.ccode IN ({', '.join('?' * len(codes))})"
        params += codes
    join = ""
    if issue is not None or issues:
        join = "JOIN unga_rollcall_issues i USING (rcid)"
    if issue is not None:
        where += " AND i.issue = ?"
        params.append(issue)
    return con.execute(
        f"SELECT v.rcid, v.ccode, v.vote, {year} AS year{', i.issue' if issues else ''} FROM unga_votes v "
        f"JOIN unga_rollcalls r USING (rcid) {join} WHERE {where}", params
    ).df()


def alignment(a, b, *, start=None, end=None, issue=None, calendar=False, both_abstain="agree",
              con: Connection | None = None) -> pd.DataFrame:
    """Alignment of two states per year: n_votes, agree, s_abs, s_sq, kappa, pi (``ccode1`` is ``a``).

    Raises :class:`~entente.errors.NoEvidence` if the two never voted on the same roll call in range.
    """
    sa, sb = countries.resolve(a), countries.resolve(b)
    if sa.ccode == sb.ccode:
        raise BadInput(f"Both states are {sa.label}; alignment needs two different states.")
    con = con or warehouse.connection()
    lo, hi = sorted((sa.ccode, sb.ccode))
    if issue is None and not calendar and both_abstain == "agree":
        where, params = _years_clause("year", start, end)
        frame = con.execute(
            f"SELECT * FROM m_unga_alignment_dyad_year WHERE ccode1 = ? AND ccode2 = ? AND {where} ORDER BY year",
            [lo, hi, *params]).df()
    else:
        pair_votes = votes([lo, hi], start=start, end=end, issue=issue, calendar=calendar, con=con)
        frame = dyad_similarity(pair_votes, ["year"], both_abstain=both_abstain).sort_values("year")
    if frame.empty:
        raise NoEvidence(_no_votes_message(sa, sb, start, end, issue, con))
    frame = frame.assign(ccode1=sa.ccode, ccode2=sb.ccode)
    frame.insert(3, "state1", sa.abb)
    frame.insert(4, "state2", sb.abb)
    if issue is not None:
        frame.insert(1, "issue", issue)
    return frame.reset_index(drop=True)


def _no_votes_message(sa, sb, start, end, issue, con: Connection) -> str:
    spans = un_years([sa.ccode, sb.ccode], con=con)
    parts = []
    for state in (sa, sb):
        if state.ccode not in spans.index:
            parts.append(f"{state.label} never voted in the UN General Assembly in these data")
        else:
            first, last = spans.loc[state.ccode, ["first", "last"]]
            parts.append(f"{state.label} voted in {first}–{last}")
    scope = f" on issue '{issue}'" if issue else ""
    years = f" in {start or 1946}–{end or 'latest'}"
    return f"No UN General Assembly roll call{scope} on which both voted{years}: " + "; ".join(parts) + "."


def un_years(ccodes=None, *, con: Connection | None = None) -> pd.DataFrame:
    """First and last session-year in which each state cast a UNGA vote, and every such year (index ccode;
    ``years`` is a sorted list: Yugoslavia voted in 1991–1992 and again from 2000, after Res. 47/1); with
    ``ccodes`` (COW codes), those states only (a pair's two lineages read a few thousand votes, not a million)."""
    con = con or warehouse.connection()
    where, params = "TRUE", []
    if ccodes is not None:
        params = [int(c) for c in ccodes]
        where = f"v.ccode IN ({', '.join('?' * len(params))})" if params else "FALSE"
    return con.execute(
        "SELECT v.ccode, min(r.year) AS first, max(r.year) AS last, list(DISTINCT r.year ORDER BY r.year) AS years "
        f"FROM unga_votes v JOIN unga_rollcalls r USING (rcid) WHERE {where} GROUP BY v.ccode ORDER BY v.ccode", params
    ).df().set_index("ccode")


def all_pairs(*, start=None, end=None, issue=None, calendar=False, both_abstain="agree",
              con: Connection | None = None) -> pd.DataFrame:
    """Every non-directed pair (``ccode1 < ccode2``) in every year: the full dyad-year table."""
    con = con or warehouse.connection()
    if issue is None and not calendar and both_abstain == "agree":
        where, params = _years_clause("year", start, end)
        return con.execute(f"SELECT * FROM m_unga_alignment_dyad_year WHERE {where} ORDER BY year, ccode1, ccode2",
                           params).df()
    return dyad_similarity(votes(start=start, end=end, issue=issue, calendar=calendar, con=con), ["year"],
                           both_abstain=both_abstain)


def partners(state, year: int, *, measure: str = "agree", issue=None, con: Connection | None = None) -> pd.DataFrame:
    """All of ``state``'s partners in ``year``, most aligned first, with ``rank`` (1 = closest)."""
    if measure not in MEASURES:
        raise BadInput(f"Unknown measure {measure!r}; use one of {', '.join(MEASURES)}.")
    s = countries.resolve(state)
    con = con or warehouse.connection()
    if issue is None:
        pairs = con.execute(
            "SELECT * FROM m_unga_alignment_dyad_year WHERE year = ? AND (ccode1 = ? OR ccode2 = ?)",
            [int(year), s.ccode, s.ccode]).df()
    else:
        pairs = dyad_similarity(votes(start=year, end=year, issue=issue, con=con), ["year"])
    mine = directed(pairs)
    mine = mine[mine["ccode1"] == s.ccode]
    if mine.empty:
        raise NoEvidence(f"{s.label} cast no UN General Assembly vote in {year}"
                         + (f" on issue '{issue}'" if issue else "") + ". Try another year.")
    mine = mine.sort_values([measure, "n_votes"], ascending=[False, False], kind="stable").reset_index(drop=True)
    mine.insert(0, "rank", range(1, len(mine) + 1))
    mine.insert(4, "partner", [countries.name(c) for c in mine["ccode2"]])
    return mine


def state_average(state, *, start=None, end=None, con: Connection | None = None) -> pd.DataFrame:
    """Per year, a state's mean of each measure over all its partners (unweighted), and how many."""
    s = countries.resolve(state)
    con = con or warehouse.connection()
    where, params = _years_clause("year", start, end)
    means = ", ".join(f"avg({m}) AS {m}" for m in MEASURES)
    return con.execute(
        f"SELECT year, count(*) AS partners, {means} FROM m_unga_alignment_dyad_year "
        f"WHERE (ccode1 = ? OR ccode2 = ?) AND {where} GROUP BY year ORDER BY year",
        [s.ccode, s.ccode, *params]).df()


def state_averages(*, con: Connection | None = None) -> pd.DataFrame:
    """:func:`state_average` of every state in one pass: ``ccode``, year, partners and each measure's mean
    (one read of the dyad-year table costs about two single-state reads; a fact-check of many states
    reads it once)."""
    con = con or warehouse.connection()
    means = ", ".join(f"avg({m}) AS {m}" for m in MEASURES)
    columns = ", ".join(MEASURES)
    return con.execute(
        f"SELECT ccode, year, count(*) AS partners, {means} FROM ("
        f"SELECT ccode1 AS ccode, year, {columns} FROM m_unga_alignment_dyad_year UNION ALL "
        f"SELECT ccode2 AS ccode, year, {columns} FROM m_unga_alignment_dyad_year) GROUP BY ccode, year "
        "ORDER BY ccode, year").df()


def ranks(a, b, *, start=None, end=None, measure: str = "agree", con: Connection | None = None) -> pd.DataFrame:
    """Per year, where ``b`` ranks among ``a``'s partners and ``a`` among ``b``'s (1 = most aligned)."""
    if measure not in MEASURES:
        raise BadInput(f"Unknown measure {measure!r}; use one of {', '.join(MEASURES)}.")
    sa, sb = countries.resolve(a), countries.resolve(b)
    con = con or warehouse.connection()
    where, params = _years_clause("year", start, end)
    sql = f"""
        WITH d AS (
            SELECT year, ccode1 AS s, ccode2 AS t, {measure} AS m FROM m_unga_alignment_dyad_year WHERE {where}
            UNION ALL
            SELECT year, ccode2, ccode1, {measure} FROM m_unga_alignment_dyad_year WHERE {where}),
        r AS (SELECT year, s, t, rank() OVER (PARTITION BY year, s ORDER BY m DESC) AS rnk,
                     count(*) OVER (PARTITION BY year, s) AS n FROM d WHERE s IN (?, ?))
        SELECT a.year, a.rnk AS rank_b_among_a, a.n AS partners_a, b.rnk AS rank_a_among_b, b.n AS partners_b
        FROM r a JOIN r b ON a.year = b.year AND a.s = ? AND a.t = ? AND b.s = ? AND b.t = ?
        ORDER BY a.year"""
    return con.execute(sql, [*params, *params, sa.ccode, sb.ccode, sa.ccode, sb.ccode, sb.ccode, sa.ccode]).df()


VOTE_NAMES = {1: "yes", 2: "abstain", 3: "no"}


def splits(a, b, *, start=None, end=None, calendar=False, opposed_only=False,
           con: Connection | None = None) -> pd.DataFrame:
    """Roll calls on which ``a`` and ``b`` voted differently, newest first.

    ``kind`` is ``opposed`` (one yes, the other no) or ``abstain`` (one abstained). Columns: year, date,
    symbol, title, vote_a, vote_b, kind, source, rcid.
    """
    sa, sb = countries.resolve(a), countries.resolve(b)
    con = con or warehouse.connection()
    year = "r.calendar_year" if calendar else "r.year"
    where, params = _years_clause(year, start, end)
    frame = con.execute(
        f"""SELECT {year} AS year, r.date, r.symbol, r.title, va.vote AS vote_a, vb.vote AS vote_b,
                   r.source, r.rcid
            FROM unga_votes va JOIN unga_votes vb ON va.rcid = vb.rcid AND va.ccode = ? AND vb.ccode = ?
            JOIN unga_rollcalls r ON r.rcid = va.rcid
            WHERE va.vote <> vb.vote AND {where} ORDER BY r.date DESC, r.rcid DESC""",
        [sa.ccode, sb.ccode, *params]).df()
    frame["kind"] = ["opposed" if {x, y} == {1, 3} else "abstain" for x, y in zip(frame.vote_a, frame.vote_b)]
    if opposed_only:
        frame = frame[frame["kind"] == "opposed"]
    frame["vote_a"] = frame["vote_a"].map(VOTE_NAMES)
    frame["vote_b"] = frame["vote_b"].map(VOTE_NAMES)
    return frame[["year", "date", "symbol", "title", "vote_a", "vote_b", "kind", "source", "rcid"]].reset_index(drop=True)
