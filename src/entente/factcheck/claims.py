"""The registry of claim templates, and finding an article's claims.

A template is one kind of claim the warehouse can check. It has intent ``patterns`` (regular
expressions over the sentence), the number of states it ``needs``, a ``default`` period when the
sentence names none, the parameters it reads from the sentence (:func:`_params`), the ``check``
(query, comparator and verdict rule, in :mod:`entente.factcheck.checks`), the ``measures`` robustness
may swap in, and its ``tolerance`` stated in words.

A sentence can hold several claims (one per template that fits). States come from the sentence's
mentions; when it names fewer than a template needs but refers to "the two countries", "both" or
"they", the pair of the nearest earlier sentence that named two states stands in. A sentence in the
future tense, or an opinion ("should", "I think"), is ``not checkable``.

Groups of three or more: a ``bloc`` claim is about the states a sentence lists together ("Russia, China,
Iran and North Korea"; not a pair compared with a third), a grouping of fixed members (``CRINK``, see
:data:`entente.factcheck.mentions.GROUPINGS`), or "the four states" an earlier sentence listed. A
grouping without fixed members ("NATO", "the West") stays a grouping, which entente does not check.
A seizure of a listed territory ("Russia seized Crimea in 2014", "the Golan Heights, which Israel captured in
1967") is a ``disputes`` claim against the state that held the territory then
(:mod:`entente.factcheck.territories`); a sentence naming no state but Détente is about the United States and
the Soviet Union. Some kinds take a sentence from others (:data:`OWNED`): a bloc's votes are not a pair's, and news
phrasing ("reported", "in the news", "events") makes clashes a news-event claim, not a COW dispute.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from entente.factcheck import checks
from entente.factcheck import mentions as _m
from entente.factcheck import periods as _p
from entente.factcheck import territories as _terr
from entente.factcheck.verdicts import Claim

DEFENCE = r"defen[cs]e"
#: A treaty of friendship ("a treaty of peace and friendship", "the friendship treaty"): in ATOP when it carries a
#: security pledge (the 1978 Sino-Japanese treaty: non-aggression), else in no dataset entente reads.
FRIENDSHIP_TREATY = r"\btreat(?:y|ies) of (?:peace,? )?(?:and )?(?:good-neighbou?rliness,? )?(?:and )?friendship\b|\bfriendship treat(?:y|ies)\b"
#: "During the Cold War": a period's name, not a cold war the sentence claims ("a new cold war") nor a war.
NAMED_WAR_PERIOD = re.compile(r"\b(?:during|in|throughout|since|after|over|before|of|at the (?:height|end|start|"
                              r"beginning|close) of) the (?:early |late )?cold war\b|\bpost-cold war\b")
#: Coming close to war is a militarized dispute, not a war.
NEAR_WAR = r"\b(nearly|almost|close to|brink of|verge of|edge of)\s+(went to |going to |go to )?war\b"


@dataclass(frozen=True)
class Template:
    """One kind of claim: its ``kind`` and what it is ``about``, the intent ``patterns`` (any one,
    lower-case sentence) and ``exclude`` patterns (none may match), the ``check`` (query, comparator and
    verdict rule), the ``measures`` (the first is used; robustness tries the others), the
    ``tolerance`` in words, the ``default`` period when the sentence names none (``history``: 1816 to
    the article's year; ``recent``: its last ten years; ``now``: its year), and how many states it ``needs``."""

    kind: str
    about: str
    patterns: tuple[str, ...]
    check: Callable
    measures: tuple[str, ...]
    tolerance: str
    default: str = "history"
    needs: int = 2
    exclude: tuple[str, ...] = ()

    def matches(self, sentence: str) -> re.Match | None:
        low = NAMED_WAR_PERIOD.sub(lambda m: " " * len(m.group(0)), sentence.lower())   # same offsets
        if any(re.search(x, low) for x in self.exclude):
            return None
        for pattern in self.patterns:
            if m := re.search(pattern, low):
                return m
        return None


#: Cooperation and conflict words a news-event claim is about.
EVENT_WORDS = r"(cooperat\w*|conflict\w*|clash\w*|tensions?|hostilit\w*|confrontations?)"
#: News phrasing: a sentence about reported events, not about what a dataset of wars or disputes records.
NEWS = r"(reported|recorded|in the news|news (reports?|coverage|stories|events?)|media reports?|(reports?|mentions?) of|events?\b|gdelt)"
#: A partner's place among a state's trading partners ("largest trading partner", "second-biggest export market").
RANKED = (r"(largest|biggest|main|top(\s+(three|five|ten|\d+))?|leading|principal|chief|(second|third|fourth|fifth)[- ](largest|biggest))\s+"
          r"(trading|trade|commercial|export|import)\s+(partner|market|destination|supplier|source)s?")
SHARE = (RANKED, r"\b(accounts? for|accounted for|takes?|took|buys?|bought|represents?|represented|makes? up|made up|"
         r"receives?|received)\b[^.]{0,30}(%|\bpercent\b|\bper cent\b)[^.]{0,15}\bof\b[^.]{0,40}\b(trade|exports|imports)\b",
         r"\bshare of\b[^.]{0,40}\b(trade|exports|imports)\b")

TEMPLATES: tuple[Template, ...] = (
    Template("bloc", "three or more states act as a bloc or axis (UN cohesion against region-matched random groups; "
             "defence ties and rivalries among them)",
             (r"\baxis\b", r"\bblocs?\b", r"\b(aligned|alignment|align)\b", r"\bcoalition\b",
              r"\bvot\w*\b[^.]{0,40}\b(together|as a bloc|alike|in (lock-?step|unison)|the same way)\b",
              r"\b(cooperat\w*|coordinat\w*|partnership|united front|quartet|troika)\b"),
             checks.bloc, ("kappa",),
             "the group's UN cohesion (mean κ) placed among 1,000 random groups of the same regions, year by year: "
             "above the 95th percentile on average supported (the percentile said), at or below the median "
             "contradicted, in between partly, and partly too when a member votes with the others no more than "
             "random groups do", "recent", needs=3, exclude=(r"\baxis of (evil|resistance)\b",)),
    Template("events", "cooperation or conflict between the pair as reported in the news (GDELT events, CAMEO quad classes)",
             (rf"\b{NEWS}[^.]{{0,80}}\b{EVENT_WORDS}", rf"\b{EVENT_WORDS}[^.]{{0,80}}\b{NEWS}",
              r"\bdiplomatic (cooperation|engagement|contacts?|exchanges?)\b",
              r"\b(stepped up|steps? up|stepping up|ramped up|deepened|intensified|expanded|scaled back)\b[^.]{0,30}"
              r"\bcooperation\b",
              r"\bcooperation\b[^.]{0,30}\b(rose|grew|increased|intensified|deepened|fell|declined|dropped|expanded)\b"),
             checks.events, ("share", "rate"),
             "events happened: one of the class (none among at least 10 contradicts); dominance: the class's share "
             "of the pair's GDELT events above 55% (cooperation or conflict as said), "
             "below 45% contradicted, between partly; a change: the share moved the claimed way by more than 5 "
             "points against the period before (the rate per hour of news by more than 10%); at least 10 events",
             "now", exclude=(r"\bmilitari[sz]ed\b", r"\bthe events of\b", r"\bevents of (\d{4}|the)\b")),
    Template("shared_adversary", "both states share an adversary (strategic rivals of the same state)",
             (r"\b(share[sd]?|sharing)\b[^.]{0,30}\b(adversar|enem|rival|foe|opponent)",
              r"\b(common|same|mutual)\s+(\w+\s+)?(adversar|enem|rival|foe)"), checks.shared_adversary, ("tss", "td"),
             "a rivalry spell overlapping the period with the same third state", "recent"),
    Template("wars", "the pair fought inter-state wars (COW)",
             (r"\b(fought|fight|fighting)\b[^.]{0,40}\bwars?\b", r"\bwent to war\b", r"\b(been|were|was) at war\b",
              r"\bwars? (with|against|between)\b", r"\b(fought|fight) (each other|one another)\b",
              r"\bnever fought\b", r"\bfought (again|once more|each other|one another)\b"), checks.wars, ("cow",),
             "exact count; ±1 when the count is approximate",
             exclude=(r"\b(cold|trade|proxy|civil|tariff|price|information|culture) wars?\b", NEAR_WAR)),
    Template("disputes", "militarized interstate disputes between the pair in a period (COW MID); a seizure of "
             "territory ('Russia seized Crimea') is one in which the seizer occupied territory or did more (MID highest "
             "action 14 or above), then a UCDP/PRIO armed conflict after the MID data end",
             (r"\bmilitari[sz]ed (interstate )?disputes?\b", r"\bborder (clashes|skirmishes|incidents)\b",
              r"\b(clash|clashed|clashes|clashing|skirmish(es)?|military confrontations?|armed confrontations?|"
              r"exchanges? of fire|standoffs?)\b", NEAR_WAR), checks.disputes, ("cow", "gml"),
             "exact count; ±20% (at least ±1) when approximate; a seizure: any such dispute in the period"),
    Template("rivalry", "the pair are strategic rivals (Thompson, Sakuwa & Suhas; Thompson–Dreyer)",
             (r"\b(rivals?|rivalry|arch-?enem\w*|adversar(y|ies)|enemies|foes)\b",), checks.rivalry, ("tss", "td"),
             "a rivalry spell overlapping the period", "recent"),
    Template("alliance", "an alliance or defence pact between the pair (ATOP obligations, COW alliances)",
             (rf"\b{DEFENCE} (pact|treaty|agreement|alliance|commitment|obligation)s?\b", rf"\bmutual {DEFENCE}\b",
              r"\bmilitary alliance\b", r"\bnon-?aggression (pact|treaty)\b", r"\bneutrality (pact|treaty)\b",
              r"\b(allies|allied|alliance|treaty allies)\b", r"\bsecurity guarantee\b", FRIENDSHIP_TREATY,
              r"\bmembers? of (nato|the north atlantic treaty organi[sz]ation|the warsaw pact|seato|cento|the rio pact)\b"),
             checks.alliance, ("atop", "cow"), "any year of the period with such an obligation either way", "now",
             exclude=(r"\bstrategic partner", r"\ballied (powers|forces)\b")),
    Template("un_voting", "UN General Assembly voting together or apart, against each state's average",
             (r"\b(vot\w*|align\w*|side[sd]? with|agree\w*)\b[^.]{0,80}\b(un|united nations|general assembly)\b",
              r"\b(un|united nations|general assembly)\b[^.]{0,80}\b(vot\w*|align\w*)\b"),
             checks.un_voting, ("agree", "kappa", "s_abs"),
             "above (together) or below (apart) both states' mean with all partners; a percentage within ±2 "
             "points (±5 when approximate)", "recent"),
    Template("tone", "relations cordial/friendly or hostile/tense over a period (disputes and UN alignment)",
             (r"\b(cordial|friendly|warm|close (ties|relations|partners)|good relations|hostile|hostility|tense|"
              r"frosty|enmity|antagonis\w*|strained)\b",), checks.tone, ("kappa", "agree"),
             "no militarized dispute and alignment above both averages (cordial), or the opposite (hostile)",
             "recent"),
    Template("trade", "trade between the pair: growth, decline or level, or a partner's share of a state's trade or "
             "its rank among the state's partners (COW trade, then IMF DOTS and IMTS)",
             (r"\b(trade|commerce|exports?|imports?|sales)\b[^.]{0,60}\b(grew|grown|rose|risen|increas\w*|expand\w*|"
              r"doubled|tripled|trebled|quadrupled|halved|fell|fallen|declin\w*|dropped|shr[ua]nk|surged|soared|"
              r"collapsed|reached|stood at|worth|totall?ed|stayed|remained)\b",
              r"\b(grew|rose|doubled|tripled|halved|fell|declined)\b[^.]{0,40}\btrade\b", *SHARE), checks.trade,
             ("total",), exclude=(r"\b(arms|weapons?|military) sales\b",),
             tolerance="growth >5% (decline <−5%); a factor within ±10% (±20% approximate); a level within ±15%; a "
             "share within ±1 point or ±10% (±2 points or ±20% approximate), bounds ('under 1%') exact; a rank exact "
             "('one of the largest': in the top five)",
             default="recent"),
    Template("vetoes", "Security Council vetoes by one state on drafts concerning another",
             (r"\bveto(ed|es|ing)?\b",), checks.vetoes, ("bearing", "topic"),
             "exact count ±15% (at least ±1); existence for 'vetoed'", "history"),
    Template("arms", "arms transfers between the pair (SIPRI)",
             (r"\b(sold|sells|supplied|supplies|supply|delivered|delivers|sent|sends|shipped|transferred|bought|"
              r"buys|purchased|acquired|exported|imported)\b[^.]{0,60}\b(arms|weapons|drones?|missiles?|fighter|"
              r"jets|tanks|air[- ]defen[cs]e|ammunition|warships?|artillery|shells)\b",
              r"\b(arms|weapons|drones?|missiles?|fighter jets?|air[- ]defen[cs]e systems?)\b[^.]{0,40}\b(sold|supplied|"
              r"delivered|sent|shipped|transferred|bought|purchased)\b"), checks.arms, ("sipri",),
             "any delivery in the period", "recent"),
    Template("sanctions", "sanctions imposed by one state on another (TIES)",
             (r"\b(sanction(ed|s)?|embargo(ed|es)?)\b",), checks.sanctions, ("ties",), "any case in the period",
             "history", exclude=(r"\bsanctioned by the (un|united nations|security council)\b",)),
)
BY_KIND = {t.kind: t for t in TEMPLATES}
#: A claim of the key's kind in a sentence takes the sentence from these kinds: a bloc of three or more is
#: not a pair's votes or tone; reported news events are not the militarized disputes COW records.
OWNED = {"shared_adversary": ("rivalry",), "bloc": ("un_voting", "tone"), "events": ("disputes", "tone")}

#: Groupings that are venues, not blocs: "at the UN" names where states vote, not who.
VENUES = frozenset({"UN", "United Nations", "Security Council", "General Assembly"})

NEGATION = re.compile(r"\b(never|no|not|n't|without|neither|nor|none|lacks?|absence of|stop(ped)? short of)\b|n't\b")
NOT_CHECKABLE = re.compile(
    r"\b(will|shall|going to|is set to|are set to|is expected to|are expected to|is likely to|are likely to|"
    r"about to be|plans? to|intends? to|expects?|expected|predicts?|predicted|forecasts?|likely|unlikely|probably|"
    r"should|ought to|must|could|might|may well|would be|would likely|"
    r"i think|we think|i believe|we believe|in my view|in our view|arguably|perhaps|seems? to|appears? to)\b")
PRONOUN_PAIR = re.compile(r"^(relations|ties|trade|bilateral|relationship)\b|\b(the rivalry|the relationship|the alliance|"
                          r"the two|both (countries|states|nations|sides|governments|capitals)|both\b|they|them|their|"
                          r"each other|one another|the pair|the neighbou?rs|the allies|the rivals)\b", re.IGNORECASE)

#: The nouns a template's counts count ("four wars", "more than a dozen resolutions"); a count of
#: something else in the sentence is not the claim's number.
COUNTED = {"wars": ("war", "wars", "conflict", "conflicts", "times"),
           "disputes": ("dispute", "disputes", "clashes", "conflict", "conflicts", "times"),
           "vetoes": ("vetoes", "times", "resolutions", "drafts"), "sanctions": ("times",)}


def _quantities(kind: str, found: list) -> list:
    return [q for q in found if q.unit != "count" or q.of in COUNTED.get(kind, ())]


def _params(template: Template, sentence: str, match: re.Match) -> dict:
    low = sentence.lower()
    if template.kind == "alliance":
        if re.search(rf"{DEFENCE}|military (alliance|allies|ally)|security guarantee|members? of (nato|the north "
                     r"atlantic|the warsaw pact|seato|cento|the rio pact)", low):
            return {"obligation": "defence"}
        if "non-aggression" in low or "nonaggression" in low:
            return {"obligation": "non-aggression"}
        if "neutrality" in low:
            return {"obligation": "neutrality"}
        if re.search(FRIENDSHIP_TREATY, low) and not re.search(r"\b(allies|allied|alliance)\b", low):
            return {"obligation": "any", "friendship": True}
        return {"obligation": "any"}
    if template.kind == "un_voting":
        apart = re.search(r"\b(apart|differently|against each other|opposite|rarely|seldom|split|diverge\w*|oppos\w*)\b", low)
        far = re.search(r"\b(far|much|significantly|considerably|substantially|markedly)\s+(more|less|closer)\b", low)
        majority = re.search(r"\bmore often than (not|together|apart)\b|\bon most (resolutions|votes|issues)\b|"
                             r"\bmost of the time\b|\bmajority of (resolutions|votes)\b", low)
        return {"direction": "apart" if apart else "together", "intensified": bool(far), "majority": bool(majority)}
    if template.kind == "tone":
        hostile = re.search(r"\b(hostile|hostility|tense|frosty|enmity|antagonis\w*|strained)\b", low)
        return {"tone": "hostile" if hostile else "cordial"}
    if template.kind == "trade" and any(re.search(x, low) for x in SHARE):
        return _share_params(low)
    if template.kind == "events":
        what = "conflict" if re.search(r"\b(conflict\w*|clash\w*|tensions?|hostilit\w*|confrontations?)\b", low) else "cooperation"
        if re.search(r"\b(fell|fallen|declin\w*|dropped|decreas\w*|scaled back|eased|cooled)\b", low):
            return {"what": what, "change": "down"}
        if re.search(r"\b(rose|risen|grew|grown|increas\w*|stepped up|steps? up|stepping up|ramped up|deepened|"
                     r"intensified|expanded|surged|soared)\b", low):
            return {"what": what, "change": "up"}
        dominant = re.search(r"\b(mostly|mainly|largely|dominat\w*|predominantly|majority|chiefly|overwhelmingly)\b", low)
        return {"what": what, "change": None, "dominant": bool(dominant)}
    if template.kind == "arms":
        return {"weapons": checks.weapons(low), "direction": "a_to_b"}
    if template.kind == "trade":
        if re.search(r"\b(fell|fallen|declin\w*|dropped|shr[ua]nk|halved|collapsed)\b", low):
            return {"change": "down"}
        if re.search(r"\b(grew|grown|rose|risen|increas\w*|expand\w*|doubled|tripled|trebled|quadrupled|surged|soared)\b", low):
            return {"change": "up"}
        return {"change": None}
    if template.kind == "disputes":
        return {"force": bool(re.search(r"\b(clash|skirmish|exchanges? of fire|fighting)\w*", low))}
    return {}


#: "in Europe", "among Asian states": the partners a rank is counted among (COW regions).
REGION_WORDS = {"Americas": r"the americas|latin america|south america|north america|american",
                "Europe": r"europe|european", "Africa": r"africa|african", "Middle East": r"the middle east|middle eastern",
                "Asia": r"asia|asian"}


def _share_params(low: str) -> dict:
    """A share claim's flow (the owner's ``exports``, ``imports`` or ``total`` trade: the noun the share or
    rank is of), its rank ("largest" 1, "second-largest" 2; "one of the largest" or "top five": within the
    first five), ``region`` ("largest trading partner in Europe": ranked among European partners) and
    ``mutual`` ("each other's largest trading partners": both ways)."""
    ranked = re.search(RANKED, low)
    if ranked:
        noun = ranked.group(0).split()[-2] + " " + ranked.group(0).split()[-1]
        flow = ("exports" if re.search(r"export|market|destination", noun) else
                "imports" if re.search(r"import|supplier|source", noun) else "total")
    else:
        of = re.search(r"\bof\b[^.]{0,40}?\b(trade|exports|imports)\b", low)
        flow = {"exports": "exports", "imports": "imports"}.get(of.group(1) if of else "", "total")
    out = {"measure": "share", "flow": flow, "rank": None, "within": None, "region": None,
           "mutual": bool(re.search(r"\beach other'?s\b|\bone another'?s\b", low))}
    if ranked:
        nth = re.search(r"\b(second|third|fourth|fifth)[- ](largest|biggest)\b", low)
        out["rank"] = {"second": 2, "third": 3, "fourth": 4, "fifth": 5}[nth.group(1)] if nth else 1
        top = re.search(r"\btop (three|five|ten|\d+)\b", low)
        if top:
            out["within"] = {"three": 3, "five": 5, "ten": 10}.get(top.group(1)) or int(top.group(1))
        elif re.search(r"\bone of\b", low):
            out["within"] = 5
        after = low[ranked.end():ranked.end() + 40]
        out["region"] = next((r for r, words in REGION_WORDS.items()
                              if re.match(rf"\s*(in|among|within)\s+(the\s+)?({words})\b", after)), None)
    return out


#: Where one clause of a sentence ends and the next begins: ", and", ", but", ", while", ";".
CLAUSE = re.compile(r",\s*(?:and|but|while|whereas|then)\s+|;\s*")


def _clause_period(text: str, match: re.Match, ref: int | None) -> _p.Period | None:
    """The period of the clause that holds the claim's words, when the sentence names years in more than
    one clause: "… established relations in 1972, and the two signed a treaty in 1978" (the treaty: 1978)."""
    if len(set(re.findall(_p.YEAR, text))) < 2:
        return None
    cuts = [0, *(m.end() for m in CLAUSE.finditer(text)), len(text) + 1]
    for first, after in zip(cuts, cuts[1:]):
        if first <= match.start() < after:
            return _p.period(text[first:after], ref)
    return None


def _negated(sentence: str, match: re.Match) -> bool:
    low = sentence.lower()
    before = low[max(0, match.start() - 60):match.end()]
    return bool(NEGATION.search(before))


def _default_period(template: Template, ref: int, low: str = "") -> _p.Period:
    if template.default == "now" and not re.search(r"\b(never|ever)\b", low):
        return _p.Period(ref, ref, "(present)", "implicit")
    if template.default == "recent":
        return _p.Period(ref - 9, ref, "(the last ten years)", "implicit")
    return _p.Period(1816, ref, "(all years)", "implicit")


#: Verbs whose subject receives arms ("Russia bought drones from Iran").
BUYER = re.compile(r"\b(bought|buys|buying|purchased|purchases|acquired|acquires|imported|imports|received|receives|"
                   r"obtained)\b")


#: The adversary noun of a shared-adversary claim; states named after it are the adversary ("a common rival
#: in the United States", "share an enemy: Iran").
ADVERSARY_NOUN = re.compile(r"\b(adversar|enem|rival|foe|opponent)\w*")


def _shared_adversary_roles(codes: list[int], low: str, found: list) -> list[int]:
    """The pair (named before the adversary noun) and then the adversary named after it, in the
    sentence's own order, whatever the article's main pair is: "Cuba and Russia share a common rival in
    the United States" is Cuba and Russia, then the United States."""
    noun = ADVERSARY_NOUN.search(low)
    named = [m for m in found if m.ccode is not None]
    if noun is None:
        return codes
    before = list(dict.fromkeys(m.ccode for m in named if m.start < noun.start()))
    after = [c for c in dict.fromkeys(m.ccode for m in named if m.start >= noun.start()) if c not in before]
    if len(before) < 2:
        return codes
    return [*before, *after, *(c for c in codes if c not in before and c not in after)]


def _roles(template: Template, codes: list[int], low: str, found: list | None = None) -> list[int]:
    """The states in the order the template reads them (the vetoer first, the sender of sanctions first, the
    supplier of arms first, for a trade share the partner and then the state whose trade is divided)."""
    if template.kind == "arms" and len(codes) >= 2:
        return _arms_roles(codes, low, found or [])
    if template.kind == "trade" and len(codes) >= 2 and any(re.search(x, low) for x in SHARE):
        return _share_roles(codes, low, found or [])
    if template.kind == "shared_adversary" and found:
        return _shared_adversary_roles(codes, low, found)
    if template.kind == "vetoes":
        vetoers = [c for c in codes if c in checks.P5]
        others = [c for c in codes if c not in vetoers]
        if vetoers and others:
            return [vetoers[0], others[0]]
        return codes
    if template.kind == "sanctions" and len(codes) >= 2 and re.search(
            r"\b(sanctioned|embargoed|targeted|punished) by\b|\bsanctions (imposed )?(by|from)\b", low):
        return [codes[1], codes[0], *codes[2:]]          # "Argentina was sanctioned by Britain": Britain sends
    return codes


def _arms_roles(codes: list[int], low: str, found: list) -> list[int]:
    """Supplier first: the state after "from" or "by" ("bought from Iran", "supplied by Iran"); else the
    first named, unless the verb says it bought ("Russia bought drones from Iran")."""
    for m in found:
        if m.ccode in codes[:2] and re.search(r"\b(from|by)\s+(the\s+)?$", low[max(0, m.start - 10):m.start]):
            return [m.ccode, *(c for c in codes if c != m.ccode)]
    first = [m for m in found if m.ccode in codes[:2]]
    if first and BUYER.search(low[first[0].end:]):
        return [codes[1], codes[0], *codes[2:]]
    return codes


def _share_roles(codes: list[int], low: str, found: list) -> list[int]:
    """(partner, owner): the owner is the state named in the possessive ("Russia's trade") or after "of"
    ("the largest trading partner of Russia"); the partner is the other."""
    for m in found:
        if m.ccode not in codes:
            continue
        if low[m.end:m.end + 2] in ("'s", "’s") or re.search(r"\bof\s+(the\s+)?$", low[max(0, m.start - 8):m.start]):
            others = [c for c in codes if c != m.ccode]
            return [others[0], m.ccode, *others[1:]]
    return codes


#: "The four states", "these countries", "the group": a sentence about the group an earlier one named.
GROUP_REF = re.compile(r"\b(the|these|those|all) (three|four|five|six) (states|countries|nations|powers|governments|"
                       r"regimes|autocracies|partners|members)\b|\bthe (three|four|five|six) (are|were|have|had|do|did|"
                       r"vote|voted|form|formed)\b|\bthese (states|countries|nations|powers|governments|regimes)\b|"
                       r"\bthe (group|grouping|bloc|axis|quartet|troika)\b", re.IGNORECASE)


def _group(found: list, text: str, last_group: list[int]) -> tuple[list[int], list[int]]:
    """(the states a bloc claim in this sentence is about, the group later sentences may refer to): three or
    more states named, or a grouping of fixed members ("CRINK"), or "the four states" of an earlier sentence."""
    named = _listed(found, text)
    if re.search(r"\b(bloc|axis|coalition|aligned|align|front)\s+with\b", text, re.IGNORECASE):
        named = _m.states(found)          # "Iran and North Korea vote as a bloc with Russia and China"
    members = [c for m in found if m.group and m.members for c in m.members]
    if len(named) >= 3 or members:
        group = list(dict.fromkeys([*members, *(named if len(named) >= 3 else [])]))
        return group, group
    if GROUP_REF.search(text) and last_group:
        return last_group, last_group
    return [], last_group


def _listed(found: list, text: str) -> list[int]:
    """The longest list of states named one after another ("Russia, China, Iran and North Korea"): a bloc is
    the states listed together, not a pair compared with a third ("China and India vote together more than
    either does with the United States")."""
    best: list = []
    run: list = []
    for m in (m for m in found if m.ccode is not None):
        if run and re.fullmatch(r"(['’]s)?\s*(,|and|&|, and|,\s*and)?\s*(the\s+)?", text[run[-1].end:m.start]):
            run.append(m)
        else:
            run = [m]
        if len(run) > len(best):
            best = list(run)
    return list(dict.fromkeys(m.ccode for m in best))


def _main_pair(sentences, ref) -> list[int]:
    """The two states the article names most (its subject pair), by mentions."""
    counts: dict[int, int] = {}
    for sentence in sentences:
        for m in _m.mentions(sentence.text, ref):
            if m.ccode is not None:
                counts[m.ccode] = counts.get(m.ccode, 0) + 1
    return [c for c, _ in sorted(counts.items(), key=lambda kv: -kv[1])[:2]]


def _in_year(ccode: int, year: int | None) -> int:
    """The state an earlier sentence's state stands for in ``year``: "Germany" named in 2013 and referred
    to by "them" in a sentence about 1963 is West Germany."""
    if year is None:
        return ccode
    try:
        return _m.countries.resolve(_m.countries.name(ccode), year=year).ccode
    except Exception:
        return ccode


def _seizure(text: str, found: list, per: _p.Period | None, ref: int | None):
    """``(match, [seizer, holder], params)`` for a seizure of a listed territory the sentence states ("Russia
    seized Crimea in 2014": Russia and Ukraine, which held Crimea then), else None. The seizer is the state
    named in the seizure's own words ("which Israel captured"), after "by" ("was annexed by Russia",
    "the annexation of Crimea by Russia"), else the last named before it; the holder comes from
    :data:`entente.factcheck.territories.HELD_BY` for the sentence's years."""
    said = _terr.seizure(text)
    if said is None:
        return None
    now = ref or _p.dt.date.today().year          # no period named: the territory's holder in the article's year
    first, last = (per.start, per.end) if per is not None else (now, now)
    held = _terr.holder(said.territory, first, last)
    named = [m for m in found if m.ccode is not None and m.ccode != held]
    if held is None or not named:
        return None
    inside = [m for m in named if said.start <= m.start < said.end]
    by = [m for m in named if m.start >= said.end and re.fullmatch(r"[^.;]{0,25}?\bby\s+(the\s+)?",
                                                                  text[said.end:m.start])]
    before = [m for m in named if m.end <= said.start]
    seizer = (inside or by or before[-1:] or [None])[0]
    if seizer is None:
        return None
    match = re.compile(re.escape(text[said.start:said.end])).search(text, said.start)
    return match, [seizer.ccode, held], {"force": True, "seizure": said.territory}


def _heading(text: str) -> bool:
    """A title or heading: no final stop, short."""
    return len(text) < 150 and not re.search(r"[.!?][\"'”’)]*$", text)


def detect(article, *, context: bool = True) -> list[Claim]:
    """The claims in ``article`` (an :class:`~entente.factcheck.text.Article`), sentence by sentence.

    Headings (short lines without a final stop) make no claim. With ``context``, a sentence naming
    fewer than two states that refers to a pair ("the two countries", "they", "Relations were ...")
    takes the pair of the last sentence that named two; a sentence naming more than two puts the
    article's own pair (the two states it names most) first. "Since then" starts where the last
    period named ended; "most recently in 2020" names an example, not the period. A bloc claim takes
    the states listed together, a grouping's fixed members, or the group an earlier sentence or the
    title listed ("the four countries"); see :func:`_group`.
    """
    ref = article.year
    out: list[Claim] = []
    last_pair: list[int] = []
    last_group: list[int] = []
    last_period: _p.Period | None = None
    all_sentences = _m.sentences(article.text)
    main = _main_pair(all_sentences, ref) if context else []
    for sentence in all_sentences:
        text = sentence.text
        if len(text) > 2000 or _heading(text):   # a table, a run-on block, a heading: no claim
            if context and len(text) <= 2000:       # but a title's "Russia, China, Iran and North Korea" is the group
                _, last_group = _group(_m.mentions(text, ref), text, last_group)
            continue
        per = _p.period(re.sub(r"\b(most recently|as recently as|latest|last) (in )?(\d{4})\b", " ", text), ref)
        if re.search(r"\b(since then|ever since)\b", text, re.IGNORECASE) and last_period is not None:
            per = _p.Period(last_period.end, ref or _p.dt.date.today().year, "since then", "exact")
        if per is not None and per.how != "implicit":
            last_period = per
        year = per.start if per and per.how != "vague" else ref
        year = min(max(year, 1816), 2100) if year is not None else None
        found = _m.mentions(text, year)
        codes = _m.states(found)
        groups = [m.group for m in found if m.group]
        blocs = [g for g in groups if g not in VENUES]
        if context and len(codes) < 2 and PRONOUN_PAIR.search(text) and (len(main) == 2 or last_pair):
            # "the two countries", "they": the article's own pair when the sentence's one state (if any) is in
            # it, else the pair of the last sentence that named two
            pair = main if len(main) == 2 and set(codes) <= set(main) else last_pair
            codes = list(dict.fromkeys([*(_in_year(c, year) for c in pair), *codes]))
        elif context and not codes and (era := _p.era_pair(text)):
            codes = [_in_year(c, year) for c in era]       # "Détente brought no alliance": the superpowers
        elif context and len(codes) > 2 and len(main) == 2 and set(main) <= set(codes):
            codes = list(dict.fromkeys([*main, *codes]))
        if len(_m.states(found)) >= 2:
            last_pair = codes[:2]
        group, last_group = _group(found, text, last_group if context else [])
        quantities = _p.quantities(text)
        low = text.lower()
        opinion = bool(NOT_CHECKABLE.search(low))
        taken: set[str] = set()
        seized = _seizure(text, found, per, ref)
        for template in TEMPLATES:
            if any(template.kind in OWNED.get(k, ()) for k in taken):
                continue
            match = template.matches(text)
            if template.kind == "bloc":
                if match is not None and len(group) >= template.needs:
                    # "CRINK vote as a bloc", "Russia, China, Iran and North Korea form an axis": the group's states
                    taken.add("bloc")
                    out.append(Claim(text, "bloc", group, per or _default_period(template, ref or _p.dt.date.today().year, low),
                                     [], _negated(text, match), {"groups": blocs}, sentence.index, not opinion, found))
                continue
            if "bloc" in taken and match is not None and len(codes) < template.needs and blocs:
                continue      # the grouping was read as its states by the bloc claim
            if match is not None and len(codes) < template.needs and blocs:
                # "CRINK states vote together": a claim about a grouping, said as such, not read as one pair
                taken.add(template.kind)
                out.append(Claim(text, template.kind, codes, per, _quantities(template.kind, quantities),
                                 _negated(text, match), {"grouping": blocs}, sentence.index, not opinion, found))
                continue
            if template.kind == "disputes" and seized is not None:
                # "Russia seized Crimea in 2014": a use of force by Russia against Ukraine, whatever else is named
                taken.add("disputes")
                match, states, params = seized
                when = _clause_period(text, match, ref) or per
                out.append(Claim(text, "disputes", states, when or _default_period(template, ref or _p.dt.date.today().year, low),
                                 [], _negated(text, match), params, sentence.index, not opinion, found))
                continue
            if match is None or len(codes) < template.needs:
                continue
            taken.add(template.kind)
            states = _roles(template, codes, low, found)
            params = _params(template, text, match)
            if template.kind == "shared_adversary" and groups:
                params["group"] = groups[0]
            when = _clause_period(text, match, ref) or per
            if params.get("measure") == "share":      # "China is Russia's largest partner": the present
                template = replace(template, default="now")
                if when is not None and when.how == "implicit" and when.text.lower().startswith("by "):
                    when = _p.Period(when.end, when.end, when.text)   # "by 2014 Russia was …": as of 2014
            out.append(Claim(text, template.kind, states, when or _default_period(template, ref or _p.dt.date.today().year, low),
                             _quantities(template.kind, quantities), _negated(text, match), params, sentence.index,
                             not opinion, found))
    return out
