"""Who did what to whom in an article: ``entente.read(text)``, one row per actor–action–target triple.

>>> import entente
>>> entente.read("Russia and China signed a treaty of friendship.", date="2001-07-16")  # doctest: +SKIP

Each sentence's actions are read by :mod:`.triples` through the verb lexicon of :mod:`.lexicon`
(``entente/data/cameo_verbs.csv``, written from the CAMEO codebook v1.1b3, Gerner, Schrodt, Yilmaz &
Abu-Jabr 2002); the states by :mod:`.mentions`, for the year of the article; quotations and their speakers
by :mod:`.quotes`. The CAMEO names come from the warehouse's ``cameo_event_codes`` table.

**GDELT beside the article.** When the event store (:mod:`entente.events.store`) holds events dated within
:data:`WINDOW_DAYS` days of the article's date, each triple between states gets the GDELT events of the
same pair (actor → target; both ways when reciprocal) and the same CAMEO root in that window
(``gdelt_events``), and of the pair whatever the root (``gdelt_pair_events``). GDELT is itself coded by
machine from news (Leetaru & Schrodt 2013), so it is a second reading, not the truth.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd

from entente import catalog, countries, warehouse
from entente.events.paths import event_files, events_dir
from entente.factcheck import mentions as _mentions
from entente.factcheck import periods as _periods
from entente.factcheck import quotes as _quotes
from entente.factcheck import triples as _triples
from entente.factcheck.text import Article, parse
from entente.store import has_table

__all__ = ["COLUMNS", "QUOTE_COLUMNS", "WINDOW_DAYS", "cameo_names", "gdelt_beside", "read", "read_article"]

#: Days either side of the article's date in which GDELT events are matched.
WINDOW_DAYS = 3

COLUMNS = ["sentence_index", "sentence", "actors", "verb", "cameo_root", "cameo_root_name", "cameo_code",
           "cameo_code_name", "targets", "negated", "passive", "reciprocal", "actor_ccodes", "target_ccodes",
           "verb_start", "verb_end", "actor_spans", "target_spans", "gdelt_events", "gdelt_pair_events",
           "gdelt_top_url"]
QUOTE_COLUMNS = ["sentence_index", "quote", "speaker", "speaker_state", "speaker_ccode", "start", "end"]


def cameo_names(con=None) -> dict[str, str]:
    """CAMEO code → name from the warehouse's ``cameo_event_codes`` table; the roots' names (upper case
    there: "MAKE PUBLIC STATEMENT") in sentence case."""
    con = con or warehouse.connection()
    if not has_table(con, str(catalog.CAMEO_EVENT_CODES)):
        return {}
    frame = con.execute(f"SELECT cameo_code, description, level FROM {catalog.CAMEO_EVENT_CODES}").df()
    out = {}
    for code, description, level in frame.itertuples(index=False):
        if isinstance(description, str):
            description = " ".join(description.split())
            out[str(code)] = description.capitalize() if int(level) == 1 else description
    return out


def _label(mention: _mentions.Mention, year: int | None) -> str:
    if mention.ccode is None:
        return mention.group or mention.text
    try:
        return countries.resolve(mention.ccode, year=year).abb
    except Exception:  # noqa: BLE001 - a code outside the system that year keeps its number
        return str(mention.ccode)


def read_article(article: Article, *, con=None, events_root: Path | None = None,
                 window_days: int = WINDOW_DAYS) -> pd.DataFrame:
    """The triples of ``article``, one row each (columns :data:`COLUMNS`); ``frame.attrs`` holds
    ``quotes`` (one dict per quotation, keys :data:`QUOTE_COLUMNS`), ``gdelt`` (one line on what GDELT shows or why
    nothing) and ``date``."""
    names = cameo_names(con)
    year = article.year
    rows = []
    sentences = _mentions.sentences(article.text)
    masked = _masked(article.text)
    for sentence in sentences:
        year = sentence_year(sentence.text, article.year)
        own = masked[sentence.start:sentence.end]
        text = own if len(own) == len(sentence.text) else sentence.text
        for t in _triples.extract(text, year):
            rows.append({
                "sentence_index": sentence.index, "sentence": sentence.text,  # as written, quotes and all
                "actors": [_label(m, year) for m in t.actors], "verb": t.verb,
                "cameo_root": t.cameo_root, "cameo_root_name": names.get(t.cameo_root, ""),
                "cameo_code": t.cameo_code, "cameo_code_name": names.get(t.cameo_code) or names.get(t.cameo_root, ""),
                "targets": [_label(m, year) for m in t.targets], "negated": t.negated, "passive": t.passive,
                "reciprocal": t.reciprocal,
                "actor_ccodes": [m.ccode for m in t.actors if m.ccode is not None],
                "target_ccodes": [m.ccode for m in t.targets if m.ccode is not None],
                "verb_start": sentence.start + t.verb_start, "verb_end": sentence.start + t.verb_end,
                "actor_spans": [[sentence.start + m.start, sentence.start + m.end] for m in t.actors],
                "target_spans": [[sentence.start + m.start, sentence.start + m.end] for m in t.targets],
                "gdelt_events": None, "gdelt_pair_events": None, "gdelt_top_url": None,
            })
    frame = pd.DataFrame(rows, columns=COLUMNS)
    year = article.year
    found = _quotes.find(article.text, year, sentences)
    # plain records, not a DataFrame: pandas compares attrs when frames are concatenated
    frame.attrs["quotes"] = [
        {"sentence_index": q.sentence_index, "quote": q.text, "speaker": q.speaker,
         "speaker_state": countries.resolve(q.speaker_ccode, year=year).abb if q.speaker_ccode else None,
         "speaker_ccode": q.speaker_ccode, "start": q.start, "end": q.end} for q in found]
    frame.attrs["date"] = article.date.isoformat() if article.date else None
    frame.attrs["gdelt"] = gdelt_beside(frame, article.date, root=events_root, window_days=window_days)
    return frame


def _masked(text: str) -> str:
    """``text`` with every quotation's words blanked, offsets kept: a quotation that runs over several
    sentences is the speaker's, not the article's, in each of them."""
    for start, end in _quotes.quote_spans(text):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def sentence_year(text: str, reference: int | None) -> int | None:
    """The year ``text`` is about (its first year: "France and Prussia fought a war in 1870" names Prussia
    as of 1870), else ``reference``, the article's year (:func:`entente.factcheck.periods.period`)."""
    found = _periods.period(text, reference)
    year = found.start if found is not None and found.how not in ("vague", "implicit") else reference
    return min(max(year, 1816), 2100) if year is not None else None


def read(text: str, *, date=None, con=None, events_root: Path | None = None) -> pd.DataFrame:
    """Who did what to whom in ``text`` (plain text, Markdown or HTML): one row per triple (see
    :data:`COLUMNS`); ``date`` (``"2024-03-05"``) names the states of that year and sets the GDELT window."""
    return read_article(parse(text, date=date), con=con, events_root=events_root)


def gdelt_beside(frame: pd.DataFrame, date: dt.date | None, *, root: Path | None = None,
                 window_days: int = WINDOW_DAYS) -> str:
    """Fill ``frame``'s GDELT columns in place from the event store, and say in one line what was compared
    (or why nothing was: no date, no events loaded for the window)."""
    if date is None:
        return "GDELT: the article has no date; give --date to compare its triples with GDELT events."
    first, last = date - dt.timedelta(days=window_days), date + dt.timedelta(days=window_days)
    span = f"{first.isoformat()}…{last.isoformat()}"
    load = (f"load them with `entente events ingest --from {first.isoformat()} --to {last.isoformat()}` "
            "(or `entente events ingest --path DIR` for files you have)")
    files = [str(p) for p in event_files(root)]
    if not files:
        return f"GDELT: no events loaded ({events_dir(root)} is empty); {load}."
    con = duckdb.connect()
    source = "read_parquet(?) WHERE CAST(event_date AS DATE) BETWEEN ? AND ?"
    total = int(con.execute(f"SELECT count(*) AS n FROM {source}", [files, first, last]).df()["n"].iat[0])
    if total == 0:
        return f"GDELT: no events loaded for {span}; {load}."
    # one pass over the window: events per (actor, target, root) among the article's states, with the most
    # mentioned event's URL; each triple then adds up its own pairs
    states = sorted({int(c) for column in ("actor_ccodes", "target_ccodes") for codes in frame[column] for c in codes})
    if not states:
        return f"GDELT: {total:,} events loaded for {span}; no triple between states to compare."
    groups = con.execute(
        "SELECT ccode1, ccode2, lpad(CAST(EventRootCode AS VARCHAR), 2, '0') AS r, count(*) AS n, "
        "max(NumMentions) AS m, arg_max(SOURCEURL, NumMentions) AS u "
        f"FROM {source} AND list_contains(?, ccode1) AND list_contains(?, ccode2) AND ccode1 <> ccode2 "
        "GROUP BY ALL", [files, first, last, states, states]).df()
    compared = 0
    for i, row in frame.iterrows():
        actors, targets = list(row["actor_ccodes"]), list(row["target_ccodes"])
        if not actors or not targets:
            continue
        pair = groups[groups["ccode1"].isin(actors) & groups["ccode2"].isin(targets)]
        same = pair[pair["r"] == row["cameo_root"]]
        frame.at[i, "gdelt_pair_events"] = int(pair["n"].sum())
        frame.at[i, "gdelt_events"] = int(same["n"].sum())
        if len(same):
            frame.at[i, "gdelt_top_url"] = same.sort_values("m", ascending=False, kind="stable")["u"].iat[0]
        compared += 1
    return (f"GDELT: {total:,} events loaded for {span}; {compared} triple(s) between states compared "
            "(same actor → target pair and CAMEO root).")
