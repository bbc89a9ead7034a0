"""The brief's economy section: the pair's trade (COW Trade, then IMF DOTS, then IMF IMTS when fetched), each
side's share of the other's trade, the trend of the last decade (a log-linear fit with its 95% interval) and
how the two sources compare where they overlap. Called by :func:`entente.brief.content.assemble` (through
:mod:`entente.brief.sections`)."""

from __future__ import annotations

import pandas as pd

from entente import catalog, countries
from entente.brief import prose, typeset
from entente.brief.context import Context
from entente.brief.jsonable import records
from entente.measures import economy as _economy
from entente.measures import trade_sources as _sources
from entente.measures import treaties as _treaties
from entente.pair import evidence as pair
from entente.period import span
from entente.sources.vintage import vintage as _vintage
from entente.warehouse import has_table


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
    imf_rec = None
    if imf and win.last > rec["covers"][1]:
        # a window within COW's years reads no IMF figure: the coverage table lists only the data the brief read.
        # The IMF continues COW's series, so the window's years before it are COW's, not gaps of the IMF's.
        imf_rec = ctx.coverage(catalog.IMF_TRADE, f"trade flows after {rec['covers'][1]}", dataset_label="IMF DOTS")
        imf_rec["outside"] = [g for g in imf_rec["outside"] if g[0] > imf_rec["covers"][1]]
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
        out["no_evidence"] = _no_trade_sentence(ctx, rec, series, seen) + _trade_caveat(ctx)
        return out
    out["series"] = records(series)
    last = observed.iloc[-1]
    year = int(last.year)
    a, b = ctx.name(ctx.a, year), ctx.name(ctx.b, year)
    growth, across = _growth_one_source(ctx, series, imf)
    out["growth"] = growth
    if imf_rec is not None and across.startswith(", IMF DOTS for every year") and growth:
        # the trend of a decade across COW's last year is fitted on the IMF's figures for COW's years too
        imf_rec["used_for"] = (f"trade flows after {ctx_cow_last(ctx)} (and {span(growth['from'], ctx_cow_last(ctx))} "
                               "in the trend)")
    label = dataset_name(last.get("dataset", _sources.COW))
    when = (f"In {year}, the last year of the trade data ({label})," if year == rec["covers"][1]
            else f"In {year} ({label}),")
    if last.total > 0:
        # a share above 100% is no share: flagged where it is said, the years listed further on
        flag_a, flag_b = (" (more than the whole: an error in the data)" if pd.notna(v) and v > 1 else ""
                          for v in (last.a_share, last.b_share))
        s = (f"{when} {a} imported {typeset.money(last.a_imports_from_b)} of goods from {b} and {b} "
             f"{typeset.money(last.b_imports_from_a)} from {a}; their trade was {typeset.share(last.a_share)} of "
             f"{typeset.possessive(a)} total trade{flag_a} and {typeset.share(last.b_share)} of "
             f"{typeset.possessive(b)}{flag_b}.")
    else:       # both flows read 0 (whole millions): say so, and give the last year the figures were above it
        seen_last = observed[observed.total > 0].iloc[-1]
        y = int(seen_last.year)
        x, z = ctx.name(ctx.a, y), ctx.name(ctx.b, y)
        s = (f"{when} neither {a} nor {b} imported as much as US$0.5 million of goods from the other (the figures "
             f"are whole millions). The last earlier year with a figure above that is {y}: {x} imported "
             f"{typeset.money(seen_last.a_imports_from_b)} from {z} and {z} {typeset.money(seen_last.b_imports_from_a)} "
             f"from {x}.")
    if growth and growth["from"] < growth["to"]:
        s += " " + growth_sentence(growth, across)
    s += missing_after(rec["label"], a, b, series, year, seen, why=_outside_system(ctx, year + 1, seen[1]))
    gap = ctx.blind_spots(rec)
    if gap and win.last > rec["covers"][1]:
        s += f" The trade data end in {rec['covers'][1]}; {span(rec['covers'][1] + 1, win.last)} lie beyond them"
        s += (" (IMF IMTS has later years: `entente data update imf_trade` fetches them)."
              if imf and catalog.coverage(con, catalog.IMTS_TRADE) is None else ".")
    s += _impossible_shares(ctx, observed)
    s += _trade_caveat(ctx)
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
        # COW rounds flows to whole millions: a 0 is under half a million US dollars, not proof of none; and a
        # year without a figure is missing, not zero, so the claim is kept to the years with figures
        with_figures = sorted({int(y) for y in reported["year"]})
        complete = len(with_figures) == seen[1] - seen[0] + 1
        where = (f"in {span(*seen)}" if complete else
                 f"in {typeset.listing(span(lo, hi) for lo, hi in _treaties.spells(pd.Series(with_figures)))}, the "
                 f"{typeset.plural(len(with_figures), 'year')} of {span(*seen)} with figures")
        others = "" if complete else f"; the other years of {span(*seen)} have no figure, which is not the same as zero"
        one_way = sorted({int(y) for y in reported.loc[reported[list(flows)].isna().any(axis=1), "year"]})
        # a year with one direction's figure says nothing about the other direction
        one_way = (f"; in {typeset.listing(span(lo, hi) for lo, hi in _treaties.spells(pd.Series(one_way)))} only one "
                   "direction has a figure" if one_way else "")
        return (f"{rec['label']} {'record' if many else 'records'} no trade of US$0.5 million or more a year "
                f"between {a} and {b} {where} (its figures are rounded to whole millions){one_way}{others}"
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
                f"are whole millions) except {but}, when {x} imported {typeset.money(last[column])} from {z} "
                f"({dataset_name(last.get('dataset', _sources.COW))}). The other direction has no figure"
                f"{ctx.gap_clause(rec)}.")
    return (f"The trade data give only one direction: in {year} ({dataset_name(last.get('dataset', _sources.COW))}), "
            f"{importer} imported {typeset.money(value)} of goods from {exporter}. The other direction has no figure "
            f"in {span(*seen)}, and this one has figures for {len(reported)} of those years{ctx.gap_clause(rec)}.")


def missing_after(label: str, a: str, b: str, series: pd.DataFrame, year: int, seen: tuple[int, int],
                  why: str = "") -> str:
    """" COW Trade holds no figure for trade between West Germany and East Germany after 1959 (1960–1990):
    those years are missing, not years without trade." when the pair's figures stop before the window's last
    year the data cover, and no flow is reported after ``year`` (the last with a total); "" otherwise. A year
    without a figure is missing (COW's -9, a dyad-year dropped when all its flows were -9), never zero.
    ``why`` (from :func:`_outside_system`) says when a side was out of the state system COW Trade records."""
    if year >= seen[1]:
        return ""
    later = series[(series["year"] > year) & (series["year"] <= seen[1])] if len(series) else series
    flows = [c for c in ("a_imports_from_b", "b_imports_from_a") if c in later]
    if len(later) and later[flows].notna().any().any():
        return ""      # one direction only in later years: said by the one-direction sentences, not here
    many = ", then " in label
    return (f" {label} {'hold' if many else 'holds'} no figure for trade between {a} and {b} after {year} "
            f"({span(year + 1, seen[1])}): {why + ', so ' if why else ''}those years are missing, not years "
            "without trade.")


#: Pairs whose trade the datasets miss by the way it is reported: (COW codes, first year, words). South Korea
#: counts trade with the North as trade within the nation, not foreign trade (Inter-Korean Exchange and
#: Cooperation Act, 1990, art. 12), so neither side's customs figures, which COW and the IMF read, carry it.
TRADE_CAVEATS = (
    (frozenset({731, 732}), 1990,
     "South Korea counts its trade with North Korea as trade within the nation (the Inter-Korean Exchange and "
     "Cooperation Act of 1990), not as foreign trade, so COW Trade and the IMF record almost none of it, the "
     "Kaesong industrial zone's included: read these figures as a limit of the data, not of trade between the "
     "Koreas."),
)


def _trade_caveat(ctx: Context) -> str:
    """" South Korea counts …" for a pair whose trade the datasets miss (:data:`TRADE_CAVEATS`), when the
    window reaches the caveat's first year; "" otherwise."""
    codes = {*ctx.a.ccodes, *ctx.b.ccodes}
    return "".join(f" {words}" for pair_codes, first, words in TRADE_CAVEATS
                   if pair_codes <= codes and ctx.window.last >= first)


def _outside_system(ctx: Context, first: int, last: int) -> str:
    """"Japan was not a member of the COW state system in 1946–1950" for the years of first–last a side was
    out of it (occupied, or not yet independent): COW Trade records trade between members only. "" if none."""
    parts = []
    for side in (ctx.a, ctx.b):
        member = set()
        for code in side.ccodes:
            for start, end in countries.membership(code):
                member.update(range(start.year, (end.year if end else last) + 1))
        out = [y for y in range(first, last + 1) if y not in member]
        if out:
            parts.append(f"{ctx.name(side, out[0])} was not a member of the COW state system in "
                         + typeset.listing(span(lo, hi) for lo, hi in _treaties.spells(pd.Series(out))))
    return "; ".join(parts)


def possessive_imports(importer: str, exporter: str) -> str:
    """"Israel's imports from Syria"."""
    return f"{typeset.possessive(importer)} imports from {exporter}"


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
              f"{typeset.pct(gap)}" if gap >= 0.05 else "")   # within 5%: the switch is not worth a clause
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
            years = typeset.listing(span(lo, hi) for lo, hi in _treaties.spells(bad["year"].astype(int)))
            who = ctx.name(side, int(bad["year"].iloc[-1]))
            most = typeset.pct(float(bad[column].max()))
            parts.append(f"in {years} the figures put their trade above {typeset.possessive(who)} total trade (up to "
                         f"{most} of it)" if not parts else f"in {years} above {typeset.possessive(who)} (up to {most})")
    if not parts:
        return ""
    return (" " + prose.capital(" and ".join(parts)) + ", which no trade can be: read those years as errors in the "
            "data, not as dependence.")


def growth_sentence(growth: dict, across: str = "") -> str:
    """The trade trend of :func:`entente.measures.economy.growth_trend` in a sentence: a rate only when its
    95% interval excludes 0 (the Trend section's test), always the two end values, and how many of the
    years have a figure when some lack one."""
    years = span(growth["from"], growth["to"])
    ends = (f"{typeset.money(growth['first'])} in {growth['from']}, {typeset.money(growth['last'])} in {growth['to']}")
    count = growth["to"] - growth["from"] + 1
    if growth["n"] < count:
        ends += f"; figures for {growth['n']} of those {count} years"
    if growth["direction"] in ("rising", "falling"):
        verb = "grew" if growth["direction"] == "rising" else "shrank"
        low, high = sorted((100 * growth["rate_low"], 100 * growth["rate_high"]))
        rate, low, high = typeset.changes((100 * growth["rate"], low, high), 1, "%")   # one precision for all three
        return (f"Over {years} it {verb} by about {rate[1:]} a year (log-linear trend; 95% "
                f"interval {low} to {high}; {ends}; current US dollars{across}).")
    if growth["direction"] == "flat":
        # no trend passes the 95% test, yet the end values may be far apart (India–Pakistan: US$2.0 billion in
        # 2011, US$245 million in 2020): "no clear rise or fall" alone would read as stable trade
        first, last = growth["first"], growth["last"]
        apart = ("" if not (first and last and first > 0 and last > 0) or 0.5 < last / first < 2 else
                 f", though it ended far {'below' if last < first else 'above'} where it began: the years between "
                 "swing too much to call it a trend")
        return f"Over {years} it shows no clear rise or fall{apart} ({ends}; current US dollars{across})."
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
        s = (f"Where both datasets give a figure for this pair ({typeset.plural(n, 'flow-year')}, {span(first, last)}), "
             f"COW and the IMF agree within 1% on {typeset.pct(w1)} and within 10% on {typeset.pct(w10)}")
        counts = both["reason"].value_counts()
        # one clause per reason, each with its count first: "otherwise: in 11 flow-years the two differ by 1–10%,
        # …; in 16 they differ by more than 10%" (the clauses share their subject, so they read as one list)
        why = [f"in {typeset.plural(int(counts[r]), 'flow-year') if not i else int(counts[r])} {TRADE_REASONS[r]}"
               for i, r in enumerate(r for r in TRADE_REASONS if counts.get(r))]
        s += (": otherwise " + "; ".join(why) + "." if why else ".")
        parts.append(s)
    return " ".join(parts)

