"""UN Security Council vetoes, 1946–2022 (World Politics Data Lab, from the UN Dag Hammarskjöld Library list).

Table ``unsc_vetoes``, one row per vetoed draft resolution: ``year``, ``date``, ``month``, ``draft``
(symbol, e.g. ``S/2022/155``), ``meeting_record`` (``S/PV.…``), ``agenda_item``, ``crisis_topic``,
``region``, ``member_veto1..3`` (names of the members that vetoed), ``single_veto``/``multiple_vetoes``
(0/1), a 0/1 column per permanent member (``china``, ``france``, ``russia`` for the Russian Federation
from 1992, ``ussr`` for the Soviet Union, ``usa``, ``uk``) and combination dummies (``russia_china``,
``usa_uk``, ``usa_france``, ``usa_france_uk``, ``france_uk``).

Coverage: 214 vetoed drafts from 16 February 1946 to 8 July 2022. **Vetoes after 8 July 2022 are
not here.**

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

import pyarrow as pa
import pyarrow.parquet as pq

from entente.sources import Citation, Loaded, Source, Upstream, snapshot_tables
from entente.sources._parsing import conform, read_delimited

ORDER = 80

SOURCE = Source(
    name="unsc_vetoes",
    title="Vetoes in the UN Security Council, 1946–2022 (World Politics Data Lab)",
    version="1946 – Sept 2022 (world-politics-datalab/vetoes-un-security-council @661c524)",
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
    upstream=(
        Upstream("https://raw.githubusercontent.com/world-politics-datalab/vetoes-un-security-council/"
                 "661c5246872143cf16e500e4e7f2f70a45df5ac8/unsc_vetoes_1946_sept2022.csv",
                 "unsc_vetoes_1946_sept2022.csv", format="csv"),
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
    """Read ``unsc_vetoes_1946_sept2022.csv``: comma-separated with a header, dates as ``M/D/YYYY``.

    Column names are lower-cased (the file has ``China``, ``USSR``, …); empty fields become null.
    Malformed lines are left out and reported (see :mod:`entente.sources._parsing`); ``strict=True``
    raises instead.
    """
    frame, rejects = read_delimited(path, SOURCE.name)
    frame.columns = [c if c == "_line" else c.strip().lower() for c in frame.columns]
    for column in frame.columns:
        if column != "_line":
            frame[column] = frame[column].mask(frame[column].str.strip() == "")
    return conform(frame, SCHEMA, SOURCE.name, Path(path).name, rejects=rejects, strict=strict,
                   date_formats={"date": "%m/%d/%Y"})


def load() -> list[Loaded]:
    """``unsc_vetoes``, from the snapshot (no unique key: see the module notes)."""
    return snapshot_tables(SOURCE, ("unsc_vetoes",))