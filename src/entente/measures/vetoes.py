"""Security Council vetoes that bear on a state or concern a pair: tables in, tables out.

**UNSC vetoes** (World Politics Data Lab, Yordan 2022, compiled from the UN Dag Hammarskjöld Library
veto list; 1946 – July 2022): one row per vetoed draft. Who vetoed is read from the **names** in
``member_veto1..3`` ("USSR", "Russia", "USA", "UK", "France", "China"), never from the 0/1 member
columns, which miss 18 rows of 1966–1980 and several French vetoes (see
:mod:`entente.sources.unsc_vetoes`). "USSR" and "Russia" are one seat, COW 365. "China" is the
Republic of China (713) before 25 October 1971 (GA Res. 2758) and the PRC (710) from that day; the
data hold no China veto before 1972.

**Which vetoes bear on a state.** A veto by ``a`` bears on ``b`` when ``b`` is *named* in the draft's
``crisis_topic`` (the data lab's label, e.g. "Israel-Palestine", "US-USSR") or ``agenda_item`` (the
Council's agenda title, e.g. "Letters dated 22 December 1979 from the USA ... US and Iran hostage
question"), or when ``b`` cast a veto on the same draft (a *joint* veto). Names are found with a
*gazetteer*: folded name → state, built from :mod:`entente.countries` (every name, alias and historical
name it resolves, e.g. "Ceylon", "Formosa", "United Arab Republic", "Rhodesia") plus
:data:`ADJECTIVES` ("Israeli", "Soviet", "Syrian") and :data:`CODES` ("US", "UK", in capitals only).
Texts are folded as :mod:`entente.countries` folds names (case, accents, punctuation, "the") and
scanned for the **longest** name at each word, so "Democratic People's Republic of Korea" is North
Korea, not "Korea", "South Africa" is not "Africa", and the region phrases in :data:`NOT_STATES`
("Central America", "Middle East", "South-East Asia") name no state. Year-dependent names ("Korea",
"Yemen", "Germany") take the veto's year, and a name means what it meant **that year**: the names of
:data:`FEDERAL_REPUBLICS` name no state before the state entered the COW system (the Ukrainian SSR,
a UN member from 1945, is not Ukraine, COW 369 from 1991), and :data:`HISTORICAL_NAMES` gives the
Council's usage where it differs ("Viet-Nam" applying in 1957 is the Republic of Viet-Nam, 817; "the
Congo" of 1960 is Léopoldville, 490; the Korean War names both Koreas). Three ``crisis_topic`` labels
that name the wrong states are corrected by draft (:data:`TOPIC_CORRECTIONS`, :func:`correct_topics`):
the 1961 Goa draft labelled "India-Pakistan", the 1947 Corfu Channel draft labelled "Greek Civil
War", the 1964 Malaysia draft labelled "Malasyia".

**Which vetoes concern a pair** (:func:`vetoes_on_pair`), whoever cast them: a draft whose topic or
agenda names both, at least one as a subject rather than as a co-writer of a letter
(:func:`agenda_roles`), or names one and was vetoed by the other. The five Soviet vetoes on
India–Pakistan drafts concern India and Pakistan, though neither has a seat.

Limits of that matching, all visible in the returned columns ``b_in_topic``/``b_in_agenda``:

- A state can be concerned without being named: "The situation in the occupied Arab territories" and
  "The situation in the Middle East" name no state, so a 1972 US veto on Israeli raids into Lebanon
  (crisis topic "Lebanon") does not count for Israel. The data lab's ``crisis_topic`` usually names the
  parties ("Israel-Palestine", "Israel-Lebanon") and catches most of these.
- Being named is not being the target: agenda titles name complainants and letter writers ("Letter
  dated ... from France, the UK and the USA"), and admission items name the applicant. Filter on
  ``b_in_topic`` for a stricter reading.
- Non-state parties (Palestine, the Holy See, organisations) are not COW states and match nothing; nor
  do adjectives missing from :data:`ADJECTIVES`.
- "Causes both back" cannot be read off the data; :func:`vetoes_bearing_on` takes ``causes``, third
  states whose mention counts (e.g. Syria for Iran and Russia), chosen by the analyst.
"""

from __future__ import annotations

import datetime as dt
import numbers
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping

import pandas as pd


VETO_COLUMNS = ("member_veto1", "member_veto2", "member_veto3")
#: Names in ``member_veto1..3`` → COW code of the seat ("China" before 25 Oct 1971 is 713: see ``seat``).
SEATS: dict[str, int] = {"USSR": 365, "Russia": 365, "USA": 2, "UK": 200, "France": 220, "China": 710}
UN_RES_2758 = dt.date(1971, 10, 25)  # the PRC takes China's seat

#: Demonyms and adjectives → the name (as :mod:`entente.countries` knows it) of the state they mean.
ADJECTIVES: dict[str, str] = {
    "Afghan": "Afghanistan", "American": "United States", "Angolan": "Angola", "Bosnian": "Bosnia and Herzegovina",
    "British": "United Kingdom", "Cambodian": "Cambodia", "Chinese": "China", "Croatian": "Croatia",
    "Cuban": "Cuba", "Cypriot": "Cyprus", "Egyptian": "Egypt", "French": "France", "Georgian": "Georgia",
    "German": "Germany", "Greek": "Greece", "Indian": "India", "Indonesian": "Indonesia", "Iranian": "Iran",
    "Iraqi": "Iraq", "Israeli": "Israel", "Japanese": "Japan", "Jordanian": "Jordan", "Korean": "Korea",
    "Kuwaiti": "Kuwait", "Lebanese": "Lebanon", "Libyan": "Libya", "Namibian": "Namibia",
    "Nicaraguan": "Nicaragua", "Pakistani": "Pakistan", "Panamanian": "Panama", "Russian": "Russia",
    "Rwandan": "Rwanda", "Saudi": "Saudi Arabia", "Serbian": "Serbia", "Somali": "Somalia",
    "South African": "South Africa", "Soviet": "USSR", "Sudanese": "Sudan", "Syrian": "Syria",
    "Turkish": "Turkey", "Ukrainian": "Ukraine", "Venezuelan": "Venezuela", "Vietnamese": "Vietnam",
    "Yemeni": "Yemen",
}
#: Letter codes read only in capitals, before folding (folded, "US" would be the pronoun "us").
CODES: dict[str, str] = {"US": "United States", "UK": "United Kingdom"}
#: Phrases that contain a state's name or adjective but name no state; they are matched and dropped.
NOT_STATES: tuple[str, ...] = (
    "Central America", "Latin America", "South America", "North America", "Central American",
    "Latin American", "South American", "North American", "Middle East", "South-East Asia", "Southeast Asia",
    "Southern Africa", "Indian Ocean", "Arab territories", "Republic of South Viet-Nam",
)
#: Names that mean another state, several states or none in some years of the veto list (the Council's
#: usage), read before :mod:`entente.countries`: name → ((first year, last year, code(s) or None), ...);
#: outside the spans the name resolves as usual. Checked against every agenda item and topic (see
#: ``tests/test_vetoes_sanctions.py``): the Soviet republics seated at the UN from 1945 are not the
#: states of 1991; "Viet-Nam" applying for membership in 1952–1958 is the State, then Republic, of
#: Viet-Nam (817; the Democratic Republic is named in full); "the Congo" of the 1960–64 crisis is
#: Léopoldville (490), not Brazzaville (484); the Korean War and the Falklands name both parties.
HISTORICAL_NAMES: dict[str, tuple[tuple[int, int, int | tuple[int, ...] | None], ...]] = {
    "Ukrainian Soviet Socialist Republic": ((1922, 1991, None),), "Ukrainian SSR": ((1922, 1991, None),),
    "Byelorussian Soviet Socialist Republic": ((1922, 1991, None),), "Byelorussian SSR": ((1922, 1991, None),),
    "Viet-Nam": ((1949, 1975, 817),), "Vietnam": ((1949, 1975, 817),), "South Viet-Nam": ((1954, 1975, 817),),
    "Democratic Republic of Viet-Nam": ((1945, 1976, 816),), "North Viet-Nam": ((1954, 1976, 816),),
    "Congo": ((1960, 1964, 490),), "Transjordan": ((1946, 1949, 663),),
    "Korean War": ((1950, 1953, (731, 732)),),
    "Falklands": ((1833, 2100, (200, 160)),), "Falkland Islands": ((1833, 2100, (200, 160)),),
    "Malvinas": ((1833, 2100, (200, 160)),),
}
#: Federal republics that became states: before their last entry into the COW system their names name a
#: constituent republic, not the state (the Soviet republics, the Yugoslav ones, the Czech and Slovak).
FEDERAL_REPUBLICS: tuple[int, ...] = (366, 367, 368, 369, 370, 371, 372, 373, 701, 702, 703, 704, 705,
                                      341, 343, 344, 346, 347, 349, 316, 317)
#: The data lab's ``crisis_topic`` where it names the wrong states, by draft: draft → (topic, why).
TOPIC_CORRECTIONS: dict[str, tuple[str, str]] = {
    "S/PV.122": ("UK-Albania", "the Corfu Channel incidents between the UK and Albania, labelled 'Greek Civil War'"),
    "S/5033": ("India-Portugal", "India's annexation of Goa, on Portugal's complaint, labelled 'India-Pakistan'"),
    "S/5973": ("Malaysia-Indonesia", "Malaysia's complaint of Indonesian landings, labelled 'Malasyia'"),
}

Gazetteer = Mapping[str, int | tuple[int, ...] | Callable[[int | None], int | tuple[int, ...] | None] | None]


def fold(text: str) -> str:
    """Fold ``text`` the way :mod:`entente.countries` folds names: case, accents, apostrophes and
    full stops dropped, other punctuation → space, "&" → "and", the word "the" removed."""
    text = str(text).casefold()
    if not text.isascii():   # ASCII text has no accents to strip (NFKD leaves it as it is)
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.replace("&", " and ")
    text = re.sub(r"[’'`´.]", "", text)
    return " ".join(w for w in re.sub(r"[^a-z0-9]+", " ", text).split() if w != "the")


def named_states(text: str | None, gazetteer: Gazetteer, year: int | None = None) -> list[int]:
    """COW codes of the states named in ``text``, in order of appearance, without repeats.

    ``gazetteer`` maps folded names to a COW code, a tuple of codes (a phrase naming several states,
    "Korean War"), a function of the year giving either (names whose state depends on the year), or
    None (phrases that name no state). Capitalised :data:`CODES` are expanded first; then, at each
    word, the longest name in the gazetteer wins (:func:`_names_in`, read once per text and gazetteer);
    the names found are then read for ``year``.
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    found: list[int] = []
    for target in _names_in(text, gazetteer):
        code = target(year) if callable(target) else target
        for c in (code if isinstance(code, tuple) else () if code is None else (code,)):
            if int(c) not in found:
                found.append(int(c))
    return found


def _scan(text: str, gazetteer: Gazetteer) -> tuple:
    """The gazetteer's targets for the names in ``text``, in order: the longest name at each word."""
    for code, name in CODES.items():
        text = re.sub(rf"\b{code}\b", f" {name} ", text)
    words = fold(text).split()
    longest = _longest(gazetteer)
    targets = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + longest), i, -1):
            key = " ".join(words[i:j])
            if key in gazetteer:
                targets.append(gazetteer[key])
                i = j
                break
        else:
            i += 1
    return tuple(targets)


#: The last gazetteer seen, its size, and its scans: text → targets (:func:`_names_in`).
_SCANS: list = [None, 0, {}]
_SCANS_MAX = 50_000   # texts kept per gazetteer; the veto list has about 600 distinct topics and agenda items


def _names_in(text: str, gazetteer: Gazetteer) -> tuple:
    """:func:`_scan`, remembered per gazetteer: a veto's topic and agenda item do not depend on the pair, so
    the texts a brief reads for every veto (and again for each side's) are folded and scanned once."""
    if _SCANS[0] is not gazetteer or _SCANS[1] != len(gazetteer):
        _SCANS[:] = [gazetteer, len(gazetteer), {}]
    scans = _SCANS[2]
    found = scans.get(text)
    if found is None:
        if len(scans) >= _SCANS_MAX:
            scans.clear()
        found = scans[text] = _scan(text, gazetteer)
    return found


_LONGEST: list = [None, 0, 0]   # the last gazetteer seen, its size, the words in its longest name


def _longest(gazetteer: Gazetteer) -> int:
    """The number of words in the gazetteer's longest name, counted once per gazetteer (a brief reads the
    same one for every veto: counting ~10,000 names each time cost a sixth of a second)."""
    if _LONGEST[0] is not gazetteer or _LONGEST[1] != len(gazetteer):
        _LONGEST[:] = [gazetteer, len(gazetteer), max((k.count(" ") + 1 for k in gazetteer), default=0)]
    return _LONGEST[2]


def period_target(spans, fallback=None) -> Callable[[int | None], int | tuple[int, ...] | None]:
    """A gazetteer target for a name of :data:`HISTORICAL_NAMES`: the span's code(s) in its years,
    ``fallback`` (a code, codes, None or a function of the year) in the others and without a year."""
    def target(year: int | None):
        for first, last, code in spans:
            if year is not None and first <= year <= last:
                return code
        return fallback(year) if callable(fallback) else fallback
    return target


#: A letter's writers: "Letter(s)/Telegram/Cablegram/notifications dated ... from <writers> to the ...".
LETTER = re.compile(r"\b(?:letters?|telegrams?|cablegrams?|notifications?)\b[^;]*?\bfrom\s+(.+?)\s+to\s+the\b",
                    re.IGNORECASE)


def agenda_roles(text: str | None, gazetteer: Gazetteer, year: int | None = None) -> tuple[list[int], list[int]]:
    """States an agenda item names as its subject, and those it names only as writers of a letter.

    "Letter dated 21 August 1968 from Canada, Denmark, France, Paraguay, the UK and the USA to the
    President of the Security Council concerning the situation in Czechoslovakia" has the subject
    [315] and the writers [20, 390, 220, 150, 200, 2]. A state named in both places is a subject.
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return [], []
    spans = [m.span(1) for m in LETTER.finditer(text)]
    pieces, pos = [], 0
    for i, j in spans:
        pieces.append(text[pos:i])
        pos = j
    rest, written = " ; ".join([*pieces, text[pos:]]), " ; ".join(text[i:j] for i, j in spans)
    subjects = named_states(rest, gazetteer, year)
    return subjects, [c for c in named_states(written, gazetteer, year) if c not in subjects]


def correct_topics(vetoes: pd.DataFrame) -> pd.DataFrame:
    """``vetoes`` with :data:`TOPIC_CORRECTIONS` applied to ``crisis_topic`` and a ``topic_note``
    column saying what was changed and why (None elsewhere); the data lab's label is kept in it."""
    out = vetoes.copy()
    fixes = out["draft"].map(TOPIC_CORRECTIONS)
    hit = fixes.notna()
    out["topic_note"] = pd.Series([None] * len(out), index=out.index, dtype=object)
    if hit.any():
        out.loc[hit, "topic_note"] = [f"topic corrected from '{t}': {f[1]}"
                                      for t, f in zip(out.loc[hit, "crisis_topic"], fixes[hit])]
        out["crisis_topic"] = out["crisis_topic"].astype(object)
        out.loc[hit, "crisis_topic"] = [f[0] for f in fixes[hit]]
    return out


def seat(name: str, date) -> int:
    """COW code of the state holding the permanent seat named ``name`` on ``date``."""
    if name == "China" and pd.Timestamp(date).date() < UN_RES_2758:
        return 713
    return SEATS[name]


def member_vetoes(vetoes: pd.DataFrame) -> pd.DataFrame:
    """One row per veto cast (draft × vetoing member), read from ``member_veto1..3``.

    Columns: ``event`` (the draft row's position in ``vetoes``), year, date, draft, member (the name
    as given), ccode (the seat's state that day: :func:`seat`). A draft vetoed by three members gives
    three rows.
    """
    frame = vetoes.reset_index(drop=True)
    long = (frame[list(VETO_COLUMNS)].reset_index(names="event")
            .melt(id_vars="event", var_name="position", value_name="member").dropna(subset=["member"])
            .sort_values(["event", "position"], kind="stable"))
    long = long.merge(frame[["year", "date", "draft"]], left_on="event", right_index=True)
    long["ccode"] = [seat(m, d) for m, d in zip(long["member"], long["date"])]
    return long[["event", "year", "date", "draft", "member", "ccode"]].reset_index(drop=True)


def _per_event(members: pd.DataFrame, column: str) -> dict[int, list]:
    """Event → the ``column`` values of its vetoes, in order (a groupby's ``agg(list)``, without a Series
    built for each of some 300 drafts)."""
    out: dict[int, list] = {}
    for event, value in zip(members["event"], members[column]):
        out.setdefault(event, []).append(value)
    return out


def _members_of(state, members: pd.DataFrame) -> pd.Series:
    """Per veto cast: is it ``state``'s (a COW code, or an iterable of member names)?"""
    if isinstance(state, numbers.Integral):
        return members["ccode"] == int(state)
    names = {state} if isinstance(state, str) else set(state)
    return members["member"].isin(names)


VETO_OUT = ["year", "date", "draft", "meeting_record", "agenda_item", "crisis_topic", "region", "vetoed_by",
            "co_vetoers", "other_joined"]


def vetoes_by(vetoes: pd.DataFrame, state, other=None, *, members: pd.DataFrame | None = None) -> pd.DataFrame:
    """The vetoes ``state`` cast, one row per draft, oldest first.

    ``state`` and ``other`` are COW codes (365 covers "USSR" and "Russia"; 710/713 split "China" at 25
    October 1971) or iterables of member names as the data spell them (``("USSR", "Russia")``).
    Columns: year, date, draft, meeting_record, agenda_item, crisis_topic, region, vetoed_by (every
    member that vetoed the draft, "Russia, China"), co_vetoers (the others), other_joined (``other``
    vetoed the same draft; False without ``other``). Rows are events, not unique drafts (see
    :mod:`entente.sources.unsc_vetoes`). ``members``: :func:`member_vetoes` of ``vetoes``, when the
    caller has it (a pair's vetoes read the same table several times).
    """
    frame = vetoes.reset_index(drop=True)
    members = member_vetoes(frame) if members is None else members
    mine = members[_members_of(state, members)]
    events = mine["event"].unique()
    theirs = set(members.loc[_members_of(other, members), "event"]) if other is not None else set()
    out = frame.loc[events, [c for c in VETO_OUT[:7] if c in frame.columns]].copy()
    out["date"] = pd.to_datetime(out["date"]).dt.date
    by_event = _per_event(members, "member")
    own = set(mine["member"])
    out["vetoed_by"] = [", ".join(by_event[e]) for e in events]
    out["co_vetoers"] = [", ".join(m for m in by_event[e] if m not in own) for e in events]
    out["other_joined"] = pd.Series([e in theirs for e in events], index=out.index, dtype=bool)
    return out.sort_values("date", kind="stable").reset_index(drop=True)[VETO_OUT]


def vetoes_bearing_on(vetoes: pd.DataFrame, a: int, b: int, gazetteer: Gazetteer, *,
                      causes: Iterable[int] = (), by: pd.DataFrame | None = None) -> pd.DataFrame:
    """``a``'s vetoes that bear on ``b``: ``b`` named in the topic or agenda item, or a joint veto.

    With ``causes`` (COW codes of third states, e.g. a client both back), a veto naming one of them
    counts too. Columns: those of :func:`vetoes_by` (``other_joined`` renamed ``joint``), then
    b_in_topic, b_in_agenda, causes_named (codes, "652"), states_named (every state named in topic or
    agenda, "630, 2") and basis ("topic+agenda", "joint", "cause", ...). See the module notes for the
    matching and its limits. ``by``: ``vetoes_by(vetoes, a, other=b)``, when the caller has it.
    """
    mine = (vetoes_by(vetoes, a, other=b) if by is None else by).rename(columns={"other_joined": "joint"})
    causes = {int(c) for c in causes}
    topic = [named_states(t, gazetteer, y) for t, y in zip(mine["crisis_topic"], mine["year"])]
    agenda = [named_states(t, gazetteer, y) for t, y in zip(mine["agenda_item"], mine["year"])]
    mine["b_in_topic"] = pd.Series([b in t for t in topic], index=mine.index, dtype=bool)
    mine["b_in_agenda"] = pd.Series([b in g for g in agenda], index=mine.index, dtype=bool)
    named = [list(dict.fromkeys(t + g)) for t, g in zip(topic, agenda)]
    mine["causes_named"] = [", ".join(str(c) for c in n if c in causes) for n in named]
    mine["states_named"] = [", ".join(str(c) for c in n) for n in named]
    flags = {"topic": mine["b_in_topic"], "agenda": mine["b_in_agenda"], "joint": mine["joint"],
             "cause": mine["causes_named"] != ""}
    mine["basis"] = pd.Series(["+".join(k for k, v in flags.items() if v.iloc[i]) for i in range(len(mine))],
                              index=mine.index, dtype=object)
    return mine.loc[mine["basis"] != ""].reset_index(drop=True)


PAIR_OUT = ["year", "date", "draft", "meeting_record", "agenda_item", "crisis_topic", "region", "topic_note",
            "vetoed_by", "vetoers", "a_cast", "b_cast", "a_named", "b_named", "states_named", "basis"]


def vetoes_on_pair(vetoes: pd.DataFrame, a: int, b: int, gazetteer: Gazetteer, *,
                   members: pd.DataFrame | None = None) -> pd.DataFrame:
    """Vetoes, by anyone, on drafts that concern the pair ``a``–``b``, one row per draft, oldest first.

    A draft concerns the pair when (1) its topic or agenda item names both, at least one as a subject
    and not only as co-writers of a letter (:func:`agenda_roles`: France, the UK and the USA writing
    together about Hungary is not a matter between them), or (2) it names one of them (as a subject or
    as the letter's writer, the complainant) and the other cast a veto on it. So the five Soviet vetoes
    on India–Pakistan drafts count for India and Pakistan, though neither has a seat.

    Columns: those of :func:`vetoes_by` up to ``region``, ``topic_note`` (when ``vetoes`` went through
    :func:`correct_topics`), vetoed_by (member names as the data give them), vetoers (the seats' COW
    codes, "365, 710"), a_cast, b_cast, a_named and b_named (where each is named: "topic", "agenda",
    "letter", joined by "+"; "" when not), states_named (every code named), basis ("both named",
    "a named, b cast", "b named, a cast", joined by "; "). ``members``: :func:`member_vetoes` of ``vetoes``,
    when the caller has it.
    """
    frame = vetoes.reset_index(drop=True)
    members = member_vetoes(frame) if members is None else members
    codes, names = _per_event(members, "ccode"), _per_event(members, "member")
    rows = []
    for event, r in enumerate(frame.to_dict("records")):   # a dict a row: iterrows builds a Series for each
        year = int(r["year"])
        topic = named_states(r["crisis_topic"], gazetteer, year)
        subjects, writers = agenda_roles(r["agenda_item"], gazetteer, year)
        cast = codes.get(event, [])
        where = {x: "+".join(k for k, found in (("topic", topic), ("agenda", subjects), ("letter", writers))
                             if x in found) for x in (a, b)}
        subject = any(x in topic or x in subjects for x in (a, b))
        basis = [text for text, hit in (("both named", where[a] and where[b] and subject),
                                        ("a named, b cast", where[a] and b in cast),
                                        ("b named, a cast", where[b] and a in cast)) if hit]
        if basis:
            rows.append({**{c: r.get(c) for c in PAIR_OUT[:8]},
                         "vetoed_by": ", ".join(names.get(event, [])), "vetoers": ", ".join(map(str, cast)),
                         "a_cast": a in cast, "b_cast": b in cast, "a_named": where[a], "b_named": where[b],
                         "states_named": ", ".join(map(str, dict.fromkeys(topic + subjects + writers))),
                         "basis": "; ".join(basis)})
    out = pd.DataFrame(rows, columns=PAIR_OUT).astype({"a_cast": bool, "b_cast": bool})
    out["date"] = pd.to_datetime(out["date"]).dt.date
    return out.sort_values("date", kind="stable").reset_index(drop=True)


def joint_vetoes(vetoes: pd.DataFrame, a: int, b: int, *, by: pd.DataFrame | None = None) -> pd.DataFrame:
    """Drafts both ``a`` and ``b`` vetoed (columns of :func:`vetoes_by`, without ``other_joined``);
    ``by``: ``vetoes_by(vetoes, a, other=b)``, when the caller has it."""
    both = vetoes_by(vetoes, a, other=b) if by is None else by
    return both.loc[both["other_joined"].astype(bool)].drop(columns="other_joined").reset_index(drop=True)


def veto_topics(table: pd.DataFrame) -> pd.DataFrame:
    """Vetoes per crisis topic in a table of vetoes: crisis_topic, vetoes, first_year, last_year."""
    if table.empty:
        return pd.DataFrame(columns=["crisis_topic", "vetoes", "first_year", "last_year"])
    out = table.groupby("crisis_topic", dropna=False).agg(vetoes=("draft", "size"), first_year=("year", "min"),
                                                          last_year=("year", "max"))
    return out.reset_index().sort_values(["vetoes", "first_year"], ascending=[False, True],
                                         kind="stable").reset_index(drop=True)
