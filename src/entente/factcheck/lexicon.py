"""The verb lexicon of ``entente read``: verb phrases → CAMEO codes, and the small stemmer that reads them.

The lexicon is data, ``entente/data/cameo_verbs.csv``, one row per verb phrase: ``pattern`` (lemmas,
space-separated; the first is the verb), ``cameo_root`` (two digits, 01–20), ``cameo_code`` (as fine as
the phrase makes clear), ``kind`` and a ``note`` naming the CAMEO category. Written for entente from the
category definitions of the CAMEO codebook: Gerner, Schrodt, Yilmaz & Abu-Jabr (2002), *Conflict and
Mediation Event Observations (CAMEO) Codebook*, v1.1b3 (the codes and their names are the warehouse's
``cameo_event_codes`` table). Kinds:

* ``event`` — the phrase is the action;
* ``speech`` — a statement ("said", "told"): kept only when the sentence holds no other action;
* ``govern`` — a verb that takes a clause ("urged X to …", "accused X of …", "demanded that …"): the
  verbs after it in its clause are its content, not actions of their own;
* ``intent`` — a stated intent ("pledged to …", "agreed to …"): 03, made finer by the verb after it
  (:func:`intent_code`), or a threat (138) when that verb is force.

A pattern word written ``+word`` may come after up to :data:`GAP` other words ("imposed *new* sanctions");
other words follow one another. Inflections come from :func:`lemmas`, a suffix stemmer (-s, -es, -ies,
-ed, -ied, -ing, doubled consonants) with a short table of irregular verbs; there is no tagger, so a
verb-looking word right after an article or a possessive ("the strike", "India's offer") is read as a
noun (:func:`is_noun_position`).
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from entente.config import snapshot_dir

#: The lexicon file, in the package's data folder.
LEXICON_FILE = "cameo_verbs.csv"
#: How many words may stand between the verb and a ``+word`` of its pattern.
GAP = 3
KINDS = ("event", "speech", "govern", "intent")

#: Irregular forms → lemma (past, participle, third person where the suffix rules would miss them).
IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "met": "meet", "fought": "fight", "struck": "strike",
    "stricken": "strike", "shot": "shoot", "broke": "break", "broken": "break", "took": "take", "taken": "take",
    "gave": "give", "given": "give", "sent": "send", "withdrew": "withdraw", "withdrawn": "withdraw",
    "sought": "seek", "held": "hold", "spoke": "speak", "spoken": "speak", "forgave": "forgive",
    "forgiven": "forgive", "went": "go", "gone": "go", "sank": "sink", "sunk": "sink", "lent": "lend",
    "sold": "sell", "froze": "freeze", "frozen": "freeze", "drew": "draw", "threw": "throw", "rose": "rise",
    "brought": "bring", "began": "begin", "cut": "cut", "put": "put", "shut": "shut", "hit": "hit",
    "led": "lead", "made": "make", "won": "win", "bombed": "bomb", "bombing": "bomb", "bombs": "bomb",
    "slew": "slay", "hung": "hang", "undertook": "undertake", "overran": "overrun", "bade": "bid",
    "ran": "run", "fled": "flee", "dealt": "deal", "laid": "lay", "paid": "pay", "found": "find",
    "mediated": "mediate", "de-escalated": "de-escalate", "test-fired": "test-fire", "freed": "free",
}


@dataclass(frozen=True)
class Verb:
    """One row of the lexicon: its words (``+`` marks a word that may come after a gap)."""

    pattern: str
    words: tuple[str, ...]
    gapped: tuple[bool, ...]
    cameo_root: str
    cameo_code: str
    kind: str
    note: str


@functools.cache
def lexicon() -> tuple[Verb, ...]:
    """The rows of ``cameo_verbs.csv``, longest patterns first (a longer phrase wins over its verb alone)."""
    path = snapshot_dir() / LEXICON_FILE
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            parts = row["pattern"].split()
            rows.append(Verb(row["pattern"], tuple(p.lstrip("+") for p in parts), tuple(p.startswith("+") for p in parts),
                             row["cameo_root"], row["cameo_code"], row["kind"], row["note"]))
    return tuple(sorted(rows, key=lambda v: -len(v.words)))


@functools.cache
def by_head() -> dict[str, tuple[Verb, ...]]:
    """Lexicon rows by their first word (the verb's lemma)."""
    out: dict[str, list[Verb]] = {}
    for verb in lexicon():
        out.setdefault(verb.words[0], []).append(verb)
    return {head: tuple(rows) for head, rows in out.items()}


@functools.cache
def lemmas(word: str) -> frozenset[str]:
    """The lemmas ``word`` (lower case) may be a form of: itself, an irregular verb's base, and what the
    suffix rules give ("sanctioned" → sanction, "shelling" → shell, "stopped" → stop, "denied" → deny,
    "praised" → praise, "urges" → urge)."""
    out = {word}
    if word in IRREGULAR:
        out.add(IRREGULAR[word])
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("es", "e"), ("s", ""), ("ed", ""), ("ed", "e"),
                         ("d", ""), ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            stem = word[: -len(suffix)] + repl
            out.add(stem)
            if suffix in ("ed", "ing") and len(stem) >= 3 and stem[-1] == stem[-2]:
                out.add(stem[:-1])                      # stopped → stop, expelled → expel (shelled keeps shell too)
    return frozenset(out)


def is_past_participle(word: str) -> bool:
    """Whether ``word`` may be a past participle (a passive after was/were/been): -ed, -en or irregular."""
    return word.endswith(("ed", "en")) or (word in IRREGULAR and not word.endswith("s"))


#: Words after which a verb-looking word is a noun ("the strike", "a ban", "its offer").
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "our",
                         "any", "every", "each", "new", "such", "no", "of", "whose", "my", "your"})


def is_noun_position(previous: str | None, previous_possessive: bool) -> bool:
    """Whether a word after ``previous`` (lower case) reads as a noun: after a determiner or a possessive."""
    return previous_possessive or (previous in DETERMINERS)


@dataclass(frozen=True)
class Match:
    """A lexicon phrase found at tokens ``first``..``last`` (inclusive) of a sentence."""

    verb: Verb
    first: int
    last: int


def match_at(words: list[str], i: int) -> Match | None:
    """The longest lexicon phrase whose verb is ``words[i]`` (lower-case words of a sentence), or None."""
    for lemma in lemmas(words[i]):
        for verb in by_head().get(lemma, ()):
            last = _rest(words, i, verb)
            if last is not None:
                return _longest(words, i, last, verb)
    return None


def _longest(words: list[str], i: int, last: int, found: Verb) -> Match:
    """Among every phrase that matches at ``i`` (several lemmas may), the one with most words."""
    best = Match(found, i, last)
    for lemma in lemmas(words[i]):
        for verb in by_head().get(lemma, ()):
            end = _rest(words, i, verb)
            if end is not None and len(verb.words) > len(best.verb.words):
                best = Match(verb, i, end)
    return best


def _rest(words: list[str], i: int, verb: Verb) -> int | None:
    """The index of the phrase's last word when the words after ``i`` fit the pattern, else None."""
    pos = i
    for word, gapped in zip(verb.words[1:], verb.gapped[1:]):
        reach = GAP + 1 if gapped else 1
        for step in range(1, reach + 1):
            k = pos + step
            if k >= len(words) or words[k] in (";", ":", "."):
                return None
            if word in lemmas(words[k]):
                pos = k
                break
        else:
            return None
    return pos


def intent_code(embedded: Verb | None) -> tuple[str, str]:
    """A stated intent's (root, code) from the verb it governs: force (18–20) → 13/138 (a threat); a
    reduction of relations or coercion (16–17) → 13/130; else 03 with CAMEO's finer intent codes
    (meet or negotiate 036, mediate 039, material aid 033, material cooperation 031, diplomatic
    cooperation 032, yield 035)."""
    if embedded is None:
        return "03", "030"
    root = embedded.cameo_root
    if root in ("18", "19", "20"):
        return "13", "138"
    if root in ("16", "17", "13"):
        return "13", "130"
    if embedded.cameo_code == "045":
        return "03", "039"
    return "03", {"04": "036", "07": "033", "06": "031", "05": "032", "08": "035"}.get(root, "030")
