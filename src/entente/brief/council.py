"""The brief's Security Council section: vetoes on the pair's matters by anyone, each side's vetoes, and
sanctions (TIES; the GSDB when loaded), within a window of years, with the data's coverage in words.

:func:`security_council` replaces ``sections.security_council``; it keeps that dict's keys (title,
vetoes, sanctions_between, sanctions_by_adversaries, coverage, summary, evidence) and adds window,
``vetoes["on_pair"]``, ``vetoes["by_vetoer"]`` and ``sanctions_gsdb_between`` when the GSDB is loaded.

Which vetoes concern the pair: :func:`entente.measures.vetoes.vetoes_on_pair` (a draft naming both,
or naming one and vetoed by the other; names read as they were meant that year). Who vetoed is named
as the state was called that year (:func:`entente.countries.name`): a veto of 1971 is the Soviet
Union's, one of 2014 Russia's. Sentences come from the small functions below, each tested as a reader
would read it (``tests/test_council.py``).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from entente import catalog, countries
from entente.pair import evidence as pair
from entente.pair import council as vs
from entente.brief.jsonable import records
from entente.brief.typeset import listing, plural, the
from entente.measures import vetoes as _v
from entente.period import span

__all__ = ["after", "begun_followed", "count", "coverage_gap", "dated_list", "security_council", "state_name", "the", "ties_head", "veto_list_head",
           "veto_years", "years"]

TITLE = "Security Council vetoes and sanctions"
#: Nouns whose plural is not noun + "s".
PLURALS = {"veto": "vetoes", "sanctions case": "sanctions cases", "case": "cases", "draft": "drafts"}
#: Names read with "the" ("the Soviet Union", "the United States of America").
VETO_KEEP = ["year", "date", "draft", "crisis_topic", "agenda_item", "vetoed_by", "topic_note"]


# ------------------------------------------------------------------------------------------- words
def count(n: int, noun: str) -> str:
    """``count(1, "veto")`` → "1 veto"; ``count(2, "veto")`` → "2 vetoes"; 0 → "no vetoes"."""
    return f"no {PLURALS.get(noun, noun + 's')}" if n == 0 else plural(n, noun, PLURALS.get(noun))


def years(values) -> str:
    """Years as a reader lists them: [1971] → "1971"; [1957, 1962, 1971, 1971] → "1957, 1962 and 1971";
    a run of three or more consecutive years is a range ("1981–1983")."""
    runs: list[list[int]] = []
    for y in sorted({int(y) for y in values}):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    parts = [p for r in runs for p in ([f"{r[0]}–{r[-1]}"] if len(r) > 2 else map(str, r))]
    return listing(parts)


def state_name(ccode: int, start: int, end: int) -> str:
    """The state's name over ``start``–``end``: "Russia", "Soviet Union", or, when the name changed inside
    the years, its present name with the others: "Russia (the Soviet Union until 1991)", "Egypt (the
    United Arab Republic in 1958–1961)" — never a passing name as the main one."""
    periods: list[list] = []  # [name, first year, last year]
    for year in range(start, end + 1):
        name = countries.name(ccode, year)
        if periods and periods[-1][0] == name:
            periods[-1][2] = year
        else:
            periods.append([name, year, year])
    if len({p[0] for p in periods}) == 1:
        return periods[0][0]
    last = countries.name(ccode, dt.date.today().year)      # the name it has now (or had last)
    earlier = [p for p in periods if p[0] != last]
    return f"{last} (" + ", ".join(f"{the(n)} until {y2}" if y1 == start else f"{the(n)} in {span(y1, y2)}"
                                   for n, y1, y2 in earlier) + ")"


def after(last: dt.date, end: int) -> str | None:
    """The stretch of a window that ends with year ``end`` left after a list's last day ``last`` (None when
    there is none): 8 July 2022, 2025 → "9 July 2022 – 2025"; 8 July 2022, 2022 → "9 July – 31 December
    2022"; 31 December 2022, 2025 → "2023–2025"; 30 November 2025, 2025 → "December 2025"."""
    nxt = last + dt.timedelta(days=1)
    if nxt.year > end:
        return None
    if (nxt.month, nxt.day) == (1, 1):
        return span(nxt.year, end)
    if nxt.day == 1:
        if end > nxt.year:
            return f"{nxt:%B %Y} – {end}"
        return f"{nxt:%B %Y}" if nxt.month == 12 else f"{nxt:%B}–December {nxt.year}"
    return f"{nxt:%-d %B %Y} – {end}" if end > nxt.year else f"{nxt:%-d %B} – 31 December {nxt.year}"


def coverage_gap(head: str, noun: str, last: dt.date | int, start: int | None, end: int | None, *,
                 missing: str | None = None) -> str:
    """A sentence on where a dataset ends and which of the window's years it leaves out.

    ``head`` starts the sentence ("The veto list ends with the veto of 8 July 2022"), ``noun`` names what
    is missing ("vetoes": "later vetoes"; ``missing`` replaces that phrase, "cases begun later"),
    ``last`` is the data's last day (a veto list: the gap starts the day after, :func:`after`) or year
    (case data), ``end`` the window's last year (None: no gap is stated). "...; later vetoes (9 July
    2022 – 2025) are not in these data." A window wholly after the data: "...; it says nothing about
    2023–2025."
    """
    last_year = last.year if isinstance(last, dt.date) else int(last)
    if end is None:
        return head + "."
    gap = after(last, end) if isinstance(last, dt.date) else (span(last_year + 1, end) if end > last_year else None)
    if gap is None:
        return head + "."
    if start is not None and start > last_year:
        return f"{head}; it says nothing about {span(start, end)}."
    return f"{head}; {missing or 'later ' + noun} ({gap}) are not in these data."


def veto_list_head(last_veto: dt.date, searched: dt.date) -> str:
    """How the veto list's end is said, the same in the section and the coverage table: "The veto list ends
    with the veto of 8 July 2022", or for a list fetched later than its last veto "The veto list was
    searched to 6 December 2026, the day it was fetched (its last veto: 30 September 2026)"."""
    if searched > last_veto:
        return (f"The veto list was searched to {searched:%-d %B %Y}, the day it was fetched (its last veto: "
                f"{last_veto:%-d %B %Y})")
    return f"The veto list ends with the veto of {last_veto:%-d %B %Y}"


def begun_followed(first: int, last: int, followed: int | None) -> str:
    """What a list of cases covers, the same in the section and the coverage table: "sanctions cases begun
    in 1945–2005 and followed to 2013 at the latest" (TIES follows a case to its end, or to the last year it
    saw it open)."""
    tail = f" and followed to {followed} at the latest" if followed is not None and followed > last else ""
    return f"sanctions cases begun in {span(first, last)}{tail}"


def ties_head(first: int, last: int, followed: int | None) -> str:
    """"TIES lists sanctions cases begun in 1945–2005 and followed to 2013 at the latest"."""
    return f"TIES lists {begun_followed(first, last, followed)}"


def dated_list(first: dt.date, last_event: dt.date, searched: dt.date, event: str) -> str:
    """What a dated list covers, for the coverage table: "16 February 1946 – 8 July 2022 (the day of the last
    veto in the list)", or to the day a fetched list was searched to."""
    if searched > last_event:
        return (f"{first:%-d %B %Y} – {searched:%-d %B %Y} (the day the list was fetched; its last {event}: "
                f"{last_event:%-d %B %Y})")
    return f"{first:%-d %B %Y} – {last_event:%-d %B %Y} (the day of the last {event} in the list)"


# ---------------------------------------------------------------------------------------- sentences
def _by_vetoer(on_pair: pd.DataFrame) -> pd.DataFrame:
    """Per vetoing state (named as it was that year): vetoer, vetoes, first_year, last_year, years."""
    cast = [(name, int(y)) for names, y in zip(on_pair["vetoed_by_name"], on_pair["year"])
            for name in names.split(", ")]
    frame = pd.DataFrame(cast, columns=["vetoer", "year"])
    if frame.empty:
        return pd.DataFrame(columns=["vetoer", "vetoes", "first_year", "last_year", "years"])
    out = frame.groupby("vetoer", sort=False).agg(vetoes=("year", "size"), first_year=("year", "min"),
                                                  last_year=("year", "max"), years=("year", years))
    return out.reset_index().sort_values(["vetoes", "first_year"], ascending=[False, True], kind="stable")


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def on_pair_sentence(a: str, b: str, on_pair: pd.DataFrame, when: str) -> str:
    """"In 1946–2022, 5 drafts on matters concerning India and Pakistan were vetoed in the Security
    Council, all by the Soviet Union (1957, 1962 and 1971)." — or that no vetoed draft names both."""
    n = len(on_pair)
    if n == 0:
        # Matched on the agenda item and topic: a draft filed under a wider question ("the Palestine
        # question", as the Suez drafts of October 1956 were) names neither state, so say what was searched.
        return f"{when}, no vetoed Security Council draft names both {the(a)} and {the(b)} in its agenda item or topic."
    by = _by_vetoer(on_pair)
    head = (f"{when}, {count(n, 'draft')} on matters concerning {the(a)} and {the(b)} "
            f"{'was' if n == 1 else 'were'} vetoed in the Security Council")
    if len(by) == 1:
        r = by.iloc[0]
        return f"{head} by {the(r.vetoer)} ({r.years})." if n == 1 else f"{head}, all by {the(r.vetoer)} ({r.years})."
    shared = " (a draft may carry more than one veto)" if by.vetoes.sum() > n else ""
    return head + ": " + listing([f"{count(int(r.vetoes), 'veto')} by {the(r.vetoer)} ({r.years})"
                               for r in by.itertuples()]) + shared + "."


def cast_sentence(sides: list[tuple[str, int, pd.DataFrame]], joint: int) -> str:
    """Each side's own vetoes, named by period: "The Soviet Union cast 90 vetoes (1946–1984) and, as
    Russia, 31 (1993–2022); China cast 17 vetoes (1972–2022); 14 drafts were vetoed by both." The
    joint drafts only when there are any; a side without vetoes is left out, or both are named when
    neither cast one."""
    parts = []
    for _name, ccode, frame in sides:
        if frame.empty:
            continue
        names = [countries.name(ccode, int(y)) for y in frame["year"]]
        groups = pd.DataFrame({"name": names, "year": frame["year"].astype(int)}).groupby("name", sort=False)
        (first, k, when), *rest = [(n, len(g), span(int(g.year.min()), int(g.year.max()))) for n, g in groups]
        parts.append(f"{the(first)} cast {count(k, 'veto')} ({when})"
                     + "".join(f" and, as {the(n)}, {k2} ({w2})" for n, k2, w2 in rest))
    if not parts:
        (x, cx, _), (y, cy, _) = sides
        seats = {*_v.SEATS.values(), 713}  # 713: the Republic of China held China's seat to 1971
        why = " (only the permanent members can)" if cx not in seats and cy not in seats else " in these years"
        return f"Neither {the(x)} nor {the(y)} cast a veto{why}."
    out = _cap("; ".join(parts))
    if joint:
        out += f"; {count(joint, 'draft')} {'was' if joint == 1 else 'were'} vetoed by both"
    return out + "."


def sanctions_sentence(pair_names: tuple[str, str] | None, ccodes: tuple[int, int], between: pd.DataFrame,
                       by_rivals: pd.DataFrame, when: str, first: int | None = None) -> str:
    """"In 1945–2005, TIES lists 5 sanctions cases between them (3 by India against Pakistan, 2 by
    Pakistan against India), and 3 cases against either by the other's rivals."

    ``pair_names``: the pair's names for "between A and B", or None for "between them" (the pair is
    already named). Each direction names the states as they were called in the years its cases began
    ("5 by the Soviet Union against Yugoslavia"). Zero rival cases are left out. With ``first`` (the window's
    first year), a case begun before it is named as the states were from ``first`` on, and counted as begun
    earlier: Egypt's boycott case of 1959 in a brief from 1979 is Egypt's, not the United Arab Republic's.
    """
    ca, cb = ccodes
    whom = "them" if pair_names is None else f"{the(pair_names[0])} and {the(pair_names[1])}"
    if between.empty:
        text = f"{when}, TIES lists no sanctions case between {whom}"
    else:
        dirs = []
        for d, x, y in (("a_to_b", ca, cb), ("b_to_a", cb, ca)):
            cases = between[between.direction == d]
            if len(cases):
                lo, hi = int(cases.start.min()), int(cases.start.max())
                early = int((cases.start < first).sum()) if first is not None else 0
                if early:
                    lo, hi = max(lo, first), max(hi, first)
                before = "" if not early else (f", begun before {first}" if early == len(cases) else
                                               f", {early} of them begun before {first}")
                dirs.append(f"{len(cases)} by {the(state_name(x, lo, hi))} against {the(state_name(y, lo, hi))}"
                            f"{_joint(cases)}{before}")
        # a name that carries its own brackets ("Vietnam (North Vietnam until 1975)") is not put inside another pair
        inner = any("(" in d for d in dirs)
        text = (f"{when}, TIES lists {count(len(between), 'sanctions case')} between {whom}"
                + (": " + "; ".join(dirs) + (";" if len(by_rivals) else "") if inner else
                   " (" + ("; " if any("," in d for d in dirs) else ", ").join(dirs) + ")"))
    if len(by_rivals):
        text += f"{'' if text.endswith(';') else ','} and {count(len(by_rivals), 'case')} against either by the other's rivals"
    return text + "."


def _joint(cases: pd.DataFrame) -> str:
    """", as one of several senders" when TIES lists other senders with the side (Japan among the five senders
    of the 1950 embargo on China the United States led): "1 by Japan against China" alone reads as Japan's
    own case. "" when every case had the one sender."""
    if "senders" not in cases:
        return ""
    joint = sum(len([c for c in str(x).split(",") if c.strip()]) > 1 for x in cases["senders"].fillna(""))
    if not joint:
        return ""
    if joint < len(cases):
        return f", {joint} of them as one of several senders"
    return ", as one of several senders" if joint == 1 else ", each as one of several senders"


# ---------------------------------------------------------------------------------------- section
def _evidence(con, table: str, rows: int, used_for: str, window, span_cols=("year", "year")) -> dict:
    out = pair.evidence(con, table, rows, used_for, span=span_cols)
    out["coverage"] = [str(c) if isinstance(c, dt.date) else c for c in out["coverage"]]  # dates as ISO text
    out["window"] = list(window)
    return out


def _member_name(member: str, date) -> str:
    """"USSR" on 1971-12-05 → "Soviet Union": the seat's state by its name that year."""
    return countries.name(_v.seat(member, date), pd.Timestamp(date).year)


def _vetoes_out(frame: pd.DataFrame) -> pd.DataFrame:
    """Records for the template: ``vetoed_by`` as the states were called that year."""
    out = frame.copy()
    out["vetoed_by"] = [", ".join(_member_name(m, d) for m in str(v).split(", ")) for v, d in
                        zip(frame["vetoed_by"], frame["date"])]
    return out[[c for c in VETO_KEEP if c in out.columns]]


def _naming(frame: pd.DataFrame) -> pd.DataFrame:
    """Vetoes bearing on the other that name it (not joint-only or cause-only)."""
    return frame[frame["b_in_topic"].fillna(False) | frame["b_in_agenda"].fillna(False)]


def veto_years(covered: tuple[int, int], first: dt.date, last: dt.date) -> str:
    """"In 1965–2021", or, when the years reach the list's last year and it ends before December 31, to its
    last day: "From 1947 to 8 July 2022", "From February 1946 to 8 July 2022" (the list's first month when
    the years start with it)."""
    lo, hi = covered
    if hi < last.year or (last.month, last.day) == (12, 31):
        return f"In {span(lo, hi)}"
    begin = f"{first:%B %Y}" if lo == first.year and (first.month, first.day) != (1, 1) else str(lo)
    return f"From {begin} to {last:%-d %B %Y}"


def _years_in(start: int | None, end: int, first: int, last: int) -> tuple[int, int] | None:
    """The window's years a dataset covers (``start`` None: from the data's first), or None."""
    lo, hi = max(first if start is None else start, first), min(end, last)
    return (lo, hi) if lo <= hi else None


def security_council(sa, sb, con, window=None) -> dict:
    """Vetoes on the pair's matters by anyone, each side's own vetoes and sanctions, within ``window``.

    ``sa``, ``sb``: :class:`entente.countries.State`; ``window``: ``(start, end)`` inclusive years,
    either None for open (an open end is this year, so the text says which years the data miss).
    Keys: title, window ({start, end} as given), vetoes (by_a, by_b: counts; joint, a_on_b, b_on_a,
    on_pair: records, ``vetoed_by`` named as the states were that year; by_vetoer: per vetoing state),
    sanctions_between, sanctions_by_adversaries (TIES records), sanctions_gsdb_between (when the GSDB
    is loaded), coverage (per dataset: dataset, table, present, first_year, last_year, note, gap; the
    veto list also first_date, last_date; TIES also followed_to, the last year a case was followed),
    summary, evidence (dataset, version, table, rows, coverage, used_for, window), and no_evidence (the summary) when the window lies outside both datasets.
    """
    start, end = (None, None) if window is None else window
    start, end = (None if start is None else int(start)), (None if end is None else int(end))
    hi = dt.date.today().year if end is None else end
    win = (start, end)
    # A list downloaded by `entente data update unsc_vetoes` was searched to the day it was fetched, not only
    # to its last veto: "no veto since" is then true to that day (a file the user supplied has no such date).
    first_date, last_veto, last_date = catalog.event_dates(con, catalog.UNSC_VETOES)
    lo = first_date.year if start is None else start
    # as named in the years the veto list speaks for within the window (a window from 1816 reaches back
    # before the UN; the names of 1816–1945 say nothing about a veto)
    n_lo, n_hi = max(lo, first_date.year), max(min(hi, last_date.year), max(lo, first_date.year))
    a, b = state_name(sa.ccode, n_lo, n_hi), state_name(sb.ccode, n_lo, n_hi)
    a_now, b_now = countries.name(sa.ccode, hi), countries.name(sb.ccode, hi)
    v = vs.vetoes(sa.ccode, sb.ccode, window=win, con=con)
    s = vs.sanctions(sa.ccode, sb.ccode, window=win, con=con)

    on_pair = v["on_pair"]
    out = {"title": TITLE, "window": {"start": start, "end": end}}
    out["vetoes"] = {
        "by_a": len(v["by_a"]), "by_b": len(v["by_b"]), "joint": records(_vetoes_out(v["joint"])),
        "a_on_b": records(_vetoes_out(_naming(v["a_on_b"]))), "b_on_a": records(_vetoes_out(_naming(v["b_on_a"]))),
        "on_pair": records(on_pair.drop(columns=["vetoed_by"]).rename(columns={"vetoed_by_name": "vetoed_by"})),
        "by_vetoer": records(_by_vetoer(on_pair)),
    }
    out["sanctions_between"] = records(s["ties_between"])
    out["sanctions_by_adversaries"] = records(s["ties_by_adversaries"])
    if "gsdb_between" in s:
        out["sanctions_gsdb_between"] = records(s["gsdb_between"])

    veto_gap = coverage_gap(veto_list_head(last_veto, last_date), "vetoes", last_date, start, hi)
    ties = s["coverage"].set_index("dataset").loc["ties"]
    ties_first, ties_last = int(ties.first_year), int(ties.last_year)
    ties_followed = catalog.followed_to(con, catalog.TIES)
    # the years TIES follows its cases matter to a window that runs past its last year of cases begun; a window
    # within them is told only which cases the list holds (a brief of 1946–1991 names no year after it needs)
    ties_gap = coverage_gap(ties_head(ties_first, ties_last, ties_followed if hi > ties_last else None), "cases",
                            ties_last, start, hi, missing="cases begun later")
    out["coverage"] = [{"dataset": "unsc_vetoes", "table": "unsc_vetoes", "present": True,
                        "first_year": first_date.year, "last_year": last_date.year, "first_date": str(first_date),
                        "last_date": str(last_date), "note": f"vetoed drafts {first_date:%-d %B %Y} – "
                        f"{last_veto:%-d %B %Y}" + (f", list fetched {last_date:%-d %B %Y}" if last_date > last_veto
                                                    else ""), "gap": veto_gap}]
    for row in records(s["coverage"]):
        row.update({k: int(row[k]) for k in ("first_year", "last_year") if row[k] is not None})
        if row["dataset"] == "ties":      # its coverage in the words of the section and the coverage table
            row["followed_to"] = ties_followed
            row["note"] = begun_followed(ties_first, ties_last, ties_followed)
        out["coverage"].append({**row, "gap": ties_gap if row["dataset"] == "ties" else None})

    parts, pair_named = [], False
    if (covered := _years_in(start, hi, first_date.year, last_date.year)) is not None:
        sides = [(a_now, sa.ccode, v["by_a"]), (b_now, sb.ccode, v["by_b"])]
        parts += [on_pair_sentence(a, b, on_pair, veto_years(covered, first_date, last_date)),
                  cast_sentence(sides, len(v["joint"]))]
        pair_named = True
    elif hi < first_date.year:
        veto_gap = f"The veto list starts in {first_date:%B %Y}; it says nothing about {span(lo, hi)}."
    parts.append(veto_gap)
    if (covered := _years_in(start, hi, ties_first, ties_last)) is not None:
        parts.append(sanctions_sentence(None if pair_named else (a_now, b_now), (sa.ccode, sb.ccode),
                                        s["ties_between"], s["ties_by_adversaries"], f"In {span(*covered)}",
                                        first=start))
    elif hi < ties_first:
        ties_gap = f"TIES starts in {ties_first}; it says nothing about {span(lo, hi)}."
    parts.append(ties_gap)
    out["summary"] = " ".join(parts)
    if not pair_named and covered is None:  # the window lies outside both datasets
        out["no_evidence"] = out["summary"]

    n_cast = len(v["by_a"]) + len(v["by_b"]) - len(v["joint"])  # joint drafts once
    out["evidence"] = [
        _evidence(con, "unsc_vetoes", len(on_pair), "vetoes on drafts concerning the pair", win, ("date", "date")),
        _evidence(con, "unsc_vetoes", n_cast, "vetoes cast by either side", win, ("date", "date")),
        _evidence(con, "ties_cases", len(s["ties_between"]) + len(s["ties_by_adversaries"]), "sanctions cases",
                  win, ("startyear", "startyear")),
    ]
    if "gsdb_between" in s:
        out["evidence"].append(_evidence(con, "gsdb_cases", len(s["gsdb_between"]), "GSDB cases between the pair",
                                         win, ("begin", "end")))
    return out
