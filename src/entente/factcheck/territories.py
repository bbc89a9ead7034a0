"""Territories a sentence may say a state seized, and the state each was taken from.

"Russia seized Crimea in 2014" claims a use of force by Russia against Ukraine: the state that held
Crimea then. :data:`HELD_BY` gives, per territory, the state (COW code) that held it in each span of
years, from standard references (Britannica's entries for each territory; the COW state system for the
codes). Only territories taken by force from a state in the COW system are listed, with the holder that
lost them; contested lands without one agreed holder (Kashmir, the West Bank) are left out, so a sentence
about them names no second state.

:func:`seizure` finds the claim in a sentence: a verb of seizure ("seized", "annexed", "occupied",
"captured", "invaded", "took (control of)") or its noun ("the annexation of") next to a territory's name,
in either order ("the Golan Heights, which Israel captured in 1967").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Territory → ((first year, last year, COW code of the state holding it), ...). Sources: Crimea passed
#: to the Ukrainian SSR in 1954 and is Ukraine's from independence (1991); South Ossetia and Abkhazia
#: are Georgia's from 1991; Nagorno-Karabakh Azerbaijan's from 1991; the Golan Heights were Syria's from
#: independence (1946) to 1967; Sinai Egypt's (1937, the COW start of Egypt) to 1967 and again from 1982;
#: the Falkland Islands British from 1833; the Kuril Islands Japan's from 1875 (Treaty of St Petersburg)
#: to 1945; Manchuria China's (the COW state 710) from 1860 to 1931; the Paracel Islands South
#: Vietnam's (817) from 1954 to 1974; Goa Portugal's to 1961; the Sudetenland Czechoslovakia's from
#: 1918 to 1938; Bessarabia Romania's from 1918 to 1940; northern Cyprus the Republic of Cyprus's from
#: 1960; Alsace-Lorraine France's to 1871 (Britannica, for each).
HELD_BY: dict[str, tuple[tuple[int, int, int], ...]] = {
    "Crimea": ((1991, 9999, 369),),
    "Donbas": ((1991, 9999, 369),), "Donetsk": ((1991, 9999, 369),), "Luhansk": ((1991, 9999, 369),),
    "South Ossetia": ((1991, 9999, 372),), "Abkhazia": ((1991, 9999, 372),),
    "Nagorno-Karabakh": ((1991, 9999, 373),),
    "Golan Heights": ((1946, 1967, 652),),
    "Sinai": ((1937, 1967, 651), (1982, 9999, 651)),
    "Falkland Islands": ((1833, 9999, 200),),
    "Kuril Islands": ((1875, 1945, 740),),
    "Manchuria": ((1860, 1931, 710),),
    "Paracel Islands": ((1954, 1974, 817),),
    "Goa": ((1816, 1961, 235),),
    "Sudetenland": ((1918, 1938, 315),),
    "Bessarabia": ((1918, 1940, 360),),
    "northern Cyprus": ((1960, 9999, 352),),
    "Alsace-Lorraine": ((1816, 1871, 220),),
}
#: Other names of the same territories.
ALIASES = {"Crimean peninsula": "Crimea", "Crimean Peninsula": "Crimea", "Golan": "Golan Heights",
           "Sinai Peninsula": "Sinai", "Falklands": "Falkland Islands",
           "Malvinas": "Falkland Islands", "Kurils": "Kuril Islands", "Kurile Islands": "Kuril Islands",
           "southern Kurils": "Kuril Islands", "Northern Territories": "Kuril Islands", "Paracels": "Paracel Islands",
           "North Cyprus": "northern Cyprus", "Northern Cyprus": "northern Cyprus",
           "Donbass": "Donbas", "Alsace and Lorraine": "Alsace-Lorraine", "Karabakh": "Nagorno-Karabakh"}

_NAMES = sorted({*HELD_BY, *ALIASES}, key=len, reverse=True)
#: A territory's name as written (capitalised as given, so "goa" in running text is not Goa).
TERRITORY = re.compile(r"\b(" + "|".join(re.escape(n) for n in _NAMES) + r")\b")
#: Verbs and nouns of seizure; "took"/"take" only with "control of" or "over" or the territory straight after.
VERB = (r"seiz(?:ed|es|ing|e)|annex(?:ed|es|ing)?|occup(?:ied|ies|ying|y)|captur(?:ed|es|ing|e)|invad(?:ed|es|ing|e)|"
        r"conquer(?:ed|s|ing)?|grabb(?:ed|ing)|overran|overrun")
TAKE = r"(?:took|takes|taking|take|taken)(?: (?:back )?(?:control of|over))?"
NOUN = r"(?:annexation|seizure|occupation|capture|invasion|conquest|takeover)s? of"
BEFORE = re.compile(rf"\b(?:(?:{VERB})(?: (?:control of|part of|most of|all of))?|{TAKE}|{NOUN}) (?:the )?(?:southern |northern )?$",
                    re.IGNORECASE)
AFTER = re.compile(rf"^(?:,? (?:which|that) [^,.;]{{0,40}}?\b(?:{VERB}|took|taken)\b|,? (?:was|were|had been|has been) "
                   rf"(?:{VERB}|taken)\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Seizure:
    """A seizure of ``territory`` said at ``start:end`` of a sentence; ``passive``: said as "was seized (by)"."""

    territory: str
    start: int
    end: int
    passive: bool = False


def seizure(sentence: str) -> Seizure | None:
    """The first seizure of a listed territory the sentence states, or None."""
    for m in TERRITORY.finditer(sentence):
        name = ALIASES.get(m.group(1), m.group(1))
        lo = max(0, m.start() - 60)
        if before := BEFORE.search(sentence[lo:m.start()]):
            return Seizure(name, lo + before.start(), m.end())
        if after := AFTER.search(sentence[m.end():m.end() + 70]):
            passive = bool(re.match(r",? (?:was|were|had been|has been)\b", after.group(0)))
            return Seizure(name, m.start(), m.end() + after.end(), passive)
    return None


def holder(territory: str, first: int, last: int | None = None) -> int | None:
    """The COW code of the state that held ``territory`` in the first year from ``first`` to ``last`` in
    which a listed state held it, or None."""
    last = first if last is None else last
    for start, end, code in HELD_BY.get(territory, ()):
        if start <= last and end >= first:
            return code
    return None
