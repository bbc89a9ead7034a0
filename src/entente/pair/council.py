"""Security Council vetoes and economic sanctions for one pair, read from the warehouse.

Thin over :mod:`entente.measures.vetoes` and :mod:`entente.measures.sanctions` (coding, matching and
references are documented there):

- :func:`vetoes` — each side's vetoes, the vetoes of each that bear on the other (the other named in
  the topic or agenda item, or a joint veto), the joint vetoes and each side's vetoes by topic, from
  ``unsc_vetoes`` (1946 – July 2022).
- :func:`sanctions` — TIES cases between the two (1945–2005) and TIES cases against either by the
  other's adversaries; the same from the GSDB (1949–2022) when the user has loaded it. Without the
  GSDB the result simply has no ``gsdb_*`` frames, and ``coverage`` says why.

States are anything :func:`entente.countries.resolve` understands. Adversaries default to the
Thompson–Dreyer strategic rivals of each side (``td_rivalries``), year by year; pass codes or names
(and ``"EU"``) to use a fixed set instead.
"""

from __future__ import annotations

import functools
import numbers
from collections.abc import Iterable

import pandas as pd

from entente import countries, warehouse
from entente.measures import sanctions as _s
from entente.measures import vetoes as _v
from entente.pair.evidence import coverage
from entente.sources import gsdb
from entente.store import Connection
from entente.warehouse import has_table

__all__ = ["gazetteer", "sanctions", "veto_table", "vetoes"]

EU_NAMES = frozenset({"eu", "european union", "ec", "eec", "european community", "european communities"})


@functools.cache
def gazetteer() -> dict:
    """Folded name → COW code (or a function of the year, or None) for :func:`measures.vetoes.named_states`.

    Every name :mod:`entente.countries` resolves, plus :data:`measures.vetoes.ADJECTIVES`, with the
    region phrases of :data:`measures.vetoes.NOT_STATES` mapped to None. Names whose state depends
    on the year ("Korea", "Yemen", "Germany") resolve with the veto's year; so do the names of
    :data:`measures.vetoes.HISTORICAL_NAMES` ("Viet-Nam" in 1957 is the Republic of Viet-Nam) and
    those of :data:`measures.vetoes.FEDERAL_REPUBLICS`, which name no state before the year the
    state entered the COW system ("Ukrainian" in 1946 is the Ukrainian SSR, not Ukraine).
    """
    out: dict = {}
    for key, target in countries._registry().names.items():  # noqa: SLF001  (the names countries resolves)
        if isinstance(target, int) and target in _v.FEDERAL_REPUBLICS:
            out[key] = _v.period_target([(countries.MIN_YEAR, _entered(target) - 1, None)], target)
        else:
            out[key] = target if isinstance(target, int) else functools.partial(_by_year, key)
    for adjective, name in _v.ADJECTIVES.items():
        out[_v.fold(adjective)] = out[_v.fold(name)]
    for name, spans in _v.HISTORICAL_NAMES.items():
        out[_v.fold(name)] = _v.period_target(spans, out.get(_v.fold(name)))
    out.update({_v.fold(phrase): None for phrase in _v.NOT_STATES})
    return out


def _entered(ccode: int) -> int:
    """The year ``ccode`` last entered the COW state system (Ukraine: 1991; Montenegro: 2006)."""
    return countries.membership(ccode)[-1][0].year


def _by_year(name: str, year: int | None) -> int:
    return countries.resolve(name, year=year).ccode


def _code(state) -> int:
    return countries.resolve(state).ccode


def _window(window) -> tuple[int | None, int | None]:
    """``(start, end)`` inclusive years, either None for open; None for no window."""
    if window is None:
        return None, None
    start, end = window
    return (None if start is None else int(start)), (None if end is None else int(end))


def _within(years: pd.Series, window) -> pd.Series:
    start, end = _window(window)
    return (years >= (start if start is not None else -9999)) & (years <= (end if end is not None else 9999))


def _overlapping(frame: pd.DataFrame, window, first: str, last: str) -> pd.DataFrame:
    """Rows of a case table whose known years overlap ``window``: ``first`` to ``last``, or, without
    ``last``, to ``ongoing_as_of`` (the last year TIES saw the case open), or ``first`` alone."""
    start, end = _window(window)
    until = frame[last]
    if "ongoing_as_of" in frame.columns:
        until = until.fillna(frame["ongoing_as_of"])
    until = until.fillna(frame[first])
    keep = pd.Series(True, index=frame.index)
    if end is not None:
        keep &= frame[first].astype(int) <= end
    if start is not None:
        keep &= until.astype(int) >= start
    return frame.loc[keep].reset_index(drop=True)


def veto_table(con: Connection, window=None) -> pd.DataFrame:
    """``unsc_vetoes`` in ``window`` (inclusive years) with :func:`measures.vetoes.correct_topics` applied."""
    frame = con.execute("SELECT * FROM unsc_vetoes ORDER BY date").df()
    return _v.correct_topics(frame.loc[_within(frame["year"], window)].reset_index(drop=True))


def vetoes(a, b, *, causes: Iterable | None = None, window=None,
           con: Connection | None = None) -> dict[str, pd.DataFrame]:
    """Security Council vetoes of, between and on ``a`` and ``b``.

    Keys: ``by_a``/``by_b`` (each side's vetoes, with ``other_joined``; empty for a state without a
    permanent seat), ``a_on_b``/``b_on_a`` (vetoes bearing on the other, with the ``basis``: topic,
    agenda, joint or cause), ``joint`` (drafts both vetoed), ``topics`` (vetoes per crisis topic,
    ``vetoer`` = the side's COW code), ``on_pair`` (vetoes *by anyone* on drafts that concern the
    pair, :func:`entente.measures.vetoes.vetoes_on_pair`, with ``vetoed_by_name``: the vetoing
    states by their names that year, "Soviet Union" before 1992). ``causes``: third states whose
    mention also counts (e.g. ``["Syria"]`` for Iran and Russia); see
    :func:`entente.measures.vetoes.vetoes_bearing_on`. ``window``: ``(start, end)`` inclusive
    years (either None for open): only vetoes cast in those years. Crisis topics are read through
    :data:`entente.measures.vetoes.TOPIC_CORRECTIONS`.
    """
    con = con or warehouse.connection()
    ca, cb = _code(a), _code(b)
    causes = [_code(c) for c in causes or ()]
    frame = veto_table(con, window)
    names = gazetteer()
    members = _v.member_vetoes(frame)   # read once: each side's vetoes, and those on the pair, stand on it
    by_a, by_b = _v.vetoes_by(frame, ca, other=cb, members=members), _v.vetoes_by(frame, cb, other=ca, members=members)
    topics = pd.concat([_v.veto_topics(by_a).assign(vetoer=ca), _v.veto_topics(by_b).assign(vetoer=cb)],
                       ignore_index=True)
    on_pair = _v.vetoes_on_pair(frame, ca, cb, names, members=members)
    on_pair.insert(on_pair.columns.get_loc("vetoers") + 1, "vetoed_by_name", [
        ", ".join(countries.name(int(c), int(y)) for c in codes.split(", ")) for codes, y in
        zip(on_pair["vetoers"], on_pair["year"])])
    return {
        "by_a": by_a, "by_b": by_b,
        "a_on_b": _v.vetoes_bearing_on(frame, ca, cb, names, causes=causes, by=by_a),
        "b_on_a": _v.vetoes_bearing_on(frame, cb, ca, names, causes=causes, by=by_b),
        "joint": _v.joint_vetoes(frame, ca, cb, by=by_a),
        "topics": topics[["vetoer", "crisis_topic", "vetoes", "first_year", "last_year"]],
        "on_pair": on_pair,
    }


def _adversary_codes(adversaries: Iterable) -> list:
    """Codes for a fixed set of adversaries; ``"EU"`` (or "European Union", "EC", "EEC") stays "EU"."""
    out = []
    for item in adversaries:
        if isinstance(item, str) and item.strip().casefold() in EU_NAMES:
            out.append("EU")
        else:
            out.append(int(item) if isinstance(item, numbers.Integral) else _code(item))
    return list(dict.fromkeys(out))


def _adversaries(con: Connection, ca: int, cb: int, adversaries) -> pd.DataFrame:
    """The adversary spells used: of, ccode, start, end (None = open), source."""
    if adversaries is not None:
        spells = _s.adversary_spells(_adversary_codes(adversaries), ca, cb)
        return spells.assign(source="given")
    if not has_table(con, "td_rivalries"):
        return pd.DataFrame(columns=["of", "ccode", "start", "end", "source"])
    rivals = con.execute("SELECT * FROM td_rivalries").df()
    return _s.rival_spells(rivals, ca, cb).assign(source="td_rivalries")


def sanctions(a, b, *, adversaries: Iterable | None = None, window=None,
              con: Connection | None = None) -> dict[str, pd.DataFrame]:
    """Sanction episodes between ``a`` and ``b``, and against either by the other's adversaries.

    Keys: ``ties_between`` (TIES cases either way, ``direction`` a_to_b/b_to_a), ``ties_by_adversaries``
    (TIES cases targeting one side with an adversary of the other among the senders), ``adversaries``
    (the adversary spells used: ``of`` whose adversary, ``ccode``, ``start``, ``end``, ``source``),
    ``coverage`` (dataset, table, present, first_year, last_year, note) and, when the user has loaded
    the GSDB, ``gsdb_between`` and ``gsdb_by_adversaries``.

    ``adversaries``: None for each side's Thompson–Dreyer rivals in the years of the rivalry (a spell
    ending in 2010, the data's last year, is taken as ongoing), or states (names or COW codes, and
    ``"EU"``) counted as adversaries of both sides in every year. ``window``: ``(start, end)``
    inclusive years (either None for open): only cases whose known years overlap it (to the end
    year; without one, to the last year TIES saw the case ongoing, or the start year alone).
    """
    con = con or warehouse.connection()
    ca, cb = _code(a), _code(b)
    spells = _adversaries(con, ca, cb, adversaries)
    # only cases against one of the two can be between them or by the other's adversaries (both measures
    # filter so themselves), and only the columns the measures read: turning all 66 columns of all 1,412
    # cases into a frame cost more than the matching
    ties = con.execute(f"SELECT {', '.join(_s.TIES_COLUMNS)} FROM ties_cases WHERE targetstate IN (?, ?)",
                       [ca, cb]).df()
    out = {
        "ties_between": _s.sanction_cases(ties, ca, cb),
        "ties_by_adversaries": _s.sanctions_by_adversaries(ties, ca, cb, spells),
        "adversaries": spells,
    }
    first, last = coverage(con, "ties_cases", "startyear")
    rows = [{"dataset": "ties", "table": "ties_cases", "present": True, "first_year": first, "last_year": last,
             "note": "cases starting 1945–2005"}]
    if has_table(con, "gsdb_cases") and has_table(con, "gsdb_case_dyads"):
        cases = con.execute("SELECT * FROM gsdb_cases").df()
        dyads = con.execute("SELECT * FROM gsdb_case_dyads WHERE sanctioned_ccode IN (?, ?) "
                            "OR sanctioning_ccode IN (?, ?)", [ca, cb, ca, cb]).df()
        out["gsdb_between"] = _s.gsdb_sanction_cases(dyads, cases, ca, cb)
        out["gsdb_by_adversaries"] = _s.gsdb_sanctions_by_adversaries(dyads, cases, ca, cb, spells)
        first, last = coverage(con, "gsdb_cases", "begin")
        rows.append({"dataset": "gsdb", "table": "gsdb_cases", "present": True, "first_year": first,
                     "last_year": last, "note": "cases in force are coded as ending in the release's last year"})
    else:
        rows.append({"dataset": "gsdb", "table": "gsdb_cases", "present": False, "first_year": None,
                     "last_year": None, "note": gsdb.where_to_get()})
    out["coverage"] = pd.DataFrame(rows)
    if window is not None:
        for key, (first, last) in (("ties_between", ("start", "end")), ("ties_by_adversaries", ("start", "end")),
                                   ("gsdb_between", ("begin", "end")), ("gsdb_by_adversaries", ("begin", "end"))):
            if key in out:
                out[key] = _overlapping(out[key], window, first, last)
    return out
