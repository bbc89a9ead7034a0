"""Dates, periods and quantities in a sentence.

:func:`period` reads the span of years a sentence is about: "since 1991" (to the article's year),
"between 1980 and 1988", "from 1947 to 1971", "1965–71", "in 1999", "the 1990s", "the early 1990s",
"in the early 20th century", "during the Cold War", "during Détente", "in the interwar years" (the named
periods of :data:`entente.period_names.NAMED_PERIODS`), "in 2015 and 2016", "after the border closed in 1994"
(the years after), "last year", "over the past decade" and "the past two centuries" (relative to the
article's year), "for decades" (vague: thirty years back, flagged), "by 2015" (every year up to 2015,
``implicit``: judged over the years the data cover). Relative phrases without an
article date are read relative to the current year and flagged ``relative``.

:func:`quantities` reads numbers with their units and approximations: "four wars", "~90%", "about 90
percent", "$5 billion", "nearly doubled" (a factor of 2, approximate), "tripled", "halved".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from entente.period_names import NAMED_PERIODS

NUMBER_WORDS = {"no": 0, "zero": 0, "one": 1, "a single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a dozen": 12,
                "dozens of": 24, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "hundreds of": 200}
#: Number words that are themselves approximate ("dozens of disputes").
VAGUE_NUMBERS = frozenset({"dozens of", "hundreds of"})
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
            "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
            "twentieth": 20, "twenty-first": 21}
#: Named eras → years (first, last; None: to the present), with their sources: :data:`entente.period_names.NAMED_PERIODS`.
ERAS = NAMED_PERIODS
#: Eras whose name is also a common noun ("a détente between the two Koreas"): read as the era only when no
#: "between", "with" or "of" follows.
COMMON_NOUN_ERAS = frozenset({"detente"})
#: Eras that were one pair's relationship: "Détente brought no alliance" is about the United States and the
#: Soviet Union (COW 2 and 365) though it names neither.
ERA_PAIRS = {"detente": (2, 365)}
_ERA_PAIR = re.compile(r"(?<!\ba )(?<!\bnew )\b(" + "|".join(ERA_PAIRS) + r")\b(?!\s+(?:between|with|of)\b)")


def era_pair(sentence: str) -> tuple[int, int] | None:
    """The pair an era the sentence names was the relationship of (:data:`ERA_PAIRS`), or None."""
    m = _ERA_PAIR.search(sentence.lower().replace("é", "e"))
    return ERA_PAIRS[m.group(1)] if m else None
#: Factors named by verbs of change.
FACTORS = {"doubled": 2.0, "tripled": 3.0, "trebled": 3.0, "quadrupled": 4.0, "halved": 0.5,
           "fivefold": 5.0, "tenfold": 10.0}
APPROX = r"(?:nearly|almost|about|around|roughly|some|approximately|over|more than|less than|at least|~|c\.)"

YEAR = r"(1[89]\d\d|20\d\d)"


@dataclass(frozen=True)
class Period:
    """Years ``start``–``end`` (inclusive) a sentence is about, the ``text`` that said so, and how
    sure the reading is: ``exact``, ``relative`` (needs the article's date), ``vague`` ("for decades")."""

    start: int
    end: int
    text: str
    how: str = "exact"

    def shifted(self, d_start: int, d_end: int) -> Period:
        return Period(self.start + d_start, max(self.start + d_start, self.end + d_end), self.text, self.how)

    def __str__(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"


@dataclass(frozen=True)
class Quantity:
    """A number in a sentence: ``value`` in ``unit`` ("count", "percent", "factor", "usd"), whether it
    was said approximately (``approx``), and for counts the noun it counts (``of``)."""

    value: float
    unit: str
    approx: bool
    text: str
    of: str | None = None


def _century(n: int, part: str | None) -> tuple[int, int]:
    first = (n - 1) * 100 + 1
    if part == "early":
        return first, first + 32
    if part == "mid":
        return first + 33, first + 65
    if part in ("late", "end of the"):
        return first + 66, first + 99
    if part == "first half of the":
        return first, first + 49
    if part == "second half of the":
        return first + 50, first + 99
    return first, first + 99


def period(sentence: str, reference_year: int | None = None) -> Period | None:
    """The span of years ``sentence`` is about (None when it names none). ``reference_year``: the
    article's year, for "since", "last year" and "the past decade"."""
    ref = reference_year or dt.date.today().year
    how_rel = "exact" if reference_year else "relative"
    s = sentence.replace("–", "-").replace("—", "-")
    low = s.lower()
    if m := re.search(rf"\bbetween {YEAR} and {YEAR}\b", low) or re.search(rf"\bfrom {YEAR} (?:to|until|till) {YEAR}\b", low):
        return Period(int(m.group(1)), int(m.group(2)), m.group(0))
    if m := re.search(rf"\b{YEAR}\s*-\s*(\d{{2,4}})\b", low):
        first, last = int(m.group(1)), m.group(2)
        last = int(last) if len(last) == 4 else (first // 100) * 100 + int(last)
        if last >= first:
            return Period(first, last, m.group(0))
    if m := re.search(rf"\b(?:in|during) {YEAR} and {YEAR}\b", low):
        return Period(int(m.group(1)), int(m.group(2)), m.group(0))
    if m := re.search(rf"\bafter (?:the |its |their |his |her )?[a-z' -]{{3,40}}? in {YEAR}\b", low):
        return Period(int(m.group(1)) + 1, ref, m.group(0), how_rel)     # "after the border closed in 1994"
    if m := re.search(rf"\b(?:since|from|after|as of|starting in|beginning in)\s+(?:the\s+(?:end of\s+)?)?(?:early\s+|mid-?\s*|late\s+)?{YEAR}(s)?\b", low):
        first = int(m.group(1)) + (1 if "after" in m.group(0) else 0)
        return Period(first, ref, m.group(0), how_rel)
    if m := re.search(r"\b(?:in|during|throughout|over) the (early|mid-?|late|first half of the|second half of the|end of the)?\s*"
                      r"(\w+(?:-\w+)?|\d{1,2}(?:st|nd|rd|th)) century\b", low):
        part = (m.group(1) or "").rstrip("-").strip() or None
        word = m.group(2)
        n = ORDINALS.get(word) or (int(re.sub(r"\D", "", word)) if re.sub(r"\D", "", word) else None)
        if n:
            first, last = _century(n, part)
            return Period(first, last, m.group(0))
    if m := re.search(r"\b(?:since|after) the (?:end of the )?(cold war|collapse of the soviet union|soviet collapse|"
                      r"fall of the soviet union|dissolution of the soviet union|breakup of the soviet union)\b", low):
        after = "cold war" not in m.group(1) or "end" in m.group(0) or m.group(0).startswith("after")
        return Period(1992 if after else 1947, ref, m.group(0), how_rel)
    folded = low.replace("é", "e")          # "Détente" and "detente"; same length, so offsets hold
    for era, (first, last) in ERAS.items():
        common = era in COMMON_NOUN_ERAS         # "during détente" takes no article; "a détente between" is no era
        free = r"(?!\s+(?:between|with|of)\b)" if common else ""
        the = "(?:the )?" if common else "the "
        if m := re.search(rf"\b(?:during|in|throughout|since|after|over) (?:the (?:years|era|period|time|age) of )?"
                          rf"{the}{re.escape(era)}\b{free}(?:\s+(?:years|era|period))?", folded):
            said = s[m.start():m.end()]
            if said.lower().startswith(("since", "after")):
                return Period(last + 1 if last else first, ref, said, how_rel)
            return Period(first, last if last else ref, said)
    if m := re.search(r"\b(?:in|during|throughout|over|since) the (early |mid-?|late )?(1[89]\d0|20\d0)s\b", low):
        decade, part = int(m.group(2)), (m.group(1) or "").strip().rstrip("-")
        first, last = {"early": (decade, decade + 3), "mid": (decade + 3, decade + 6),
                       "late": (decade + 6, decade + 9)}.get(part, (decade, decade + 9))
        if m.group(0).startswith("since"):
            return Period(first, ref, m.group(0), how_rel)
        return Period(first, last, m.group(0))
    if m := re.search(rf"\b(?:by|until|up to|through) (?:the end of )?{YEAR}\b", low):
        return Period(1816, int(m.group(1)), m.group(0), "implicit")       # all years up to then
    if m := re.search(r"\blast year\b", low):
        return Period(ref - 1, ref - 1, m.group(0), how_rel)
    if m := re.search(r"\bthis year\b", low):
        return Period(ref, ref, m.group(0), how_rel)
    if m := re.search(r"\b(?:over |in |during )?the (?:past|last) (decade|century|(\w+|\d+) (years|decades|centuries))\b",
                      low):
        if m.group(1) in ("decade", "century"):
            n = 10 if m.group(1) == "decade" else 100
        else:
            word = m.group(2)
            n = int(word) if word.isdigit() else NUMBER_WORDS.get(word, None)
            n = (n or 0) * {"decades": 10, "centuries": 100}.get(m.group(3), 1)
        if n:
            return Period(ref - n, ref, m.group(0), how_rel)
    if m := re.search(r"\bfor (?:more than |over |nearly |almost |about )?(a|one|two|three) centur(?:y|ies)\b", low):
        n = {"a": 1, "one": 1, "two": 2, "three": 3}[m.group(1)]
        return Period(ref - 100 * n, ref, m.group(0), "vague")
    if m := re.search(r"\bfor (?:several |many )?decades\b", low):
        return Period(ref - 30, ref, m.group(0), "vague")
    if m := re.search(rf"\b(?:in|by|during|of) (?:(?:early|mid|late|january|february|march|april|may|june|july|"
                      rf"august|september|october|november|december) )?{YEAR}\b", low):
        year = int(m.group(1))
        return Period(year, year, m.group(0))
    return None


_NUM = r"(\d+(?:[.,]\d+)?)"


def quantities(sentence: str) -> list[Quantity]:
    """The numbers ``sentence`` states with their units (years are left to :func:`period`)."""
    low = sentence.lower().replace("–", "-")
    out: list[Quantity] = []
    for m in re.finditer(rf"({APPROX}\s*)?{_NUM}\s*(%|percent\b|per cent\b)", low):
        out.append(Quantity(float(m.group(2).replace(",", "")), "percent", bool(m.group(1)), m.group(0)))
    for m in re.finditer(rf"({APPROX}\s*)?\$\s*{_NUM}\s*(billion|bn|million|m)?\b", low):
        scale = {"billion": 1e9, "bn": 1e9, "million": 1e6, "m": 1e6}.get(m.group(3) or "", 1)
        out.append(Quantity(float(m.group(2).replace(",", "")) * scale, "usd", bool(m.group(1)), m.group(0)))
    for m in re.finditer(rf"({APPROX}\s+|(?:roughly |almost |nearly |more than )?)\b("
                         + "|".join(sorted(FACTORS, key=len, reverse=True)) + r")\b", low):
        out.append(Quantity(FACTORS[m.group(2)], "factor", bool(m.group(1).strip()), m.group(0).strip()))
    words = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
    for m in re.finditer(rf"({APPROX}\s+)?\b({words}|\d{{1,3}})\s+(?:major |full-scale |separate |inter-state |"
                         rf"large |conventional |militarized |armed |border |military |\w+ )?(wars?|disputes?|clashes|"
                         rf"conflicts?|vetoes|times|resolutions|drafts)\b", low):
        raw = m.group(2)
        value = NUMBER_WORDS.get(raw, None)
        value = float(raw) if value is None else float(value)
        out.append(Quantity(value, "count", bool(m.group(1)) or raw in VAGUE_NUMBERS, m.group(0), of=m.group(3)))
    return out
