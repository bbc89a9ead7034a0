"""The brief's sections beyond UN votes: treaties, trade, arms, news, the trend and the comparison
(history: :mod:`entente.brief.history`; third parties and limits: :mod:`entente.brief.third_states`;
the Security Council: :mod:`entente.brief.council`). Each takes the brief's :class:`~entente.brief.context.Context` and returns
a JSON-ready dict.

Every section keeps to the window (``ctx.window``), names states as they were named in the years it
speaks of, and carries ``evidence`` (dataset, version, table, rows used, coverage) and ``coverage``
(what each dataset covers and which part of the window it cannot see). "None" is said only for years a
dataset covers; for the rest the section says the data end (or begin).
"""

from __future__ import annotations

import math

import pandas as pd

from entente import catalog, config, countries
from entente.pair import alignment
from entente.pair import evidence as pair
from entente.pair import trend as _trend
from entente.brief import prose, trade_agreements
from entente.brief.context import Context
from entente.brief.jsonable import records
from entente.errors import NoEvidence
from entente.measures import arms as _arms
from entente.measures import economy as _economy
from entente.measures import trade_sources as _sources
from entente.measures import treaties as _treaties
from entente.measures import trend as _trend_measures
from entente.pair.named import pair_alliances
from entente.sources.vintage import vintage as _vintage
from entente.period import span
from entente.warehouse import has_table


# ----------------------------------------------------------------------------------------- treaties
def treaties(ctx: Context) -> dict:
    """Alliance obligations within the window, as spells, from ATOP and COW, with who pledged what."""
    con = ctx.con
    out = {"title": "Treaties: alliance obligations", "evidence": [], "coverage": []}
    if not all(has_table(con, str(t)) for t in (catalog.ATOP, catalog.COW_ALLIANCES)):
        out["no_evidence"] = "The alliance datasets are not in this warehouse."
        return out
    atop_rec = ctx.coverage(catalog.ATOP, "alliance obligations", dataset_label="ATOP")
    cow_rec = ctx.coverage(catalog.COW_ALLIANCES, "alliance obligations", dataset_label="COW Formal Alliances")
    out["coverage"] = [atop_rec, cow_rec]
    frames = {}
    for key, dataset in (("atop", "atop"), ("cow", "cow")):
        rows = []
        for ca, cb, lo, hi in ctx.segments():
            for x, y, pledger in ((ca, cb, "a"), (cb, ca, "b")):
                spells = ctx.read.alliances(x, y, dataset=dataset)
                if len(spells):
                    rows.append(spells.assign(pledged_by=pledger))
        frame = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(
            columns=["obligation", "start", "end", "years", "open_at_end", "coverage_end", "pledged_by"])
        frame = _clip_spells(_merge_spells(ctx.overlapping(frame)), ctx)
        frames[key] = frame
        out[key] = records(frame)
    named = _lineage_alliances(ctx.per_segment(lambda x, y, lo, hi: _alliances_as(x, y, ctx), year=None))
    out["alliances"] = records(named)
    out["summary"] = (_alliance_sentence(ctx, named, frames["atop"], atop_rec) if len(named)
                      else _treaty_sentence(ctx, frames["atop"], atop_rec))
    out["evidence"] = [pair.evidence(con, str(catalog.ATOP), len(frames["atop"]), "alliance spells (ATOP)"),
                       pair.evidence(con, str(catalog.COW_ALLIANCES), len(frames["cow"]), "alliance spells (COW)")]
    trade = trade_agreements.section(ctx)       # DESTA / WTO RTAs, when the user has supplied them
    out.update(trade_agreements=trade["trade_agreements"], trade_summary=trade["trade_summary"])
    out["coverage"] += trade["trade_coverage"]
    out["evidence"] += trade["trade_evidence"]
    return out


def _alliances_as(x: int, y: int, ctx: Context) -> pd.DataFrame:
    """The ATOP alliances codes ``x`` and ``y`` shared within the window, their shared years clipped to it."""
    frame = pair_alliances(x, y, con=ctx.con, window=(ctx.window.first, ctx.window.last))
    if frame.empty:
        return frame
    frame = frame.copy()
    frame["shared_start"] = frame["shared_start"].clip(lower=ctx.window.first)
    frame["shared_end"] = frame["shared_end"].clip(upper=ctx.window.last)
    frame["shared_spells"] = [[(max(lo, ctx.window.first), min(hi, ctx.window.last)) for lo, hi in spells
                               if hi >= ctx.window.first and lo <= ctx.window.last] for spells in frame["shared_spells"]]
    return frame


def _undated(description: str) -> str:
    """"a multilateral defence pact of 30 states, 1949–" → "a multilateral defence pact of 30 states": the
    alliance's own years may lie outside the window, and the sentence gives the years both were members."""
    head, _, tail = description.rpartition(", ")
    return head if head and tail[:1].isdigit() else description


def _lineage_alliances(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per alliance when a side's lineage met it under two codes (NATO: West Germany 1955–1990,
    Germany from 1990): the shared years joined."""
    if frame.empty or frame["atopid"].is_unique:
        return frame
    rows = []
    for _, group in frame.groupby("atopid", sort=False):
        row = group.iloc[0].to_dict()
        joined = _treaties.spells(y for runs in group["shared_spells"] for lo, hi in runs for y in range(lo, hi + 1))
        row.update(shared_spells=joined, shared_start=joined[0][0], shared_end=joined[-1][1])
        rows.append(row)
    return pd.DataFrame(rows)


def _alliance_sentence(ctx: Context, named: pd.DataFrame, spells: pd.DataFrame, rec) -> str:
    """The alliances both sides belonged to in the window, named where ATOP's alliance can be tied to its
    treaty (else described from ATOP's own data), with who pledged what when the two pledged differently."""
    seen = ctx.window.clip(rec["covers"]) or (ctx.window.first, ctx.window.last)
    a, b = ctx.names_over(int(named["shared_start"].min()), int(named["shared_end"].max()))
    parts = []
    order = named.assign(_named=named["name"].isna(),
                         _defence=[not ("defence" in a or "defence" in b) for a, b in
                                   zip(named["a_obligations"], named["b_obligations"])])
    for row in order.sort_values(["_named", "_defence", "shared_start", "atopid"]).itertuples():
        x, y = ctx.name(ctx.a, int(row.shared_end)), ctx.name(ctx.b, int(row.shared_end))
        kind = _undated(row.description)
        what = f"{row.name}, {kind}" if row.name else kind
        together = prose.listing(span(lo, hi) for lo, hi in row.shared_spells) or span(row.shared_start, row.shared_end)
        pledged = ""
        if list(row.a_obligations) != list(row.b_obligations):
            pledged = (f"; {x} pledged {prose.listing(row.a_obligations) or 'nothing ATOP codes'}, "
                       f"{y} {prose.listing(row.b_obligations) or 'nothing ATOP codes'}")
        parts.append(f"{what} (both members {together}{pledged})")
    bilateral = int(named["bilateral"].sum())
    kinds = ", ".join(k for k in (f"{bilateral} bilateral" if bilateral else "",
                                  f"{len(named) - bilateral} multilateral" if len(named) > bilateral else "") if k)
    # ATOP calls every pact an alliance, a non-aggression pact too; a reader hears "alliance" as a defence
    # pledge, so the word is kept for sets of pacts that all carry one (defence or offence by either side).
    armed = int(sum(bool({"defence", "offence"} & set(x) | {"defence", "offence"} & set(y))
                    for x, y in zip(named["a_obligations"], named["b_obligations"])))
    noun = "alliance" if armed == len(named) else "pact"
    if armed < len(named):
        kinds += "; none with a defence pledge" if armed == 0 else f"; {armed} with a defence pledge"
    shown, rest = parts[:4], len(parts) - 4
    more = f"; and {prose.plural(rest, 'other')}" if rest > 0 else ""
    text = (f"ATOP records {prose.plural(len(named), noun)} ({kinds}) to which both {a} and {b} belonged in "
            f"{span(*seen)}: " + "; ".join(shown) + more + ".")
    return text + _still_in_force(spells, rec, ctx)


def _merge_spells(frame: pd.DataFrame) -> pd.DataFrame:
    """Join spells of one obligation by one side that touch (a lineage's two codes: 1955–1990, 1990–2018)."""
    if frame.empty:
        return frame
    frame = frame.sort_values(["pledged_by", "obligation", "start"], kind="stable")
    out = []
    for _, rows in frame.groupby(["pledged_by", "obligation"], sort=False):
        for r in rows.to_dict("records"):
            if out and out[-1]["pledged_by"] == r["pledged_by"] and out[-1]["obligation"] == r["obligation"] \
                    and r["start"] <= out[-1]["end"] + 1:
                out[-1]["end"] = max(out[-1]["end"], r["end"])
                out[-1]["open_at_end"] = out[-1]["open_at_end"] or r["open_at_end"]
                out[-1]["years"] = out[-1]["end"] - out[-1]["start"] + 1
            else:
                out.append(dict(r))
    return pd.DataFrame(out).sort_values(["start", "pledged_by", "obligation"], kind="stable").reset_index(drop=True)


def _clip_spells(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """Spells cut to the window; ``open_at_end`` only where a spell runs to the data's end inside it."""
    if frame.empty:
        return frame
    win = ctx.window
    out = frame.copy()
    out["open_at_end"] = out["open_at_end"] & (out["end"] <= win.last)
    out["start"] = out["start"].clip(lower=win.first)
    out["end"] = out["end"].clip(upper=win.last)
    out["years"] = out["end"] - out["start"] + 1
    return out


def _pledges(ctx: Context, frame: pd.DataFrame, who: str) -> str:
    rows = frame[frame["pledged_by"] == who]
    return prose.listing(f"{r.obligation} ({span(r.start, r.end)}{' and after' if r.open_at_end else ''})"
                         for r in rows.itertuples())


def _treaty_sentence(ctx: Context, atop: pd.DataFrame, rec) -> str:
    seen = ctx.window.clip(rec["covers"])
    if seen is None:
        return f"ATOP covers {span(*rec['covers'])}, outside this window."
    if atop.empty:
        a, b = ctx.names(seen[1])
        return (f"ATOP records no alliance obligation between {a} and {b} in {span(*seen)}"
                f"{ctx.gap_clause(rec)}.")
    last = int(atop.end.max())
    a, b = ctx.name(ctx.a, last), ctx.name(ctx.b, last)
    if atop["pledged_by"].nunique() == 2 and _same_pledges(atop):
        return f"ATOP records mutual alliance obligations between {a} and {b}: {_pledges(ctx, atop, 'a')}." + \
            _still_in_force(atop, rec, ctx)
    parts = []
    for who, name, other in (("a", a, b), ("b", b, a)):
        pledges = _pledges(ctx, atop, who)
        parts.append(f"{name} pledged {pledges} to {other}" if pledges else f"{name} made no pledge to {other}")
    return "ATOP records alliance obligations: " + "; ".join(parts) + "." + _still_in_force(atop, rec, ctx)


def _same_pledges(frame: pd.DataFrame) -> bool:
    cols = ["obligation", "start", "end"]
    a = frame[frame.pledged_by == "a"][cols].sort_values(cols).reset_index(drop=True)
    b = frame[frame.pledged_by == "b"][cols].sort_values(cols).reset_index(drop=True)
    return a.equals(b)


def _still_in_force(frame: pd.DataFrame, rec, ctx: Context) -> str:
    open_now = frame[frame.open_at_end]
    if len(open_now) and ctx.window.last > rec["covers"][1]:
        return (f" The data end in {rec['covers'][1]} with "
                f"{prose.listing(sorted(set(open_now.obligation)))} obligations still in force.")
    return ""


# ------------------------------------------------------------------------------------------ economy
def economy(ctx: Context) -> dict:
    """Trade each way, dependence on each other, asymmetry and growth within the window: COW Trade for
    the years it covers, IMF DOTS after (:func:`entente.measures.trade_sources.one_series`), the seam and
    the two datasets' agreement for the pair said in ``note``."""
    con, win = ctx.con, ctx.window
    out = {"title": "Economy: trade", "evidence": [], "coverage": []}
    if not has_table(con, str(catalog.COW_TRADE)):
        out["no_evidence"] = "The trade dataset is not in this warehouse."
        return out
    rec = ctx.coverage(catalog.COW_TRADE, "trade flows", dataset_label="COW Trade")
    out["coverage"] = [rec]
    imf = has_table(con, str(catalog.IMF_TRADE)) and has_table(con, str(catalog.IMF_TRADE_STATES))
    if imf:
        imf_rec = ctx.coverage(catalog.IMF_TRADE, f"trade flows after {rec['covers'][1]}", dataset_label="IMF DOTS")
        if catalog.coverage(con, catalog.IMTS_TRADE) is None and win.last > imf_rec["covers"][1]:
            # DOTS is fixed, but IMTS continues it past the window's last DOTS year: say so
            imf_rec["newer"] = _vintage("imf_trade")      # as the trade sentence does
        out["coverage"].append(imf_rec)
        # One series: COW's first year to the IMF's last (the seam is COW's last year).
        last = imf_rec["covers"][1]
        if catalog.coverage(con, catalog.IMTS_TRADE) is not None:     # `entente data update imf_trade` fetched it
            imts_rec = ctx.coverage(catalog.IMTS_TRADE, f"trade flows after {last}", dataset_label="IMF IMTS")
            out["coverage"].append(imts_rec)
            last = max(last, imts_rec["covers"][1])
        label = "COW Trade, then IMF DOTS" if win.last > rec["covers"][1] else rec["label"]   # the window's datasets only
        rec = {**rec, "label": label, "covers": [rec["covers"][0], last],
               "outside": [list(g) for g in win.gaps((rec["covers"][0], last))]}
    series = ctx.per_segment(lambda ca, cb, lo, hi: ctx.read.trade(ca, cb), prefer="total")
    out["evidence"] = [pair.evidence(con, str(catalog.COW_TRADE), int((series.get("dataset") != _sources.IMF).sum())
                                     if len(series) else 0, "trade flows"),
                       pair.evidence(con, str(catalog.COW_TRADE_STATES), 2 * len(series), "each side's total trade")]
    if imf:
        late = int((series["dataset"] == _sources.IMF).sum()) if len(series) else 0
        out["evidence"] += [pair.evidence(con, str(catalog.IMF_TRADE), late, f"trade flows after {ctx_cow_last(ctx)}"),
                            pair.evidence(con, str(catalog.IMF_TRADE_STATES), 2 * late, "each side's total trade, IMF years")]
    seen = win.clip(rec["covers"])
    if seen is None:
        out["no_evidence"] = f"The trade data cover {span(*rec['covers'])}, outside this window."
        return out
    observed = series.dropna(subset=["total"]) if len(series) else series
    if observed.empty or not (observed.total > 0).any():
        out["no_evidence"] = _no_trade_sentence(ctx, rec, series, seen)
        return out
    out["series"] = records(series)
    last = observed.iloc[-1]
    year = int(last.year)
    a, b = ctx.name(ctx.a, year), ctx.name(ctx.b, year)
    growth, across = _growth_one_source(ctx, series, imf)
    out["growth"] = growth
    label = dataset_name(last.get("dataset", _sources.COW))
    when = (f"In {year}, the last year of the trade data ({label})," if year == rec["covers"][1]
            else f"In {year} ({label}),")
    if last.total > 0:
        s = (f"{when} {a} imported {prose.money(last.a_imports_from_b)} of goods from {b} and {b} "
             f"{prose.money(last.b_imports_from_a)} from {a}; their trade was {_share(last.a_share)} of "
             f"{prose.possessive(a)} total trade and {_share(last.b_share)} of {prose.possessive(b)}.")
    else:       # both flows read 0 (whole millions): say so, and give the last year the figures were above it
        seen_last = observed[observed.total > 0].iloc[-1]
        y = int(seen_last.year)
        x, z = ctx.name(ctx.a, y), ctx.name(ctx.b, y)
        s = (f"{when} neither {a} nor {b} imported as much as US$0.5 million of goods from the other (the figures "
             f"are whole millions). The last year of {span(*seen)} with a figure above that is {y}: {x} imported "
             f"{prose.money(seen_last.a_imports_from_b)} from {z} and {z} {prose.money(seen_last.b_imports_from_a)} "
             f"from {x}.")
    if growth and growth["from"] < growth["to"]:
        s += " " + growth_sentence(growth, across)
    gap = ctx.blind_spots(rec)
    if gap and win.last > rec["covers"][1]:
        s += f" The trade data end in {rec['covers'][1]}; {span(rec['covers'][1] + 1, win.last)} lie beyond them"
        s += (" (IMF IMTS has later years: `entente data update imf_trade` fetches them)."
              if imf and catalog.coverage(con, catalog.IMTS_TRADE) is None else ".")
    s += _impossible_shares(ctx, observed)
    out["summary"] = s
    if imf:
        parts = [pair.trade_sources(ca, cb, con=con) for ca, cb, lo, hi in ctx.segments()]
        compared = pd.concat([p[p["year"].between(lo, hi)] for p, (_, _, lo, hi) in zip(parts, ctx.segments()) if len(p)]
                             or [pd.DataFrame(columns=["year", "within_1pct", "reason"])], ignore_index=True)
        out["note"] = trade_note(series, compared, catalog.coverage(ctx.con, catalog.COW_TRADE))
        imf_years = series.loc[series["dataset"] == _sources.IMF, "year"] if len(series) else []
        out["seam"] = int(min(imf_years)) if len(imf_years) else None   # first IMF year, when the series has one
    return out


def _no_trade_sentence(ctx: Context, rec: dict, series: pd.DataFrame, seen: tuple[int, int]) -> str:
    """What the trade data say when they give no total for any year: a figure one side reported (the other
    side's report missing), zero flows, or no figure at all (missing, which is not zero)."""
    a, b = ctx.names(seen[1])
    flows = ("a_imports_from_b", "b_imports_from_a")
    reported = series.dropna(subset=list(flows), how="all") if len(series) else series
    many = ", then " in rec["label"]          # "COW Trade holds", "COW Trade, then IMF DOTS hold"
    if reported.empty:
        return (f"{rec['label']} {'hold' if many else 'holds'} no trade figures for {a} and {b} in {span(*seen)}: "
                f"the flows are missing, which is not the same as zero{ctx.gap_clause(rec)}.")
    if not (reported[list(flows)].fillna(0) > 0).any().any():
        # COW rounds flows to whole millions: a 0 is under half a million US dollars, not proof of none
        return (f"{rec['label']} {'record' if many else 'records'} no trade of US$0.5 million or more a year "
                f"between {a} and {b} in {span(*seen)} (its figures are rounded to whole millions)"
                f"{ctx.gap_clause(rec)}.")
    last = reported.iloc[-1]
    year = int(last.year)
    a, b = ctx.name(ctx.a, year), ctx.name(ctx.b, year)
    column = "a_imports_from_b" if pd.notna(last.a_imports_from_b) else "b_imports_from_a"
    importer, exporter, value = (a, b, last[column]) if column == "a_imports_from_b" else (b, a, last[column])
    if value == 0:       # whole millions: the last figure reads 0; give the last one above it instead
        above = reported[reported[column] > 0]
        last = above.iloc[-1]
        y = int(last.year)
        x, z = ((ctx.name(ctx.a, y), ctx.name(ctx.b, y)) if column == "a_imports_from_b"
                else (ctx.name(ctx.b, y), ctx.name(ctx.a, y)))
        but = f"{y}" if len(above) == 1 else f"in {len(above)} years, the last {y}"
        return (f"The trade data give only one direction, {possessive_imports(importer, exporter)}: figures for "
                f"{len(reported)} years of {span(*seen)}, every one 0 (under half a million US dollars: the figures "
                f"are whole millions) except {but}, when {x} imported {prose.money(last[column])} from {z} "
                f"({dataset_name(last.get('dataset', _sources.COW))}). The other direction has no figure"
                f"{ctx.gap_clause(rec)}.")
    return (f"The trade data give only one direction: in {year} ({dataset_name(last.get('dataset', _sources.COW))}), "
            f"{importer} imported {prose.money(value)} of goods from {exporter}. The other direction has no figure "
            f"in {span(*seen)}, and this one has figures for {len(reported)} of those years{ctx.gap_clause(rec)}.")


def possessive_imports(importer: str, exporter: str) -> str:
    """"Israel's imports from Syria"."""
    return f"{prose.possessive(importer)} imports from {exporter}"


def _growth_one_source(ctx: Context, series: pd.DataFrame, imf: bool) -> tuple[dict | None, str]:
    """The trade trend of the last decade (:func:`entente.measures.economy.growth_trend`) and the clause naming
    its data. A decade across COW's last year is fitted on IMF DOTS for every year when the IMF has both flows
    for its COW years: COW and the IMF can differ by a fifth for one pair (China's imports from Japan, 2014:
    COW US$200.6 billion, the IMF US$162.7 billion), and a trend across that seam measures the switch."""
    growth = _economy.growth_trend(series)
    if not (imf and growth and "dataset" in series):
        return growth, _across(series, growth) if growth else ""
    cow_last = ctx_cow_last(ctx)
    if not growth["from"] <= cow_last < growth["to"]:
        return growth, _across(series, growth)
    parts = [pair.trade_sources(ca, cb, con=ctx.con).query("@lo <= year <= @hi") for ca, cb, lo, hi in ctx.segments()]
    both = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["year", "imf"])
    flows = both.groupby("year")["imf"].agg(["sum", "count"])
    years = range(growth["from"], cow_last + 1)
    if not all(y in flows.index and flows.loc[y, "count"] == 2 for y in years):
        return growth, _across(series, growth)
    imf_total = series["year"].map(flows["sum"])
    same = series.assign(total=imf_total.where(series["year"].isin(years), series["total"]))
    refit = _economy.growth_trend(same)
    cow = series.set_index("year")["total"]
    gap = max(abs(cow.get(y) / flows.loc[y, "sum"] - 1) for y in years if flows.loc[y, "sum"] and pd.notna(cow.get(y)))
    differ = (f": COW Trade's totals for {span(growth['from'], cow_last)} differ from the IMF's by up to "
              f"{100 * gap:.0f}%" if gap >= 0.05 else "")   # within 5%: the switch is not worth a clause
    return refit, f", IMF DOTS for every year{differ}"


def _impossible_shares(ctx: Context, series: pd.DataFrame) -> str:
    """A sentence when the pair's trade exceeds a side's total trade in some year (a share above 100%, which
    no real trade can have): COW Trade gives France's imports from Germany as 5.2 times France's total trade
    in 1942. Such years are flagged, not silently charted."""
    parts = []
    for side, column in ((ctx.a, "a_share"), (ctx.b, "b_share")):
        if column not in series:
            continue
        bad = series[series[column] > 1]
        if len(bad):
            years = prose.listing(span(lo, hi) for lo, hi in _treaties.spells(bad["year"].astype(int)))
            who = ctx.name(side, int(bad["year"].iloc[-1]))
            most = f"{100 * float(bad[column].max()):,.0f}%"
            parts.append(f"in {years} the figures put their trade above {prose.possessive(who)} total trade (up to "
                         f"{most} of it)" if not parts else f"in {years} above {prose.possessive(who)} (up to {most})")
    if not parts:
        return ""
    return (" " + prose.capital(" and ".join(parts)) + ", which no trade can be: read those years as errors in the "
            "data, not as dependence.")


def growth_sentence(growth: dict, across: str = "") -> str:
    """The trade trend of :func:`entente.measures.economy.growth_trend` in a sentence: a rate only when its
    95% interval excludes 0 (the Trend section's test), always the two end values, and how many of the
    years have a figure when some lack one."""
    years = span(growth["from"], growth["to"])
    ends = (f"{prose.money(growth['first'])} in {growth['from']}, {prose.money(growth['last'])} in {growth['to']}")
    count = growth["to"] - growth["from"] + 1
    if growth["n"] < count:
        ends += f"; figures for {growth['n']} of those {count} years"
    if growth["direction"] in ("rising", "falling"):
        verb = "grew" if growth["direction"] == "rising" else "shrank"
        low, high = sorted((100 * growth["rate_low"], 100 * growth["rate_high"]))
        return (f"Over {years} it {verb} by about {abs(100 * growth['rate']):.1f}% a year (log-linear trend; 95% "
                f"interval {prose.signed(low)}% to {prose.signed(high)}%; {ends}; current US dollars{across}).")
    if growth["direction"] == "flat":
        return f"Over {years} it shows no clear rise or fall ({ends}; current US dollars{across})."
    return f"It was {ends} (current US dollars{across})."


def _across(series: pd.DataFrame, growth: dict) -> str:
    """", COW Trade for 2010–2014 and IMF DOTS after" when a growth rate spans the seam, else ""."""
    if "dataset" not in series:
        return ""
    by_year = series.set_index("year")["dataset"]
    first, last = by_year.get(growth["from"]), by_year.get(growth["to"])
    if first == last:
        return ""
    seam = int(series.loc[(series["year"] > growth["from"]) & (series["dataset"] != first), "year"].min())
    return f", {dataset_name(first)} for {span(growth['from'], seam - 1)} and {dataset_name(last)} after"


def ctx_cow_last(ctx: Context) -> int:
    """COW Trade's last year: the seam, after which the series is IMF DOTS."""
    return catalog.coverage(ctx.con, catalog.COW_TRADE)[1]


def dataset_name(dataset) -> str:
    """The dataset a row of the trade series comes from, as a reader knows it ("COW Trade", "IMF DOTS")."""
    return {_sources.IMF: "IMF DOTS", _sources.IMTS: "IMF IMTS"}.get(dataset, "COW Trade")


#: What each reason of :func:`entente.measures.trade_sources.compare` means, in a clause.
TRADE_REASONS = {
    "exporter_view": "COW took the exporter's report (often plus 10% for freight and insurance) where the IMF "
                     "now has the importer's own",
    "revised": "the two differ by 1–10%, the IMF having revised its figures since COW drew them",
    "apart": "they differ by more than 10%",
}


def trade_note(series: pd.DataFrame, compared: pd.DataFrame, cow_span: tuple[int, int]) -> str:
    """The seam and the datasets' agreement for this pair, in sentences: which years come from which
    dataset (``cow_span``: the years COW Trade covers), and how often COW and the IMF agree where both
    cover the pair."""
    cow_last = cow_span[1]
    years = {name: sorted(series.loc[series["dataset"] == name, "year"].astype(int))
             for name in (_sources.COW, _sources.IMF, _sources.IMTS)} if "dataset" in series else {}
    parts = []
    if years.get(_sources.IMF) or years.get(_sources.IMTS):
        cow_years, imf_years, imts_years = years[_sources.COW], years[_sources.IMF], years[_sources.IMTS]
        cow_part = f"COW Trade v4.0 for {span(cow_years[0], cow_years[-1])}, " if cow_years else ""
        imf_part = f"IMF DOTS for {span(imf_years[0], imf_years[-1])}" if imf_years else ""
        imts_part = (f"{', then ' if imf_part else ''}IMF IMTS for {span(imts_years[0], imts_years[-1])} (fetched "
                     "with `entente data update imf_trade`)" if imts_years else "")
        parts.append(f"Trade figures are {cow_part}{imf_part}{imts_part} (after COW's last year, {cow_last}): for "
                     "each flow, the importer's report, else the exporter's, as COW codes them.")
    else:
        parts.append(f"Trade figures are COW Trade v4.0, which covers {span(*cow_span)}.")
    both = compared[compared["within_1pct"].notna()] if len(compared) else compared
    if len(both):
        n, first, last = len(both), int(both["year"].min()), int(both["year"].max())
        w1, w10 = both["within_1pct"].astype(bool).mean(), both["within_10pct"].astype(bool).mean()
        s = (f"Where both datasets give a figure for this pair ({prose.plural(n, 'flow-year')}, {span(first, last)}), "
             f"COW and the IMF agree within 1% on {100 * w1:.0f}% and within 10% on {100 * w10:.0f}%")
        counts = both["reason"].value_counts()
        # one clause per reason, each with its count first: "otherwise: in 11 flow-years the two differ by 1–10%,
        # …; in 16 they differ by more than 10%" (the clauses share their subject, so they read as one list)
        why = [f"in {prose.plural(int(counts[r]), 'flow-year') if not i else int(counts[r])} {TRADE_REASONS[r]}"
               for i, r in enumerate(r for r in TRADE_REASONS if counts.get(r))]
        s += (": otherwise " + "; ".join(why) + "." if why else ".")
        parts.append(s)
    return " ".join(parts)


def _share(value) -> str:
    if value is None or pd.isna(value):
        return "an unknown share"
    pct = 100 * float(value)      # COW rounds flows to whole millions: a 0 is under half a million, not none
    return "under 0.1%" if pct < 0.05 else f"{pct:.1f}%"


# --------------------------------------------------------------------------------------------- arms
def arms(ctx: Context) -> dict:
    """SIPRI arms transfers each way within the window, TIV by year, and the systems delivered."""
    con, win = ctx.con, ctx.window
    out = {"title": "Arms transfers", "evidence": [], "coverage": []}
    if not has_table(con, str(catalog.SIPRI)):
        out["no_evidence"] = (
            "No SIPRI data in this warehouse: SIPRI's terms do not let entente redistribute its Arms Transfers "
            "Database. Export the trade register (all suppliers, all recipients) from https://armstransfers.sipri.org/ "
            "and save it as $ENTENTE_HOME/user/sipri/trade_register.csv; the next command rebuilds the warehouse with it.")
        return out
    rec = ctx.coverage(catalog.SIPRI, "arms deliveries", dataset_label="SIPRI Arms Transfers")
    out["coverage"] = [rec]
    register = ctx.per_segment(lambda ca, cb, lo, hi: pair.arms_register(ca, cb, con=con).assign(
        supplier_ccode=lambda f: f["supplier_ccode"].map({ca: ctx.a.ccode, cb: ctx.b.ccode}),
        recipient_ccode=lambda f: f["recipient_ccode"].map({ca: ctx.a.ccode, cb: ctx.b.ccode})),
        year="delivery_year")
    if len(register):
        register = register.drop_duplicates()
    out["evidence"] = [pair.evidence(con, str(catalog.SIPRI), len(register), "deliveries both ways",
                                     span=("delivery_year", "delivery_year"))]
    seen = win.clip(rec["covers"])
    if seen is None:
        out["no_evidence"] = f"The SIPRI register supplied covers {span(*rec['covers'])}, outside this window."
        return out
    a, b = ctx.names(seen[1])
    if register.empty:
        out["no_evidence"] = (f"SIPRI records no delivery of major arms between {a} and {b} in {span(*seen)}"
                              f"{ctx.gap_clause(rec)}.")
        return out
    ca, cb = ctx.a.ccode, ctx.b.ccode
    out["tiv_by_year"] = records(_arms.tiv_by_year(register, ca, cb))
    for key, src, dst in (("a_to_b", ca, cb), ("b_to_a", cb, ca)):
        rows = _arms.transfers(register, src, dst)
        out[key] = {"rows": len(rows), "tiv": float(rows.tiv_delivery_values.sum()),
                    "systems": records(_arms.systems(register, src, dst, top=8))}
    parts = []
    for key, src, dst in (("a_to_b", a, b), ("b_to_a", b, a)):
        d = out[key]
        if d["rows"]:
            top = prose.listing(f"{s['designation']} ({s['description']})" for s in d["systems"][:3])
            parts.append(f"{src} delivered {_tiv(d['tiv'])} of major arms to {dst} in "
                         f"{prose.plural(d['rows'], 'deal-year')} (largest: {top})")
        else:
            parts.append(f"SIPRI records no delivery from {src} to {dst}")
    out["summary"] = (prose.capital("; ".join(parts)) + f" ({span(*seen)}; TIV is SIPRI's trend-indicator value, "
                      "a volume index in millions, not money).")
    return out


def _tiv(value: float) -> str:
    return "less than 1 million TIV" if value < 0.5 else f"{value:,.0f} million TIV"


# -------------------------------------------------------------------------------------------- trend
TREND_LABELS = {"unga": "UN alignment (Cohen's κ)", "alliance": "alliance obligation level (0–3)",
                "disputes": "dispute hostility (0–5)", "trade": "trade dependence (the smaller share)",
                "arms": "arms transfers (TIV millions)", "index": "composite index (standard deviations)"}
#: How each series' yearly slope is written: (scale, unit after the number, digits).
TREND_UNITS = {"unga": (1, " κ", 3), "alliance": (1, " levels", 2), "disputes": (1, " hostility levels", 2),
               "trade": (100, " percentage points", 2), "arms": (1, " million TIV", 1), "index": (1, " SD", 2)}


def _figure(value: float, digits: int) -> str:
    """A signed slope at ``digits`` decimals, or at two significant digits when those would print 0: "0
    percentage points a year; 95% interval 0 to 0" said nothing of a share that fell 0.00044 points a year
    (a rising or falling verdict has a slope and interval ends of one sign, none of them 0)."""
    if value and float(f"{value:.{digits}f}") == 0:
        digits = 1 - math.floor(math.log10(abs(value)))
    return prose.signed(value, digits)


def trend(ctx: Context, weights=None) -> dict:
    """Change points per series, the last decade's direction, and the composite index, in the window."""
    a, b = ctx.names()
    win = ctx.window
    found = _trend.trend(ctx.a.main_code(win), ctx.b.main_code(win), weights=weights, start=win.first,
                         end=win.last, con=ctx.con, read=ctx.read)
    composite = found["composite"].reset_index()
    out = {"title": "Trend", "weights": found["weights"], "coverage": [], "series_coverage": found["coverage"],
           "change_points": found["change_points"], "direction": found["direction"],
           "composite": records(composite), "evidence": found["evidence"], "labels": TREND_LABELS}
    parts = []
    for key, d in found["direction"].items():
        if key in TREND_LABELS and d.get("direction") in ("rising", "falling"):
            scale, unit, digits = TREND_UNITS[key]
            parts.append(f"{TREND_LABELS[key]} {d['direction']} over {span(d['start'], d['end'])} "
                         f"({_figure(scale * d['slope'], digits)}{unit} a year; 95% interval "
                         f"{_figure(scale * d['ci_low'], digits)} to {_figure(scale * d['ci_high'], digits)})")
    years = win.last - win.first + 1
    quiet = (f"No series shows a clear rise or fall over the last decade of its data within {win.label}."
             if years > _trend_measures.DECADE else
             f"No series shows a clear rise or fall within {win.label}." if years >= _trend_measures.MIN_DECADE_POINTS
             else f"{win.label} {'is one year' if years == 1 else f'are {years} years'}: too few for a trend "
                  f"(the test needs {_trend_measures.MIN_DECADE_POINTS} years of a series).")
    text = (f"Between {a} and {b}: " + "; ".join(parts) + ".") if parts else quiet
    breaks = [y for y in (found["change_points"].get("unga") or []) if y in win]
    if breaks:
        text += f" UN alignment shifted level in {prose.listing(breaks)}."
    out["summary"] = prose.capital(text)
    return out


# ------------------------------------------------------------------------------------- comparison
def comparison(ctx: Context, sc) -> dict:
    """The pair set against each side's ties with a third state ``sc``: the same measures for a–b, a–c,
    b–c over the window's last decade of UN votes.

    "Close" only means something relative to other ties (MISSION.md), so each row repeats the brief's
    headline measures for one of the three pairs, over the same years.
    """
    con, win = ctx.con, ctx.window
    rows = []
    last_unga = min(win.last, catalog.coverage(con, catalog.UNGA_ALIGNMENT)[1])
    first = max(win.first, last_unga - 9)
    ca, cb = ctx.a.code_in(last_unga), ctx.b.code_in(last_unga)
    gml_last = catalog.coverage(con, catalog.GML_MIDS)[1]
    mids = win.clip((catalog.coverage(con, catalog.GML_MIDS)[0], catalog.coverage(con, catalog.COW_MIDS)[1]))
    for x, y in ((ca, cb), (ca, sc.ccode), (cb, sc.ccode)):
        row = {"pair": f"{countries.name(x, last_unga)}–{countries.name(y, last_unga)}",
               "a": countries.resolve(x).abb, "b": countries.resolve(y).abb}
        try:
            series = alignment.alignment(x, y, start=first, end=last_unga, con=con)
            last = series[series.year == series.year.max()].iloc[0]
            row.update(unga_year=int(last.year), agree=float(last.agree), kappa=float(last.kappa),
                       kappa_decade=float(series.kappa.mean()))
        except NoEvidence:
            row.update(unga_year=None, agree=None, kappa=None, kappa_decade=None)
        atop = pair.alliances(x, y, dataset="atop", con=con)
        atop = atop[(atop.start <= win.last) & (atop.end >= win.first)]
        cut = min(win.last, int(atop.coverage_end.max())) if len(atop) else win.last
        row["atop_at_end"] = prose.listing(sorted(set(atop.loc[atop.end >= cut, "obligation"]))) or "none"
        d = pair.disputes(x, y, con=con)          # GML to its last year, then COW MID 5.0, as the history section
        later = pair.disputes(x, y, dataset="cow", con=con)
        d = pd.concat([d, later[later.start > gml_last]], ignore_index=True) if len(later) else d
        d = d[(d.start <= win.last) & (d.end >= win.first)]
        row["disputes"] = len(d)
        row["last_dispute"] = int(d.start.max()) if len(d) else None
        t = pair.trade(x, y, con=con).dropna(subset=["total"])
        t = t[t.year.between(win.first, win.last)]
        row["trade_year"] = int(t.year.iloc[-1]) if len(t) else None
        row["trade_total"] = float(t.total.iloc[-1]) if len(t) else None
        if has_table(con, str(catalog.SIPRI)):
            reg = pair.arms_register(x, y, con=con)
            row["arms_tiv"] = float(reg.loc[reg.delivery_year.between(win.first, win.last), "tiv_delivery_values"].sum())
        rows.append(row)
    out = {"title": f"Compared with {countries.name(sc.ccode, last_unga, article=True)}",
           "third": countries.name(sc.ccode, last_unga), "rows": rows, "evidence": [], "coverage": [],
           "decade": span(first, last_unga), "window": win.label,
           "disputes_window": span(*mids) if mids else f"none in {win.label}"}   # the dispute data's years
    ab, ac, bc = rows
    parts = []
    if ab["kappa_decade"] is not None and ac["kappa_decade"] is not None and bc["kappa_decade"] is not None:
        ranked = sorted(rows, key=lambda r: -r["kappa_decade"])
        rest = prose.listing([f"{r['pair']} ({r['kappa_decade']:.2f})" for r in ranked[1:]])
        parts.append(f"Over {span(first, last_unga)}, by mean Cohen's κ in the UN General Assembly, the closest of "
                     f"the three pairs is {ranked[0]['pair']} ({ranked[0]['kappa_decade']:.2f}), then {rest}.")
    out["summary"] = " ".join(parts) or "Not enough UN votes in common to compare the three pairs."
    return out


# --------------------------------------------------------------------------------------------- news
def news(ctx: Context) -> dict:
    """GDELT news events between the pair (both directions), by month, within the window, when events
    have been ingested.

    Counts reflect only the intervals in the local event store (``entente events coverage``), so the
    section names them; quad classes and Goldstein as in MISSION.md (entente.events.aggregate).
    """
    con, win = ctx.con, ctx.window
    a, b = ctx.names()
    out = {"title": "News events (GDELT)", "evidence": [], "coverage": []}
    none = ("No news-event data in this warehouse. Load GDELT event files with "
            "`entente events ingest --path DIR` (1.0 daily or 2.0 fifteen-minute exports).")
    if not config.events_dir().is_dir():   # nothing ingested: the event store is not even loaded
        out["no_evidence"] = none
        return out
    from entente import events  # loaded only here: Ibis, Polars and the event store are heavy, and most briefs have no events

    covered = events.coverage()
    if covered.empty:
        out["no_evidence"] = none
        return out
    covered = covered[(covered.interval_start.dt.year <= win.last) & (covered.interval_end.dt.year >= win.first)]
    if covered.empty:
        out["no_evidence"] = f"The GDELT files loaded hold no interval within {win.label}."
        return out
    series = events.series(ctx.a.ccode, ctx.b.ccode, freq="month")
    if len(series):
        years = pd.to_datetime(series["period"]).dt.year
        series = series[years.between(win.first, win.last)]
    first, last = covered.interval_start.min(), covered.interval_end.max()
    out["coverage"] = [{"dataset": "gdelt", "label": "GDELT events", "covers": [first.year, last.year],
                        "in_window": list(win.clip((first.year, last.year)) or []) or None,
                        "outside": [list(g) for g in win.gaps((first.year, last.year))],
                        "used_for": f"news events ({len(covered)} files)",
                        "newer": {"kind": "online", "command": "entente events ingest --from YYYY-MM-DD --to YYYY-MM-DD",
                                  "text": "GDELT publishes every 15 minutes: `entente events ingest --from … --to …` "
                                          "downloads and adds them"}}]
    ctx.records.extend(out["coverage"])
    out["files"] = {"files": int(len(covered)), "first": str(first), "last": str(last),
                    "minutes": int(covered.minutes.sum())}
    out["evidence"] = [{"dataset": "gdelt", "version": ", ".join(sorted(set(covered.version.astype(str)))),
                        "table": "events store", "rows": int(series.events.sum()) if len(series) else 0,
                        "coverage": [str(first)[:10], str(last)[:10]], "used_for": "events between the pair"}]
    if series.empty:
        out["no_evidence"] = (f"GDELT records no event between {a} and {b} in the {prose.plural(len(covered), 'file')} "
                              f"of the event store ({str(first)[:10]} – {str(last)[:10]}).")
        return out
    keep = ["period", "events", "mentions", "quad1", "quad2", "quad3", "quad4", "goldstein_sum", "goldstein_mean",
            "goldstein_wmean", "tone_mean", "tone_wmean", "sources"]
    out["series"] = records(series[keep])
    roots = series[[f"root{r:02d}" for r in range(1, 21)]].sum()
    names = dict(con.execute(f"SELECT cameo_code, description FROM {catalog.CAMEO_EVENT_CODES} "
                             "WHERE length(cameo_code) = 2").fetchall()) \
        if has_table(con, str(catalog.CAMEO_EVENT_CODES)) else {}
    out["top_roots"] = [{"root": c[4:], "label": names.get(c[4:], c[4:]).capitalize(), "events": int(v)}
                        for c, v in roots.sort_values(ascending=False).head(5).items() if v > 0]
    top = events.top(ctx.a.ccode, ctx.b.ccode, n=3)
    out["top"] = records(top.sort_values("NumMentions", ascending=False).head(8)[
        ["event_date", "Actor1Name", "Actor2Name", "EventCode", "GoldsteinScale", "NumMentions", "SOURCEURL"]])
    totals = series[["events", "quad1", "quad2", "quad3", "quad4"]].sum()
    coop = int(totals.quad1 + totals.quad2)
    weighted = (series.goldstein_wmean * series.mentions).sum() / series.mentions.sum()
    out["summary"] = (f"In the {prose.plural(len(covered), 'GDELT file')} loaded ({str(first)[:10]} – {str(last)[:10]}, "
                      f"{prose.plural(int(covered.minutes.sum()) // 60, 'hour')} of news), "
                      f"{prose.plural(int(totals.events), 'event')} link {a} and {b}: "
                      f"{coop:,} cooperative ({int(totals.quad1):,} verbal, {int(totals.quad2):,} material) and "
                      f"{int(totals.quad3 + totals.quad4):,} conflictual ({int(totals.quad3):,} verbal, "
                      f"{int(totals.quad4):,} material); mention-weighted Goldstein "
                      f"{prose.signed(weighted, 1)} on the −10…+10 scale.")
    return out
