"""Quotations in an article and who said them: ``“…,” X said``, ``X said: “…”``, ``“…,” said X``,
``“…,” according to X``, ``X told reporters “…”``.

The speaker is the phrase the attribution names, as written ("Russia's foreign minister", "Kremlin
spokesman Dmitry Peskov", "a Chinese analyst"). It speaks for a state when it names one and is an office
of that state (:data:`OFFICES`: minister, president, spokesman, embassy, the Kremlin …) or is the state
itself ("Moscow said"); a person merely of a nationality (:data:`NOT_STATE_HEADS`: "a Chinese analyst",
"Iranian protesters") does not. Institutions named without their state ("the State Department", "the
White House") are read through :data:`INSTITUTIONS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from entente.factcheck import mentions as _mentions

#: Words that make a phrase an office of the state it names.
OFFICES = frozenset({
    "minister", "ministry", "president", "presidency", "premier", "chancellor", "spokesman", "spokeswoman",
    "spokesperson", "spokespeople", "ambassador", "envoy", "government", "official", "officials", "leader",
    "king", "queen", "emir", "prince", "diplomat", "diplomats", "embassy", "army", "military", "cabinet",
    "representative", "delegation", "negotiator", "secretary", "department", "office", "kremlin", "pentagon",
    "forces", "navy", "administration", "counterpart", "defence", "defense", "parliament", "mission", "consulate",
    "authorities", "regime", "junta", "chief", "commander", "troops", "coast", "guard", "warships", "aircraft",
    "jets", "soldiers", "state", "house", "street", "palace",
})

#: Nouns after a nationality that name people or bodies that do not speak or act for the state.
NOT_STATE_HEADS = frozenset({
    "analyst", "analysts", "oligarch", "oligarchs", "protester", "protesters", "protestors", "citizen", "citizens",
    "journalist", "journalists", "company", "companies", "firm", "firms", "newspaper", "newspapers", "opposition",
    "activist", "activists", "rebel", "rebels", "student", "students", "businessman", "businessmen", "expert",
    "experts", "scholar", "scholars", "academic", "academics", "dissident", "dissidents", "tourist", "tourists",
    "nationals", "fans", "workers", "farmers", "bank", "banks", "media", "blogger", "bloggers", "voters",
    "writer", "novelist", "artist", "athletes", "businesses", "investors", "hackers", "militants", "refugees",
    "migrants", "exiles", "opponents", "critics", "commentator", "commentators", "economist", "economists",
})

#: Institutions that stand for a state without naming it.
INSTITUTIONS = {"State Department": 2, "White House": 2, "Pentagon": 2, "Downing Street": 200, "Foreign Office": 200,
                "Élysée": 220, "Elysee": 220, "Quai d'Orsay": 220, "Zhongnanhai": 710, "Knesset": 666,
                "Bundestag": 255, "Chancellery": 255, "Blue House": 732, "Kremlin": 365}

#: Names the mention reader cuts short: "People's Republic of China" is China (710), not the "Republic of
#: China" inside it (Taiwan, 713).
FULL_NAMES = {"People's Republic of China": 710, "People’s Republic of China": 710}

SPEECH_VERBS = (r"said|says|say|told|tells|added|adds|stated|declared|insisted|warned|wrote|noted|stressed|announced"
                r"|explained|replied|argued|tweeted|posted")
_QUOTE = re.compile(r"“([^”]{2,}?)”|\"([^\"]{2,}?)\"")
_OPEN, _CLOSE = "“\"", "”\""


@dataclass(frozen=True)
class Quote:
    """A quotation at ``start:end`` of the article (inside the marks), its speaker as written and the
    speaker's state (COW code) when the speaker is an office of one."""

    start: int
    end: int
    text: str
    speaker: str | None
    speaker_ccode: int | None
    sentence_index: int | None = None


def quote_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each quotation's words in ``text``, without the marks."""
    out = []
    for m in _QUOTE.finditer(text):
        group = 1 if m.group(1) is not None else 2
        out.append((m.start(group), m.end(group)))
    return out


def find(text: str, year: int | None = None, sentences=None) -> list[Quote]:
    """The quotations of ``text`` (an article) with their speakers, for states named as of ``year``."""
    sentences = sentences if sentences is not None else _mentions.sentences(text)
    out = []
    for start, end in quote_spans(text):
        sentence = next((s for s in sentences if s.start <= start - 1 < s.end or s.start <= start < s.end), None)
        bounds = (sentence.start, sentence.end) if sentence else (0, len(text))
        # a quotation may span sentences: attribution lies before its opening in the first sentence, or
        # after its close up to the end of the sentence where it closes
        close_sentence = next((s for s in sentences if s.start <= end < s.end), sentence)
        after_end = max(close_sentence.end if close_sentence else len(text), end + 1)
        before = text[bounds[0]:start - 1]
        after = text[end + 1:after_end]
        speaker = _speaker_after(after) or _speaker_before(before)
        ccode = speaker_state(speaker, year) if speaker else None
        out.append(Quote(start, end, text[start:end], speaker, ccode, sentence.index if sentence else None))
    return out


def _clean(phrase: str) -> str | None:
    phrase = phrase.strip().strip(",;:.—–- ").strip()
    return phrase if 1 < len(phrase) <= 120 and re.search(r"[A-Za-z]", phrase) else None


def _speaker_after(tail: str) -> str | None:
    tail = tail.lstrip()
    m = re.match(r"[,.]?\s*according to (?P<s>[^.;:“\"]+)", tail, re.IGNORECASE)
    if m:
        return _clean(re.split(r",\s", m.group("s"))[0])
    m = re.match(rf"[,.]?\s*(?:{SPEECH_VERBS})\s+(?P<s>[^.;:“\"]+)", tail, re.IGNORECASE)
    if m:
        return _clean(m.group("s"))
    m = re.match(rf"[,.]?\s*(?P<s>[^“\";:]+?)\s+(?:has |had )?(?:{SPEECH_VERBS})\b", tail, re.IGNORECASE)
    if m and len(m.group("s").split()) <= 12:
        return _clean(m.group("s"))
    return None


def _speaker_before(head: str) -> str | None:
    m = re.search(rf"(?P<s>[^“\";:.,]+?)\s+(?:has |had )?(?:{SPEECH_VERBS})\b[^“\"]*[:,]?\s*$", head, re.IGNORECASE)
    if m:
        return _clean(m.group("s"))
    m = re.search(r"according to (?P<s>[^“\";:]+?)[,:]?\s*$", head, re.IGNORECASE)
    return _clean(m.group("s")) if m else None


def speaker_state(speaker: str, year: int | None = None) -> int | None:
    """The COW code of the state ``speaker`` speaks for, or None (see the module's docstring)."""
    found = [m for m in state_mentions(speaker, year) if m.ccode is not None]
    if not found:
        return None
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", speaker)}
    first = found[0]
    rest = speaker[first.end:].strip(" '’s")
    bare = not re.sub(r"^(the|a|an)\s+", "", rest, flags=re.IGNORECASE).strip() and len(speaker.split()) <= 4
    if words & OFFICES or bare:
        return first.ccode
    return None


def state_mentions(sentence: str, year: int | None = None) -> list[_mentions.Mention]:
    """The states and groupings :func:`entente.factcheck.mentions.mentions` finds in ``sentence``, plus
    :data:`INSTITUTIONS`, less those followed by a :data:`NOT_STATE_HEADS` noun ("a Russian analyst")."""
    found = list(_mentions.mentions(sentence, year))
    for name, ccode in FULL_NAMES.items():          # a longer name wins over the shorter one inside it
        for m in re.finditer(rf"\b{re.escape(name)}\b", sentence):
            found = [x for x in found if not (m.start() <= x.start < m.end())]
            found.append(_mentions.Mention(m.start(), m.end(), m.group(0), ccode=ccode))
    for name, ccode in INSTITUTIONS.items():
        for m in re.finditer(rf"\b{re.escape(name)}\b", sentence):
            if not any(x.start <= m.start() < x.end for x in found):
                found.append(_mentions.Mention(m.start(), m.end(), name, ccode=ccode))
    found.sort(key=lambda m: m.start)
    return [m for m in found if not _not_state(sentence, m)]


def _not_state(sentence: str, mention: _mentions.Mention) -> bool:
    after = re.findall(r"[A-Za-z'’-]+", sentence[mention.end:mention.end + 40])
    words = [w.lower() for w in after if w.lower() not in ("'s", "’s", "s")][:2]
    return bool(words) and (words[0] in NOT_STATE_HEADS or (len(words) > 1 and words[1] in NOT_STATE_HEADS
                                                              and words[0] not in OFFICES))
