"""UN General Assembly recorded votes, sessions 74–80 and ES-10/ES-11 (Nov 2019 – Jun 2026), from the
UN's machine-readable resolutions (DGACM, GitHub UNxml/GAresolutions, ``data_extract/*.json``).

Only resolutions adopted by recorded vote are listed (no amendment or paragraph votes, no failed drafts);
members not listed were absent or did not vote and are not imputed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from entente import countries, ingest
from entente.errors import SchemaError, SourceError, UnknownCountry
from entente.sources import Citation, Loaded, Source, Upstream

ORDER = 21

SOURCE = Source(
    name="dgacm",
    title="United Nations DGACM machine-readable General Assembly resolutions (recorded votes)",
    version="UNxml/GAresolutions@42a69b6 (2026-07-10), sessions 74–80, ES-10, ES-11",
    url="https://github.com/UNxml/GAresolutions",
    licence=(
        'Unofficial copies "for informational purposes only", without warranty; users must acknowledge '
        "the United Nations as the source of the information."
    ),
    citations=(
        Citation(
            key="undgacm2026",
            text="United Nations, Department for General Assembly and Conference Management. "
            "Machine-readable General Assembly resolutions (GitHub UNxml/GAresolutions, commit 42a69b6, "
            "2026). Source: United Nations.",
            bibtex="""@misc{undgacm2026,
  author = {{United Nations, Department for General Assembly and Conference Management}},
  title = {Machine-readable General Assembly resolutions},
  year = {2026},
  howpublished = {\\url{https://github.com/UNxml/GAresolutions}},
  note = {Commit 42a69b6; source: United Nations}
}""",
        ),
    ),
    files={
        "unga/dgacm_resolutions.parquet": "0f2ae55691b532ab6c7f4ef2464810d54ae867bc029d0c2d349087af060631e8",
        "unga/dgacm_votes.parquet": "86c79b42adccf83050459d475a56a790b3d7db7f726bbbbe387863e0bb715257",
    },
    upstream=(
        Upstream("https://raw.githubusercontent.com/UNxml/GAresolutions/42a69b67bb92d23969fc45bba151320b82eb8e52/data_extract/74.json", "74.json", format="jsonl"),
        Upstream("https://raw.githubusercontent.com/UNxml/GAresolutions/42a69b67bb92d23969fc45bba151320b82eb8e52/data_extract/75.json", "75.json", format="jsonl"),
        Upstream("https://raw.githubusercontent.com/UNxml/GAresolutions/42a69b67bb92d23969fc45bba151320b82eb8e52/data_extract/76.json", "76.json", format="jsonl"),
        Upstream("https://raw.githubusercontent.com/UNxml/GAresolutions/42a69b67bb92d23969fc45bba151320b82eb8e52/data_extract/77.json", "77.json", format="jsonl"),
        Upstream("https://raw.githubusercontent.com/UNxml/GAresolutions/42a69b67bb92d23969fc45bba151320b82eb8e52/data_extract/78.json", "78.json", format="jsonl"),
        Upstream("https://raw.githubusercontent.com/UNxml/GAresolutions/42a69b67bb92d23969fc45bba151320b82eb8e52/data_extract/79.json", "79.json", format="jsonl"),
        Upstream("https://raw.githubusercontent.com/UNxml/GAresolutions/42a69b67bb92d23969fc45bba151320b82eb8e52/data_extract/80.json", "80.json", format="jsonl"),
        Upstream("https://raw.githubusercontent.com/UNxml/GAresolutions/42a69b67bb92d23969fc45bba151320b82eb8e52/data_extract/ES-10.json", "ES-10.json", format="jsonl"),
        Upstream("https://raw.githubusercontent.com/UNxml/GAresolutions/42a69b67bb92d23969fc45bba151320b82eb8e52/data_extract/ES-11.json", "ES-11.json", format="jsonl"),
    ),
    homepage="https://www.un.org/dgacm/en/content/visualizations-and-machine-readability",
    unit="resolution_state",
)


def load() -> list[Loaded]:
    """``dgacm_resolutions`` and ``dgacm_votes`` (symbol, ccode, vote)."""
    resolutions = pq.read_table(SOURCE.path("unga/dgacm_resolutions.parquet"))
    votes = pq.read_table(SOURCE.path("unga/dgacm_votes.parquet"),
                          columns=["symbol", "ccode", "iso3c", "ms_name", "vote_code"])
    votes = votes.rename_columns(["symbol", "ccode", "iso3c", "ms_name", "vote"])
    return [Loaded("dgacm_resolutions", resolutions), Loaded("dgacm_votes", votes)]


# ----------------------------------------------------------------------------------------------------
# parse(): one upstream extract file (data_extract/<session>.json) → the two snapshot tables.

RESOLUTIONS_SCHEMA = pa.schema([
    ("symbol", pa.large_string()), ("session", pa.large_string()), ("source_file", pa.large_string()),
    ("resolution_number", pa.large_string()), ("title", pa.large_string()), ("adoption_date", pa.date32()),
    ("meeting", pa.large_string()), ("draft", pa.large_string()), ("committee", pa.large_string()),
    ("agenda_item", pa.large_string()), ("agenda_item_name", pa.large_string()),
    ("yes_count", pa.int16()), ("no_count", pa.int16()), ("abstain_count", pa.int16()),
    ("n_yes_listed", pa.int16()), ("n_no_listed", pa.int16()), ("n_abstain_listed", pa.int16()),
    ("subjects_unbis", pa.large_string()), ("sdgs", pa.large_string()),
])
VOTES_SCHEMA = pa.schema([
    ("symbol", pa.large_string()), ("session", pa.large_string()), ("adoption_date", pa.date32()),
    ("ccode", pa.int16()), ("iso3c", pa.large_string()), ("ms_name", pa.large_string()),
    ("vote", pa.large_string()), ("vote_code", pa.int8()),
])
#: Keys every record of the extract has (sessions 74–80, ES-10, ES-11, as published at 42a69b6).
REQUIRED_KEYS = ("symbol", "resolution_number", "title", "adoption_date", "originating_document", "committee",
                 "agenda_item", "agenda_item_name", "pv", "MS_in_favour", "MS_against", "MS_abstaining",
                 "MS_in_favour_count", "MS_against_count", "MS_abstaining_count", "SDGs", "subjects")
_LISTS = (("MS_in_favour", "yes", 1), ("MS_abstaining", "abstain", 2), ("MS_against", "no", 3))
_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%d %B %Y", "%B %d, %Y")


def _recorded(record: dict) -> bool:
    """Adopted by recorded vote? The extract says so as ``voting_type`` "By a recorded vote" (74–77) or
    "adoptedRecordedVote" (78–80), or as ``adoption_type`` "By a recorded vote" (ES-11, 80)."""
    said = " ".join(str(record.get(key, "")) for key in ("voting_type", "adoption_type"))
    return "recordedvote" in re.sub(r"[^a-z]", "", said.lower())


def _date(text: str) -> dt.date:
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            pass
    raise ValueError(f"adoption_date {text!r} is not a date")


def _count(value) -> int | None:
    """A tally as the extract writes it ("165"); "N.A." or blank → null."""
    text = str(value).strip()
    return int(text) if text.isdigit() else None


def _name(raw) -> str:
    """A member name as written, trimmed and in Unicode NFC ("TÜRKI\\u0307YE" → "TÜRKİYE")."""
    return unicodedata.normalize("NFC", str(raw)).strip()


def parse(path: Path) -> dict[str, pa.Table]:
    """One extract file (``data_extract/<session>.json``, one JSON object per line) → both snapshot tables.

    Returns ``{"unga/dgacm_resolutions.parquet": ..., "unga/dgacm_votes.parquet": ...}`` with the
    snapshot's columns and types (shared/data/SOURCES.md §1c):

    - only resolutions adopted by recorded vote (:func:`_recorded`); others are skipped by design;
    - ``session`` from the symbol (``A/RES/ES-11/1`` → ``ES-11``), ``meeting`` = ``pv``, ``draft`` =
      ``originating_document``, ``source_file`` = ``data_extract/<file name>``;
    - tallies as stated (``N.A.`` → null) and ``n_*_listed`` = names listed, duplicates included
      (A/RES/75/290 A lists every name twice);
    - ``subjects_unbis``: the "UNBIS Thesaurus" subjects, ``|``-separated, in the file's order and case;
      ``sdgs``: the SDG numbers ``|``-separated ("" when none);
    - one vote row per (symbol, state) for explicit yes/abstain/no: names trimmed and NFC-normalised
      into ``ms_name``, resolved with :func:`entente.countries.resolve` in the adoption year to
      ``ccode``/``iso3c``; a state listed twice with the same vote counts once.

    Set aside (with line numbers, :func:`entente.ingest.set_aside`), never dropped silently: lines that
    are not JSON objects, records missing keys, dates that do not parse, repeated symbols, names that
    match no state, and states listed under two different votes. A last line cut short (no newline,
    not JSON) means a truncated file: :class:`~entente.errors.SourceError`. When most records lack the
    expected keys the layout changed: :class:`~entente.errors.SchemaError`.
    """

    path = Path(path)
    raw_lines = path.read_bytes().split(b"\n")
    ends_with_newline = raw_lines[-1] == b""
    if ends_with_newline:
        raw_lines.pop()
    rejects: list[tuple[int, str, str]] = []
    resolutions, votes, first_line = [], [], {}
    resolved: dict[tuple[str, int], object] = {}
    n_records, lacking, keys_seen = 0, Counter(), Counter()
    for number, raw in enumerate(raw_lines, start=1):
        if not raw.strip():
            continue
        text = raw.decode("utf-8", errors="replace")
        try:
            record = json.loads(raw)
        except ValueError as exc:
            if number == len(raw_lines) and not ends_with_newline:
                raise SourceError(
                    f"dgacm: {path.name} is truncated: its last line (line {number}) stops inside a record "
                    f"({exc}). Download it again (`entente data update dgacm`) or use a complete copy.") from exc
            rejects.append((number, f"not a JSON object: {exc}", text[:ingest.MAX_TEXT]))
            continue
        if not isinstance(record, dict):
            rejects.append((number, f"not a JSON object but a {type(record).__name__}", text[:ingest.MAX_TEXT]))
            continue
        n_records += 1
        keys_seen.update(record)
        missing = [key for key in REQUIRED_KEYS if key not in record]
        if missing:
            lacking.update(missing)
            rejects.append((number, f"record lacks {', '.join(missing)}", text[:ingest.MAX_TEXT]))
            continue
        if not _recorded(record):
            continue
        symbol = str(record["symbol"]).strip()
        match = re.match(r"A/RES/([^/]+)/", symbol)
        if not match:
            rejects.append((number, f"symbol {symbol!r} is not a General Assembly resolution symbol", text[:200]))
            continue
        if symbol in first_line:
            rejects.append((number, f"{symbol} repeats the record on line {first_line[symbol]}", text[:200]))
            continue
        try:
            date = _date(str(record["adoption_date"]))
        except ValueError as exc:
            rejects.append((number, f"{symbol}: {exc}", text[:200]))
            continue
        first_line[symbol] = number
        session = match.group(1)
        listed = {vote: record[key] if isinstance(record[key], list) else [] for key, vote, _ in _LISTS}
        subjects = [s for s in record["subjects"] if isinstance(s, (list, tuple)) and len(s) == 2]
        resolutions.append({
            "symbol": symbol, "session": session, "source_file": f"data_extract/{path.name}",
            "resolution_number": str(record["resolution_number"]).strip(), "title": str(record["title"]).strip(),
            "adoption_date": date, "meeting": str(record["pv"]).strip(),
            "draft": str(record["originating_document"]).strip(), "committee": str(record["committee"]).strip(),
            "agenda_item": str(record["agenda_item"]).strip(),
            "agenda_item_name": str(record["agenda_item_name"]).strip(),
            "yes_count": _count(record["MS_in_favour_count"]), "no_count": _count(record["MS_against_count"]),
            "abstain_count": _count(record["MS_abstaining_count"]),
            "n_yes_listed": len(listed["yes"]), "n_no_listed": len(listed["no"]),
            "n_abstain_listed": len(listed["abstain"]),
            "subjects_unbis": "|".join(str(term).strip() for term, vocabulary in subjects
                                       if vocabulary == "UNBIS Thesaurus"),
            "sdgs": "|".join(str(goal).strip() for goal in record["SDGs"]),
        })
        cast: dict[int, dict] = {}
        conflicted: set[int] = set()
        for key, vote, code in _LISTS:
            for raw_name in listed[vote]:
                name = _name(raw_name)
                if (name, date.year) not in resolved:
                    try:
                        resolved[name, date.year] = countries.resolve(name, year=date.year)
                    except UnknownCountry as exc:
                        resolved[name, date.year] = exc
                state = resolved[name, date.year]
                if isinstance(state, Exception):
                    rejects.append((number, f"{symbol}: {key} lists {name!r}, which matches no state ({state})",
                                    name))
                    continue
                previous = cast.get(state.ccode)
                if previous is None:
                    cast[state.ccode] = {"symbol": symbol, "session": session, "adoption_date": date,
                                         "ccode": state.ccode, "iso3c": state.iso3, "ms_name": name,
                                         "vote": vote, "vote_code": code}
                elif previous["vote"] != vote and state.ccode not in conflicted:
                    conflicted.add(state.ccode)
                    rejects.append((number, f"{symbol}: {name} is listed as both {previous['vote']} and {vote}; "
                                            "neither vote is kept", name))
        votes.extend(v for ccode, v in cast.items() if ccode not in conflicted)
    if n_records and lacking and max(lacking.values()) > n_records / 2:
        raise SchemaError(
            f"dgacm: {path.name} does not have the layout of the DGACM extract: {max(lacking.values())} of "
            f"{n_records} records lack {sorted(lacking)}. Expected keys: {list(REQUIRED_KEYS)}; found: "
            f"{sorted(keys_seen)}. The upstream format changed: entente.sources.dgacm.parse() needs updating "
            "(the bundled snapshot stays in use meanwhile).")
    ingest.set_aside(path, ingest.rejects_frame(rejects))
    resolutions.sort(key=lambda r: (r["adoption_date"], r["symbol"]))
    order = {r["symbol"]: i for i, r in enumerate(resolutions)}
    votes.sort(key=lambda v: (order[v["symbol"]], v["iso3c"] or ""))
    return {
        "unga/dgacm_resolutions.parquet": pa.Table.from_pylist(resolutions, schema=RESOLUTIONS_SCHEMA),
        "unga/dgacm_votes.parquet": pa.Table.from_pylist(votes, schema=VOTES_SCHEMA),
    }
