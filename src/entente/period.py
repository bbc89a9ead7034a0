"""The years a brief speaks for, and the states as they were in them: one notion of window and of names.

- :class:`Window` — the first and last year asked for (or chosen by default), with what each dataset's
  coverage leaves out of it. Every section, chart and sentence of a brief takes its years from here.
- :class:`Side` — one side of a pair: the state the user named and, where a state's history runs under
  more than one COW code, its lineage. "Germany" over 1900–2000 is Germany (COW 255) to 1945, West
  Germany (260) in 1955–1990 and Germany again from 3 October 1990: COW gives West Germany a code of
  its own, and a user who names Germany for a long window means that line (Wolff 2003; the Federal
  Republic's continuity with the Reich is the Federal Constitutional Court's 1973 ruling, and the FRG
  absorbed the GDR in 1990). North Yemen (678) likewise leads into Yemen (679) in May 1990. The side
  queries every code of its lineage and reports the rows under the primary code.
- Names of the period: :func:`entente.countries.name` gives a state's name in a year ("the Soviet Union"
  in 1985); :func:`name_over` names a state across a span ("Russia (the Soviet Union in 1922–1991)").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from entente import countries
from entente.errors import BadInput

#: The earliest year any dataset entente holds speaks for (the COW state system starts in 1816).
FIRST_YEAR = 1816

#: Lineages: a COW code → the codes that carried its line, with the years each did (inclusive).
LINEAGES: dict[int, tuple[tuple[int, int, int], ...]] = {
    255: ((255, 1816, 1945), (260, 1949, 1990), (255, 1990, 9999)),
    679: ((678, 1816, 1990), (679, 1990, 9999)),
}
#: How the brief explains each lineage.
LINEAGE_NOTES: dict[int, str] = {
    255: ("Germany here is one line: Prussia and Germany (COW 255) to 1945, West Germany (the Federal "
          "Republic, COW 260) from 1955 to 2 October 1990, and united Germany (COW 255) from 3 October 1990. "
          "Name West Germany or East Germany to see either alone."),
    679: ("Yemen here is one line: North Yemen (the Yemen Arab Republic, COW 678) to 21 May 1990 and the "
          "Republic of Yemen (COW 679) from 22 May 1990. Name South Yemen to see the People's Republic."),
}


def span(first: int, last: int) -> str:
    """``1945`` for one year, ``1945–1991`` for several (never ``1945–1945``); dates work alike."""
    return str(first) if str(first) == str(last) else f"{first}–{last}"


def this_year() -> int:
    return dt.date.today().year


def check_years(start: int, end: int, *, names: tuple[str, str] = ("start", "end")) -> tuple[int, int]:
    """``(start, end)`` as ints, each a year from :data:`FIRST_YEAR` to :data:`entente.countries.MAX_YEAR` and
    ``start`` not after ``end``; else BadInput with the year at fault (``names`` call the two bounds, e.g.
    ``("--from", "--to")`` on the command line)."""
    start, end = int(start), int(end)
    for value in (start, end):
        if not FIRST_YEAR <= value <= countries.MAX_YEAR:
            raise BadInput(f"Year {value} is out of range; use years from {FIRST_YEAR} (UN votes run from 1946).")
    if start > end:
        raise BadInput(f"{names[0]} {start} is after {names[1]} {end}.")
    return start, end


@dataclass(frozen=True)
class Window:
    """Inclusive years ``first``–``last``; ``asked`` keeps what the user gave (None for a default)."""

    first: int
    last: int
    asked: tuple[int | None, int | None] = (None, None)

    @property
    def label(self) -> str:
        return span(self.first, self.last)

    def __contains__(self, year) -> bool:
        return year is not None and self.first <= int(year) <= self.last

    def clip(self, coverage: tuple[int, int] | None) -> tuple[int, int] | None:
        """The part of the window a dataset covering ``coverage`` speaks for (None if none)."""
        if coverage is None:
            return None
        lo, hi = max(self.first, int(coverage[0])), min(self.last, int(coverage[1]))
        return (lo, hi) if lo <= hi else None

    def gaps(self, coverage: tuple[int, int] | None) -> list[tuple[int, int]]:
        """The parts of the window a dataset covering ``coverage`` cannot see, oldest first."""
        if coverage is None:
            return [(self.first, self.last)]
        out = []
        if self.first < coverage[0]:
            out.append((self.first, min(self.last, int(coverage[0]) - 1)))
        if self.last > coverage[1]:
            out.append((max(self.first, int(coverage[1]) + 1), self.last))
        return [g for g in out if g[0] <= g[1]]


def window(start: int | None = None, end: int | None = None, *, sides=(), last_data_year: int | None = None) -> Window:
    """The window for ``start``–``end`` (either may be None). A missing start is the first year all
    ``sides`` existed (COW system membership, or a UN seat, whichever came first); a missing end is
    ``last_data_year`` (the last year any dataset speaks for) or last year, or the last year of a side
    that has ceased to exist, if earlier (West Germany–East Germany ends in 1990)."""
    now = this_year()
    for value, label in ((start, "--from"), (end, "--to")):
        if value is not None and not FIRST_YEAR <= int(value) <= now:
            raise BadInput(f"{label} {value} is outside {FIRST_YEAR}–{now}, the years entente has evidence for.")
    if start is not None and end is not None and int(start) > int(end):
        raise BadInput(f"--from {start} is after --to {end}; give the earlier year first.")
    last = int(end) if end is not None else int(last_data_year or now - 1)
    if end is None:     # a pair can outlive neither state: West and East Germany end in 1990, not with the data
        ended = [s.last_year for s in sides if s.last_year is not None]
        last = min([last, *ended])
    first = int(start) if start is not None else max([FIRST_YEAR, *(s.first_year for s in sides)])
    if first > last:      # a default start past an explicit end: the states did not yet coexist
        first = last if start is None else first
    return Window(first, last, (start, end))


@dataclass(frozen=True)
class Side:
    """One side of a pair: the ``state`` named, and the ``codes`` of its lineage as (ccode, first, last)."""

    state: countries.State
    codes: tuple[tuple[int, int, int], ...]
    note: str | None = None
    first_year: int = FIRST_YEAR
    last_year: int | None = None     # the last year a code of the side was a state; None while one still is

    @property
    def ccode(self) -> int:
        return self.state.ccode

    @property
    def ccodes(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(c for c, _, _ in self.codes))

    def code_in(self, year: int) -> int:
        """The code that carried the side in ``year`` (the later one in a year of transition)."""
        found = [c for c, lo, hi in self.codes if lo <= year <= hi]
        return found[-1] if found else self.state.ccode

    def name(self, year: int, *, article: bool = False) -> str:
        return countries.name(self.code_in(year), year, article=article)

    def name_over(self, first: int, last: int, *, article: bool = False) -> str:
        """The side's name across ``first``–``last`` (:func:`name_over`), its lineage's codes included:
        "Turkey (the Ottoman Empire until 1922)" for events of 1829–2014."""
        return _over([(self.name(y, article=True), y) for y in range(first, last + 1)],
                     self.name(last, article=article))

    def main_code(self, win: Window) -> int:
        """The code that carried the side in the window's last years (for analyses that take one state and
        speak of the latest years: the trend's last decade, third parties, blocs): the code of
        ``win.last − 5``, or of the window's first year when it is shorter."""
        return self.code_in(max(win.first, win.last - 5))


def side(state: countries.State, win: Window | None = None) -> Side:
    """The :class:`Side` for ``state``: its lineage where it has one that reaches into ``win``."""
    membership = countries.membership(state.ccode)
    first = min((s.year for s, _ in membership), default=FIRST_YEAR)
    lineage = LINEAGES.get(state.ccode)
    if lineage and win is not None:
        others = [(c, lo, hi) for c, lo, hi in lineage if c != state.ccode]
        if any(lo <= win.last and hi >= win.first for _, lo, hi in others):
            firsts = [min((s.year for s, _ in countries.membership(c)), default=FIRST_YEAR) for c, _, _ in lineage]
            return Side(state, lineage, LINEAGE_NOTES.get(state.ccode), min(firsts),
                        _last_year([c for c, _, _ in lineage]))
    return Side(state, ((state.ccode, first, 9999),), None, first, _last_year([state.ccode]))


def _last_year(codes: list[int]) -> int | None:
    """The last year any of ``codes`` was a state (COW membership); None while one still is (or has no spell)."""
    ends = [end for code in codes for _, end in countries.membership(code)]
    if not ends or any(end is None for end in ends):
        return None
    return max(end.year for end in ends)


def name_over(ccode: int, first: int, last: int, *, article: bool = False) -> str:
    """A state's name across ``first``–``last``: its name in ``last``, with its earlier names of the span
    in brackets: "Russia (the Soviet Union in 1922–1991)"."""
    return _over([(countries.name(ccode, y, article=True), y) for y in range(first, last + 1)],
                 countries.name(ccode, last, article=article))


def _over(named_years: list[tuple[str, int]], head: str) -> str:
    """``head`` with the span's other names in brackets, from (name, year) in year order: a name the span
    opens with is "until" its last year (the state bore it before the span too), a later one "in" its years:
    "Russia (the Russian Empire until 1916, the Soviet Union in 1922–1991)"."""
    runs: list[list] = []
    for text, year in named_years:
        if runs and runs[-1][0] == text:
            runs[-1][2] = year
        else:
            runs.append([text, year, year])
    if len(runs) < 2:
        return head
    first = runs[0][1]
    parts = [f"{n} until {hi}" if lo == first else f"{n} in {span(lo, hi)}" for n, lo, hi in runs if n != runs[-1][0]]
    return f"{head} ({', '.join(parts)})" if parts else head


def capital(text: str) -> str:
    """``text`` with its first letter upper-cased (a sentence that opens with "the Soviet Union")."""
    return text[:1].upper() + text[1:]


def title(a: Side, b: Side, win: Window) -> str:
    """The pair's title for the window: "The United States and the Soviet Union, 1946–1991"."""
    return capital(f"{a.name(win.last, article=True)} and {b.name(win.last, article=True)}, {win.label}")


def name_changes(s: Side, win: Window) -> str | None:
    """A sentence naming the side's other names in the window ("Russia was the Soviet Union in
    1922–1991."), or None when it bore one name throughout."""
    runs: list[tuple[str, int, int]] = []
    for year in range(win.first, win.last + 1):
        text = s.name(year)
        if runs and runs[-1][0] == text:
            runs[-1] = (text, runs[-1][1], year)
        else:
            runs.append((text, year, year))
    if len(runs) < 2:
        return None
    last_name = s.name(win.last, article=True)
    earlier = [f"{s.name(lo, article=True)} in {span(lo, hi)}" for n, lo, hi in runs if n != runs[-1][0]]
    return capital(f"{last_name} was {', '.join(earlier)}.") if earlier else None
