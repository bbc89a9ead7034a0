"""The brief's history section: wars (COW, named), militarized disputes (GML MIDs, then COW MID 5.0),
strategic rivalries (Thompson, Sakuwa & Suhas) and armed conflicts (UCDP/PRIO), within the brief's window.

"None" is said only for years a dataset covers; for the rest the sentence says where the data end.
"""

from __future__ import annotations

import pandas as pd

from entente import catalog
from entente.pair import evidence as pair
from entente.brief import typeset
from entente.brief.context import Context
from entente.brief.jsonable import records
from entente.codings import HOSTILITY
from entente.measures.conflict_names import common_war_name, war_title  # noqa: F401  (brief.history.war_title is read elsewhere)
from entente.measures.dispute_names import dispute_name
from entente.measures.treaties import spells
from entente.pair.named import pair_wars
from entente.period import span
from entente.warehouse import has_table


def history(ctx: Context) -> dict:
    """Wars (COW), militarized disputes (GML MIDs, then COW MID 5.0), strategic rivalries (Thompson,
    Sakuwa & Suhas) and armed conflicts (UCDP/PRIO, to the latest year) within the window."""
    con, win = ctx.con, ctx.window
    a, b = ctx.names()
    out = {"title": "History: wars, disputes and rivalries", "evidence": [], "coverage": []}
    needed = (catalog.COW_WARS, catalog.GML_MIDS, catalog.TSS_RIVALRIES)
    if not all(has_table(con, str(t)) for t in needed):
        out["no_evidence"] = "The conflict datasets are not in this warehouse."
        return out
    war_rec = ctx.coverage(catalog.COW_WARS, "inter-state wars", dataset_label="COW Inter-State War")
    gml_rec = ctx.coverage(catalog.GML_MIDS, "militarized disputes", dataset_label="GML MIDs")
    cow_rec = ctx.coverage(catalog.COW_MIDS, "militarized disputes after GML ends", dataset_label="COW MID")
    riv_rec = ctx.coverage(catalog.TSS_RIVALRIES, "strategic rivalries", dataset_label="strategic rivalries (TSS)")
    ucdp_rec = ctx.coverage(catalog.UCDP_CONFLICTS, "armed conflicts", dataset_label="UCDP/PRIO armed conflicts")
    if cow_rec and gml_rec and win.last <= gml_rec["covers"][1]:
        # GML covers the whole window, so COW MID 5.0 (read only after GML's last year) is not used: it is kept
        # for the sentence's reckoning but left out of the coverage table, which lists the data the brief read
        ctx.records.remove(cow_rec)
    out["coverage"] = [r for r in (war_rec, gml_rec, cow_rec, riv_rec, ucdp_rec)
                       if r and (r is not cow_rec or r in ctx.records)]

    wars = ctx.overlapping(ctx.pair_rows(lambda x, y: pair_wars(x, y, con=con), "warnum"))
    gml = ctx.overlapping(ctx.pair_rows(lambda x, y: ctx.read.disputes(x, y), "dispnum"))
    gml_end = gml_rec["covers"][1]
    newer = ctx.pair_rows(lambda x, y: pair.disputes(x, y, dataset="cow", con=con), "dispnum")
    newer = ctx.overlapping(newer[newer["start"] > gml_end]) if len(newer) else newer
    disputes = pd.concat([gml.assign(dataset="GML"), newer.assign(dataset="COW MID")], ignore_index=True) \
        if len(newer) else gml.assign(dataset="GML")
    rivalries = ctx.overlapping(ctx.pair_rows(lambda x, y: pair.rivalries_tss(x, y, con=con), "tssr_id"),
                                "styear", "endyear")
    conflicts = ctx.pair_rows(lambda x, y: pair.armed_conflicts(x, y, con=con).assign(
        key=lambda f: f["conflict_id"].astype(str) + "-" + f["year"].astype(str)), "key")
    longer = _longer_conflicts(con, conflicts)
    # conflicts whose years with the pair on opposite sides reach outside the window: their names carry those
    # years, so the sentence says which of them lie within it
    clipped = ({int(c) for c, y in zip(conflicts["conflict_id"], conflicts["year"])
                if not win.first <= int(y) <= win.last} if len(conflicts) else set())
    if len(conflicts):
        conflicts = conflicts[conflicts["year"].between(win.first, win.last)].reset_index(drop=True)

    if len(disputes):
        disputes = disputes.assign(name=[dispute_name(d) for d in disputes["dispnum"]])
    out["wars"] = records(wars)
    out["disputes"] = records(disputes)
    out["rivalries"] = records(rivalries[[c for c in ("rivalry", "styear", "endyear", "positional", "spatial",
                                                      "ideological", "interventionary") if c in rivalries]])
    out["conflicts"] = _conflict_spells(conflicts)
    out["last_dispute"] = int(disputes.start.max()) if len(disputes) else None
    sentences = [_war_sentence(ctx, wars, war_rec), _dispute_sentence(ctx, disputes, gml_rec, cow_rec),
                 _rivalry_sentence(ctx, rivalries, riv_rec), _conflict_sentence(ctx, out["conflicts"], ucdp_rec, longer,
                                                                               clipped)]
    out["summary"] = " ".join(s for s in sentences if s)
    out["evidence"] = [
        pair.evidence(con, str(catalog.COW_WARS), len(wars), "wars"),
        pair.evidence(con, str(catalog.GML_MIDS), len(gml), "disputes"),
        pair.evidence(con, str(catalog.COW_MIDS), len(newer), f"disputes after {gml_end}"),
        pair.evidence(con, str(catalog.TSS_RIVALRIES), len(rivalries), "rivalries", span=("styear", "endyear")),
        pair.evidence(con, str(catalog.UCDP_CONFLICTS), len(conflicts), "armed conflicts"),
    ]
    return out


def _war_sentence(ctx: Context, wars: pd.DataFrame, rec) -> str:
    seen = ctx.window.clip(rec["covers"])
    if seen is None:
        return f"COW's list of inter-state wars covers {span(*rec['covers'])}, outside this window."
    a, b = ctx.names(seen[1])
    if wars.empty:
        return (f"COW's list of inter-state wars records no war between {a} and {b} in {span(*seen)}"
                f"{ctx.gap_clause(rec)}.")
    items = [f"{common} (COW: {war_title(w.war_name, w.warnum)}, {_war_years(w)})"      # COW's name with its years
             if (common := common_war_name(w.war_name)) else f"{war_title(w.war_name, w.warnum)} ({_war_years(w)})"
             for w in wars.itertuples()]
    a, b = ctx.names_over(int(wars.start.min()), int(wars.end.max()))
    return (f"COW's list of inter-state wars records {typeset.plural(len(wars), 'war')} between {a} and {b}: "
            f"{typeset.listing(items)}{ctx.gap_clause(rec)}.")


def _war_years(w) -> str:
    """The war's years, and the pair's own when they are fewer: "1939–1945; on opposite sides in 1939–1940"
    (France left World War II in 1940; "World War II (1939–1940)" would misdate the war). COW's dyad-years
    put two states on opposite sides while both took part, which is not always fighting each other."""
    whole = (int(w.war_start), int(w.war_end)) if pd.notna(getattr(w, "war_start", None)) else (w.start, w.end)
    if whole == (w.start, w.end):
        return span(w.start, w.end)
    return f"{span(*whole)}; on opposite sides in {span(w.start, w.end)}"


def _dispute_sentence(ctx: Context, disputes: pd.DataFrame, gml_rec, cow_rec) -> str:
    gml_end = gml_rec["covers"][1]
    cow_end = cow_rec["covers"][1] if cow_rec else gml_end
    seen = ctx.window.clip((gml_rec["covers"][0], cow_end))
    if seen is None:
        return f"The militarized-dispute data cover {span(gml_rec['covers'][0], cow_end)}, outside this window."
    source = (f"The militarized-dispute data (GML MIDs to {gml_end}, COW MID 5.0 for {span(gml_end + 1, cow_end)})"
              if seen[1] > gml_end else "The GML militarized-dispute data")
    gap = ctx.blind_spots({"covers": [gml_rec["covers"][0], cow_end],
                           "outside": [list(g) for g in ctx.window.gaps((gml_rec["covers"][0], cow_end))]})
    tail = f" ({gap})" if gap else ""
    if disputes.empty:
        a, b = ctx.names(seen[1])
        return f"{source} list no dispute between {a} and {b} in {span(*seen)}{tail}."
    force = int((disputes.hostility >= 4).sum())
    worst = int(disputes.hostility.max()) if disputes.hostility.notna().any() else None
    last = int(disputes.start.max())
    a, b = ctx.names_over(int(disputes.start.min()), int(disputes.end.max()))
    if len(disputes) == 1:
        reached = HOSTILITY.get(worst, "an uncoded level of hostility")
        began = _began(ctx, last, "it was", f"it began in {last}")
        began += "," if last < ctx.window.first else ""
        return (f"{source} list one dispute between {a} and {b} in {span(*seen)}: {began} and went as "
                f"far as {reached}{tail}.")
    # A MID codes each state's highest action in the whole dispute, not towards the other: France's war with
    # Siam in 1893 (MID 196) is a war level in a dispute with Britain. War between them: both at war.
    to_war = int(((disputes.a_hostility == 5) & (disputes.b_hostility == 5)).sum())
    of_war = f" and {to_war} in which both went to war" if to_war else ""
    text = (f"{source} list {typeset.plural(len(disputes), 'dispute')} between {a} and {b} in {span(*seen)}, "
            f"{force} reaching the use of force{of_war}" if force else
            f"{source} list {typeset.plural(len(disputes), 'dispute')} between {a} and {b} in {span(*seen)}, none "
            f"going beyond {HOSTILITY.get(worst, 'threats')}")
    first = int(disputes.start.min())
    text += ("; " + _began(ctx, last, "all were", f"all began in {last}") if first == last else
             "; " + _began(ctx, first, "the first was", f"the first began in {first}")
             + (f", the last in {last}" if first >= ctx.window.first else f", and the last began in {last}"))
    named = [f"{r.name} ({r.start})" for r in disputes.itertuples() if getattr(r, "name", None)]
    if named:
        text += f"; among them {typeset.listing(named)}"
    return text + f"{tail}."


def _began(ctx: Context, year: int, who: str, plain: str) -> str:
    """``plain`` ("the first began in 1980"), or for a dispute begun before the window's first year (counted
    because it ran into the window) "the first was already under way in 1975, begun before this window", so
    "in 1975–1995 … the first began in 1973" does not read as a slip and no year outside the window is named."""
    if year >= ctx.window.first:
        return plain
    return f"{who} already under way in {ctx.window.first}, begun before this window"


def _rivalry_sentence(ctx: Context, rivalries: pd.DataFrame, rec) -> str:
    if rec is None:
        return ""
    seen = ctx.window.clip(rec["covers"])
    if rivalries.empty:
        if seen is None:
            return ""
        a, b = ctx.names(seen[1])
        return (f"Thompson, Sakuwa and Suhas code no strategic rivalry between {a} and {b} in {span(*seen)}"
                f"{ctx.gap_clause(rec)}.")
    kinds = []
    for column in ("positional", "spatial", "ideological", "interventionary"):
        if column in rivalries and rivalries[column].fillna(0).astype(int).any():
            kinds.append(column)
    spells = typeset.listing(span(max(r.styear, ctx.window.first), min(r.endyear, ctx.window.last))
                           for r in rivalries.itertuples())
    end = int(rivalries.endyear.max())
    a, b = ctx.names_over(int(rivalries.styear.min()), end)
    kind = f" ({', '.join(kinds)})" if kinds else ""
    still = (f"; the data end in {rec['covers'][1]}, with the rivalry still running"
             if end >= rec["covers"][1] and ctx.window.last > rec["covers"][1] else "")
    return f"Thompson, Sakuwa and Suhas code a strategic rivalry{kind} between {a} and {b} in {spells}{still}."


def _conflict_spells(conflicts: pd.DataFrame) -> list[dict]:
    """One row per UCDP conflict: id, name (built from the data, :mod:`entente.measures.conflict_names`),
    kind, years, roles, and the years at war intensity."""
    out = []
    if conflicts is None or conflicts.empty:
        return out
    for cid, rows in conflicts.groupby("conflict_id", sort=False):
        first = rows.iloc[0]
        war_years = rows.loc[rows["intensity_level"] == 2, "year"].astype(int).tolist()
        out.append({"conflict_id": int(cid), "name": str(first["name"]) if "name" in rows else None,
                    "type": str(first["type_of_conflict"]),
                    "incompatibility": str(first["incompatibility"]), "start": int(rows.year.min()),
                    "end": int(rows.year.max()), "years": int(len(rows)), "war_years": war_years,
                    "a_role": str(first["a_role"]), "b_role": str(first["b_role"])})
    return sorted(out, key=lambda r: (r["start"], r["conflict_id"]))


KINDS = {"interstate": "an interstate armed conflict", "II": "an internationalized internal armed conflict",
         "intrastate": "an internal armed conflict", "extrasystemic": "an extrasystemic armed conflict"}


def _longer_conflicts(con, conflicts: pd.DataFrame) -> dict[int, tuple[int, int]]:
    """{conflict_id: (first, last)} of UCDP's own years for the conflicts UCDP records beyond the years the
    pair was on opposite sides in them (Syria's conflict over government, 1966–2024, with Russia and Turkey on
    opposite sides in 2020–2024): their names carry the pair's years, which the sentence must not pass off as
    the conflict's. One query for all the pair's conflicts."""
    if conflicts is None or conflicts.empty:
        return {}
    ids = sorted({int(c) for c in conflicts["conflict_id"]})
    frame = con.execute(f"""SELECT conflict_id, min(year) AS lo, max(year) AS hi FROM {catalog.UCDP_CONFLICTS}
                            WHERE list_contains(?, conflict_id) GROUP BY conflict_id""", [ids]).df()
    own = conflicts.groupby("conflict_id")["year"].agg(["min", "max"])
    return {int(c): (int(lo), int(hi)) for c, lo, hi in zip(frame.conflict_id, frame.lo, frame.hi)
            if (int(lo), int(hi)) != (int(own.loc[c, "min"]), int(own.loc[c, "max"]))}


def _conflict_sentence(ctx: Context, spells: list[dict], rec, longer: dict | None = None,
                       clipped: set | None = None) -> str:
    if rec is None:
        return ""
    seen = ctx.window.clip(rec["covers"])
    if seen is None:
        return ""
    if not spells:
        a, b = ctx.names(seen[1])
        return (f"UCDP/PRIO record no armed conflict with {a} and {b} on opposite sides in {span(*seen)}"
                f"{ctx.gap_clause(rec)}.")
    parts = []
    for s in spells:
        a, b = ctx.names(s["end"])
        who = ""
        if s["a_role"] == s["b_role"] == "supporting":
            who = f", {a} and {b} each supporting one side"
        elif s["a_role"] == "supporting":
            who = f", {a} supporting the side opposed to {b}"
        elif s["b_role"] == "supporting":
            who = f", {b} supporting the side opposed to {a}"
        war = f"; 1,000 or more battle deaths a year in {_years_text(s['war_years'])}" if s["war_years"] else ""
        length = s["end"] - s["start"] + 1
        inside = s["conflict_id"] in (clipped or set())
        active = (f", active in {s['years']} of the {length} years {span(s['start'], s['end'])}"
                  + (" within this window" if inside else "") if s["years"] < length else
                  f", {span(s['start'], s['end'])} within this window" if inside else "")
        if s.get("name"):       # the name says who sent troops; the roles are said only when it does not
            what = s["name"] + ("" if all(x in s["name"] for x in (a, b)) else who)
        else:
            what = (f"{KINDS.get(s['type'], 'an armed conflict')} over {s['incompatibility']} in "
                    f"{span(s['start'], s['end'])}{who}")
        whole = (longer or {}).get(s["conflict_id"])
        if whole:       # UCDP's own years, as far as the window goes: a year outside it is not named
            lo, hi = whole
            since = f"from {lo}" if lo >= ctx.window.first else f"from before {ctx.window.first}"
            until = f" to {hi}" if hi <= ctx.window.last else f", running past {ctx.window.last}"
            whole = f", in UCDP's data {since}{until}; the years given are the two's on opposite sides"
        else:
            whole = ""
        parts.append(f"{what} (UCDP conflict {s['conflict_id']}{whole}{active}{war})")
    return (f"UCDP/PRIO armed-conflict data ({span(*rec['covers'])}) put them on opposite sides in "
            f"{typeset.plural(len(spells), 'conflict')}: " + "; ".join(parts) + ".")


def _years_text(years: list[int]) -> str:
    return typeset.listing(span(lo, hi) for lo, hi in spells(years))
