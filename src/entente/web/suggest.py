"""Suggestions for the search box: states whose names, codes or historical names start with (or contain)
what was typed.

The index holds, per state, COW's name and today's name, the ISO3 and COW letter codes, the names it bore
in earlier periods (:data:`entente.period_names.PERIOD_NAMES`: Persia, the Soviet Union, Zaire …) and
entente's curated aliases (:data:`entente.countries_aliases.ALIASES`). Matches are ranked: a code typed
exactly, then names starting with the text, then names containing it, then — when nothing matched — the
closest names by edit distance (rapidfuzz), each state once. What :func:`entente.countries.resolve` reads
as one state (a capital such as "Tehran", "the Kremlin", ``cow:AUS``, a COW number) comes first.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from entente import countries
from entente.errors import EntenteError
from entente.countries_aliases import ALIASES
from entente.period_names import PERIOD_NAMES
from entente.web.inputs import url_code

MAX_QUERY = 60


@dataclass(frozen=True)
class Suggestion:
    """One match: the state, its address code, and the name or code that matched."""

    ccode: int
    code: str
    name: str
    label: str
    matched: str


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(text.lower().replace("'", "").replace(".", " ").split())


@functools.cache
def _index() -> tuple[list[tuple[str, str, int]], dict[int, countries.State]]:
    """(folded key, shown text, ccode) for every name and code; the states by COW code."""
    every = countries.states()
    states = {int(c): countries.resolve(int(c)) for c in every["ccode"]}
    entries: dict[tuple[str, int], str] = {}

    def add(text, ccode: int) -> None:
        if text and ccode in states:
            entries.setdefault((_fold(str(text)), ccode), str(text))

    for ccode, st in states.items():
        add(st.name, ccode)
        add(countries.name(ccode), ccode)
        add(st.iso3, ccode)
        add(st.abb, ccode)
    for ccode, periods in PERIOD_NAMES.items():
        for _first, _last, text in periods:
            add(text, int(ccode))
    for text, ccode in ALIASES.items():
        add(text, int(ccode))
    return [(key, shown, ccode) for (key, ccode), shown in entries.items()], states


def warm() -> None:
    """Build the index now (about a second), so the first keystroke is answered at once."""
    _index()


def suggest(query: str, limit: int = 8) -> list[Suggestion]:
    """Up to ``limit`` states matching ``query``, best first (see the module's docstring)."""
    text = _fold(query[:MAX_QUERY])
    if not text:
        return []
    entries, states = _index()
    ranked: list[tuple[int, int, str, int]] = []
    try:
        exact = countries.resolve(query[:MAX_QUERY].strip())
        if exact.ccode in states:
            ranked.append((-1, 0, query.strip(), exact.ccode))
    except EntenteError:        # no single state: the index's matches alone
        pass
    for key, shown, ccode in entries:
        if key == text:
            rank = 0
        elif key.startswith(text) or any(word.startswith(text) for word in key.split()):
            rank = 1
        elif len(text) >= 3 and text in key:
            rank = 2
        else:
            continue
        ranked.append((rank, len(key), shown, ccode))
    if not ranked and len(text) >= 3:
        keys = [e[0] for e in entries]
        for key, score, i in process.extract(text, keys, scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=70):
            ranked.append((3, -int(score), entries[i][1], entries[i][2]))
    out, seen = [], set()
    for _rank, _length, shown, ccode in sorted(ranked):
        if ccode in seen:
            continue
        seen.add(ccode)
        st = states[ccode]
        out.append(Suggestion(ccode, url_code(st), countries.name(ccode), st.label, shown))
        if len(out) == limit:
            break
    return out
