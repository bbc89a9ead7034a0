"""What every section of a brief shares: the two sides, the window, the connection, and coverage records.

A section never decides its own years or names: it reads ``ctx.window`` and names states through
``ctx.name(side, year)``, so that a brief for 1946–1991 speaks of the Soviet Union and of nothing after
1991. Each section reports what its datasets cover with :meth:`Context.coverage`, and the brief's
coverage box is the union of those records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from entente import catalog, period
from entente.errors import NoEvidence
from entente.pair import evidence as pair
from entente.period import Side, Window, span
from entente.sources.vintage import vintage
from entente.store import one


@dataclass
class Context:
    """The pair (``a``, ``b``), the ``window`` and the warehouse connection ``con`` of one brief."""

    a: Side
    b: Side
    window: Window
    con: object
    records: list[dict] = field(default_factory=list)
    shared: dict = field(default_factory=dict, repr=False)

    def once(self, key, compute: Callable[[], object]):
        """``compute()``, run once per brief for ``key``: what two sections read alike is read once.
        Callers must not change what they get back."""
        if key not in self.shared:
            self.shared[key] = compute()
        return self.shared[key]

    @property
    def read(self) -> SharedReads:
        """The pair readers of :mod:`entente.pair.evidence` that several sections call alike, each read once."""
        return SharedReads(self)

    def name(self, side: Side, year: int | None = None, *, article: bool = True, capital: bool = False) -> str:
        """``side``'s name in ``year`` (default: the window's last year), "the" included where English
        needs it; ``capital`` for the start of a sentence."""
        text = side.name(self.window.last if year is None else int(year), article=article)
        return period.capital(text) if capital else text

    def names(self, year: int | None = None) -> tuple[str, str]:
        return self.name(self.a, year), self.name(self.b, year)

    def names_over(self, first: int, last: int) -> tuple[str, str]:
        """Both sides' names across ``first``–``last`` (clipped to the window), for a sentence about events of
        those years: "Greece and Turkey (the Ottoman Empire until 1922)", never Turkey alone for 1829."""
        lo, hi = max(int(first), self.window.first), min(int(last), self.window.last)
        if lo > hi:
            lo = hi = min(max(int(last), self.window.first), self.window.last)
        return self.a.name_over(lo, hi, article=True), self.b.name_over(lo, hi, article=True)

    def segments(self) -> list[tuple[int, int, int, int]]:
        """(code of a, code of b, first, last) for each stretch of the window in which the two sides
        were carried by one code each (one stretch unless a side has a lineage)."""
        out = []
        for ca, la, ha in self.a.codes:
            for cb, lb, hb in self.b.codes:
                lo, hi = max(la, lb, self.window.first), min(ha, hb, self.window.last)
                if lo <= hi and ca != cb:
                    out.append((ca, cb, lo, hi))
        return out

    def per_segment(self, fetch: Callable[[int, int, int, int], pd.DataFrame], *, year: str | None = "year",
                    prefer: str | None = None) -> pd.DataFrame:
        """``fetch(code_a, code_b, first, last)`` over every stretch, concatenated. With ``year`` the rows
        are kept to the stretch's years; a year two stretches share (1990 for Germany) keeps the row with
        the larger ``prefer`` column. NoEvidence from every stretch is raised again."""
        frames, errors = [], []
        for ca, cb, lo, hi in self.segments():
            try:
                frame = fetch(ca, cb, lo, hi)
            except NoEvidence as exc:
                errors.append(exc)
                continue
            if year is not None and len(frame):
                frame = frame[frame[year].between(lo, hi)]
            frames.append(frame)
        frames = [f for f in frames if len(f)]
        if not frames:
            if errors:
                raise errors[0]
            return pd.DataFrame()
        out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0].reset_index(drop=True)
        if year is not None and len(frames) > 1:
            if prefer is not None:
                out = out.sort_values(prefer, ascending=False, kind="stable")
            out = out.drop_duplicates(year).sort_values(year, kind="stable").reset_index(drop=True)
        return out

    def overlapping(self, frame: pd.DataFrame, start: str = "start", end: str = "end") -> pd.DataFrame:
        """Rows of a spell table that overlap the window."""
        if frame.empty:
            return frame
        return frame[(frame[start] <= self.window.last) & (frame[end] >= self.window.first)].reset_index(drop=True)

    def pair_rows(self, fetch: Callable[[int, int], pd.DataFrame], key: str) -> pd.DataFrame:
        """``fetch(code_a, code_b)`` for every code pair of the two sides' lineages, one row per ``key``."""
        frame = self.per_segment(lambda ca, cb, lo, hi: fetch(ca, cb), year=None)
        return frame.drop_duplicates(key).reset_index(drop=True) if len(frame) else frame

    def coverage(self, table, used_for: str, *, dataset_label: str | None = None) -> dict | None:
        """Record that this brief used ``table`` for ``used_for``; returns the record: the years the
        table covers, the part of the window it speaks for, and the parts it cannot see."""
        row = one(self.con, "SELECT dataset, version, first_year, last_year FROM _provenance WHERE table_name = ?",
                  [str(table)])   # with the coverage recorded at build time (catalog.coverage), in one read
        if row is None:
            return None
        covers = (int(row[2]), int(row[3])) if row[2] is not None else None
        version = row[1]
        inputs = catalog.TABLES[str(table)].inputs if str(table) in catalog.TABLES else ()
        if inputs:          # a derived table: its own version is entente's; the data's are its inputs'
            found = [(name, one(self.con, "SELECT version FROM _provenance WHERE dataset = ? ORDER BY table_name",
                                [name])) for name in inputs]
            version = f"(derived by {row[1]} from " + " and ".join(
                f"{name} {v[0]}" for name, v in found if v) + ")"
        label = dataset_label or row[0]
        last_word = label.split()[-1]
        heading = (f"{label}{version[len(last_word):]}" if version.split()[:1] == [last_word]
                   else f"{label} {version}")            # "IMF DOTS as exported …", not "IMF DOTS DOTS as exported …"
        record = {"dataset": row[0], "version": version, "table": str(table), "label": label, "heading": heading,
                  "used_for": used_for, "covers": list(covers) if covers else None,
                  "last_year": covers[1] if covers else None, "newer": newer(table, row[0]),
                  "in_window": list(self.window.clip(covers)) if self.window.clip(covers) else None,
                  "outside": [list(g) for g in self.window.gaps(covers)]}
        spec = catalog.TABLES.get(str(table))
        if spec is not None and spec.dates and covers:          # a dated list: its first and last day
            dates = catalog.event_dates(self.con, spec)
            if dates:
                record.update(first_date=str(dates[0]), last_event=str(dates[1]), searched_to=str(dates[2]),
                              event=spec.event)
        if spec is not None and spec.followed and covers:       # cases begun in its years, followed later
            record["followed_to"] = catalog.followed_to(self.con, spec)
        self.records.append(record)
        return record

    def gap_clause(self, record: dict | None) -> str:
        """" (the data end in 2007; 2008–2025 lie beyond them)" or "" (a clause to end a sentence with)."""
        gap = self.blind_spots(record)
        return f" ({gap})" if gap else ""

    def blind_spots(self, record: dict | None) -> str:
        """"" when ``record``'s dataset sees the whole window, else a clause such as "the data end in
        2014; 2015–2025 lie beyond them"."""
        if not record or not record["covers"]:
            return ""
        lo, hi = record["covers"]
        if len(record["outside"]) == 2:     # the window runs past both ends: one clause, not two "the data …"
            return f"the data cover only {span(lo, hi)} of {self.window.label}"
        parts = []
        for g_lo, g_hi in record["outside"]:
            if g_hi < lo:
                parts.append(f"the data begin in {lo}")
            else:
                parts.append(f"the data end in {hi}; {span(g_lo, g_hi)} lie{'s' if g_lo == g_hi else ''} beyond them")
        return "; ".join(parts)


class SharedReads:
    """:func:`entente.pair.evidence.alliances`, ``disputes`` and ``trade`` (same arguments, same frames),
    each read once per brief: the treaties section and the trend read the pair's ATOP spells, the history
    and the trend its disputes, the economy section and the trend its trade. Pass it where a function
    takes the module (:func:`entente.pair.trend.trend`'s ``read``)."""

    def __init__(self, ctx: Context):
        self._ctx = ctx

    def alliances(self, a, b, *, dataset: str = "atop", con=None) -> pd.DataFrame:
        return self._ctx.once(("alliances", int(a), int(b), dataset),
                              lambda: pair.alliances(a, b, dataset=dataset, con=self._ctx.con))

    def disputes(self, a, b, *, dataset: str = "gml", con=None) -> pd.DataFrame:
        return self._ctx.once(("disputes", int(a), int(b), dataset),
                              lambda: pair.disputes(a, b, dataset=dataset, con=self._ctx.con))

    def trade(self, a, b, *, con=None) -> pd.DataFrame:
        return self._ctx.once(("trade", int(a), int(b)), lambda: pair.trade(a, b, con=self._ctx.con))


def newer(table, dataset: str) -> dict:
    """Whether a newer version of the data behind ``table`` can be fetched (:func:`entente.sources.vintage.vintage`);
    a derived table answers for the datasets it is built from (``catalog.Table.inputs``): "online" with
    their commands if any of them can bring newer data."""
    inputs = catalog.TABLES[str(table)].inputs if str(table) in catalog.TABLES else ()
    if not inputs:
        return vintage(dataset)
    found = [vintage(name) for name in inputs]
    online = [v for v in found if v["kind"] == "online"]
    if online:
        commands = " or ".join(v["command"] for v in online)
        return {"kind": "online", "command": commands, "text": f"can be fetched with {commands}"}
    kinds = {v["kind"] for v in found}
    if kinds == {"release"}:
        return {"kind": "release", "command": None, "text": f"none to fetch (fixed releases of {', '.join(inputs)})"}
    return {"kind": "none", "command": None, "text": "no update"}
