"""Names for UCDP/PRIO armed conflicts, built from the conflict-year rows.

UCDP numbers its conflicts (205, 218, 371) and the peacesciencer conflict-year table carries no side
names; a reader knows "the Iran–Iraq War", not conflict 333. Each name here is built from what the
rows hold — the Gleditsch–Ward codes of the sides, the type of conflict, the incompatibility and the
years — with each state named as it was then (:func:`entente.countries.name`: the Soviet Union in 1979):

- **interstate**: the two governments, side A first as UCDP orders them, "the India–Pakistan conflict
  over territory (1948–2020)". Where COW's inter-state war list has a war between the same states on
  opposite sides in the conflict's years, the name says so, and a conflict that is one such war
  (every year of the conflict within the war's years) takes the war's name: "the Iran-Iraq War
  (1980–1988)". A state that sent troops to a side (``gwno_*_2nd``) is named as a supporter of it.
- **intrastate** and **internationalized intrastate** (UCDP's "II": another state's troops fought on
  a side): the government (side A), "the intrastate conflict in Iran over territory (1946)", and for
  the internationalized years the states that sent troops and the side they took: "…, with troops
  from the Soviet Union on the rebels' side".
- **extrasystemic** (a state against a group outside its own territory, in practice colonial wars):
  "France's extrasystemic (colonial) conflict over territory (1946–1954)".

The type can change from year to year (conflict 205 is internationalized in 1946 and intrastate after):
a conflict is named interstate if any of its years is, else internationalized if any year is. Two
conflicts that would get the same name are told apart by the date of their first battle death
(``start_date``): 205 and 206, Iran's territorial conflicts of 1946, began in May 1946 and November 1945.

Reference: Gleditsch et al. (2002) JPR 39(5); UCDP codebook v25.1 (type_of_conflict, gwno_a_2nd).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import pandas as pd

from entente import countries
from entente.errors import UnknownCountry
from entente.period import span

__all__ = ["conflict_names", "state_name", "war_title"]

#: Supporting states named one by one; more are counted ("and 27 other states").
MAX_SUPPORTERS = 4
#: G-W codes UCDP uses that neither the shipped G-W list nor COW's has: Hyderabad (G-W 751, 1947–1948, a
#: state of G-W's list) and Tonga (G-W's microstate list codes it 972; COW codes it 955).
GW_EXTRA_NAMES = {751: "Hyderabad"}
GW_EXTRA_COW = {972: 955}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


#: COW war names that differ from the name general histories, encyclopaedias and the press use for the same
#: war: COW's name → the common one (COW's own name is kept beside it in the brief).
COMMON_WAR_NAMES = {
    "Assam": "the Sino-Indian War",
    "Azeri-Armenian": "the First Nagorno-Karabakh War",
    "Badme Border": "the Eritrean–Ethiopian War",
    "Bangladesh": "the Indo-Pakistani War of 1971",
    "Changkufeng": "the Battle of Lake Khasan",
    "Falkland Islands": "the Falklands War",
    "First Kashmir": "the Indo-Pakistani War of 1947–1948",
    "Second Kashmir": "the Indo-Pakistani War of 1965",
    "Manchurian": "the Sino-Soviet conflict of 1929",        # China and the Soviet Union over the railway, 1929
    "Second Sino-Japanese": "the Japanese invasion of Manchuria",     # 1931–1933; general histories keep
    "Third Sino-Japanese": "the Second Sino-Japanese War",           # "Second" for the war of 1937–1945
    "Second Ogaden War, Phase 2": "the Ogaden War",
    "Nomonhan": "the Battles of Khalkhin Gol",
    # COW numbers some wars from its own start (1816), histories from earlier wars: Russia and the Ottomans
    # fought many wars before 1828, Greece and Turkey's war of 1919–1922 is "the" Greco-Turkish War
    "First Russo-Turkish": "the Russo-Turkish War of 1828–1829",
    "Second Russo-Turkish": "the Russo-Turkish War of 1877–1878",
    "Second Greco-Turkish": "the Greco-Turkish War of 1919–1922",
    "Seven Weeks": "the Austro-Prussian War",
    "Italian Unification": "the Second Italian War of Independence",
    "Franco-Spanish War": "the French invasion of Spain",
    "La Plata": "the Platine War",
    "Lopez": "the Paraguayan War",
    "Naval War": "the Chincha Islands War",
    "Conquest of Egypt": "the Anglo-Egyptian War",
    "Conquest of Ethiopia": "the Second Italo-Ethiopian War",
    "Off-shore Islands": "the First Taiwan Strait Crisis",
    "Taiwan Straits": "the Second Taiwan Strait Crisis",
    "Turco-Cypriot": "the Turkish invasion of Cyprus",
    "Ugandian-Tanzanian": "the Uganda–Tanzania War",
    "War for Kosovo": "the Kosovo War",
    "Sinai War": "the Suez Crisis",
    "Sino-Vietnamese Punitive": "the Sino-Vietnamese War",
}


def common_war_name(name) -> str | None:
    """The name most readers know COW's war ``name`` by, when it is another (:data:`COMMON_WAR_NAMES`)."""
    return COMMON_WAR_NAMES.get(str(name).strip()) if name is not None and not pd.isna(name) else None


def war_title(name, warnum) -> str:
    """COW's war name as a reader says it: "the Second Kashmir War", "the War of the Pacific", "World War II",
    "phase 2 of the Vietnam War" (COW: "Vietnam War, Phase 2"), "the invasion of Iraq"."""
    if not name or pd.isna(name):
        return f"COW war #{warnum}"
    text = str(name).strip()
    if text.lower().startswith("invasion of"):      # COW's "Invasion of Iraq": not "the Invasion of Iraq War"
        return f"the {text[0].lower()}{text[1:]}"
    if (m := re.fullmatch(r"(.*), Phase (\d+)", text)):   # COW's "Vietnam War, Phase 2": phase 2 of the Vietnam War
        return f"phase {m.group(2)} of the {m.group(1)}{'' if 'war' in m.group(1).lower() else ' War'}"
    if "war" not in text.lower():
        text += " War"
    return text if text.lower().startswith("world war") else f"the {text}"      # the War of Attrition


@cache
def _gw_names() -> dict[int, str]:
    frame = countries.states(system="gw")
    return {int(g): str(n) for g, n in zip(frame["gwcode"], frame["name"])}


@cache
def cow_code(gwcode: int, year: int) -> int | None:
    """The COW state that G-W state ``gwcode`` was in ``year`` (G-W 340 in 1999 → 345; G-W 260 in 1991 →
    255); a code G-W leaves out but COW has is COW's (UCDP codes Grenada 55, a microstate G-W does not
    list); None for a G-W-only state (Tibet, 711)."""
    try:
        return countries.resolve(f"gw:{int(gwcode)}", year=int(year)).ccode
    except UnknownCountry:
        pass
    if int(gwcode) in GW_EXTRA_COW:
        return GW_EXTRA_COW[int(gwcode)]
    try:
        return countries.resolve(int(gwcode)).ccode if int(gwcode) not in _gw_names() else None
    except UnknownCountry:
        return None


def state_name(gwcode: int, year: int, *, article: bool = False) -> str:
    """The name G-W state ``gwcode`` bore in ``year``, by its COW code ("Soviet Union" for 365 in 1980),
    else by G-W's list ("Tibet" for 711)."""
    ccode = cow_code(gwcode, year)
    if ccode is not None:
        return countries.name(ccode, year, article=article)
    return _gw_names().get(int(gwcode)) or GW_EXTRA_NAMES.get(int(gwcode), f"G-W state {int(gwcode)}")


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _states(rows: pd.DataFrame, column: str) -> list[tuple[int, int, int]]:
    """(gwcode, first year, last year) of each state in ``column``, in order of first appearance."""
    got = rows[[column, "year"]].dropna().astype("int64")
    out = got.groupby(column, sort=False)["year"].agg(["min", "max"])
    return [(int(g), int(lo), int(hi)) for g, (lo, hi) in out.iterrows()]


def _years_span(rows: pd.DataFrame) -> str:
    return span(int(rows["year"].min()), int(rows["year"].max()))


def _incompatibility(rows: pd.DataFrame) -> str:
    kinds = set(rows["incompatibility"].dropna().astype(str))
    if "both" in kinds or {"territory", "government"} <= kinds:
        return "government and territory"
    return kinds.pop() if kinds else "an unrecorded incompatibility"


def _supporters(rows: pd.DataFrame, column: str, first: int, last: int, majors=frozenset()) -> str:
    """"the Soviet Union" or "the United States (2001–2014), the United Kingdom …": the years are given when
    a supporter's years are not the whole conflict's. Major powers (COW codes in ``majors``) come first,
    then the others by first year and code (UCDP lists the 30 states of the Gulf War in no order)."""
    found = sorted(_states(rows, column), key=lambda s: (cow_code(s[0], s[2]) not in majors, s[1], s[0]))
    names = [state_name(g, hi, article=True) + ("" if (lo, hi) == (first, last) else f" ({span(lo, hi)})")
             for g, lo, hi in found]
    if len(names) > MAX_SUPPORTERS + 1:
        names = names[:MAX_SUPPORTERS] + [f"{len(names) - MAX_SUPPORTERS} other states"]
    return _and(names) if names else ""


def _side(rows: pd.DataFrame, column: str) -> tuple[list[int], list[str]]:
    """The G-W codes on one side and their names in running English ("the United States")."""
    found = _states(rows, column)
    return [g for g, _, _ in found], [state_name(g, hi, article=True) for g, _, hi in found]


def _bare(text: str) -> str:
    """"United States" for "the United States": a name inside "the Iran–United States conflict"."""
    return text[4:] if text.startswith("the ") else text


def _wars_between(wars: pd.DataFrame | None, side_a: list[int], side_b: list[int], years: set[int]) -> pd.DataFrame:
    """COW inter-state war dyad-years with a state of each side on opposite sides in one of ``years``."""
    if wars is None or wars.empty:
        return pd.DataFrame(columns=["warnum", "war_name", "year"])
    years_of = {y: ({cow_code(g, y) for g in side_a}, {cow_code(g, y) for g in side_b}) for y in years}
    hit = [ya in years_of and ((c1 in years_of[ya][0] and c2 in years_of[ya][1])
                               or (c1 in years_of[ya][1] and c2 in years_of[ya][0]))
           for c1, c2, ya in zip(wars["ccode1"], wars["ccode2"], wars["year"])]
    return wars[hit]


def _interstate(rows: pd.DataFrame, wars: pd.DataFrame | None, majors=frozenset()) -> tuple[str, list[dict]]:
    side_a, names_a = _side(rows, "gwno_a")
    side_b, names_b = _side(rows, "gwno_b")
    years = set(int(y) for y in rows["year"])
    first, last = min(years), max(years)
    hit = _wars_between(wars, side_a, side_b, years)
    found = []
    for warnum, w in hit.groupby("warnum", sort=True):
        all_years = wars.loc[wars["warnum"] == warnum, "year"].astype(int)
        found.append({"warnum": int(warnum),
                      "name": common_war_name(w["war_name"].iloc[0]) or war_title(w["war_name"].iloc[0], warnum),
                      "start": int(all_years.min()), "end": int(all_years.max())})
    over = _incompatibility(rows)
    if len(found) == 1 and found[0]["start"] <= first and last <= found[0]["end"]:
        text = f"{found[0]['name']} ({span(first, last)})"
    elif len(names_a) == 1 and len(names_b) == 1:
        text = f"the {_bare(names_a[0])}–{_bare(names_b[0])} conflict over {over} ({span(first, last)})"
    else:
        text = f"the conflict of {_and(names_a)} against {_and(names_b)} over {over} ({span(first, last)})"
    if found and not text.startswith(found[0]["name"]):
        text += f", which includes {_and([w['name'] for w in found])}"
    helped = []
    for column, names in (("gwno_a_2nd", names_a), ("gwno_b_2nd", names_b)):
        if (who := _supporters(rows, column, first, last, majors)):
            owner = names[0] + ("'" if names[0].endswith("s") else "'s")
            helped.append(f"troops from {who} on {owner} side" if len(names) == 1 else
                          f"troops from {who} on the side of {_and(names)}")
    return text + (f", with {' and '.join(helped)}" if helped else ""), found


def _internal(rows: pd.DataFrame, majors=frozenset()) -> str:
    first, last = int(rows["year"].min()), int(rows["year"].max())
    gov = _and([state_name(g, hi, article=True) for g, _, hi in _states(rows, "gwno_a")])
    kind = ("internationalized intrastate" if (rows["type_of_conflict"] == "II").any() else "intrastate")
    text = f"the {kind} conflict in {gov} over {_incompatibility(rows)} ({span(first, last)})"
    helped = []
    if (who := _supporters(rows, "gwno_a_2nd", first, last, majors)):
        helped.append(f"troops from {who} on the government's side")
    if (who := _supporters(rows, "gwno_b_2nd", first, last, majors)):
        helped.append(f"troops from {who} on the rebels' side")
    return text + (f", with {' and '.join(helped)}" if helped else "")


def _extrasystemic(rows: pd.DataFrame) -> str:
    state = _and([state_name(g, hi, article=True) for g, _, hi in _states(rows, "gwno_a")])
    state = state[0].lower() + state[1:] if state.startswith("The ") else state
    owner = f"{state}'" if state.endswith("s") else f"{state}'s"
    return f"{owner} extrasystemic (colonial) conflict over {_incompatibility(rows)} ({_years_span(rows)})"


def _began(start) -> str:
    if start is None or pd.isna(start):
        return ""
    day = pd.Timestamp(start).date() if not isinstance(start, dt.date) else start
    return f"{MONTHS[day.month - 1]} {day.year}"


def _began_in(name: str, began: str) -> str:
    """"… over territory that began in May 1946, …": the years in brackets stay when they say more."""
    m = re.search(r" \((\d{4}(?:–\d{4})?)\)", name)
    if m is None:
        return f"{name}, begun in {began}"
    keep = m.group(0) if m.group(1) != began.split()[-1] else ""
    return f"{name[:m.start()]} that began in {began}{keep}{name[m.end():]}"


def conflict_names(rows: pd.DataFrame, wars: pd.DataFrame | None = None, majors=frozenset()) -> pd.DataFrame:
    """One row per conflict in ``rows`` (UCDP/PRIO conflict-year rows, any subset of years): conflict_id,
    name, kind (the type words), first, last and cow_wars (the COW inter-state wars within it: warnum,
    name, start, end).

    ``wars``: COW inter-state war dyad-years with names (warnum, war_name, ccode1, ccode2, year), read
    for the conflicts' states; without it, no war is named. ``majors``: COW codes of the major powers
    (COW's list), named first among the states that sent troops. The name speaks for the rows given: pass a
    conflict's years with a pair to name what the pair saw of it.
    """
    out = []
    majors = frozenset(int(c) for c in majors)
    for cid, conflict in rows.groupby("conflict_id", sort=True):
        types = set(conflict["type_of_conflict"].astype(str))
        found: list[dict] = []
        if "interstate" in types:
            text, found = _interstate(conflict, wars, majors)
            kind = "interstate"
        elif types & {"II", "intrastate"}:
            text, kind = _internal(conflict, majors), "internationalized intrastate" if "II" in types else "intrastate"
        else:
            text, kind = _extrasystemic(conflict), "extrasystemic"
        start = conflict["start_date"].dropna().min() if "start_date" in conflict else None
        out.append({"conflict_id": int(cid), "name": text, "kind": kind, "first": int(conflict["year"].min()),
                    "last": int(conflict["year"].max()), "cow_wars": found, "began": _began(start)})
    frame = pd.DataFrame(out, columns=["conflict_id", "name", "kind", "first", "last", "cow_wars", "began"])
    twins = frame["name"].duplicated(keep=False) & (frame["began"] != "")
    frame.loc[twins, "name"] = [_began_in(n, b) for n, b in zip(frame.loc[twins, "name"], frame.loc[twins, "began"])]
    return frame.drop(columns="began")
