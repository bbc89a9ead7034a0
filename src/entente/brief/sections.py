"""The brief's sections beyond UN votes: history, treaties, trade, arms, the Security Council, news, the
trend and the comparison (third parties and limits: :mod:`entente.brief.third_states`). Each returns a
JSON-ready dict.

Every section carries ``evidence`` (dataset, version, table, rows used, coverage) and, when the data
hold nothing for the pair, ``no_evidence`` with a sentence that says so and over which years —
absence of evidence inside a dataset's coverage, not beyond it.
"""

from __future__ import annotations

from entente import pair
from entente.brief.jsonable import records
from entente.measures import arms as _arms
from entente.measures import economy as _economy
from entente.measures import history as _history
from entente.warehouse import has_table


def _names(sa, sb):
    return sa.name, sb.name


def history(sa, sb, con) -> dict:
    """Wars (COW), militarized disputes (GML MIDs) and strategic rivalries (Thompson & Dreyer)."""
    a, b = _names(sa, sb)
    out = {"title": "History: wars, disputes and rivalries", "evidence": []}
    if not all(has_table(con, t) for t in ("cow_war_inter_dyad_year", "gml_mid_dir_dyad_year", "td_rivalries")):
        out["no_evidence"] = "The conflict datasets are not in this warehouse."
        return out
    wars = pair.wars(sa.ccode, sb.ccode, con=con)
    disputes = pair.disputes(sa.ccode, sb.ccode, con=con)
    rivalries = pair.rivalries(sa.ccode, sb.ccode, con=con)
    war_cov = pair.coverage(con, "cow_war_inter_dyad_year")
    mid_cov = pair.coverage(con, "gml_mid_dir_dyad_year")
    riv_last = int(con.execute("SELECT max(endyear) FROM td_rivalries").fetchone()[0])
    out["wars"] = records(wars)
    out["disputes"] = records(disputes)
    out["disputes_by_decade"] = records(_history.disputes_by_decade(disputes))
    out["rivalries"] = records(rivalries[["rivalryname", "styear", "endyear", "type1", "type2", "type3"]])
    out["coverage"] = {"wars": war_cov, "disputes": mid_cov, "rivalries_last_year": riv_last}
    last = int(disputes.end.max()) if len(disputes) else None
    out["last_dispute"] = last
    out["years_since_last_dispute_at_coverage_end"] = _history.years_since(last, mid_cov[1])
    sentences = []
    if len(wars):
        sentences.append(f"COW records {len(wars)} inter-state war{'s' if len(wars) > 1 else ''} between {a} and {b} "
                         f"({', '.join(f'{w.start}' if w.start == w.end else f'{w.start}–{w.end}' for w in wars.itertuples())}).")
    else:
        sentences.append(f"COW records no inter-state war between {a} and {b} ({war_cov[0]}–{war_cov[1]}).")
    if len(disputes):
        force = int((disputes.hostility >= 4).sum())
        sentences.append(f"The GML data list {len(disputes)} militarized dispute{'s' if len(disputes) > 1 else ''} "
                         f"between them, {force} reaching the use of force; the first began in {int(disputes.start.min())}, "
                         f"the last in {int(disputes.start.max())} (the data end in {mid_cov[1]}).")
    else:
        sentences.append(f"The GML data list no militarized dispute between them ({mid_cov[0]}–{mid_cov[1]}).")
    if len(rivalries):
        spans = ", ".join(f"{r.styear}–{r.endyear}" for r in rivalries.itertuples())
        sentences.append(f"Thompson and Dreyer code a strategic rivalry: {spans} (their data end in {riv_last}).")
    out["summary"] = " ".join(sentences)
    out["evidence"] = [
        pair.evidence(con, "cow_war_inter_dyad_year", len(wars), "wars"),
        pair.evidence(con, "gml_mid_dir_dyad_year", int(con.execute(
            "SELECT count(*) FROM gml_mid_dir_dyad_year WHERE (ccode1 = ? AND ccode2 = ?) OR (ccode1 = ? AND ccode2 = ?)",
            [sa.ccode, sb.ccode, sb.ccode, sa.ccode]).fetchone()[0]), "disputes"),
        pair.evidence(con, "td_rivalries", len(rivalries), "rivalries", span=("styear", "endyear")),
    ]
    return out


def treaties(sa, sb, con) -> dict:
    """Alliance obligations in force, as spells, from ATOP and COW."""
    a, b = _names(sa, sb)
    out = {"title": "Treaties: alliance obligations", "evidence": []}
    if not all(has_table(con, t) for t in ("atop_dyad_year", "cow_alliance_dyad_year")):
        out["no_evidence"] = "The alliance datasets are not in this warehouse."
        return out
    atop = pair.alliances(sa.ccode, sb.ccode, dataset="atop", con=con)
    cow = pair.alliances(sa.ccode, sb.ccode, dataset="cow", con=con)
    atop_cov, cow_cov = pair.coverage(con, "atop_dyad_year"), pair.coverage(con, "cow_alliance_dyad_year")
    out["atop"], out["cow"] = records(atop), records(cow)
    out["coverage"] = {"atop": atop_cov, "cow": cow_cov}
    if len(atop):
        open_now = atop[atop.open_at_end]
        s = f"ATOP records alliance obligations between {a} and {b} in {atop.start.min()}–{atop.end.max()}"
        if len(open_now):
            s += (f"; in {atop_cov[1]}, the last year ATOP covers, they held "
                  + ", ".join(sorted(set(open_now.obligation))) + " obligations")
        out["summary"] = s + "."
    else:
        out["summary"] = f"ATOP records no alliance between {a} and {b} ({atop_cov[0]}–{atop_cov[1]})."
    rows = lambda t: int(con.execute(f"SELECT count(*) FROM {t} WHERE ccode1 = ? AND ccode2 = ?",  # noqa: E731
                                     [sa.ccode, sb.ccode]).fetchone()[0])
    out["evidence"] = [pair.evidence(con, "atop_dyad_year", rows("atop_dyad_year"), "alliance spells (ATOP)"),
                       pair.evidence(con, "cow_alliance_dyad_year", rows("cow_alliance_dyad_year"), "alliance spells (COW)")]
    return out


def economy(sa, sb, con) -> dict:
    """Trade each way, dependence on each other, asymmetry and growth (COW Trade)."""
    a, b = _names(sa, sb)
    out = {"title": "Economy: trade", "evidence": []}
    if not has_table(con, "cow_trade_dyad_year"):
        out["no_evidence"] = "The trade dataset is not in this warehouse."
        return out
    series = pair.trade(sa.ccode, sb.ccode, con=con)
    cov = pair.coverage(con, "cow_trade_dyad_year")
    out["coverage"] = cov
    out["evidence"] = [pair.evidence(con, "cow_trade_dyad_year", len(series), "trade flows"),
                       pair.evidence(con, "cow_trade_state_year", int(con.execute(
                           "SELECT count(*) FROM cow_trade_state_year WHERE ccode IN (?, ?)",
                           [sa.ccode, sb.ccode]).fetchone()[0]), "each side's total trade")]
    if series.empty or not (series.total > 0).any():
        out["no_evidence"] = f"COW records no trade between {a} and {b} ({cov[0]}–{cov[1]})."
        return out
    out["series"] = records(series)
    last = series.dropna(subset=["total"]).iloc[-1]
    growth = _economy.growth(series)
    out["growth"] = growth
    s = (f"In {int(last.year)}, the last year of COW's trade data, {a} imported {last.a_imports_from_b:,.0f} million "
         f"US dollars of goods from {b} and {b} {last.b_imports_from_a:,.0f} million from {a}; their trade was "
         f"{100 * last.a_share:.1f}% of {a}'s total trade and {100 * last.b_share:.1f}% of {b}'s.")
    if growth:
        s += (f" Between {growth['from']} and {growth['to']} it grew {100 * growth['annual_growth']:+.1f}% a year "
              "(current dollars).")
    out["summary"] = s
    return out


def arms(sa, sb, con) -> dict:
    """SIPRI arms transfers each way, TIV by year, and the systems delivered."""
    a, b = _names(sa, sb)
    out = {"title": "Arms transfers", "evidence": []}
    if not has_table(con, "sipri_transfers"):
        out["no_evidence"] = (
            "No SIPRI data in this warehouse: SIPRI's terms do not let entente redistribute its Arms Transfers "
            "Database. Export the trade register (all suppliers, all recipients) from https://armstransfers.sipri.org/ "
            "and save it as $ENTENTE_HOME/user/sipri/trade_register.csv; the next command rebuilds the warehouse with it.")
        return out
    register = pair.arms_register(sa.ccode, sb.ccode, con=con)
    cov = pair.coverage(con, "sipri_transfers", "delivery_year")
    out["coverage"] = cov
    out["evidence"] = [pair.evidence(con, "sipri_transfers", len(register), "deliveries both ways",
                                     span=("delivery_year", "delivery_year"))]
    if register.empty:
        out["no_evidence"] = f"SIPRI records no delivery of major arms between {a} and {b} ({cov[0]}–{cov[1]})."
        return out
    out["tiv_by_year"] = records(_arms.tiv_by_year(register, sa.ccode, sb.ccode))
    for key, src, dst in (("a_to_b", sa.ccode, sb.ccode), ("b_to_a", sb.ccode, sa.ccode)):
        rows = _arms.transfers(register, src, dst)
        out[key] = {"rows": len(rows), "tiv": float(rows.tiv_delivery_values.sum()),
                    "systems": records(_arms.systems(register, src, dst, top=8))}
    parts = []
    for key, src, dst in (("a_to_b", a, b), ("b_to_a", b, a)):
        d = out[key]
        if d["rows"]:
            top = ", ".join(f"{s['designation']} ({s['description']})" for s in d["systems"][:3])
            parts.append(f"{src} delivered {d['tiv']:,.0f} million TIV of major arms to {dst} in {d['rows']} deal-years "
                         f"(largest: {top})")
        else:
            parts.append(f"SIPRI records no delivery from {src} to {dst}")
    out["summary"] = "; ".join(parts) + f" ({cov[0]}–{cov[1]}; TIV is SIPRI's volume index, not money)."
    return out



def countries_name(code) -> str:
    from entente import countries

    try:
        return countries.resolve(code).name
    except Exception:  # a label we cannot resolve is shown as it is
        return str(code)


def trend(sa, sb, con, weights=None) -> dict:
    """Change points per series, the last decade's direction, and the composite index."""
    from entente import trend as _trend

    a, b = _names(sa, sb)
    found = _trend.trend(sa.ccode, sb.ccode, weights=weights, con=con)
    composite = found["composite"].reset_index()
    out = {"title": "Trend", "weights": found["weights"], "coverage": found["coverage"],
           "change_points": found["change_points"], "direction": found["direction"],
           "composite": records(composite), "evidence": found["evidence"]}
    labels = {"unga": "UN alignment (κ)", "alliance": "alliance obligations", "disputes": "dispute hostility",
              "trade": "trade share", "arms": "arms transfers", "index": "composite index"}
    parts = []
    for key, d in found["direction"].items():
        if key in labels and d.get("direction") in ("rising", "falling"):
            parts.append(f"{labels[key]} {d['direction']} over {d['start']}–{d['end']} "
                         f"({d['slope']:+.3f} a year, 95% interval {d['ci_low']:+.3f} to {d['ci_high']:+.3f})")
    breaks = found["change_points"].get("unga") or []
    text = (f"Between {a} and {b}: " + "; ".join(parts) + ".") if parts else \
        f"No series shows a clear rise or fall over its last decade of data for {a} and {b}."
    if breaks:
        text += f" UN alignment shifted level in {', '.join(str(y) for y in breaks)}."
    out["summary"] = text
    out["labels"] = labels
    return out


def security_council(sa, sb, con) -> dict:
    """UN Security Council vetoes by either side (joint, bearing on the other) and sanctions (TIES, GSDB)."""
    from entente import vetoes_sanctions as vs

    a, b = _names(sa, sb)
    out = {"title": "Security Council vetoes and sanctions", "evidence": []}
    v = vs.vetoes(sa.ccode, sb.ccode, con=con)
    s = vs.sanctions(sa.ccode, sb.ccode, con=con)
    keep = ["year", "draft", "crisis_topic", "agenda_item", "vetoed_by"]

    def naming(frame):
        return frame[frame["b_in_topic"].fillna(False) | frame["b_in_agenda"].fillna(False)]

    a_on_b, b_on_a = naming(v["a_on_b"]), naming(v["b_on_a"])
    out["vetoes"] = {"by_a": len(v["by_a"]), "by_b": len(v["by_b"]), "joint": records(v["joint"][keep]),
                     "a_on_b": records(a_on_b[keep]), "b_on_a": records(b_on_a[keep])}
    out["sanctions_between"] = records(s["ties_between"])
    out["sanctions_by_adversaries"] = records(s["ties_by_adversaries"])
    out["coverage"] = records(s["coverage"])
    veto_last = int(con.execute("SELECT max(year) FROM unsc_vetoes").fetchone()[0])
    cast = [(name, len(v[key])) for name, key in ((a, "by_a"), (b, "by_b")) if len(v[key])]
    parts = []
    if not cast:
        parts.append(f"Neither {a} nor {b} cast a Security Council veto (data to {veto_last}).")
    else:
        parts.append(f"Up to {veto_last}, " + " and ".join(f"{n} cast {k} Security Council vetoes" for n, k in cast)
                     + (f"; {len(v['joint'])} drafts were vetoed by both." if len(cast) == 2 else "."))
        named = [(x, y, len(f)) for x, y, f in ((a, b, a_on_b), (b, a, b_on_a)) if len(f)]
        for x, y, k in named:
            parts.append(f"{k} of {x}'s vetoes name{'s' if k == 1 else ''} {y} in {'its' if k == 1 else 'their'} "
                         "topic or agenda item.")
    n_between = len(s["ties_between"])
    parts.append(f"TIES lists {n_between} sanctions case{'s' if n_between != 1 else ''} between them"
                 + (f", and {len(s['ties_by_adversaries'])} against either by the other's rivals." if len(s["ties_by_adversaries"]) else "."))
    out["summary"] = " ".join(parts)
    out["evidence"] = [
        pair.evidence(con, "unsc_vetoes", len(v["by_a"]) + len(v["by_b"]) - len(v["joint"]), "vetoes"),  # joint drafts once
        pair.evidence(con, "ties_cases", n_between + len(s["ties_by_adversaries"]), "sanctions cases",
                      span=("startyear", "startyear")),
    ]
    return out


def comparison(sa, sb, sc, con) -> dict:
    """The pair set against each side's ties with a third state ``sc``: the same measures for a–b, a–c, b–c.

    "Close" only means something relative to other ties (MISSION.md), so each row repeats the brief's
    headline measures for one of the three pairs, over the same years.
    """
    from entente import alignment
    from entente.errors import NoEvidence

    rows = []
    last_unga = int(con.execute("SELECT max(year) FROM m_unga_alignment_dyad_year").fetchone()[0])
    for x, y in ((sa, sb), (sa, sc), (sb, sc)):
        row = {"pair": f"{x.name}–{y.name}", "a": x.abb, "b": y.abb}
        try:
            series = alignment.alignment(x.ccode, y.ccode, start=last_unga - 9, con=con)
            last = series[series.year == series.year.max()].iloc[0]
            row.update(unga_year=int(last.year), agree=float(last.agree), kappa=float(last.kappa),
                       kappa_decade=float(series.kappa.mean()))
        except NoEvidence:
            row.update(unga_year=None, agree=None, kappa=None, kappa_decade=None)
        if has_table(con, "atop_dyad_year"):
            atop = pair.alliances(x.ccode, y.ccode, dataset="atop", con=con)
            row["atop_at_end"] = ", ".join(sorted(set(atop.loc[atop.open_at_end, "obligation"]))) or "none"
        if has_table(con, "gml_mid_dir_dyad_year"):
            d = pair.disputes(x.ccode, y.ccode, con=con)
            row["disputes"] = len(d)
            row["last_dispute"] = int(d.start.max()) if len(d) else None
        if has_table(con, "cow_trade_dyad_year"):
            t = pair.trade(x.ccode, y.ccode, con=con).dropna(subset=["total"])
            row["trade_year"] = int(t.year.iloc[-1]) if len(t) else None
            row["trade_total"] = float(t.total.iloc[-1]) if len(t) else None
        if has_table(con, "sipri_transfers"):
            reg = pair.arms_register(x.ccode, y.ccode, con=con)
            row["arms_tiv"] = float(reg.tiv_delivery_values.sum())
        rows.append(row)
    out = {"title": f"Compared with {sc.name}", "third": sc.name, "rows": rows, "evidence": []}
    ab, ac, bc = rows
    parts = []
    if ab["kappa_decade"] is not None and ac["kappa_decade"] is not None and bc["kappa_decade"] is not None:
        closest = max(rows, key=lambda r: r["kappa_decade"])
        parts.append(f"Over {last_unga - 9}–{last_unga}, by mean Cohen's κ in the UN General Assembly, the closest of "
                     f"the three pairs is {closest['pair']} ({closest['kappa_decade']:.2f}); {ab['pair']} "
                     f"{ab['kappa_decade']:.2f}, {ac['pair']} {ac['kappa_decade']:.2f}, {bc['pair']} {bc['kappa_decade']:.2f}.")
    out["summary"] = " ".join(parts) or "Not enough UN votes in common to compare the three pairs."
    return out


def news(sa, sb, con) -> dict:
    """GDELT news events between the pair (both directions), by month, when events have been ingested.

    Counts reflect only the intervals in the local event store (``entente events coverage``), so the
    section names them; quad classes and Goldstein as in MISSION.md (entente.events.aggregate).
    """
    from entente import events

    a, b = _names(sa, sb)
    out = {"title": "News events (GDELT)", "evidence": []}
    covered = events.coverage()
    if covered.empty:
        out["no_evidence"] = ("No news-event data in this warehouse. Load GDELT event files with "
                              "`entente events ingest --path DIR` (1.0 daily or 2.0 fifteen-minute exports).")
        return out
    series = events.series(sa.ccode, sb.ccode, freq="month")
    first, last = covered.interval_start.min(), covered.interval_end.max()
    out["coverage"] = {"files": int(len(covered)), "first": str(first), "last": str(last),
                       "minutes": int(covered.minutes.sum())}
    out["evidence"] = [{"dataset": "gdelt", "version": ", ".join(sorted(set(covered.version.astype(str)))),
                        "table": "events store", "rows": int(series.events.sum()) if len(series) else 0,
                        "coverage": [str(first)[:10], str(last)[:10]], "used_for": "events between the pair"}]
    if series.empty:
        out["no_evidence"] = (f"GDELT records no event between {a} and {b} in the {len(covered)} files of the "
                              f"event store ({str(first)[:10]} – {str(last)[:10]}).")
        return out
    keep = ["period", "events", "mentions", "quad1", "quad2", "quad3", "quad4", "goldstein_sum", "goldstein_mean",
            "goldstein_wmean", "tone_mean", "tone_wmean", "sources"]
    out["series"] = records(series[keep])
    roots = series[[f"root{r:02d}" for r in range(1, 21)]].sum()
    names = dict(con.execute("SELECT cameo_code, description FROM cameo_event_codes WHERE length(cameo_code) = 2")
                 .fetchall()) if has_table(con, "cameo_event_codes") else {}
    out["top_roots"] = [{"root": c[4:], "label": names.get(c[4:], c[4:]).capitalize(), "events": int(v)}
                        for c, v in roots.sort_values(ascending=False).head(5).items() if v > 0]
    top = events.top(sa.ccode, sb.ccode, n=3)
    out["top"] = records(top.sort_values("NumMentions", ascending=False).head(8)[
        ["event_date", "Actor1Name", "Actor2Name", "EventCode", "GoldsteinScale", "NumMentions", "SOURCEURL"]])
    totals = series[["events", "quad1", "quad2", "quad3", "quad4"]].sum()
    coop = int(totals.quad1 + totals.quad2)
    out["summary"] = (f"In the {len(covered)} GDELT files loaded ({str(first)[:10]} – {str(last)[:10]}, "
                      f"{int(covered.minutes.sum()) // 60} hours of news), {int(totals.events)} events link {a} and {b}: "
                      f"{coop} cooperative ({int(totals.quad1)} verbal, {int(totals.quad2)} material) and "
                      f"{int(totals.quad3 + totals.quad4)} conflictual ({int(totals.quad3)} verbal, {int(totals.quad4)} "
                      f"material); mention-weighted Goldstein "
                      f"{(series.goldstein_wmean * series.mentions).sum() / series.mentions.sum():+.1f} on the −10…+10 scale.")
    return out
