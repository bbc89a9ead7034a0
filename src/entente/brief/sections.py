"""The brief's sections beyond UN votes, by name: treaties (:mod:`entente.brief.treaties`), trade
(:mod:`entente.brief.economy`), arms, news, the trend and the comparison here (history:
:mod:`entente.brief.history`; third parties and limits: :mod:`entente.brief.third_states`; the Security
Council: :mod:`entente.brief.council`). Each takes the brief's :class:`~entente.brief.context.Context` and
returns a JSON-ready dict.

Every section keeps to the window (``ctx.window``), names states as they were named in the years it
speaks of, and carries ``evidence`` (dataset, version, table, rows used, coverage) and ``coverage``
(what each dataset covers and which part of the window it cannot see). "None" is said only for years a
dataset covers; for the rest the section says the data end (or begin).
"""

from __future__ import annotations


import pandas as pd

from entente import catalog, config, countries
from entente.brief import prose, typeset
from entente.brief.context import Context
from entente.brief.economy import economy
from entente.brief.jsonable import records
from entente.brief.treaties import treaties
from entente.errors import NoEvidence
from entente.measures import arms as _arms
from entente.measures import trend as _trend_measures
from entente.pair import alignment
from entente.pair import evidence as pair
from entente.pair import trend as _trend
from entente.period import span
from entente.warehouse import has_table

__all__ = ["arms", "comparison", "economy", "news", "treaties", "trend"]


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
            top = typeset.listing(f"{s['designation']} ({s['description']})" for s in d["systems"][:3])
            parts.append(f"{src} delivered {_tiv(d['tiv'])} of major arms to {dst} in "
                         f"{typeset.plural(d['rows'], 'deal-year')} (largest: {top})")
        else:
            parts.append(f"SIPRI records no delivery from {src} to {dst}")
    out["summary"] = (prose.capital("; ".join(parts)) + f" ({span(*seen)}; TIV is SIPRI's trend-indicator value, "
                      "a volume index in millions, not money).")
    return out


def _tiv(value: float) -> str:
    return "less than 1 million TIV" if value < 0.5 else f"{typeset.number(value, 0)} million TIV"


# -------------------------------------------------------------------------------------------- trend
TREND_LABELS = {"unga": "UN alignment (Cohen's κ)", "alliance": "alliance obligation level (0–3)",
                "disputes": "dispute hostility (0–5)", "trade": "trade dependence (the smaller share)",
                "arms": "arms transfers (TIV millions)", "index": "composite index (standard deviations)"}
#: How each series' yearly slope is written: (scale, unit after the number, digits).
TREND_UNITS = {"unga": (1, " κ", 3), "alliance": (1, " levels", 2), "disputes": (1, " hostility levels", 2),
               "trade": (100, " percentage points", 2), "arms": (1, " million TIV", 1), "index": (1, " SD", 2)}


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
            # one precision for the slope and its interval, two significant figures for a tiny slope
            slope, low, high = typeset.changes([scale * d[k] for k in ("slope", "ci_low", "ci_high")], digits)
            parts.append(f"{TREND_LABELS[key]} {d['direction']} over {span(d['start'], d['end'])} "
                         f"({slope}{unit} a year; 95% interval {low} to {high})")
    years = win.last - win.first + 1
    quiet = (f"No series shows a clear rise or fall over the last decade of its data within {win.label}."
             if years > _trend_measures.DECADE else
             f"No series shows a clear rise or fall within {win.label}." if years >= _trend_measures.MIN_DECADE_POINTS
             else f"{win.label} {'is one year' if years == 1 else f'are {years} years'}: too few for a trend "
                  f"(the test needs {_trend_measures.MIN_DECADE_POINTS} years of a series).")
    text = (f"Between {a} and {b}: " + "; ".join(parts) + ".") if parts else quiet
    breaks = [y for y in (found["change_points"].get("unga") or []) if y in win]
    if breaks:
        text += f" UN alignment shifted level in {typeset.listing(breaks)}."
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
        row["atop_at_end"] = typeset.listing(sorted(set(atop.loc[atop.end >= cut, "obligation"]))) or "none"
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
        rest = typeset.listing([f"{r['pair']} ({typeset.number(r['kappa_decade'])})" for r in ranked[1:]])
        parts.append(f"Over {span(first, last_unga)}, by mean Cohen's κ in the UN General Assembly, the closest of "
                     f"the three pairs is {ranked[0]['pair']} ({typeset.number(ranked[0]['kappa_decade'])}), then {rest}.")
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
        out["no_evidence"] = (f"GDELT records no event between {a} and {b} in the {typeset.plural(len(covered), 'file')} "
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
    out["summary"] = (f"In the {typeset.plural(len(covered), 'GDELT file')} loaded ({str(first)[:10]} – {str(last)[:10]}, "
                      f"{typeset.plural(int(covered.minutes.sum()) // 60, 'hour')} of news), "
                      f"{typeset.plural(int(totals.events), 'event')} link {a} and {b}: "
                      f"{typeset.whole(coop)} cooperative ({typeset.whole(totals.quad1)} verbal, "
                      f"{typeset.whole(totals.quad2)} material) and {typeset.whole(totals.quad3 + totals.quad4)} "
                      f"conflictual ({typeset.whole(totals.quad3)} verbal, {typeset.whole(totals.quad4)} material); "
                      f"mention-weighted Goldstein "
                      f"{typeset.signed(weighted, 1)} on the −10…+10 scale.")
    return out
