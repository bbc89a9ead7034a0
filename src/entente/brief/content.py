"""Assemble what a brief says about a pair: every number with the dataset, version and rows behind it.

The result is a plain dict (JSON-ready) that the renderers turn into Markdown, HTML and JSON. Prose is
generated only from these numbers (:mod:`entente.brief.prose`), never canned. The window (the years
asked for, or the years both states existed up to the last year of the data) and the names of the
period come from :mod:`entente.period`, once, through the brief's :class:`~entente.brief.context.Context`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Protocol

import pandas as pd

from entente import catalog, countries, period, warehouse
from entente.pair import alignment
from entente.pair import third_parties as tp
from entente.brief import council, history, sections, third_states, typeset
from entente.brief.context import Context
from entente.brief.jsonable import clean as _clean
from entente.brief.jsonable import records
from entente.errors import BadInput, NoEvidence
from entente.measures import trend as _trend
from entente.measures.similarity import MEASURES, dyad_similarity
from entente.measures.treaties import spells
from entente.period import span
from entente.store import one

RECENT_YEARS = 5          # "recent years" for ranks and splits
SPLIT_YEARS = 2           # the latest years whose split votes are listed
#: Tables whose last year bounds a default window (evidence about relations, not the state system).
EVIDENCE_TABLES = (catalog.UNGA_ALIGNMENT, catalog.UCDP_CONFLICTS, catalog.ATOP, catalog.COW_TRADE,
                   catalog.COW_MIDS, catalog.UNSC_VETOES)


def _evidence(con, ccodes, start, end, label: str) -> list[dict]:
    """Dataset, version and vote rows behind a UNGA figure for the given states (None = all states).

    The votes are counted per roll call first and the counts joined to the roll calls' years, dates and
    sources: the same sums as joining every vote row (a million for all states) to its roll call, for a
    quarter of the work."""
    where, params = alignment._years_clause("r.year", start, end)
    states, codes = "TRUE", []
    if ccodes is not None:
        codes = [int(c) for c in ccodes]
        states = f"ccode IN ({', '.join('?' * len(codes))})"
    rows = con.execute(
        f"""WITH pr AS (SELECT rcid, count(*) AS n FROM {catalog.UNGA_VOTES} WHERE {states} GROUP BY rcid)
            SELECT p.dataset, p.version, p.table_name, sum(v.n)::BIGINT AS rows, count(*) AS roll_calls,
                   min(r.date) AS first_date, max(r.date) AS last_date
            FROM pr v JOIN {catalog.UNGA_ROLLCALLS} r USING (rcid)
            JOIN _provenance p ON p.table_name = CASE r.source WHEN 'unvotes' THEN 'unvotes_votes' ELSE 'dgacm_votes' END
            WHERE {where} GROUP BY ALL ORDER BY first_date""", codes + params).df()
    out = records(rows)
    for item in out:
        item["used_for"] = label
    return out


def _membership(side: period.Side, win: period.Window, un_years: pd.DataFrame) -> dict:
    state = side.state
    member = countries.membership(state.ccode)
    out = {
        "ccode": state.ccode, "abb": state.abb, "iso3": state.iso3, "name": side.name(win.last),
        "label": state.label, "cow_spells": [{"start": _clean(s), "end": _clean(e)} for s, e in member],
        "lineage": [{"ccode": c, "first": lo, "last": min(hi, win.last), "name": countries.name(c, min(hi, win.last))}
                    for c, lo, hi in side.codes] if len(side.codes) > 1 else None,
        "lineage_note": side.note,
        "names": [{"name": n, "first": lo, "last": hi} for n, lo, hi in
                  countries.names_between(side.code_in(win.last), win.first, win.last)],
    }
    codes = [c for c in side.ccodes if c in un_years.index]
    voted = sorted({int(y) for c in codes for y in un_years.loc[c, "years"]}) if "years" in un_years else []
    out["un_years"] = ({"first": int(min(un_years.loc[c, "first"] for c in codes)),
                        "last": int(max(un_years.loc[c, "last"] for c in codes)),
                        "spells": [list(s) for s in spells(voted)]} if codes else None)
    out["in_window"] = _in_window(side, win, out["un_years"])
    return out


def _in_window(side: period.Side, win: period.Window, un: dict | None) -> str:
    """The side's standing within the window, in words: membership of the state system and UN votes."""
    years = set()
    for code in side.ccodes:
        for start, end in countries.membership(code):
            years.update(range(max(start.year, win.first), min(end.year if end else win.last, win.last) + 1))
    if not years:
        system = f"not a member of the COW state system in {win.label}"
    elif len(years) == win.last - win.first + 1:
        system = f"a member of the COW state system throughout {win.label}"
    else:
        system = "a member of the COW state system in " + ", ".join(span(lo, hi) for lo, hi in spells(years))
    seen = [] if un is None else [(max(lo, win.first), min(hi, win.last))
                                  for lo, hi in un.get("spells") or [(un["first"], un["last"])]
                                  if lo <= win.last and hi >= win.first]
    if not seen:        # no vote at all, or none in the window (Yugoslavia in 1993–1999)
        vote = "no UN General Assembly vote in these years"
    else:
        words = " and ".join([", ".join(span(lo, hi) for lo, hi in seen[:-1]), span(*seen[-1])] if len(seen) > 1
                             else [span(*seen[0])])
        vote = f"voted in the UN General Assembly in session-years {words}"
    held = seat_held_by_another(side, win.first, win.last)
    return f"{system}; {vote}" + (f" ({held})" if held else "")


#: UN seats the vote data file under another code for some years: (ccode, last session-year, words). China's
#: seat was the Republic of China's until Resolution 2758 of 25 October 1971; unvotes codes those votes 713.
SEATS_HELD_BY_ANOTHER = (
    (710, 1970, "China's seat was held by the Republic of China, whose votes the data file under Taiwan, COW 713",
     "until October 1971"),
)


def seat_held_by_another(side: period.Side, first: int, last: int) -> str:
    """Why a side has no UN votes of its own in some of first–last although its seat was filled, or "". The
    month the seat changed hands is said only when it lies in the window ("throughout these years" else)."""
    return "; ".join((f"{when} {words}" if last > until else f"{words} throughout these years")
                     for code, until, words, when in SEATS_HELD_BY_ANOTHER
                     if code in side.ccodes and first <= until and last >= 1946)



def last_data_year(con) -> int:
    """The last year any of the relations datasets speaks for (the default window's end)."""
    years = [c[1] for c in (catalog.coverage(con, t) for t in EVIDENCE_TABLES) if c]
    return max(years) if years else period.this_year() - 1


def context(a, b, *, start: int | None = None, end: int | None = None, con=None) -> Context:
    """The brief's :class:`Context` for ``a``–``b``: both sides, with their lineages, and the window."""
    sa, sb = countries.resolve(a), countries.resolve(b)
    if sa.ccode == sb.ccode:
        raise BadInput(f"Both states are {sa.label}; a brief needs two different states.")
    con = con or warehouse.connection()
    plain = [period.side(sa), period.side(sb)]
    win = period.window(start, end, sides=plain, last_data_year=last_data_year(con))
    side_a, side_b = period.side(sa, win), period.side(sb, win)
    if set(side_a.ccodes) & set(side_b.ccodes):
        raise BadInput(f"{sa.label} and {sb.label} are one line of the same state in {win.label}; "
                       "give two different states.")
    for side in (side_a, side_b):
        if not any(countries.is_member(code, year) for code in side.ccodes for year in range(win.first, win.last + 1)):
            spells = ", ".join(f"{lo.year}–{'' if hi is None else hi.year}" for lo, hi in countries.membership(side.ccode))
            raise BadInput(f"{side.state.label} was not in the state system in {win.label} (COW: {spells}); a brief "
                           "speaks of states, so choose years when it was, or name the state of that time.")
    if start is None:   # a lineage, or the pair's own history, can reach further back than both states' entry
        win = period.window(None, end, sides=[side_a, side_b], last_data_year=win.last)
        earliest = first_pair_evidence(con, side_a.ccodes, side_b.ccodes)
        if earliest is not None and earliest < win.first:
            win = period.Window(max(period.FIRST_YEAR, earliest), win.last, win.asked)
    return Context(side_a, side_b, win, con)


#: The datasets whose first record of a pair can open a default window, with what a reader calls them.
FIRST_EVIDENCE = ((catalog.TSS_RIVALRIES, "styear", "the rivalry data"), (catalog.COW_WARS, "year", "the war data"),
                  (catalog.GML_MIDS, "year", "the dispute data"), (catalog.ATOP, "year", "the alliance data"))


def pair_firsts(con, codes_a, codes_b) -> dict[str, int]:
    """The first year each conflict or alliance dataset of :data:`FIRST_EVIDENCE` records the pair, by the
    dataset's reader-facing label (datasets that never record it are left out)."""
    a, b = list(codes_a), list(codes_b)
    marks = ", ".join("?" * len(a)), ", ".join("?" * len(b))
    out = {}
    for table, column, label in FIRST_EVIDENCE:
        row = one(con,
            f"""SELECT min({column}) FROM {table} WHERE (ccode1 IN ({marks[0]}) AND ccode2 IN ({marks[1]}))
                OR (ccode1 IN ({marks[1]}) AND ccode2 IN ({marks[0]}))""", [*a, *b, *b, *a])
        if row and row[0] is not None:
            out[label] = int(row[0])
    return out


def first_pair_evidence(con, codes_a, codes_b) -> int | None:
    """The first year any conflict or alliance dataset records the pair (rivalries, wars, disputes,
    alliances): a default window opens there when the pair's history predates one side's entry into
    the COW state system (Iran and Russia's rivalry of 1816–1828; Persia joins the system in 1855)."""
    years = pair_firsts(con, codes_a, codes_b).values()
    return min(years) if years else None


def window_reason(ctx: Context) -> str | None:
    """Why a default window starts and ends where it does, in a clause; None when the user gave a first year.

    Both states' shared years (the later entry into the COW state system) unless the pair's own history
    opens the window earlier (:func:`context`): then the clause says so and names the dataset and the state
    that joined the system later, so that the clause and the membership lines above it agree."""
    win = ctx.window
    if win.asked[0] is not None:
        return None
    end = ("to the last year of the data, since no window was asked for" if win.asked[1] is None
           else "since no first year was asked for")
    later = max((ctx.a, ctx.b), key=lambda s: s.first_year)
    if win.first >= later.first_year:
        return f"both states' shared years, {end}"
    firsts = pair_firsts(ctx.con, ctx.a.ccodes, ctx.b.ccodes)
    which = typeset.listing(label for label, year in firsts.items() if year == win.first) or "the data"
    joined = ctx.name(later, later.first_year)
    return (f"from {win.first}, the first year {which} record the pair, though {joined} joined the COW state "
            f"system only in {later.first_year}; {end}")


#: The brief's sections, in the order the brief shows them (and brief.json lists them).
SECTIONS = ("alignment", "history", "treaties", "economy", "arms", "security_council", "news", "third_parties",
            "limits", "trend")
#: The order they are computed in: those with a chart first, so that a caller rendering charts while the rest
#: is read (``on_section``, :class:`entente.brief.chart_svg.Painter`) gets them early. Sections do not read one
#: another; their coverage records are put back in :data:`SECTIONS` order, so the brief is the same.
COMPUTE_ORDER = ("alignment", "history", "economy", "arms", "trend", "third_parties", "treaties",
                 "security_council", "news", "limits")
#: What the command line's second process (:mod:`entente.cli.brief_apart`) reads while this one reads the
#: rest: first every third state's standing with both (:data:`APART_SHARED`, handed over as soon as it is
#: read; the third-parties section is written here from it, after this process's own sections), then the
#: sections of :data:`APART` (the limits: about a third of a brief's work, sharing nothing else with the rest).
APART = ("limits",)
APART_SHARED = "third_party_table"


class Apart(Protocol):
    """A second process reading part of the same brief (same pair and window): ``take()`` waits for its next
    result: first ``{APART_SHARED: table}``, then ``{name: {"section": ..., "records": [...]}}`` for each of
    :data:`APART`; None if it could not give it (then it is computed here)."""

    def take(self) -> dict | None: ...


def assemble(a, b, *, start: int | None = None, end: int | None = None, weights=None, compare=None,
             con=None, on_section: Callable[[dict, str], None] | None = None, apart: Apart | None = None) -> dict:
    """Everything the brief shows for the pair ``a``–``b`` between ``start`` and ``end`` (session-years).

    ``on_section(brief, name)``, when given, is called as soon as each section is in ``brief["sections"]``
    (the brief's title, window and pair are there from the start), in :data:`COMPUTE_ORDER`, except that
    with ``apart`` the third parties and the sections of :data:`APART` come last."""
    ctx = context(a, b, start=start, end=end, con=con)
    other = None
    if compare is not None:
        other = countries.resolve(compare)
        if other.ccode in (*ctx.a.ccodes, *ctx.b.ccodes):
            raise BadInput(f"The state to compare with must be a third state; {other.label} is already in the pair.")
    con, win = ctx.con, ctx.window
    un_years = alignment.un_years(sorted({*ctx.a.ccodes, *ctx.b.ccodes}), con=con)   # the sides' codes only
    notes = [n for n in (period.name_changes(ctx.a, win), period.name_changes(ctx.b, win), ctx.a.note, ctx.b.note) if n]
    brief = {
        "title": period.title(ctx.a, ctx.b, win),
        "generated": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "entente_version": _entente_version(),
        "range": {"start": start, "end": end},
        "window": {"first": win.first, "last": win.last, "asked": list(win.asked), "label": win.label,
                   "reason": window_reason(ctx)},
        "notes": notes,
        "pair": {"a": _membership(ctx.a, win, un_years), "b": _membership(ctx.b, win, un_years)},
        "sections": {},
    }
    def added(name: str, section: dict) -> None:
        _added(brief, name, section, on_section)

    later = {"third_parties", *APART} if apart is not None else set()
    done = compute(ctx, [name for name in COMPUTE_ORDER if name not in later], weights=weights, on_each=added)
    if apart is not None:
        shared = apart.take()
        if shared is not None:
            ctx.shared.update(shared)
        done.update(compute(ctx, ["third_parties"], on_each=added))
        taken = apart.take() if shared is not None else None
        if taken is None:    # the other process failed or was not ready: the same sections, read here
            taken = compute(ctx, APART)
        for name in APART:
            done[name] = taken[name]
            added(name, taken[name]["section"])
    brief["sections"] = {name: done[name]["section"] for name in SECTIONS}
    ctx.records[:] = [r for name in SECTIONS for r in done[name]["records"]]
    brief["provenance"] = records(warehouse.provenance(con))
    if other is not None:
        brief["sections"]["comparison"] = sections.comparison(ctx, other)
    brief["coverage"] = coverage_box(ctx)
    return brief


def apart(a, b, *, start: int | None = None, end: int | None = None, send: Callable[[dict], None],
          con=None) -> None:
    """What the brief's second process reads for ``a``–``b`` over the window :func:`assemble` reads (see
    :data:`APART`), each part handed to ``send`` as soon as it is read."""
    ctx = context(a, b, start=start, end=end, con=con)
    send({APART_SHARED: _third_table(ctx)})
    send(compute(ctx, APART))


def _added(brief: dict, name: str, section: dict, on_section) -> None:
    brief["sections"][name] = section
    if on_section is not None:
        on_section(brief, name)


def _main_states(ctx: Context):
    """The state each side was at the window's end (the one third-party readings are about)."""
    return countries.resolve(ctx.a.main_code(ctx.window)), countries.resolve(ctx.b.main_code(ctx.window))


def _third_rows(ctx: Context) -> dict:
    """The rows naming either side in the window, read once for the table and the era reading: every code
    of a side's lineage over the years it carried the side (West Germany's 1955–1990 for Germany), read as
    the side's main code."""
    sa, sb = _main_states(ctx)
    return ctx.once("third_party_rows", lambda: tp.read(sa.ccode, sb.ccode, start=ctx.window.first,
                                                        end=ctx.window.last, con=ctx.con,
                                                        codes_a=ctx.a.codes, codes_b=ctx.b.codes))


def _third_table(ctx: Context):
    """Every third state's standing with both sides: read once, for two sections."""
    sa, sb = _main_states(ctx)
    window = (ctx.window.first, ctx.window.last)
    return ctx.once(APART_SHARED, lambda: third_states.third_party_table(sa, sb, ctx.con, window, _third_rows(ctx)))


def compute(ctx: Context, names, *, weights=None, on_each=None) -> dict[str, dict]:
    """The sections ``names`` of the brief of ``ctx``, in that order: ``{name: {"section": ...,
    "records": [...]}}``, the records being the coverage each section added to ``ctx.records``.
    ``on_each(name, section)`` is called as each is done."""
    con, win = ctx.con, ctx.window
    window = (win.first, win.last)
    main_a, main_b = _main_states(ctx)
    build = {
        "alignment": lambda: _alignment_section(ctx),
        "history": lambda: history.history(ctx),
        "treaties": lambda: sections.treaties(ctx),
        "economy": lambda: sections.economy(ctx),
        "arms": lambda: sections.arms(ctx),
        "security_council": lambda: _council(ctx, main_a, main_b, window),
        "news": lambda: sections.news(ctx),
        "third_parties": lambda: third_states.third_parties(main_a, main_b, con, table=_third_table(ctx),
                                                            window=window, sides=(ctx.a, ctx.b)),
        "limits": lambda: third_states.limits(main_a, main_b, con, table=_third_table(ctx), window=window,
                                              rows=_third_rows(ctx), sides=(ctx.a, ctx.b)),
        "trend": lambda: sections.trend(ctx, weights=weights),
    }
    done = {}
    for name in names:
        seen = len(ctx.records)
        section = build[name]()
        done[name] = {"section": section, "records": ctx.records[seen:]}
        if on_each is not None:
            on_each(name, section)
    return done


def _council(ctx: Context, sa, sb, window) -> dict:
    """The Security Council section (:mod:`entente.brief.council`), its coverage added to the brief's box."""
    section = council.security_council(sa, sb, ctx.con, window=window)
    for table, label, used_for in ((catalog.UNSC_VETOES, "UN Security Council vetoes", "vetoes"),
                                   (catalog.TIES, "TIES sanctions", "sanctions cases")):
        ctx.coverage(table, used_for, dataset_label=label)
    return section


def coverage_box(ctx: Context) -> list[dict]:
    """One row per dataset the brief used: the years it covers (``last_year``: the vintage of its figures),
    the parts of the window it cannot see, and whether a newer version can be fetched (``newer``:
    :func:`entente.brief.context.newer`), with a sentence saying so.

    ``covers_text`` and ``within_text`` say it as the sections do: a dated list (the veto list) covers
    "16 February 1946 – 8 July 2022 (the day of the last veto in the list)" and misses "9 July 2022 – 2025"
    of the window, not "1946–2022" and "2023–2025"; a list of cases begun in some years and followed later
    (TIES) covers "sanctions cases begun in 1945–2005 and followed to 2013 at the latest" and has "no cases
    begun in 2006–2025" (:mod:`entente.brief.council` words both, for its section and for this table)."""
    seen: dict[str, dict] = {}
    for record in ctx.records:
        key = record.get("table") or record["dataset"]
        if key in seen:
            seen[key]["used_for"] = sorted(set(seen[key]["used_for"]) | {record["used_for"]})
            continue
        row = dict(record, used_for=[record["used_for"]])
        covers = row.get("covers")
        if covers and row["newer"].get("kind") == "online" and ctx.window.last <= covers[1] and not (
                row.get("searched_to") and ctx.window.last == covers[1]):
            # the data already reach past the window: a newer download would add nothing to this brief
            row["newer"] = {"kind": "none", "command": None,
                            "text": f"none needed (the data reach past {ctx.window.last})"}
        row["covers_text"], row["within_text"] = _covers_words(row, ctx.window.last)
        if not covers:
            row["text"] = "coverage unknown"
        elif row["within_text"] == "all":
            row["text"] = f"covers {row['covers_text']}: all of {ctx.window.label}"
        else:
            row["text"] = f"covers {row['covers_text']}; {row['within_text']}"
        if covers:
            row["text"] += f". Newer data: {row['newer']['text']}"
        seen[key] = row
    return list(seen.values())


def _covers_words(row: dict, end: int) -> tuple[str, str]:
    """The coverage table's "Covers" and "Within the window" cells for one record (see :func:`coverage_box`)."""
    covers = row.get("covers")
    if not covers:
        return "–", "unknown"
    before = [g for g in row["outside"] if g[1] < covers[0]]
    later = [g for g in row["outside"] if g[0] > covers[1]]
    gaps = [span(lo, hi) for lo, hi in before]
    if row.get("searched_to"):          # a dated list: the window's days after the list's last one
        first, last, searched = (dt.date.fromisoformat(row[k]) for k in ("first_date", "last_event", "searched_to"))
        covered = council.dated_list(first, last, searched, row.get("event") or "entry")
        tail = council.after(searched, end)
        gaps += [tail] if tail else []
    elif row.get("followed_to") is not None:
        covered = council.begun_followed(*covers, row["followed_to"])
        gaps += [span(lo, hi) for lo, hi in later]
        return covered, ("all" if not gaps else "no cases begun in " + " or ".join(gaps))
    else:
        covered = span(*covers)
        gaps += [span(lo, hi) for lo, hi in later]
    return covered, ("all" if not gaps else "nothing for " + ", ".join(gaps))


def _entente_version() -> str:
    from importlib.metadata import version

    return version("entente")


def _alignment_section(ctx: Context) -> dict:
    con, win = ctx.con, ctx.window
    section = {"title": "Diplomatic alignment (UN General Assembly votes)", "evidence": [], "coverage": []}
    rec = ctx.coverage(catalog.UNGA_ALIGNMENT, "UN General Assembly votes", dataset_label="UNGA votes")
    section["coverage"] = [rec]
    if win.clip(rec["covers"]) is None:
        section["no_evidence"] = (f"UN General Assembly votes begin in {rec['covers'][0]}, after this window "
                                  f"({win.label}).")
        return section
    un_first = rec["covers"][0]
    try:
        series = ctx.per_segment(lambda ca, cb, lo, hi: alignment.alignment(
            ca, cb, start=max(lo, un_first), end=hi, con=con) if hi >= un_first else pd.DataFrame(),
            prefer="n_votes")
    except NoEvidence:
        series = pd.DataFrame()
    if series.empty:
        section["no_evidence"] = _no_common_votes(ctx, un_first)
        return section
    lo, hi = int(series.year.min()), int(series.year.max())
    avg = {}
    for key, side in (("a", ctx.a), ("b", ctx.b)):
        frames = [alignment.state_average(code, start=max(first, lo), end=min(last, hi), con=con)  # lo ≥ 1946
                  for code, first, last in side.codes if max(first, lo) <= min(last, hi)]
        avg[key] = pd.concat(frames).sort_values("partners").drop_duplicates("year", keep="last") \
            if frames else pd.DataFrame(columns=["year", "agree", "kappa"])
    ranks = ctx.per_segment(lambda ca, cb, first, last: alignment.ranks(ca, cb, start=max(first, lo), end=last, con=con)
                            if last >= lo else pd.DataFrame())
    trend = series[["year", "n_votes", *MEASURES]].merge(
        avg["a"][["year", "agree", "kappa"]].rename(columns={"agree": "a_avg_agree", "kappa": "a_avg_kappa"}),
        on="year", how="left").merge(
        avg["b"][["year", "agree", "kappa"]].rename(columns={"agree": "b_avg_agree", "kappa": "b_avg_kappa"}),
        on="year", how="left")
    trend = trend.merge(ranks, on="year", how="left") if len(ranks) else trend
    section["series"] = records(trend)
    recent = trend[trend.year > hi - RECENT_YEARS]
    section["recent_ranks"] = records(recent[[c for c in ("year", "n_votes", "agree", "rank_b_among_a", "partners_a",
                                                          "rank_a_among_b", "partners_b") if c in recent]])
    section["summary"] = _summary(trend, hi)
    ca, cb = ctx.a.code_in(hi), ctx.b.code_in(hi)
    by_kappa = alignment.ranks(ca, cb, start=hi, end=hi, measure="kappa", con=con)
    if len(by_kappa):
        section["summary"]["last_kappa_ranks"] = records(by_kappa)[0]
    section["summary"]["last_note"] = _one_sided_note(con, ca, cb, hi, trend)
    section["by_issue"] = _by_issue(ca, cb, max(lo, hi - 9), hi, con)
    split_from = max(lo, hi - SPLIT_YEARS + 1)
    splits = alignment.splits(ca, cb, start=split_from, end=hi, con=con)
    n_common = int(trend[trend.year >= split_from].n_votes.sum())
    section["splits"] = {"from": split_from, "to": hi, "common_votes": n_common,
                         "opposed": int((splits.kind == "opposed").sum()),
                         "abstain": int((splits.kind == "abstain").sum()),
                         "votes": records(splits.drop(columns=["rcid"]))}
    section["notes"] = _seat_notes(ctx, lo, hi)
    codes = sorted({*ctx.a.ccodes, *ctx.b.ccodes})
    section["evidence"] = (_evidence(con, codes, lo, hi, "pair series, ranks, splits")
                           + _evidence(con, None, lo, hi, "each side's average with all states, ranks"))
    return section


def _no_common_votes(ctx: Context, un_first: int) -> str:
    """Why a pair has no UN General Assembly roll call in common in the window, in the period's names."""
    win = ctx.window
    seen = (max(win.first, un_first), win.last)
    a, b = ctx.names(seen[1])
    parts = []
    for side, name in ((ctx.a, a), (ctx.b, b)):
        codes = list(side.ccodes)
        first, last = one(ctx.con,
            f"""SELECT min(r.year), max(r.year) FROM {catalog.UNGA_VOTES} v JOIN {catalog.UNGA_ROLLCALLS} r
                USING (rcid) WHERE v.ccode IN ({', '.join('?' * len(codes))}) AND r.year BETWEEN ? AND ?""",
            [*codes, *seen])
        held = seat_held_by_another(side, *seen)
        held = f": {held}" if held else ""
        if first is None:
            parts.append(f"{name} cast no vote in {span(*seen)}{held}")
        elif (first, last) != seen:
            parts.append(f"{name} voted only in {span(first, last)}{held}")
    reason = f" ({'; '.join(parts)})" if parts else ""
    return period.capital(f"{a} and {b} cast no vote on the same UN General Assembly roll call in "
                          f"{span(*seen)}{reason}.")


#: Session-years in which a seat changed hands mid-session: (ccode, session-year, note).
SEAT_CHANGES = (
    (365, 1991, "Session-year 1991 (the 46th session, September 1991 – September 1992) holds votes cast by the "
                "Soviet Union to December 1991 and by Russia, which took over its seat, afterwards."),
    (710, 1971, "Session-year 1971 (the 26th session): China's seat passed from the Republic of China (Taiwan) to "
                "the People's Republic on 25 October 1971 (Resolution 2758)."),
    (713, 1971, "Session-year 1971 (the 26th session): China's seat passed from the Republic of China (Taiwan) to "
                "the People's Republic on 25 October 1971 (Resolution 2758)."),
    (255, 1990, "Session-year 1990 (the 45th session) opened on 18 September 1990; Germany was united on 3 October "
                "1990, and united Germany's votes follow West Germany's."),
    (679, 1990, "Yemen was united on 22 May 1990; from session-year 1990 the Republic of Yemen votes in the two "
                "Yemens' place."),
)


def _seat_notes(ctx: Context, lo: int, hi: int) -> list[str]:
    codes = {*ctx.a.ccodes, *ctx.b.ccodes}
    return list(dict.fromkeys(note for code, year, note in SEAT_CHANGES if code in codes and lo <= year <= hi))


def _one_sided_note(con, ca: int, cb: int, year: int, trend: pd.DataFrame) -> str | None:
    """Why κ is near 0 beside high agreement: one side voted the same way on nearly every roll call, so
    chance alone predicts its agreement (Häge 2011)."""
    row = trend[trend.year == year]
    if row.empty or row.iloc[0]["kappa"] is None or pd.isna(row.iloc[0]["kappa"]):
        return None
    r = row.iloc[0]
    if not (abs(float(r["kappa"])) < 0.1 and float(r["agree"]) >= 0.8):
        return None
    votes = con.execute(
        f"""SELECT v.ccode, v.vote FROM {catalog.UNGA_VOTES} v JOIN {catalog.UNGA_ROLLCALLS} r USING (rcid)
            WHERE r.year = ? AND v.ccode IN (?, ?)""", [year, ca, cb]).df()
    shares = votes.groupby("ccode")["vote"].agg(lambda v: v.value_counts(normalize=True).max())
    one_sided = [(int(c), float(s)) for c, s in shares.items() if s >= 0.95]
    if not one_sided:
        return None
    code, share = max(one_sided, key=lambda t: t[1])
    return (f"Cohen's κ is near 0 although they agreed on {typeset.pct(r['agree'])} of roll calls because "
            f"{countries.name(code, year, article=True)} cast the same vote on {typeset.pct(share)} of them: "
            "agreement that high is what chance alone predicts.")


def _summary(trend: pd.DataFrame, last_year: int) -> dict:
    last = trend[trend.year == last_year].iloc[0]
    post = trend[trend.year >= 1992]
    out = {
        "last_year": last_year, "last": records(last.to_frame().T)[0],
        "first_year": int(trend.year.min()), "years": int(len(trend)),
    }
    if len(trend) > 1:   # the whole window, each session-year once
        out["window"] = {
            "from": int(trend.year.min()), "to": int(trend.year.max()), "years": int(len(trend)),
            "agree": _clean(trend.agree.mean()), "kappa": _clean(trend.kappa.mean()),
            "a_avg_agree": _clean(trend.a_avg_agree.mean()), "b_avg_agree": _clean(trend.b_avg_agree.mean()),
        }
    if len(post):
        out["since_1992"] = {
            "years": int(len(post)), "agree": _clean(post.agree.mean()), "kappa": _clean(post.kappa.mean()),
            "a_avg_agree": _clean(post.a_avg_agree.mean()), "b_avg_agree": _clean(post.b_avg_agree.mean()),
        }
    kept = trend[trend.n_votes >= 10]
    kappa = pd.Series(kept.kappa.to_numpy(dtype=float), index=kept.year.astype(int))
    direction = _trend.decade_direction(kappa)
    if direction["start"] is not None and direction["n"] >= 3:
        decade = trend[trend.year.between(direction["start"], direction["end"])]
        out["last_decade"] = {"from": int(direction["start"]), "to": int(direction["end"]),
                              "direction": direction["direction"], "kappa_slope_per_year": _clean(direction["slope"]),
                              "agree_first": _clean(decade.agree.iloc[0]), "agree_last": _clean(decade.agree.iloc[-1]),
                              "kappa_first": _clean(decade.kappa.iloc[0]), "kappa_last": _clean(decade.kappa.iloc[-1])}
    return out


def _by_issue(ca: int, cb: int, start: int, end: int, con) -> dict:
    """The pair's agreement per UNGA issue over ``start``–``end``: one read of their votes and one
    similarity pass by issue and year (the same per-year figures as ``alignment(..., issue=code)``)."""
    pair_votes = alignment.votes(sorted((ca, cb)), start=start, end=end, issues=True, con=con)
    sims = dyad_similarity(pair_votes, ["issue", "year"])
    rows = []
    for code, label in alignment.ISSUES.items():
        frame = sims[sims["issue"] == code].sort_values("year")
        if frame.empty:   # no roll call on the issue both voted on
            continue
        rows.append({"issue": code, "label": label, "n_votes": int(frame.n_votes.sum()),
                     "agree": _clean((frame.agree * frame.agree_n).sum() / frame.agree_n.sum()),
                     "years": int(len(frame))})
    return {"from": start, "to": end, "label": span(start, end), "rows": sorted(rows, key=lambda r: -(r["agree"] or 0))}
