"""The words of the third-party and limits sections (:mod:`entente.brief.third_states`): small functions that
turn a third state's row of :func:`entente.measures.third_parties.classify` into text (:func:`why`,
:func:`kinds`, :func:`leaning`) and the coverage clauses (:func:`coverage_note`, :func:`hostile_data_end`).
Numbers, counts and lists are written by :mod:`entente.brief.typeset`, as in every section. Each is tested
by reading its output (``tests/test_third_states.py``).
"""

from __future__ import annotations

import math

import pandas as pd

from entente import countries
from entente.brief.typeset import listing, ordinal, plural, possessive
from entente.errors import UnknownCountry

RIVALRY_NAMES = {"td": "Thompson–Dreyer", "tss": "Thompson–Sakuwa–Suhas"}


# ------------------------------------------------------------------------------------------ words
def name(ccode, year: int | None) -> str:
    """The state's name in ``year`` (:func:`entente.countries.name`); an unknown code as it is."""
    try:
        return countries.name(int(ccode), None if year is None else int(year))
    except (UnknownCountry, ValueError, TypeError):
        return str(ccode)


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
    allied = [x["allied"] for x in (sa, sb) if "allied" in x]
    if row["class"] == "shared adversary":
        parts += [f"though {x}" for x in allied]
    else:
        parts += allied
    votes = [x["votes"] for x in (sa, sb) if "votes" in x]
    if votes:
        label = " (a weaker signal)" if row["class"] in ("shared adversary", "divergent") else ""
        parts.append(f"UN voting closeness{label}: {', '.join(votes)}")
    return "; ".join(parts)


def kinds(row, a: str, b: str, threshold: float = 1.0) -> str:
    """The kinds of evidence, short, for a summary: ``rival of both; disputes with both; sanctions with
    the Soviet Union 1960–1979``; ``allied with both``; ``votes with both, 2nd and 4th closest of their
    partners``."""
    parts = []
    for label, test, years in (("rival of", lambda s: rivalry_text(row, s), "rival_years"),
                               ("disputes with", lambda s: int(row.get(f"disputes{s}") or 0), "dispute_years"),
                               ("sanctions with", lambda s: int(row.get(f"sanctions{s}") or 0), "sanction_years"),
                               ("allied with", lambda s: bool(row.get(f"allied{s}")), "allied_span")):
        ha, hb = bool(test("_a")), bool(test("_b"))
        though = "though " if label == "allied with" and row["class"] == "shared adversary" else ""
        if ha and hb:
            parts.append(f"{though}{label} both")
        elif ha or hb:
            s, who = ("_a", a) if ha else ("_b", b)
            parts.append(f"{though}{label} {who} {brief_years(row[f'{years}{s}'])}")
    if row["class"] == "shared adversary" and _present(row.get("shared_years")):
        parts.append(f"against both in {brief_years(row['shared_years'])}")
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
    if row[f"stance{s}"] >= 0:
        if "allied" in side:
            return f"it was {side['allied']}"
        if votes:
            return votes
    hard = _hard(row, s, who)
    if hard:
        return f"it {listing(hard)}"
    return votes or f"{who} has no evidence with it"


def coverage_note(sources: list[dict], end: int) -> str:
    """"Rivalries are coded to 2020, …: later years hold no such evidence." when the window passes a
    dataset's last year (empty otherwise)."""
    last = {}
    for item in sources:
        cov = item.get("coverage") or [None, None]
        if cov[1] is not None:
            last[item["table"]] = int(cov[1])
    parts = []
    for label, tables in (("rivalries", ("tss_rivalries", "td_rivalries")),
                          ("militarized disputes", ("cow_mid_dir_dyad_year", "gml_mid_dir_dyad_year")),
                          ("sanctions", ("ties_cases",)), ("alliances", ("atop_dyad_year",))):
        years = [last[t] for t in tables if t in last]
        if years and max(years) < end:
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
