"""Who did what to whom in one sentence: actor state(s), action (a CAMEO code), target state(s).

Rules, in order (no tagger or parser: the verb lexicon of :mod:`.lexicon` and the state mentions of
:mod:`.mentions` are all it reads):

1. **Actions** are the lexicon's verb phrases, written in lower case and not in a noun's place ("the
   strike", "India's offer"); quotations are masked first (what a speaker says is theirs, not the
   sentence's event; :mod:`.quotes` reads them).
2. A ``govern`` or ``intent`` verb swallows the actions after it in its clause ("urged Cairo *to
   release* …", "accused Ukraine *of shelling* …"); an intent takes its finer code from the first of
   them (:func:`.lexicon.intent_code`: "agreed to resume talks" is 036, "vowed to retaliate" 138).
3. **Actor**: the states named before the verb in its clause (after the last comma, unless the comma
   only lists states: "Russia, China and Iran signed"); the clause starts after ``;``, ``:``, a dash, a
   word such as *after*, *while*, *which* (:data:`BOUNDARY_WORDS`) or ``, and``. A pronoun subject
   ("it would retaliate") takes the sentence's previous actor, and "the two countries" its previous pair.
   **Target**: the states named after the
   verb up to the clause's end or the next action.
4. **Passive** ("Iran was sanctioned by Britain"): a participle after a form of *be* or *get*; the states
   after *by* are the actors and the subject's the targets.
5. **Negated** when *not*, *n't*, *never*, *neither*, *nor* or *without* stands within three words before
   the verb.
6. A force verb (roots 18–20) after *will*, *would*, *could*, *may*, *might* is a threat (138) when a
   statement comes before it ("Iran said it would retaliate"), and a forecast, not an event, otherwise
   ("analysts think they will clash again").
7. **Reciprocal**: two or more actors joined by *and* (not *neither … nor*) and no other target, for an action done *with* someone (intent,
   consult, diplomatic or material cooperation, fighting, breaking ties): each is the other's target.
8. A statement ("said", "told") counts only when the sentence has no other action.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from entente.factcheck import lexicon, quotes
from entente.factcheck.mentions import Mention

BOUNDARY_WORDS = frozenset({"because", "while", "after", "before", "when", "although", "though", "whereas", "but",
                            "which", "who", "whom", "where", "since", "until", "amid", "unless", "whose"})
NEGATIONS = frozenset({"not", "n't", "never", "neither", "nor", "without"})
MODALS = frozenset({"will", "would", "could", "may", "might", "shall"})
AUXILIARIES = frozenset({"was", "were", "is", "are", "been", "being", "be", "got", "get", "gets", "has", "have", "had"})
BE_FORMS = frozenset({"was", "were", "is", "are", "been", "being", "be", "got", "get", "gets"})
PRONOUNS = frozenset({"it", "they", "he", "she"})
RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06", "19"})
_TOKEN = re.compile(r"[A-Za-z]+(?=n['’]t\b)|n['’]t\b|['’]s\b|[A-Za-zÀ-ÿ]+(?:-[A-Za-zÀ-ÿ]+)*|\d[\d.,]*|[,;:()]|[—–]|(?<=\s)-(?=\s)")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")


@dataclass
class Triple:
    """One action of a sentence: who (``actors``), what (the verb and its CAMEO code), to whom (``targets``).
    ``verb_start``/``verb_end`` and the mentions' spans are offsets in the sentence."""

    actors: list[Mention]
    targets: list[Mention]
    verb: str
    verb_start: int
    verb_end: int
    cameo_root: str
    cameo_code: str
    pattern: str
    negated: bool = False
    passive: bool = False
    reciprocal: bool = False
    kind: str = "event"
    absorbed: list[str] = field(default_factory=list)


def tokens(sentence: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(sentence)]


def mask_quotes(sentence: str) -> str:
    """``sentence`` with the words inside quotation marks blanked (same length, offsets kept)."""
    out = sentence
    for start, end in quotes.quote_spans(sentence):
        out = out[:start] + " " * (end - start) + out[end:]
    return out


def _hard_boundary(toks: list[Token], i: int) -> bool:
    word = toks[i].lower
    if word in (";", ":", "(", ")", "—", "–", "-") or word in BOUNDARY_WORDS:
        return True
    return word == "," and i + 1 < len(toks) and toks[i + 1].lower in ("and", "but", "while", "as", "which", "who")


def _actions(toks: list[Token], named: list[Mention]) -> list[lexicon.Match]:
    words = [t.lower for t in toks]
    found, i = [], 0
    while i < len(toks):
        tok = toks[i]
        previous = words[i - 1] if i else None
        if tok.text[:1].islower() and not lexicon.is_noun_position(previous, previous in ("'s",)) \
                and not _plural_after_name(toks, i, named) and not _bare_participle(words, i):
            match = lexicon.match_at(words, i)
            if match is not None:
                found.append(match)
                i = match.last + 1
                continue
        i += 1
    return found


def extract(sentence: str, year: int | None = None) -> list[Triple]:
    """The triples of ``sentence`` (see the module's docstring for the rules)."""
    masked = mask_quotes(sentence)
    toks = tokens(masked)
    words = [t.lower for t in toks]
    named = [m for m in quotes.state_mentions(masked, year) if not _attributive(masked, m)]
    actions = _actions(toks, named)
    # 2. governed actions
    kept: list[tuple[lexicon.Match, lexicon.Verb | None, list[str]]] = []
    k = 0
    while k < len(actions):
        match = actions[k]
        embedded, absorbed = None, []
        if match.verb.kind in ("govern", "intent"):
            j = k + 1
            while j < len(actions) and not any(_hard_boundary(toks, b) or words[b] == ","
                                               for b in range(actions[j - 1].last + 1, actions[j].first)):
                embedded = embedded or actions[j].verb
                absorbed.append(actions[j].verb.pattern)
                j += 1
            kept.append((match, embedded, absorbed))
            k = j
            continue
        kept.append((match, None, []))
        k += 1
    triples: list[Triple] = []
    last_actors: list[Mention] = []
    previous_pair: list[Mention] = []
    for n, (match, embedded, absorbed) in enumerate(kept):
        left = _left_limit(toks, match.first, kept[n - 1][0].last if n else -1, named)
        right = _right_limit(toks, match.last, kept[n + 1][0].first if n + 1 < len(kept) else len(toks))
        left_char = toks[left].start if left < len(toks) else 0
        verb_start, verb_end = toks[match.first].start, toks[match.last].end
        right_char = toks[right - 1].end if right - 1 < len(toks) and right > 0 else len(masked)
        head_end = toks[match.first].end          # a phrase may hold its target: "allowed UN inspectors in"
        before = [m for m in named if left_char <= m.start and m.end <= verb_start]
        after = [m for m in named if head_end <= m.start and m.end <= right_char and not _place(masked, m)]
        window = words[max(left, match.first - 3):match.first]
        passive = any(w in BE_FORMS for w in words[max(0, match.first - 3):match.first]) and \
            lexicon.is_past_participle(words[match.first])
        if passive:
            by = next((t.start for t in toks[match.first + 1:right] if t.lower == "by"), None)
            actors = [m for m in after if by is not None and m.start > by]
            targets = before + [m for m in after if by is None or m.start < by]
        else:
            actors, targets = before, after
            if match.verb.kind == "speech" and match.verb.words[0] != "tell":
                targets = []                 # "said Chinese carriers sailed …": what was said is not a target
            if match.verb.kind in ("govern", "intent") and after:
                # "urged Washington to stop arming Taiwan", "accused the US of meddling in Georgia's
                # elections": the object stands before the clause it governs
                inner = [t for t in toks[match.last + 1:right] if t.start >= after[0].end]
                clause = next((t.start for t in inner if t.lower in ("to", "of", "that")), None)
                targets = [m for m in after if clause is None or m.start < clause]
        shared = words[match.first - 1] == "and" if match.first else False
        if n and shared and last_actors:     # "expelled a diplomat and closed a consulate": one subject
            actors = list(last_actors)
        if not actors and any(w in PRONOUNS for w in words[left:match.first]) and last_actors:
            actors = list(last_actors)
        if not actors and len(previous_pair) >= 2 and _both(words[left:match.first]):
            actors = list(previous_pair)      # "…, and the two countries signed a treaty"
        root, code = match.verb.cameo_root, match.verb.cameo_code
        if match.verb.kind == "intent":
            root, code = lexicon.intent_code(embedded)
        if root in ("18", "19", "20") and any(w in MODALS for w in window):
            if not any(m.verb.kind == "speech" for m, _, _ in kept[:n]):
                continue                     # "X and Y will clash again": a forecast, not an event
            root, code = "13", "138"
        triple = Triple(_distinct(actors), [], masked[verb_start:verb_end], verb_start, verb_end, root, code,
                        match.verb.pattern, negated=any(w in NEGATIONS for w in window), passive=passive,
                        kind=match.verb.kind, absorbed=absorbed)
        actor_keys = {_key(m) for m in triple.actors}
        triple.targets = [m for m in _distinct(targets) if _key(m) not in actor_keys]
        joined = masked[triple.actors[0].end:triple.actors[-1].start].lower() if len(triple.actors) >= 2 else ""
        if len(triple.actors) >= 2 and not triple.targets and (root in RECIPROCAL_ROOTS or code == "161") \
                and not re.search(r"\b(n?or)\b", joined):
            triple.targets, triple.reciprocal = list(triple.actors), True
        if triple.actors:
            last_actors = triple.actors
            if len(triple.actors) >= 2:
                previous_pair = triple.actors
            triples.append(triple)
    events = [t for t in triples if t.kind != "speech"]
    return events if events else triples


#: Nouns after which a grouping's name is a modifier, not a party: "a Security Council draft on Ukraine".
ATTRIBUTIVE_NOUNS = frozenset({"resolution", "resolutions", "draft", "drafts", "statement", "summit", "session",
                               "debate", "vote", "meeting", "report", "charter", "declaration"})


def _attributive(sentence: str, mention: Mention) -> bool:
    if mention.group is None:
        return False
    following = re.findall(r"[A-Za-z]+", sentence[mention.end:mention.end + 20])[:1]
    return bool(following) and following[0] in ATTRIBUTIVE_NOUNS


def _bare_participle(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is an -ing form without a form of *be* before it ("an EU statement condemning
    China", "accused Ukraine of shelling"): a modifier or a governed clause, not a finite action; "without
    fighting" is kept (negated)."""
    if not words[i].endswith("ing") or len(words[i]) < 6:
        return False
    before = words[max(0, i - 2):i]
    return not (set(before) & BE_FORMS) and (not before or before[-1] != "without")


def _plural_after_name(toks: list[Token], i: int, named: list[Mention]) -> bool:
    """Whether ``toks[i]`` is a plural noun after a name that is not a state ("Hezbollah targets"): an -s
    form after a capitalised word that no state mention covers (after a state it is a verb: "Russia attacks")."""
    word, previous = toks[i].lower, toks[i - 1] if i else None
    if not (previous and previous.text[:1].isupper() and word.endswith("s") and not word.endswith("ss")):
        return False
    return not any(m.start <= previous.start < m.end for m in named)


#: A state named after one of these words and before a word of :data:`PLACE_NOUNS` is where something
#: happened, not to whom ("near the Syrian border"); "drills near Taiwan" keeps Taiwan as the target.
PLACE_WORDS = frozenset({"near", "along", "across", "off", "outside"})
PLACE_NOUNS = frozenset({"border", "frontier", "coast", "waters", "city", "town", "capital", "airspace"})


def _place(sentence: str, mention: Mention) -> bool:
    following = re.findall(r"[A-Za-z]+", sentence[mention.end:mention.end + 20].lower())[:1]
    if not following or following[0] not in PLACE_NOUNS:
        return False
    words = re.findall(r"[A-Za-z]+", sentence[max(0, mention.start - 30):mention.start].lower())[-3:]
    for word in reversed(words):
        if word in PLACE_WORDS:
            return True
        if word not in ("the", "a", "an"):
            return False
    return False


def _both(words: list[str]) -> bool:
    """Whether ``words`` (a subject) refer to two states named before: "the two countries", "both sides"."""
    text = " ".join(words)
    return bool(re.search(r"\b(the two|both) (countries|states|sides|governments|nations|neighbours|neighbors)\b|"
                          r"^\s*both\s*$", text))


def _key(m: Mention):
    return m.ccode if m.ccode is not None else m.group


def _distinct(found: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in found:
        if _key(m) not in seen:
            seen.add(_key(m))
            out.append(m)
    return out


def _left_limit(toks: list[Token], first: int, previous_last: int, named: list[Mention]) -> int:
    """The first token of the verb's clause: after the previous action, a hard boundary or a comma that
    does not merely list states."""
    i = first - 1
    while i > previous_last:
        word = toks[i].lower
        if _hard_boundary(toks, i):
            return i + 1
        if word == ",":
            # a listing comma ("Russia, China and Iran") has a state name right before it
            before = toks[i - 1] if i else None
            if not (before and before.text[:1].isupper() and before.lower not in ("on", "in")
                    and i >= 1 and _list_item(toks, i, named)):
                return i + 1
        i -= 1
    return previous_last + 1


def _list_item(toks: list[Token], comma: int, named: list[Mention]) -> bool:
    """Whether the words before ``comma`` back to the previous punctuation are one state's name (with
    "the" or "and"): "Russia, China and Iran signed", not "Addressing the UN General Assembly, …"."""
    j = comma - 1
    while j >= 0 and toks[j].lower not in (",", ";", ":", "—", "–", "-"):
        inside = any(m.start <= toks[j].start < m.end for m in named)
        if not (inside or toks[j].lower in ("the", "and")):
            return False
        j -= 1
    return True


def _right_limit(toks: list[Token], last: int, next_first: int) -> int:
    """One past the last token of the verb's object: the clause's end or the next action."""
    i = last + 1
    while i < next_first:
        if _hard_boundary(toks, i):
            return i
        if toks[i].lower == ",":
            rest = [t for t in toks[i + 1:i + 4] if t.lower not in ("and", "or", "the")]
            if not rest or not rest[0].text[:1].isupper():
                return i
        i += 1
    return next_first
