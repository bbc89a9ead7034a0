"""Sentences and the states they name, resolved to COW codes for the year each sentence is about.

A mention is a state's name ("Iran", "the Soviet Union", "Persia"), a demonym ("Iranian"), a capital
or a metonym ("Tehran", "the Kremlin", "Washington", "Moscow's") — every name :mod:`entente.countries`
resolves, plus the demonyms of :data:`entente.measures.vetoes.ADJECTIVES` and :data:`DEMONYMS` — or a
grouping named as such (:data:`GROUPINGS`: "NATO", "the West", "CRINK"), which is kept as a grouping
and never turned into one state. Names are matched on whole words, longest first, and only where the
text capitalises them ("Turkey" the state, not "turkey"; "US", not "us"). A name whose state depends
on the year ("Germany", "Korea", "Yemen", a capital two states had) takes the year the sentence is
about, else the article's year.

Sentences are split on ., ! and ? followed by a capital, sparing abbreviations ("U.S.", "Mr.", "Jan.").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from entente import countries
from entente.countries_aliases import INFORMAL_NAMES
from entente.measures.vetoes import ADJECTIVES, NOT_STATES, fold

#: Demonyms beyond the veto list's :data:`ADJECTIVES` → a name :mod:`entente.countries` resolves.
DEMONYMS: dict[str, str] = {
    "Belarusian": "Belarus", "Kazakh": "Kazakhstan", "Uzbek": "Uzbekistan", "Armenian": "Armenia",
    "Azerbaijani": "Azerbaijan", "Azeri": "Azerbaijan", "Polish": "Poland", "Finnish": "Finland",
    "Swedish": "Sweden", "Norwegian": "Norway", "Danish": "Denmark", "Dutch": "Netherlands", "Belgian": "Belgium",
    "Spanish": "Spain", "Portuguese": "Portugal", "Italian": "Italy", "Austrian": "Austria", "Hungarian": "Hungary",
    "Czech": "Czech Republic", "Slovak": "Slovakia", "Romanian": "Romania", "Bulgarian": "Bulgaria",
    "Canadian": "Canada", "Mexican": "Mexico", "Brazilian": "Brazil", "Argentine": "Argentina",
    "Argentinian": "Argentina", "Chilean": "Chile", "Colombian": "Colombia", "Peruvian": "Peru",
    "Australian": "Australia", "Nigerian": "Nigeria", "Ethiopian": "Ethiopia", "Eritrean": "Eritrea",
    "Kenyan": "Kenya", "Algerian": "Algeria", "Moroccan": "Morocco", "Tunisian": "Tunisia", "Emirati": "United Arab Emirates",
    "Qatari": "Qatar", "Omani": "Oman", "Bahraini": "Bahrain", "Thai": "Thailand", "Malaysian": "Malaysia",
    "Filipino": "Philippines", "Philippine": "Philippines", "Bangladeshi": "Bangladesh", "Nepali": "Nepal",
    "Sri Lankan": "Sri Lanka", "Burmese": "Myanmar", "Mongolian": "Mongolia", "Taiwanese": "Taiwan",
    "Persian": "Iran", "Ottoman": "Ottoman Empire", "Prussian": "Prussia", "Yugoslav": "Yugoslavia",
    "Czechoslovak": "Czechoslovakia", "Venezuelan": "Venezuela", "Bolivian": "Bolivia", "Paraguayan": "Paraguay",
    "Ecuadorian": "Ecuador", "Salvadoran": "El Salvador", "Honduran": "Honduras", "Guatemalan": "Guatemala",
    "North Korean": "North Korea", "South Korean": "South Korea", "Estonian": "Estonia", "Latvian": "Latvia",
    "Lithuanian": "Lithuania", "Moldovan": "Moldova", "Tajik": "Tajikistan", "Turkmen": "Turkmenistan",
    "Kyrgyz": "Kyrgyzstan", "Irish": "Ireland", "Swiss": "Switzerland", "Greek Cypriot": "Cyprus",
}

#: Groupings named as such: they are kept as groupings (a claim about "NATO" is not a claim about one
#: state). ``members``: COW codes where the grouping is a fixed, well-known set (CRINK: China, Russia,
#: Iran, North Korea; the Quad: the United States, Japan, India, Australia; AUKUS: Australia, the United
#: Kingdom, the United States); None where membership changes with the year or is a matter of opinion.
GROUPINGS: dict[str, tuple[int, ...] | None] = {
    "NATO": None, "North Atlantic Treaty Organization": None, "Warsaw Pact": None, "European Union": None,
    "EU": None, "BRICS": None, "Shanghai Cooperation Organisation": None, "Shanghai Cooperation Organization": None,
    "SCO": None, "ASEAN": None, "Arab League": None, "African Union": None, "G7": None, "G8": None, "G20": None,
    "Quad": (2, 740, 750, 900), "AUKUS": (900, 200, 2), "CSTO": None, "Eurasian Economic Union": None, "OPEC": None, "OPEC+": None,
    "the West": None, "Western powers": None, "Western countries": None, "the Global South": None,
    "CRINK": (710, 365, 630, 731), "axis of upheaval": None, "axis of resistance": None,
    "United Nations": None, "UN": None, "Security Council": None, "General Assembly": None,
}


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article: its ``text`` and character offsets in the article."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A state (``ccode``) or a grouping (``group``) named at ``start:end`` of a sentence as ``text``."""

    start: int
    end: int
    text: str
    ccode: int | None = None
    group: str | None = None
    members: tuple[int, ...] | None = field(default=None, compare=False)


_ABBREV = r"(?:U\.S|U\.K|U\.N|E\.U|Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sen|Rep|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e|etc|vs|No|approx|c)"
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n+")


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` with their offsets: split after ., ! or ? before a capital or a digit
    (sparing the abbreviations in ``_ABBREV``), and at blank lines."""
    out: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        before = text[start:m.start()]
        if re.search(rf"\b{_ABBREV}\.$", before) and not m.group(0).startswith("\n"):
            continue
        _add(out, text, start, m.start())
        start = m.end()
    _add(out, text, start, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        offset = start + (len(chunk) - len(chunk.lstrip()))
        for line in _lines(stripped, offset):
            out.append(Sentence(len(out), line[0], line[1], line[2]))


def _lines(chunk: str, offset: int):
    """A heading on its own line (no final stop) is its own sentence."""
    pos = 0
    for part in chunk.split("\n"):
        if part.strip():
            lead = len(part) - len(part.lstrip())
            yield offset + pos + lead, offset + pos + len(part.rstrip()), " ".join(part.split())
        pos += len(part) + 1


# ------------------------------------------------------------------------------------------ gazetteer
@functools.cache
def gazetteer() -> dict[str, object]:
    """Folded name → COW code, a year rule (resolved by :func:`entente.countries.resolve`), or
    ``("group", name)``. Built once from the names :mod:`entente.countries` knows."""
    reg = countries._registry()
    out: dict[str, object] = {}
    for key, target in [*reg.capitals.items(), *reg.names.items()]:
        out[key] = target
    for name, ccode in INFORMAL_NAMES.items():
        out[fold(name)] = ccode
    for adjective, name in {**ADJECTIVES, **DEMONYMS}.items():
        out.setdefault(fold(adjective), ("name", name))
        out.setdefault(fold(adjective) + "s", ("name", name))     # "Iranians"
    for phrase in NOT_STATES:
        out[fold(phrase)] = None
    for extra in ("Indian subcontinent", "Persian Gulf", "Gulf of Oman", "South China Sea", "East China Sea",
                  "Sea of Japan", "Korean Peninsula", "Korean War", "Russian Revolution", "Iranian Revolution",
                  "Chinese Civil War", "Georgia Strait", "Turkish Straits", "Cold War"):
        out[fold(extra)] = None
    for name in GROUPINGS:
        out[fold(name)] = ("group", name)
    out.pop("", None)
    for word in ("us", "un", "eu", "uk", "sco"):          # only in capitals: see _CAPS
        out.pop(word, None)
    return out


#: Short names read only as written in capitals ("US", not the pronoun "us").
_CAPS = {"US": 2, "USA": 2, "UK": 200, "UAE": 696, "DPRK": 731, "PRC": 710, "ROK": 732, "USSR": 365,
         "UN": ("group", "UN"), "EU": ("group", "EU"), "SCO": ("group", "SCO")}
_WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ.\-'’]*[A-Za-zÀ-ÿ+]|[A-Za-z]\+?")


def _tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _WORD.finditer(text):
        word, end = m.group(0), m.end()
        for suffix in ("'s", "’s", "'", "’"):
            if word.endswith(suffix) and len(word) > len(suffix):
                word, end = word[:-len(suffix)], end - len(suffix)
                break
        out.append((m.start(), end, word))
    return out


def _target_code(target, year: int | None):
    if isinstance(target, int):
        return target
    if isinstance(target, tuple) and target and target[0] == "name":
        return countries.resolve(target[1], year=year).ccode
    if isinstance(target, str):
        return countries._state(countries._registry(), target, year).ccode
    return None


#: Two states named in one phrase: "North and South Korea", "the two Koreas" (COW 731 and 732).
BOTH_KOREAS = re.compile(r"\b(North and South Korea|South and North Korea|(the|both) (two )?Koreas)\b", re.IGNORECASE)


#: "The North" or "the South" as one Korea, in a sentence that names the other ("South Korea and the United
#: States share a common adversary in the North"); not "the North Atlantic", "the South China Sea".
THE_OTHER_KOREA = re.compile(r"\bthe (North|South)\b(?![\s-]+[A-Z])")


def mentions(sentence: str, year: int | None = None) -> list[Mention]:
    """The states and groupings named in ``sentence``, in order, for ``year`` (year-aware names); "North and
    South Korea" and "the two Koreas" name both Koreas; "the North" beside South Korea names North Korea
    (and "the South" beside North Korea, South Korea)."""
    found = _named(sentence, year)
    codes = {m.ccode for m in found}
    for m in THE_OTHER_KOREA.finditer(sentence):
        other = {"North": (732, 731), "South": (731, 732)}[m.group(1)]
        if other[0] in codes:
            found.append(Mention(m.start(), m.end(), m.group(0), ccode=other[1]))
    found.sort(key=lambda f: (f.start, f.ccode or 0))
    pairs = [m for m in BOTH_KOREAS.finditer(sentence)]
    if not pairs:
        return found
    inside = [(m.start(), m.end()) for m in pairs]
    kept = [f for f in found if not any(a <= f.start < b for a, b in inside)]
    for m in pairs:
        kept += [x for x in (_mention(sentence, m.start(), m.end(), code, year) for code in (731, 732)) if x]
    return sorted(kept, key=lambda f: (f.start, f.ccode or 0))


def _named(sentence: str, year: int | None) -> list[Mention]:
    table = gazetteer()
    longest = max(k.count(" ") + 1 for k in table)
    toks = _tokens(sentence)
    folded = [fold(w) for _, _, w in toks]
    found: list[Mention] = []
    i = 0
    while i < len(toks):
        start, end, word = toks[i]
        caps = word.rstrip(".").replace(".", "")
        if caps in _CAPS and caps.isupper():
            target = _CAPS[caps]
            found.append(_mention(sentence, start, end, target, year))
            i += 1
            continue
        hit = None
        if word[:1].isupper() or (folded[i] == "the" and i + 1 < len(toks)):
            for j in range(min(len(toks), i + longest), i, -1):
                key = " ".join(w for w in folded[i:j] if w)
                if key in table and toks[j - 1][2][:1].isupper():
                    hit = (j, table[key])
                    break
        if hit is None:
            i += 1
            continue
        j, target = hit
        if target is not None:
            found.append(_mention(sentence, start, toks[j - 1][1], target, year))
        i = j
    return [m for m in found if m is not None]


def _mention(sentence: str, start: int, end: int, target, year) -> Mention | None:
    text = sentence[start:end]
    if isinstance(target, tuple) and target and target[0] == "group":
        name = target[1]
        return Mention(start, end, text, group=name, members=GROUPINGS.get(name))
    try:
        code = _target_code(target, year)
    except Exception:  # noqa: BLE001 - a name that means no state that year is no mention
        return None
    return Mention(start, end, text, ccode=code) if code is not None else None


def states(found: list[Mention]) -> list[int]:
    """The distinct COW codes of ``found``, in order of first mention."""
    return list(dict.fromkeys(m.ccode for m in found if m.ccode is not None))
