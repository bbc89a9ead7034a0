"""Verdicts on claims, the evidence they rest on, and what the data can see.

Five verdicts (Jo et al. 2019 and the fact-checking literature, restated for what a warehouse can say):

- ``supported`` — the data show what the claim says, within the template's stated tolerance;
- ``contradicted`` — the data, over years they cover, show otherwise;
- ``partly supported`` — one part holds and another does not; the reason says which;
- ``not covered`` — the data cannot see it: the claim's years lie outside the dataset's coverage, or
  the dataset needed is not loaded. Never "false" for what the data cannot see;
- ``not checkable`` — an opinion, a prediction or a wish.

Each :class:`Verdict` carries its evidence rows (dataset, version, table, keys), the query that made
them, and a one-sentence reason in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from entente import catalog
from entente.factcheck.periods import Period, Quantity

SUPPORTED = "supported"
CONTRADICTED = "contradicted"
PARTLY = "partly supported"
NOT_COVERED = "not covered"
NOT_CHECKABLE = "not checkable"
VERDICTS = (SUPPORTED, CONTRADICTED, PARTLY, NOT_COVERED, NOT_CHECKABLE)


@dataclass
class Claim:
    """One checkable claim: the ``sentence``, the template ``kind``, the ``states`` (COW codes, in the
    roles the template reads), the ``period`` judged, the ``quantities`` said, whether ``negated``,
    and other ``params`` (obligation type, direction, tone, change; for trade ``measure="share"`` with
    ``flow``, ``rank``, ``within``; for arms ``weapons`` and ``direction``; for events ``what`` and
    ``change``; for a bloc the ``groups`` named, its states then being their members)."""

    sentence: str
    kind: str
    states: list[int]
    period: Period | None
    quantities: list[Quantity] = field(default_factory=list)
    negated: bool = False
    params: dict = field(default_factory=dict)
    sentence_index: int = 0
    checkable: bool = True
    mentions: list = field(default_factory=list)


@dataclass
class Verdict:
    """A claim's ``verdict`` (one of :data:`VERDICTS`), the ``reason`` in one sentence, the
    ``evidence`` rows behind it and the ``query`` that found them; ``value`` is the number the
    comparator used (a count, a share), for robustness and for readers."""

    verdict: str
    reason: str
    evidence: list[dict] = field(default_factory=list)
    query: str = ""
    value: float | None = None

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {self.verdict!r}; one of {VERDICTS}")


#: Reads shared by a claim and its robustness variants (cleared by :func:`forget` at the start of each
#: article): the variants differ in years and measure, not in the rows read.
_MEMO: dict = {}


def memo(con, key: tuple, read):
    """``read()`` once per connection and ``key`` while one article is checked."""
    full = (id(con), *key)
    if full not in _MEMO:
        _MEMO[full] = read()
    return _MEMO[full]


def forget() -> None:
    _MEMO.clear()


def table_coverage(con, table):
    """The coverage of ``table`` (:func:`entente.catalog.coverage`), read once per article."""
    return memo(con, ("coverage", str(table)), lambda: catalog.coverage(con, table))


def provenance(con, table: str) -> tuple[str, str]:
    """The dataset and version that filled ``table`` (from ``_provenance``)."""
    return memo(con, ("provenance", str(table)), lambda: _provenance(con, table))


def _provenance(con, table: str) -> tuple[str, str]:
    rows = con.execute("SELECT dataset, version FROM _provenance WHERE table_name = ?", [str(table)]).fetchall()
    return (rows[0][0], rows[0][1]) if rows else (catalog.table(table).dataset if str(table) in catalog.TABLES
                                                 else str(table), "")


def evidence(con, table, keys: list[dict] | None = None, *, note: str = "") -> dict:
    """One evidence entry: dataset, version, table, coverage and the keys of the rows used."""
    dataset, version = provenance(con, table)
    cov = table_coverage(con, table)
    return {"dataset": dataset, "version": version, "table": str(table), "coverage": list(cov) if cov else None,
            "keys": keys or [], "note": note}


def covered(con, table, start: int, end: int) -> tuple[int, int] | None:
    """The part of ``start``–``end`` that ``table`` covers (None when none, or the table is absent)."""
    cov = table_coverage(con, table)
    if cov is None:
        return None
    first, last = max(start, cov[0]), min(end, cov[1])
    return (first, last) if first <= last else None


def outside(con, table, start: int, end: int, what: str) -> Verdict | None:
    """A ``not covered`` verdict when ``table`` covers none of ``start``–``end``, else None."""
    cov = table_coverage(con, table)
    if cov is None:
        return Verdict(NOT_COVERED, f"The warehouse holds no {what} ({table}); load it to check this claim.",
                       [{"dataset": str(table), "version": "", "table": str(table), "coverage": None, "keys": [],
                         "note": "not loaded"}])
    if covered(con, table, start, end) is None:
        dataset, version = provenance(con, table)
        span = str(start) if start == end else f"{start}–{end}"
        fix = ("they begin later, so these years are not in them" if end < cov[0] else
               "a newer release would be needed to check this")
        return Verdict(NOT_COVERED, f"The {what} data ({dataset} {version}) cover {cov[0]}–{cov[1]}, not {span}; {fix}.",
                       [evidence(con, table)])
    return None


def coverage_note(con, table, start: int, end: int) -> str:
    """'' when ``table`` covers all of ``start``–``end``, else " (the data end in 2014)"-style words."""
    cov = table_coverage(con, table)
    if cov is None:
        return ""
    if end > cov[1]:
        return f" (the data end in {cov[1]}; later years are not seen)"
    if start < cov[0]:
        return f" (the data begin in {cov[0]})"
    return ""


def span(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}–{end}"


def plural(n: float, word: str, many: str | None = None) -> str:
    n = int(n)
    return f"{n} {word if n == 1 else (many or word + 's')}"
