"""Checks of economic and military exchange: trade between a pair (growth, level, and a partner's share
of a state's trade or its rank among partners) and arms transfers (SIPRI, user-supplied)."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from entente import catalog
from entente.countries import name as state_name
from entente.factcheck.checks.common import _judged, _names, count_verdict
from entente.factcheck.verdicts import (
    CONTRADICTED,
    NOT_CHECKABLE,
    NOT_COVERED,
    PARTLY,
    SUPPORTED,
    Verdict,
    coverage_note,
    evidence,
    memo,
    span,
    table_coverage,
)
from entente.measures import trade_sources as _ts
from entente.pair import evidence as ev
from entente.store import has_table, one


# --------------------------------------------------------------------------------------------- trade
def trade(claim, con, period, measure="total") -> Verdict:
    """Trade between the pair: a level ("reached $5 billion"), a factor ("quadrupled") or a direction
    ("grew"), read from the one series of :func:`entente.pair.evidence.trade` (COW Trade for the years it
    covers, then IMF DOTS, then IMF IMTS when fetched), first and last year of the years judged; a share
    or rank claim goes to :func:`trade_share`."""
    if claim.params.get("measure") == "share":
        return trade_share(claim, con, period)
    years, early = _trade_years(con, period)
    if early:
        return early
    a, b = claim.states[:2]
    na, nb = _names(claim)
    frame = memo(con, ("trade", a, b), lambda: ev.trade(a, b, con=con))
    first_year = years[0] - 1 if _from_year_before(claim, period) else years[0]
    frame = frame[(frame["year"] >= first_year) & (frame["year"] <= years[1])].dropna(subset=[measure])
    query = f"entente.pair.evidence.trade({a}, {b}) {span(*years)}"
    keys = [{"ccode1": min(a, b), "ccode2": max(a, b), "years": list(years)}]
    if frame.empty:
        return Verdict(NOT_COVERED, f"The trade data (COW, then IMF) have no figure for {na} and {nb} in {span(*years)}.",
                       [evidence(con, catalog.COW_TRADE, keys)], query)
    used = [d for d in TRADE_TABLES if d in set(frame["dataset"])]
    rows = [evidence(con, TRADE_TABLES[d][0], keys) for d in used]
    source = " then ".join(used)
    first, last = frame.iloc[0], frame.iloc[-1]
    usd = next((q for q in claim.quantities if q.unit == "usd"), None)
    if usd is not None and claim.params.get("change") is None:
        value = float(last[measure]) * 1e6
        tol = 0.25 if usd.approx else 0.15
        ok = abs(value - usd.value) <= tol * usd.value
        return Verdict(SUPPORTED if ok else CONTRADICTED,
                       f"The claim says {usd.text}; trade between {na} and {nb} was ${value / 1e9:.2f} billion in "
                       f"{int(last.year)} ({last.dataset}, current US$, tolerance ±{tol:.0%}).", rows, query, value)
    if len(frame) < 2:
        return Verdict(NOT_COVERED, f"The trade data ({source}) have only one year ({int(first.year)}) in "
                       f"{span(*years)}; no change can be read.", rows, query)
    ratio = float(last[measure]) / float(first[measure]) if float(first[measure]) else float("inf")
    factor = next((q for q in claim.quantities if q.unit == "factor"), None)
    facts = (f"trade between {na} and {nb} went from ${float(first[measure]):,.0f} million in {int(first.year)} to "
             f"${float(last[measure]):,.0f} million in {int(last.year)} (×{ratio:.2f}, current US$; {source})"
             f"{_cover_note(con, period)}")
    if factor is not None:
        tol = 0.2 if factor.approx else 0.1
        bound = next((b for b in ("more than", "over", "at least", "less than") if factor.text.startswith(b)), None)
        if bound in ("more than", "over"):
            ok = ratio > factor.value
        elif bound == "at least":
            ok = ratio >= factor.value
        elif bound == "less than":
            ok = ratio < factor.value
        else:
            ok = abs(ratio - factor.value) <= tol * factor.value
        return Verdict(SUPPORTED if ok else CONTRADICTED, f"The claim says {factor.text}; {facts}.", rows, query, ratio)
    change = claim.params.get("change")
    if change is None:
        return Verdict(NOT_CHECKABLE, f"The claim gives no figure or direction to test ('small', 'large' have no agreed "
                       f"threshold); for the record, {facts}.", rows, query, ratio)
    ok = ratio > 1.05 if change == "up" else ratio < 0.95
    return Verdict(SUPPORTED if ok else CONTRADICTED, f"{'Yes' if ok else 'No'}: {facts}.", rows, query, ratio)



# ------------------------------------------------------------------------------------ trade shares
#: Share claims: a percentage holds within ±1 point or ±10% of the figure, whichever is wider (±2 points or
#: ±20% when said approximately); "under", "over", "at least" are bounds, with no tolerance.
SHARE_TOL = {False: (1.0, 0.10), True: (2.0, 0.20)}
BOUNDS = {"under": "<", "less than": "<", "below": "<", "fewer than": "<", "over": ">", "more than": ">",
          "above": ">", "at least": ">="}


def trade_share(claim, con, period) -> Verdict:
    """A partner's share of a state's trade, or its rank among the state's partners, year by year.

    ``states``: (partner, owner). ``params``: ``flow`` (``total``, ``exports`` or ``imports`` of the owner),
    ``rank`` (1 for "largest trading partner") and ``within`` ("one of the top five": rank ≤ 5). Flows are
    COW Trade's for the years it covers, then IMF DOTS, then IMF IMTS when fetched (COW's definition:
    the importer's report, else the exporter's; :func:`entente.measures.trade_sources.one_series`), and the
    owner's totals are the same dataset's national totals. Every year judged must hold for ``supported``;
    none for ``contradicted``; some: ``partly supported``, naming the years that fail.
    """
    if claim.params.get("mutual"):
        return _both_ways(claim, con, period)
    partner, owner = claim.states[:2]
    flow = claim.params.get("flow", "total")
    cover = _trade_cover(con)
    npart, nown = (state_name(c, min(period.end, cover[1]), article=True) for c in (partner, owner))
    judged, early = _trade_years(con, period)
    first, last = judged or (cover[1], cover[1])
    rows = _share_evidence(con, owner, partner, (first, last))
    query = f"{flow} trade of {owner} with each partner and in all, {span(first, last)} (COW → IMF DOTS → IMTS)"
    if early:
        latest = _share_facts(con, partner, owner, flow, cover[1], npart, nown)
        return Verdict(NOT_COVERED, f"{early.reason} In {cover[1]}, the last year they cover, {latest}.", rows, query)
    region = claim.params.get("region")
    facts = [(y, _share_year(con, partner, owner, flow, y, region)) for y in range(first, last + 1)]
    facts = [(y, f) for y, f in facts if f is not None]
    if not facts:
        return Verdict(NOT_COVERED, f"The trade data have no {flow} figure for {nown} in {span(first, last)}.", rows, query)
    pct = next((q for q in claim.quantities if q.unit == "percent"), None)
    bound = _bound(claim.sentence, pct)
    rank, within = claim.params.get("rank"), claim.params.get("within")
    results = []
    for year, f in facts:
        if pct is not None:
            ok = _share_holds(f["share"] * 100, pct, bound)
        elif rank is not None:
            ok = f["rank"] == rank if within is None else f["rank"] <= within
        else:
            return Verdict(NOT_CHECKABLE, f"The claim gives no share or rank to test; for the record, in {year} "
                           f"{_describe_share(f, npart, nown, flow)}.", rows, query, f["share"])
        results.append(ok != claim.negated)
    said = f"in {facts[-1][0]} {_describe_share(facts[-1][1], npart, nown, flow)}"
    if len(facts) > 1:
        shares = [f["share"] for _, f in facts]
        ranks = sorted({f["rank"] for _, f in facts})
        said = (f"in {span(facts[0][0], facts[-1][0])} {npart}'s share ranged {min(shares):.1%}–{max(shares):.1%} and "
                f"its rank {ranks[0]}–{ranks[-1]}; {said}")
    tol = "" if pct is None or bound else " (tolerance ±{:.0f} point(s) or ±{:.0%})".format(*SHARE_TOL[pct.approx])
    value = facts[-1][1]["share"]
    if all(results):
        return Verdict(SUPPORTED, f"Yes: {said}{tol}.", rows, query, value)
    if not any(results) or claim.negated:        # "never": one year it held is enough to contradict
        return Verdict(CONTRADICTED, f"No: {said}{tol}.", rows, query, value)
    failed = [y for (y, _), ok in zip(facts, results) if not ok]
    return Verdict(PARTLY, f"Only in part: it fails in {len(failed)} of {len(facts)} years ({span(failed[0], failed[-1])} "
                   f"among them); {said}{tol}.", rows, query, value)


#: The tables (dyads, national totals) behind each dataset of the one trade series.
TRADE_TABLES = {_ts.COW: (catalog.COW_TRADE, catalog.COW_TRADE_STATES), _ts.IMF: (catalog.IMF_TRADE, catalog.IMF_TRADE_STATES),
                _ts.IMTS: (catalog.IMTS_TRADE, catalog.IMTS_TRADE_STATES)}


def _share_evidence(con, owner: int, partner: int, years: tuple[int, int]) -> list[dict]:
    """The tables of the datasets whose rows gave the owner's trade in ``years``."""
    table = memo(con, ("partners", owner), lambda: _partners(con, owner))
    used = table.loc[(table["year"] >= years[0]) & (table["year"] <= years[1]), "dataset"].unique()
    out = []
    for dataset in (d for d in TRADE_TABLES if d in set(used)):
        dyads, states = TRADE_TABLES[dataset]
        out += [evidence(con, dyads, [{"ccode": owner, "partner": partner, "years": list(years)}]),
                evidence(con, states, [{"ccode": owner, "years": list(years)}])]
    return out


def _both_ways(claim, con, period) -> Verdict:
    """"Each other's largest trading partners": the claim read both ways; both must hold."""
    one_way = replace(claim, params={**claim.params, "mutual": False})
    first = trade_share(one_way, con, period)
    second = trade_share(replace(one_way, states=[claim.states[1], claim.states[0], *claim.states[2:]]), con, period)
    verdicts = {first.verdict, second.verdict}
    if len(verdicts) == 1:
        verdict = first.verdict
    elif NOT_COVERED in verdicts:
        verdict = NOT_COVERED
    else:
        verdict = PARTLY
    strip = re.compile(r"^(Yes|No|Only in part): ")
    return Verdict(verdict, f"Both ways: {strip.sub('', first.reason)[:-1]}; and {strip.sub('', second.reason)}",
                   first.evidence + second.evidence, f"{first.query}; {second.query}", first.value)


def _bound(sentence: str, pct) -> str | None:
    if pct is None:
        return None
    low = sentence.lower()
    at = low.find(pct.text.split()[-1]) if pct.text else -1
    before = low[max(0, at - 25):at] if at >= 0 else ""
    return next((op for word, op in BOUNDS.items() if re.search(rf"\b{word}\s*$", before.strip() + " ")
                 or before.rstrip().endswith(word)), None)


def _share_holds(value: float, pct, bound: str | None) -> bool:
    if bound == "<":
        return value < pct.value
    if bound == ">":
        return value > pct.value
    if bound == ">=":
        return value >= pct.value
    points, rel = SHARE_TOL[pct.approx]
    return abs(value - pct.value) <= max(points, rel * pct.value)


def _describe_share(f: dict, npart: str, nown: str, flow: str) -> str:
    what = {"total": "trade", "exports": "exports", "imports": "imports"}[flow]
    ordinal = {1: "largest", 2: "second-largest", 3: "third-largest"}.get(f["rank"], f"number {f['rank']}")
    top = "" if f["rank"] == 1 else f"; the largest was {f['top']}"
    among = f" in {f['region']}" if f.get("region") else ""
    owner = nown + ("’" if nown.endswith("s") else "’s")
    return (f"{npart} took {f['share']:.1%} of {owner} {what} and was its {ordinal} partner{among} of {f['partners']} "
            f"({f['dataset']}{top})")


def _share_facts(con, partner, owner, flow, year, npart, nown) -> str:
    f = _share_year(con, partner, owner, flow, year)
    return _describe_share(f, npart, nown, flow) if f else f"the data have no {flow} figure for {nown}"


def _from_year_before(claim, period) -> bool:
    """Whether a change is measured from the year before the period: "fell after 2008" (the period
    2009–…) from 2008; "fell in 2015" or "in 2015 and 2016" (a change within those years) from 2014.
    "Between 2010 and 2020", "since 1991" and "from 2000 to 2010" start at their first year."""
    text = period.text.lower()
    changes = claim.params.get("change") is not None or any(q.unit == "factor" for q in claim.quantities)
    return text.startswith("after") or (changes and text.startswith(("in ", "during ")))


def _trade_years(con, period):
    """(years judged, None) or (None, a not-covered verdict): the coverage rule over the one trade series."""
    cover = _trade_cover(con)
    first, last = max(period.start, cover[0]), min(period.end, cover[1])
    if first > last or (period.how != "implicit" and (last - first + 1) * 2 < period.end - period.start + 1):
        return None, Verdict(NOT_COVERED, f"The trade data (COW, then IMF) cover {cover[0]}–{cover[1]}, not "
                             f"{span(period.start, period.end)}.", [evidence(con, catalog.COW_TRADE)])
    return (first, last), None


def _cover_note(con, period) -> str:
    cover = _trade_cover(con)
    if period.end > cover[1]:
        return f" (the data end in {cover[1]}; later years are not seen)"
    return f" (the data begin in {cover[0]})" if period.start < cover[0] else ""


def _trade_cover(con) -> tuple[int, int]:
    """First and last year of the one trade series: COW's first, the last of COW, IMF DOTS or IMTS loaded."""
    spans = [table_coverage(con, t) for t in (catalog.COW_TRADE, catalog.IMF_TRADE, catalog.IMTS_TRADE)]
    spans = [s for s in spans if s]
    return spans[0][0], max(s[1] for s in spans)


def _share_year(con, partner: int, owner: int, flow: str, year: int, region: str | None = None) -> dict | None:
    """The partner's share of the owner's ``flow`` in ``year``, its rank among the owner's partners (those of
    ``region`` only, when given), the largest partner's name and the dataset; None when the data have no figure."""
    table = memo(con, ("partners", owner), lambda: _partners(con, owner))
    totals = memo(con, ("owner_totals", owner), lambda: _owner_totals(con, owner))
    rows = table[table["year"] == year].dropna(subset=[flow])
    if region is not None:
        # entente.network loads igraph: only a rank "in Europe" needs its COW regions, so it loads here
        from entente.network.axis import REGIONS

        lo, hi = REGIONS[region]
        rows = rows[rows["partner"].between(lo, hi)]
    total = totals[totals["year"] == year]
    if rows.empty or total.empty or not float(total[flow].iloc[0]):
        return None
    rows = rows.sort_values(flow, ascending=False).reset_index(drop=True)
    mine = rows[rows["partner"] == partner]
    value = float(mine[flow].iloc[0]) if len(mine) else 0.0
    rank = int((rows[flow] > value).sum()) + 1
    return {"share": value / float(total[flow].iloc[0]), "rank": rank, "partners": len(rows), "region": region,
            "top": state_name(int(rows["partner"].iloc[0]), year, article=True), "dataset": rows["dataset"].iloc[0]}


def _partners(con, owner: int) -> pd.DataFrame:
    """Every partner of ``owner`` per year: ``exports`` (owner → partner), ``imports``, ``total``, ``dataset``."""
    cow_last = table_coverage(con, catalog.COW_TRADE)[1]
    where = "WHERE ccode1 = ? OR ccode2 = ?"
    cow = con.execute(f"SELECT ccode1, ccode2, year, flow1, flow2 FROM {catalog.COW_TRADE} {where}", [owner, owner]).df()
    imf = pd.DataFrame(columns=["ccode1", "ccode2", "year", *(c for pair in _ts.DEFINITION.values() for c in pair)])
    if has_table(con, str(catalog.IMF_TRADE)):
        imf = con.execute(f"SELECT * FROM {catalog.IMF_TRADE} {where}", [owner, owner]).df().assign(dataset=_ts.IMF)
        if table_coverage(con, catalog.IMTS_TRADE) is not None:
            imts = con.execute(f"SELECT * FROM {catalog.IMTS_TRADE} {where}", [owner, owner]).df()
            imf = pd.concat([imf, imts[imts["year"] > table_coverage(con, catalog.IMF_TRADE)[1]].assign(dataset=_ts.IMTS)],
                            ignore_index=True)
    dyads, _ = _ts.one_series(cow, imf, pd.DataFrame(columns=["ccode", "year", "imports", "exports"]),
                              pd.DataFrame(columns=["ccode", "year", "imf_imports", "imf_exports"]), cow_last)
    first = dyads["ccode1"] == owner
    return pd.DataFrame({"year": dyads["year"].astype(int), "partner": dyads["ccode2"].where(first, dyads["ccode1"]).astype(int),
                         "imports": dyads["flow1"].where(first, dyads["flow2"]).astype(float),
                         "exports": dyads["flow2"].where(first, dyads["flow1"]).astype(float),
                         "dataset": dyads["dataset"]}).assign(total=lambda f: f["imports"] + f["exports"])


def _owner_totals(con, owner: int) -> pd.DataFrame:
    """The owner's national totals per year from the dataset that gives its dyads that year."""
    cow_last = table_coverage(con, catalog.COW_TRADE)[1]
    parts = [con.execute(f"SELECT year, imports, exports FROM {catalog.COW_TRADE_STATES} WHERE ccode = ? AND year <= ?",
                         [owner, cow_last]).df()]
    last = cow_last
    for table in (catalog.IMF_TRADE_STATES, catalog.IMTS_TRADE_STATES):
        if has_table(con, str(table)) and table_coverage(con, table) is not None:
            parts.append(con.execute(f"SELECT year, imf_imports AS imports, imf_exports AS exports FROM {table} "
                                     "WHERE ccode = ? AND year > ?", [owner, last]).df())
            last = max(last, table_coverage(con, table)[1])
    out = pd.concat(parts, ignore_index=True)
    return out.assign(total=out["imports"] + out["exports"])


# --------------------------------------------------------------------------------------------- arms
#: Weapons a sentence names → the SIPRI rows they are: (words in the sentence, armament categories, a
#: pattern over SIPRI's description, whether the pattern keeps or drops rows). SIPRI files drones as
#: Aircraft ("UAV", "armed UAV") or, for one-way attack drones and loitering munitions, as Missiles.
DRONE = r"UAV|drone|loitering"
WEAPONS = {
    "drones": (r"\b(drones?|uavs?|ucavs?|loitering munitions?)\b", None, DRONE, True),
    "missiles": (r"\bmissiles?\b", ("Missiles",), DRONE, False),
    "aircraft": (r"\b(fighters?|fighter jets?|jets|aircraft|planes|helicopters?|bombers?)\b", ("Aircraft",), DRONE, False),
    "air defence": (r"\bair[- ]defen[cs]e|\bsurface-to-air\b", ("Air-defence systems", "Air defence systems"), None, True),
    "armoured vehicles": (r"\b(tanks?|armou?red vehicles?)\b", ("Armoured vehicles",), None, True),
    "ships": (r"\b(warships?|frigates?|submarines?|destroyers?|corvettes?)\b", ("Ships",), None, True),
    "artillery": (r"\b(artillery|howitzers?|rocket launchers?)\b", ("Artillery",), None, True),
}
#: Weapons SIPRI's register leaves out (it lists major conventional arms only).
NOT_IN_SIPRI = r"\b(ammunition|shells|small arms|rifles|bullets|munitions)\b"
SIPRI_MISSING = ("Arms transfers need the SIPRI Arms Transfers Database, which entente does not bundle and which is "
                 "not loaded here: export its trade register as CSV from https://armstransfers.sipri.org/, save it as "
                 "$ENTENTE_HOME/user/sipri/trade_register.csv and rebuild the warehouse to check this.")


def weapons(sentence: str) -> list[str]:
    """The :data:`WEAPONS` a sentence names, in the table's order ("arms", "weapons": none, any category)."""
    low = re.sub(r"\b(artillery|tank|mortar|missile|cannon)\s+(shells|ammunition|rounds)\b", r"\2", sentence.lower())
    return [k for k, (words, *_) in WEAPONS.items() if re.search(words, low)]


def _of_kind(frame: pd.DataFrame, kinds: list[str]) -> pd.Series:
    keep = pd.Series(False, index=frame.index)
    for kind in kinds:
        _, categories, pattern, keeps = WEAPONS[kind]
        rows = frame["armament_category"].isin(categories) if categories else pd.Series(True, index=frame.index)
        if pattern is not None:
            hit = frame["description"].fillna("").str.contains(pattern, case=False, regex=True)
            rows &= hit if keeps else ~hit
        keep |= rows
    return keep


def arms(claim, con, period, measure="sipri") -> Verdict:
    """Deliveries of major conventional arms between the pair (SIPRI trade register), one row per deal and
    delivery year. With ``params['direction']`` ``a_to_b`` only the first state's deliveries to the second
    count (the supplier is named first: "Iran supplied drones to Russia", "Russia bought drones from Iran");
    with ``params['weapons']`` only those kinds (:data:`WEAPONS`). Any delivery in the years judged supports
    an existence claim; none contradicts it over years SIPRI covers (deliveries from 1995)."""
    table = catalog.SIPRI
    a, b = claim.states[:2]
    kinds = claim.params.get("weapons") or []
    if not kinds and re.search(NOT_IN_SIPRI, claim.sentence.lower()):
        return Verdict(NOT_COVERED, "SIPRI's register lists major conventional weapons only, not ammunition, shells "
                       "or small arms; no dataset entente reads records these transfers.",
                       [{"dataset": "sipri", "version": "", "table": str(table), "coverage": None, "keys": [],
                         "note": "ammunition and small arms are outside SIPRI's register"}],
                       f"entente.pair.evidence.arms({a}, {b})")
    rows_n = one(con, f"SELECT count(*) FROM {table}")[0] if has_table(con, str(table)) else 0
    if not rows_n:
        return Verdict(NOT_COVERED, SIPRI_MISSING, [{"dataset": "sipri", "version": "", "table": str(table),
                                                     "coverage": None, "keys": [], "note": "not loaded"}],
                       f"entente.pair.evidence.arms({a}, {b})")
    years, early = _judged(con, table, period, "SIPRI arms transfer")
    if early:
        return early
    directed = claim.params.get("direction") == "a_to_b"
    frame = memo(con, ("arms", a, b), lambda: ev.arms(a, b, con=con))
    frame = frame[(frame["delivery_year"] >= years[0]) & (frame["delivery_year"] <= years[1])]
    if directed:
        frame = frame[frame["direction"] == "a_to_b"]
    if kinds:
        frame = frame[_of_kind(frame, kinds)]
    na, nb = _names(claim)
    what = " or ".join(kinds) if kinds else "major arms"
    noun = f"delivery of {what} {'from ' + na + ' to ' + nb if directed else 'between ' + na + ' and ' + nb}"
    many = noun.replace("delivery", "deliveries", 1)
    listing = ", ".join(f"{r.designation} ({r.description}, {r.armament_category}, {int(r.delivery_year)})"
                        for r in frame.drop_duplicates(["designation", "delivery_year"]).head(4).itertuples())
    verdict, reason = count_verdict(len(frame), claim, years == (period.start, period.end), listing, noun, many=many)
    keys = [{"sipri_at_database_id": int(r.sipri_at_database_id), "delivery_year": int(r.delivery_year)}
            for r in frame.itertuples()]
    query = (f"entente.pair.evidence.arms({a}, {b}) in {span(*years)}" + (", supplier first" if directed else "")
             + (f", {what}" if kinds else ""))
    return Verdict(verdict, f"{reason[:-1]} (SIPRI) in {span(*years)}{coverage_note(con, table, period.start, period.end)}.",
                   [evidence(con, table, keys)], query, len(frame))
