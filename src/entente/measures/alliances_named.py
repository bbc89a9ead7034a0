"""Named evidence for a pair: the ATOP alliances two states shared, and the COW wars they fought.

The dyad-year tables say *that* two states were allied, or at war, in a year. These functions say
*which* alliance or war, from the member-level and alliance-level ATOP 5.1 files (Leeds et al. 2002)
and COW's inter-state war list v4.0 (Sarkees & Wayman 2010):

- :func:`shared_alliances`: one row per ATOP alliance both states belonged to at the same time, with
  entente's name for it where one is curated (``atop/atop_names.csv``), a description built from the
  data ("a multilateral defence pact of 30 states, 1949–"), and what each of the two pledged in it.
  ATOP records obligations per member, so a bilateral treaty can bind one side only: in the
  1951 and 1960 US–Japan treaties the United States promises defence and Japan does not.
- :func:`named_wars`: one row per COW inter-state war the two fought on opposite sides, with COW's
  name for it, each side, who initiated, the outcome and each state's battle deaths.

Pure functions: frames in, frames out; :mod:`entente.pair.named` reads the frames from the warehouse.
"""

from __future__ import annotations

import pandas as pd

from entente.measures import history as _history
from entente.measures.treaties import ATOP_TYPES, spells

#: ATOP member-level obligation columns → entente's labels (the labels defined once, in treaties).
OBLIGATIONS = {column.removeprefix("atop_"): label for column, label in ATOP_TYPES.items()}

ALLIANCE_COLUMNS = ["atopid", "name", "description", "bilateral", "members", "start", "end", "shared_start",
                    "shared_end", "shared_spells", "a_obligations", "b_obligations"]
WAR_COLUMNS = ["warnum", "war_name", "start", "end", "war_start", "war_end", "a_side", "b_side", "a_initiated",
               "b_initiated", "a_outcome", "b_outcome", "a_battle_deaths", "b_battle_deaths"]


def years_text(start: int, end: int | None) -> str:
    """``1949–`` while in force at the data's end, ``1961`` for one year, else ``1951–1960``."""
    if end is None:
        return f"{start}–"
    return str(start) if end == start else f"{start}–{end}"


def kind(obligations) -> str:
    """The strongest obligation in an alliance, as a noun phrase: defence > offence > neutrality >
    non-aggression > consultation ("defence pact"); "agreement" when it carries none of the five."""
    for label in OBLIGATIONS.values():
        if label in obligations:
            return f"{label} pact"
    return "agreement"


def describe(members: int, obligations, start: int, end: int | None) -> str:
    """"a bilateral non-aggression pact, 2009–", "a multilateral defence pact of 30 states, 1949–".

    Bilateral means two member states in all (ATOP's own BILAT flag is reported separately: it also
    marks a few treaties whose two-member phases were later split or widened).
    """
    size = "a bilateral" if members == 2 else "a multilateral"
    of = "" if members == 2 else f" of {members} states"
    return f"{size} {kind(obligations)}{of}, {years_text(start, end)}"


def _undertook(rows: list[dict]) -> list[str]:
    """The obligations a member undertook in any of ``rows`` (its phases), in the canonical order: those
    whose highest value over the rows (missing values left out) is 1."""
    out = []
    for column, label in OBLIGATIONS.items():
        values = [r[column] for r in rows if not pd.isna(r[column])]
        if values and max(values) == 1:
            out.append(label)
    return out


def _during(rows: list[dict], start: int, end: int, coverage_end: int) -> list[dict]:
    """The member rows (phases) in force at some time in ``start``–``end`` (a null exit: ``coverage_end``)."""
    return [r for r in rows if r["yrent"] <= end and _exit(r, coverage_end) >= start]


def _exit(row: dict, coverage_end: int) -> int:
    return coverage_end if pd.isna(row["yrexit"]) else int(row["yrexit"])


def shared_alliances(members: pd.DataFrame, alliances: pd.DataFrame, names: pd.DataFrame, a: int, b: int, *,
                     window: tuple[int, int] | None = None, coverage_end: int = 2018) -> pd.DataFrame:
    """One row per ATOP alliance ``a`` and ``b`` both belonged to in the same years, within ``window``.

    ``members``: ``atop_members`` rows (at least those of ``a`` and ``b``); ``alliances``: ``atop_alliances``;
    ``names``: atopid, name. Two memberships overlap when some year lies in both ``yrent``–``yrexit``
    spans of the same phase (a null exit is read as ``coverage_end``, the data's last year), the way
    ATOP's dyad-year data pair members. Years, not days, are compared: where one state left in the
    year the other joined or was born (the two Germanys in 1990, the two Yemens in 1990, Yugoslavia's
    successors in 1992) this counts a shared year that ``atop_dyad_year`` does not; every other pair's
    shared years equal its dyad-years. Columns:

    - atopid, name (None where entente names none), description (from the data), bilateral (ATOP's BILAT),
      members (states ever members), start, end (the alliance's years; end None if in force at the
      data's end);
    - shared_start, shared_end: the first and last year both were members (clipped to ``window``);
      shared_spells: those years as runs, [(start, end), ...], which differ from one run when a member
      left and came back (Yugoslavia in the CSCE: 1975–1992, then 2000–);
    - a_obligations, b_obligations: what each undertook in it (labels, e.g. ["defence", "consultation"]),
      over its phases that overlap the shared years.
    """
    lo, hi = window if window is not None else (-10_000, 10_000)
    # plain rows, grouped by alliance and member (the pandas filters per alliance cost ~3 ms each)
    phases: dict = {}
    for r in members[members["ccode"].isin([a, b])].to_dict("records"):
        phases.setdefault(r["atopid"], {a: [], b: []})[r["ccode"]].append(r)
    info: dict = {}
    for r in alliances.to_dict("records"):
        info.setdefault(r["atopid"], r)          # the first row of each alliance
    named = dict(zip(names["atopid"], names["name"]))
    rows = []
    for atopid in sorted(phases):
        ra, rb = phases[atopid][a], phases[atopid][b]
        if not ra or not rb:
            continue
        years = set()   # the years both were members in the same phase (as ATOP pairs them), inside the window
        for x in ra:
            for y in rb:
                if x["phase"] == y["phase"]:
                    years.update(range(max(int(x["yrent"]), int(y["yrent"]), lo),
                                       min(_exit(x, coverage_end), _exit(y, coverage_end), hi) + 1))
        if not years:
            continue
        start, end = min(years), max(years)
        alliance = info[atopid]
        a_end = None if pd.isna(alliance["endyr"]) else int(alliance["endyr"])
        undertaken = [label for column, label in OBLIGATIONS.items() if alliance[column] == 1]
        rows.append({
            "atopid": int(atopid), "name": named.get(atopid),
            "description": describe(int(alliance["members"]), undertaken, int(alliance["begyr"]), a_end),
            "bilateral": bool(alliance["bilat"] == 1), "members": int(alliance["members"]),
            "start": int(alliance["begyr"]), "end": a_end, "shared_start": start, "shared_end": end,
            "shared_spells": spells(pd.Series(sorted(years))),
            "a_obligations": _undertook(_during(ra, start, end, coverage_end)),
            "b_obligations": _undertook(_during(rb, start, end, coverage_end)),
        })
    frame = pd.DataFrame(rows, columns=ALLIANCE_COLUMNS).astype({"end": object})
    frame["end"] = pd.Series([None if pd.isna(v) else int(v) for v in frame["end"]], index=frame.index,
                             dtype=object)  # None, not NaN: "in force at the end of the data"
    return frame.sort_values(["start", "atopid"], kind="stable").reset_index(drop=True)


def pledges(frame: pd.DataFrame, a: str, b: str) -> list[str]:
    """Who pledged what to whom, one sentence per alliance: "USA pledged defence, non-aggression and
    consultation; JPN pledged non-aggression and consultation (3375, Treaty of ..., 1960–)"."""
    out = []
    for row in frame.itertuples():
        label = f"{row.atopid}" + (f", {row.name}" if row.name else "") + f", {years_text(row.start, row.end)}"
        out.append(f"{a} pledged {_listing(row.a_obligations)}; {b} pledged {_listing(row.b_obligations)} ({label})")
    return out


def _listing(items: list[str]) -> str:
    if not items:
        return "nothing ATOP codes"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def named_wars(war_dyad_year: pd.DataFrame, wars: pd.DataFrame, a: int, b: int, *,
               window: tuple[int, int] | None = None) -> pd.DataFrame:
    """COW inter-state wars ``a`` and ``b`` fought on opposite sides, named, within ``window``.

    ``war_dyad_year``: ``cow_war_inter_dyad_year`` rows of the pair; ``wars``: ``cow_war_inter_wars``.
    Columns: warnum, war_name (COW's WarName), start, end (years the two fought each other), war_start,
    war_end (the whole war), a_side, b_side (COW side 1 or 2), a_initiated, b_initiated, a_outcome,
    b_outcome (:data:`entente.measures.history.WAR_OUTCOME` labels), a_battle_deaths, b_battle_deaths
    (each state's battle deaths in the whole war; missing when COW codes them unknown). A war overlaps
    the window when its pair years do.
    """
    base = _history.wars(war_dyad_year, a, b)
    if base.empty:
        return pd.DataFrame(columns=WAR_COLUMNS)
    pair = war_dyad_year[(war_dyad_year["ccode1"] == a) & (war_dyad_year["ccode2"] == b)]
    sides = pair.groupby("warnum").agg(a_side=("sidea1", "first"), b_side=("sidea2", "first")).reset_index()
    names = wars[["warnum", "war_name", "start_year", "end_year"]].rename(
        columns={"start_year": "war_start", "end_year": "war_end"})
    out = base.merge(sides, on="warnum", how="left").merge(names, on="warnum", how="left")
    if window is not None:
        out = out[(out["start"] <= window[1]) & (out["end"] >= window[0])]
    return out[WAR_COLUMNS].sort_values(["start", "warnum"], kind="stable").reset_index(drop=True)
