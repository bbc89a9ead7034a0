"""The trade agreements a pair shares, for the brief's treaties section: from DESTA's dyadic list of
treaties and the WTO's list of regional trade agreements, when the user has supplied them
(:mod:`entente.sources.desta`, :mod:`entente.sources.wto_rta`; their terms do not let entente ship them).

Each agreement is named with the years it was signed and entered into force and the dataset that lists
it; an agreement signed after the window's last year is left out. Without either file the section says,
in one sentence, what to download and where to save it.
"""

from __future__ import annotations

import pandas as pd

from entente import catalog, config
from entente.brief import typeset
from entente.brief.context import Context
from entente.brief.jsonable import records
from entente.pair import evidence as pair
from entente.warehouse import has_table

LABELS = {"desta": "DESTA", "wto_rta": "the WTO's RTA list"}


def _codes(side) -> str:
    return ", ".join(str(int(c)) for c in side.ccodes)


def desta(ctx: Context) -> pd.DataFrame:
    """One row per DESTA base treaty both sides are members of: name (of the base treaty), signed and
    in force (the first years the pair was in it), signed by the window's last year."""
    a, b = _codes(ctx.a), _codes(ctx.b)
    return ctx.con.execute(f"""
        SELECT base_treaty,
               coalesce(min(name) FILTER (WHERE entry_type = 'base_treaty'), min(name)) AS name,
               min(year) AS signed, min(entryforceyear) AS in_force, 'desta' AS dataset
        FROM {catalog.DESTA_DYADS}
        WHERE ((ccode1 IN ({a}) AND ccode2 IN ({b})) OR (ccode1 IN ({b}) AND ccode2 IN ({a}))) AND year <= ?
        GROUP BY base_treaty ORDER BY signed, name""", [ctx.window.last]).df()


def wto(ctx: Context) -> pd.DataFrame:
    """One row per WTO RTA whose current signatories include both sides, signed by the window's last year."""
    a, b = _codes(ctx.a), _codes(ctx.b)
    return ctx.con.execute(f"""
        SELECT r.rta_id, r.rta_name AS name, year(r.signed) AS signed, year(r.in_force) AS in_force,
               r.coverage, r.type, r.status, 'wto_rta' AS dataset
        FROM {catalog.WTO_RTAS} r
        WHERE r.rta_id IN (SELECT rta_id FROM {catalog.WTO_RTA_PARTIES} WHERE ccode IN ({a}))
          AND r.rta_id IN (SELECT rta_id FROM {catalog.WTO_RTA_PARTIES} WHERE ccode IN ({b}))
          AND coalesce(year(r.signed), year(r.in_force)) <= ?
        ORDER BY r.signed, r.rta_name""", [ctx.window.last]).df()


def _dated(row) -> str:
    parts = [f"signed {int(row.signed)}" if pd.notna(row.signed) else ""]
    if pd.notna(row.in_force):
        parts.append(f"in force {int(row.in_force)}")
    else:
        parts.append("not in force")
    return f"{row.name} ({', '.join(p for p in parts if p)})"


def sentence(ctx: Context, found: dict[str, pd.DataFrame]) -> str:
    """One sentence per dataset: the agreements both are party to, or that the dataset lists none."""
    a, b = ctx.names(ctx.window.last)
    out = []
    for dataset, frame in found.items():
        label, n = LABELS[dataset], len(frame)
        if n:
            out.append(f"In {label}, {a} and {b} are both party to {typeset.plural(n, 'trade agreement')}: "
                       f"{typeset.listing(_dated(r) for r in frame.itertuples())}.")
        else:
            out.append(f"In {label}, {a} and {b} share no trade agreement signed by {ctx.window.last}.")
    return " ".join(out)


def missing_sentence() -> str:
    """The one sentence said when neither file is there."""
    home = config.home() / "user"
    return ("Trade agreements need DESTA's or the WTO's list, which entente may not ship: save DESTA's dyadic "
            f"list of treaties (desta_list_of_treaties_02_03_dyads.csv) in {home / 'desta'} or the WTO's "
            f"AllRTAs.xlsx export in {home / 'wto_rta'}, then run `entente data build`.")


def section(ctx: Context) -> dict:
    """``trade_agreements`` (records: name, signed, in_force, dataset, …), ``trade_summary``, and the
    coverage and evidence of the datasets used (to append to the treaties section's lists)."""
    con = ctx.con
    found: dict[str, pd.DataFrame] = {}
    coverage, evidence = [], []
    for dataset, table, read, span in (("desta", catalog.DESTA_DYADS, desta, ("year", "year")),
                                       ("wto_rta", catalog.WTO_RTAS, wto, ("signed_year", "signed_year"))):
        if not has_table(con, str(table)):
            continue
        found[dataset] = read(ctx)
        coverage.append(ctx.coverage(table, "trade agreements", dataset_label=LABELS[dataset].removeprefix("the ")))
        evidence.append(pair.evidence(con, str(table), len(found[dataset]), f"trade agreements ({LABELS[dataset]})",
                                      span=span))
    if not found:
        return {"trade_agreements": [], "trade_summary": missing_sentence(), "trade_coverage": [], "trade_evidence": []}
    rows = pd.concat(list(found.values()), ignore_index=True)
    return {"trade_agreements": records(rows), "trade_summary": sentence(ctx, found),
            "trade_coverage": coverage, "trade_evidence": evidence}
