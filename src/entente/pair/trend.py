"""Trend of one pair: change points in each series, the last decade's direction, a composite index.

Reads the pair's yearly series through :mod:`entente.pair.alignment` and :mod:`entente.pair.evidence` and hands them
to the pure functions of :mod:`entente.measures.trend`, where the methods, penalty rule, default
weights and their reasons are documented. The series (components of the index):

- ``unga``: Cohen's κ of the two states' UN General Assembly votes per session-year (or another
  measure of :func:`entente.pair.alignment.alignment` with ``unga_measure``); years with fewer than
  ``min_votes`` shared roll calls are left out (1964 had a single roll call);
- ``alliance``: the highest ATOP obligation either holds towards the other, valued 0 none,
  1 consultation, 2 neutrality / non-aggression, 3 defence / offence (Signorino & Ritter 1999);
- ``disputes``: the highest hostility level (1–5) of a GML militarized dispute between them that was
  under way in the year, 0 if none (it counts against closeness in the index);
- ``trade``: the weak link of trade dependence, min(a's share, b's share) (COW Trade);
- ``arms``: SIPRI TIV delivered both ways, only when the SIPRI register has been supplied.

Each series runs over the years its dataset covers (from the data) in which both states were members
of the state system, so "no alliance" inside ATOP's coverage is 0 and a year beyond it is missing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from entente import countries, warehouse
from entente.errors import BadInput, NoEvidence
from entente.measures import arms as _arms
from entente.measures import trend as _trend
from entente.measures.similarity import MEASURES
from entente.pair import alignment as _alignment
from entente.pair import evidence as pair
from entente.store import Connection
from entente.warehouse import has_table

MIN_VOTES = 10


def _member_years(ccode: int, last: int) -> set[int]:
    """Years in which ``ccode`` was a member of the COW state system on at least one day."""
    years: set[int] = set()
    for first, end in countries.membership(ccode):
        years.update(range(first.year, (end.year if end else last) + 1))
    return years


def _frame_years(con: Connection, table: str, column: str, both: set[int], start, end) -> list[int]:
    first, last = pair.coverage(con, table, column)
    lo, hi = max(first, start or first), min(last, end or last)
    return [y for y in range(lo, hi + 1) if y in both]


def _unga(sa, sb, measure, min_votes, start, end, con: Connection) -> pd.Series:
    try:
        frame = _alignment.alignment(sa.ccode, sb.ccode, start=start, end=end, con=con)
    except NoEvidence:
        return pd.Series(dtype=float, name="unga")
    frame = frame[frame["n_votes"] >= min_votes]
    return pd.Series(frame[measure].to_numpy(dtype=float), index=frame["year"].astype(int), name="unga")


def _raise(level: np.ndarray, years: pd.Index, start, end, value) -> None:
    """Raise ``level`` (by ``years``) to at least ``value`` in the years ``start``–``end``, in place: what
    ``clip(lower=value)`` does over the span (a NaN value leaves it as it is), on the array, without the
    pandas masked assignment, which cost about half a millisecond a row."""
    span = (years >= start) & (years <= end)
    level[span] = np.fmax(level[span], value)


def _alliance(sa, sb, years, con: Connection, read=pair) -> pd.Series:
    index, level = pd.Index(years, name="year"), np.zeros(len(years))
    for x, y in ((sa, sb), (sb, sa)):
        for row in read.alliances(x.ccode, y.ccode, dataset="atop", con=con).itertuples():
            _raise(level, index, row.start, row.end, _trend.ALLIANCE_LEVELS[row.obligation])
    return pd.Series(level, index=index, name="alliance")


def _disputes(sa, sb, years, con: Connection, read=pair) -> pd.Series:
    index, level = pd.Index(years, name="year"), np.zeros(len(years))
    for row in read.disputes(sa.ccode, sb.ccode, con=con).itertuples():
        if pd.notna(row.hostility):
            _raise(level, index, row.start, row.end, float(row.hostility))
    return pd.Series(level, index=index, name="disputes")


def _trade(sa, sb, both, start, end, con: Connection, read=pair) -> pd.Series:
    frame = read.trade(sa.ccode, sb.ccode, con=con)
    frame = frame[frame["year"].isin(both) & frame["year"].between(start or 0, end or 9999)]
    weak = frame[["a_share", "b_share"]].min(axis=1, skipna=False)
    return pd.Series(weak.where(weak >= 0).to_numpy(dtype=float), index=frame["year"].astype(int), name="trade")


def _arms_tiv(sa, sb, years, con: Connection) -> pd.Series:
    by_year = _arms.tiv_by_year(pair.arms_register(sa.ccode, sb.ccode, con=con), sa.ccode, sb.ccode)
    total = (by_year["a_to_b"] + by_year["b_to_a"]).set_axis(by_year["year"].astype(int))
    return total.reindex(years, fill_value=0.0).rename("arms").rename_axis("year").astype(float)


def series(a, b, *, start=None, end=None, unga_measure: str = "kappa", min_votes: int = MIN_VOTES,
           con: Connection | None = None, read=pair) -> tuple[pd.DataFrame, dict]:
    """The pair's component series by year (columns unga, alliance, disputes, trade[, arms]) and evidence.

    ``read``: what reads the pair's alliances, disputes and trade, :mod:`entente.pair.evidence` or an object
    with its ``alliances``, ``disputes`` and ``trade`` (a brief's, which reads each once for all sections)."""
    if unga_measure not in MEASURES:
        raise BadInput(f"Unknown UNGA measure {unga_measure!r}; use one of {', '.join(MEASURES)}.")
    for value in (start, end):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 1816 <= value <= 2100):
            raise BadInput(f"Year {value!r} is out of range; give a year such as 1991.")
    if start is not None and end is not None and start > end:
        raise BadInput(f"start {start} is after end {end}.")
    sa, sb = countries.resolve(a), countries.resolve(b)
    if sa.ccode == sb.ccode:
        raise BadInput(f"Both states are {sa.label}; a trend needs two different states.")
    con = con or warehouse.connection()
    both = _member_years(sa.ccode, 2100) & _member_years(sb.ccode, 2100)
    parts = [_unga(sa, sb, unga_measure, min_votes, start, end, con)]
    evidence = []
    if has_table(con, "atop_dyad_year"):
        parts.append(_alliance(sa, sb, _frame_years(con, "atop_dyad_year", "year", both, start, end), con, read))
        evidence.append(pair.evidence(con, "atop_dyad_year", len(parts[-1]), "alliance obligation level"))
    if has_table(con, "gml_mid_dir_dyad_year"):
        parts.append(_disputes(sa, sb, _frame_years(con, "gml_mid_dir_dyad_year", "year", both, start, end), con,
                               read))
        evidence.append(pair.evidence(con, "gml_mid_dir_dyad_year", len(parts[-1]), "dispute hostility by year"))
    if has_table(con, "cow_trade_dyad_year"):
        parts.append(_trade(sa, sb, both, start, end, con, read))
        evidence.append(pair.evidence(con, "cow_trade_dyad_year", len(parts[-1]), "trade dependence (weak link)"))
        if has_table(con, "imf_dots_dyad_year"):   # pair.trade() continues COW with IMF DOTS after its last year
            after = int((parts[-1].index > pair.coverage(con, "cow_trade_dyad_year")[1]).sum())
            evidence.append(pair.evidence(con, "imf_dots_dyad_year", after, "trade dependence after COW's last year"))
    if has_table(con, "sipri_transfers"):
        years = _frame_years(con, "sipri_transfers", "delivery_year", both, start, end)
        parts.append(_arms_tiv(sa, sb, years, con))
        evidence.append(pair.evidence(con, "sipri_transfers", len(parts[-1]), "TIV both ways",
                                      span=("delivery_year", "delivery_year")))
    evidence.insert(0, pair.evidence(con, "m_unga_alignment_dyad_year", len(parts[0]), f"UNGA {unga_measure}"))
    frame = pd.concat(parts, axis=1).sort_index()
    frame.index = frame.index.astype(int)
    frame.index.name = "year"
    return frame, {"states": (sa, sb), "evidence": evidence}


def trend(a, b, *, weights=None, start=None, end=None, unga_measure: str = "kappa", min_votes: int = MIN_VOTES,
          penalty: float | None = None, min_size: int = _trend.MIN_SIZE, con: Connection | None = None,
          read=pair) -> dict:
    """Change points, last-decade direction and the composite index for the pair ``a``–``b``.

    ``weights``: a string such as ``"unga=0.4,alliance=0.3,disputes=0.2,trade=0.1"`` or a mapping
    (default :data:`entente.measures.trend.DEFAULT_WEIGHTS`). ``penalty`` and ``min_size`` pass to
    :func:`entente.measures.trend.change_points`. ``read``: as for :func:`series`. Returns a dict with:

    - ``series``: DataFrame by year of the raw components;
    - ``change_points``: {series: [first year of each new segment]} for every component and ``index``;
    - ``segments``: {series: DataFrame(start, end, years, mean)} between those change points;
    - ``direction``: {series: last-decade slope, interval and verdict (:func:`decade_direction`)};
    - ``composite``: DataFrame by year: ``z_<component>``, ``index``, ``components``, ``weight_covered``
      (the datasets end in different years, so late years rest on fewer components, and a change point
      of ``index`` can mark a component leaving coverage: read it with ``weight_covered``);
    - ``weights``: the weights used, normalised to sum 1; ``coverage``: {series: [first, last]};
    - ``a``, ``b``, ``ccode1``, ``ccode2`` and ``evidence`` (dataset, version, rows for each series).
    """
    w = _trend.parse_weights(weights)
    frame, meta = series(a, b, start=start, end=end, unga_measure=unga_measure, min_votes=min_votes, con=con,
                         read=read)
    sa, sb = meta["states"]
    composite = _trend.composite_index(frame, w)
    named = {c: frame[c].dropna() for c in frame.columns}
    named["index"] = composite["index"].dropna()
    breaks = {k: _trend.change_points(s, penalty=penalty, min_size=min_size) for k, s in named.items()}
    total = sum(w.values())
    return {
        "a": sa.abb, "b": sb.abb, "ccode1": sa.ccode, "ccode2": sb.ccode,
        "series": frame,
        "change_points": breaks,
        "segments": {k: _trend.segments(s, breaks[k]) for k, s in named.items()},
        "direction": {k: _trend.decade_direction(s) for k, s in named.items()},
        "composite": composite,
        "weights": {c: v / total for c, v in w.items()},
        "coverage": {k: [int(s.index.min()), int(s.index.max())] if len(s) else None for k, s in named.items()},
        "evidence": meta["evidence"],
    }
