"""UN Security Council vetoes from 16 February 1946 to the last in the bundled list, 8 July 2022 (World
Politics Data Lab, from the UN Dag Hammarskjöld Library list; its file and title say "1946 – Sept 2022", but
its last veto is of 8 July 2022), extended past that day by ``entente data update unsc_vetoes`` from the UN's
own veto list.

Table ``unsc_vetoes``, one row per vetoed draft resolution: ``year``, ``date``, ``month``, ``draft``
(symbol, e.g. ``S/2022/155``), ``meeting_record`` (``S/PV.…``), ``agenda_item``, ``crisis_topic``,
``region``, ``member_veto1..3`` (names of the members that vetoed), ``single_veto``/``multiple_vetoes``
(0/1), a 0/1 column per permanent member (``china``, ``france``, ``russia`` for the Russian Federation
from 1992, ``ussr`` for the Soviet Union, ``usa``, ``uk``) and combination dummies (``russia_china``,
``usa_uk``, ``usa_france``, ``usa_france_uk``, ``france_uk``).

Coverage: 214 vetoed drafts from 16 February 1946 to 8 July 2022 in the bundled snapshot. **Vetoes
after 8 July 2022 are not in the snapshot**; ``entente data update unsc_vetoes`` adds them (below).

**Update from the UN's list.** The UN Department of Political and Peacebuilding Affairs (Security
Council Affairs Division) publishes its veto list on the UN Peace and Security Data Hub as dataset
``DPPA-SCVETOES`` (https://psdata.un.org/dataset/DPPA-SCVETOES; CSV from the hub's API,
``https://api.psdata.un.org/public/data/DPPA-SCVETOES/CSV``, also mirrored on HDX as
``dppa-scvetoes.csv``). One row per vetoed draft, columns ``id``, ``draft_res#`` (draft symbol),
``date`` (ISO ``YYYY-MM-DD``), ``record`` (meeting number, ``9143`` for ``S/PV.9143``), ``agenda``,
``short_agenda``, ``#_of_pms`` (how many permanent members vetoed), ``url_for_res#``,
``last_update``, and a 0/1 column per permanent member: ``china``, ``france``,
``russian_federation_ussr``, ``united_kingdom``, ``united_states``. :func:`parse` reads that file
(any column order; extra columns are ignored) and returns the snapshot's table: **the World Politics
Data Lab rows up to 8 July 2022, unchanged, then the UN list's rows dated after that day**, mapped as
``draft`` ← ``draft_res#`` (the meeting record where it is blank, as the data lab does),
``meeting_record`` ← ``S/PV.`` + ``record``, ``agenda_item`` ← ``agenda``, ``crisis_topic`` ←
``short_agenda``, ``region`` null (the UN list has none), ``member_veto1..3`` ← the members with a 1,
named as the data lab names them ("USSR" before 1992, "Russia" from 1992, "USA", "UK", "France",
"China") in the order of the UN file's columns, and the 0/1 and combination columns derived from those
names. The data lab's rows are kept for the years both cover because :mod:`entente.measures.vetoes`
reads their ``crisis_topic`` labels (and corrects three of them by draft). The UN list changes with
every veto, so its upstream record is ``living``: no checksum is pinned or recorded on first use, each
update takes the list as it is that day (its sha256 goes into the manifest), and the update guard
refuses a list that would lose rows.

Quirks users must know:

- **Count vetoes from the names, not the 0/1 member columns.** The names in ``member_veto1..3`` give
  USSR 90, USA 82, Russia 31, UK 29, China 17, France 16; the member columns give USSR 84, USA 71,
  France 7 (the totals in the project's data notes), because 18 rows of 1966–1980 name a member but
  have every member column 0, and several joint France–UK–USA vetoes have ``france`` = 0.
- A draft vetoed by two or three members is **one** row, so rows count drafts, not vetoes.
- There is no unique key: early rows give the meeting record where the draft symbol is unknown
  (``S/PV.49`` three times on 26 June 1946), and one row is repeated verbatim. Treat rows as events.
- ``multiple_vetoes`` is blank on one row (8 October 2016); ``russia`` means the Russian Federation
  (from 1992) and ``ussr`` the Soviet Union: join both for the seat's whole history.
- Only vetoes: the full record of Council votes is not in this dataset.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from entente import config
from entente.errors import ChecksumMismatch, SchemaError
from entente.sources import Citation, Loaded, Source, Upstream, sha256_file, snapshot_tables
from entente.sources._parsing import LINE, conform, read_delimited, report

ORDER = 80

SOURCE = Source(
    name="unsc_vetoes",
    title="Vetoes in the UN Security Council, 1946–2022 (World Politics Data Lab)",
    # the release's own name ("1946 – Sept 2022") is not its coverage: its last veto is of 8 July 2022, which
    # the brief states from the rows (entente.catalog.event_dates), so the version names the release only
    version="September 2022 release (world-politics-datalab/vetoes-un-security-council @661c524)",
    url="https://github.com/world-politics-datalab/vetoes-un-security-council",
    licence="MIT (© 2022 The World Politics Data Lab); the underlying facts are from the UN Dag Hammarskjöld Library veto list.",
    citations=(
        Citation(
            key="wpdl2022vetoes",
            text="Yordan, C. L. / The World Politics Data Lab (2022). Vetoes in the United Nations Security "
            "Council, 1946–2022 [data set]. https://github.com/world-politics-datalab/vetoes-un-security-council. "
            "Compiled from the UN Dag Hammarskjöld Library, Security Council – Veto List, "
            "https://research.un.org/en/docs/sc/quick/veto.",
            bibtex="""@misc{wpdl2022vetoes,
  author = {Yordan, Carlos L. and {The World Politics Data Lab}},
  title = {Vetoes in the United Nations Security Council, 1946--2022},
  year = {2022},
  howpublished = {Data set},
  url = {https://github.com/world-politics-datalab/vetoes-un-security-council},
  note = {Compiled from the UN Dag Hammarskj{\\"o}ld Library veto list, https://research.un.org/en/docs/sc/quick/veto}
}""",
        ),
    ),
    files={"unsc/unsc_vetoes_1946_2022.parquet": "2c65e6d903d8ecfc47c9852fd0b5665a8db0ce74d485fa165baa10ffae98f2d6"},
    # The bundled snapshot is the data lab's unsc_vetoes_1946_sept2022.csv (GitHub, commit 661c524); an
    # update reads the UN's own list, which runs to the present (parse() reads either file).
    upstream=(
        Upstream("https://api.psdata.un.org/public/data/DPPA-SCVETOES/CSV", "DPPA-SCVETOES.csv", format="csv",
                 living=True),
    ),
    homepage="https://research.un.org/en/docs/sc/quick/veto",
    unit="vetoed draft resolution",
)

SCHEMA = pa.schema([
    ("year", pa.int16()), ("date", pa.date32()), ("month", pa.int16()), ("draft", pa.large_string()),
    ("meeting_record", pa.large_string()), ("agenda_item", pa.large_string()),
    ("crisis_topic", pa.large_string()), ("region", pa.large_string()), ("member_veto1", pa.large_string()),
    ("member_veto2", pa.large_string()), ("member_veto3", pa.large_string()), ("single_veto", pa.int8()),
    ("multiple_vetoes", pa.int8()), ("china", pa.int8()), ("france", pa.int8()), ("russia", pa.int8()),
    ("ussr", pa.int8()), ("usa", pa.int8()), ("uk", pa.int8()), ("russia_china", pa.int8()),
    ("usa_uk", pa.int8()), ("usa_france", pa.int8()), ("usa_france_uk", pa.int8()), ("france_uk", pa.int8()),
])


def parse(path: Path, *, strict: bool = False) -> pa.Table:
    """Read the UN's veto list (``DPPA-SCVETOES.csv``: see :func:`parse_un`) or the data lab's CSV.

    The data lab's ``unsc_vetoes_1946_sept2022.csv``: comma-separated with a header, dates as ``M/D/YYYY``.

    Column names are lower-cased (the file has ``China``, ``USSR``, …); empty fields become null.
    Malformed lines are left out and reported (see :mod:`entente.sources._parsing`); ``strict=True``
    raises instead.
    """
    frame, rejects = read_delimited(path, SOURCE.name)
    frame.columns = [c if c == "_line" else c.strip().lower() for c in frame.columns]
    if UN_DRAFT in frame.columns:
        return parse_un(frame, rejects, Path(path).name, strict=strict)
    for column in frame.columns:
        if column != "_line":
            frame[column] = frame[column].mask(frame[column].str.strip() == "")
    return conform(frame, SCHEMA, SOURCE.name, Path(path).name, rejects=rejects, strict=strict,
                   date_formats={"date": "%m/%d/%Y"})


#: The UN list's 0/1 column per permanent member → the name the data lab gives the seat (the Soviet
#: Union's seat is "USSR" before 1992, "Russia" from 1992: see :func:`_seat_name`).
UN_MEMBERS = {"china": "China", "france": "France", "russian_federation_ussr": "Russia",
              "united_kingdom": "UK", "united_states": "USA"}
UN_DRAFT = "draft_res#"
UN_COLUMNS = ("id", UN_DRAFT, "date", "record", "agenda", "short_agenda", "#_of_pms", *UN_MEMBERS)
#: Name → the snapshot's 0/1 column; and the combination columns (exactly these members vetoed).
MEMBER_COLUMNS = {"China": "china", "France": "france", "Russia": "russia", "USSR": "ussr", "USA": "usa", "UK": "uk"}
COMBINATIONS = {"russia_china": {"Russia", "China"}, "usa_uk": {"USA", "UK"}, "usa_france": {"USA", "France"},
                "usa_france_uk": {"USA", "France", "UK"}, "france_uk": {"France", "UK"}}
SNAPSHOT = "unsc/unsc_vetoes_1946_2022.parquet"
#: The share of the snapshot's vetoes up to its last date that the UN's list must also have: the two lists
#: count the same vetoes (the data lab compiled the UN's), so a list with far fewer was cut short or
#: filtered, and would silently drop the vetoes added since (every update keeps the data lab's rows).
COMPLETE = 0.9


def _bundled():
    """The bundled snapshot file, checked against its sha256 (never a refreshed copy: an update starts
    from the data lab's rows every time, so updating twice gives the same table)."""
    path = config.snapshot_dir() / SNAPSHOT
    if sha256_file(path) != SOURCE.files[SNAPSHOT]:
        raise ChecksumMismatch(SOURCE.name, path, SOURCE.files[SNAPSHOT], sha256_file(path))
    return path


def _seat_name(column: str, year: int) -> str:
    name = UN_MEMBERS[column]
    return "USSR" if name == "Russia" and year < 1992 else name


def parse_un(frame, rejects: list[dict], where: str, *, strict: bool = False) -> pa.Table:
    """The UN's veto list (read by :func:`parse`) as the snapshot's table: the data lab's rows to the
    snapshot's last date, then the UN rows after it (the mapping is in the module notes).

    A UN file without the columns entente reads is a :class:`~entente.errors.SchemaError`, and so is one
    with fewer than :data:`COMPLETE` of the snapshot's vetoes up to its last date (a list cut short); a
    row whose date or member columns cannot be read, or that names no vetoing member, is a malformed line.
    """
    missing = [c for c in UN_COLUMNS if c not in frame.columns]
    if missing:
        raise SchemaError(f"{SOURCE.name}: {where} looks like the UN veto list (it has {UN_DRAFT!r}) but lacks "
                          f"{missing}; its columns are {[c for c in frame.columns if c != LINE]}. The UN's "
                          "layout changed: update entente.sources.unsc_vetoes.parse_un.")
    frame = frame[~frame["id"].fillna("").str.strip().str.startswith("#")]     # an HXL tag row, if any
    snapshot = pq.read_table(_bundled())
    cutoff = max(snapshot.column("date").to_pylist())
    members = [c for c in frame.columns if c in UN_MEMBERS]                  # the file's column order
    rows, rejects, earlier = [], list(rejects), 0
    for record in frame.to_dict("records"):
        text = ",".join("" if v is None else str(v) for k, v in record.items() if k != LINE)
        when = pd.to_datetime((record["date"] or "").strip()[:10], format="%Y-%m-%d", errors="coerce")
        flags = {c: (record[c] or "").strip() for c in members}
        if pd.isna(when) or any(v not in ("", "0", "1") for v in flags.values()):
            bad = "date" if pd.isna(when) else next(c for c, v in flags.items() if v not in ("", "0", "1"))
            rejects.append({"line": int(record[LINE]), "reason": f"{bad}={record[bad]!r} is not "
                            + ("a date YYYY-MM-DD" if bad == "date" else "0 or 1"), "text": text})
            continue
        when = when.date()
        if when <= cutoff:
            earlier += 1
            continue
        names = [_seat_name(c, when.year) for c in members if flags[c] == "1"]
        if not names:
            rejects.append({"line": int(record[LINE]), "reason": "no permanent member has a 1", "text": text})
            continue
        meeting = (record["record"] or "").strip()
        meeting = f"S/PV.{meeting}" if meeting.isdigit() else (meeting or None)
        draft = (record[UN_DRAFT] or "").strip() or meeting
        row = {"year": when.year, "date": when, "month": when.month, "draft": draft, "meeting_record": meeting,
               "agenda_item": (record["agenda"] or "").strip() or None,
               "crisis_topic": (record["short_agenda"] or "").strip() or None, "region": None,
               "single_veto": int(len(names) == 1), "multiple_vetoes": int(len(names) > 1)}
        row.update({f"member_veto{i}": names[i - 1] if i <= len(names) else None for i in (1, 2, 3)})
        row.update({column: int(name in names) for name, column in MEMBER_COLUMNS.items()})
        row.update({column: int(set(names) == who) for column, who in COMBINATIONS.items()})
        rows.append(row)
    if earlier < COMPLETE * snapshot.num_rows:
        raise SchemaError(
            f"{SOURCE.name}: {where} lists {earlier} vetoed drafts up to {cutoff:%-d %B %Y}, where the World Politics "
            f"Data Lab's compilation of the same UN list has {snapshot.num_rows}: the file is not the UN's whole "
            "list (cut short, filtered, or another dataset). Nothing was changed; the previous data stays in use.")
    rows.sort(key=lambda r: (r["date"], r["draft"]))
    added = pa.Table.from_pylist(rows, schema=SCHEMA)
    table = pa.concat_tables([snapshot.select(SCHEMA.names).cast(SCHEMA), added])
    return report(table, rejects, SOURCE.name, where, strict=strict)


def load() -> list[Loaded]:
    """``unsc_vetoes``, from the snapshot or its refreshed copy (no unique key: see the module notes)."""
    return snapshot_tables(SOURCE, ("unsc_vetoes",))
