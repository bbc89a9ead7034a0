"""The brief's treaties section: the ATOP alliances (and COW's) both states belonged to in the window, named,
with who pledged what to whom, and the trade agreements when the user has supplied DESTA's or the WTO's list.
Called by :func:`entente.brief.content.assemble` (through :mod:`entente.brief.sections`)."""

from __future__ import annotations

import pandas as pd

from entente import catalog
from entente.brief import trade_agreements, typeset
from entente.brief.context import Context
from entente.brief.jsonable import records
from entente.measures import treaties as _treaties
from entente.pair import evidence as pair
from entente.pair.named import pair_alliances
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
    # the pacts the two made with each other first (an analyst looks for those before shared memberships of
    # many-state pacts), then named before unnamed, defence before the rest, by year
    order = named.assign(_shared=~named["bilateral"].astype(bool), _named=~named["name"].map(_named),
                         _defence=[not ("defence" in a or "defence" in b) for a, b in
                                   zip(named["a_obligations"], named["b_obligations"])])
    for row in order.sort_values(["_shared", "_named", "_defence", "shared_start", "atopid"]).itertuples():
        x, y = ctx.name(ctx.a, int(row.shared_end)), ctx.name(ctx.b, int(row.shared_end))
        kind = _undated(row.description)
        # a pact with no name in entente's list is given ATOP's number, so a reader can look the treaty up
        what = f"{row.name}, {kind}" if _named(row.name) else f"ATOP alliance {int(row.atopid)}, {kind}"
        together = typeset.listing(span(lo, hi) for lo, hi in row.shared_spells) or span(row.shared_start, row.shared_end)
        pledged = ""
        if list(row.a_obligations) != list(row.b_obligations):
            pledged = (f"; {x} pledged {typeset.listing(row.a_obligations) or 'nothing ATOP codes'}, "
                       f"{y} {typeset.listing(row.b_obligations) or 'nothing ATOP codes'}")
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
    more = f"; and {typeset.plural(rest, 'other')}" if rest > 0 else ""
    text = (f"ATOP records {typeset.plural(len(named), noun)} ({kinds}) to which both {a} and {b} belonged in "
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
    return typeset.listing(f"{r.obligation} ({span(r.start, r.end)}{' and after' if r.open_at_end else ''})"
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
                f"{typeset.listing(sorted(set(open_now.obligation)))} obligations still in force.")
    return ""


def _named(name) -> bool:
    """Whether a pact has a name in entente's list (a missing one is None under pandas 2, NaN under pandas 3)."""
    return isinstance(name, str) and name != ""
