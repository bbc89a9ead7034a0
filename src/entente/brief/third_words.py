"""The words of the third-party and limits sections (:mod:`entente.brief.third_states`): small functions that
turn a third state's row of :func:`entente.measures.third_parties.classify` into text (:func:`why`,
:func:`kinds`, :func:`leaning`; each clause with its years, :func:`when`), a state's names over the years of a
sentence (:func:`name_across`) and the coverage clauses (:func:`coverage_note`, :func:`hostile_data_end`).
Numbers, counts and lists are written by :mod:`entente.brief.typeset`, as in every section. Each is tested
by reading its output (``tests/test_third_states.py``, ``tests/test_brief_expert.py``).
"""

from __future__ import annotations

import math

import pandas as pd

from entente import countries
from entente.brief.typeset import listing, ordinal, plural, possessive, the
from entente.errors import UnknownCountry
from entente.measures.treaties import spells
from entente.period import span

RIVALRY_NAMES = {"td": "Thompson–Dreyer", "tss": "Thompson–Sakuwa–Suhas"}


# ------------------------------------------------------------------------------------------ words
def name(ccode, year: int | None) -> str:
    """The state's name in ``year`` (:func:`entente.countries.name`); an unknown code as it is."""
    try:
        return countries.name(int(ccode), None if year is None else int(year))
    except (UnknownCountry, ValueError, TypeError):
        return str(ccode)


def name_across(ccode, first: int, last: int, head_year: int | None = None) -> str:
    """A state's name across the years ``first``–``last`` of a sentence, its other names of those years in
    brackets: its name in ``head_year`` (the window's last year, the name the brief calls it by) leads when it
    bore that name within the span, else the span's last name: Egypt over 1948–1959 in a window to 1979 is
    "Egypt (the United Arab Republic from 1958)", over 1950–1979 "Egypt (the United Arab Republic in
    1958–1961)"; Yugoslavia over 1940–1949 in a window to 2025 is "Yugoslavia", never "Serbia". A name the
    span opens with runs "until" its last year, one it closes with "from" its first (:func:`name`)."""
    try:
        code = int(ccode)
        runs = _name_runs(code, int(first), int(last))
        head = countries.name(code, head_year) if head_year is not None else runs[-1][0]
    except (UnknownCountry, ValueError, TypeError):
        return str(ccode)
    if head not in [r[0] for r in runs]:
        head = runs[-1][0]
    if len(runs) < 2:
        return head
    parts = []
    for text, lo, hi in runs:
        if text == head:
            continue
        said = the(text)
        if lo == int(first) and hi == int(last):
            parts.append(said)
        elif lo == int(first):
            parts.append(f"{said} until {hi}")
        elif hi == int(last):
            parts.append(f"{said} from {lo}")
        else:
            parts.append(f"{said} in {span(lo, hi)}")
    return f"{head} ({', '.join(parts)})" if parts else head


def _name_runs(code: int, first: int, last: int) -> list[list]:
    """[name, first year, last year] for each run of one name over ``first``–``last``, as :func:`name` gives it
    year by year. The name changes only where a period name (:data:`entente.countries.PERIOD_NAMES`) starts or
    ends, or where the state's membership begins or ends (:func:`name` uses the nearest year it existed), so
    it is asked only there: a few calls for two centuries, not one per year (a long brief names a dozen
    states over such spans)."""
    spells = countries.membership(code)
    cuts = {y for f, l, _ in countries.PERIOD_NAMES.get(code, ()) for y in (f, l + 1)}
    if spells:
        cuts |= {min(s.year for s, _ in spells), max((e.year + 1 for _, e in spells if e), default=last + 1)}
    starts = [first, *sorted(y for y in cuts if first < y <= last)]
    runs: list[list] = []
    for lo, nxt in zip(starts, [*starts[1:], last + 1]):
        text = countries.name(code, lo)
        if runs and runs[-1][0] == text:
            runs[-1][2] = nxt - 1
        else:
            runs.append([text, lo, nxt - 1])
    return runs


def topic_words(topic: str) -> str:
    """A topic inside a sentence: ``nuclear weapons and nuclear material``, ``the Palestinian conflict``."""
    first = topic.split(" ", 1)[0]
    return f"the {topic}" if first in ("Palestinian",) else topic[:1].lower() + topic[1:]


def table_window(table: pd.DataFrame) -> tuple[int, int]:
    """The (first, last) years a third-party table was read for (its ``attrs["window"]``)."""
    start, end = table.attrs["window"]
    return int(start), int(end)


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and value is not pd.NA


def brief_years(text, keep: int = 3) -> str:
    """Years as a sentence can carry them: "1862–1863, 1870–1872, …, 2012" (more than ``keep`` spells)
    → "1862–2012, in 23 spells"; the tables keep every spell."""
    if not _present(text):
        return ""
    spells = [part.strip() for part in str(text).split(",")]
    if len(spells) <= keep:
        return str(text)
    first, last = spells[0].split("–")[0], spells[-1].split("–")[-1]
    return f"{first}–{last}, in {len(spells)} spells"


def rivalry_text(row, s: str) -> str | None:
    """Side ``s``'s rivalry with the row's state as text (datasets and their spans), or None without one."""
    if not _present(row.get(f"rival_datasets{s}")):
        return None
    spans: dict[str, list[str]] = {}          # span → datasets: "td 2001–2010; tss 2001–2010" → one span
    for item in str(row[f"rival_spans{s}"]).split("; "):
        dataset, years = item.split(" ", 1)
        spans.setdefault(years, []).append(RIVALRY_NAMES.get(dataset, dataset))
    return "; ".join(f"{listing(names)}, {years}" for years, names in spans.items())


def _side(row, s: str, who: str, short: bool = False) -> dict[str, str]:
    """Each kind of evidence ``row`` holds for one side, as a phrase naming that side (``who``); ``short``:
    long lists of years cut to their first and last (:func:`brief_years`), for a sentence."""
    out = {}
    years_of = brief_years if short else str
    if int(row.get(f"disputes{s}") or 0):
        n = int(row[f"disputes{s}"])
        out["disputes"] = f"{plural(n, 'militarized dispute')} with {who} ({years_of(row[f'dispute_years{s}'])})"
    if int(row.get(f"sanctions{s}") or 0):
        years = years_of(row[f"sanction_years{s}"])
        out["sanctions"] = {"on": f"imposed sanctions on {who} ({years})",
                            "by": f"under sanctions from {who} ({years})",
                            }.get(row[f"sanction_dir{s}"], f"sanctions both ways with {who} ({years})")
    if bool(row.get(f"allied{s}")):
        out["allied"] = f"allied with {who} ({years_of(row[f'allied_span{s}'])})"
    if _present(row.get(f"rank{s}")):
        out["votes"] = f"{ordinal(int(row[f'rank{s}']))} of {int(row[f'partners{s}'])} for {who}"
    return out


def _hard(row, s: str, who: str) -> list[str]:
    """The hard evidence of one side as predicates of the third state: ``was India's rival (…)``."""
    side, riv = _side(row, s, who, short=True), rivalry_text(row, s)
    out = [f"was {possessive(who)} rival ({riv})"] if riv else []
    if "disputes" in side:
        out.append("had " + side["disputes"])
    if "sanctions" in side:
        out.append(side["sanctions"].replace("under sanctions", "was under sanctions")
                   .replace("sanctions both ways", "exchanged sanctions"))
    return out


def why(row, a: str, b: str) -> str:
    """The kinds of evidence behind a third state's class, in words: ``rival of both (India: Thompson–Dreyer,
    1948–2010; …); 1 militarized dispute with India (1999); …; UN voting closeness (a weaker signal): …``.

    ``row``: a :func:`entente.pair.third_parties.third_parties` row; ``a``, ``b``: the pair's names for the
    statement's year.
    """
    ra, rb = rivalry_text(row, "_a"), rivalry_text(row, "_b")
    sa, sb = _side(row, "_a", a), _side(row, "_b", b)
    parts = []
    if ra and rb:
        parts.append(f"rival of both ({a}: {ra}; {b}: {rb})")
    elif ra or rb:
        parts.append(f"rival of {a if ra else b} ({ra or rb})")
    for kind in ("disputes", "sanctions"):
        parts += [x[kind] for x in (sa, sb) if kind in x]
    if row["class"] == "shared adversary":   # a pact is history, and a "though" only in years against both
        against = _year_set(row.get("shared_years"))
        for s, x in (("_a", sa), ("_b", sb)):
            if "allied" in x:
                pact = _year_set(row.get(f"allied_span{s}"))
                both = spells(pact & against)
                if pact and pact <= against:      # every pact year among those against both: a true "though"
                    parts.append(f"though {x['allied']}")
                elif both:
                    parts.append(x["allied"][:-1] + f"; {listing([span(lo, hi) for lo, hi in both])} while against "
                                 "both)")
                else:
                    parts.append(x["allied"])
    else:
        parts += [x["allied"] for x in (sa, sb) if "allied" in x]
    votes = [x["votes"] for x in (sa, sb) if "votes" in x]
    if votes:
        label = " (a weaker signal)" if row["class"] in ("shared adversary", "divergent") else ""
        parts.append(f"UN voting closeness{label}: {', '.join(votes)}")
    return "; ".join(parts)


def _year_set(text) -> set[int]:
    """The years of a list of spells as text: "1942–1945, 1950" → {1942, 1943, 1944, 1945, 1950}."""
    out: set[int] = set()
    for part in (str(text).split(",") if _present(text) else ()):
        first, _, last = part.strip().partition("–")
        if first:
            out.update(range(int(first), int(last or first) + 1))
    return out


def when(text, keep: int = 3) -> str:
    """Spells of years as a sentence says them, without brackets or stray commas: "in 1918–1920, 1945–1989 and
    2007–2020"; more than ``keep`` spells: "in 15 spells between 1918 and 2014" (the tables keep every spell)."""
    runs = spells(_year_set(text))
    if not runs:
        return ""
    if len(runs) > keep:
        return f"in {len(runs)} spells between {runs[0][0]} and {runs[-1][1]}"
    return "in " + listing([span(lo, hi) for lo, hi in runs])


def _per_side(label: str, ya: str, yb: str, a: str, b: str) -> str | None:
    """One kind of evidence with each side's years: "rival of both in 1945–1989"; "disputes with India in
    1999, and with Pakistan in 2001–2002"; one side only: "sanctions with China in 1967–1971"."""
    if ya and yb:
        if ya == yb:
            return f"{label} both {ya}"
        return f"{label} {a} {ya}, and {label.split(' ')[-1]} {b} {yb}"
    if ya or yb:
        return f"{label} {a if ya else b} {ya or yb}"
    return None


def _as_then(code: int | None, years: set[int], default: str, end: int | None) -> str:
    """A side as a clause about ``years`` names it: by the one name it bore in all of them ("the Soviet Union"
    for a pact of 1942–1945, "Prussia" for one of 1848), else ``default``, its name in the sentence."""
    if code is None or not years:
        return default
    text = name_across(code, min(years), max(years), end)
    return default if " (" in text else the(text)


def _alliances(row, a: str, b: str, codes=(None, None), end: int | None = None) -> tuple[str | None, str | None]:
    """A shared adversary's defence or offence pacts with either side, in two clauses: the years in which it was
    allied with a side while it counts as against both ("though allied with China in 1979–1980": the alliance
    and the enmity overlap, within the two years' tolerance of ``shared_years``), and every pact with its
    years, as context ("allied with the United States in 1942–1945"): an alliance of other years is no
    contradiction, only history."""
    against = _year_set(row.get("shared_years"))
    though, spans = {}, {}
    for s, who, code in (("_a", a, codes[0]), ("_b", b, codes[1])):
        if not bool(row.get(f"allied{s}")):
            continue
        years = _year_set(row.get(f"allied_span{s}"))
        if not years <= against:          # a pact wholly in the years against both is said once, as a "though"
            spans[_as_then(code, years, who, end)] = when(row[f"allied_span{s}"])
        if years & against:
            though[_as_then(code, years & against, who, end)] = when(", ".join(span(lo, hi) for lo, hi in
                                                                             spells(years & against)))
    def clause(found: dict[str, str], label: str) -> str | None:
        if not found:
            return None
        (x, yx), *rest = found.items()
        return _per_side(label, yx, rest[0][1] if rest else "", x, rest[0][0] if rest else "")

    return clause(though, "though allied with"), clause(spans, "allied with")


def kinds(row, a: str, b: str, threshold: float = 1.0, codes=(None, None), end: int | None = None, *,
          short: bool = False) -> str:
    """The kinds of evidence, short, for a summary, each with its years so that a reader sees when it held.

    A shared adversary: "against both in 1916–1922 and 1979–1989, though allied with China in 1979–1980; rival
    of the United States in 1945–1989, and of China in 1958–1989; disputes with both in …; sanctions with …;
    allied with the United States in 1942–1945, and with China in 1942–1980": the years it was against both
    first (``shared_years``), then each kind of evidence with each side's years, then its pacts as context.
    A shared friend: "allied with both in 1949–1950"; "votes with both, 2nd and 4th closest of their
    partners". More than three spells are cut to their count and ends (:func:`when`). With ``codes`` (the
    sides' COW codes) and ``end`` (the window's last year), a clause names a side by the one name it bore in
    that clause's years ("allied with the Soviet Union in 1942–1945" in a window that calls it Russia).

    ``short`` (the brief's one-line overview): a shared adversary's years against both and its "though", then
    its kinds of evidence without their years ("rival of both, disputes with both, sanctions with China");
    the section's summary and table give the years."""
    parts = []
    adversary = row["class"] == "shared adversary"
    though, allied = _alliances(row, a, b, codes, end) if adversary else (None, None)
    if adversary and _present(row.get("shared_years")):
        parts.append(f"against both {when(row['shared_years'], keep=4)}" + (f", {though}" if though else ""))
    if adversary and short:
        held = []
        for label, test in (("rival of", lambda s: rivalry_text(row, s)),
                            ("disputes with", lambda s: int(row.get(f"disputes{s}") or 0)),
                            ("sanctions with", lambda s: int(row.get(f"sanctions{s}") or 0))):
            sides = [who for s, who in (("_a", a), ("_b", b)) if test(s)]
            if sides:
                held.append(f"{label} {'both' if len(sides) == 2 else sides[0]}")
        return "; ".join([*parts, ", ".join(held)] if held else parts)
    for label, test, years in (("rival of", lambda s: rivalry_text(row, s), "rival_years"),
                               ("disputes with", lambda s: int(row.get(f"disputes{s}") or 0), "dispute_years"),
                               ("sanctions with", lambda s: int(row.get(f"sanctions{s}") or 0), "sanction_years"),
                               ("allied with", lambda s: bool(row.get(f"allied{s}")), "allied_span")):
        if adversary and label == "allied with":
            break
        ya, yb = (when(row[f"{years}{s}"]) if test(s) else "" for s in ("_a", "_b"))
        wa, wb = (_as_then(code, _year_set(row.get(f"{years}{s}")) if test(s) else set(), who, end)
                  for s, who, code in (("_a", a, codes[0]), ("_b", b, codes[1])))
        clause = _per_side(label, ya, yb, wa, wb)
        if clause:
            parts.append(clause)
    if allied:
        parts.append(allied)
    if row["class"] == "shared friend":   # the ties by votes: well above the side's baseline, no pact
        by_votes = [s for s in ("_a", "_b") if not row.get(f"allied{s}") and _present(row.get(f"z{s}"))
                    and row[f"z{s}"] >= threshold]
        if len(by_votes) == 2:
            parts.append(f"votes with both, {ordinal(int(row['rank_a']))} and {ordinal(int(row['rank_b']))} closest of "
                         f"their partners")
        for s in by_votes if len(by_votes) == 1 else ():
            parts.append(f"votes with {a if s == '_a' else b}, {ordinal(int(row[f'rank{s}']))} closest of its partners")
    return "; ".join(parts)


def leaning(row, s: str, who: str) -> str:
    """How one side stands towards the third state, in words, for the divergence sentence: a pact or UN
    votes for the closer side, hard evidence (else UN votes) for the other, in the past tense (the window may
    hold states that no longer exist). "More/less than with most
    states" is read from the rank, so it holds whatever the z-score's skew."""
    side = _side(row, s, who, short=True)
    votes = ""
    if "votes" in side:
        rank, partners = int(row[f"rank{s}"]), int(row[f"partners{s}"])
        votes = (f"{who} voted with it {'more' if rank <= partners / 2 else 'less'} than with most states "
                 f"({ordinal(rank)} of {partners})")
    hard = _hard(row, s, who)
    if row[f"stance{s}"] >= 0:
        if "allied" in side:   # a pact and a quarrel of the same years are both said (allies that quarrel)
            return f"it was {side['allied']}" + (f", though it {listing(hard)}" if hard else "")
        if votes:
            return votes
    if hard:   # the side it opposed may also have been its ally in other years of the era (the Balkan Pact)
        return f"it {listing(hard + (['was ' + side['allied']] if 'allied' in side else []))}"
    return votes or f"{who} has no evidence with it"


def coverage_note(sources: list[dict], end: int) -> str:
    """"Rivalries are coded to 2020, …: later years hold no such evidence." when the window passes a
    dataset's last year (empty otherwise)."""
    last, begun = {}, {}
    for item in sources:
        cov = item.get("coverage") or [None, None]
        if cov[1] is not None:
            last[item["table"]] = int(cov[1])
        if item.get("begun") is not None:
            begun[item["table"]] = int(item["begun"])
    parts = []
    for label, tables in (("rivalries", ("tss_rivalries", "td_rivalries")),
                          ("militarized disputes", ("cow_mid_dir_dyad_year", "gml_mid_dir_dyad_year")),
                          ("sanctions", ("ties_cases",)), ("alliances", ("atop_dyad_year",))):
        years = [last[t] for t in tables if t in last]
        if label == "sanctions" and "ties_cases" in begun and begun["ties_cases"] < end:
            # TIES lists cases begun to 2005 and follows them to 2013: later cases are not in it at all
            parts.append(f"sanctions cases begun to {begun['ties_cases']} (followed to {max(years)})")
        elif years and max(years) < end:
            parts.append(f"{label} to {max(years)}")
    if not parts:
        return ""
    return f"The data code {listing(parts)}; for later years that evidence is missing, not absent."


#: The tables whose evidence makes a third state an adversary (rivalries, disputes, sanctions).
HOSTILE_TABLES = ("tss_rivalries", "td_rivalries", "cow_mid_dir_dyad_year", "gml_mid_dir_dyad_year", "ties_cases")


def hostile_data_end(sources: list[dict]) -> int | None:
    """The last year any rivalry, dispute or sanctions table of ``sources`` codes (None if none is listed):
    a window that starts after it can hold no adversary of both, which is not the same as none."""
    years = [int(item["coverage"][1]) for item in sources
             if item.get("table") in HOSTILE_TABLES and (item.get("coverage") or [None, None])[1] is not None]
    return max(years) if years else None
