"""Assemble what a brief says about a pair: every number with the dataset, version and rows behind it.

The result is a plain dict (JSON-ready) that the renderers turn into Markdown, HTML and JSON. Prose is
generated only from these numbers (:mod:`entente.brief.prose`), never canned.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from entente import alignment, countries, warehouse
from entente.brief import sections, third_states
from entente.brief.jsonable import clean as _clean
from entente.brief.jsonable import records
from entente.errors import NoEvidence
from entente.measures.similarity import MEASURES

RECENT_YEARS = 5          # "recent years" for ranks and splits
SPLIT_YEARS = 2           # the latest years whose split votes are listed


def _evidence(con, ccodes, start, end, label: str) -> list[dict]:
    """Dataset, version and vote rows behind a UNGA figure for the given states (None = all states)."""
    where, params = alignment._years_clause("r.year", start, end)
    if ccodes is not None:
        where += f" AND v.ccode IN ({', '.join('?' * len(ccodes))})"
        params += list(ccodes)
    rows = con.execute(
        f"""SELECT p.dataset, p.version, p.table_name, count(*) AS rows, count(DISTINCT v.rcid) AS roll_calls,
                   min(r.date) AS first_date, max(r.date) AS last_date
            FROM unga_votes v JOIN unga_rollcalls r USING (rcid)
            JOIN _provenance p ON p.table_name = CASE r.source WHEN 'unvotes' THEN 'unvotes_votes' ELSE 'dgacm_votes' END
            WHERE {where} GROUP BY ALL ORDER BY first_date""", params).df()
    out = records(rows)
    for item in out:
        item["used_for"] = label
    return out


def _membership(state) -> dict:
    spells = countries.membership(state.ccode)
    return {
        "ccode": state.ccode, "abb": state.abb, "iso3": state.iso3, "name": state.name, "label": state.label,
        "cow_spells": [{"start": _clean(s), "end": _clean(e)} for s, e in spells],
    }


def assemble(a, b, *, start: int | None = None, end: int | None = None, weights=None, compare=None,
             con=None) -> dict:
    """Everything the brief shows for the pair ``a``–``b`` between ``start`` and ``end`` (session-years)."""
    sa, sb = countries.resolve(a), countries.resolve(b)
    con = con or warehouse.connection()
    un_years = alignment.un_years(con=con)
    pair = {"a": _membership(sa), "b": _membership(sb)}
    for key, state in (("a", sa), ("b", sb)):
        pair[key]["un_years"] = (
            {"first": int(un_years.loc[state.ccode, "first"]), "last": int(un_years.loc[state.ccode, "last"])}
            if state.ccode in un_years.index else None)
    third = third_states.third_party_table(sa, sb, con)
    brief = {
        "title": f"{sa.name} and {sb.name}",
        "generated": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "entente_version": _entente_version(),
        "range": {"start": start, "end": end},
        "pair": pair,
        "sections": {
            "alignment": _alignment_section(sa, sb, start, end, con),
            "history": sections.history(sa, sb, con),
            "treaties": sections.treaties(sa, sb, con),
            "economy": sections.economy(sa, sb, con),
            "arms": sections.arms(sa, sb, con),
            "security_council": sections.security_council(sa, sb, con),
            "news": sections.news(sa, sb, con),
            "third_parties": third_states.third_parties(sa, sb, con, table=third),
            "limits": third_states.limits(sa, sb, con, table=third),
            "trend": sections.trend(sa, sb, con, weights=weights),
        },
        "provenance": records(warehouse.provenance(con)),
    }
    if compare is not None:
        other = countries.resolve(compare)
        if other.ccode in (sa.ccode, sb.ccode):
            from entente.errors import BadInput

            raise BadInput(f"--compare needs a third state; {other.label} is already in the pair.")
        brief["sections"]["comparison"] = sections.comparison(sa, sb, other, con)
    return brief


def _entente_version() -> str:
    from importlib.metadata import version

    return version("entente")


def _alignment_section(sa, sb, start, end, con) -> dict:
    section = {"title": "Diplomatic alignment (UN General Assembly votes)", "evidence": []}
    try:
        series = alignment.alignment(sa.ccode, sb.ccode, start=start, end=end, con=con)
    except NoEvidence as exc:
        section["no_evidence"] = str(exc)
        return section
    lo, hi = int(series.year.min()), int(series.year.max())
    avg_a = alignment.state_average(sa.ccode, start=lo, end=hi, con=con)
    avg_b = alignment.state_average(sb.ccode, start=lo, end=hi, con=con)
    ranks = alignment.ranks(sa.ccode, sb.ccode, start=lo, end=hi, con=con)
    trend = series[["year", "n_votes", *MEASURES]].merge(
        avg_a[["year", "agree", "kappa"]].rename(columns={"agree": "a_avg_agree", "kappa": "a_avg_kappa"}),
        on="year", how="left").merge(
        avg_b[["year", "agree", "kappa"]].rename(columns={"agree": "b_avg_agree", "kappa": "b_avg_kappa"}),
        on="year", how="left").merge(ranks, on="year", how="left")
    section["series"] = records(trend)
    recent = trend[trend.year > hi - RECENT_YEARS]
    section["recent_ranks"] = records(recent[["year", "n_votes", "agree", "rank_b_among_a", "partners_a",
                                              "rank_a_among_b", "partners_b"]])
    section["summary"] = _summary(trend, hi)
    by_kappa = alignment.ranks(sa.ccode, sb.ccode, start=hi, end=hi, measure="kappa", con=con)
    if len(by_kappa):
        section["summary"]["last_kappa_ranks"] = records(by_kappa)[0]
    section["by_issue"] = _by_issue(sa, sb, max(lo, hi - 9), hi, con)
    split_from = hi - SPLIT_YEARS + 1
    splits = alignment.splits(sa.ccode, sb.ccode, start=split_from, end=hi, con=con)
    n_common = int(trend[trend.year >= split_from].n_votes.sum())
    section["splits"] = {"from": split_from, "to": hi, "common_votes": n_common,
                         "opposed": int((splits.kind == "opposed").sum()),
                         "abstain": int((splits.kind == "abstain").sum()),
                         "votes": records(splits.drop(columns=["rcid"]))}
    section["evidence"] = (_evidence(con, [sa.ccode, sb.ccode], lo, hi, "pair series, ranks, splits")
                           + _evidence(con, None, lo, hi, "each side's average with all states, ranks"))
    return section


def _summary(trend: pd.DataFrame, last_year: int) -> dict:
    last = trend[trend.year == last_year].iloc[0]
    post = trend[trend.year >= 1992]
    out = {
        "last_year": last_year, "last": records(last.to_frame().T)[0],
        "first_year": int(trend.year.min()), "years": int(len(trend)),
    }
    if len(post):
        out["since_1992"] = {
            "years": int(len(post)), "agree": _clean(post.agree.mean()), "kappa": _clean(post.kappa.mean()),
            "a_avg_agree": _clean(post.a_avg_agree.mean()), "b_avg_agree": _clean(post.b_avg_agree.mean()),
        }
    decade = trend[trend.year > last_year - 10]
    if len(decade) >= 3:
        slope = pd.Series(decade.agree.values, index=decade.year.values)
        x = slope.index.to_numpy(dtype=float)
        y = slope.to_numpy(dtype=float)
        b = ((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum()
        out["last_decade"] = {"from": int(x.min()), "to": int(x.max()), "agree_slope_per_year": float(b),
                              "agree_first": _clean(y[0]), "agree_last": _clean(y[-1])}
    return out


def _by_issue(sa, sb, start, end, con) -> dict:
    rows = []
    for code, label in alignment.ISSUES.items():
        try:
            frame = alignment.alignment(sa.ccode, sb.ccode, start=start, end=end, issue=code, con=con)
        except NoEvidence:
            continue
        weights = frame.n_votes
        rows.append({"issue": code, "label": label, "n_votes": int(weights.sum()),
                     "agree": _clean((frame.agree * frame.agree_n).sum() / frame.agree_n.sum()),
                     "years": int(len(frame))})
    return {"from": start, "to": end, "rows": sorted(rows, key=lambda r: -(r["agree"] or 0))}
