"""Proofread a brief as an expert reader would: the sentences, not the numbers behind them.

:func:`proofread` returns one :class:`Finding` per problem in a composed brief (the dict
:func:`entente.brief.write_brief` returns). The rules, each a sentence an analyst would stop at:

- ``number``: a count with the wrong grammatical number ("1 wars", "2 dispute") or a zero count
  written as a figure ("0 drafts were vetoed").
- ``range``: an empty range ("1945–1945") or a backwards one ("2010–2001").
- ``zero``: a signed zero ("-0.000", "+0.0", "-0%").
- ``unit``: a rate with no unit ("-10.558 a year").
- ``minus``: a negative number written with the hyphen-minus ("κ -0.13"): typeset text takes the minus sign
  U+2212 ("κ −0.13", :mod:`entente.brief.typeset`); a command in backticks keeps its ASCII.
- ``window``: a year outside the brief's window, other than a dataset's own first or last year
  said as such (the coverage of the data may lie beyond the window; the evidence may not).
- ``name``: a state named by a name it did not bear in any year of the window ("Russia" in a brief on
  1946–1991, "Prussia" in one on 1900–1950).
- ``contradiction``: the alignment headline and the trend disagree on whether UN alignment rose, fell
  or held over the same decade.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from entente import countries
from entente.brief import typeset
from entente.measures.conflict_names import common_war_name, war_title

#: Nouns the briefs count, singular → plural.
COUNTED = {"war": "wars", "dispute": "disputes", "veto": "vetoes", "case": "cases", "roll call": "roll calls",
           "state": "states", "conflict": "conflicts", "deal-year": "deal-years", "file": "files", "event": "events",
           "hour": "hours", "year": "years", "triangle": "triangles", "draft": "drafts", "time": "times",
           "alliance": "alliances", "rivalry": "rivalries", "partner": "partners", "session-year": "session-years"}
_PLURALS = {p: s for s, p in COUNTED.items()}
_NUMBER_NOUN = re.compile(r"(?<![\d.,–-])(\d[\d,]*) (" + "|".join(sorted(map(re.escape, {*COUNTED, *_PLURALS}),
                                                                        key=len, reverse=True)) + r")\b")
_RANGE = re.compile(r"\b(1[89]\d\d|20\d\d)–(1[89]\d\d|20\d\d)\b")
_SIGNED_ZERO = re.compile(r"(?<![\w.])[-+−]0(?:\.0+)?(?![\d.])(?:%| |\b)")
_RATE = re.compile(r"[-+−]?\d+(?:\.\d+)? a year")
_CODE = re.compile(r"`[^`]*`")
_YEAR = re.compile(r"(?<![\d/.:-])(1[89]\d\d|20\d\d)(?![\d/])")


@dataclass(frozen=True)
class Finding:
    rule: str
    where: str
    text: str
    detail: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.where}: {self.detail} — “{self.text}”"


def sentences(brief: dict) -> list[tuple[str, str]]:
    """(where, text) of every sentence the brief writes in prose (headline, overview, section summaries)."""
    out = [("headline", brief.get("headline", "")), ("splits", brief.get("splits_sentence", ""))]
    for key, section in brief.get("sections", {}).items():
        for field in ("summary", "no_evidence"):
            if section.get(field):
                out.append((f"{key}.{field}", section[field]))
    return [(w, t) for w, t in out if isinstance(t, str) and t]


def _check_numbers(where: str, text: str) -> list[Finding]:
    found = []
    for m in _NUMBER_NOUN.finditer(text):
        n, noun = int(m.group(1).replace(",", "")), m.group(2)
        if n == 1 and noun in _PLURALS:
            found.append(Finding("number", where, m.group(0), f"one takes the singular ({_PLURALS[noun]})"))
        elif n != 1 and noun in COUNTED and not text[m.end():].startswith("-"):
            found.append(Finding("number", where, m.group(0), f"{n} takes the plural ({COUNTED[noun]})"))
        elif n == 0:
            found.append(Finding("number", where, m.group(0), "a zero count reads better as 'no …' or is left out"))
    return found


def _check_ranges(where: str, text: str) -> list[Finding]:
    found = []
    for m in _RANGE.finditer(text):
        lo, hi = int(m.group(1)), int(m.group(2))
        if lo == hi:
            found.append(Finding("range", where, m.group(0), "an empty range; write the year once"))
        elif lo > hi:
            found.append(Finding("range", where, m.group(0), "a backwards range"))
    return found


def _check_zeros_and_units(where: str, text: str) -> list[Finding]:
    found = [Finding("zero", where, m.group(0).strip(), "a signed zero") for m in _SIGNED_ZERO.finditer(text)]
    found += [Finding("unit", where, m.group(0), "a rate without its unit") for m in _RATE.finditer(text)]
    prose = _CODE.sub("", text)            # commands in backticks keep their ASCII
    found += [Finding("minus", where, prose[m.start():m.start() + 8], "a hyphen-minus for the minus sign (U+2212)")
              for m in typeset.HYPHEN_NUMBER.finditer(prose)]
    return found


def _coverage_years(brief: dict) -> set[int]:
    years: set[int] = set()
    for row in brief.get("coverage", []):
        if row.get("covers"):
            years.update(int(y) for y in row["covers"])
    return years


def proper_names(brief: dict) -> list[str]:
    """Names of wars and treaties the brief cites ("the Vietnam War", "Security Treaty … (1951)"): their
    words and years belong to the name, not to the period's names or the window."""
    sections = brief.get("sections", {})
    names = [r["name"] for r in sections.get("treaties", {}).get("alliances", []) if r.get("name")]
    wars = [r for r in sections.get("history", {}).get("wars", []) if r.get("war_name")]
    names += [r["war_name"] for r in wars] + [war_title(r["war_name"], r.get("warnum")) for r in wars]
    names += [common for r in wars if (common := common_war_name(r["war_name"]))]
    return sorted(set(names), key=len, reverse=True)


def _masked(text: str, names: list[str]) -> str:
    for name in names:
        text = text.replace(name, "·" * len(name))
    return text


def _check_window(where: str, text: str, first: int, last: int, allowed: set[int]) -> list[Finding]:
    found = []
    for m in _YEAR.finditer(text):
        year = int(m.group(1))
        if not first <= year <= last and year not in allowed:
            found.append(Finding("window", where, text[max(0, m.start() - 40):m.end() + 20].strip(),
                                 f"{year} lies outside the window {first}–{last}"))
    return found


def _name_pattern(name: str) -> re.Pattern:
    # "Russia" must not match inside "Russian Empire" or "Russia-Ukraine" rivalry labels
    return re.compile(r"(?<![\w-])(?<!North )(?<!South )(?<!East )(?<!West )" + re.escape(name)
                      + r"(?![\w-])(?! Empire)(?! and Montenegro)")


def _invalid_names(first: int, last: int) -> dict[str, str]:
    """Names of period-named states that no state bore in ``first``–``last`` → why."""
    out: dict[str, str] = {}
    for ccode, periods in countries.PERIOD_NAMES.items():
        names = {countries.name(ccode, y) for y in range(first, last + 1)}
        candidates = {p for _, _, p in periods} | {countries.name(ccode)}
        for candidate in candidates - names:
            # another state may bear the name in the window ("Serbia" the period name of 345, not a state of its own)
            if any(countries.name(c, y) == candidate for c in countries.PERIOD_NAMES if c != ccode
                   for y in (first, last)):
                continue
            out[candidate] = f"COW {ccode} was {' / '.join(sorted(names))} in {first}–{last}"
    return out


def _check_names(where: str, text: str, invalid: dict[str, str]) -> list[Finding]:
    found = []
    for name, why in invalid.items():
        m = _name_pattern(name).search(text)
        if m:
            found.append(Finding("name", where, text[max(0, m.start() - 30):m.end() + 30].strip(),
                                 f"'{name}' is not a name of the period ({why})"))
    return found


def _check_contradiction(brief: dict) -> list[Finding]:
    headline = brief.get("headline", "")
    trend = brief.get("sections", {}).get("trend", {})
    unga = (trend.get("direction") or {}).get("unga") or {}
    said = ("rising" if "by Cohen's κ rose" in headline else "falling" if "by Cohen's κ fell" in headline
            else "flat" if "no clear rise or fall by Cohen's κ" in headline else None)
    if said is None or not unga:
        return []
    found_dir = unga.get("direction")
    shown = found_dir if found_dir in ("rising", "falling") else "flat"
    if said != shown:
        return [Finding("contradiction", "headline/trend", headline[-160:],
                        f"the headline says UN alignment was {said}, the trend section says {found_dir}")]
    summary = trend.get("summary", "")
    if said in ("rising", "falling") and summary.startswith("No series shows a clear rise or fall"):
        return [Finding("contradiction", "headline/trend", summary, f"the headline says UN alignment was {said}")]
    return []


def proofread(brief: dict) -> list[Finding]:
    """Every finding in ``brief`` (empty when it reads cleanly)."""
    first, last = brief["window"]["first"], brief["window"]["last"]
    allowed = _coverage_years(brief)
    invalid = _invalid_names(first, last)
    names = proper_names(brief)
    found: list[Finding] = []
    for where, text in sentences(brief):
        text = _masked(text, names)
        found += _check_numbers(where, text)
        found += _check_ranges(where, text)
        found += _check_zeros_and_units(where, text)
        found += _check_window(where, text, first, last, allowed)
        found += _check_names(where, text, invalid)
    found += _check_contradiction(brief)
    return found
